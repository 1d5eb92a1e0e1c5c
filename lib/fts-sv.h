/*
 * fts-sv: the FTS5 tokenizer trygg_sv, which the index's full-text table
 * texts_fts uses (trygg-index(7)).
 *
 * A word is a run of letters and digits (tgi_stem_is_word_char), case-folded
 * (tg_fold: å, ä and ö stay letters of their own).  In a text, a word of
 * letters is indexed as itself and, at the same place (colocated), its
 * stems and the parts of a compound (lib/stem.h); a word with a digit as
 * itself only.  In a query, a word matches as itself or its stems (not
 * its parts: bränder finds brand, bilbränder, but orossamtal does not
 * find every samtal); a prefix query (narko*) as itself only.
 *
 * Each word's analysis is made once, kept in memory during a refresh,
 * and saved in the index's table words (word, stems, parts), which a
 * later refresh and every query read: a query loads no dictionary, and a
 * text is deleted with the tokens it was indexed with.  A query word the
 * table lacks (no text holds it) gets its Snowball stem.
 */
#ifndef TRYGG_FTS_SV_H
#define TRYGG_FTS_SV_H

#include <sqlite3.h>
#include <stdbool.h>

/* The table of analysed words, in the index and in ftsbuild's database. */
#define FTS_SV_WORDS_SQL \
	"CREATE TABLE words (word TEXT PRIMARY KEY, stems TEXT NOT NULL,\n" \
	"  parts TEXT NOT NULL) WITHOUT ROWID;\n"

/* Register trygg_sv on db.  With analyze (a connection that writes the
 * index), words the table lacks are analysed with the dictionary, to be
 * saved by tgi_fts_sv_save; without, they get their Snowball stem only.
 * SQLite's code. */
int tgi_fts_sv_register(sqlite3 *db, bool analyze);

/* Save the words db's tokenizer analysed since the last save in db's
 * table words.  SQLite's code. */
int tgi_fts_sv_save(sqlite3 *db);

/* Take the analyses of the table words of from (another connection: the
 * index a full build replaces) into db's tokenizer, to be saved with
 * its own, when the dictionary that made them is the one at hand: a
 * rebuild analyses only the words that are new.  SQLite's code. */
int tgi_fts_sv_reuse(sqlite3 *db, sqlite3 *from);

/* How many words were analysed without a dictionary (it was wanted and
 * missing) by every tokenizer of this process so far; *where: the folder
 * looked in.  Read it on the thread that started any other. */
unsigned long tgi_fts_sv_undictionaried(const char **where);

#endif
