#include "cmd.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg situation add D --source police|district|survey --title T [--area A]...\n"
	"                 [--share X] [--group residents|businesses|associations]\n"
	"                 [--index X] [--note T] [--date DATE] [WRITE OPTIONS]\n"
	"       trygg situation import D --source survey FILE.csv [--encoding ENC]\n"
	"                 [--group G] [--date DATE] [WRITE OPTIONS]\n"
	"       trygg situation merge D|--all [WRITE OPTIONS]\n"
	"       trygg situation merge D|--all --suggest\n"
	"       trygg situation decide D S --decision prioritised|watch|not_prioritised\n"
	"                 [--rank N] [--rationale T] [--date DATE] [--by WHO] [WRITE OPTIONS]\n"
	"       trygg situation show D [--format text|md|html|csv|json] [--format-version 1]\n"
	"                           [--lang sv|en]\n"
	"\n"
	"Add an item to one source's situation picture of district D.  --share is\n"
	"the share of respondents calling it a big problem: 0.41, 0,41, 41% or\n"
	"41 %.  Prints the item's place, SOURCE:N (its number in that picture).\n"
	"\n"
	"import reads a survey export: columns problem, område/area, grupp/group,\n"
	"andel/share, index, antal/respondents (Swedish or English names).\n"
	"merge writes situation.joint: one item per problem named by any source;\n"
	"prints the joint IDs.  merge --suggest writes nothing: it lists titles\n"
	"that are likely the same problem (the same stems, a small edit apart),\n"
	"as lines to add under 'synonyms' in trygg.yaml.  decide records the\n"
	"analysis step on joint item S (schema trygg/2): whether the district works\n"
	"on it, its rank, why, and when (default today) and by whom it was decided;\n"
	"--decision also takes prioriterad, bevakas, ej prioriterad.  show prints the three\n"
	"pictures and the joint one (the same as 'trygg report situation D').\n";

struct sit_args {
	int source;
	const char *date;
	struct tg_val *item;
	const char **areas;
	size_t n_areas;
};

static enum tg_status do_add(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	struct sit_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	const char *src = tg_source_names[a->source];
	for (size_t i = 0; p->areas.node && i < a->n_areas; i++) {
		bool found = false;
		for (size_t j = 0; j < p->areas.n && !found; j++)
			found = !strcmp(p->areas.v[j], a->areas[i]);
		if (!found) {
			struct buf hint = BUF_INIT;
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is not one of %s's areas%s", a->areas[i], p->district,
				    did_you_mean(&hint, a->areas[i],
						    p->areas.v ? p->areas.v : (const char *[]){ NULL }));
			buf_release(&hint);
			return TG_EUSAGE;
		}
	}
	struct tg_val *item = a->item;
	a->item = NULL;
	const struct tg_source *s = &p->sources[a->source];
	enum tg_status st;
	size_t n = s->node && s->node->kind == TG_MAP ? s->n_items + 1 : 1;
	if (!p->situation || p->situation->kind != TG_MAP) {
		struct tg_val *block = tg_val_map();
		if (a->date)
			tg_val_put(block, "date", tg_val_raw(a->date));
		tg_val_put(block, "problems", tg_val_push(tg_val_list(), item));
		st = tg_edit_set(e, p->doc->root, "situation",
				 tg_val_put(tg_val_map(), src, block), d);
	} else if (!s->node || s->node->kind != TG_MAP) {
		struct tg_val *block = tg_val_map();
		if (a->date)
			tg_val_put(block, "date", tg_val_raw(a->date));
		tg_val_put(block, "problems", tg_val_push(tg_val_list(), item));
		st = tg_edit_set(e, p->situation, src, block, d);
	} else {
		st = a->date ? tg_edit_set(e, s->node, "date", tg_val_raw(a->date), d) : TG_OK;
		if (!st)
			st = tg_edit_append(e, tg_edit_plan(e)->sources[a->source].node, "problems", item, d);
		else
			tg_val_free(item);
	}
	if (!st)
		buf_addf(ids, "%s:%zu\n", src, n);
	return st;
}

static int situation_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_SOURCE = 0x300, OPT_TITLE, OPT_AREA, OPT_SHARE, OPT_GROUP, OPT_INDEX, OPT_NOTE,
	       OPT_DATE };
	static const struct opt opts[] = {
		OPT_STRING("source", OPT_SOURCE, "S", "the picture: police, district or survey"),
		OPT_STRING("title", OPT_TITLE, "T", "the problem, in a few words"),
		OPT_STRING("area", OPT_AREA, "A", "an area of the district (may be repeated)"),
		OPT_STRING("share", OPT_SHARE, "X", "the share of respondents calling it a big problem"),
		OPT_STRING("group", OPT_GROUP, "G", "residents, businesses or associations"),
		OPT_STRING("index", OPT_INDEX, "X", "the Police's problem index, from 0 to 6"),
		OPT_STRING("note", OPT_NOTE, "T", "a note"),
		OPT_STRING("date", OPT_DATE, "DATE", "the date of the source's picture"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct sit_args a = { .source = -1 };
	const char *title = NULL, *group = NULL, *share = NULL, *index = NULL, *note = NULL;
	a.areas = xcalloc((size_t)argc + 1, sizeof *a.areas);
	int status = 0, o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		const char *val = p.value;
		switch (o) {
		case OPT_SOURCE:
			if (!parse_value("source", val, tg_source_names, &a.source))
				p.status = bad_value(usage, "--source", val, tg_source_names);
			break;
		case OPT_TITLE: title = val; break;
		case OPT_AREA: a.areas[a.n_areas++] = val; break;
		case OPT_SHARE: share = val; break;
		case OPT_GROUP: group = val; break;
		case OPT_INDEX: index = val; break;
		case OPT_NOTE: note = val; break;
		case OPT_DATE: a.date = val; break;
		}
	}
	double sv = 0, iv = 0;
	char num[32];
	int g;
	if (p.status)
		status = p.status;
	else if (p.nargs != 1)
		status = usage_error(usage, "situation add takes one district");
	else if (a.source < 0 || !title || !*title)
		status = usage_error(usage, "situation add needs --source and --title");
	else if (share && !tg_parse_share(share, &sv))
		status = usage_error(usage, "--share must be a share like 0.41, 0,41 or 41%%, not '%s'", share);
	else if (index && (!tg_parse_decimal(index, &iv) || iv < 0 || iv > 6))
		status = usage_error(usage, "--index must be a number from 0 to 6, not '%s'", index);
	else if (group && !parse_enum(group = typed_word("group", group), tg_group_names, &g))
		status = bad_value(usage, "--group", group, tg_group_names);
	else if (a.date && !tg_is_date(a.date))
		status = usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)", a.date);
	if (!status) {
		a.item = tg_val_put(tg_val_map(), "title", tg_val_text(title));
		if (a.n_areas) {
			struct tg_val *l = tg_val_list();
			for (size_t i = 0; i < a.n_areas; i++)
				tg_val_push(l, tg_val_text(a.areas[i]));
			tg_val_put(a.item, "areas", l);
		}
		if (group)
			tg_val_put(a.item, "group", tg_val_raw(group));
		if (share) {
			snprintf(num, sizeof num, "%g", sv);
			tg_val_put(a.item, "share", tg_val_raw(num));
		}
		if (index) {
			snprintf(num, sizeof num, "%g", iv);
			tg_val_put(a.item, "index", tg_val_raw(num));
		}
		if (note)
			tg_val_put(a.item, "note", tg_val_text(note));
		status = write_plan(ctx, p.args[0], &w, do_add, &a);
	}
	tg_val_free(a.item);
	free(a.areas);
	return OPT_STATUS(status);
}

/* ---- decide -------------------------------------------------------- */

static enum tg_status do_decide(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	(void)ids;
	return tg_edit_decide(e, arg, d);
}

static int situation_decide(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_DECISION = 0x300, OPT_RANK, OPT_RATIONALE, OPT_DATE, OPT_BY };
	static const struct opt opts[] = {
		OPT_STRING("decision", OPT_DECISION, "D", "prioritised, watch or not_prioritised"),
		OPT_STRING("rank", OPT_RANK, "N", "its place among the prioritised, 1 first"),
		OPT_STRING("rationale", OPT_RATIONALE, "T", "why"),
		OPT_STRING("date", OPT_DATE, "DATE", "when it was decided (default today)"),
		OPT_STRING("by", OPT_BY, "WHO", "who decided: Styrgruppen"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_decide a = { 0 };
	const char *decision = NULL, *rank = NULL;
	char day[11];
	int o, status = 0;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		switch (o) {
		case OPT_DECISION: decision = p.value; break;
		case OPT_RANK: rank = p.value; break;
		case OPT_RATIONALE: a.rationale = p.value; break;
		case OPT_DATE: a.date = p.value; break;
		case OPT_BY: a.by = p.value; break;
		}
	}
	const struct tg_key *key = tg_schema_key(&tg_schema_joint, "decision");
	const struct tg_key *ranks = tg_schema_key(&tg_schema_joint, "rank");
	int k = decision ? tg_schema_word(key, decision) : -1;
	char *end = NULL;
	long r = rank ? strtol(rank, &end, 10) : 0;
	if (p.status)
		status = p.status;
	else if (p.nargs != 2)
		status = usage_error(usage, "situation decide takes a district and a joint item (S<n>)");
	else if (!decision)
		status = usage_error(usage, "situation decide needs --decision");
	else if (k < 0)
		status = bad_value(usage, "--decision", decision, key->values);
	else if (rank && (!*rank || *end || r < ranks->min || r > ranks->max))
		status = usage_error(usage, "--rank must be a whole number from %.0f to %.0f, not '%s'",
				     ranks->min, ranks->max, rank);
	else if (a.date && !tg_is_date(a.date))
		status = usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)", a.date);
	if (!status) {
		if (!a.date) {
			today(day);
			a.date = day;
		}
		a.joint_id = p.args[1];
		a.decision = (enum tg_decision)(k + 1);
		a.rank = (int)r;
		status = write_plan(ctx, p.args[0], &w, do_decide, &a);
	}
	return OPT_STATUS(status);
}

/* ---- merge --------------------------------------------------------- */

static enum tg_status do_merge(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	enum tg_status st = tg_edit_merge(e, arg, d);
	const struct tg_plan *p = tg_edit_plan(e);
	for (size_t j = 0; !st && j < p->n_joint; j++)
		buf_addf(ids, "%s\n", p->joint[j].id);
	return st;
}

/* situation merge --suggest: one district's likely synonyms on stdout,
 * under a comment naming the district when there are several. */
static int suggest(struct cmd_ctx *ctx, const char *district, bool named)
{
	struct tg_diags d = TG_DIAGS_INIT;
	char *path = tg_workspace_district_path(ctx->ws, district, &d);
	struct tg_plan *p = NULL;
	enum tg_status st = path ? tg_plan_load(path, ctx->cfg, &p, &d) : TG_ENOINPUT;
	print_diags(&d);
	tg_diags_release(&d);
	free(path);
	if (st)
		return st;
	struct buf out = BUF_INIT;
	if (tg_merge_suggest(p, ctx->cfg, &out) && named)
		printf("# %s\n", p->district);
	fputs(out.s, stdout);
	buf_release(&out);
	tg_plan_free(p);
	return 0;
}

/* One district's merge, or its suggestions (named: --all, which says
 * whose they are). */
struct merge_each {
	const struct write_opts *w;
	bool suggestions, all;
};

static int merge_one(struct cmd_ctx *ctx, const char *district, void *arg)
{
	const struct merge_each *m = arg;
	return m->suggestions ? suggest(ctx, district, m->all)
			      : write_plan(ctx, district, m->w, do_merge, ctx->cfg);
}

static int situation_merge(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_ALL = 0x300, OPT_SUGGEST };
	static const struct opt opts[] = {
		OPT_BOOL("all", OPT_ALL, "every district"),
		OPT_BOOL("suggest", OPT_SUGGEST, "list likely synonyms instead of merging"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	bool all = false, suggestions = false;
	int o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_ALL)
			all = true;
		else
			suggestions = true;
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (all == (p.nargs == 1) || p.nargs > 1)
		return usage_error(usage, "situation merge takes one district or --all");
	int status = need_workspace(ctx);
	if (status)
		return status;
	struct merge_each m = { &w, suggestions, all };
	return all ? each_district(ctx, merge_one, &m) : merge_one(ctx, p.args[0], &m);
}

int situation_import(int argc, char **argv, struct cmd_ctx *ctx);

static int situation_show(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_LANG = 0x300 };
	static const struct opt opts[] = {
		OPT_STRING("format", OPT_FORMAT, "F", "text (default), md, html, csv or json"),
		OPT_STRING("format-version", OPT_FORMAT_VERSION, "1", "the JSON contract's version "
			   "(the only one so far)"),
		OPT_STRING("lang", OPT_LANG, "L", "the labels' language: sv or en"),
		OPT_END,
	};
	static const char *const langs[] = { "sv", "en", NULL };
	struct tg_report_opts o = { .kind = TG_REPORT_SITUATION, .format = TG_FMT_TEXT };
	int o_, k, status;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while ((o_ = opt_next(&p)) != -1) {
		if (o_ == OPT_FORMAT && !parse_enum(p.value, tg_format_names, &k))
			return bad_value(usage, "--format", p.value, tg_format_names);
		if (o_ == OPT_FORMAT)
			o.format = k;
		else if (o_ == OPT_FORMAT_VERSION && (status = check_format_version(usage, p.value)))
			return status;
		else if (o_ == OPT_FORMAT_VERSION)
			continue;
		else if (!parse_enum(p.value, langs, &k))   /* the parser set the language */
			return bad_value(usage, "--lang", p.value, langs);
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 1)
		return usage_error(usage, "situation show takes one district");
	if ((status = need_workspace(ctx)))
		return status;
	o.english = lang_english();
	return run_report(ctx, p.args[0], &o, NULL, 0, false, false);
}

int cmd_situation(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add", situation_add, usage },
		{ "import", situation_import, usage },
		{ "merge", situation_merge, usage },
		{ "decide", situation_decide, usage },
		{ "show", situation_show, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("situation", verbs, usage, argc, argv, ctx);
}
