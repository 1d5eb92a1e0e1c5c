/*
 * ftsbuild: during a full build of the index, the full-text index is
 * filled on a thread of its own, in a database of its own, while the rows
 * are written; its tables are then copied into the index
 * (lib/index-refresh.c).
 * Tokenizing the texts is about a quarter of a full build; the tokenizer
 * (lib/fts-sv.c) saves the words it analysed in the same database.
 */
#ifndef TRYGG_FTSBUILD_H
#define TRYGG_FTSBUILD_H

#include <sqlite3.h>

struct fts_build;

/* Make the database at path (which must not exist), run create_sql in it
 * (it makes texts_fts), take the analysed words of the index reuse (or
 * NULL) that fit (tgi_fts_sv_reuse) and start the thread; NULL and SQLite's
 * code in *rc when that fails. */
struct fts_build *tgi_fts_build_start(const char *path, const char *create_sql, sqlite3 *reuse,
				  int *rc);

/* Add a text (copied) under rowid. */
void tgi_fts_build_add(struct fts_build *f, long long rowid, const char *text);

/* Wait until every text is in, commit, close, free; SQLite's code. */
int tgi_fts_build_finish(struct fts_build *f);

#endif
