/*
 * merge-suggest: likely synonyms among a plan's titles, for `trygg
 * situation merge --suggest` (DESIGN.md §8).
 *
 * merge matches titles that are equal after folding or listed together
 * under `synonyms` (lib/merge.c).  Titles people write for one problem
 * often differ more: "Klotter och skadegörelse" and "Skadegörelse och
 * klotter", "Bilbrand" and "Bilbränder", "Skräp" and "Nedskräpning".  Two
 * titles that merge keeps apart are suggested when
 *  - their words have the same Snowball stems, in any order, apart from
 *    small words (och, i, på …); or
 *  - the folded titles are a small edit apart (the limit of tg_suggest:
 *    one edit up to 4 bytes, two up to 8, three beyond); or
 *  - one title is a single word whose stem, of at least four bytes, is
 *    a word of the other or part of one (skräp in nedskräpning).
 */
#include "priv.h"
#include "stem.h"

#include <stdlib.h>
#include <string.h>

/* Words too small to tell problems apart. */
static const char *const small_words[] = { "och", "i", "på", "av", "vid", "med", "för", "till",
	"om", "en", "ett", "som", "från", "mot", "the", "and", "of", "in", NULL };

struct title {
	const char *text;   /* as a source wrote it */
	char *key;          /* merge's key */
	char *folded;
	struct buf stems;   /* the sorted stems, each followed by a space */
	size_t n_stems;
	char *words;        /* the folded words, each followed by a space */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void analyse(struct stem *sm, struct title *t)
{
	t->folded = tg_fold_title(t->text);
	struct buf words = BUF_INIT, w = BUF_INIT, stem = BUF_INIT;
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = t->folded, *end = p + strlen(p);
	while (p <= end) {
		const char *q = p;
		unsigned ch = p < end ? tg_utf8_next(&q, end) : 0;
		if (p < end && tgi_stem_is_word_char(ch)) {
			buf_add(&w, p, (size_t)(q - p));
			p = q;
			continue;
		}
		p = p < end ? q : p + 1;
		if (!w.len)
			continue;
		bool small = false;
		for (size_t i = 0; small_words[i] && !small; i++)
			small = !strcmp(w.s, small_words[i]);
		if (!small) {
			buf_addf(&words, "%s ", w.s);
			buf_reset(&stem);
			tgi_stem_snowball(sm, w.s, w.len, &stem);
			if (n == cap)
				v = xrealloc(v, (cap = cap ? 2 * cap : 8) * sizeof *v);
			v[n++] = xstrdup(stem.s);
		}
		buf_reset(&w);
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	t->stems = (struct buf)BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_addf(&t->stems, "%s ", v[i]);
		free(v[i]);
	}
	free(v);
	t->n_stems = n;
	t->words = buf_detach(&words);
	buf_release(&w);
	buf_release(&stem);
}

/* Is the single stem of a (of at least 4 bytes) part of a word of b, or
 * the whole of one? */
static bool stem_within(const struct title *a, const struct title *b)
{
	if (a->n_stems != 1 || a->stems.len < 5)
		return false;
	char *s = xstrndup(a->stems.s, a->stems.len - 1);
	bool in = false;
	for (const char *w = b->words; *w && !in;) {
		const char *e = strchr(w, ' ');
		char *word = xstrndup(w, (size_t)(e - w));
		in = strstr(word, s) != NULL;
		free(word);
		w = e + 1;
	}
	free(s);
	return in;
}

static bool alike(const struct title *a, const struct title *b)
{
	if (a->n_stems && !strcmp(a->stems.s, b->stems.s))
		return true;
	size_t len = strlen(a->folded) < strlen(b->folded) ? strlen(a->folded) : strlen(b->folded);
	size_t limit = len <= 2 ? 0 : len < 5 ? 1 : len < 9 ? 2 : 3;
	if (tgi_distance(a->folded, b->folded) <= limit)
		return true;
	return stem_within(a, b) || stem_within(b, a);
}

/* Add title to v unless merge already takes one with its key. */
static void add_title(struct title **v, size_t *n, size_t *cap, const struct tg_config *cfg,
		      const char *text)
{
	if (!text)
		return;
	char *key = tgi_merge_title_key(cfg, text);
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key)) {
			free(key);
			return;
		}
	if (*n == *cap)
		*v = xrealloc(*v, (*cap = *cap ? 2 * *cap : 16) * sizeof **v);
	(*v)[(*n)++] = (struct title){ .text = text, .key = key };
}

size_t tg_merge_suggest(const struct tg_plan *plan, const struct tg_config *cfg,
			struct buf *out)
{
	struct title *v = NULL;
	size_t n = 0, cap = 0;
	for (int s = 0; s < TG_NSOURCES; s++)
		for (size_t i = 0; i < plan->sources[s].n_items; i++)
			add_title(&v, &n, &cap, cfg, plan->sources[s].items[i].title);
	for (size_t j = 0; j < plan->n_joint; j++)
		add_title(&v, &n, &cap, cfg, plan->joint[j].title);
	struct stem *sm = tgi_stem_new(false);
	for (size_t i = 0; i < n; i++)
		analyse(sm, &v[i]);
	tgi_stem_free(sm);
	size_t pairs = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (!alike(&v[i], &v[j]))
				continue;
			bool first = tg_collate_sv(v[i].text, strlen(v[i].text), v[j].text,
						   strlen(v[j].text)) <= 0;
			buf_adds(out, "- [");
			tg_yaml_text(out, first ? v[i].text : v[j].text);
			buf_adds(out, ", ");
			tg_yaml_text(out, first ? v[j].text : v[i].text);
			buf_adds(out, "]\n");
			pairs++;
		}
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].folded);
		free(v[i].words);
		buf_release(&v[i].stems);
	}
	free(v);
	return pairs;
}
