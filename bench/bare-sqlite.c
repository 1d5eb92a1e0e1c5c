/*
 * bare-sqlite: the cost that cannot be avoided when writing the index —
 * the same rows inserted into a fresh SQLite database with the same tables,
 * one prepared statement per table, one transaction.
 *
 *   bare-sqlite INDEX.sqlite SCRATCH.sqlite   prints "rows seconds"
 *
 * The rows are read from INDEX (a trygg index) into memory first; only the
 * inserts into SCRATCH are timed.  Views, triggers, indexes and virtual
 * tables (FTS) are left out: the limit is the plain insert.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct table {
	char *name, *sql;
	int ncols;
	sqlite3_value ***rows;     /* copies of the values */
	size_t n, alloc;
};

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bare-sqlite: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bare-sqlite INDEX.sqlite SCRATCH.sqlite\n");
		return 2;
	}
	sqlite3 *src, *dst;
	if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL))
		die(src, argv[1]);
	remove(argv[2]);
	if (sqlite3_open(argv[2], &dst))
		die(dst, argv[2]);
	/* ordinary tables only: not the shadow tables of FTS, not sqlite_ */
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(src, "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
			       "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
			       "AND name NOT IN (SELECT name FROM sqlite_master WHERE 0)", -1, &q, NULL))
		die(src, "tables");
	struct table *t = NULL;
	size_t nt = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		/* skip FTS shadow tables (name_data, name_idx, …) */
		sqlite3_stmt *v;
		char *probe = sqlite3_mprintf("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
					      "sql LIKE 'CREATE VIRTUAL%%' AND %Q LIKE name || '\\_%%' ESCAPE '\\'",
					      name);
		int shadow = 0;
		if (!sqlite3_prepare_v2(src, probe, -1, &v, NULL)) {
			shadow = sqlite3_step(v) == SQLITE_ROW;
			sqlite3_finalize(v);
		}
		sqlite3_free(probe);
		if (shadow)
			continue;
		t = realloc(t, (nt + 1) * sizeof *t);
		memset(&t[nt], 0, sizeof *t);
		t[nt].name = strdup(name);
		t[nt].sql = strdup((const char *)sqlite3_column_text(q, 1));
		nt++;
	}
	sqlite3_finalize(q);
	size_t total = 0;
	for (size_t i = 0; i < nt; i++) {
		char *sel = sqlite3_mprintf("SELECT * FROM %Q", t[i].name);
		if (sqlite3_prepare_v2(src, sel, -1, &q, NULL))
			die(src, sel);
		sqlite3_free(sel);
		t[i].ncols = sqlite3_column_count(q);
		while (sqlite3_step(q) == SQLITE_ROW) {
			if (t[i].n == t[i].alloc) {
				t[i].alloc = t[i].alloc ? 2 * t[i].alloc : 1024;
				t[i].rows = realloc(t[i].rows, t[i].alloc * sizeof *t[i].rows);
			}
			sqlite3_value **row = malloc((size_t)t[i].ncols * sizeof *row);
			for (int c = 0; c < t[i].ncols; c++)
				row[c] = sqlite3_value_dup(sqlite3_column_value(q, c));
			t[i].rows[t[i].n++] = row;
		}
		total += t[i].n;
		sqlite3_finalize(q);
		if (sqlite3_exec(dst, t[i].sql, NULL, NULL, NULL))
			die(dst, t[i].sql);
	}
	double t0 = now();
	if (sqlite3_exec(dst, "BEGIN", NULL, NULL, NULL))
		die(dst, "begin");
	for (size_t i = 0; i < nt; i++) {
		char *ins = sqlite3_mprintf("INSERT INTO %Q VALUES (?%s", t[i].name, "");
		for (int c = 1; c < t[i].ncols; c++) {
			char *more = sqlite3_mprintf("%s, ?", ins);
			sqlite3_free(ins);
			ins = more;
		}
		char *full = sqlite3_mprintf("%s)", ins);
		sqlite3_free(ins);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(dst, full, -1, &st, NULL))
			die(dst, full);
		sqlite3_free(full);
		for (size_t r = 0; r < t[i].n; r++) {
			for (int c = 0; c < t[i].ncols; c++)
				sqlite3_bind_value(st, c + 1, t[i].rows[r][c]);
			if (sqlite3_step(st) != SQLITE_DONE)
				die(dst, "insert");
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	if (sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL))
		die(dst, "commit");
	printf("%zu %.6f\n", total, now() - t0);
	sqlite3_close(src);
	sqlite3_close(dst);
	return 0;
}
