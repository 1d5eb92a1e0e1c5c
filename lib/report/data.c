/*
 * data: what the overview and the overdue list need, read from the index
 * with a few aggregate queries, so that a city-wide or nation-wide report
 * costs a query, not a parse of every plan file.
 */
#include "report.h"
#include "../index.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The district (or all) a report covers, as ids. */
#define ONE_DISTRICT \
	"(:file = '' OR district_id = (SELECT d.id FROM districts d JOIN files f ON f.id = d.id\n" \
	"  WHERE f.path = :file))"

/* The counts kept per district when it is indexed (trygg-index(7)): by
 * phase and status, by strategic area, and those that change with the day
 * the report is for, each a seek in day_counts (index.h). */
static const char stats_sql[] =
	"SELECT district_id, phase, status, n FROM measure_counts WHERE " ONE_DISTRICT;

/* The count what (enum tg_day_count) of district d as of the day :key:
 * 4294967296 is 2^32, a district's range, and 268435456 2^TG_DAY_BITS. */
#define DAY_COUNT(what) \
	"  (SELECT n FROM day_counts c WHERE c.id BETWEEN d.id * 4294967296 + " #what \
	" * 268435456\n    AND d.id * 4294967296 + " #what " * 268435456 + :key\n" \
	"    ORDER BY c.id DESC LIMIT 1)"

static const char districts_sql[] =
	"SELECT d.id, f.path, d.name,\n"
	DAY_COUNT(0) ",\n" DAY_COUNT(1) ",\n" DAY_COUNT(2) ",\n" DAY_COUNT(3) ",\n"
	"  f.stale, f.mtime_ns\n"
	"FROM districts d JOIN files f ON f.id = d.id\n"
	"WHERE :file = '' OR f.path = :file ORDER BY d.rank, d.id";

/* Plan files that failed to load and were never indexed: no rows, no
 * name; the overview shows them by their file's name, without figures. */
static const char unread_sql[] =
	"SELECT f.path FROM files f\n"
	"WHERE f.stale AND f.path LIKE 'districts/%' AND (:file = '' OR f.path = :file)\n"
	"  AND NOT EXISTS (SELECT 1 FROM districts d WHERE d.id = f.id)\n"
	"ORDER BY f.path";

/* added up here: GROUP BY would sort the rows */
static const char areas_sql[] =
	"SELECT area, n FROM area_counts WHERE " ONE_DISTRICT;

/* The first indicators to chart, in the order of the files (a district's
 * rows have ids in that order) from the ids :lo to :hi. */
#define STR(x) #x
#define XSTR(x) STR(x)
static const char indicators_sql[] =
	"SELECT i.district_id, p.pid, i.name, i.baseline, i.baseline_date, i.target,\n"
	"  i.target_date, i.latest, i.latest_date\n"
	"FROM indicators i JOIN problems p ON p.id = i.problem_id\n"
	"WHERE i.id BETWEEN CAST(:lo AS INTEGER) AND CAST(:hi AS INTEGER)\n"
	"  AND i.baseline IS NOT NULL AND i.target IS NOT NULL\n"
	"ORDER BY i.id LIMIT " XSTR(MAX_CHART);

static const char overdue_sql[] =
	"SELECT r.party, d.name, m.mid, m.text, m.phase, m.status, m.due, f.path\n"
	"FROM measures m JOIN districts d ON d.id = m.district_id JOIN files f ON f.id = d.id\n"
	"LEFT JOIN responsible r ON r.measure_id = m.id\n"
	"WHERE m.overdue_after < :asof\n"
	"  AND (:file = '' OR f.path = :file)";

/* Run sql with those of :asof, :file, :key, :lo and :hi that it has. */
static enum tg_status query(struct tg_index *ix, const char *sql, const char *as_of,
			    const char *file, long long lo, long long hi,
			    struct tg_cursor **c, struct tg_diags *d)
{
	char *all[5] = {
		xasprintf("asof=%s", as_of), xasprintf("file=%s", file ? file : ""),
		xasprintf("key=%lld", tg_day_key(tg_day_number(as_of))),
		xasprintf("lo=%lld", lo), xasprintf("hi=%lld", hi),
	};
	const char *params[5];
	size_t n = 0;
	for (size_t i = 0; i < 5; i++) {
		char name[8];
		snprintf(name, sizeof name, ":%.*s", (int)(strchr(all[i], '=') - all[i]), all[i]);
		if (strstr(sql, name))
			params[n++] = all[i];
	}
	enum tg_status st = tg_index_query(ix, sql, params, n, c, d);
	for (size_t i = 0; i < 5; i++)
		free(all[i]);
	return st;
}

static char *dup(struct tg_cursor *c, size_t col)
{
	const char *s = tg_cursor_text(c, col);
	return s ? xstrdup(s) : NULL;
}

struct by_id {
	long long id;
	int at;                        /* index into the districts, path order */
};

static int cmp_by_id(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* The place of district id among o's districts, or -1. */
static int district_at(const struct by_id *ids, size_t n, double id)
{
	struct by_id key = { (long long)id, 0 };
	const struct by_id *hit = bsearch(&key, ids, n, sizeof *ids, cmp_by_id);
	return hit ? hit->at : -1;
}

static size_t count(struct tg_cursor *c, size_t col)
{
	return (size_t)tg_cursor_num(c, col);    /* NULL: none */
}

/* The local date of a file's mtime in nanoseconds. */
static void date_of(char out[11], double mtime_ns)
{
	time_t t = (time_t)(mtime_ns / 1e9);
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		out[0] = '\0';
}

/* Room for one more district in o (alloc is the room there is). */
static void grow(struct overview_data *o, size_t *alloc, struct by_id **ids)
{
	if (o->n + 1 < *alloc)
		return;
	*alloc *= 2;
	o->names = xrealloc(o->names, *alloc * sizeof *o->names);
	o->paths = xrealloc(o->paths, *alloc * sizeof *o->paths);
	o->stale = xrealloc(o->stale, *alloc * sizeof *o->stale);
	o->st = xrealloc(o->st, *alloc * sizeof *o->st);
	*ids = xrealloc(*ids, *alloc * sizeof **ids);
}

enum tg_status tgi_overview_load(struct tg_index *ix, const char *as_of, const char *file,
			     struct overview_data *o, struct tg_diags *d)
{
	memset(o, 0, sizeof *o);
	struct tg_cursor *c = NULL;
	bool row;
	enum tg_status st = query(ix, districts_sql, as_of, file, 0, 0, &c, d);
	size_t alloc = 16;
	o->names = xmalloc(alloc * sizeof *o->names);
	o->paths = xmalloc(alloc * sizeof *o->paths);
	o->st = xcalloc(alloc, sizeof *o->st);
	o->stale = xcalloc(alloc, sizeof *o->stale);
	struct by_id *ids = xmalloc(alloc * sizeof *ids);
	while (!st && !(st = tg_cursor_step(c, &row, d)) && row) {
		grow(o, &alloc, &ids);
		struct stale *sl = &o->stale[o->n];
		*sl = (struct stale){ .stale = tg_cursor_num(c, 7) != 0, .figures = true };
		if (sl->stale)
			date_of(sl->from, tg_cursor_num(c, 8));
		struct tg_stats *s = &o->st[o->n];
		memset(s, 0, sizeof *s);
		s->overdue = count(c, 3 + TG_DC_OVERDUE);
		s->on_track = count(c, 3 + TG_DC_ON_TRACK);
		s->indicators = count(c, 3 + TG_DC_INDICATORS);
		o->n_charted += count(c, 3 + TG_DC_CHARTED);
		ids[o->n] = (struct by_id){ (long long)tg_cursor_num(c, 0), (int)o->n };
		o->paths[o->n] = dup(c, 1);
		o->names[o->n++] = dup(c, 2);
	}
	tg_cursor_free(c);
	c = NULL;
	size_t indexed = o->n;
	if (!st)
		st = query(ix, unread_sql, as_of, file, 0, 0, &c, d);
	while (!st && !(st = tg_cursor_step(c, &row, d)) && row) {
		grow(o, &alloc, &ids);
		const char *path = tg_cursor_text(c, 0), *base = strrchr(path, '/') + 1;
		const char *dot = strrchr(base, '.');
		o->stale[o->n] = (struct stale){ .stale = true };
		memset(&o->st[o->n], 0, sizeof o->st[o->n]);
		o->paths[o->n] = xstrdup(path);
		o->names[o->n++] = dot ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
	}
	tg_cursor_free(c);
	c = NULL;
	struct tg_stats *city = &o->st[o->n];
	memset(city, 0, sizeof *city);
	for (size_t i = 0; i < o->n; i++) {
		city->overdue += o->st[i].overdue;
		city->on_track += o->st[i].on_track;
		city->indicators += o->st[i].indicators;
	}
	qsort(ids, indexed, sizeof *ids, cmp_by_id);
	if (!st)
		st = query(ix, stats_sql, as_of, file, 0, 0, &c, d);
	while (!st && !(st = tg_cursor_step(c, &row, d)) && row) {
		int i = district_at(ids, indexed, tg_cursor_num(c, 0));
		int phase = (int)tg_cursor_num(c, 1), status;
		const char *s = tg_cursor_text(c, 2);
		for (status = 0; status < TG_NSTATUS && strcmp(tg_status_names[status], s); status++)
			;
		if (i < 0 || status == TG_NSTATUS)
			continue;
		size_t n = count(c, 3);
		struct tg_stats *both[2] = { &o->st[i], city };
		for (int k = 0; k < 2; k++) {
			both[k]->measures += n;
			both[k]->by_status[status] += n;
			if (phase >= 1 && phase <= TG_NPHASES)
				both[k]->by_phase_status[phase][status] += n;
			if (tg_status_is_open(status))
				both[k]->open += n;
		}
	}
	tg_cursor_free(c);
	c = NULL;
	if (!st)
		st = query(ix, areas_sql, as_of, file, 0, 0, &c, d);
	while (!st && !(st = tg_cursor_step(c, &row, d)) && row) {
		int area = (int)tg_cursor_num(c, 0);
		if (area >= 1 && area < TG_STATS_AREAS)
			city->by_area[area] += count(c, 1);
	}
	tg_cursor_free(c);
	c = NULL;
	/* the indicators to chart: of the one district, or of all */
	long long lo = 0, hi = LLONG_MAX;
	if (file && indexed == 1)
		lo = ids[0].id << 32, hi = lo + 0xffffffffLL;
	if (!st && indexed)
		st = query(ix, indicators_sql, as_of, file, lo, hi, &c, d);
	size_t ialloc = 0;
	while (!st && c && !(st = tg_cursor_step(c, &row, d)) && row) {  /* no query for no district */
		int i = district_at(ids, indexed, tg_cursor_num(c, 0));
		if (i < 0)
			continue;
		if (o->n_inds == ialloc) {
			ialloc = ialloc ? 2 * ialloc : 16;
			o->inds = xrealloc(o->inds, ialloc * sizeof *o->inds);
		}
		struct ind_row *r = &o->inds[o->n_inds++];
		*r = (struct ind_row){ .district = i };
		r->has_baseline = tg_cursor_type(c, 3) != TG_VNULL;
		r->baseline = tg_cursor_num(c, 3);
		r->has_target = tg_cursor_type(c, 5) != TG_VNULL;
		r->target = tg_cursor_num(c, 5);
		r->has_latest = tg_cursor_type(c, 7) != TG_VNULL;
		r->latest = tg_cursor_num(c, 7);
		r->label = xasprintf("%s %s: %s", o->names[i], tg_cursor_text(c, 1),
				     tg_cursor_text(c, 2));
		r->baseline_date = dup(c, 4);
		r->target_date = dup(c, 6);
		r->latest_date = dup(c, 8);
	}
	tg_cursor_free(c);
	free(ids);
	return st;
}

void tgi_overview_release(struct overview_data *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->names[i]);
		free(o->paths[i]);
	}
	for (size_t i = 0; i < o->n_inds; i++) {
		free(o->inds[i].label);
		free(o->inds[i].baseline_date);
		free(o->inds[i].target_date);
		free(o->inds[i].latest_date);
	}
	free(o->names);
	free(o->paths);
	free(o->stale);
	free(o->st);
	free(o->inds);
	memset(o, 0, sizeof *o);
}

enum tg_status tgi_overdue_load(struct tg_index *ix, const struct rctx *r, const char *file,
			    struct late **out, size_t *n, struct tg_diags *d)
{
	struct tg_cursor *c = NULL;
	bool row;
	size_t alloc = 16;
	struct late *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	enum tg_status st = query(ix, overdue_sql, r->as_of, file, 0, 0, &c, d);
	long today = tg_day_number(r->as_of);
	while (!st && !(st = tg_cursor_step(c, &row, d)) && row) {
		if (*n == alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		struct late *l = &v[(*n)++];
		const char *who = tg_cursor_text(c, 0);
		l->who = xstrdup(who ? who : tgi_lbl(r, L_NOBODY));
		l->district = dup(c, 1);
		l->id = dup(c, 2);
		l->text = dup(c, 3);
		l->phase = (int)tg_cursor_num(c, 4);
		const char *s = tg_cursor_text(c, 5);
		for (l->status = 0; l->status < TG_NSTATUS - 1 && strcmp(tg_status_names[l->status], s);
		     l->status++)
			;
		l->due = dup(c, 6);
		l->file = dup(c, 7);
		l->days = today - tg_day_number(l->due);
	}
	tg_cursor_free(c);
	qsort(v, *n, sizeof *v, tgi_cmp_late);
	*out = v;
	return st;
}

void tgi_late_release(struct late *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].who);
		free(v[i].district);
		free(v[i].id);
		free(v[i].text);
		free(v[i].due);
		free(v[i].file);
	}
	free(v);
}
