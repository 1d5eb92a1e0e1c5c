/*
 * index: opening the derived SQLite index of a workspace (see index.h and
 * trygg-index(7)): where it is, whether it may be written, and a damaged
 * or outdated file.  Its schema is in lib/index-schema.c, the rows of a
 * plan in lib/index-rows.c, a refresh in lib/index-refresh.c.
 */
#include "index-build.h"
#include "fts-sv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_MS 10000

long long tgi_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int tgi_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

long long tgi_ix_query_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt *st;
	long long v = 0;
	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK)
		return 0;
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*rc = SQLITE_OK;
	} else if (*rc == SQLITE_DONE) {
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return v;
}

void tgi_remove_files(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

static int open_db(struct tg_index *ix)
{
	int flags = ix->mode == TG_INDEX_READ ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(ix->path, &ix->db,
				 flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(ix->db, 0);
	sqlite3_busy_timeout(ix->db, BUSY_MS);
	tgi_register_functions(ix->db, ix->mode != TG_INDEX_READ);
	return SQLITE_OK;
}

void tgi_close_db(struct tg_index *ix)
{
	sqlite3_close(ix->db);
	ix->db = NULL;
}

int tgi_ix_open_reader(const struct tg_index *ix, sqlite3 **db, bool immutable)
{
	struct buf uri = BUF_INIT;
	buf_adds(&uri, "file:");
	for (const char *p = ix->path; *p; p++)
		if (strchr("%?#", *p) || (unsigned char)*p < 0x20)
			buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	if (immutable)
		buf_adds(&uri, "?immutable=1");
	int rc = sqlite3_open_v2(uri.s, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				 SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	buf_release(&uri);
	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return rc;
	}
	sqlite3_extended_result_codes(*db, 0);
	sqlite3_busy_timeout(*db, BUSY_MS);
	tgi_fts_sv_register(*db, false);
	return SQLITE_OK;
}

/* Open the index file read as it is, without the -wal and -shm files
 * that WAL mode keeps beside it (SQLite's immutable=1). */
static int open_immutable(struct tg_index *ix)
{
	int rc = tgi_ix_open_reader(ix, &ix->db, true);
	if (rc != SQLITE_OK)
		return rc;
	ix->immutable = true;
	tgi_register_functions(ix->db, false);
	return SQLITE_OK;
}

/* Is the index's WAL in use: a -wal file beside it that is not empty? */
static bool wal_in_use(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool used = stat(wal, &st) == 0 && st.st_size > 0;
	free(wal);
	return used;
}

/* Is the open file one we can use?  SQLITE_OK, or the code that says it is
 * damaged (SQLITE_NOTADB also for another application's database). */
static int check_file(struct tg_index *ix)
{
	int rc;
	long long app = tgi_ix_query_int(ix->db, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return rc;
	long long tables = tgi_ix_query_int(ix->db, "SELECT count(*) FROM sqlite_schema", &rc);
	if (rc != SQLITE_OK)
		return rc;
	if (app != TG_INDEX_APP_ID && tables > 0)
		return SQLITE_NOTADB;
	return SQLITE_OK;
}

/* The index (or its folder, what) at path cannot be made: err says why,
 * and where it is a right the user lacks, who can. */
static enum tg_status cannot_create(struct tg_diags *d, const char *path, const char *what,
				    int err)
{
	tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot create the %s: %s%s",
		    what, strerror(err), err == EACCES || err == EPERM || err == EROFS ?
		    " (the index is built by someone who may write to the workspace, "
		    "with trygg index)" : "");
	return TG_ECREAT;
}

/* Make the folder of the index at path, dir (.trygg/ below the
 * workspace): TG_OK, or TG_ECREAT with why in d. */
static enum tg_status make_folder(const char *dir, const char *path, struct tg_diags *d)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return cannot_create(d, dir, "index folder", errno);
	struct stat st;
	if (stat(path, &st) < 0 && access(dir, W_OK) < 0)
		return cannot_create(d, path, "index", errno);
	return TG_OK;
}

/* The same for an index in the user's cache: when its folders cannot be
 * made, d says why the workspace's .trygg/ could not be used either. */
static enum tg_status make_cache_folder(const struct tg_index *ix, struct tg_diags *d)
{
	int err = tgi_ix_make_cache_folders(ix->path);
	if (!err)
		return TG_OK;
	char *dir = xasprintf("%s/.trygg", ix->root);
	char *path = xasprintf("%s/%s", ix->root, TG_INDEX_PATH);
	make_folder(dir, path, d);
	free(dir);
	free(path);
	tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
		    "cannot create the index in the cache folder either: %s", strerror(err));
	return TG_ECREAT;
}

enum tg_status tgi_open_write(struct tg_index *ix, struct tg_diags *d)
{
	struct stat st;
	ix->created = stat(ix->path, &st) < 0;
	enum tg_status made;
	if (ix->in_cache) {
		made = make_cache_folder(ix, d);
	} else {
		char *dir = xasprintf("%s/.trygg", ix->root);
		made = make_folder(dir, ix->path, d);
		free(dir);
	}
	if (made)
		return made;
	for (int attempt = 0; attempt < 2; attempt++) {
		int rc = open_db(ix);
		if (rc == SQLITE_OK)
			rc = check_file(ix);
		if (rc == SQLITE_OK) {
			int jrc;
			sqlite3_stmt *js;
			jrc = sqlite3_prepare_v2(ix->db, "PRAGMA journal_mode", -1, &js, NULL);
			bool wal = false;
			if (jrc == SQLITE_OK && sqlite3_step(js) == SQLITE_ROW)
				wal = !strcmp((const char *)sqlite3_column_text(js, 0), "wal");
			sqlite3_finalize(js);
			if (!wal)
				rc = tgi_exec(ix->db, "PRAGMA journal_mode = WAL");
			if (rc == SQLITE_OK)
				rc = tgi_exec(ix->db, "PRAGMA synchronous = NORMAL;"
					  " PRAGMA cache_size = -16384");
		}
		if (rc == SQLITE_OK)
			return TG_OK;
		if (!tgi_is_damage(rc) || attempt > 0)
			return tgi_ix_fail(ix, d, rc, "cannot open the index");
		tgi_close_db(ix);
		tg_diag_add(d, TG_SEV_WARNING, ix->path, 0, 0, NULL, 0, 0,
			    "not a valid index (%s); building it anew", sqlite3_errstr(rc));
		tgi_remove_files(ix->path);
	}
	return TG_OK;
}

static enum tg_status open_read(struct tg_index *ix, struct tg_diags *d)
{
	struct stat st;
	if (stat(ix->path, &st) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "no index here (run 'trygg index')");
		return TG_ENOINPUT;
	}
	int rc = open_db(ix);
	if (rc != SQLITE_OK)
		return tgi_ix_fail(ix, d, rc, "cannot open the index");
	rc = check_file(ix);
	if ((rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) && !wal_in_use(ix->path)) {
		/* a workspace we may read but not write: SQLite cannot make
		 * the -shm file beside the index; with no WAL in use either,
		 * no one is writing it, and the file is read as it is */
		tgi_close_db(ix);
		rc = open_immutable(ix);
		if (rc != SQLITE_OK)
			return tgi_ix_fail(ix, d, rc, "cannot open the index");
		rc = check_file(ix);
	}
	if (rc == SQLITE_OK) {
		long long v = tgi_ix_query_int(ix->db, "PRAGMA user_version", &rc);
		if (rc == SQLITE_OK && v != TG_INDEX_VERSION) {
			tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
				    "the index has version %lld, not %d (run 'trygg index')",
				    v, TG_INDEX_VERSION);
			return TG_EDATA;
		}
	}
	if (rc != SQLITE_OK)
		return tgi_ix_fail(ix, d, rc, "cannot read the index");
	sqlite3_db_config(ix->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(ix->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	tgi_exec(ix->db, "PRAGMA query_only = 1");
	sqlite3_set_authorizer(ix->db, tgi_ix_authorize, ix);
	return TG_OK;
}

enum tg_status tg_index_open(const struct tg_workspace *ws, enum tg_index_mode mode,
			     struct tg_index **out, struct tg_diags *d)
{
	struct tg_index *ix = xcalloc(1, sizeof *ix);
	ix->mode = mode;
	ix->root = xstrdup(ws->root);
	ix->districts_dir = xstrdup(ws->districts_dir);
	ix->path = tgi_ix_locate(ws->root, mode, &ix->in_cache);
	enum tg_status st = mode == TG_INDEX_READ ? open_read(ix, d) : tgi_open_write(ix, d);
	if (st != TG_OK) {
		tg_index_free(ix);
		ix = NULL;
	}
	*out = ix;
	return st;
}

void tg_index_free(struct tg_index *ix)
{
	if (!ix)
		return;
	tg_index_hold_end(ix);
	tgi_close_db(ix);
	free(ix->path);
	free(ix->root);
	free(ix->districts_dir);
	free(ix);
}

const char *tg_index_path(const struct tg_index *ix)
{
	return ix->path;
}

bool tg_index_in_cache(const struct tg_index *ix)
{
	return ix->in_cache;
}
