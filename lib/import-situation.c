/* import-situation: `situation import`, a survey export (CSV) into one
 * source's picture.  The file is read a record at a time (lib/csvin.c) and
 * its rows are combined as they come, by problem and group, so the memory
 * held grows with the items and areas the file names, not with its rows;
 * then the picture is brought up to date with the items.  Importing the
 * same file again changes nothing. */
#include "priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col { COL_PROBLEM, COL_AREA, COL_GROUP, COL_SHARE, COL_INDEX, COL_RESP, NCOLS };

static const struct { const char *name; enum col col; } headers[] = {
	{ "problem", COL_PROBLEM }, { "titel", COL_PROBLEM }, { "title", COL_PROBLEM },
	{ "område", COL_AREA }, { "omrade", COL_AREA }, { "area", COL_AREA },
	{ "grupp", COL_GROUP }, { "group", COL_GROUP },
	{ "andel", COL_SHARE }, { "share", COL_SHARE },
	{ "index", COL_INDEX }, { "problemindex", COL_INDEX },
	{ "antal", COL_RESP }, { "respondents", COL_RESP }, { "antal svarande", COL_RESP },
};
#define NHEADERS (sizeof headers / sizeof *headers)

static const struct { const char *name; enum tg_group group; } groups[] = {
	{ "boende", TG_RESIDENTS }, { "residents", TG_RESIDENTS },
	{ "näringsidkare", TG_BUSINESSES }, { "businesses", TG_BUSINESSES },
	{ "föreningar", TG_ASSOCIATIONS }, { "associations", TG_ASSOCIATIONS },
};

/* One item of the file: the rows of one problem and group. */
struct item {
	char *title, *key;
	enum tg_group group;
	char **areas;              /* in the order of the file, each once */
	size_t *area_line;         /* the line each area came from, for errors */
	double *area_share;        /* the highest share of each area's rows, */
	bool *area_has_share;      /* when one has a share (by_area, trygg/2) */
	size_t n_areas, alloc;
	bool all_areas;
	bool has_share, has_index;
	double share, index;
};

/* A set of strings (open addressing), each with a number. */
struct set {
	struct slot { char *key; size_t val; } *v;
	size_t n, cap;
};

struct tg_situation_rows {
	struct item *items;
	size_t n, alloc;
	int col[NCOLS];
	long respondents[4];
	struct set by_key;         /* group and folded title -> item */
	struct set seen;           /* group and title as written -> item */
	struct set words;          /* group and area cells as written -> meaning */
	struct set areas;          /* item and area -> 1 */
	size_t bytes;              /* of the titles and areas kept */
};

static struct slot *set_find(struct set *s, const char *key)
{
	size_t i = tg_hash32(key, strlen(key)) & (s->cap - 1);
	while (s->v[i].key && strcmp(s->v[i].key, key))
		i = (i + 1) & (s->cap - 1);
	return &s->v[i];
}

/* The slot of key: found, or new (its key NULL, to be filled). */
static struct slot *set_slot(struct set *s, const char *key)
{
	if (2 * (s->n + 1) > s->cap) {
		struct set old = *s;
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xcalloc(s->cap, sizeof *s->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].key)
				*set_find(s, old.v[i].key) = old.v[i];
		free(old.v);
	}
	return set_find(s, key);
}

static void set_release(struct set *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->v[i].key);
	free(s->v);
}

/* Cells repeat: what a cell as written means is kept, for the first
 * MEMO of each set (then it is worked out each time). */
#define MEMO 4096

static bool memo_get(struct set *s, const char *key, size_t *val)
{
	if (!s->cap)
		return false;
	struct slot *sl = set_find(s, key);
	if (sl->key)
		*val = sl->val;
	return sl->key != NULL;
}

static void memo_put(struct set *s, const char *key, size_t val)
{
	if (s->n >= MEMO)
		return;
	struct slot *sl = set_slot(s, key);
	if (!sl->key) {
		sl->key = xstrdup(key);
		s->n++;
	}
	sl->val = val;
}

bool tg_survey_group(const char *s, enum tg_group *g)
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

/* The header: each known column's field; errors into d, the columns
 * ignored into im->ignored. */
static enum tg_status read_header(struct tg_situation_import *im, struct tg_situation_rows *rs,
				  const struct tg_csv_row *h, struct tg_diags *d)
{
	int *col = rs->col;
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	struct buf unknown = BUF_INIT;
	const char *names[NHEADERS + 1];
	for (size_t k = 0; k < NHEADERS; k++)
		names[k] = headers[k].name;
	names[NHEADERS] = NULL;
	size_t errors = d->errors;
	for (size_t f = 0; f < h->n; f++) {
		char *name = tg_fold_title(h->v[f]);
		int known = -1;
		for (size_t k = 0; k < NHEADERS && known < 0; k++)
			if (!strcmp(name, headers[k].name))
				known = (int)headers[k].col;
		/* a column near a known name is a typo or a wrong encoding, not
		 * one to ignore */
		const char *near = known < 0 && *name ? tg_suggest(name, names) : NULL;
		if (near)
			tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, (unsigned)f + 1, NULL, 0, 0,
				    "unknown column '%s' (did you mean '%s'?)", h->v[f], near);
		else if (known >= 0 && col[known] >= 0)
			tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, (unsigned)f + 1, NULL, 0, 0,
				    "the column '%s' is column %d too", h->v[f], col[known] + 1);
		else if (known >= 0)
			col[known] = (int)f;
		else if (*name)
			buf_addf(&unknown, "%s'%s'", unknown.len ? ", " : "", h->v[f]);
		free(name);
	}
	if (unknown.len && d->errors == errors)
		im->ignored = buf_detach(&unknown);
	buf_release(&unknown);
	if (col[COL_PROBLEM] < 0) {
		struct buf found = BUF_INIT;
		for (size_t f = 0; f < h->n; f++)
			buf_addf(&found, "%s%s", f ? "," : "", h->v[f]);
		tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, 1, NULL, 0, 0,
			    "the header has no column 'problem' (found: %s)", found.s);
		buf_release(&found);
		return TG_EDATA;
	}
	return d->errors > errors ? TG_EDATA : TG_OK;
}

/* The item of title and group, made on its first row. */
static struct item *item_for(struct tg_situation_rows *rs, const char *title, enum tg_group g)
{
	char *key = tg_fold_title(title);
	char *k = xasprintf("%d:%s", (int)g, key);
	struct slot *sl = set_slot(&rs->by_key, k);
	if (sl->key) {
		free(k);
		free(key);
		return &rs->items[sl->val];
	}
	sl->key = k;
	sl->val = rs->n;
	rs->by_key.n++;
	if (rs->n == rs->alloc) {
		rs->alloc = rs->alloc ? 2 * rs->alloc : 16;
		rs->items = xrealloc(rs->items, rs->alloc * sizeof *rs->items);
	}
	struct item *it = &rs->items[rs->n++];
	memset(it, 0, sizeof *it);
	it->title = xstrdup(title);
	it->key = key;
	it->group = g;
	rs->bytes += strlen(title);
	return it;
}

/* The area's place among the item's (added when new). */
static size_t item_add_area(struct tg_situation_rows *rs, struct item *it, const char *area,
			    size_t line)
{
	char *k = xasprintf("%zu:%s", (size_t)(it - rs->items), area);
	struct slot *sl = set_slot(&rs->areas, k);
	if (sl->key) {
		free(k);
		return sl->val;
	}
	sl->key = k;
	sl->val = it->n_areas;
	rs->areas.n++;
	if (it->n_areas == it->alloc) {
		it->alloc = it->alloc ? 2 * it->alloc : 4;
		it->areas = xrealloc(it->areas, it->alloc * sizeof *it->areas);
		it->area_line = xrealloc(it->area_line, it->alloc * sizeof *it->area_line);
		it->area_share = xrealloc(it->area_share, it->alloc * sizeof *it->area_share);
		it->area_has_share = xrealloc(it->area_has_share,
					      it->alloc * sizeof *it->area_has_share);
	}
	it->area_line[it->n_areas] = line;
	it->area_share[it->n_areas] = 0;
	it->area_has_share[it->n_areas] = false;
	it->areas[it->n_areas++] = xstrdup(area);
	rs->bytes += strlen(area);
	return it->n_areas - 1;
}

static bool means_all(const char *area)
{
	char *fa = tg_fold_title(area);
	bool all = !strcmp(fa, "samtliga") || !strcmp(fa, "alla") || !strcmp(fa, "all") ||
		   !strcmp(fa, "samtliga områden") || !strcmp(fa, "all areas");
	free(fa);
	return all;
}

/* Check one row and combine it into its item; errors into d. */
static void read_row(const struct tg_situation_import *im, struct tg_situation_rows *rs,
		     const struct tg_csv_row *row, struct tg_diags *d)
{
	const int *col = rs->col;
	const char *title = cell(row, col[COL_PROBLEM]);
	while (*title == ' ')
		title++;
	if (!*title) {
		row_error(d, im->path, row->line, col[COL_PROBLEM], "problem is empty%s", "");
		return;
	}
	enum tg_group g = im->group;
	const char *gs = cell(row, col[COL_GROUP]);
	char *gkey = xasprintf("g%s", gs);
	size_t known;
	bool found = true;
	if (*gs && memo_get(&rs->words, gkey, &known)) {
		found = known > 0;
		g = found ? (enum tg_group)(known - 1) : g;
	} else if (*gs) {
		found = tg_survey_group(gs, &g);
		memo_put(&rs->words, gkey, found ? (size_t)g + 1 : 0);
	}
	free(gkey);
	if (!found) {
		row_error(d, im->path, row->line, col[COL_GROUP],
			  "unknown group '%s' (expected boende/residents, näringsidkare/businesses "
			  "or föreningar/associations)", gs);
		return;
	}
	double share = 0, index = 0;
	const char *ss = cell(row, col[COL_SHARE]), *is = cell(row, col[COL_INDEX]);
	if (*ss && !tg_parse_share(ss, &share)) {
		row_error(d, im->path, row->line, col[COL_SHARE],
			  "share must be 0.41, 0,41, 41 %% or the like, from 0 to 1, not '%s'", ss);
		return;
	}
	if (*is && (!tg_parse_decimal(is, &index) || index < 0 || index > 6)) {
		row_error(d, im->path, row->line, col[COL_INDEX],
			  "index must be a number from 0 to 6, not '%s'", is);
		return;
	}
	const char *resp = cell(row, col[COL_RESP]);
	if (*resp) {
		char *end;
		long n = strtol(resp, &end, 10);
		if (*end || n < 0) {
			row_error(d, im->path, row->line, col[COL_RESP],
				  "respondents must be a whole number, not '%s'", resp);
			return;
		}
		if (g != TG_GROUP_NONE && n > rs->respondents[g])
			rs->respondents[g] = n;
	}
	/* a file with errors combines nothing: it is refused as a whole */
	if (d->errors)
		return;
	char *tkey = xasprintf("%d:%s", (int)g, title);
	struct item *it = memo_get(&rs->seen, tkey, &known) ? &rs->items[known]
							    : item_for(rs, title, g);
	memo_put(&rs->seen, tkey, (size_t)(it - rs->items));
	free(tkey);
	if (*ss && (!it->has_share || share > it->share)) {
		it->has_share = true;
		it->share = share;
	}
	if (*is && (!it->has_index || index > it->index)) {
		it->has_index = true;
		it->index = index;
	}
	const char *area = cell(row, col[COL_AREA]);
	char *akey = xasprintf("a%s", area);
	bool all;
	if (memo_get(&rs->words, akey, &known)) {
		all = known;
	} else {
		all = means_all(area);
		memo_put(&rs->words, akey, all);
	}
	free(akey);
	if (all)
		it->all_areas = true;
	else if (*area) {
		size_t a = item_add_area(rs, it, area, row->line);
		if (*ss && (!it->area_has_share[a] || share > it->area_share[a])) {
			it->area_has_share[a] = true;
			it->area_share[a] = share;
		}
	}
	if (rs->bytes > TG_MAX_FILE)
		tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)row->line, 1, NULL, 0, 0,
			    "the problems and areas of the rows up to here take more than %u "
			    "bytes, the limit of a plan file", TG_MAX_FILE);
}

enum tg_status tg_situation_import_read(struct tg_situation_import *im, struct tg_diags *d)
{
	im->ignored = NULL;
	im->rows = NULL;
	struct tg_csv_stream *r;
	enum tg_status st = tg_csv_open(im->path, im->encoding, &r, d);
	if (st)
		return st;
	struct tg_situation_rows *rs = xcalloc(1, sizeof *rs);
	for (int g = 0; g < 4; g++)
		rs->respondents[g] = -1;
	/* the file's own errors (malformed, a NUL byte) come first and alone:
	 * the header's and rows' wait in mine until the file is read */
	struct tg_diags mine = TG_DIAGS_INIT;
	const struct tg_csv_row *row;
	enum tg_status hst = TG_OK;
	bool header = true, bytes_over = false;
	while (!(st = tg_csv_next(r, &row)) && row) {
		if (header)
			hst = read_header(im, rs, row, &mine);
		else if (!hst && !bytes_over) {
			read_row(im, rs, row, &mine);
			bytes_over = rs->bytes > TG_MAX_FILE;
		}
		header = false;
	}
	tg_csv_close(r);
	if (!st && header) {
		tg_diag_add(&mine, TG_SEV_ERROR, im->path, 0, 0, NULL, 0, 0,
			    "the file is empty; expected a header such as problem;område;grupp;andel");
		hst = TG_EDATA;
	}
	if (st) {
		free(im->ignored);
		im->ignored = NULL;
		tg_diags_release(&mine);
	} else {
		st = hst || mine.errors ? TG_EDATA : TG_OK;
		tg_diags_append(d, &mine);
	}
	im->rows = rs;
	return st;
}

void tg_situation_import_release(struct tg_situation_import *im)
{
	struct tg_situation_rows *rs = im->rows;
	free(im->ignored);
	im->ignored = NULL;
	im->rows = NULL;
	if (!rs)
		return;
	for (size_t k = 0; k < rs->n; k++) {
		struct item *it = &rs->items[k];
		free(it->title);
		free(it->key);
		for (size_t i = 0; i < it->n_areas; i++)
			free(it->areas[i]);
		free(it->areas);
		free(it->area_line);
		free(it->area_share);
		free(it->area_has_share);
	}
	free(rs->items);
	set_release(&rs->by_key);
	set_release(&rs->areas);
	set_release(&rs->seen);
	set_release(&rs->words);
	free(rs);
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

/* The shares of the areas that have one (by_area, schema trygg/2), or
 * NULL: in a version-1 file, or for an item of all areas or none. */
static struct tg_val *item_by_area(const struct item *it, const struct tg_plan *p)
{
	if (p->version < 2 || it->all_areas)
		return NULL;
	struct tg_val *m = NULL;
	for (size_t i = 0; i < it->n_areas; i++)
		if (it->area_has_share[i]) {
			if (!m)
				m = tg_val_map();
			tg_val_put(m, it->areas[i], number_val(it->area_share[i]));
		}
	return m;
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

/* Every area of the file must be one of the district's. */
static enum tg_status check_areas(const struct tg_situation_import *im, const struct tg_plan *p,
				  struct tg_diags *d)
{
	const struct tg_situation_rows *rs = im->rows;
	for (size_t k = 0; k < rs->n; k++)
		for (size_t i = 0; i < rs->items[k].n_areas; i++) {
			const char *area = rs->items[k].areas[i];
			bool found = false;
			for (size_t j = 0; j < p->areas.n && !found; j++)
				found = !strcmp(p->areas.v[j], area);
			if (!found) {
				const char *s = p->areas.n ? tg_suggest(area, p->areas.v) : NULL;
				tg_diag_add(d, TG_SEV_ERROR, im->path,
					    (unsigned)rs->items[k].area_line[i],
					    (unsigned)rs->col[COL_AREA] + 1, NULL, 0, 0,
					    "area '%s' is not one of %s's areas%s%s%s", area, p->district,
					    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
			}
		}
	return d->errors ? TG_EDATA : TG_OK;
}

/* The source's block (made if missing), its date and respondents. */
static enum tg_status update_block(struct tg_edit *e, const struct tg_situation_import *im,
				   struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	const char *src = tg_source_names[im->source];
	enum tg_status st = TG_OK;
	if (!p->situation || p->situation->kind != TG_MAP)
		st = tg_edit_set(e, p->doc->root, "situation",
				 tg_val_put(tg_val_map(), src, tg_val_map()), d);
	else if (!p->sources[im->source].node || p->sources[im->source].node->kind != TG_MAP)
		st = tg_edit_set(e, p->situation, src, tg_val_map(), d);
	if (!st && im->date)
		st = set_if_changed(e, tg_edit_plan(e)->sources[im->source].node, "date",
				    tg_val_raw(im->date), d);
	for (int g = 1; g < 4 && !st; g++) {
		long n = im->rows->respondents[g];
		if (n < 0)
			continue;
		const struct tg_node *sn = tg_edit_plan(e)->sources[im->source].node;
		const struct tg_node *rn = tg_map_get(sn, "respondents");
		char num[32];
		snprintf(num, sizeof num, "%ld", n);
		if (!rn || rn->kind != TG_MAP)
			st = tg_edit_set(e, sn, "respondents",
					 tg_val_put(tg_val_map(), tg_group_names[g], tg_val_raw(num)), d);
		else
			st = set_if_changed(e, rn, tg_group_names[g], tg_val_raw(num), d);
	}
	return st;
}

/* An item the picture has: its areas, share and index where the file
 * has them. */
static enum tg_status update_item(struct tg_edit *e, const struct tg_situation_import *im,
				  const struct item *it, const struct tg_sitem *old,
				  struct tg_diags *d)
{
	enum tg_status st = TG_OK;
	struct tg_val *areas = item_areas(it, tg_edit_plan(e));
	if (areas->n)
		st = set_if_changed(e, old->node, "areas", areas, d);
	else
		tg_val_free(areas);
	if (!st && it->has_share)
		st = set_if_changed(e, existing(&tg_edit_plan(e)->sources[im->source], it)->node,
				    "share", number_val(it->share), d);
	if (!st && it->has_index)
		st = set_if_changed(e, existing(&tg_edit_plan(e)->sources[im->source], it)->node,
				    "index", number_val(it->index), d);
	struct tg_val *by_area = st ? NULL : item_by_area(it, tg_edit_plan(e));
	if (by_area)
		st = set_if_changed(e, existing(&tg_edit_plan(e)->sources[im->source], it)->node,
				    "by_area", by_area, d);
	return st;
}

static enum tg_status append_item(struct tg_edit *e, const struct tg_source *s,
				  const struct item *it, struct tg_diags *d)
{
	struct tg_val *m = tg_val_put(tg_val_map(), "title", tg_val_text(it->title));
	struct tg_val *areas = item_areas(it, tg_edit_plan(e));
	if (areas->n)
		tg_val_put(m, "areas", areas);
	else
		tg_val_free(areas);
	if (it->group != TG_GROUP_NONE)
		tg_val_put(m, "group", tg_val_raw(tg_group_names[it->group]));
	if (it->has_share)
		tg_val_put(m, "share", number_val(it->share));
	struct tg_val *by_area = item_by_area(it, tg_edit_plan(e));
	if (by_area)
		tg_val_put(m, "by_area", by_area);
	if (it->has_index)
		tg_val_put(m, "index", number_val(it->index));
	return tg_edit_append(e, s->node, "problems", m, d);
}

enum tg_status tg_situation_import(struct tg_edit *e, const struct tg_situation_import *im,
				   struct buf *ids, struct tg_diags *d)
{
	const struct tg_situation_rows *rs = im->rows;
	const char *src = tg_source_names[im->source];
	enum tg_status st = check_areas(im, tg_edit_plan(e), d);
	if (!st)
		st = update_block(e, im, d);
	/* the items the picture has are updated in place, one by one; then
	 * the new ones are appended to its end in one batch (parsed and
	 * verified once, however many there are) */
	size_t *place = xcalloc(rs->n + 1, sizeof *place), n_old = 0, n_new = 0;
	for (size_t k = 0; k < rs->n && !st; k++) {
		const struct item *it = &rs->items[k];
		const struct tg_source *s = &tg_edit_plan(e)->sources[im->source];
		const struct tg_sitem *old = existing(s, it);
		n_old = s->n_items;
		if (old) {
			place[k] = (size_t)(old - s->items) + 1;
			st = update_item(e, im, it, old, d);
		}
	}
	if (!st)
		tg_edit_batch(e);
	for (size_t k = 0; k < rs->n && !st; k++) {
		if (place[k])
			continue;
		place[k] = n_old + ++n_new;
		st = append_item(e, &tg_edit_plan(e)->sources[im->source], &rs->items[k], d);
	}
	for (size_t k = 0; k < rs->n && !st; k++)
		buf_addf(ids, "%s:%zu\n", src, place[k]);
	free(place);
	return st;
}
