/*
 * search: full-text search of the index (tg_index_search in index.h).
 *
 * One query reads each hit's id, score (FTS5's bm25()) and texts
 * in the order of the ids; the hits are kept in memory, sorted in C and
 * stepped by the cursor.  With many hits the upper half of the ids is read
 * on a second connection and thread.
 */
#include "index-int.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tgi_ix_search_cols[] = { "district", "id", "kind", "text", "score" };

/* The FTS5 query for the user's text: each word a quoted string (so that
 * no character of the user's is FTS5 syntax), a trailing * kept as the
 * prefix mark; text between two double quotes one string, a phrase. */
static char *fts_query(const char *text)
{
	static const char blank[] = " \t\r\n";
	struct buf b = BUF_INIT;
	const char *p = text;
	while (*p) {
		p += strspn(p, blank);
		const char *close = *p == '"' ? strchr(p + 1, '"') : NULL;
		const char *w = close ? p + 1 : p;
		size_t n = close ? (size_t)(close - w) : strcspn(p, blank);
		const char *next = close ? close + 1 : p + n;
		if (!*p)
			break;
		size_t stars = close ? strspn(next, "*") : 0;
		if (!close)
			while (n && w[n - 1] == '*')
				n--, stars++;
		if (n > strspn(w, blank) && n > 0) {
			buf_adds(&b, b.len ? " \"" : "\"");
			for (size_t i = 0; i < n; i++) {
				if (w[i] == '"')
					buf_addc(&b, '"');
				buf_addc(&b, w[i]);
			}
			buf_addc(&b, '"');
			if (stars)
				buf_addc(&b, '*');
		}
		p = next + (close ? stars : 0);
	}
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* A search's hit: a text's id, its score (bm25: lower is better), its
 * district (its rank, and its index in struct search), and where its
 * ref, kind and text are in search->text. */
struct hit {
	long long id, rank;
	double score;
	size_t district, ref, kind, text;
};

/* A search's results, held in memory: the districts by id (their names
 * and ranks), the hits, and their texts. */
struct search {
	size_t n_ds;
	long long *ds_id, *ds_rank;
	char **ds_name;
	size_t n, alloc;
	struct hit *v;
	struct buf text;
};

void tgi_ix_search_free(struct search *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n_ds; i++)
		free(h->ds_name[i]);
	free(h->ds_id);
	free(h->ds_rank);
	free(h->ds_name);
	free(h->v);
	buf_release(&h->text);
	free(h);
}

/* The index of the district with id id, or n_ds. */
static size_t search_district(const struct search *h, long long id)
{
	size_t lo = 0, hi = h->n_ds;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->ds_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->n_ds && h->ds_id[lo] == id ? lo : h->n_ds;
}

static int load_search_districts(struct tg_index *ix, struct search *h)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(ix->db, "SELECT id, rank, name FROM districts ORDER BY id",
				    -1, &st, NULL);
	size_t alloc = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (h->n_ds == alloc) {
			alloc = alloc ? 2 * alloc : 256;
			h->ds_id = xrealloc(h->ds_id, alloc * sizeof *h->ds_id);
			h->ds_rank = xrealloc(h->ds_rank, alloc * sizeof *h->ds_rank);
			h->ds_name = xrealloc(h->ds_name, alloc * sizeof *h->ds_name);
		}
		h->ds_id[h->n_ds] = sqlite3_column_int64(st, 0);
		h->ds_rank[h->n_ds] = sqlite3_column_int64(st, 1);
		h->ds_name[h->n_ds++] = xstrdup((const char *)sqlite3_column_text(st, 2));
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Copy column col of st to h->text; its offset. */
static size_t search_keep(struct search *h, sqlite3_stmt *st, int col)
{
	size_t off = h->text.len;
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);
	buf_add(&h->text, t ? (const char *)t : "", t ? n + 1 : 1);     /* with its NUL */
	return off;
}

/* Best first (the lowest bm25); then the districts in name order, each
 * in the order of its file.  The id holds the district's (ROW_BITS). */
static int hit_order(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* round(-score, 3) as SQLite's round() makes it (half away from zero),
 * without its round trip through text.  score * 1000 is exact in a long
 * double, and so is adding 0.5 to it. */
static double shown_score(double score)
{
	long double x = -(long double)score * 1000.0L;
	long double k = x < 0 ? -floorl(-x + 0.5L) : floorl(x + 0.5L);
	return (double)k / 1000.0;
}

/* Keep the best limit hits of h, and their texts only. */
static void search_prune(struct search *h, size_t limit)
{
	if (h->n > 1)           /* (no hits: v is NULL) */
		qsort(h->v, h->n, sizeof h->v[0], hit_order);
	if (h->n <= limit)
		return;
	h->n = limit;
	struct buf text = BUF_INIT;
	for (size_t i = 0; i < h->n; i++) {
		size_t *keep[] = { &h->v[i].ref, &h->v[i].kind, &h->v[i].text };
		for (size_t k = 0; k < 3; k++) {
			const char *t = h->text.s + *keep[k];
			size_t off = text.len;
			buf_add(&text, t, strlen(t) + 1);
			*keep[k] = off;
		}
	}
	buf_release(&h->text);
	h->text = text;
}

/* Read the hits of q with ids lo … hi on db into h (the districts by
 * ds); with a limit, the best limit of them.  SQLite's code. */
static int search_read(sqlite3 *db, const struct sqlq *q, long long lo, long long hi,
		       const struct search *ds, struct search *h, size_t limit)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, q->sql.s, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = tgi_ix_q_bind(st, q);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, (int)q->n + 1, lo);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, (int)q->n + 2, hi);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		long long id = sqlite3_column_int64(st, 0);
		size_t k = search_district(ds, id >> ROW_BITS);
		if (k == ds->n_ds)
			continue;       /* a text of no district: none */
		/* with a limit, what is held stays under twice the limit */
		if (limit && h->n >= 2 * limit && h->n >= 1024)
			search_prune(h, limit);
		if (h->n == h->alloc) {
			h->alloc = h->alloc ? 2 * h->alloc : 256;
			h->v = xrealloc(h->v, h->alloc * sizeof *h->v);
		}
		struct hit *x = &h->v[h->n++];
		*x = (struct hit){ .id = id, .rank = ds->ds_rank[k],
				   .score = sqlite3_column_double(st, 1), .district = k };
		x->ref = search_keep(h, st, 2);
		x->kind = search_keep(h, st, 3);
		x->text = search_keep(h, st, 4);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Move the hits of p, and their texts, to h. */
static void search_merge(struct search *h, struct search *p)
{
	size_t base = h->text.len;
	buf_add(&h->text, p->text.s, p->text.len);
	if (h->n + p->n > h->alloc) {
		h->alloc = h->n + p->n;
		h->v = xrealloc(h->v, h->alloc * sizeof *h->v);
	}
	for (size_t i = 0; i < p->n; i++) {
		struct hit x = p->v[i];
		x.ref += base;
		x.kind += base;
		x.text += base;
		h->v[h->n++] = x;
	}
	p->n = 0;
	buf_reset(&p->text);
}

/* The upper half of a search's ids, read on a thread and a connection of
 * its own. */
struct search_half {
	const struct tg_index *ix;
	const struct sqlq *q;
	long long lo, hi;
	const struct search *ds;
	struct search h;
	size_t limit;
	unsigned long long fp;  /* of the index it read */
	int rc;
};

static void *search_half_run(void *arg)
{
	struct search_half *p = arg;
	sqlite3 *db;
	sqlite3_stmt *hold = NULL;
	p->rc = tgi_ix_open_reader(p->ix, &db, p->ix->immutable);
	if (p->rc == SQLITE_OK)
		p->rc = tgi_ix_hold_read(db, &hold);
	if (p->rc == SQLITE_OK)
		p->rc = tgi_ix_files_fingerprint(db, &p->fp);
	if (p->rc == SQLITE_OK)
		p->rc = search_read(db, p->q, p->lo, p->hi, p->ds, &p->h, p->limit);
	sqlite3_finalize(hold);
	sqlite3_close(db);
	return NULL;
}

/* Read the hits of q on ix's connection, and on a second core the upper
 * half of the ids on a second connection.  Both must read the same index
 * (as the halves of trygg ls do): ix's connection holds its read and
 * compares the fingerprints of the two; when they differ, or the second
 * failed, it reads the upper half itself. */
static int search_halves(struct tg_index *ix, const struct sqlq *q, long long lo,
			 long long hi, struct search *h, size_t limit)
{
	unsigned long long fp = 0;
	sqlite3_stmt *hold = NULL;
	int rc = tgi_ix_hold_read(ix->db, &hold);
	if (rc == SQLITE_OK)
		rc = tgi_ix_files_fingerprint(ix->db, &fp);
	struct search_half half = { .ix = ix, .q = q, .lo = lo + (hi - lo) / 2 + 1, .hi = hi,
				    .ds = h, .h = { .text = BUF_INIT }, .limit = limit };
	pthread_t thread;
	bool started = rc == SQLITE_OK &&
		       pthread_create(&thread, NULL, search_half_run, &half) == 0;
	if (rc == SQLITE_OK)
		rc = search_read(ix->db, q, lo, half.lo - 1, h, h, limit);
	if (started)
		pthread_join(thread, NULL);
	if (rc == SQLITE_OK && started && half.rc == SQLITE_OK && half.fp == fp)
		search_merge(h, &half.h);
	else if (rc == SQLITE_OK)
		rc = search_read(ix->db, q, half.lo, hi, h, h, limit);
	sqlite3_finalize(hold);
	free(half.h.v);
	buf_release(&half.h.text);
	return rc;
}

/* A second connection costs about 3 million instructions (it reads the
 * schema), as much as some 250 hits: the ids are split for searches with
 * at least this many. */
#define SEARCH_SPLIT 1000

/* Does match have at least SEARCH_SPLIT hits?  (Counting stops there.) */
static bool search_many(struct tg_index *ix, const char *match)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ix->db, "SELECT count(*) FROM (SELECT 1 FROM texts_fts"
			       " WHERE texts_fts MATCH ?1 LIMIT ?2)", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SEARCH_SPLIT);
	bool many = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= SEARCH_SPLIT;
	sqlite3_finalize(st);
	return many;
}

/* The texts that match, with their scores, in the order to show them.
 * One query reads each hit's score and texts in the order of the ids
 * (each page of the texts once); they are sorted here, where SQLite's
 * ORDER BY would copy every row through its sorter.  With two cores or
 * more and many hits, each reads half of the ids. */
static struct search *search_run(struct tg_index *ix, const struct tg_search *s,
				 const char *match, char **slugs, enum tg_status *st,
				 struct tg_diags *d)
{
	struct search *h = xcalloc(1, sizeof *h);
	h->text = (struct buf)BUF_INIT;
	int rc = load_search_districts(ix, h);
	if (rc != SQLITE_OK) {
		*st = tgi_ix_fail(ix, d, rc, "cannot read the districts");
		tgi_ix_search_free(h);
		return NULL;
	}
	struct sqlq q = { .sql = BUF_INIT };
	buf_adds(&q.sql, "SELECT texts_fts.rowid, bm25(texts_fts), t.ref, t.kind, t.text"
		 " FROM texts_fts CROSS JOIN texts t ON t.id = texts_fts.rowid"
		 " WHERE texts_fts MATCH ");
	tgi_ix_q_val(&q, false, 0, match);
	*st = tgi_ix_q_districts(ix, &q, "texts_fts.rowid >> 32" /* ROW_BITS */, "id",
			  s->districts, s->n_districts, slugs, d);
	/* the range of ids to read, bound by search_read (min and max apart:
	 * together, they would be a scan) */
	buf_adds(&q.sql, " AND texts_fts.rowid BETWEEN ? AND ?");
	long long lo = 0, hi = -1;
	if (*st == TG_OK) {
		sqlite3_stmt *r;
		rc = sqlite3_prepare_v2(ix->db, "SELECT (SELECT min(id) FROM texts),"
					" (SELECT max(id) FROM texts)", -1, &r, NULL);
		if (rc == SQLITE_OK && sqlite3_step(r) == SQLITE_ROW) {
			lo = sqlite3_column_int64(r, 0);
			hi = sqlite3_column_int64(r, 1);
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_finalize(r);
		size_t limit = s->limit > 0 ? (size_t)s->limit : 0;
		if (rc == SQLITE_OK)
			rc = tg_pipe_threads() > 1 && hi > lo && search_many(ix, match) ?
				search_halves(ix, &q, lo, hi, h, limit) :
				search_read(ix->db, &q, lo, hi, h, h, limit);
		if (rc != SQLITE_OK)
			*st = tgi_ix_fail(ix, d, rc, "cannot search the index");
	}
	buf_release(&q.sql);
	free(q.v);
	if (*st != TG_OK) {
		tgi_ix_search_free(h);
		return NULL;
	}
	search_prune(h, s->limit > 0 ? (size_t)s->limit : h->n);
	return h;
}

const char *tgi_ix_search_value(struct tg_cursor *c, size_t col, enum tg_vtype *type)
{
	*type = TG_VNULL;
	if (!c->row || c->row > c->search->n)
		return NULL;
	const struct search *h = c->search;
	const struct hit *x = &h->v[c->row - 1];
	*type = TG_VTEXT;
	switch (col) {
	case 0: return h->ds_name[x->district];
	case 1: return h->text.s + x->ref;
	case 2: return h->text.s + x->kind;
	case 3: return h->text.s + x->text;
	}
	/* the score, as SQLite writes a REAL */
	*type = TG_VREAL;
	sqlite3_snprintf(sizeof c->score, c->score, "%!.15g", shown_score(x->score));
	return c->score;
}

enum tg_status tg_index_search(struct tg_index *ix, const struct tg_search *s,
			       struct tg_cursor **out, struct tg_diags *d)
{
	*out = NULL;
	char *match = fts_query(s->text);
	if (!match) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "nothing to search for");
		return TG_EUSAGE;
	}
	enum tg_status st = TG_OK;
	char **slugs = xcalloc(s->n_districts + 1, sizeof *slugs);
	struct search *h = search_run(ix, s, match, slugs, &st, d);
	if (h) {
		*out = xcalloc(1, sizeof **out);
		(*out)->ix = ix;
		(*out)->ncols = sizeof tgi_ix_search_cols / sizeof tgi_ix_search_cols[0];
		(*out)->search = h;
		(*out)->rows = h->n;
	}
	for (size_t i = 0; i < s->n_districts; i++)
		free(slugs[i]);
	free(slugs);
	free(match);
	return st;
}
