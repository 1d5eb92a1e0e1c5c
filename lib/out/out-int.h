/* out-int.h: what the table (lib/out/table.c) and its renderers share. */
#ifndef TRYGG_OUT_INT_H
#define TRYGG_OUT_INT_H

#include "../priv.h"

/* A kept cell (text, md): its final text at kept.s + off, NUL-terminated
 * (NO_CELL: no value), of bytes bytes and chars characters. */
struct tgi_kept {
	size_t off, bytes, chars;     /* chars: the columns a terminal gives it */
	enum tg_cell_type type;
	enum tg_tint tint;
	bool head;
};
#define NO_CELL ((size_t)-1)

struct tg_table;

/* A renderer: a streaming one writes each row as it comes (row); a keeping
 * one turns each cell into its final text (cell) and lays the kept rows
 * out at the end (end). */
struct tgi_renderer {
	void (*begin)(struct tg_table *t);           /* before the first row */
	void (*row)(struct tg_table *t, const struct tg_cell *cells);
	void (*cell)(struct buf *b, const struct tg_cell *c);
	void (*end)(struct tg_table *t);
};

struct tg_table {
	enum tg_format fmt;
	const struct tgi_renderer *r;
	char *kind;
	struct buf *out;
	tg_sink_fn *sink;
	void *sink_arg;
	int sink_status;
	size_t width;
	bool color;
	char **names;
	enum tg_cell_type *types;
	size_t ncols;
	/* kept rows: ncols cells each, their text in kept */
	struct tgi_kept *cells;
	struct buf kept;
	size_t nrows, alloc;
	bool begun;            /* begin written */
	bool rows;             /* a row written (JSON: the next needs ",\n") */
	bool part;             /* rows only (tg_table_new_part) */
	struct buf scratch;
	size_t *lens;
};

extern const struct tgi_renderer tgi_render_text, tgi_render_md, tgi_render_html,
	tgi_render_csv, tgi_render_json;

/* The text of a kept cell, or NULL for no value. */
const char *tgi_kept_text(const struct tg_table *t, const struct tgi_kept *c);
/* Keep s (as it is: a renderer's cell made it) as a cell of type. */
struct tgi_kept tgi_keep(struct tg_table *t, const char *s, enum tg_cell_type type);
/* Columns whose values are all numbers (a column with no values at all
 * goes by its declared type): calloc'd, ncols. */
bool *tgi_numeric_columns(const struct tg_table *t);
/* Hand t->out to the sink once it holds at least min bytes. */
void tgi_table_drain(struct tg_table *t, size_t min);
/* A list's items joined with sep, each through esc (or as they are). */
void tgi_join_list(struct buf *b, const struct tg_cell *c, const char *sep,
		   void (*esc)(struct buf *, const char *));

#endif
