/*
 * index-refresh: bring the index up to date with the workspace's files, or
 * build it anew (see index.h and trygg-index(7)).
 *
 * A refresh runs in one write transaction (BEGIN IMMEDIATE, so two
 * refreshes queue behind each other and the second finds little to do).
 * It merges two sorted lists: the plan files on disk and the files the
 * index knows.  Per file it compares size and mtime (ns) with what was
 * indexed; when they match and the mtime lies well before the moment the
 * file was last checked, the file is not read.  When the mtime is within
 * TG_RACY_NS of that moment, a later write could have kept size and mtime
 * (git's "racily clean" case), so the content hash decides.  Statements are
 * prepared once per refresh and reused.
 */
#include "index-build.h"
#include "fts-sv.h"
#include "ftsbuild.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TG_RACY_NS (2LL * 1000000000LL)   /* coarse clocks, FAT's 2 s mtime */
#define LOAD_BUDGET (64u << 20) /* memory of plan files read ahead (tg_doc_cost) */
#define LOAD_TRIES 5            /* reads of a file that changes while read */
#define CONFIG_PATH "trygg.yaml"

static bool stat_file(const char *path, struct filerow *f)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	f->size = (long long)st.st_size;
	f->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	return true;
}

static bool racy(const struct filerow *f)
{
	return f->mtime_ns + TG_RACY_NS > f->checked_ns;
}

/* What a refresh does with a plan file, in path order. */
enum step { STEP_LOAD, STEP_UNCHANGED, STEP_REMOVE };

struct job {
	enum step step;
	const char *path, *rel;     /* as listed; relative to the workspace */
	const struct filerow *old;  /* what the index knows; NULL: a new file */
	struct filerow now;         /* its size and mtime now; once read, as read */
	/* STEP_LOAD: what load_job found, maybe on a worker thread */
	bool same;                  /* the content hash is what was indexed */
	bool read;                  /* the text was read; read_st: in what state */
	struct stat read_st;
	enum tg_status st;
	struct buf text;
	struct tg_plan *plan;
	struct tg_diags diags;
};

/* The step for a file on disk; old is what the index knows (NULL for a
 * new file).  false: nothing to do (a new file gone already). */
static bool plan_step(struct refresh *r, struct job *j, const char *path, const char *rel,
		      const struct filerow *old)
{
	*j = (struct job){ .path = path, .rel = rel, .old = old, .text = BUF_INIT,
			   .diags = TG_DIAGS_INIT };
	if (!stat_file(path, &j->now)) {
		struct stat st;
		if (lstat(path, &st) < 0) {    /* gone between the listing and now */
			j->step = STEP_REMOVE;
			return old != NULL;
		}
		/* there, but no file to read (a link to nowhere, a loop, a
		 * folder, a device, a named pipe): the load fails and says
		 * why; the rows of its last good version are kept */
		j->step = STEP_LOAD;
		return true;
	}
	if (old && !r->force && !old->stale && old->size == j->now.size &&
	    old->mtime_ns == j->now.mtime_ns && !racy(old))
		j->step = STEP_UNCHANGED;
	else
		j->step = STEP_LOAD;
	return true;
}

/* Read, hash and parse a file (maybe on a worker thread: no SQLite here). */
static void load_file(struct refresh *r, struct job *j)
{
	j->st = tg_read_file_st(j->path, TG_MAX_FILE, &j->text, &j->read_st, &j->diags);
	j->read = j->st == TG_OK;
	if (j->read) {
		j->now.size = (long long)j->read_st.st_size;
		j->now.mtime_ns = (long long)j->read_st.st_mtim.tv_sec * 1000000000LL +
				  j->read_st.st_mtim.tv_nsec;
	}
	j->now.hash = j->st == TG_OK ? tg_hash64(j->text.s, j->text.len) : 0;
	j->same = j->st == TG_OK && j->old && !r->force && !j->old->stale &&
		  j->old->hash == j->now.hash;
	if (j->st == TG_OK && !j->same)
		j->st = tg_plan_parse(j->path, j->text.s, j->text.len, r->cfg, &j->plan,
				      &j->diags);
}

static void load_job(void *arg, size_t i)
{
	struct refresh *r = arg;
	load_file(r, r->loads[i]);
}

static void free_job(struct job *j)
{
	tg_plan_free(j->plan);
	j->plan = NULL;
	buf_release(&j->text);
	tg_diags_release(&j->diags);
}

/* Make sure what load_job read is a whole version of the file, as it is
 * now (see tg_file_settled): a file that changed since, or that a process
 * has open for writing, is read again, LOAD_TRIES times at most; then it
 * fails to load as busy.  Neither a part of a file rewritten in place nor
 * the error it gave is indexed. */
static void settle(struct refresh *r, struct job *j)
{
	enum tg_settled s;
	for (int tries = 1; j->read && (s = tg_file_settled(j->path, &j->read_st)) != TG_SETTLED;
	     tries++) {
		struct filerow now = j->now;
		free_job(j);
		if (tries == LOAD_TRIES) {
			j->st = TG_EBUSY;
			j->read = j->same = false;
			if (s == TG_WRITING)
				tg_diag_add(&j->diags, TG_SEV_ERROR, j->path, 0, 0, NULL, 0, 0,
					    "another process has it open for writing; try again");
			else
				tg_diag_add(&j->diags, TG_SEV_ERROR, j->path, 0, 0, NULL, 0, 0,
					    "changed while it was read, %d times; is something "
					    "writing it? try again", LOAD_TRIES);
			return;
		}
		j->now = now;
		load_file(r, j);
	}
}

/* Put what load_job found into the index. */
static void apply_load(struct refresh *r, struct job *j)
{
	settle(r, j);
	tgi_prepare_writes(r);
	const struct filerow *old = j->old;
	j->now.checked_ns = r->now;
	if (j->same) {
		tgi_write_filerow(r, old->id, j->rel, &j->now, NULL);
		tgi_event(r, TG_IX_SAME, j->path);
		return;
	}
	if (j->st != TG_OK) {
		const struct tg_diag *first = NULL;
		for (size_t i = 0; i < j->diags.n && !first; i++)
			if (j->diags.v[i].sev == TG_SEV_ERROR)
				first = &j->diags.v[i];
		char *msg = first ? xasprintf("%u:%u: %s", first->line, first->col, first->msg)
				  : xstrdup("cannot be loaded");
		/* a stale row describes the version whose rows the index keeps:
		 * its size, mtime (the date of the overview's figures) and hash */
		struct filerow kept = j->now;
		kept.stale = true;
		if (old && old->has_rows) {
			kept.size = old->size;
			kept.mtime_ns = old->mtime_ns;
			kept.hash = old->hash;
		}
		tgi_write_filerow(r, old ? old->id : 0, j->rel, &kept, msg);
		free(msg);
		/* warnings are for `trygg check` */
		tg_diags_keep_errors(&j->diags);
		tg_diags_append(r->d, &j->diags);
		if (old && old->has_rows)
			tg_diag_add(r->d, TG_SEV_WARNING, j->path, 0, 0, NULL, 0, 0,
				    "the index keeps the rows of this file's last good version");
		tgi_event(r, TG_IX_FAILED, j->path);
		return;
	}
	long long id = old ? old->id : 0;
	tgi_write_filerow(r, id, j->rel, &j->now, NULL);
	if (!id)
		id = sqlite3_last_insert_rowid(r->db);
	else
		tgi_delete_district(r, id);
	tgi_insert_district(r, id, j->rel, j->plan);
	tgi_event(r, old ? TG_IX_UPDATED : TG_IX_ADDED, j->path);
}
/* The steps, in path order: the files on disk and the files the index
 * knows, both sorted, merged. */
static struct job *list_jobs(struct refresh *r, char **files, size_t nfiles,
			     const struct filerow *rows, size_t nrows, size_t *njobs)
{
	struct job *jobs = xcalloc(nfiles + nrows + 1, sizeof *jobs);
	size_t n = 0, i = 0, j = 0, plen = strlen(r->ix->root) + 1;
	while (i < nfiles || j < nrows) {
		int c = i == nfiles ? 1 : j == nrows ? -1 : strcmp(files[i] + plen, rows[j].path);
		if (c > 0) {
			jobs[n++] = (struct job){ .step = STEP_REMOVE, .old = &rows[j++] };
			continue;
		}
		if (plan_step(r, &jobs[n], files[i], files[i] + plen, c ? NULL : &rows[j]))
			n++;
		i++;
		j += c == 0;
	}
	*njobs = n;
	return jobs;
}

/* Take the steps.  The files to read are read and parsed on worker
 * threads, in order, while this thread writes the rows of the ones
 * before. */
static void run_jobs(struct refresh *r, struct job *jobs, size_t njobs)
{
	size_t nloads = 0, *cost = xcalloc(njobs + 1, sizeof *cost);
	r->loads = xcalloc(njobs + 1, sizeof *r->loads);
	for (size_t k = 0; k < njobs; k++)
		if (jobs[k].step == STEP_LOAD) {
			cost[nloads] = tg_doc_cost((size_t)jobs[k].now.size);
			r->loads[nloads++] = &jobs[k];
		}
	struct tg_pipe *pipe = tg_pipe_start(nloads, load_job, r, cost, LOAD_BUDGET,
					     nloads > 1 ? tg_pipe_threads() : 0);
	for (size_t k = 0, l = 0; k < njobs && !r->rc; k++) {
		struct job *j = &jobs[k];
		switch (j->step) {
		case STEP_LOAD:
			tg_pipe_wait(pipe, l);
			apply_load(r, j);
			free_job(j);
			tg_pipe_release(pipe, l++);
			break;
		case STEP_UNCHANGED:
			tgi_event(r, TG_IX_UNCHANGED, j->path);
			break;
		case STEP_REMOVE:
			tgi_remove_file(r, j->old);
			break;
		}
	}
	tg_pipe_end(pipe);
	for (size_t k = 0; k < njobs; k++)      /* read, but not used: an error */
		free_job(&jobs[k]);
	free(cost);
	free(r->loads);
}

/* By path, byte by byte (SQLite's BINARY, as the listing is sorted). */
static int filerow_order(const void *a, const void *b)
{
	return strcmp(((const struct filerow *)a)->path, ((const struct filerow *)b)->path);
}

/* The rows of files, sorted by path (the config's row apart). */
static struct filerow *load_filerows(struct refresh *r, size_t *n, struct filerow *config)
{
	sqlite3_stmt *st;
	size_t alloc = 16;
	struct filerow *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	memset(config, 0, sizeof *config);
	/* in the table's order, sorted by path below: ORDER BY path went
	 * through the path index, a seek of the table for each file */
	r->rc = sqlite3_prepare_v2(r->db, "SELECT f.id, size, mtime_ns, hash, checked_ns, stale,"
				   " path, d.id IS NOT NULL FROM files f"
				   " LEFT JOIN districts d ON d.id = f.id",
				   -1, &st, NULL);
	if (r->rc)
		return v;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct filerow f;
		f.id = sqlite3_column_int64(st, 0);
		f.size = sqlite3_column_int64(st, 1);
		f.mtime_ns = sqlite3_column_int64(st, 2);
		f.hash = (unsigned long long)sqlite3_column_int64(st, 3);
		f.checked_ns = sqlite3_column_int64(st, 4);
		f.stale = sqlite3_column_int(st, 5);
		f.path = xstrdup((const char *)sqlite3_column_text(st, 6));
		f.has_rows = sqlite3_column_int(st, 7);
		if (!strcmp(f.path, CONFIG_PATH)) {
			free(config->path);
			*config = f;
			continue;
		}
		if (*n == alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		v[(*n)++] = f;
	}
	if (rc != SQLITE_DONE)
		r->rc = rc;
	sqlite3_finalize(st);
	/* a full build writes them in path order: mostly there is nothing to do */
	for (size_t i = 1; i < *n; i++)
		if (filerow_order(&v[i - 1], &v[i]) > 0) {
			qsort(v, *n, sizeof *v, filerow_order);
			break;
		}
	return v;
}

/* Has trygg.yaml changed since it was indexed?  Records its new state. */
static bool config_changed(struct refresh *r, const struct filerow *old)
{
	char *path = xasprintf("%s/%s", r->ix->root, CONFIG_PATH);
	struct filerow now = { 0 };
	bool changed = true;
	if (stat_file(path, &now)) {
		if (old->id && old->size == now.size && old->mtime_ns == now.mtime_ns &&
		    !racy(old)) {
			changed = false;
		} else {
			struct tg_diags fd = TG_DIAGS_INIT;
			if (tg_read_file(path, TG_MAX_FILE, &r->text, &fd) == TG_OK)
				now.hash = tg_hash64(r->text.s, r->text.len);
			tg_diags_release(&fd);
			now.checked_ns = r->now;
			changed = !old->id || old->hash != now.hash;
			tgi_write_filerow(r, old->id, CONFIG_PATH, &now, NULL);
		}
	}
	free(path);
	return changed;
}

/* The tables and views, in an empty database. */
static int make_schema(sqlite3 *db)
{
	int rc = tgi_exec(db, tgi_schema_sql);
	if (rc == SQLITE_OK) {
		char *q = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
					  TG_INDEX_VERSION, TG_INDEX_APP_ID);
		rc = tgi_exec(db, q);
		sqlite3_free(q);
	}
	return rc;
}

/* Bring ix->db up to date in one transaction; with stats->rebuilt, fill
 * it from nothing.  *committed: the transaction was committed (also when
 * a plan file failed to load: TG_EDATA). */
static enum tg_status update(struct tg_index *ix, const struct tg_config *cfg,
			     const struct tg_index_opts *opts, struct tg_index_stats *stats,
			     struct fts_build *fts, struct tg_diags *d, bool *committed)
{
	struct refresh r = { .ix = ix, .db = ix->db, .cfg = cfg, .opts = opts,
			     .stats = stats, .d = d, .now = tgi_now_ns(), .fts = fts,
			     .text = BUF_INIT, .scratch = BUF_INIT };
	*committed = false;
	int rc = tgi_exec(ix->db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return tgi_ix_fail(ix, d, rc, "cannot lock the index");
	if (stats->rebuilt)
		rc = make_schema(ix->db);
	if (rc != SQLITE_OK) {
		tgi_exec(ix->db, "ROLLBACK");
		return tgi_ix_fail(ix, d, rc, "cannot set up the index");
	}
	size_t nrows = 0, nfiles = 0;
	struct filerow config = { 0 };
	struct filerow *rows = r.rc ? NULL : load_filerows(&r, &nrows, &config);
	struct tg_workspace ws = { .root = ix->root, .districts_dir = ix->districts_dir };
	char **files;
	/* districts/ unreadable: change nothing (an empty list would remove
	 * every district) and say so */
	enum tg_status listed = tg_workspace_list(&ws, &files, &nfiles, d);
	if (!r.rc && rows && cfg && config_changed(&r, &config)) {
		tgi_insert_config(&r);
		r.force = true;
	}
	stats->files = nfiles;
	size_t njobs = 0;
	struct job *jobs = r.rc || listed ? NULL : list_jobs(&r, files, nfiles, rows, nrows, &njobs);
	run_jobs(&r, jobs, njobs);
	free(jobs);
	for (size_t k = 0; k < nfiles; k++)
		free(files[k]);
	free(files);
	for (size_t k = 0; k < nrows; k++)
		free(rows[k].path);
	free(rows);
	free(config.path);
	for (int k = 0; k < S_N; k++)
		sqlite3_finalize(r.st[k]);
	for (size_t k = 0; tgi_district_tables[k]; k++)
		sqlite3_finalize(r.del[k]);
	buf_release(&r.text);
	buf_release(&r.scratch);
	if (!r.rc && listed) {
		tgi_exec(ix->db, "ROLLBACK");
		return listed;
	}
	if (!r.rc && (stats->rebuilt || stats->by_event[TG_IX_ADDED] ||
		      stats->by_event[TG_IX_UPDATED] || stats->by_event[TG_IX_REMOVED]))
		r.rc = tgi_exec(ix->db, tgi_rank_sql);
	if (!r.rc && stats->rebuilt && !fts)
		r.rc = tgi_exec(ix->db, "INSERT INTO texts_fts (texts_fts) VALUES ('rebuild')");
	if (!r.rc)
		r.rc = tgi_fts_sv_save(ix->db);     /* the words the texts brought */
	if (!r.rc && stats->rebuilt)
		r.rc = tgi_exec(ix->db, tgi_index_sql);
	if (!r.rc)
		r.rc = tgi_exec(ix->db, "COMMIT");
	if (r.rc) {
		int code = r.rc;
		enum tg_status st = tgi_ix_fail(ix, d, code, "cannot update the index");
		tgi_exec(ix->db, "ROLLBACK");
		return st;
	}
	*committed = true;
	return stats->by_event[TG_IX_FAILED] ? TG_EDATA : TG_OK;
}

/* Put the full-text index that ftsbuild made in the database at path in
 * place of db's (empty) one: the same table, so the same shadow tables. */
static int copy_fts(sqlite3 *db, const char *path)
{
	static const char *const shadow[] = { "data", "idx", "docsize", "config" };
	char *q = sqlite3_mprintf("ATTACH %Q AS fts", path);
	int rc = tgi_exec(db, q);
	sqlite3_free(q);
	if (rc != SQLITE_OK)
		return rc;
	rc = tgi_exec(db, "BEGIN");
	if (rc == SQLITE_OK)
		rc = tgi_exec(db, "INSERT INTO main.words SELECT * FROM fts.words");
	for (size_t i = 0; i < 4 && rc == SQLITE_OK; i++) {
		q = sqlite3_mprintf("DELETE FROM main.texts_fts_%s;"
				    " INSERT INTO main.texts_fts_%s SELECT * FROM fts.texts_fts_%s",
				    shadow[i], shadow[i], shadow[i]);
		rc = tgi_exec(db, q);
		sqlite3_free(q);
	}
	if (rc == SQLITE_OK)
		rc = tgi_exec(db, "COMMIT");
	else
		tgi_exec(db, "ROLLBACK");
	int drc = tgi_exec(db, "DETACH fts");
	return rc != SQLITE_OK ? rc : drc;
}

/* Remove what full builds that did not finish (the process was killed)
 * left beside the index: path.fts-PID of a process that is gone. */
static void remove_leftovers(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	char *prefix = xasprintf("%s.fts-", base);
	size_t n = strlen(prefix);
	DIR *dp = opendir(slash ? dir : ".");
	for (struct dirent *e; dp && (e = readdir(dp));) {
		char *end;
		if (strncmp(e->d_name, prefix, n) || !isdigit((unsigned char)e->d_name[n]))
			continue;
		long pid = strtol(e->d_name + n, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		char *old = xasprintf("%s/%s", slash ? dir : ".", e->d_name);
		unlink(old);
		free(old);
	}
	if (dp)
		closedir(dp);
	free(prefix);
	free(dir);
}

/* A full build: the index is made from nothing in a temporary database
 * (no journal: if it fails it is simply gone), then copied over the index
 * page by page in one transaction.  Readers see the old index until then,
 * and the old tables need not be dropped row by row first. */
static enum tg_status rebuild(struct tg_index *ix, const struct tg_config *cfg,
			      const struct tg_index_opts *opts, struct tg_index_stats *stats,
			      struct tg_diags *d)
{
	sqlite3 *real = ix->db;
	int rc = sqlite3_open_v2("", &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		tgi_register_functions(ix->db, true);
		rc = tgi_exec(ix->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			  " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384");
	}
	if (rc != SQLITE_OK) {
		enum tg_status st = tgi_ix_fail(ix, d, rc, "cannot make a temporary database");
		sqlite3_close(ix->db);
		ix->db = real;
		return st;
	}
	stats->rebuilt = true;
	/* the words the index being replaced has analysed are not analysed
	 * again (fts-sv.h) */
	int vrc;
	sqlite3 *old = tgi_ix_query_int(real, "PRAGMA user_version", &vrc) == TG_INDEX_VERSION &&
		       vrc == SQLITE_OK ? real : NULL;
	/* the full-text index on a thread of its own, in a file beside the
	 * index (ATTACH needs a name); without threads, it is made at the end */
	remove_leftovers(ix->path);
	char *fts_path = xasprintf("%s.fts-%ld", ix->path, (long)getpid());
	unlink(fts_path);
	struct fts_build *fts = tg_pipe_threads() > 0 ? tgi_fts_build_start(fts_path, tgi_fts_sql, old, &rc)
						      : NULL;
	if (!fts && old)
		tgi_fts_sv_reuse(ix->db, old);
	if (old)
		sqlite3_db_release_memory(old);   /* the pages of words just read */
	bool built;
	enum tg_status st = update(ix, cfg, opts, stats, fts, d, &built);
	rc = fts ? tgi_fts_build_finish(fts) : SQLITE_OK;
	if (built && fts && rc == SQLITE_OK)
		rc = copy_fts(ix->db, fts_path);
	unlink(fts_path);
	free(fts_path);
	if (built && rc != SQLITE_OK) {
		st = tgi_ix_fail(ix, d, rc, "cannot make the full-text index");
		built = false;
	}
	sqlite3 *fresh = ix->db;
	ix->db = real;
	if (built) {
		sqlite3_backup *b = sqlite3_backup_init(real, "main", fresh, "main");
		rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(real);
		int frc = sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			rc = frc;
		if (rc != SQLITE_OK)
			st = tgi_ix_fail(ix, d, rc, "cannot write the index");
	}
	sqlite3_close(fresh);
	return st;
}

static enum tg_status refresh_once(struct tg_index *ix, const struct tg_config *cfg,
				   const struct tg_index_opts *opts,
				   struct tg_index_stats *stats, struct tg_diags *d)
{
	int rc;
	long long version = tgi_ix_query_int(ix->db, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return tgi_ix_fail(ix, d, rc, "cannot read the index");
	if ((opts && opts->rebuild) || version != TG_INDEX_VERSION)
		return rebuild(ix, cfg, opts, stats, d);
	bool committed;
	return update(ix, cfg, opts, stats, NULL, d, &committed);
}

/* Say once that the words of a refresh were analysed without the Swedish
 * dictionary, when they were (undict: the count before it). */
static void warn_undictionaried(struct tg_diags *d, unsigned long undict)
{
	const char *where;
	if (tgi_fts_sv_undictionaried(&where) == undict)
		return;
	char *path = xasprintf("%s/sv_SE.dic", where);
	tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
		    "no Swedish dictionary (hunspell-sv): search finds word forms by "
		    "their Snowball stems only, and no parts of compounds "
		    "(install hunspell-sv, or set TRYGG_HUNSPELL_DIR, then 'trygg index --rebuild')");
	free(path);
}

enum tg_status tg_index_refresh(struct tg_index *ix, const struct tg_config *cfg,
				const struct tg_index_opts *opts,
				struct tg_index_stats *stats, struct tg_diags *d)
{
	struct tg_index_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	stats->created = ix->created;
	if (ix->mode != TG_INDEX_WRITE) {
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "the index is open read-only");
		return TG_EUSAGE;
	}
	struct tg_diags first = TG_DIAGS_INIT;
	ix->last_rc = SQLITE_OK;
	const char *where;
	unsigned long undict = tgi_fts_sv_undictionaried(&where);
	enum tg_status st = refresh_once(ix, cfg, opts, stats, &first);
	bool damaged = st == TG_EDATA && tgi_is_damage(ix->last_rc);
	if (!damaged) {
		warn_undictionaried(&first, undict);
		tg_diags_append(d, &first);
		return st;
	}
	/* the file is damaged inside: start from an empty one */
	tg_diags_release(&first);
	tg_diag_add(d, TG_SEV_WARNING, ix->path, 0, 0, NULL, 0, 0,
		    "the index is damaged; building it anew");
	tgi_close_db(ix);
	tgi_remove_files(ix->path);
	st = tgi_open_write(ix, d);
	if (st != TG_OK)
		return st;
	memset(stats, 0, sizeof *stats);
	st = refresh_once(ix, cfg, opts, stats, d);
	warn_undictionaried(d, undict);
	return st;
}
