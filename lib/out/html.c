/*
 * html: a table as an HTML table (in a report's page, whose style sheet
 * it uses), every text through tgi_html_esc (controls as a space); a
 * list's items joined with ", "; numbers' cells of class num.
 */
#include "out-int.h"

#include <stdlib.h>

void tgi_html_esc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				buf_addc(b, ' ');
			else
				buf_addc(b, *s);
		}
	}
}

static void cell(struct buf *b, const struct tg_cell *c)
{
	if (c->dot)
		buf_addf(b, "<span class=\"light %s\"></span>", c->dot);
	if (c->href)
		buf_addf(b, "<a href=\"%s\">", c->href);
	if (c->type == TG_CELL_LIST || c->type == TG_CELL_NUMBERS)
		tgi_join_list(b, c, ", ", tgi_html_esc);
	else
		tgi_html_esc(b, c->s);
	if (c->href)
		buf_adds(b, "</a>");
	if (c->note) {
		buf_adds(b, " <span class=\"stale\">");
		tgi_html_esc(b, c->note);
		buf_adds(b, "</span>");
	}
}

static void end(struct tg_table *t)
{
	struct buf *b = t->out;
	bool *num = tgi_numeric_columns(t);
	buf_adds(b, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (size_t i = 0; i < t->ncols; i++) {
		buf_adds(b, num[i] ? "<th class=\"num\">" : "<th>");
		tgi_html_esc(b, t->names[i]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		buf_adds(b, "<tr>");
		for (size_t i = 0; i < t->ncols; i++) {
			const struct tgi_kept *c = &t->cells[r * t->ncols + i];
			const char *s = tgi_kept_text(t, c), *tag = c->head ? "th" : "td";
			buf_addf(b, "<%s%s>%s</%s>", tag, num[i] ? " class=\"num\"" : "", s ? s : "", tag);
		}
		buf_adds(b, "</tr>\n");
		tgi_table_drain(t, 65536);
	}
	buf_adds(b, "</tbody>\n</table></div>\n");
	free(num);
}

const struct tgi_renderer tgi_render_html = { NULL, NULL, cell, end };
