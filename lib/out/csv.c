/*
 * csv: a table as CSV: a header row, then a row per row; every value
 * quoted (quotes doubled by libcsv), no value an empty unquoted field, a
 * list's items joined with "; ".  A spreadsheet would run =cmd(): a text
 * cell that starts like a formula gets a leading ' (never a number's).
 */
#include "out-int.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool formula_start(char c)
{
	switch (c) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return true;
	default:
		return false;
	}
}

/* Add s (len bytes) to b quoted, b having room for 2 * len + 4 more
 * bytes.  libcsv's csv_write goes a byte at a time: a field with no quote
 * in it is copied whole. */
static void field(struct buf *b, const char *s, size_t len, bool guard)
{
	if (memchr(s, '"', len)) {
		if (!guard) {
			b->len += csv_write(b->s + b->len, 2 * len + 2, s, len);
			return;
		}
		char *q = xasprintf("'%s", s);
		b->len += csv_write(b->s + b->len, 2 * len + 4, q, len + 1);
		free(q);
		return;
	}
	char *p = b->s + b->len;
	*p++ = '"';
	if (guard)
		*p++ = '\'';
	memcpy(p, s, len);
	p += len;
	*p++ = '"';
	b->len = (size_t)(p - b->s);
}

/* One line of the fields texts[i] (NULL: no value), guarded where guard
 * says (NULL: everywhere, as in the header); room is made once. */
static void line(struct tg_table *t, const char *const *texts, const bool *guard)
{
	struct buf *b = t->out;
	size_t room = 2;
	for (size_t i = 0; i < t->ncols; i++) {
		t->lens[i] = texts[i] ? strlen(texts[i]) : SIZE_MAX;
		room += texts[i] ? 2 * t->lens[i] + 5 : 1;
	}
	buf_grow(b, room);
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			b->s[b->len++] = ',';
		if (texts[i])
			field(b, texts[i], t->lens[i], (!guard || guard[i]) && formula_start(texts[i][0]));
	}
	b->s[b->len++] = '\n';
	b->s[b->len] = '\0';
}

static void begin(struct tg_table *t)
{
	line(t, (const char *const *)t->names, NULL);
}

static void row(struct tg_table *t, const struct tg_cell *cells)
{
	const char **texts = xcalloc(t->ncols + 1, sizeof *texts);
	bool *guard = xcalloc(t->ncols + 1, sizeof *guard);
	struct buf lists = BUF_INIT;
	size_t *at = xcalloc(t->ncols + 1, sizeof *at);
	for (size_t i = 0; i < t->ncols; i++) {
		const struct tg_cell *c = &cells[i];
		bool list = c->type == TG_CELL_LIST || c->type == TG_CELL_NUMBERS;
		guard[i] = c->type == TG_CELL_TEXT || c->type == TG_CELL_LIST;
		if (!list) {
			texts[i] = c->s;
		} else if (c->s) {
			at[i] = lists.len + 1;
			tgi_join_list(&lists, c, "; ", NULL);
			buf_addc(&lists, '\0');
		}
	}
	for (size_t i = 0; i < t->ncols; i++)
		if (at[i])
			texts[i] = lists.s + at[i] - 1;
	line(t, texts, guard);
	buf_release(&lists);
	free(at);
	free(guard);
	free(texts);
}

const struct tgi_renderer tgi_render_csv = { begin, row, NULL, NULL };
