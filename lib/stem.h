/*
 * stem: the analysis of a Swedish word for search (DESIGN.md §9).
 *
 * A word (case-folded UTF-8, letters only) has its Hunspell stems
 * (hunspell-sv: bränder → brand, klottret → klotter), its Snowball stem
 * (åtgärder → åtgärd) and, when it is a compound, the dictionary words it
 * is made of (orossamtal → oro, samtal; bilbränder → bil, brand;
 * gatubelysningen → gata, belysning).  Neither stemmer alone is right,
 * so search indexes all of them at the word's place (lib/fts-sv.c).
 *
 * The dictionary is sv_SE.aff and sv_SE.dic in $TRYGG_HUNSPELL_DIR when
 * that is set, else in the first of the standard folders that has them
 * (STEM_DICT_DIRS).  Without it, a word has its Snowball stem only.
 */
#ifndef TRYGG_STEM_H
#define TRYGG_STEM_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

#define STEM_DICT_DIRS "/usr/share/hunspell", "/usr/local/share/hunspell", \
	"/usr/share/myspell/dicts", "/usr/share/myspell"

struct stem;

/* A stemmer; with dictionary, one that loads the Hunspell dictionary when
 * it first needs it (about 0.1 s and 20 MB).  Never NULL (libstemmer's
 * failure to allocate aborts through tg_oom). */
struct stem *tgi_stem_new(bool dictionary);
void tgi_stem_free(struct stem *s);

/* Did this stemmer want the dictionary and not find it (after the first
 * tgi_stem_analyze)?  *where: the folder it looked in, or the list. */
bool tgi_stem_no_dictionary(const struct stem *s, const char **where);

/* The version of the analysis: a change of what tgi_stem_analyze makes of
 * a word counts up, so that analyses of the one before are not reused. */
#define STEM_ANALYSIS 2

/* What identifies the dictionary a stemmer would load now and the
 * analysis (STEM_ANALYSIS; the dictionary's folder, and the sizes and
 * times of its files, or "none" without one), appended to out: analyses
 * made otherwise are not reused. */
void tgi_stem_dictionary_id(struct buf *out);

/* The Snowball stem of word (len bytes), appended to out. */
void tgi_stem_snowball(struct stem *s, const char *word, size_t len, struct buf *out);

/* The analysis of word (NUL-terminated, case-folded, letters only):
 * appends to stems its Hunspell stems and its Snowball stem, and to parts
 * the stems of the dictionary words of a compound, each followed by a
 * space; word itself and repeats are left out. */
void tgi_stem_analyze(struct stem *s, const char *word, struct buf *stems, struct buf *parts);

/* Is c a letter or digit of a word (the rest separates words)? */
bool tgi_stem_is_word_char(unsigned c);

#endif
