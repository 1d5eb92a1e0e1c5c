/*
 * json: a table as the JSON contract (lib/out.h, docs/schema/):
 *
 *	{"format": "trygg", "version": 1, "kind": "ls-measures", "items": [
 *	  {"district": "Angered", "id": "P6.M1", …},
 *	  …
 *	]}
 *
 * An item a line, so that grep and diff still work on it.
 */
#include "out-int.h"

#include <string.h>

static bool json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return false;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return !*s;
}

/* The one escaping rule of JSON: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD, U+2028/9 escaped
 * for JavaScript. */
void tg_json_str(struct buf *b, const char *s)
{
	const char *p = s, *end = s + strlen(s);
	buf_addc(b, '"');
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			p++;
			switch (c) {
			case '"': buf_adds(b, "\\\""); break;
			case '\\': buf_adds(b, "\\\\"); break;
			case '\n': buf_adds(b, "\\n"); break;
			case '\r': buf_adds(b, "\\r"); break;
			case '\t': buf_adds(b, "\\t"); break;
			case '\b': buf_adds(b, "\\b"); break;
			case '\f': buf_adds(b, "\\f"); break;
			default:
				if (c < 0x20 || c == 0x7F)
					buf_addf(b, "\\u%04x", c);
				else
					buf_addc(b, (char)c);
			}
			continue;
		}
		const char *start = p;
		unsigned u = tg_utf8_next(&p, end);
		if (u == 0x2028 || u == 0x2029)
			buf_addf(b, "\\u%04x", u);
		else if (u == 0xFFFD && tg_utf8_check(start, (size_t)(p - start)) != (size_t)(p - start))
			buf_adds(b, "\xEF\xBF\xBD");
		else
			buf_add(b, start, (size_t)(p - start));
	}
	buf_addc(b, '"');
}

static void value(struct buf *b, const struct tg_cell *c)
{
	if (!c->s) {
		buf_adds(b, "null");
	} else if (c->type == TG_CELL_LIST || c->type == TG_CELL_NUMBERS) {
		buf_addc(b, '[');
		for (size_t i = 0; i < c->n; i++) {
			if (i)
				buf_adds(b, ", ");
			if (c->type == TG_CELL_NUMBERS && json_number(c->v[i]))
				buf_adds(b, c->v[i]);
			else
				tg_json_str(b, c->v[i]);
		}
		buf_addc(b, ']');
	} else if ((c->type == TG_CELL_NUMBER && json_number(c->s)) ||
		   (c->type == TG_CELL_BOOL && (!strcmp(c->s, "true") || !strcmp(c->s, "false")))) {
		buf_adds(b, c->s);
	} else {
		tg_json_str(b, c->s);
	}
}

static void begin(struct tg_table *t)
{
	buf_addf(t->out, "{\"format\": \"trygg\", \"version\": %d, \"kind\": ", TG_FORMAT_VERSION);
	tg_json_str(t->out, t->kind);
	buf_adds(t->out, ", \"items\": [");
}

static void row(struct tg_table *t, const struct tg_cell *cells)
{
	struct buf *b = t->out;
	buf_adds(b, t->rows ? ",\n  {" : "\n  {");
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			buf_adds(b, ", ");
		tg_json_str(b, t->names[i]);
		buf_adds(b, ": ");
		value(b, &cells[i]);
	}
	buf_addc(b, '}');
}

static void end(struct tg_table *t)
{
	buf_adds(t->out, t->rows ? "\n]}\n" : "]}\n");
}

const struct tgi_renderer tgi_render_json = { begin, row, NULL, end };
