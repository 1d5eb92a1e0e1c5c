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
