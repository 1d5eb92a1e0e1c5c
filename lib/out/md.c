/*
 * md: a table as a GitHub Markdown table, every cell through
 * tg_md_escape (the one Markdown escaper of reports and listings: an ESC
 * becomes a space); a list's items joined with ", "; numbers' columns
 * aligned right.
 */
#include "out-int.h"

#include <stdlib.h>

void tg_md_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] < 0xA0) {      /* a C1 control */
			buf_addc(b, ' ');
			s++;
			continue;
		}
		switch (*s) {
		case '|': buf_adds(b, "\\|"); break;
		case '\n': buf_adds(b, "<br>"); break;
		case '\r': break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '\\': case '*': case '_': case '`': case '[': case ']':
			buf_addc(b, '\\');
			buf_addc(b, *s);
			break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7F)
				buf_addc(b, ' ');
			else
				buf_addc(b, *s);
		}
	}
}

static void cell(struct buf *b, const struct tg_cell *c)
{
	if (c->type == TG_CELL_LIST || c->type == TG_CELL_NUMBERS)
		tgi_join_list(b, c, ", ", tg_md_escape);
	else
		tg_md_escape(b, c->s);
}

static void end(struct tg_table *t)
{
	struct buf *b = t->out;
	buf_addc(b, '|');
	for (size_t i = 0; i < t->ncols; i++) {
		buf_addc(b, ' ');
		tg_md_escape(b, t->names[i]);
		buf_adds(b, " |");
	}
	buf_adds(b, "\n|");
	bool *num = tgi_numeric_columns(t);
	for (size_t i = 0; i < t->ncols; i++)
		buf_adds(b, num[i] ? "---:|" : "---|");
	free(num);
	buf_addc(b, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		buf_addc(b, '|');
		for (size_t i = 0; i < t->ncols; i++) {
			const char *s = tgi_kept_text(t, &t->cells[r * t->ncols + i]);
			buf_addf(b, " %s |", s ? s : "");
		}
		buf_addc(b, '\n');
		tgi_table_drain(t, 65536);
	}
}

const struct tgi_renderer tgi_render_md = { NULL, NULL, cell, end };
