/* import-plan: `plan import`, many measures at once from a CSV file, in
 * one edit batch (lib/edit-batch.c): every row is checked first and every
 * error reported, then all rows land or none do. */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

#define columns tg_plan_columns
enum { C_PROBLEM, C_TEXT, C_PHASE, C_ID = 9, C_NCOLS = TG_IMPORT_COLUMNS };

struct import_args {
	const struct tg_plan_import *im;
	const char *path;
	const struct tg_csv *csv;
	const int *col;            /* field index of each column, or -1 */
	const struct tg_config *cfg;
	struct asked *asked;       /* the ids rows ask for, by id then row */
	size_t n_asked;
};

enum tg_status tg_plan_import_header(struct tg_plan_import *im, struct tg_diags *d)
{
	const struct tg_csv *csv = im->csv;
	if (csv->n == 0) {
		tg_diag_add(d, TG_SEV_ERROR, im->path, 0, 0, NULL, 0, 0, "the file is empty; "
			    "expected a header: problem,text,phase,…");
		return TG_EDATA;
	}
	enum tg_status status = TG_OK;
	for (int c = 0; c < C_NCOLS; c++)
		im->col[c] = -1;
	const struct tg_csv_row *h = &csv->rows[0];
	for (size_t f = 0; f < h->n; f++) {
		int c = tg_plan_column(h->v[f]);
		char *name = tg_fold_title(h->v[f]);
		if (c < 0) {
			const char *s = tg_suggest(name, columns);
			tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, (unsigned)f + 1,
				    NULL, 0, 0, "unknown column '%s'%s%s%s", h->v[f],
				    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
			status = TG_EDATA;
		} else if (im->col[c] >= 0) {
			tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, (unsigned)f + 1,
				    NULL, 0, 0, "the column '%s' is column %d too",
				    columns[c], im->col[c] + 1);
			status = TG_EDATA;
		} else {
			im->col[c] = (int)f;
		}
		free(name);
	}
	for (int c = 0; c <= C_PHASE && !status; c++)
		if (im->col[c] < 0) {
			tg_diag_add(d, TG_SEV_ERROR, im->path, (unsigned)h->line, 1, NULL, 0, 0,
				    "the header lacks the column '%s' (needs problem, text, phase)",
				    columns[c]);
			status = TG_EDATA;
		}
	return status;
}

struct asked {
	const char *id;
	size_t row;
};

static int asked_cmp(const void *x, const void *y)
{
	const struct asked *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* The first row that asks for id, or 0. */
static size_t first_asking(const struct import_args *a, const char *id)
{
	size_t lo = 0, hi = a->n_asked;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(a->asked[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n_asked && !strcmp(a->asked[lo].id, id) ? a->asked[lo].row : 0;
}

static void row_error(struct tg_diags *d, const struct import_args *a, size_t r, int col,
		      const char *msg)
{
	tg_diag_add(d, TG_SEV_ERROR, a->path, (unsigned)a->csv->rows[r].line,
		    (unsigned)col + 1, NULL, 0, 0, "%s", msg);
}

static const char *cell(const struct import_args *a, size_t r, int c)
{
	int f = a->col[c];
	if (f < 0 || (size_t)f >= a->csv->rows[r].n)
		return "";
	return a->csv->rows[r].v[f];
}

/* The measure of row r, without its id; NULL after reporting errors. */
static struct tg_val *row_measure(const struct import_args *a, size_t r, struct tg_diags *d)
{
	struct tg_val *m = tg_val_map();
	size_t errors = d->errors;
	for (int c = C_TEXT; c < C_ID; c++) {
		const char *v = cell(a, r, c);
		const char *key = columns[c];
		if (!*v) {
			if (c <= C_PHASE)
				{
				char *msg = xasprintf("%s is empty", key);
				row_error(d, a, r, a->col[c], msg);
				free(msg);
			}
			continue;
		}
		char *err = NULL;
		struct tg_val *val = tg_field_is_list(key) ? tg_field_list(key, v, ';', a->cfg, &err) : NULL;
		if (!tg_field_is_list(key) && !(err = tg_field_check(key, v, a->cfg)))
			val = tg_field_val(key, v);
		if (err) {
			row_error(d, a, r, a->col[c], err);
			free(err);
			continue;
		}
		tg_val_put(m, key, val);
	}
	if (d->errors > errors) {
		tg_val_free(m);
		return NULL;
	}
	return m;
}

/* Report the id row r asks for when it is not one the row may have: of
 * the wrong form, taken in the plan or asked by an earlier row.  The
 * error names the cell. */
static void check_asked_id(const struct import_args *a, const struct tg_plan *p,
			   const struct tg_problem *pr, size_t r, struct tg_diags *d)
{
	const char *asked = cell(a, r, C_ID);
	char *msg = NULL;
	bool m;
	if (!tg_child_id_is(asked, pr->id, 'M'))
		msg = xasprintf("id '%s' is not of the form %s.M<number>", asked, pr->id);
	else if (tg_plan_item(p, asked, &m))
		msg = xasprintf("id '%s' is taken in %s", asked, p->district);
	size_t q = first_asking(a, asked);
	if (!msg && q < r)
		msg = xasprintf("id '%s' is asked for in row %zu too", asked, a->csv->rows[q].line);
	if (msg)
		row_error(d, a, r, a->col[C_ID], msg);
	free(msg);
}

/* The next id of a measure of pr that no row asks for, after the plan's
 * and after `last`, the largest number this import gave pr so far. */
static char *next_free(const struct import_args *a, const struct tg_plan *p,
		       const struct tg_problem *pr, long last)
{
	struct tg_diags quiet = TG_DIAGS_INIT;
	char *id = tg_id_new(p, pr, NULL, 0, &quiet), *prefix = xasprintf("%s.M", pr->id);
	tg_diags_release(&quiet);
	long n = id ? tg_id_number(id, prefix) : 0;
	if (n && n <= last) {
		n = last + 1;
		free(id);
		id = tg_id_make(prefix, n);
	}
	for (; n && first_asking(a, id); n++) {
		free(id);
		id = tg_id_make(prefix, n + 1);
	}
	if (id && tg_id_too_long(id)) {
		free(id);
		id = NULL;
	}
	free(prefix);
	return id;
}

/* The fewest bytes v can take in a plan file: its scalars, a key's ':'
 * and a separator or line end after each value, a list's bracket or
 * dashes.  Quoting, indentation and the text around only add to it. */
static size_t written_at_least(const struct tg_val *v)
{
	if (!v)
		return 0;
	if (v->kind == TG_V_TEXT || v->kind == TG_V_RAW)
		return strlen(v->str);
	size_t n = 1;
	for (size_t i = 0; i < v->n; i++)
		n += written_at_least(v->kids[i]) + 1;
	return n;
}

enum tg_status tg_plan_import(struct tg_edit *e, const struct tg_plan_import *im, struct buf *ids,
			      struct tg_diags *d)
{
	struct import_args args = { im, im->path, im->csv, im->col, im->cfg, NULL, 0 };
	struct import_args *a = &args;
	const struct tg_csv *csv = a->csv;
	struct tg_val **items = xcalloc(csv->n, sizeof *items);
	const struct tg_plan *p = tg_edit_plan(e);
	a->asked = xcalloc(csv->n, sizeof *a->asked);
	a->n_asked = 0;
	for (size_t r = 1; r < csv->n; r++)
		if (*cell(a, r, C_ID))
			a->asked[a->n_asked++] = (struct asked){ cell(a, r, C_ID), r };
	qsort(a->asked, a->n_asked, sizeof *a->asked, asked_cmp);
	/* check every row first and report every error: all land or none;
	 * but stop at the row that would take the file past its size limit,
	 * before its text is made (the file's bytes, then each row's least) */
	size_t bytes;
	tg_edit_text(e, &bytes);
	for (size_t r = 1; r < csv->n; r++) {
		const char *pid = cell(a, r, C_PROBLEM);
		const struct tg_problem *pr = tg_plan_problem(p, pid);
		if (!pr) {
			char *msg = *pid ? xasprintf("no problem '%s' in %s", pid, p->district)
					 : xstrdup("problem is empty");
			row_error(d, a, r, a->col[C_PROBLEM], msg);
			free(msg);
		} else if (*cell(a, r, C_ID)) {
			check_asked_id(a, p, pr, r, d);
		}
		items[r] = row_measure(a, r, d);
		/* "- id: P1.M1" and the row's keys and values */
		bytes += written_at_least(items[r]) + strlen(pid) + 10;
		if (bytes > TG_MAX_FILE) {
			tg_diag_add(d, TG_SEV_ERROR, p->doc->path, 0, 0, NULL, 0, 0,
				    "the rows of %s up to line %zu would make the file at least %zu "
				    "bytes, over the limit of %u bytes", a->path, csv->rows[r].line,
				    bytes, TG_MAX_FILE);
			break;
		}
	}
	enum tg_status st = d->errors ? TG_EDATA : TG_OK;
	/* one batch: the items wait and land in one splice per list, parsed
	 * and verified once; the plan stays as it was, so each problem's
	 * largest new number is kept here */
	tg_edit_batch(e);
	long *last = xcalloc(p->n_problems + 1, sizeof *last);
	for (size_t r = 1; r < csv->n && !st; r++) {
		p = tg_edit_plan(e);
		struct tg_problem *pr = tg_plan_problem(p, cell(a, r, C_PROBLEM));
		const char *asked = cell(a, r, C_ID);
		long *l = &last[pr - p->problems];
		char *id = *asked ? xstrdup(asked) : next_free(a, p, pr, *l);
		if (!id) {
			char *prefix = xasprintf("%s.M", pr->id);
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "no new ID after %s%s: an ID has at most %d digits", prefix,
				    "999999999", TG_ID_DIGITS);
			free(prefix);
			st = TG_EDATA;
			break;
		}
		char *prefix = xasprintf("%s.M", pr->id);
		long n = tg_id_number(id, prefix);
		free(prefix);
		if (n > *l)
			*l = n;
		struct tg_val *item = tg_val_new_item(true, id, items[r]);
		items[r] = NULL;
		buf_addf(ids, "%s\n", id);
		free(id);
		st = tg_edit_append(e, pr->node, "measures", item, d);
	}
	free(last);
	for (size_t r = 0; r < csv->n; r++)
		tg_val_free(items[r]);
	free(items);
	free(a->asked);
	a->asked = NULL;
	return st;
}

