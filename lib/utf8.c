#include "priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t tg_utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* eight ASCII bytes at a time */
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned min, cp;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1; min = 0x80; cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2; min = 0x800; cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3; min = 0x10000; cp = c & 0x07;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

size_t tg_utf8_len(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static bool bidi_control(unsigned c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void tg_term_safe(struct buf *b, const char *s, size_t len, enum tg_term_ws ws)
{
	for (const char *p = s, *end = s + len; p < end;) {
		const char *q = p;
		unsigned c = tg_utf8_next(&p, end);
		size_t n = (size_t)(p - q);
		if ((c == '\t' || c == '\n') && ws != TG_WS_ESCAPE)
			buf_addc(b, ws == TG_WS_KEEP ? (char)c : ' ');
		else if (c >= 0x80 && tg_utf8_check(q, n) != n)
			for (size_t i = 0; i < n; i++)     /* not UTF-8: byte by byte */
				buf_addf(b, "\\x%02X", (unsigned char)q[i]);
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			buf_addf(b, "\\x%02X", c);     /* an ESC never reaches the terminal */
		else if (bidi_control(c))
			buf_addf(b, "\\u%04X", c);
		else
			buf_add(b, q, n);
	}
}

bool tg_term_plain(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	bool high = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = u[i];
		if (c < 0x20 || c == 0x7F)
			return false;
		if (c < 0x80)
			continue;
		high = true;
		/* C1 is C2 80..9F; the bidi controls E2 80 AA..AE, E2 81 A6..A9 */
		if (c == 0xC2 && i + 1 < len && u[i + 1] < 0xA0)
			return false;
		if (c == 0xE2 && i + 2 < len &&
		    ((u[i + 1] == 0x80 && u[i + 2] >= 0xAA && u[i + 2] <= 0xAE) ||
		     (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9)))
			return false;
	}
	return !high || tg_utf8_check(s, len) == len;
}

unsigned tg_utf8_next(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	unsigned c = *p;
	size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (c >= 0x80 && c < 0xC0) {
		*pp += 1;
		return 0xFFFD;
	}
	if (n && (const char *)p + n >= end) {
		*pp = end;
		return 0xFFFD;
	}
	unsigned cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
	for (size_t k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*pp += k;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	*pp += n + 1;
	return cp;
}

void tg_utf8_put(struct buf *b, unsigned c)
{
	char t[4];
	size_t n;
	if (c < 0x80) {
		t[0] = (char)c; n = 1;
	} else if (c < 0x800) {
		t[0] = (char)(0xC0 | (c >> 6));
		t[1] = (char)(0x80 | (c & 0x3F)); n = 2;
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | (c >> 12));
		t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F)); n = 3;
	} else {
		t[0] = (char)(0xF0 | (c >> 18));
		t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[3] = (char)(0x80 | (c & 0x3F)); n = 4;
	}
	buf_add(b, t, n);
}

unsigned tg_fold(unsigned c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x100 && c <= 0x137 && c != 0x130)
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	if (c >= 0x14A && c <= 0x177)
		return c | 1;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

static bool is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	       c == 0x2007 || c == 0x202F || c == 0x3000 || (c >= 0x2000 && c <= 0x200A);
}

char *tg_fold_title(const char *s)
{
	struct buf b = BUF_INIT;
	char *made;
	s = tg_nfc_const(s, &made);
	const char *p = s, *end = s + strlen(s);
	bool space = false;
	while (p < end) {
		unsigned c = tg_utf8_next(&p, end);
		if (is_space(c)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		tg_utf8_put(&b, tg_fold(c));
	}
	free(made);
	return buf_detach(&b);
}

static int casecmp(const char *a, const char *b);

int tg_casecmp(const char *a, const char *b)
{
	/* "Va\u0308stra" typed on a Mac is "Västra": compared in NFC */
	char *na, *nb;
	const char *x = tg_nfc_const(a, &na), *y = tg_nfc_const(b, &nb);
	int c = casecmp(x, y);
	free(na);
	free(nb);
	return c;
}

static int casecmp(const char *a, const char *b)
{
	const char *ea = a + strlen(a), *eb = b + strlen(b);
	while (a < ea && b < eb) {
		unsigned x = tg_fold(tg_utf8_next(&a, ea));
		unsigned y = tg_fold(tg_utf8_next(&b, eb));
		if (x != y)
			return x < y ? -1 : 1;
	}
	return (a < ea) - (b < eb);
}

/* Primary weight of a folded code point in Swedish order. */
static unsigned sv_weight(unsigned c)
{
	static const char latin1[] =   /* 0xE0..0xFF folded to a base letter */
		"aaaa\1\2\2ceeeeiiii" "dnooooo\0\3uuuyyty";
	if (c >= 'a' && c <= 'z')
		return 1000 + (c - 'a');
	if (c >= 0xE0 && c <= 0xFF) {
		if (c == 0xE5)
			return 1026;            /* å */
		if (c == 0xE4 || c == 0xE6)
			return 1027;            /* ä æ */
		if (c == 0xF6 || c == 0xF8)
			return 1028;            /* ö ø */
		char base = latin1[c - 0xE0];
		if (base >= 'a' && base <= 'z')
			return 1000 + (unsigned)(base - 'a');
	}
	if (c < 0x80)
		return c;
	return 2000 + c;
}

int tg_collate_sv(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *pa = a, *ea = a + alen, *pb = b, *eb = b + blen;
	int tie = 0;
	while (pa < ea && pb < eb) {
		unsigned ca = tg_utf8_next(&pa, ea), cb = tg_utf8_next(&pb, eb);
		unsigned fa = tg_fold(ca), fb = tg_fold(cb);
		unsigned wa = sv_weight(fa), wb = sv_weight(fb);
		if (wa != wb)
			return wa < wb ? -1 : 1;
		if (!tie && fa != fb)
			tie = fa < fb ? -1 : 1;
		if (!tie && ca != cb)
			tie = ca > cb ? -1 : 1;     /* lower case first */
	}
	if ((pa < ea) != (pb < eb))
		return pa < ea ? 1 : -1;
	return tie;
}
