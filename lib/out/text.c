/*
 * text: a table as aligned columns for a person at a terminal.  Widths
 * count the columns a terminal gives (tg_utf8_width), not bytes; columns
 * whose values are all numbers align right; text is made safe for a
 * terminal (tg_term_safe, on one line: an ESC shows as \x1B); a list's
 * items are joined with ", ".  With a width (tg_table_width), the widest
 * text column is cut with '…' until a line fits, none below 10 columns;
 * with colour (tg_table_color), a cell's tint is an ANSI colour.  No
 * rows: nothing at all.
 */
#include "out-int.h"

#include <stdlib.h>
#include <string.h>

static void safe(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	if (tg_term_plain(s, len))
		buf_add(b, s, len);
	else
		tg_term_safe(b, s, len, TG_WS_SPACE);
}

static void cell(struct buf *b, const struct tg_cell *c)
{
	if (c->type == TG_CELL_LIST || c->type == TG_CELL_NUMBERS)
		tgi_join_list(b, c, ", ", safe);
	else
		safe(b, c->s);
}

const char *tg_tint_code(enum tg_tint tint)
{
	static const char *const codes[] = { "", "\033[32m", "\033[33m", "\033[34m",
		"\033[1;31m", "\033[2m" };
	return codes[tint];
}

/* Add s, of len bytes and cols columns, to b cut to w columns (the last
 * one '…'), between grapheme clusters; the columns added. */
static size_t add_cut(struct buf *b, const char *s, size_t len, size_t cols, size_t w)
{
	if (cols <= w) {
		buf_add(b, s, len);
		return cols;
	}
	if (!w)
		return 0;
	size_t at = tg_utf8_cut(s, len, w - 1);
	buf_add(b, s, at);
	buf_adds(b, "…");
	return tg_utf8_width(s, at) + 1;
}

static void pad(struct buf *b, size_t n)
{
	buf_grow(b, n + 1);
	memset(b->s + b->len, ' ', n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Narrow the widest text column until a line fits t->width. */
static void fit(const struct tg_table *t, size_t *w, const bool *num)
{
	size_t n = t->ncols, sum = 2 * (n - 1);
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	while (t->width && sum > t->width) {
		size_t widest = n;
		for (size_t i = 0; i < n; i++)
			if (!num[i] && w[i] > 10 && (widest == n || w[i] > w[widest]))
				widest = i;
		if (widest == n)
			break;
		w[widest]--;
		sum--;
	}
}

static void end(struct tg_table *t)
{
	if (!t->nrows || !t->ncols)
		return;
	size_t n = t->ncols, total = t->nrows * n;
	struct tgi_kept *head = xcalloc(n, sizeof *head);
	size_t *w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		safe(&b, t->names[i]);
		head[i] = tgi_keep(t, b.s, TG_CELL_TEXT);
		w[i] = head[i].chars;
		buf_release(&b);
	}
	for (size_t k = 0; k < total; k++)
		if (t->cells[k].chars > w[k % n])
			w[k % n] = t->cells[k].chars;
	bool *num = tgi_numeric_columns(t);
	fit(t, w, num);
	struct buf *b = t->out;
	for (size_t k = 0; k < total + n; k++) {
		size_t i = k % n;
		const struct tgi_kept *c = k < n ? &head[i] : &t->cells[k - n];
		const char *s = tgi_kept_text(t, c);
		bool tint = t->color && c->tint != TG_TINT_NONE;
		if (num[i])     /* never narrowed: c->chars <= w[i] */
			pad(b, w[i] - c->chars);
		if (tint)
			buf_adds(b, tg_tint_code(c->tint));
		size_t len = add_cut(b, s ? s : "", c->bytes, c->chars, w[i]);
		if (tint)
			buf_adds(b, "\033[0m");
		if (i < n - 1) {
			if (!num[i])
				pad(b, w[i] - len);
			buf_adds(b, "  ");
		} else {
			buf_addc(b, '\n');
			tgi_table_drain(t, 65536);
		}
	}
	free(head);
	free(w);
	free(num);
}

const struct tgi_renderer tgi_render_text = { NULL, NULL, cell, end };
