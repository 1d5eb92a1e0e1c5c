#include "priv.h"

#include <string.h>

static bool one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return true;
	return false;
}

/* Would a YAML 1.1 or 1.2 reader take this plain text for something other
 * than a string (null, boolean, number, date, timestamp)? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N",
		"no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF", "=", "<<", NULL };
	if (one_of(s, words))
		return true;
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (*p == '.')
		p++;
	if (*p >= '0' && *p <= '9')
		return true;    /* numbers, dates, times, sexagesimals: quote them all */
	if (!strcmp(p, "inf") || !strcmp(p, "Inf") || !strcmp(p, "INF") ||
	    !strcmp(p, "nan") || !strcmp(p, "NaN") || !strcmp(p, "NAN"))
		return true;
	return false;
}

/* In a flow collection ([a, b], {k: v}) PyYAML ends a plain scalar at a
 * '?' too (libyaml does not): text holding one is quoted there. */
static bool plain_ok(const char *s, bool flow)
{
	size_t len = strlen(s);
	if (flow && strchr(s, '?'))
		return false;
	if (!len || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7F || strchr(",[]{}", c))
			return false;
		if ((c == ':' && p[1] == ' ') || (c == ' ' && p[1] == '#'))
			return false;
	}
	/* U+0085, U+2028, U+2029 are line breaks to YAML 1.1 */
	if (strstr(s, "\xC2\x85") || strstr(s, "\xE2\x80\xA8") || strstr(s, "\xE2\x80\xA9"))
		return false;
	return !looks_typed(s);
}

bool tg_yaml_plain_ok(const char *s)
{
	return plain_ok(s, true);
}

void tg_yaml_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\r': buf_adds(b, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				buf_addf(b, "\\x%02X", *p);
			else if (*p == 0xC2 && p[1] == 0x85) {
				buf_adds(b, "\\N");
				p++;
			} else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				buf_adds(b, p[2] == 0xA8 ? "\\L" : "\\P");
				p += 2;
			} else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void tg_yaml_block_text(struct buf *b, const char *s)
{
	if (plain_ok(s, false))
		buf_adds(b, s);
	else
		tg_yaml_quoted(b, s);
}

void tg_yaml_text(struct buf *b, const char *s)
{
	if (plain_ok(s, true))
		buf_adds(b, s);
	else
		tg_yaml_quoted(b, s);
}
