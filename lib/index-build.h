/*
 * index-build.h: what the files that make and fill the index share, and
 * no one else: lib/index-schema.c (the schema's text), lib/index-sqlite.c
 * (collations, functions, SQLite's codes), lib/index.c (opening),
 * lib/index-rows.c (a plan as rows) and lib/index-refresh.c (a refresh).
 */
#ifndef TRYGG_INDEX_BUILD_H
#define TRYGG_INDEX_BUILD_H

#include "index-int.h"

/* The schema (lib/index-schema.c): the tables, views and indexes of an
 * empty index; each district's place in Swedish order; the indexes made
 * after a full build's rows; the full-text index alone; the tables that
 * hold a district's rows (NULL-ended). */
extern const char tgi_schema_sql[], tgi_rank_sql[], tgi_index_sql[], tgi_fts_sql[];
#define TGI_N_DISTRICT_TABLES 23
extern const char *const tgi_district_tables[TGI_N_DISTRICT_TABLES + 1];

/* lib/index-sqlite.c: the collations, lower() and upper(), and the
 * tokenizer, on every connection (analyze: for one that writes the
 * index); is SQLite's rc a damaged file? */
void tgi_register_functions(sqlite3 *db, bool analyze);
bool tgi_is_damage(int rc);

/* lib/index.c: the time (ns); sqlite3_exec of sql; remove the index file
 * at path and its -wal, -shm and -journal; close ix's connection; open
 * ix for writing, made when missing. */
long long tgi_now_ns(void);
int tgi_exec(sqlite3 *db, const char *sql);
void tgi_remove_files(const char *path);
void tgi_close_db(struct tg_index *ix);
enum tg_status tgi_open_write(struct tg_index *ix, struct tg_diags *d);

/* A refresh's statements, prepared once (lib/index-rows.c). */
enum {
	S_FILE_INS, S_FILE_UPD, S_FILE_DEL,
	S_DISTRICT, S_DISTRICT_DEL, S_AREA, S_SITEM, S_SAREA, S_PROBLEM, S_CAUSE, S_SUBGOAL,
	S_INDICATOR, S_PAREA, S_MEASURE, S_RESP, S_MAREA, S_FOLLOWUP, S_FMEASURE,
	S_READING, S_TEXT, S_MCOUNT, S_ACOUNT, S_DCOUNT, S_FTS, S_FTS_DEL, S_SA, S_PHASE, S_ORG,
	S_VERDICT, S_PLACE, S_ILINK, S_INIT, S_PROMISE, S_OUTCOME, S_N
};

/* A file as the index knows it (the table files). */
struct filerow {
	long long id, size, mtime_ns, checked_ns;
	unsigned long long hash;
	bool stale;
	bool has_rows;          /* a district's rows are in the index */
	char *path;             /* relative to the workspace */
};

/* One refresh: the connection, its statements, the file at hand. */
struct refresh {
	struct tg_index *ix;
	sqlite3 *db;
	const struct tg_config *cfg;
	const struct tg_index_opts *opts;
	struct tg_index_stats *stats;
	struct tg_diags *d;
	sqlite3_stmt *st[S_N];
	sqlite3_stmt *del[TGI_N_DISTRICT_TABLES + 1];
	int rc;                 /* the first SQLite error, sticky */
	long long now;
	struct buf text;        /* the file being indexed */
	struct buf scratch;
	long long seq_text;
	long long row_id, row_end;  /* the last id given, the end of the range */
	const char *path;           /* the file being indexed */
	bool force;                 /* read every file (trygg.yaml changed) */
	struct job **loads;         /* the files to read, for load_job */
	struct fts_build *fts;      /* a full build's full-text index, or NULL */
	bool prepared;              /* st and del are made */
};

/* lib/index-rows.c; each a no-op once r->rc holds an error. */
/* Prepare the statements (once per refresh). */
void tgi_prepare_writes(struct refresh *r);
/* Delete the rows of district did / insert those of plan p, whose file
 * (rel to the workspace) has id did. */
void tgi_delete_district(struct refresh *r, long long did);
void tgi_insert_district(struct refresh *r, long long did, const char *rel,
			 const struct tg_plan *p);
/* The tables of trygg.yaml: strategic areas, phases, organisations. */
void tgi_insert_config(struct refresh *r);
/* Insert (id 0) or update the row of a file. */
void tgi_write_filerow(struct refresh *r, long long id, const char *rel,
		       const struct filerow *f, const char *error);
/* Count event ev and tell the caller's progress callback. */
void tgi_event(struct refresh *r, enum tg_index_event ev, const char *path);
/* A plan file gone: its rows and its row of files. */
void tgi_remove_file(struct refresh *r, const struct filerow *old);

#endif
