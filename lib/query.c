/*
 * query: reading the index (see index.h): the read-only connection's
 * authorizer, cursors, SQL queries, and the fingerprint and held read that
 * let two connections agree on what they read.  The listings of `trygg ls`
 * are in lib/index-ls.c.
 */
#include "index-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- bounds ------------------------------------------------------------- */

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite calls this every 1000 steps of its virtual machine: non-zero
 * interrupts the statement. */
static int past_deadline(void *u)
{
	struct tg_index *ix = u;
	if (monotonic() < ix->deadline)
		return 0;
	ix->timed_out = true;
	return 1;
}

void tg_index_bound(struct tg_index *ix, double seconds)
{
	sqlite3_hard_heap_limit64(TG_QUERY_HEAP_LIMIT);
	ix->heap_bound = true;
	ix->limit_s = seconds;
	ix->timed_out = false;
	if (seconds > 0) {
		ix->deadline = monotonic() + seconds;
		sqlite3_progress_handler(ix->db, 1000, past_deadline, ix);
	}
}

/* A failure of a bounded statement that is its bound: the message, true. */
static bool over_bound(struct tg_index *ix, int rc, struct tg_diags *d)
{
	if (ix->timed_out && (rc & 0xFF) == SQLITE_INTERRUPT) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "the query ran longer than %g s, its time limit, and was stopped"
			    " (trygg query --timeout SECS sets another; 0: none)", ix->limit_s);
		return true;
	}
	if (ix->heap_bound && (rc & 0xFF) == SQLITE_NOMEM) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "the query needed more than %lld MiB of memory, its limit, and was"
			    " stopped", TG_QUERY_HEAP_LIMIT >> 20);
		return true;
	}
	return false;
}

/* ---- reading ------------------------------------------------------------ */

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!sqlite3_stricmp(s, *list))
			return true;
	return false;
}

/* Pragmas that only read: the first take an argument (a table's name). */
static const char *const pragma_lookup[] = {
	"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", "table_list", "collation_list", "function_list",
	"module_list", "pragma_list", "compile_options", "database_list", NULL,
};
static const char *const pragma_value[] = {
	"user_version", "application_id", "schema_version", "page_count", "page_size",
	"encoding", "freelist_count", "data_version", "journal_mode", NULL,
};

int tgi_ix_authorize(void *u, int action, const char *a, const char *b,
		 const char *db, const char *trigger)
{
	(void)db;
	struct tg_index *ix = u;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		if (b && !sqlite3_stricmp(b, "load_extension"))
			break;
		return SQLITE_OK;
	case SQLITE_UPDATE:
		/* SQLite checks this when FTS5 declares its table on first
		 * use, and never runs it; a user's own UPDATE of the schema
		 * is refused by SQLITE_DBCONFIG_DEFENSIVE and the read-only
		 * check after prepare */
		if (a && !strcmp(a, "sqlite_master") && !trigger)
			return SQLITE_OK;
		break;
	case SQLITE_PRAGMA:
		if (a && (in_list(a, pragma_lookup) || (!b && in_list(a, pragma_value))))
			return SQLITE_OK;
		break;
	}
	if (!ix->denied[0]) {
		if (action == SQLITE_PRAGMA)
			snprintf(ix->denied, sizeof ix->denied, "PRAGMA %s%s", a ? a : "",
				 b ? " with a value" : "");
		else if (action == SQLITE_FUNCTION)
			snprintf(ix->denied, sizeof ix->denied, "function %s()", b ? b : "");
		else if ((action == SQLITE_INSERT || action == SQLITE_UPDATE ||
			  action == SQLITE_DELETE) && a && strncmp(a, "sqlite_", 7))
			snprintf(ix->denied, sizeof ix->denied, "-%s",
				 action == SQLITE_INSERT ? "INSERT" :
				 action == SQLITE_UPDATE ? "UPDATE" : "DELETE");
		else
			snprintf(ix->denied, sizeof ix->denied, "-");
	}
	return SQLITE_DENY;
}

struct word { char w[24]; };

/* The statement's first keyword, in capitals ("DROP"). */
static struct word first_word(const char *sql)
{
	struct word w = { "" };
	size_t n = 0;
	for (;;) {
		sql += strspn(sql, " \t\r\n\f\v(");
		if (sql[0] == '-' && sql[1] == '-')
			sql += strcspn(sql, "\n");
		else if (sql[0] == '/' && sql[1] == '*' && strstr(sql + 2, "*/"))
			sql = strstr(sql + 2, "*/") + 2;
		else
			break;
	}
	while (n + 1 < sizeof w.w && ((*sql >= 'a' && *sql <= 'z') || (*sql >= 'A' && *sql <= 'Z')))
		w.w[n++] = (char)(*sql >= 'a' ? *sql++ - 32 : *sql++);
	w.w[n] = '\0';
	if (!n)
		snprintf(w.w, sizeof w.w, "such");
	return w;
}

static enum tg_status prepare(struct tg_index *ix, const char *sql, const char **tail,
			      struct tg_cursor **out, struct tg_diags *d)
{
	*out = NULL;
	ix->denied[0] = '\0';
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, tail);
	if (rc == SQLITE_OK && st && !sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		snprintf(ix->denied, sizeof ix->denied, "-");
		rc = SQLITE_AUTH;
	}
	if (rc != SQLITE_OK && over_bound(ix, rc, d))
		return TG_EUSAGE;
	if (rc != SQLITE_OK) {
		if (ix->denied[0] == '-')
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "refused: %s statements are not allowed; the index is read-only"
				    " and takes reads only (SELECT, WITH … SELECT)",
				    ix->denied[1] ? ix->denied + 1 : first_word(sql).w);
		else if (ix->denied[0])
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "refused: %s is not allowed; the index is read-only and"
				    " takes reads only (SELECT, WITH … SELECT)", ix->denied);
		else
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "SQL: %s", sqlite3_errmsg(ix->db));
		return ix->denied[0] ? TG_EUSAGE : tgi_ix_status(rc);
	}
	if (!st) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "no SQL statement given");
		return TG_EUSAGE;
	}
	struct tg_cursor *c = xcalloc(1, sizeof *c);
	c->ix = ix;
	c->st = st;
	c->ncols = (size_t)sqlite3_column_count(st);
	*out = c;
	return TG_OK;
}

void tg_cursor_free(struct tg_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	tgi_ix_search_free(c->search);
	if (c->blobs)
		for (size_t i = 0; i < c->ncols; i++)
			buf_release(&c->blobs[i]);
	free(c->blobs);
	free(c->ints);
	free(c);
}

size_t tg_cursor_ncols(const struct tg_cursor *c)
{
	return c->ncols;
}

const char *tg_cursor_name(const struct tg_cursor *c, size_t col)
{
	if (c->search)
		return tgi_ix_search_cols[col];
	const char *n = sqlite3_column_name(c->st, (int)col);
	return n ? n : "?";
}

enum tg_status tg_cursor_step(struct tg_cursor *c, bool *row, struct tg_diags *d)
{
	if (c->search) {
		*row = c->row < c->rows;
		c->row += *row;
		return TG_OK;
	}
	int rc = sqlite3_step(c->st);
	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return TG_OK;
	if (over_bound(c->ix, rc, d))
		return TG_EUSAGE;
	return tgi_ix_fail(c->ix, d, rc, "query failed");
}

static enum tg_vtype vtype_of(int t)
{
	switch (t) {
	case SQLITE_INTEGER: return TG_VINT;
	case SQLITE_FLOAT: return TG_VREAL;
	case SQLITE_TEXT: return TG_VTEXT;
	case SQLITE_BLOB: return TG_VBLOB;
	default: return TG_VNULL;
	}
}

enum tg_vtype tg_cursor_type(struct tg_cursor *c, size_t col)
{
	if (c->search) {
		enum tg_vtype t;
		tgi_ix_search_value(c, col, &t);
		return t;
	}
	if (col < 64 && (c->lists >> col & 1))
		return sqlite3_column_type(c->st, (int)col) == SQLITE_NULL ? TG_VNULL
		       : c->numbers >> col & 1 ? TG_VNUMLIST : TG_VLIST;
	return vtype_of(sqlite3_column_type(c->st, (int)col));
}

double tg_cursor_num(struct tg_cursor *c, size_t col)
{
	if (c->search) {
		enum tg_vtype t;
		const char *v = tgi_ix_search_value(c, col, &t);
		return v ? strtod(v, NULL) : 0;
	}
	return sqlite3_column_double(c->st, (int)col);
}

/* n in decimal at the end of out (21 bytes and the NUL); its start. */
static const char *int_text(char out[static 22], long long n)
{
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	char *p = out + 21;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	return p;
}

/* A blob as x'…', the way SQLite's shell writes one. */
static __attribute__((noinline)) const char *blob_text(struct tg_cursor *c, size_t col)
{
	if (!c->blobs) {
		c->blobs = xcalloc(c->ncols, sizeof *c->blobs);
		for (size_t i = 0; i < c->ncols; i++)
			buf_init(&c->blobs[i]);
	}
	struct buf *b = &c->blobs[col];
	const unsigned char *p = sqlite3_column_blob(c->st, (int)col);
	int n = sqlite3_column_bytes(c->st, (int)col);
	buf_reset(b);
	buf_adds(b, "x'");
	for (int i = 0; i < n; i++)
		buf_addf(b, "%02x", p[i]);
	buf_addc(b, '\'');
	return b->s;
}

/* An integer, written here as SQLite would write it, into the cursor's
 * own room for the column. */
static __attribute__((noinline)) const char *int_cell(struct tg_cursor *c, size_t col,
						      sqlite3_value *v)
{
	if (!c->ints)
		c->ints = xcalloc(c->ncols, sizeof *c->ints);
	return int_text(c->ints[col], sqlite3_value_int64(v));
}

const char *tg_cursor_value(struct tg_cursor *c, size_t col, enum tg_vtype *type)
{
	if (c->search)
		return tgi_ix_search_value(c, col, type);
	if (col < 64 && (c->lists >> col & 1)) {
		const char *s = (const char *)sqlite3_column_text(c->st, (int)col);
		*type = !s ? TG_VNULL : c->numbers >> col & 1 ? TG_VNUMLIST : TG_VLIST;
		return s;
	}
	/* one call for the value, then none of the API's locking per call;
	 * the common cases first, the rest out of line (a listing reads
	 * millions of cells) */
	sqlite3_value *v = sqlite3_column_value(c->st, (int)col);
	switch (sqlite3_value_type(v)) {
	case SQLITE_TEXT:
		*type = TG_VTEXT;
		return (const char *)sqlite3_value_text(v);
	case SQLITE_NULL:
		*type = TG_VNULL;
		return NULL;
	case SQLITE_INTEGER:
		*type = TG_VINT;
		return int_cell(c, col, v);
	case SQLITE_FLOAT:
		*type = TG_VREAL;
		return (const char *)sqlite3_column_text(c->st, (int)col);
	default:
		*type = TG_VBLOB;
		return blob_text(c, col);
	}
}

const char *tg_cursor_text(struct tg_cursor *c, size_t col)
{
	enum tg_vtype t;
	return tg_cursor_value(c, col, &t);
}

/* Only white space, comments and semicolons left? */
static bool only_trivia(const char *s)
{
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ';' ||
		       *s == '\f' || *s == '\v')
			s++;
		if (s[0] == '-' && s[1] == '-') {
			s += strcspn(s, "\n");
		} else if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			if (!e)
				return true;
			s = e + 2;
		} else {
			return !*s;
		}
	}
}

static bool param_matches(const char *pname, int index, const char *name, size_t nlen)
{
	if (pname) {
		if (pname[0] == '?')    /* ?NNN: by its number */
			pname++;
		else if (name[0] == pname[0])
			; /* written with its prefix: compare whole */
		else
			pname++;
		return strlen(pname) == nlen && !strncmp(pname, name, nlen);
	}
	char num[24];
	snprintf(num, sizeof num, "%d", index);
	return strlen(num) == nlen && !strncmp(num, name, nlen);
}

enum tg_status tg_index_query(struct tg_index *ix, const char *sql,
			      const char *const *params, size_t n_params,
			      struct tg_cursor **out, struct tg_diags *d)
{
	const char *tail = NULL;
	struct tg_cursor *c;
	enum tg_status st = prepare(ix, sql, &tail, &c, d);
	*out = NULL;
	if (st != TG_OK)
		return st;
	if (tail && !only_trivia(tail)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "one statement at a time, please: found more after the first ('%.40s')",
			    tail + strspn(tail, " \t\r\n;"));
		tg_cursor_free(c);
		return TG_EUSAGE;
	}
	int np = sqlite3_bind_parameter_count(c->st);
	bool *used = xcalloc(n_params + 1, sizeof *used);
	for (int i = 1; i <= np && st == TG_OK; i++) {
		const char *pname = sqlite3_bind_parameter_name(c->st, i);
		bool bound = false;
		for (size_t k = n_params; k-- > 0 && !bound;) {
			const char *eq = strchr(params[k], '=');
			if (!eq)
				continue;
			if (param_matches(pname, i, params[k], (size_t)(eq - params[k]))) {
				sqlite3_bind_text(c->st, i, eq + 1, -1, SQLITE_TRANSIENT);
				bound = used[k] = true;
			}
		}
		if (!bound) {
			char num[24];
			snprintf(num, sizeof num, "?%d", i);
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "parameter %s has no value (give it with --param NAME=VALUE)",
				    pname ? pname : num);
			st = TG_EUSAGE;
		}
	}
	for (size_t k = 0; k < n_params && st == TG_OK; k++) {
		const char *eq = strchr(params[k], '=');
		if (!eq) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "--param '%s' is not NAME=VALUE", params[k]);
			st = TG_EUSAGE;
		} else if (!used[k]) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "the statement has no parameter '%.*s'",
				    (int)(eq - params[k]), params[k]);
			st = TG_EUSAGE;
		}
	}
	free(used);
	if (st != TG_OK) {
		tg_cursor_free(c);
		return st;
	}
	*out = c;
	return TG_OK;
}

/* ---- listings ----------------------------------------------------------- */

void tgi_ix_q_val(struct sqlq *q, bool is_int, long long i, const char *s)
{
	if (q->n == q->alloc)
		q->v = xrealloc(q->v, (q->alloc = q->alloc ? 2 * q->alloc : 16) * sizeof *q->v);
	q->v[q->n++] = (struct qval){ is_int, i, s };
	buf_addc(&q->sql, '?');
}

int tgi_ix_q_bind(sqlite3_stmt *st, const struct sqlq *q)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < q->n; i++)
		rc = q->v[i].is_int ?
			sqlite3_bind_int64(st, (int)i + 1, q->v[i].i) :
			sqlite3_bind_text(st, (int)i + 1, q->v[i].s, -1, SQLITE_TRANSIENT);
	return rc;
}

enum tg_status tgi_ix_q_run(struct tg_index *ix, struct sqlq *q, struct tg_cursor **out,
			    struct tg_diags *d)
{
	enum tg_status st = prepare(ix, q->sql.s, NULL, out, d);
	if (st == TG_OK) {
		int rc = tgi_ix_q_bind((*out)->st, q);
		if (rc != SQLITE_OK)
			st = tgi_ix_fail(ix, d, rc, "cannot bind a value");
	}
	if (st != TG_OK) {
		tg_cursor_free(*out);
		*out = NULL;
	}
	buf_release(&q->sql);
	free(q->v);
	return st;
}

enum tg_status tgi_ix_q_districts(struct tg_index *ix, struct sqlq *q, const char *lhs,
			      const char *sel, const char *const *names, size_t n,
			      char **slugs, struct tg_diags *d)
{
	if (!n)
		return TG_OK;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(ix->db, "SELECT name FROM districts"
				    " WHERE slug = ?1 OR file_slug = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return tgi_ix_fail(ix, d, rc, "cannot read the districts");
	enum tg_status status = TG_OK;
	for (size_t i = 0; i < n; i++) {
		slugs[i] = tg_slug(names[i]);
		sqlite3_bind_text(st, 1, slugs[i], -1, SQLITE_STATIC);
		bool found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (found)
			continue;
		/* suggest the nearest name */
		sqlite3_stmt *all;
		const char **words = NULL;
		size_t nw = 0;
		if (sqlite3_prepare_v2(ix->db, "SELECT name FROM districts ORDER BY name",
				       -1, &all, NULL) == SQLITE_OK) {
			while (sqlite3_step(all) == SQLITE_ROW) {
				words = xrealloc(words, (nw + 2) * sizeof *words);
				words[nw++] = xstrdup((const char *)sqlite3_column_text(all, 0));
			}
			sqlite3_finalize(all);
		}
		struct buf hint = BUF_INIT;
		if (words) {
			words[nw] = NULL;
			tg_did_you_mean(&hint, names[i], words);
		}
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "no district '%s'%s", names[i],
			    hint.len ? hint.s : " in the workspace");
		buf_release(&hint);
		for (size_t k = 0; k < nw; k++)
			free((char *)words[k]);
		free(words);
		status = TG_EUSAGE;
	}
	sqlite3_finalize(st);
	if (status)
		return status;
	buf_addf(&q->sql, " AND %s IN (SELECT %s FROM districts WHERE slug IN (", lhs, sel);
	for (size_t i = 0; i < n; i++) {
		buf_adds(&q->sql, i ? ", " : "");
		tgi_ix_q_val(q, false, 0, slugs[i]);
	}
	buf_adds(&q->sql, ") OR file_slug IN (");
	for (size_t i = 0; i < n; i++) {
		buf_adds(&q->sql, i ? ", " : "");
		tgi_ix_q_val(q, false, 0, slugs[i]);
	}
	buf_adds(&q->sql, "))");
	return TG_OK;
}

enum tg_status tg_index_count_districts(struct tg_index *ix, long long *n,
					struct tg_diags *d)
{
	int rc;
	*n = tgi_ix_query_int(ix->db, "SELECT count(*) FROM districts", &rc);
	return rc == SQLITE_OK ? TG_OK : tgi_ix_fail(ix, d, rc, "cannot read the districts");
}

int tgi_ix_files_fingerprint(sqlite3 *db, unsigned long long *fp)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT id, size, mtime_ns, hash, checked_ns, stale,"
				    " error IS NOT NULL FROM files ORDER BY id", -1, &st, NULL);
	unsigned long long h = 14695981039346656037ULL;        /* FNV-1a, by value */
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		for (int i = 0; i < 7; i++) {
			h ^= (unsigned long long)sqlite3_column_int64(st, i);
			h *= 1099511628211ULL;
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	*fp = h;
	return rc;
}

enum tg_status tg_index_fingerprint(struct tg_index *ix, unsigned long long *fp,
				    struct tg_diags *d)
{
	int rc = tgi_ix_files_fingerprint(ix->db, fp);
	return rc == SQLITE_OK ? TG_OK : tgi_ix_fail(ix, d, rc, "cannot read the index");
}

int tgi_ix_hold_read(sqlite3 *db, sqlite3_stmt **hold)
{
	/* a read transaction lasts while a statement is part way */
	int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM files", -1, hold, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(*hold)) == SQLITE_ROW)
		return SQLITE_OK;
	sqlite3_finalize(*hold);
	*hold = NULL;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum tg_status tg_index_hold(struct tg_index *ix, struct tg_diags *d)
{
	tg_index_hold_end(ix);
	int rc = tgi_ix_hold_read(ix->db, &ix->hold);
	return rc == SQLITE_OK ? TG_OK : tgi_ix_fail(ix, d, rc, "cannot read the index");
}

void tg_index_hold_end(struct tg_index *ix)
{
	sqlite3_finalize(ix->hold);
	ix->hold = NULL;
}
