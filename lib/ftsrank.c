/*
 * ftsrank.c: BM25 for the search (see ftsrank.h).
 *
 * The score of a text D for the query's phrases q1 … qn is
 *
 *	-1 × Σ idf(qi) × f(qi, D) × (k1 + 1) / (f(qi, D) + k1 × (1 - b + b × |D| / avgdl))
 *
 * with k1 = 1.2, b = 0.75, f the number of times qi occurs in D, |D| the
 * text's length in tokens, avgdl the mean length of all texts, and
 * idf(q) = ln((N - n(q) + 0.5) / (n(q) + 0.5)) (at least 1e-6) for N
 * texts of which n(q) hold q: FTS5's documented bm25(), term by term in
 * the same order, so that the two give the same doubles.  The difference
 * is where |D| comes from.
 */
#include "ftsrank.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define K1 1.2
#define B 0.75

/* What is the same for every row of one query. */
struct query {
	int n;                  /* phrases */
	double avgdl;
	double *freq;           /* n, for the row at hand */
	double idf[];           /* n */
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	(void)api;
	(void)fts;
	++*(sqlite3_int64 *)arg;
	return SQLITE_OK;
}

static void query_free(void *p)
{
	free(p);
}

static int query_make(const Fts5ExtensionApi *api, Fts5Context *fts, struct query **out)
{
	*out = NULL;
	sqlite3_int64 rows = 0, tokens = 0;
	int rc = api->xRowCount(fts, &rows);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	if (rc != SQLITE_OK)
		return rc;
	int n = api->xPhraseCount(fts);
	struct query *q = calloc(1, sizeof *q + 2 * (size_t)n * sizeof(double));
	if (!q)
		return SQLITE_NOMEM;
	q->n = n;
	q->freq = q->idf + n;
	q->avgdl = (double)tokens / (double)rows;
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_int64 hits = 0;
		rc = api->xQueryPhrase(fts, i, &hits, count_row);
		double idf = log((0.5 + (double)rows - (double)hits) / (0.5 + (double)hits));
		q->idf[i] = idf > 0.0 ? idf : 1e-6;
	}
	if (rc != SQLITE_OK) {
		free(q);
		return rc;
	}
	rc = api->xSetAuxdata(fts, q, query_free);      /* which frees q if it fails */
	if (rc == SQLITE_OK)
		*out = q;
	return rc;
}

/* The first varint of a docsize sz blob (SQLite's varint, as FTS5 writes
 * it): the length of the first column in tokens; -1 if there is none. */
static sqlite3_int64 first_varint(const unsigned char *p, int len)
{
	uint64_t v = 0;
	for (int i = 0; i < len && i < 9; i++) {
		if (i == 8)
			return (sqlite3_int64)((v << 8) | p[i]);
		v = (v << 7) | (p[i] & 0x7F);
		if (!(p[i] & 0x80))
			return (sqlite3_int64)v;
	}
	return -1;
}

static void bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *cx,
		 int argc, sqlite3_value **argv)
{
	struct query *q = api->xGetAuxdata(fts, 0);
	int rc = SQLITE_OK;
	if (!q && (rc = query_make(api, fts, &q)) != SQLITE_OK) {
		sqlite3_result_error_code(cx, rc);
		return;
	}
	sqlite3_int64 len = -1;
	if (argc == 1 && sqlite3_value_type(argv[0]) == SQLITE_BLOB)
		len = first_varint(sqlite3_value_blob(argv[0]), sqlite3_value_bytes(argv[0]));
	if (len < 0) {
		int n = 0;
		rc = api->xColumnSize(fts, -1, &n);
		len = n;
	}
	int inst = 0;
	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &inst);
	memset(q->freq, 0, (size_t)q->n * sizeof *q->freq);
	for (int i = 0; i < inst && rc == SQLITE_OK; i++) {
		int phrase, col, off;
		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK && phrase >= 0 && phrase < q->n)
			q->freq[phrase] += 1.0;
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(cx, rc);
		return;
	}
	double d = (double)len, score = 0.0;
	for (int i = 0; i < q->n; i++)
		score += q->idf[i] * ((q->freq[i] * (K1 + 1.0)) /
				      (q->freq[i] + K1 * (1 - B + B * d / q->avgdl)));
	sqlite3_result_double(cx, -1.0 * score);
}

int tg_ftsrank_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	rc = sqlite3_finalize(st);
	if (rc == SQLITE_OK && !api)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "tg_bm25", NULL, bm25, NULL);
	return rc;
}
