#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg plan add-problem D --title T [--id P<n>] [--situation S<n>] [--cause C]...\n"
	"                  [--goal G] [--subgoal S]... [--strategic-area N]... [WRITE OPTIONS]\n"
	"       trygg plan add-measure D --problem P --text T --phase 1|2|3 [--id P<n>.M<k>]\n"
	"                  [--term short|long|mobilisation] [--kind situational|social]\n"
	"                  [--responsible R]... [--due DATE] [--status S] [--strategic-area N]...\n"
	"                  [WRITE OPTIONS]\n"
	"       trygg plan set D ID KEY=VALUE... [WRITE OPTIONS]\n"
	"       trygg plan rm D ID [--force] [WRITE OPTIONS]\n"
	"       trygg plan import D FILE.csv [--encoding ENC] [WRITE OPTIONS]\n"
	"\n"
	"Change district D's action plan.  Each command prints the ID it made or\n"
	"changed, alone on its line.  KEY is one of text, phase, term, kind,\n"
	"responsible (comma-separated), due, status, strategic_areas (a measure's)\n"
	"or title, situation, goal, strategic_areas (a problem's); KEY= removes it.\n"
	"\n"
	"WRITE OPTIONS:\n"
	"  --dry-run             print the change as a unified diff, write nothing\n"
	"  --lock-timeout SECS   wait this long for another writer (default 10)\n";

/* Fields gathered from options, one list per repeatable option. */
struct item_args {
	const char *district;
	const char *problem, *id;
	struct tg_val *map;          /* the new item, in key order */
	struct tg_val *lists[4];     /* causes/responsible, subgoals, strategic areas */
};

static int add_list_item(struct tg_val **list, const char *key, const char *value,
			 const struct tg_config *cfg)
{
	char *err = field_check(key, value, cfg);
	if (err) {
		int st = usage_error(usage, "%s", err);
		free(err);
		return st;
	}
	if (!*list)
		*list = tg_val_list();
	tg_val_push(*list, field_val(key, value));
	return 0;
}

static int put_field(struct tg_val *map, const char *key, const char *value,
		     const struct tg_config *cfg)
{
	char *err = field_check(key, value, cfg);
	if (err) {
		int st = usage_error(usage, "%s", err);
		free(err);
		return st;
	}
	tg_val_put(map, key, field_val(key, value));
	return 0;
}

static bool joint_exists(const struct tg_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_joint; i++)
		if (p->joint[i].id && !strcmp(p->joint[i].id, id))
			return true;
	return false;
}

/* The new item's id: the one asked for, or the next free number. */
static char *new_id(const struct tg_plan *p, const struct tg_problem *pr, const char *asked,
		    struct tg_diags *d)
{
	if (asked) {
		if (!tg_id_free(p, asked)) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "id '%s' is taken in %s", asked, p->district);
			return NULL;
		}
		return xstrdup(asked);
	}
	return tg_id_new(p, pr, d);
}

static enum tg_status do_add_problem(struct tg_edit *e, void *arg, struct buf *ids,
				     struct tg_diags *d)
{
	struct item_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	const char *sit = tg_val_get(a->map, "situation") ? tg_val_get(a->map, "situation")->str : NULL;
	if (sit && !joint_exists(p, sit))
		return no_such(d, p, "joint situation item", sit);
	if (a->id && !tg_id_is(a->id, "P")) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "id '%s' is not of the form P<number>", a->id);
		return TG_EUSAGE;
	}
	char *id = new_id(p, NULL, a->id, d);
	if (!id)   /* taken, or the numbers used up */
		return a->id ? TG_EUSAGE : TG_EDATA;
	struct tg_val *item = item_with_id(id, a->map);
	a->map = NULL;
	buf_addf(ids, "%s\n", id);
	free(id);
	return tg_edit_append(e, p->doc->root, "problems", item, d);
}

static enum tg_status do_add_measure(struct tg_edit *e, void *arg, struct buf *ids,
				     struct tg_diags *d)
{
	struct item_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	struct tg_problem *pr = tg_plan_problem(p, a->problem);
	if (!pr)
		return no_such(d, p, "problem", a->problem);
	if (a->id && !tg_child_id_is(a->id, pr->id, 'M')) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "id '%s' is not of the form %s.M<number>", a->id, pr->id);
		return TG_EUSAGE;
	}
	char *id = new_id(p, pr, a->id, d);
	if (!id)   /* taken, or the numbers used up */
		return a->id ? TG_EUSAGE : TG_EDATA;
	struct tg_val *item = item_with_id(id, a->map);
	a->map = NULL;
	buf_addf(ids, "%s\n", id);
	free(id);
	return tg_edit_append(e, pr->node, "measures", item, d);
}

static int plan_add(int argc, char **argv, struct cmd_ctx *ctx, bool measure)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'x' },
		{ "id", required_argument, NULL, 'i' },
		{ "situation", required_argument, NULL, 's' },
		{ "cause", required_argument, NULL, 'c' },
		{ "goal", required_argument, NULL, 'g' },
		{ "subgoal", required_argument, NULL, 'u' },
		{ "strategic-area", required_argument, NULL, 'a' },
		{ "problem", required_argument, NULL, 'p' },
		{ "phase", required_argument, NULL, 'f' },
		{ "term", required_argument, NULL, 'T' },
		{ "kind", required_argument, NULL, 'k' },
		{ "responsible", required_argument, NULL, 'r' },
		{ "due", required_argument, NULL, 'd' },
		{ "status", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		WRITE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	/* which options belong to which verb */
	static const char problem_opts[] = "tiscgua";
	static const char measure_opts[] = "xipfTkrdSa";
	struct item_args a = { .map = tg_val_map() };
	struct tg_val *causes = NULL, *subgoals = NULL, *areas = NULL, *resp = NULL;
	struct write_opts w;
	write_opts_init(&w);
	int status = 0, o;
	const char *verb = measure ? "add-measure" : "add-problem";
	OPT_START();
	while ((o = next_option(argc, argv, ":h", opts, usage, &w, &status)) != -1) {
		if (!strchr(measure ? measure_opts : problem_opts, o)) {
			const struct option *opt = opts;
			while (opt->name && opt->val != o)
				opt++;
			status = usage_error(usage, "%s does not take --%s", verb, opt->name);
			break;
		}
		/* the values are checked against trygg.yaml as they come */
		if ((status = need_workspace(ctx)))
			break;
		switch (o) {
		case 't': status = put_field(a.map, "title", optarg, ctx->cfg); break;
		case 'x': status = put_field(a.map, "text", optarg, ctx->cfg); break;
		case 'i': a.id = optarg; break;
		case 's': status = put_field(a.map, "situation", optarg, ctx->cfg); break;
		case 'c': status = add_list_item(&causes, "causes", optarg, ctx->cfg); break;
		case 'g': status = put_field(a.map, "goal", optarg, ctx->cfg); break;
		case 'u': status = add_list_item(&subgoals, "subgoals", optarg, ctx->cfg); break;
		case 'a': status = add_list_item(&areas, "strategic_areas", optarg, ctx->cfg); break;
		case 'p': a.problem = optarg; break;
		case 'f': status = put_field(a.map, "phase", optarg, ctx->cfg); break;
		case 'T': status = put_field(a.map, "term", optarg, ctx->cfg); break;
		case 'k': status = put_field(a.map, "kind", optarg, ctx->cfg); break;
		case 'r': status = add_list_item(&resp, "responsible", optarg, ctx->cfg); break;
		case 'd': status = put_field(a.map, "due", optarg, ctx->cfg); break;
		case 'S': status = put_field(a.map, "status", optarg, ctx->cfg); break;
		}
	}
	if (!status && argc - optind != 1)
		status = usage_error(usage, "%s takes one district", verb);
	else if (!status && !measure && !tg_val_get(a.map, "title"))
		status = usage_error(usage, "add-problem needs --title");
	else if (!status && measure && (!a.problem || !tg_val_get(a.map, "text") ||
					!tg_val_get(a.map, "phase")))
		status = usage_error(usage, "add-measure needs --problem, --text and --phase");
	if (!status) {
		if (causes)
			tg_val_put(a.map, "causes", causes);
		if (subgoals)
			tg_val_put(a.map, "subgoals", subgoals);
		if (resp)
			tg_val_put(a.map, "responsible", resp);
		if (areas)
			tg_val_put(a.map, "strategic_areas", areas);
		causes = subgoals = resp = areas = NULL;
		warn_unknown_organisations(ctx->cfg, tg_val_get(a.map, "responsible"));
		status = write_plan(ctx, argv[optind], &w, measure ? do_add_measure : do_add_problem, &a);
	}
	tg_val_free(causes);
	tg_val_free(subgoals);
	tg_val_free(resp);
	tg_val_free(areas);
	tg_val_free(a.map);
	return OPT_STATUS(status);
}

static int plan_add_problem(int argc, char **argv, struct cmd_ctx *ctx)
{
	return plan_add(argc, argv, ctx, false);
}

static int plan_add_measure(int argc, char **argv, struct cmd_ctx *ctx)
{
	return plan_add(argc, argv, ctx, true);
}

/* ---- set ------------------------------------------------------------- */

struct set_args {
	const char *id;
	char **pairs;
	size_t n;
	const struct tg_config *cfg;
};

static enum tg_status do_set(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	struct set_args *a = arg;
	for (size_t i = 0; i < a->n; i++) {
		const struct tg_plan *p = tg_edit_plan(e);
		bool is_measure;
		const struct tg_node *node = find_item(p, a->id, &is_measure);
		if (!node)
			return no_such(d, p, "problem or measure", a->id);
		const char *const *keys = is_measure ? measure_fields : problem_fields;
		char *key = xstrdup(a->pairs[i]);
		char *value = strchr(key, '=');
		*value++ = '\0';
		enum tg_status st = TG_OK;
		int k;
		if (!parse_enum(key, keys, &k)) {
			char *list = enum_list(keys);
			const char *s = tg_suggest(key, keys);
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "a %s has no key '%s'%s%s%s (keys: %s)",
				    is_measure ? "measure" : "problem", key, s ? " (did you mean '" : "",
				    s ? s : "", s ? "'?)" : "", list);
			free(list);
			st = TG_EUSAGE;
		} else if (!*value && field_required(key)) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is required and cannot be removed", key);
			st = TG_EUSAGE;
		} else if (!*value) {
			st = tg_edit_unset(e, node, key, d);
		} else {
			char *err = NULL;
			struct tg_val *v = field_is_list(key) ? field_list(key, value, ',', a->cfg, &err)
							      : NULL;
			if (!field_is_list(key) && !(err = field_check(key, value, a->cfg)))
				v = field_val(key, value);
			if (!err && !strcmp(key, "situation") && !joint_exists(p, value)) {
				tg_val_free(v);
				err = xasprintf("no joint situation item '%s' in %s", value, p->district);
			}
			if (err) {
				tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s", err);
				free(err);
				st = TG_EUSAGE;
			} else {
				if (!strcmp(key, "responsible"))
					warn_unknown_organisations(a->cfg, v);
				st = tg_edit_set(e, node, key, v, d);
			}
		}
		free(key);
		if (st)
			return st;
	}
	buf_addf(ids, "%s\n", a->id);
	return TG_OK;
}

static int plan_set(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		WRITE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct write_opts w;
	write_opts_init(&w);
	int status = 0, o;
	OPT_START();
	while ((o = next_option(argc, argv, ":h", opts, usage, &w, &status)) != -1)
		;
	if (status)
		return OPT_STATUS(status);
	if (argc - optind < 3)
		return usage_error(usage, "plan set needs D, ID and at least one KEY=VALUE");
	for (int i = optind + 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (!eq || argv[i][0] == '=')
			return usage_error(usage, "'%s' is not KEY=VALUE", argv[i]);
		char what[80];
		snprintf(what, sizeof what, "the value of '%.*s'", (int)(eq - argv[i] > 40 ? 40 : eq - argv[i]),
			 argv[i]);
		if ((status = check_text(usage, what, eq + 1)))
			return status;
	}
	if ((status = need_workspace(ctx)))
		return status;
	struct set_args a = { argv[optind + 1], argv + optind + 2, (size_t)(argc - optind - 2), ctx->cfg };
	return write_plan(ctx, argv[optind], &w, do_set, &a);
}

/* ---- rm ---------------------------------------------------------------- */

struct rm_args {
	const char *id;
	bool force;
};

/* Index of s in a string list node, or -1. */
static long index_in(const struct tg_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return (long)i;
	return -1;
}

static enum tg_status do_rm(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	struct rm_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	struct tg_problem *pr = tg_plan_problem(p, a->id);
	if (pr) {
		if (pr->n_measures && !a->force) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s has %zu measure%s; remove them first, or use --force to remove "
				    "the problem with them", a->id, pr->n_measures,
				    pr->n_measures == 1 ? "" : "s");
			return TG_EUSAGE;
		}
		size_t index = (size_t)(pr - p->problems);
		enum tg_status st = tg_edit_remove(e, p->problems_node, index, d);
		if (!st)
			buf_addf(ids, "%s\n", a->id);
		return st;
	}
	if (!tg_plan_measure(p, a->id, &pr))
		return no_such(d, p, "problem or measure", a->id);
	/* follow-ups that name the measure */
	size_t named = 0;
	for (size_t f = 0; f < pr->n_followups; f++)
		if (index_in(&pr->followups[f].measures, a->id) >= 0) {
			named++;
			if (!a->force)
				tg_diag_node(d, TG_SEV_ERROR, p->doc, pr->followups[f].measures.node,
					     "the follow-up of %s names %s",
					     pr->followups[f].date ? pr->followups[f].date : "?", a->id);
		}
	if (named && !a->force) {
		tg_diag_add(d, TG_SEV_NOTE, NULL, 0, 0, NULL, 0, 0,
			    "use --force to remove %s and its mentions in follow-ups", a->id);
		return TG_EUSAGE;
	}
	const char *pid = pr->id;
	char *problem_id = xstrdup(pid);
	enum tg_status st = TG_OK;
	for (;;) {     /* one mention at a time: each edit makes a new plan */
		p = tg_edit_plan(e);
		pr = tg_plan_problem(p, problem_id);
		long at = -1;
		size_t f = 0;
		for (; f < pr->n_followups && at < 0; f++)
			at = index_in(&pr->followups[f].measures, a->id);
		if (at < 0)
			break;
		st = tg_edit_remove(e, pr->followups[f - 1].measures.node, (size_t)at, d);
		if (st)
			break;
	}
	if (!st) {
		p = tg_edit_plan(e);
		struct tg_measure *m = tg_plan_measure(p, a->id, &pr);
		const struct tg_node *seq = m->node->parent;
		st = tg_edit_remove(e, seq, (size_t)(m - pr->measures), d);
	}
	free(problem_id);
	if (!st)
		buf_addf(ids, "%s\n", a->id);
	return st;
}

static int plan_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		WRITE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct write_opts w;
	write_opts_init(&w);
	struct rm_args a = { 0 };
	int status = 0, o;
	OPT_START();
	while ((o = next_option(argc, argv, ":hf", opts, usage, &w, &status)) != -1)
		a.force = true;
	if (status)
		return OPT_STATUS(status);
	if (argc - optind != 2)
		return usage_error(usage, "plan rm takes D and ID");
	a.id = argv[optind + 1];
	return write_plan(ctx, argv[optind], &w, do_rm, &a);
}

int plan_import(int argc, char **argv, struct cmd_ctx *ctx);

int cmd_plan(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add-problem", plan_add_problem, usage },
		{ "add-measure", plan_add_measure, usage },
		{ "set", plan_set, usage },
		{ "rm", plan_rm, usage },
		{ "import", plan_import, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("plan", verbs, usage, argc, argv, ctx);
}
