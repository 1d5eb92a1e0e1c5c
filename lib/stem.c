/*
 * stem: Hunspell and Snowball stems of a Swedish word, and the parts of a
 * compound (see stem.h).
 *
 * A compound is split where its first part is a dictionary word, as it
 * is or in the form that begins a compound (the linking s of orossamtal,
 * gatu- for gata, skol- for skola, pojk- for pojke), and the rest is a
 * dictionary word or, once more, such a compound.  The word split is its
 * longest Hunspell stem (bilbränder → bilbrand → bil + brand), or the word
 * itself when it has none (orossamtal).  The first part has at least
 * MIN_HEAD letters and the last at least MIN_TAIL, so that short words
 * (samtal, ungdom, polis) are no compounds of shorter ones.
 */
#include "stem.h"
#include "priv.h"

#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MIN_HEAD 3
#define MIN_TAIL 4
#define MIN_STEM 3      /* a part's stem, in letters */
#define MAX_WORD 96     /* bytes: longer words are analysed by Snowball only */

struct stem {
	struct sb_stemmer *sb;
	Hunhandle *hun;
	bool want_dict, tried;
	char where[512];        /* where the dictionary is, or was looked for */
};

struct stem *stem_new(bool dictionary)
{
	struct stem *s = xcalloc(1, sizeof *s);
	s->sb = sb_stemmer_new("swedish", "UTF_8");
	if (!s->sb)
		tg_oom();
	s->want_dict = dictionary;
	return s;
}

void stem_free(struct stem *s)
{
	if (!s)
		return;
	sb_stemmer_delete(s->sb);
	if (s->hun)
		Hunspell_destroy(s->hun);
	free(s);
}

static bool has_dict(const char *dir)
{
	struct stat st;
	char *aff = xasprintf("%s/sv_SE.aff", dir), *dic = xasprintf("%s/sv_SE.dic", dir);
	bool ok = stat(aff, &st) == 0 && S_ISREG(st.st_mode) && stat(dic, &st) == 0 &&
		  S_ISREG(st.st_mode);
	free(aff);
	free(dic);
	return ok;
}

/* Load the dictionary, once. */
static Hunhandle *hunspell(struct stem *s)
{
	if (s->tried || !s->want_dict)
		return s->hun;
	s->tried = true;
	static const char *const dirs[] = { STEM_DICT_DIRS };
	const char *env = getenv("TRYGG_HUNSPELL_DIR");
	const char *dir = NULL;
	if (env && *env) {
		snprintf(s->where, sizeof s->where, "%s", env);
		if (has_dict(env))
			dir = env;
	} else {
		for (size_t i = 0; i < sizeof dirs / sizeof *dirs && !dir; i++)
			if (has_dict(dirs[i]))
				dir = dirs[i];
		if (!dir)
			snprintf(s->where, sizeof s->where, "%s", "/usr/share/hunspell");
	}
	if (dir) {
		char *aff = xasprintf("%s/sv_SE.aff", dir), *dic = xasprintf("%s/sv_SE.dic", dir);
		s->hun = Hunspell_create(aff, dic);
		snprintf(s->where, sizeof s->where, "%s", dir);
		free(aff);
		free(dic);
	}
	return s->hun;
}

bool stem_no_dictionary(const struct stem *s, const char **where)
{
	*where = s->where;
	return s->want_dict && s->tried && !s->hun;
}

void stem_snowball(struct stem *s, const char *word, size_t len, struct buf *out)
{
	const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
	if (r)
		buf_add(out, r, (size_t)sb_stemmer_length(s->sb));
	else
		tg_oom();
}

bool stem_is_word_char(unsigned c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA;
	if (c == 0xD7 || c == 0xF7)
		return false;
	return !((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
		 (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
		 (c >= 0xFFF0 && c <= 0xFFFF) || (c >= 0x1F000 && c <= 0x1FAFF) ||
		 c == 0xFEFF);
}

/* Is the word " w " (len bytes) in list (words each followed by a space)? */
static bool listed(const struct buf *list, const char *w, size_t len)
{
	for (const char *p = list->s; *p;) {
		const char *e = strchr(p, ' ');
		if ((size_t)(e - p) == len && !memcmp(p, w, len))
			return true;
		p = e + 1;
	}
	return false;
}

/* Append w to out unless it is word itself or already in out or also. */
static void add_token(struct buf *out, const struct buf *also, const char *word,
		      const char *w, size_t len)
{
	if (!len || (strlen(word) == len && !memcmp(word, w, len)) || listed(out, w, len) ||
	    (also && listed(also, w, len)))
		return;
	buf_add(out, w, len);
	buf_addc(out, ' ');
}

/* The letters in p's first n bytes. */
static size_t letters(const char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)p[i] & 0xC0) != 0x80;
	return k;
}

/* Hunspell's stems of w (at least MIN_STEM letters each), appended to out
 * as "a b "; how many.  With base_only, w alone when it is one of its
 * stems (papper, not also pappa). */
static int hun_stems_of(Hunhandle *h, const char *w, struct buf *out, bool base_only)
{
	char **list = NULL;
	int n = Hunspell_stem(h, &list, w), k = 0;
	size_t wlen = strlen(w);
	bool base = false;
	for (int i = 0; i < n && base_only && !base; i++)
		base = !strcmp(list[i], w);
	if (base && letters(w, wlen) >= MIN_STEM && !listed(out, w, wlen)) {
		buf_add(out, w, wlen);
		buf_addc(out, ' ');
		k++;
	}
	for (int i = 0; i < n && !base; i++) {
		size_t len = strlen(list[i]);
		if (letters(list[i], len) >= MIN_STEM && !strchr(list[i], ' ') &&
		    !listed(out, list[i], len)) {
			buf_add(out, list[i], len);
			buf_addc(out, ' ');
			k++;
		}
	}
	if (list)
		Hunspell_free_list(h, &list, n);
	return k + base;
}

/* A part's stems. */
static int hun_stems(Hunhandle *h, const char *w, struct buf *out)
{
	return hun_stems_of(h, w, out, true);
}

/* The stems of the first part of a compound, head (NUL-terminated, at
 * least MIN_HEAD letters), in one of its forms: the linking s taken off,
 * a for u or o (gatu-, kyrko-), an a or e put back (skol-, pojk-), or as
 * it is.  Appended to out; found or not. */
static bool head_stems(Hunhandle *h, const char *head, struct buf *out)
{
	size_t len = strlen(head);
	char w[MAX_WORD + 2];
	memcpy(w, head, len + 1);
	if (len > 1 && w[len - 1] == 's') {
		w[len - 1] = '\0';
		if (letters(w, len - 1) >= MIN_HEAD && hun_stems(h, w, out))
			return true;
		w[len - 1] = 's';
	}
	if (w[len - 1] == 'u' || w[len - 1] == 'o') {
		char was = w[len - 1];
		w[len - 1] = 'a';
		if (hun_stems(h, w, out))
			return true;
		w[len - 1] = was;
	}
	if (hun_stems(h, w, out))
		return true;
	static const char ends[] = { 'a', 'e' };
	for (size_t i = 0; i < sizeof ends; i++) {
		w[len] = ends[i];
		w[len + 1] = '\0';
		if (hun_stems(h, w, out))
			return true;
	}
	return false;
}

/* Split w into a first part and a last, each a dictionary word, the last
 * one as it is (the longest first part that makes one); else into a first
 * part and a compound (at most depth more splits).  The first part is
 * split again when it is long enough.  Their stems appended to out;
 * found or not. */
static bool split(Hunhandle *h, const char *w, int depth, struct buf *out)
{
	size_t len = strlen(w);
	if (len > MAX_WORD || letters(w, len) < MIN_HEAD + MIN_TAIL)
		return false;
	char head[MAX_WORD + 1];
	struct buf hs = BUF_INIT, ts = BUF_INIT;
	bool found = false;
	/* i: where the last part begins, from the shortest last part on */
	for (int pass = 0; pass < 2 && !found; pass++) {
		for (size_t k = 1; k < len && !found; k++) {
			size_t i = pass == 0 ? len - k : k;
			if (((unsigned char)w[i] & 0xC0) == 0x80 || letters(w, i) < MIN_HEAD ||
			    letters(w + i, len - i) < MIN_TAIL)
				continue;
			buf_reset(&ts);
			if (pass == 0 ? !hun_stems(h, w + i, &ts)
				      : depth <= 0 || !split(h, w + i, depth - 1, &ts))
				continue;
			memcpy(head, w, i);
			head[i] = '\0';
			buf_reset(&hs);
			if (!head_stems(h, head, &hs))
				continue;
			found = true;
			buf_add(out, hs.s, hs.len);
			buf_add(out, ts.s, ts.len);
			if (depth > 0) {
				/* the first part's own parts: of its first stem */
				const char *sp = strchr(hs.s, ' ');
				memcpy(head, hs.s, (size_t)(sp - hs.s));
				head[sp - hs.s] = '\0';
				split(h, head, depth - 1, out);
			}
		}
	}
	buf_release(&hs);
	buf_release(&ts);
	return found;
}

void stem_analyze(struct stem *s, const char *word, struct buf *stems, struct buf *parts)
{
	size_t len = strlen(word);
	Hunhandle *h = len <= MAX_WORD ? hunspell(s) : NULL;
	struct buf hs = BUF_INIT, ps = BUF_INIT;
	if (h)
		hun_stems_of(h, word, &hs, false);
	for (const char *p = hs.s; *p;) {
		const char *e = strchr(p, ' ');
		add_token(stems, NULL, word, p, (size_t)(e - p));
		p = e + 1;
	}
	struct buf sb = BUF_INIT;
	stem_snowball(s, word, len, &sb);
	add_token(stems, NULL, word, sb.s, sb.len);
	buf_release(&sb);
	if (h) {
		/* the compound's longest stem, or the word when it has none or
		 * when the stem is the compound's last part only (Hunspell's
		 * own compounding: trygghetsmätningen → mätning) */
		const char *best = word;
		size_t blen = len;
		for (const char *p = hs.s; *p;) {
			const char *e = strchr(p, ' ');
			if (best == word || (size_t)(e - p) > blen)
				best = p, blen = (size_t)(e - p);
			p = e + 1;
		}
		char *base = xstrndup(best, blen);
		bool found = split(h, base, 2, &ps);
		if (!found && strncmp(base, word, MIN_HEAD))
			found = split(h, word, 2, &ps);
		if (found)
			for (const char *p = ps.s; *p;) {
				const char *e = strchr(p, ' ');
				add_token(parts, stems, word, p, (size_t)(e - p));
				p = e + 1;
			}
		free(base);
	}
	buf_release(&hs);
	buf_release(&ps);
}
