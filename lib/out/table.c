/*
 * table: the data of a listing or a report's table, and the dispatch to
 * the renderer of its format (lib/out/FORMAT.c).
 */
#include "out-int.h"

#include <stdlib.h>
#include <string.h>

const char *const tg_format_names[] = { "text", "md", "html", "csv", "json", NULL };

static const struct tgi_renderer *const renderers[] = {
	[TG_FMT_TEXT] = &tgi_render_text, [TG_FMT_MD] = &tgi_render_md,
	[TG_FMT_HTML] = &tgi_render_html, [TG_FMT_CSV] = &tgi_render_csv,
	[TG_FMT_JSON] = &tgi_render_json,
};

struct tg_table *tg_table_new(enum tg_format fmt, const char *kind, struct buf *out)
{
	struct tg_table *t = xcalloc(1, sizeof *t);
	t->fmt = fmt;
	t->r = renderers[fmt];
	t->kind = xstrdup(kind ? kind : "");
	t->out = out;
	t->kept = (struct buf)BUF_INIT;
	t->scratch = (struct buf)BUF_INIT;
	return t;
}

struct tg_table *tg_table_new_part(enum tg_format fmt, struct buf *out)
{
	struct tg_table *t = tg_table_new(fmt, NULL, out);
	t->part = t->begun = t->rows = true;
	return t;
}

void tg_table_sink(struct tg_table *t, tg_sink_fn *sink, void *arg)
{
	t->sink = sink;
	t->sink_arg = arg;
}

void tg_table_color(struct tg_table *t, bool on)
{
	t->color = on;
}

void tg_table_width(struct tg_table *t, size_t width)
{
	t->width = width;
}

void tg_table_col(struct tg_table *t, const char *name, enum tg_cell_type type)
{
	t->names = xrealloc(t->names, (t->ncols + 1) * sizeof *t->names);
	t->types = xrealloc(t->types, (t->ncols + 1) * sizeof *t->types);
	t->lens = xrealloc(t->lens, (t->ncols + 1) * sizeof *t->lens);
	t->names[t->ncols] = xstrdup(name);
	t->types[t->ncols++] = type;
}

void tg_table_cols(struct tg_table *t, const char *spec)
{
	char *copy = xstrdup(spec), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(w, ':');
		enum tg_cell_type type = TG_CELL_TEXT;
		if (colon) {
			*colon = '\0';
			switch (colon[1]) {
			case 'n': type = TG_CELL_NUMBER; break;
			case 'd': type = TG_CELL_DATE; break;
			case 's': type = TG_CELL_STATUS; break;
			case 'f': type = TG_CELL_BOOL; break;
			case 'l': type = TG_CELL_LIST; break;
			case 'N': type = TG_CELL_NUMBERS; break;
			}
		}
		tg_table_col(t, w, type);
	}
	free(copy);
}

size_t tg_table_ncols(const struct tg_table *t)
{
	return t->ncols;
}

void tg_table_free(struct tg_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->types);
	free(t->lens);
	free(t->cells);
	free(t->kind);
	buf_release(&t->kept);
	buf_release(&t->scratch);
	free(t);
}

void tgi_table_drain(struct tg_table *t, size_t min)
{
	if (t->sink && t->out->len && t->out->len >= min) {
		int st = t->sink(t->sink_arg, t->out);
		if (st && !t->sink_status)
			t->sink_status = st;
	}
}

const char *tgi_kept_text(const struct tg_table *t, const struct tgi_kept *c)
{
	return c->off == NO_CELL ? NULL : t->kept.s + c->off;
}

struct tgi_kept tgi_keep(struct tg_table *t, const char *s, enum tg_cell_type type)
{
	struct tgi_kept c = { NO_CELL, 0, 0, type, TG_TINT_NONE, false };
	if (!s)
		return c;
	c.off = t->kept.len;
	c.bytes = strlen(s);
	c.chars = tg_utf8_width(s, c.bytes);
	buf_add(&t->kept, s, c.bytes + 1);       /* with its NUL */
	return c;
}

void tgi_join_list(struct buf *b, const struct tg_cell *c, const char *sep,
		   void (*esc)(struct buf *, const char *))
{
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			buf_adds(b, sep);
		if (esc)
			esc(b, c->v[i]);
		else
			buf_adds(b, c->v[i]);
	}
}

static void keep_row(struct tg_table *t, const struct tg_cell *cells)
{
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->cells = xrealloc(t->cells, t->alloc * (t->ncols ? t->ncols : 1) * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++) {
		const struct tg_cell *c = &cells[i];
		struct tgi_kept *k = &t->cells[t->nrows * t->ncols + i];
		if (!c->s) {
			*k = tgi_keep(t, NULL, c->type);
		} else {
			buf_reset(&t->scratch);
			t->r->cell(&t->scratch, c);
			*k = tgi_keep(t, t->scratch.s, c->type);
		}
		k->tint = c->tint;
		k->head = c->head;
	}
	t->nrows++;
}

void tg_table_row(struct tg_table *t, const struct tg_cell *cells)
{
	if (t->r->row) {
		if (!t->begun && t->r->begin)
			t->r->begin(t);
		t->begun = true;
		t->r->row(t, cells);
		t->rows = true;
		tgi_table_drain(t, 65536);
	} else {
		keep_row(t, cells);
	}
}

size_t tg_table_join(struct tg_table *t)
{
	size_t skip = 0;
	if (!t->begun && t->r->begin)
		t->r->begin(t);
	if (t->fmt == TG_FMT_JSON && !t->rows)
		skip = 1;       /* the comma before the part's first row */
	t->begun = t->rows = true;
	tgi_table_drain(t, 0);
	return skip;
}

bool *tgi_numeric_columns(const struct tg_table *t)
{
	bool *num = xcalloc(t->ncols ? t->ncols : 1, sizeof *num);
	for (size_t i = 0; i < t->ncols; i++) {
		bool any = false, all = true;
		for (size_t r = 0; r < t->nrows; r++) {
			const struct tgi_kept *c = &t->cells[r * t->ncols + i];
			if (c->off == NO_CELL)
				continue;
			any = true;
			all = all && c->type == TG_CELL_NUMBER;
		}
		num[i] = any ? all : t->types[i] == TG_CELL_NUMBER;
	}
	return num;
}

int tg_table_finish(struct tg_table *t)
{
	if (!t->part) {
		if (!t->begun && t->r->begin)
			t->r->begin(t);
		t->begun = true;
		if (t->r->end)
			t->r->end(t);
	}
	tgi_table_drain(t, 0);
	return t->sink_status;
}
