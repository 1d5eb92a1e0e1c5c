#include "priv.h"

#include <stdint.h>
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

struct range {
	unsigned lo, hi;
};

static bool in(const struct range *v, size_t n, unsigned c)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t m = (a + b) / 2;
		if (c > v[m].hi)
			a = m + 1;
		else if (c < v[m].lo)
			b = m;
		else
			return true;
	}
	return false;
}

static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0001, 0xE007F }, { 0xE0100, 0xE01EF },
};

static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 },
	{ 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
	{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F2FF }, { 0x1F300, 0x1F320 },
	{ 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA },
	{ 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E },
	{ 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6D7 }, { 0x1F6DC, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F7F0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

#define COUNT(v) (sizeof v / sizeof *v)

size_t tg_utf8_width(const char *s, size_t len)
{
	size_t w = 0;
	for (const char *p = s, *end = s + len; p < end;) {
		if ((unsigned char)*p < 0x80) {
			p++;
			w++;
			continue;
		}
		unsigned c = tg_utf8_next(&p, end);
		w += in(zero_width, COUNT(zero_width), c) ? 0 : in(wide, COUNT(wide), c) ? 2 : 1;
	}
	return w;
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
	return buf_detach(&b);
}

int tg_casecmp(const char *a, const char *b)
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
