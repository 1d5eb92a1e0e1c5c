/*
 * stem: Hunspell and Snowball stems of a Swedish word, and the parts of a
 * compound (see stem.h).
 *
 * Hunspell is slow on a word it does not know (it tries every way to make
 * it a compound: about 0.1 ms), so it is asked once a word, and only about
 * a word that is no entry of the dictionary itself; the parts of compounds
 * are looked up in the dictionary's entries, read into a hash table (the
 * lexicon, 150,000 words).
 *
 * A compound is split where its first part is an entry, as it is or in
 * the form that begins a compound (the linking s of orossamtal, gatu- for
 * gata, skol- for skola, pojk- for pojke, and the entries that only begin
 * compounds), and the rest is an entry, as it is or by its Snowball stem.
 * The word split is its longest Hunspell stem (bilbränder → bilbrand →
 * bil + brand), or the word itself when it has none (orossamtal) or the
 * stem is its last part only.  The first part is split again.  The first
 * part has at least MIN_HEAD letters and the last at least MIN_TAIL, so
 * that short words (samtal, ungdom, polis) are no compounds of shorter
 * ones.
 */
#include "stem.h"
#include "priv.h"

#include <dlfcn.h>
#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MIN_HEAD 3
#define MIN_TAIL 4
#define MIN_STEM 3      /* a part's stem, in letters */
#define MAX_WORD 96     /* bytes: longer words are analysed by Snowball only */

enum { LEX_WORD = 1, LEX_HEAD = 2 };   /* stands alone; begins compounds */

/* The dictionary's entries, case-folded: each in text, NUL-terminated
 * and preceded by its LEX_ bits; slot holds offset + 1 (0: free). */
struct lexicon {
	struct buf text;
	uint32_t *slot;
	size_t cap;
};

struct stem {
	struct sb_stemmer *sb;
	Hunhandle *hun;
	struct lexicon lex;
	bool want_dict, tried, loaded;
	char where[512];        /* where the dictionary is, or was looked for */
	struct buf tmp;
};

struct stem *tgi_stem_new(bool dictionary)
{
	struct stem *s = xcalloc(1, sizeof *s);
	s->sb = sb_stemmer_new("swedish", "UTF_8");
	if (!s->sb)
		tg_oom();
	s->want_dict = dictionary;
	s->lex.text = s->tmp = (struct buf)BUF_INIT;
	return s;
}

void tgi_stem_free(struct stem *s)
{
	if (!s)
		return;
	sb_stemmer_delete(s->sb);
	if (s->hun)
		Hunspell_destroy(s->hun);
	buf_release(&s->lex.text);
	free(s->lex.slot);
	buf_release(&s->tmp);
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

/* The slot of w in the lexicon: its entry, or the free one for it. */
static uint32_t *lex_slot(const struct lexicon *x, const char *w, size_t len)
{
	size_t i = tg_hash32(w, len) & (x->cap - 1);
	while (x->slot[i]) {
		const char *e = x->text.s + x->slot[i] - 1;
		if (!strncmp(e + 1, w, len) && !e[1 + len])
			break;
		i = (i + 1) & (x->cap - 1);
	}
	return &x->slot[i];
}

/* The LEX_ bits of w (len bytes); 0: no entry. */
static int lex_find(const struct stem *s, const char *w, size_t len)
{
	if (!s->lex.cap)
		return 0;
	uint32_t at = *lex_slot(&s->lex, w, len);
	return at ? s->lex.text.s[at - 1] : 0;
}

static void lex_add(struct lexicon *x, const char *w, size_t len, int bits)
{
	uint32_t *slot = lex_slot(x, w, len);
	if (*slot) {
		x->text.s[*slot - 1] |= (char)bits;
		return;
	}
	*slot = (uint32_t)x->text.len + 1;
	buf_addc(&x->text, (char)bits);
	buf_add(&x->text, w, len);
	buf_addc(&x->text, '\0');
}

/* Read the entries of dic: "word/FLAGS" a line after the count; flag Z
 * (ONLYINCOMPOUND) and a trailing - mark a first part only, % a forbidden
 * word, ¤ (NEEDAFFIX) a stem that is no word. */
static void lex_load(struct lexicon *x, const char *dic)
{
	FILE *f = fopen(dic, "r");
	if (!f)
		return;
	struct buf w = BUF_INIT;
	char line[512];
	size_t n = 0;
	while (fgets(line, sizeof line, f))
		n++;
	for (x->cap = 1024; x->cap < 2 * n; x->cap *= 2)
		;
	x->slot = xcalloc(x->cap, sizeof *x->slot);
	rewind(f);
	for (bool first = true; fgets(line, sizeof line, f); first = false) {
		line[strcspn(line, "\r\n")] = '\0';
		char *flags = strchr(line, '/');
		if (flags)
			*flags++ = '\0';
		if (first || !*line || (flags && (strchr(flags, '%') || strstr(flags, "¤"))))
			continue;
		size_t len = strlen(line);
		int bits = flags && strchr(flags, 'Z') ? LEX_HEAD : LEX_WORD;
		if (line[len - 1] == '-')
			line[--len] = '\0', bits = LEX_HEAD;
		buf_reset(&w);
		for (const char *p = line; p < line + len;)
			tg_utf8_put(&w, tg_fold(tg_utf8_next(&p, line + len)));
		if (w.len >= 2 && x->text.len < UINT32_MAX - 1024)
			lex_add(x, w.s, w.len, bits);
	}
	buf_release(&w);
	fclose(f);
}

static void on_new_failure(void)
{
	tg_oom();
}

/* Hunspell is C++: memory running out in it throws std::bad_alloc, which
 * no C caller catches, and the process aborts.  C++'s new handler, set
 * through libstdc++'s name for std::set_new_handler, makes it tg_oom()
 * instead, as everywhere else. */
static void oom_in_cxx(void)
{
	void (*(*set)(void (*)(void)))(void);
	void *sym = dlsym(RTLD_DEFAULT, "_ZSt15set_new_handlerPFvvE");
	if (!sym)
		return;
	memcpy(&set, &sym, sizeof set);
	set(on_new_failure);
}

/* The folder of the dictionary, or NULL; *where: it, or where it was
 * looked for. */
static const char *find_dict(const char **where)
{
	static const char *const dirs[] = { STEM_DICT_DIRS };
	const char *env = getenv("TRYGG_HUNSPELL_DIR");
	if (env && *env) {
		*where = env;
		return has_dict(env) ? env : NULL;
	}
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		if (has_dict(dirs[i]))
			return *where = dirs[i];
	*where = dirs[0];
	return NULL;
}

void tgi_stem_dictionary_id(struct buf *out)
{
	const char *where, *dir = find_dict(&where);
	buf_addf(out, "analysis %d ", STEM_ANALYSIS);
	if (!dir) {
		buf_adds(out, "none");
		return;
	}
	static const char *const files[] = { "sv_SE.aff", "sv_SE.dic" };
	buf_adds(out, dir);
	for (size_t i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", dir, files[i]);
		struct stat st;
		if (stat(path, &st) == 0)
			buf_addf(out, " %s %lld %lld.%09ld", files[i], (long long)st.st_size,
				 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
		free(path);
	}
}

/* Find the dictionary and read its entries, once. */
static void load(struct stem *s)
{
	if (s->tried || !s->want_dict)
		return;
	s->tried = true;
	const char *where, *dir = find_dict(&where);
	snprintf(s->where, sizeof s->where, "%s", where);
	if (dir) {
		snprintf(s->where, sizeof s->where, "%s", dir);
		char *dic = xasprintf("%s/sv_SE.dic", dir);
		lex_load(&s->lex, dic);
		free(dic);
		s->loaded = s->lex.cap > 0;
	}
}

/* Hunspell, made when first needed. */
static Hunhandle *hunspell(struct stem *s)
{
	if (!s->hun && s->loaded) {
		char *aff = xasprintf("%s/sv_SE.aff", s->where);
		char *dic = xasprintf("%s/sv_SE.dic", s->where);
		oom_in_cxx();
		s->hun = Hunspell_create(aff, dic);
		free(aff);
		free(dic);
		if (!s->hun)
			s->loaded = false;
	}
	return s->hun;
}

bool tgi_stem_no_dictionary(const struct stem *s, const char **where)
{
	*where = s->where;
	return s->want_dict && s->tried && !s->loaded;
}

void tgi_stem_snowball(struct stem *s, const char *word, size_t len, struct buf *out)
{
	const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
	if (r)
		buf_add(out, r, (size_t)sb_stemmer_length(s->sb));
	else
		tg_oom();
}

bool tgi_stem_is_word_char(unsigned c)
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

/* Is the word w (len bytes) in list (words each followed by a space)? */
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

/* Append "w " to out when w has MIN_STEM letters; appended or not. */
static bool add_part(struct buf *out, const char *w, size_t len)
{
	if (letters(w, len) < MIN_STEM)
		return false;
	if (!listed(out, w, len)) {
		buf_add(out, w, len);
		buf_addc(out, ' ');
	}
	return true;
}

/* The last part of a compound, tail (len bytes): an entry as it is or by
 * its Snowball stem; that entry appended to out, found or not. */
static bool tail_part(struct stem *s, const char *tail, size_t len, struct buf *out)
{
	if (lex_find(s, tail, len) & LEX_WORD)
		return add_part(out, tail, len);
	buf_reset(&s->tmp);
	tgi_stem_snowball(s, tail, len, &s->tmp);
	return (lex_find(s, s->tmp.s, s->tmp.len) & LEX_WORD) &&
	       add_part(out, s->tmp.s, s->tmp.len);
}

/* The entry of a first part in form w (len bytes, room for one more):
 * a word, or one that only begins compounds, whose word (w with a or e)
 * is preferred; appended to out, found or not. */
static bool head_entry(struct stem *s, char *w, size_t len, struct buf *out)
{
	if (letters(w, len) < MIN_HEAD)
		return false;
	int bits = lex_find(s, w, len);
	if (bits & LEX_WORD)
		return add_part(out, w, len);
	if (!bits)
		return false;
	static const char ends[] = { 'a', 'e' };
	for (size_t i = 0; i < sizeof ends; i++) {
		w[len] = ends[i];
		bool found = (lex_find(s, w, len + 1) & LEX_WORD) && add_part(out, w, len + 1);
		w[len] = '\0';
		if (found)
			return true;
	}
	return add_part(out, w, len);
}

/* The first part of a compound, head (len bytes, at least MIN_HEAD
 * letters), in one of its forms: the linking s taken off, a for u or o
 * (gatu-, kyrko-), as it is, or with an a or e put back (skol-, pojk-).
 * Its entry appended to out; found or not. */
static bool head_part(struct stem *s, const char *head, size_t len, struct buf *out)
{
	char w[MAX_WORD + 2];
	memcpy(w, head, len);
	w[len] = '\0';
	if (w[len - 1] == 's') {
		w[len - 1] = '\0';
		if (head_entry(s, w, len - 1, out))
			return true;
		w[len - 1] = 's';
	}
	if (w[len - 1] == 'u' || w[len - 1] == 'o') {
		char was = w[len - 1];
		w[len - 1] = 'a';
		if (lex_find(s, w, len) & LEX_WORD)
			return add_part(out, w, len);
		w[len - 1] = was;
	}
	if (head_entry(s, w, len, out))
		return true;
	static const char ends[] = { 'a', 'e' };
	for (size_t i = 0; i < sizeof ends; i++) {
		w[len] = ends[i];
		if (lex_find(s, w, len + 1) & LEX_WORD)
			return add_part(out, w, len + 1);
	}
	return false;
}

/* Split w into a first part and a last, the longest first part that
 * makes one; the first part is split again (at most depth more times).
 * Their entries appended to out; found or not. */
static bool split(struct stem *s, const char *w, int depth, struct buf *out)
{
	size_t len = strlen(w);
	if (len > MAX_WORD || letters(w, len) < MIN_HEAD + MIN_TAIL)
		return false;
	struct buf hs = BUF_INIT, ts = BUF_INIT;
	bool found = false;
	for (size_t i = len - 1; i > 0 && !found; i--) {
		if (((unsigned char)w[i] & 0xC0) == 0x80 || letters(w + i, len - i) < MIN_TAIL)
			continue;
		if (letters(w, i) < MIN_HEAD)
			break;
		buf_reset(&ts);
		buf_reset(&hs);
		if (!tail_part(s, w + i, len - i, &ts) || !head_part(s, w, i, &hs))
			continue;
		found = true;
		buf_add(out, hs.s, hs.len);
		buf_add(out, ts.s, ts.len);
		if (depth > 0) {
			/* the first part's own parts */
			hs.s[strcspn(hs.s, " ")] = '\0';
			split(s, hs.s, depth - 1, out);
		}
	}
	buf_release(&hs);
	buf_release(&ts);
	return found;
}

/* Hunspell's stems of word (at least MIN_STEM letters each), appended to
 * out as "a b ".  An entry of the dictionary is its own stem, without
 * asking Hunspell. */
static void word_stems(struct stem *s, const char *word, size_t len, struct buf *out)
{
	if (lex_find(s, word, len) & LEX_WORD) {
		add_part(out, word, len);
		return;
	}
	Hunhandle *h = hunspell(s);
	char **list = NULL;
	int n = h ? Hunspell_stem(h, &list, word) : 0;
	for (int i = 0; i < n; i++)
		if (!strchr(list[i], ' '))
			add_part(out, list[i], strlen(list[i]));
	if (list)
		Hunspell_free_list(h, &list, n);
}

void tgi_stem_analyze(struct stem *s, const char *word, struct buf *stems, struct buf *parts)
{
	size_t len = strlen(word);
	if (len <= MAX_WORD)
		load(s);
	struct buf hs = BUF_INIT, ps = BUF_INIT;
	if (s->loaded && len <= MAX_WORD)
		word_stems(s, word, len, &hs);
	for (const char *p = hs.s; *p;) {
		const char *e = strchr(p, ' ');
		add_token(stems, NULL, word, p, (size_t)(e - p));
		p = e + 1;
	}
	struct buf sb = BUF_INIT;
	tgi_stem_snowball(s, word, len, &sb);
	add_token(stems, NULL, word, sb.s, sb.len);
	buf_release(&sb);
	if (s->loaded && len <= MAX_WORD) {
		/* the compound's longest stem, or the word when it has none or
		 * when the stems are the compound's last part only (Hunspell's
		 * own compounding: trygghetsmätningen → mätning): a stem that
		 * begins otherwise than the word is no candidate */
		const char *best = word;
		size_t blen = len;
		for (const char *p = hs.s; *p;) {
			const char *e = strchr(p, ' ');
			if (!strncmp(p, word, MIN_HEAD) && (best == word || (size_t)(e - p) > blen))
				best = p, blen = (size_t)(e - p);
			p = e + 1;
		}
		char *base = xstrndup(best, blen);
		bool found = split(s, base, 2, &ps);
		if (!found && strncmp(base, word, MIN_HEAD))
			found = split(s, word, 2, &ps);
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
