/* trygg situation import: a survey export (CSV) into one source's picture.
 * Rows of the same problem and group become one item; importing the same
 * file again changes nothing. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg situation import D --source survey FILE.csv [--encoding ENC]\n"
	"                 [--group G] [--date DATE] [WRITE OPTIONS]\n"
	"\n"
	"Columns (any case, Swedish or English): problem; område/area;\n"
	"grupp/group (boende/residents, näringsidkare/businesses,\n"
	"föreningar/associations); andel/share (0.41, 0,41, 41 %); index (0-6);\n"
	"antal/respondents.  Separator ',', ';' or tab.  An area of 'samtliga'\n"
	"or 'alla' means all the district's areas.  Text: UTF-8, or UTF-16 with a\n"
	"byte order mark; --encoding windows-1252 for other files (a name ending\n"
	"in '!' converts even a file that is valid UTF-8).\n";

enum col { COL_PROBLEM, COL_AREA, COL_GROUP, COL_SHARE, COL_INDEX, COL_RESP, NCOLS };

static const struct { const char *name; enum col col; } headers[] = {
	{ "problem", COL_PROBLEM }, { "titel", COL_PROBLEM }, { "title", COL_PROBLEM },
	{ "område", COL_AREA }, { "omrade", COL_AREA }, { "area", COL_AREA },
	{ "grupp", COL_GROUP }, { "group", COL_GROUP },
	{ "andel", COL_SHARE }, { "share", COL_SHARE },
	{ "index", COL_INDEX }, { "problemindex", COL_INDEX },
	{ "antal", COL_RESP }, { "respondents", COL_RESP }, { "antal svarande", COL_RESP },
};

static const struct { const char *name; enum tg_group group; } groups[] = {
	{ "boende", TG_RESIDENTS }, { "residents", TG_RESIDENTS },
	{ "näringsidkare", TG_BUSINESSES }, { "businesses", TG_BUSINESSES },
	{ "föreningar", TG_ASSOCIATIONS }, { "associations", TG_ASSOCIATIONS },
};

struct item {
	char *title, *key;
	enum tg_group group;
	const char **areas;
	size_t n_areas;
	bool all_areas;
	bool has_share, has_index;
	double share, index;
	size_t line;
	int area_col;
	size_t *area_line;         /* the line each area came from, for errors */
};

struct import_args {
	const char *path;
	int source;
	const char *date;
	struct item *items;
	size_t n;
	long respondents[4];
};

static bool find_group(const char *s, enum tg_group *g)
{
	char *f = tg_fold_title(s);
	bool found = false;
	for (size_t i = 0; i < sizeof groups / sizeof *groups && !found; i++)
		if (!strcmp(f, groups[i].name)) {
			*g = groups[i].group;
			found = true;
		}
	free(f);
	return found;
}

static void row_error(struct tg_diags *d, const char *path, size_t line, int col,
		      const char *fmt, const char *value)
{
	tg_diag_add(d, TG_SEV_ERROR, path, (unsigned)line, (unsigned)col + 1, NULL, 0, 0, fmt, value);
}

static const char *cell(const struct tg_csv_row *r, int f)
{
	return f >= 0 && (size_t)f < r->n ? r->v[f] : "";
}

/* Read the rows into items (combined by problem and group). */
static enum tg_status read_rows(const struct tg_csv *csv, struct import_args *a,
				enum tg_group dflt, struct tg_diags *d)
{
	int col[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	const struct tg_csv_row *h = &csv->rows[0];
	struct buf unknown = BUF_INIT;
	const char *names[sizeof headers / sizeof *headers + 1];
	for (size_t k = 0; k < sizeof headers / sizeof *headers; k++)
		names[k] = headers[k].name;
	names[sizeof headers / sizeof *headers] = NULL;
	size_t errors = d->errors;
	for (size_t f = 0; f < h->n; f++) {
		char *name = tg_fold_title(h->v[f]);
		int known = -1;
		for (size_t k = 0; k < sizeof headers / sizeof *headers && known < 0; k++)
			if (!strcmp(name, headers[k].name))
				known = (int)headers[k].col;
		/* a column near a known name is a typo or a wrong encoding, not
		 * one to ignore */
		const char *near = known < 0 && *name ? tg_suggest(name, names) : NULL;
		if (near)
			tg_diag_add(d, TG_SEV_ERROR, a->path, (unsigned)h->line, (unsigned)f + 1, NULL, 0, 0,
				    "unknown column '%s' (did you mean '%s'?)", h->v[f], near);
		else if (known >= 0 && col[known] >= 0)
			tg_diag_add(d, TG_SEV_ERROR, a->path, (unsigned)h->line, (unsigned)f + 1, NULL, 0, 0,
				    "the column '%s' is column %d too", h->v[f], col[known] + 1);
		else if (known >= 0)
			col[known] = (int)f;
		else if (*name)
			buf_addf(&unknown, "%s'%s'", unknown.len ? ", " : "", h->v[f]);
		free(name);
	}
	if (unknown.len && d->errors == errors)
		say("note: %s: ignoring column%s %s", a->path, strchr(unknown.s, ',') ? "s" : "",
		    unknown.s);
	buf_release(&unknown);
	if (col[COL_PROBLEM] < 0) {
		struct buf found = BUF_INIT;
		for (size_t f = 0; f < h->n; f++)
			buf_addf(&found, "%s%s", f ? "," : "", h->v[f]);
		tg_diag_add(d, TG_SEV_ERROR, a->path, (unsigned)h->line, 1, NULL, 0, 0,
			    "the header has no column 'problem' (found: %s)", found.s);
		buf_release(&found);
		return TG_EDATA;
	}
	if (d->errors > errors)
		return TG_EDATA;
	a->items = xcalloc(csv->n + 1, sizeof *a->items);
	for (int g = 0; g < 4; g++)
		a->respondents[g] = -1;
	for (size_t r = 1; r < csv->n; r++) {
		const struct tg_csv_row *row = &csv->rows[r];
		const char *title = cell(row, col[COL_PROBLEM]);
		while (*title == ' ')
			title++;
		if (!*title) {
			row_error(d, a->path, row->line, col[COL_PROBLEM], "problem is empty%s", "");
			continue;
		}
		enum tg_group g = dflt;
		const char *gs = cell(row, col[COL_GROUP]);
		if (*gs && !find_group(gs, &g)) {
			row_error(d, a->path, row->line, col[COL_GROUP],
				  "unknown group '%s' (expected boende/residents, näringsidkare/businesses "
				  "or föreningar/associations)", gs);
			continue;
		}
		double share = 0, index = 0;
		const char *ss = cell(row, col[COL_SHARE]), *is = cell(row, col[COL_INDEX]);
		if (*ss && !tg_parse_share(ss, &share)) {
			row_error(d, a->path, row->line, col[COL_SHARE],
				  "share must be 0.41, 0,41, 41 %% or the like, from 0 to 1, not '%s'", ss);
			continue;
		}
		if (*is && (!tg_parse_decimal(is, &index) || index < 0 || index > 6)) {
			row_error(d, a->path, row->line, col[COL_INDEX],
				  "index must be a number from 0 to 6, not '%s'", is);
			continue;
		}
		const char *rs = cell(row, col[COL_RESP]);
		if (*rs) {
			char *end;
			long n = strtol(rs, &end, 10);
			if (*end || n < 0) {
				row_error(d, a->path, row->line, col[COL_RESP],
					  "respondents must be a whole number, not '%s'", rs);
				continue;
			}
			if (g != TG_GROUP_NONE && n > a->respondents[g])
				a->respondents[g] = n;
		}
		char *key = tg_fold_title(title);
		struct item *it = NULL;
		for (size_t k = 0; k < a->n && !it; k++)
			if (a->items[k].group == g && !strcmp(a->items[k].key, key))
				it = &a->items[k];
		if (it) {
			free(key);
		} else {
			it = &a->items[a->n++];
			it->title = xstrdup(title);
			it->key = key;
			it->group = g;
			it->line = row->line;
			it->area_col = col[COL_AREA];
			it->areas = xcalloc(csv->n + 1, sizeof *it->areas);
			it->area_line = xcalloc(csv->n + 1, sizeof *it->area_line);
		}
		if (*ss && (!it->has_share || share > it->share)) {
			it->has_share = true;
			it->share = share;
		}
		if (*is && (!it->has_index || index > it->index)) {
			it->has_index = true;
			it->index = index;
		}
		const char *area = cell(row, col[COL_AREA]);
		char *fa = tg_fold_title(area);
		if (!strcmp(fa, "samtliga") || !strcmp(fa, "alla") || !strcmp(fa, "all") ||
		    !strcmp(fa, "samtliga områden") || !strcmp(fa, "all areas")) {
			it->all_areas = true;
		} else if (*area) {
			bool dup = false;
			for (size_t q = 0; q < it->n_areas && !dup; q++)
				dup = !strcmp(it->areas[q], area);
			if (!dup) {
				it->area_line[it->n_areas] = row->line;
				it->areas[it->n_areas++] = area;
			}
		}
		free(fa);
	}
	return d->errors > errors ? TG_EDATA : TG_OK;
}

static struct tg_val *item_areas(const struct item *it, const struct tg_plan *p)
{
	struct tg_val *l = tg_val_list();
	if (it->all_areas) {
		for (size_t i = 0; i < p->areas.n; i++)
			tg_val_push(l, tg_val_text(p->areas.v[i]));
		return l;
	}
	for (size_t i = 0; i < it->n_areas; i++)
		tg_val_push(l, tg_val_text(it->areas[i]));
	return l;
}

static struct tg_val *number_val(double v)
{
	char num[32];
	snprintf(num, sizeof num, "%g", v);
	return tg_val_raw(num);
}

/* Set key of map node to v unless it holds that already. */
static enum tg_status set_if_changed(struct tg_edit *e, const struct tg_node *map,
				     const char *key, struct tg_val *v, struct tg_diags *d)
{
	struct tg_val *now = tg_val_from_node(tg_map_get(map, key));
	bool same = now && tg_val_equal(now, v);
	tg_val_free(now);
	if (same) {
		tg_val_free(v);
		return TG_OK;
	}
	return tg_edit_set(e, map, key, v, d);
}

static const struct tg_sitem *existing(const struct tg_source *s, const struct item *it)
{
	for (size_t i = 0; i < s->n_items; i++) {
		if (s->items[i].group != it->group)
			continue;
		char *k = tg_fold_title(s->items[i].title);
		bool same = !strcmp(k, it->key);
		free(k);
		if (same)
			return &s->items[i];
	}
	return NULL;
}

static enum tg_status do_import(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	struct import_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	const char *src = tg_source_names[a->source];
	/* areas must be the district's */
	for (size_t k = 0; k < a->n; k++)
		for (size_t i = 0; i < a->items[k].n_areas; i++) {
			const char *area = a->items[k].areas[i];
			bool found = false;
			for (size_t j = 0; j < p->areas.n && !found; j++)
				found = !strcmp(p->areas.v[j], area);
			if (!found) {
				const char *s = p->areas.n ? tg_suggest(area, p->areas.v) : NULL;
				tg_diag_add(d, TG_SEV_ERROR, a->path,
					    (unsigned)a->items[k].area_line[i],
					    (unsigned)a->items[k].area_col + 1, NULL, 0, 0,
					    "area '%s' is not one of %s's areas%s%s%s", area, p->district,
					    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
			}
		}
	if (d->errors)
		return TG_EDATA;
	enum tg_status st = TG_OK;
	/* the source's block: made if missing */
	if (!p->situation || p->situation->kind != TG_MAP)
		st = tg_edit_set(e, p->doc->root, "situation",
				 tg_val_put(tg_val_map(), src, tg_val_map()), d);
	else if (!p->sources[a->source].node || p->sources[a->source].node->kind != TG_MAP)
		st = tg_edit_set(e, p->situation, src, tg_val_map(), d);
	if (!st && a->date)
		st = set_if_changed(e, tg_edit_plan(e)->sources[a->source].node, "date",
				    tg_val_raw(a->date), d);
	for (int g = 1; g < 4 && !st; g++) {
		if (a->respondents[g] < 0)
			continue;
		const struct tg_node *sn = tg_edit_plan(e)->sources[a->source].node;
		const struct tg_node *rn = tg_map_get(sn, "respondents");
		char num[32];
		snprintf(num, sizeof num, "%ld", a->respondents[g]);
		if (!rn || rn->kind != TG_MAP)
			st = tg_edit_set(e, sn, "respondents",
					 tg_val_put(tg_val_map(), tg_group_names[g], tg_val_raw(num)), d);
		else
			st = set_if_changed(e, rn, tg_group_names[g], tg_val_raw(num), d);
	}
	for (size_t k = 0; k < a->n && !st; k++) {
		const struct item *it = &a->items[k];
		p = tg_edit_plan(e);
		const struct tg_source *s = &p->sources[a->source];
		const struct tg_sitem *old = existing(s, it);
		size_t place = old ? (size_t)(old - s->items) + 1 : s->n_items + 1;
		if (old) {
			struct tg_val *areas = item_areas(it, p);
			if (areas->n)
				st = set_if_changed(e, old->node, "areas", areas, d);
			else
				tg_val_free(areas);
			if (!st && it->has_share)
				st = set_if_changed(e, existing(&tg_edit_plan(e)->sources[a->source], it)->node,
						    "share", number_val(it->share), d);
			if (!st && it->has_index)
				st = set_if_changed(e, existing(&tg_edit_plan(e)->sources[a->source], it)->node,
						    "index", number_val(it->index), d);
		} else {
			struct tg_val *m = tg_val_put(tg_val_map(), "title", tg_val_text(it->title));
			struct tg_val *areas = item_areas(it, p);
			if (areas->n)
				tg_val_put(m, "areas", areas);
			else
				tg_val_free(areas);
			if (it->group != TG_GROUP_NONE)
				tg_val_put(m, "group", tg_val_raw(tg_group_names[it->group]));
			if (it->has_share)
				tg_val_put(m, "share", number_val(it->share));
			if (it->has_index)
				tg_val_put(m, "index", number_val(it->index));
			st = tg_edit_append(e, s->node, "problems", m, d);
		}
		if (!st)
			buf_addf(ids, "%s:%zu\n", src, place);
	}
	return st;
}

int situation_import(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_SOURCE = 0x300, OPT_ENCODING, OPT_GROUP, OPT_DATE };
	static const struct opt opts[] = {
		OPT_STRING("source", OPT_SOURCE, "survey", "the picture the rows go to"),
		OPT_STRING("encoding", OPT_ENCODING, "ENC", "windows-1252 for a file in neither UTF-8 "
			   "nor UTF-16"),
		OPT_STRING("group", OPT_GROUP, "G", "the group of rows without one: residents, "
			   "businesses or associations"),
		OPT_STRING("date", OPT_DATE, "DATE", "the date of the survey"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct import_args a = { .source = -1 };
	const char *encoding = NULL, *group = NULL;
	enum tg_group dflt = TG_GROUP_NONE;
	int status, o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		switch (o) {
		case OPT_SOURCE:
			if (!parse_value("source", p.value, tg_source_names, &a.source))
				return bad_value(usage, "--source", p.value, tg_source_names);
			break;
		case OPT_ENCODING: encoding = p.value; break;
		case OPT_GROUP: group = p.value; break;
		case OPT_DATE: a.date = p.value; break;
		}
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 2)
		return usage_error(usage, "situation import takes D and FILE.csv");
	if (a.source < 0)
		return usage_error(usage, "situation import needs --source (survey)");
	if (group && !find_group(group, &dflt))
		return bad_value(usage, "--group", group, tg_group_names);
	if (a.date && !tg_is_date(a.date))
		return usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)", a.date);
	a.path = p.args[1];
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_csv *csv;
	status = tg_csv_read(a.path, encoding, &csv, &d);
	if (!status && csv->n == 0) {
		tg_diag_add(&d, TG_SEV_ERROR, a.path, 0, 0, NULL, 0, 0,
			    "the file is empty; expected a header such as problem;område;grupp;andel");
		status = TG_EDATA;
	}
	if (!status)
		status = read_rows(csv, &a, dflt, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!status)
		status = write_plan(ctx, p.args[0], &w, do_import, &a);
	for (size_t k = 0; k < a.n; k++) {
		free(a.items[k].title);
		free(a.items[k].key);
		free(a.items[k].areas);
		free(a.items[k].area_line);
	}
	free(a.items);
	tg_csv_free(csv);
	return status;
}
