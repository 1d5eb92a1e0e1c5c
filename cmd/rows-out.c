/* rows-out: tg_rows as CSV (libcsv quoting, spreadsheet formulas
 * neutralised) or JSON (an array of objects named by the columns). */
#include "cmd.h"

#include <csv.h>
#include <string.h>

static void csv_cell(struct buf *b, const char *s, enum tg_coltype type)
{
	/* a text cell a spreadsheet would run as a formula gets a leading ' */
	struct buf cell = BUF_INIT;
	if (type == TG_COL_TEXT && *s && strchr("=+-@\t\r", *s))
		buf_addc(&cell, '\'');
	buf_adds(&cell, s);
	size_t need = csv_write(NULL, 0, cell.s, cell.len);
	buf_grow(b, need);
	csv_write(b->s + b->len, need, cell.s, cell.len);
	b->len += need;
	b->s[b->len] = '\0';
	buf_release(&cell);
}

void json_string(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				buf_addf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void rows_write(struct buf *b, const struct tg_rows *t, bool csv)
{
	if (csv) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				buf_addc(b, ',');
			csv_cell(b, t->names[c], TG_COL_NUMBER);
		}
		buf_adds(b, "\r\n");
		for (size_t i = 0; i < t->n; i++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					buf_addc(b, ',');
				csv_cell(b, t->v[i][c], t->types[c]);
			}
			buf_adds(b, "\r\n");
		}
		return;
	}
	buf_adds(b, "[");
	for (size_t i = 0; i < t->n; i++) {
		buf_adds(b, i ? ",\n  {" : "\n  {");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->v[i][c];
			if (c)
				buf_adds(b, ", ");
			json_string(b, t->names[c]);
			buf_adds(b, ": ");
			if (t->types[c] == TG_COL_NUMBER && *v)
				buf_adds(b, v);
			else if (t->types[c] == TG_COL_NUMBER)
				buf_adds(b, "null");
			else if (t->types[c] == TG_COL_BOOL)
				buf_adds(b, !strcmp(v, "true") ? "true" : "false");
			else
				json_string(b, v);
		}
		buf_adds(b, "}");
	}
	buf_adds(b, t->n ? "\n]\n" : "]\n");
}
