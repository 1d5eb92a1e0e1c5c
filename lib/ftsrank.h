/*
 * ftsrank: the search's rank, Okapi BM25 as FTS5's bm25() computes it,
 * with each text's length in tokens given by the query (read from
 * texts_fts_docsize in the same join) rather than looked up by FTS5 with
 * a statement of its own for every hit, which was a third of a search's
 * time.
 */
#ifndef TRYGG_FTSRANK_H
#define TRYGG_FTSRANK_H

#include <sqlite3.h>

/* Make the FTS5 function tg_bm25(fts_table, docsize_sz) on db: the same
 * number as bm25(fts_table) (negative; lower is better), where docsize_sz
 * is the sz blob of the row's texts_fts_docsize.  SQLite's code. */
int tg_ftsrank_register(sqlite3 *db);

#endif
