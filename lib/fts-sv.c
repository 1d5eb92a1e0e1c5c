/*
 * fts-sv: the Swedish FTS5 tokenizer (see fts-sv.h).
 *
 * One context per connection, made when the tokenizer is registered and
 * freed with the connection: a hash table of the words met (each with
 * its stems and parts, and whether it is saved), the statement that
 * reads the table words, and the stemmer, made when first needed.
 *
 * The words are kept in one block of text, each as a byte of flags, the
 * word, its stems and its parts, NUL-terminated, and the table holds
 * each one's hash and offset: at nation scale, 75,000 words take about
 * 5 MB instead of 20 in a table of structs and three strings each, and
 * a lookup touches the table once and the text once.
 */
#include "fts-sv.h"
#include "priv.h"
#include "stem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKENIZER "trygg_sv"

enum { DIRTY = 1 };      /* the flag of a word to be saved */

struct slot {
	uint32_t hash;
	uint32_t at;            /* offset + 1 of the word's flags in text; 0: free */
};

/* A word of the table, pointers into its text (valid until the next
 * word is added). */
struct word {
	char *flags;
	const char *word, *stems, *parts;       /* stems, parts: "a b " */
};

struct ctx {
	sqlite3 *db;
	bool analyze;
	struct stem *stem;
	sqlite3_stmt *look;     /* during a call of tokenize only: a statement
				 * left open would keep db from closing */
	struct slot *v;         /* open addressing */
	size_t n, cap;
	struct buf text;        /* the words, as above */
	struct buf w, stems, parts;
};

static pthread_mutex_t undict_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned long undict;
static char undict_where[512];

unsigned long tgi_fts_sv_undictionaried(const char **where)
{
	pthread_mutex_lock(&undict_mu);
	unsigned long n = undict;
	*where = undict_where;
	pthread_mutex_unlock(&undict_mu);
	return n;
}

static void ctx_free(void *u)
{
	struct ctx *c = u;
	free(c->v);
	buf_release(&c->text);
	tgi_stem_free(c->stem);
	buf_release(&c->w);
	buf_release(&c->stems);
	buf_release(&c->parts);
	free(c);
}

/* The slot of w: its word's, or the free one for it. */
static struct slot *slot(const struct ctx *c, const char *w, size_t len, uint32_t h)
{
	size_t i = h & (c->cap - 1);
	for (; c->v[i].at; i = (i + 1) & (c->cap - 1)) {
		const char *e = c->text.s + c->v[i].at;       /* the word, after its flags */
		if (c->v[i].hash == h && !strncmp(e, w, len) && !e[len])
			break;
	}
	return &c->v[i];
}

static struct word word_at(const struct ctx *c, uint32_t at)
{
	struct word x;
	x.flags = c->text.s + at - 1;
	x.word = x.flags + 1;
	x.stems = x.word + strlen(x.word) + 1;
	x.parts = x.stems + strlen(x.stems) + 1;
	return x;
}

/* Add w (len bytes, not in the table) with its stems and parts. */
static struct word insert(struct ctx *c, const char *w, size_t len, uint32_t h,
			  const char *stems, const char *parts, int flags)
{
	if (2 * (c->n + 1) > c->cap) {
		struct slot *old = c->v;
		size_t n = c->cap;
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->v = xcalloc(c->cap, sizeof *c->v);
		for (size_t i = 0; i < n; i++) {
			if (!old[i].at)
				continue;
			size_t k = old[i].hash & (c->cap - 1);
			while (c->v[k].at)
				k = (k + 1) & (c->cap - 1);
			c->v[k] = old[i];
		}
		free(old);
	}
	size_t ns = strlen(stems), np = strlen(parts);
	if (c->text.len + len + ns + np + 4 >= UINT32_MAX)
		tg_oom();       /* (4 GB of words) */
	struct slot *sl = slot(c, w, len, h);
	sl->hash = h;
	sl->at = (uint32_t)c->text.len + 1;
	buf_addc(&c->text, (char)flags);
	buf_add(&c->text, w, len);
	buf_add(&c->text, "", 1);
	buf_add(&c->text, stems, ns + 1);
	buf_add(&c->text, parts, np + 1);
	c->n++;
	return word_at(c, sl->at);
}

/* The saved analysis of w from the table words: found or not. */
static bool look_up(struct ctx *c, const char *w, size_t len)
{
	if (!c->look && sqlite3_prepare_v2(c->db, "SELECT stems, parts FROM words WHERE word = ?",
					   -1, &c->look, NULL) != SQLITE_OK)
		return false;           /* (no table: an index being made) */
	bool found = false;
	sqlite3_bind_text(c->look, 1, w, (int)len, SQLITE_STATIC);
	if (sqlite3_step(c->look) == SQLITE_ROW) {
		buf_adds(&c->stems, (const char *)sqlite3_column_text(c->look, 0));
		buf_adds(&c->parts, (const char *)sqlite3_column_text(c->look, 1));
		found = true;
	}
	sqlite3_reset(c->look);
	return found;
}

/* The word w (case-folded letters) with its stems and parts. */
static struct word analyse(struct ctx *c, const char *w, size_t len)
{
	uint32_t h = tg_hash32(w, len);
	if (c->cap) {
		const struct slot *sl = slot(c, w, len, h);
		if (sl->at)
			return word_at(c, sl->at);
	}
	buf_reset(&c->stems);
	buf_reset(&c->parts);
	bool dirty = false;
	if (!look_up(c, w, len)) {
		if (!c->stem)
			c->stem = tgi_stem_new(c->analyze);
		struct buf word = BUF_INIT;
		buf_add(&word, w, len);
		if (c->analyze) {
			tgi_stem_analyze(c->stem, word.s, &c->stems, &c->parts);
			dirty = true;
			const char *where;
			if (tgi_stem_no_dictionary(c->stem, &where)) {
				pthread_mutex_lock(&undict_mu);
				undict++;
				snprintf(undict_where, sizeof undict_where, "%s", where);
				pthread_mutex_unlock(&undict_mu);
			}
		} else {
			tgi_stem_snowball(c->stem, word.s, word.len, &c->stems);
			buf_addc(&c->stems, ' ');
			if (c->stems.len == len + 1 && !memcmp(c->stems.s, w, len))
				buf_reset(&c->stems);
		}
		buf_release(&word);
	}
	return insert(c, w, len, h, c->stems.s, c->parts.s, dirty ? DIRTY : 0);
}

typedef int (*token_fn)(void *, int, const char *, int, int, int);

/* Each word of list ("a b ") as a token at the place of the last. */
static int colocated(void *cx, token_fn token, const char *list, int start, int end)
{
	int rc = SQLITE_OK;
	for (const char *p = list; *p && rc == SQLITE_OK;) {
		const char *e = strchr(p, ' ');
		rc = token(cx, FTS5_TOKEN_COLOCATED, p, (int)(e - p), start, end);
		p = e + 1;
	}
	return rc;
}

static int tokenize(Fts5Tokenizer *t, void *cx, int flags, const char *text, int ntext,
		    token_fn token)
{
	struct ctx *c = (struct ctx *)t;
	const char *p = text, *end = text + (ntext > 0 ? ntext : 0);
	bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
	int rc = SQLITE_OK;
	while (p < end && rc == SQLITE_OK) {
		const char *at = p;
		unsigned ch = tg_utf8_next(&p, end);
		if (!tgi_stem_is_word_char(ch))
			continue;
		buf_reset(&c->w);
		bool digit = false;
		const char *last = p;
		do {
			digit |= ch >= '0' && ch <= '9';
			tg_utf8_put(&c->w, tg_fold(ch));
			last = p;
			if (p >= end)
				break;
			ch = tg_utf8_next(&p, end);
		} while (tgi_stem_is_word_char(ch));
		p = last;
		int start = (int)(at - text), stop = (int)(last - text);
		rc = token(cx, 0, c->w.s, (int)c->w.len, start, stop);
		if (rc != SQLITE_OK || digit || prefix)
			continue;
		struct word x = analyse(c, c->w.s, c->w.len);
		rc = colocated(cx, token, x.stems, start, stop);
		if (rc == SQLITE_OK && !query)
			rc = colocated(cx, token, x.parts, start, stop);
	}
	sqlite3_finalize(c->look);
	c->look = NULL;
	return rc;
}

static int create(void *u, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	if (argc > 0)
		return SQLITE_ERROR;
	*out = u;               /* the connection's context */
	return SQLITE_OK;
}

static void delete(Fts5Tokenizer *t)
{
	(void)t;
}

static fts5_api *fts5(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int tgi_fts_sv_register(sqlite3 *db, bool analyze)
{
	fts5_api *api = fts5(db);
	if (!api)
		return SQLITE_ERROR;
	struct ctx *c = xcalloc(1, sizeof *c);
	c->db = db;
	c->analyze = analyze;
	c->text = c->w = c->stems = c->parts = (struct buf)BUF_INIT;
	fts5_tokenizer tok = { create, delete, tokenize };
	/* frees c when it fails, and else with db */
	return api->xCreateTokenizer(api, TOKENIZER, c, &tok, ctx_free);
}

/* The row of words that says which dictionary made the analyses: the
 * one at hand, or MIXED when the table has another's already. */
#define ID_WORD " dictionary"           /* (no word has a space) */
#define MIXED "mixed"

static int read_id(sqlite3 *db, struct buf *id)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT stems FROM words WHERE word = '" ID_WORD "'",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_adds(id, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int save_id(sqlite3 *db)
{
	struct buf had = BUF_INIT, now = BUF_INIT;
	tgi_stem_dictionary_id(&now);
	int rc = read_id(db, &had);
	if (rc == SQLITE_OK && had.len && strcmp(had.s, now.s)) {
		buf_reset(&now);
		buf_adds(&now, MIXED);
	}
	sqlite3_stmt *st = NULL;
	if (rc == SQLITE_OK && strcmp(had.s, now.s))
		rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO words VALUES ('" ID_WORD
					"', ?, '')", -1, &st, NULL);
	if (st) {
		sqlite3_bind_text(st, 1, now.s, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		sqlite3_finalize(st);
	}
	buf_release(&had);
	buf_release(&now);
	return rc;
}

static struct ctx *find_ctx(sqlite3 *db)
{
	fts5_api *api = fts5(db);
	void *u = NULL;
	fts5_tokenizer tok;
	if (!api || api->xFindTokenizer(api, TOKENIZER, &u, &tok) != SQLITE_OK)
		return NULL;
	return u;
}

int tgi_fts_sv_reuse(sqlite3 *db, sqlite3 *from)
{
	struct ctx *c = find_ctx(db);
	if (!c)
		return SQLITE_ERROR;
	struct buf had = BUF_INIT, now = BUF_INIT;
	tgi_stem_dictionary_id(&now);
	int rc = read_id(from, &had);
	sqlite3_stmt *st = NULL;
	if (rc == SQLITE_OK && !strcmp(had.s, now.s))
		rc = sqlite3_prepare_v2(from, "SELECT word, stems, parts FROM words"
					" WHERE word <> '" ID_WORD "'", -1, &st, NULL);
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		uint32_t h = tg_hash32(w, len);
		if (c->cap && slot(c, w, len, h)->at)
			continue;
		insert(c, w, len, h, (const char *)sqlite3_column_text(st, 1),
		       (const char *)sqlite3_column_text(st, 2), DIRTY);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	buf_release(&had);
	buf_release(&now);
	return rc;
}

static int by_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int tgi_fts_sv_save(sqlite3 *db)
{
	struct ctx *c = find_ctx(db);
	if (!c)
		return SQLITE_ERROR;
	/* the words to save, in the table's order: each row goes after the
	 * last, where in the order of the hash table it would go anywhere in
	 * the table (a page read and split a row) */
	const char **dirty = xmalloc((c->n + 1) * sizeof *dirty);
	size_t n = 0;
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].at && *word_at(c, c->v[i].at).flags & DIRTY)
			dirty[n++] = word_at(c, c->v[i].at).word;
	if (!n) {
		free(dirty);
		return SQLITE_OK;
	}
	qsort(dirty, n, sizeof *dirty, by_word);
	sqlite3_stmt *st = NULL;
	int rc = save_id(db);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO words VALUES (?, ?, ?)", -1,
					&st, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		struct word x = word_at(c, (uint32_t)(dirty[i] - c->text.s));
		sqlite3_bind_text(st, 1, x.word, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, x.stems, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, x.parts, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
			*x.flags &= (char)~DIRTY;
		}
	}
	sqlite3_finalize(st);
	free(dirty);
	return rc;
}
