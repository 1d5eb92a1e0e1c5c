/*
 * ftsbuild: the full-text index of a full build, filled on a thread of its
 * own (see ftsbuild.h).
 *
 * The caller hands over texts in batches; the thread inserts a batch while
 * the next one is filled.  Three batches go round: the one being filled,
 * at most one waiting, and the one being inserted, so the caller waits
 * only when the thread is a whole batch behind.
 *
 * FTS5 keeps the tokens of new texts in a hash table and writes them out
 * as a segment when it holds hashsize bytes; every automerge segments of
 * one size are merged into one of the next.  With several tokens a word
 * (fts-sv.h), a build with FTS5's defaults (1 MB, 4) spends much of its
 * time merging: the build takes 4 MB and 16 (BUILD_CONFIG), and removes
 * both from the table's configuration at the end, so that the refreshes
 * after it have the defaults again.  The database's page cache is small:
 * FTS5 writes its segments once and reads them back in order.
 */
#include "ftsbuild.h"
#include "buf.h"
#include "fts-sv.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 2048

#define BUILD_CONFIG \
	"INSERT INTO texts_fts (texts_fts, rank) VALUES ('automerge', 16);" \
	" INSERT INTO texts_fts (texts_fts, rank) VALUES ('hashsize', 4194304)"
#define DEFAULT_CONFIG "DELETE FROM texts_fts_config WHERE k IN ('automerge', 'hashsize')"

struct batch {
	size_t n;
	long long id[BATCH];
	size_t at[BATCH];          /* offsets of the texts in text */
	struct buf text;
	struct batch *next;        /* on the free list */
};

struct fts_build {
	sqlite3 *db;
	sqlite3_stmt *ins;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *fill;        /* the caller's */
	struct batch *waiting;     /* handed over, not yet taken */
	struct batch *free;
	bool end;
	int rc;                    /* the first failure, SQLite's code */
};

static void insert_batch(struct fts_build *f, struct batch *b)
{
	for (size_t i = 0; i < b->n && f->rc == SQLITE_OK; i++) {
		sqlite3_bind_int64(f->ins, 1, b->id[i]);
		sqlite3_bind_text(f->ins, 2, b->text.s + b->at[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(f->ins);
		sqlite3_reset(f->ins);
		if (rc != SQLITE_DONE)
			f->rc = rc;
	}
	b->n = 0;
	buf_reset(&b->text);
}

static void *run(void *u)
{
	struct fts_build *f = u;
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->waiting && !f->end)
			pthread_cond_wait(&f->cv, &f->mu);
		struct batch *b = f->waiting;
		if (!b)
			break;                   /* the end, and nothing left */
		f->waiting = NULL;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		insert_batch(f, b);
		pthread_mutex_lock(&f->mu);
		b->next = f->free;
		f->free = b;
		pthread_cond_broadcast(&f->cv);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

static struct batch *new_batch(void)
{
	struct batch *b = xmalloc(sizeof *b);
	b->n = 0;
	b->text = (struct buf)BUF_INIT;
	b->next = NULL;
	return b;
}

struct fts_build *tgi_fts_build_start(const char *path, const char *create_sql, sqlite3 *reuse,
				  int *rc)
{
	struct fts_build *f = xcalloc(1, sizeof *f);
	*rc = sqlite3_open_v2(path, &f->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			      SQLITE_OPEN_NOMUTEX, NULL);
	if (*rc == SQLITE_OK)
		*rc = tgi_fts_sv_register(f->db, true);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(f->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
				   " PRAGMA cache_size = -2048", NULL, NULL, NULL);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(f->db, create_sql, NULL, NULL, NULL);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(f->db, BUILD_CONFIG, NULL, NULL, NULL);
	if (*rc == SQLITE_OK && reuse)
		tgi_fts_sv_reuse(f->db, reuse);     /* (only saves time) */
	if (*rc == SQLITE_OK)
		*rc = sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_prepare_v2(f->db, "INSERT INTO texts_fts (rowid, text) VALUES (?, ?)",
					 -1, &f->ins, NULL);
	if (*rc != SQLITE_OK) {
		sqlite3_finalize(f->ins);
		sqlite3_close(f->db);
		free(f);
		return NULL;
	}
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	f->fill = new_batch();
	f->free = new_batch();
	f->free->next = new_batch();
	if (pthread_create(&f->thread, NULL, run, f) != 0)
		f->end = true;        /* no thread: batches are inserted here */
	return f;
}

/* Hand the filled batch over (or insert it here when there is no thread). */
static void hand_over(struct fts_build *f)
{
	if (f->end) {
		insert_batch(f, f->fill);
		return;
	}
	pthread_mutex_lock(&f->mu);
	while (f->waiting || !f->free)
		pthread_cond_wait(&f->cv, &f->mu);
	f->waiting = f->fill;
	f->fill = f->free;
	f->free = f->free->next;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

void tgi_fts_build_add(struct fts_build *f, long long rowid, const char *text)
{
	struct batch *b = f->fill;
	b->id[b->n] = rowid;
	b->at[b->n++] = b->text.len;
	buf_add(&b->text, text, strlen(text) + 1);
	if (b->n == BATCH)
		hand_over(f);
}

int tgi_fts_build_finish(struct fts_build *f)
{
	if (f->fill->n)
		hand_over(f);
	bool threaded = !f->end;
	if (threaded) {
		pthread_mutex_lock(&f->mu);
		f->end = true;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->thread, NULL);
	}
	int rc = f->rc;
	sqlite3_finalize(f->ins);
	if (rc == SQLITE_OK)
		rc = tgi_fts_sv_save(f->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(f->db, DEFAULT_CONFIG, NULL, NULL, NULL);
	sqlite3_close(f->db);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	for (struct batch *b = f->free; b;) {
		struct batch *next = b->next;
		buf_release(&b->text);
		free(b);
		b = next;
	}
	buf_release(&f->fill->text);
	free(f->fill);
	free(f);
	return rc;
}
