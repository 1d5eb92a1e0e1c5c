/*
 * index-int.h: what the index's modules share, and no one else: the files
 * that make it (lib/index*.c, which share lib/index-build.h besides),
 * lib/query.c (cursors, queries, listings) and lib/search.c (full-text
 * search).
 */
#ifndef TRYGG_INDEX_INT_H
#define TRYGG_INDEX_INT_H

#include "index.h"
#include "priv.h"

#include <sqlite3.h>

/* Every row of a district has an id in its file's range: file id << ROW_BITS
 * onwards (trygg-index(7)). */
#define ROW_BITS 32

struct tg_index {
	sqlite3 *db;
	enum tg_index_mode mode;
	char *path;             /* the index file */
	char *root;             /* the workspace */
	char *districts_dir;
	bool created;           /* no file before this open */
	bool in_cache;          /* path is in the user's cache (tgi_ix_locate) */
	bool immutable;         /* opened with immutable=1 */
	char denied[160];       /* why the authorizer refused, or "" */
	int last_rc;            /* SQLite's code of the last failure */
	sqlite3_stmt *hold;     /* tg_index_hold's open read */
	double limit_s;         /* tg_index_bound's time limit, or 0 */
	double deadline;        /* when it runs out (CLOCK_MONOTONIC) */
	bool timed_out;         /* the progress handler stopped a statement */
	bool heap_bound;        /* SQLite's heap is limited */
};

/* The path of the index of the workspace at root (caller frees):
 * root/.trygg/index.sqlite when the user may write there (or make
 * .trygg/); else, with *in_cache set, tg_index_cache_path(root) when mode
 * is TG_INDEX_WRITE or an index is there already (lib/indexloc.c). */
char *tgi_ix_locate(const char *root, enum tg_index_mode mode, bool *in_cache);
/* Make the folders above path, each new one 0700: 0 or an errno. */
int tgi_ix_make_cache_folders(const char *path);

/* A cursor steps a statement, or the rows of a search held in memory
 * (st is NULL; row is the row at hand, from 1). */
struct tg_cursor {
	struct tg_index *ix;
	sqlite3_stmt *st;
	size_t ncols;
	struct buf *blobs;      /* hex text of blob columns, per column */
	char (*ints)[22];       /* decimal text of integers, per column */
	struct search *search;
	size_t rows, row;
	char score[32];         /* the score of the row at hand as text */
	unsigned long long lists; /* columns that are lists (TG_VLIST), a bit each */
	unsigned long long numbers; /* of them, lists of numbers (TG_VNUMLIST) */
};


/* SQLite's code rc as a status. */
enum tg_status tgi_ix_status(int rc);
/* Report a failure of SQLite (rc) while doing something; its status. */
enum tg_status tgi_ix_fail(struct tg_index *ix, struct tg_diags *d, int rc,
		       const char *doing);
/* One integer from a statement; SQLite's code in *rc. */
long long tgi_ix_query_int(sqlite3 *db, const char *sql, int *rc);
/* Open another connection to read ix's index, as ix reads it, or (with
 * immutable) the file as it is, without the -wal and -shm files. */
int tgi_ix_open_reader(const struct tg_index *ix, sqlite3 **db, bool immutable);
/* The read-only connection's authorizer: reads, and nothing else (the
 * reason for a refusal goes to ix->denied; u is the tg_index). */
int tgi_ix_authorize(void *u, int action, const char *a, const char *b,
		 const char *db, const char *trigger);

/* A statement under construction: SQL text and its bound values in order. */
struct sqlq {
	struct buf sql;
	struct qval { bool is_int; long long i; const char *s; } *v;
	size_t n, alloc;
};
/* Append a placeholder to q's SQL and its value (an integer or a string,
 * which must outlive q). */
void tgi_ix_q_val(struct sqlq *q, bool is_int, long long i, const char *s);
/* Bind q's values to st (the first q->n parameters). */
int tgi_ix_q_bind(sqlite3_stmt *st, const struct sqlq *q);
/* Prepare q on ix's read connection and bind its values: a cursor in
 * *out; q is released either way. */
enum tg_status tgi_ix_q_run(struct tg_index *ix, struct sqlq *q, struct tg_cursor **out,
			    struct tg_diags *d);
/* `AND <lhs> IN (SELECT <sel> FROM districts WHERE …)` for the districts
 * named; TG_EUSAGE for a name that is no district. */
enum tg_status tgi_ix_q_districts(struct tg_index *ix, struct sqlq *q, const char *lhs,
			      const char *sel, const char *const *names, size_t n,
			      char **slugs, struct tg_diags *d);

/* tg_index_fingerprint on a connection; SQLite's code. */
int tgi_ix_files_fingerprint(sqlite3 *db, unsigned long long *fp);
/* tg_index_hold on a connection: *hold is the statement part way, or NULL
 * (no files: nothing to hold, and nothing to read); SQLite's code. */
int tgi_ix_hold_read(sqlite3 *db, sqlite3_stmt **hold);

/* A search's rows in memory (lib/search.c), stepped by a cursor. */
extern const char *const tgi_ix_search_cols[5];
void tgi_ix_search_free(struct search *h);
/* A search cursor's column col of the row at hand. */
const char *tgi_ix_search_value(struct tg_cursor *c, size_t col, enum tg_vtype *type);

#endif
