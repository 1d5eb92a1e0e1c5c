/* Typed words: Unicode NFC and the folding by which a typed word matches
 * an enumerated value (utf8proc). */
#include "priv.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *tg_nfc(const char *s)
{
	/* ASCII is NFC already: most typed values cost a scan */
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return xstrdup(s);
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		/* not valid UTF-8: left as it is, for the text checks to refuse */
		free(out);
		return xstrdup(s);
	}
	return (char *)out;
}

/* ASCII is its own NFC. */
static bool is_ascii(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0x80)
		p++;
	return !*p;
}

char *tg_nfc_take(char *s)
{
	if (is_ascii(s))
		return s;
	char *n = tg_nfc(s);
	free(s);
	return n;
}

const char *tg_nfc_const(const char *s, char **made)
{
	*made = NULL;
	if (is_ascii(s))
		return s;
	char *n = tg_nfc(s);
	if (!strcmp(n, s)) {
		free(n);
		return s;
	}
	return *made = n;
}

char *tg_word_key(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
					  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (n < 0) {
		free(out);
		return xstrdup(s);
	}
	/* "ej_prioriterad", "ej-prioriterad", " ej  prioriterad ": one key */
	char *w = (char *)out, *r = w;
	bool space = false;
	for (const char *q = w; *q; q++) {
		if (*q == '_' || *q == '-' || *q == ' ' || *q == '\t') {
			space = r > w;
			continue;
		}
		if (space)
			*r++ = ' ';
		space = false;
		*r++ = *q;
	}
	*r = '\0';
	return w;
}

bool tg_word_eq(const char *a, const char *b)
{
	char *x = tg_word_key(a), *y = tg_word_key(b);
	bool eq = !strcmp(x, y);
	free(x);
	free(y);
	return eq;
}

/* The columns of one grapheme cluster: its widest code point's, ASCII
 * one each, else utf8proc_charwidth (2 for East Asian wide characters
 * and emoji, 0 for combining marks and invisible format characters), at
 * most 2. */
static int cluster_width(int w, utf8proc_int32_t c)
{
	int cw = c < 0x80 ? 1 : utf8proc_charwidth(c);
	if (cw > 2)
		cw = 2;
	return cw > w ? cw : w;
}

/* Walk s[0..len) by grapheme clusters (utf8proc's boundaries) and stop
 * before the cluster that would take the width past max: the width
 * walked, and in *stop the bytes. */
static size_t walk(const char *s, size_t len, size_t max, size_t *stop)
{
	size_t w = 0, start = 0;
	utf8proc_int32_t prev = -1, state = 0;
	int cw = 0;
	for (const char *p = s, *end = s + len; p < end;) {
		size_t at = (size_t)(p - s);
		utf8proc_int32_t c = (unsigned char)*p < 0x80 ? (unsigned char)*p++
				      : (utf8proc_int32_t)tg_utf8_next(&p, end);
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, c, &state)) {
			if (w + (size_t)cw > max) {
				*stop = start;
				return w;
			}
			w += (size_t)cw;
			start = at;
			cw = 0;
		}
		prev = c;
		cw = cluster_width(cw, c);
	}
	if (w + (size_t)cw > max) {
		*stop = start;
		return w;
	}
	*stop = len;
	return w + (size_t)cw;
}

size_t tg_utf8_width(const char *s, size_t len)
{
	/* ASCII: a column each, the common case of listings */
	size_t i = 0;
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	if (i == len)
		return len;
	size_t stop;
	return walk(s, len, (size_t)-1, &stop);
}

size_t tg_utf8_cut(const char *s, size_t len, size_t max)
{
	size_t at;
	walk(s, len, max, &at);
	return at;
}
