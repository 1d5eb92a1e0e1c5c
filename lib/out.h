/*
 * out.h: build once, render per format (lib/out/).
 *
 * A listing or a report's table is data: columns with names, and rows of
 * typed cells (text, number, date, status, boolean, list).  One renderer
 * per format writes it, each with its one escaping rule for untrusted
 * text (lib/out/FORMAT.c):
 *   text  aligned columns counted in terminal columns, text made safe for a
 *         terminal (tg_term_safe: an ESC as \x1B); a list's items joined
 *         with ", "; nothing at all for no rows
 *   md    a GitHub table escaped by tg_md_escape (an ESC as a space)
 *   csv   a header row, then rows; every value quoted; a text cell that
 *         starts with = + - @ tab or CR gets a leading ' against
 *         spreadsheet formulas; a list's items joined with "; "; no value
 *         is an empty, unquoted field
 *   json  the contract of every JSON output (docs/schema/):
 *         {"format": "trygg", "version": 1, "kind": KIND, "items": [ … ]},
 *         an item an object with the columns as keys in their order; a list
 *         an array, no value null, a number a number, a boolean true or
 *         false, the rest strings (invalid UTF-8 as U+FFFD)
 * CSV and JSON go out row by row (through the sink, when one is set, so
 * that a long listing never sits in memory); text and md when the table
 * is finished.  The library never prints: the output is a struct buf,
 * which the caller's sink writes.
 *
 *	struct buf out = BUF_INIT;
 *	struct tg_table *t = tg_table_new(TG_FMT_JSON, "district-ls", &out);
 *	tg_table_cols(t, "district areas:n");
 *	tg_table_row(t, (struct tg_cell[]){ TG_TEXT("Angered"), TG_NUM("5") });
 *	tg_table_finish(t);
 *	tg_table_free(t);
 */
#ifndef TRYGG_OUT_H
#define TRYGG_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum tg_format { TG_FMT_TEXT, TG_FMT_MD, TG_FMT_HTML, TG_FMT_CSV, TG_FMT_JSON };
extern const char *const tg_format_names[];  /* text md html csv json */

/* The version of the JSON contract written ("version" in every JSON
 * output; --format-version). */
#define TG_FORMAT_VERSION 1

enum tg_cell_type {
	TG_CELL_TEXT,      /* left-aligned; a JSON string; CSV-neutralised */
	TG_CELL_NUMBER,    /* right-aligned; a JSON number (a string when it
			      does not read as one) */
	TG_CELL_DATE,      /* YYYY-MM-DD: a JSON string */
	TG_CELL_STATUS,    /* a contract word (done, police…): a JSON string */
	TG_CELL_BOOL,      /* "true" or "false": JSON true or false */
	TG_CELL_LIST,      /* items v[0..n): a JSON array of strings */
	TG_CELL_NUMBERS,   /* a list of numbers: a JSON array of numbers */
};

/* ANSI colours of text for a terminal (tg_table_color). */
enum tg_tint { TG_TINT_NONE, TG_TINT_GREEN, TG_TINT_YELLOW, TG_TINT_BLUE, TG_TINT_RED,
	       TG_TINT_DIM };
/* The escape sequence that starts tint ("" for none); "\033[0m" ends it. */
const char *tg_tint_code(enum tg_tint tint);

/* A cell: s NULL is no value, JSON null (a list has s "": its n items
 * v[0..n), none an empty list, []).  The rest says how the formats for
 * people show it (csv and json ignore it; zero: plainly). */
struct tg_cell {
	enum tg_cell_type type;
	const char *s;
	const char *const *v;
	size_t n;
	enum tg_tint tint;     /* text, with tg_table_color: in this colour */
	const char *href;      /* html: a link to href (a URL already encoded) */
	const char *dot;       /* html: after a dot <span class="light DOT"> */
	const char *note;      /* html: then <span class="stale">NOTE</span> */
	bool head;             /* html: a <th> (the first cell of a total row) */
};
#define TG_TEXT(x) { .type = TG_CELL_TEXT, .s = (x) }
#define TG_NUM(x) { .type = TG_CELL_NUMBER, .s = (x) }
#define TG_DATE(x) { .type = TG_CELL_DATE, .s = (x) }
#define TG_STATUS(x) { .type = TG_CELL_STATUS, .s = (x) }
#define TG_BOOL(x) { .type = TG_CELL_BOOL, .s = (x) ? "true" : "false" }
#define TG_LIST(items, count) \
	{ .type = TG_CELL_LIST, .s = "", .v = (const char *const *)(items), .n = (count) }
#define TG_NUMBERS(items, count) \
	{ .type = TG_CELL_NUMBERS, .s = "", .v = (const char *const *)(items), .n = (count) }
#define TG_NO_LIST { .type = TG_CELL_LIST }

/* Writes what is in out (and empties it); 0, or an exit status. */
typedef int tg_sink_fn(void *arg, struct buf *out);

struct tg_table;
/* A table of format fmt written into out; kind names it in JSON ("ls-
 * measures", "report-plan": the schema docs/schema/KIND.json). */
struct tg_table *tg_table_new(enum tg_format fmt, const char *kind, struct buf *out);
/* Hand out to sink whenever it holds 64 KiB or more, and at the end. */
void tg_table_sink(struct tg_table *t, tg_sink_fn *sink, void *arg);
/* Text: colour the cells that have a tint (for a terminal). */
void tg_table_color(struct tg_table *t, bool on);
/* Text: cut the widest text columns (none below 10 characters) so that a
 * line fits width characters (0: no limit, the default). */
void tg_table_width(struct tg_table *t, size_t width);
/* Columns from a spec: names separated by spaces, each with an optional
 * type: "district phase:n due:d status:s stale:f responsible:l" (:n a
 * number, :d a date, :s a status, :f a boolean, :l a list, :N a list of
 * numbers; else text). */
void tg_table_cols(struct tg_table *t, const char *spec);
void tg_table_col(struct tg_table *t, const char *name, enum tg_cell_type type);
size_t tg_table_ncols(const struct tg_table *t);
/* One row of ncols cells (copied as needed). */
void tg_table_row(struct tg_table *t, const struct tg_cell *cells);
/* End the output (a table with no rows is a header, [] or nothing);
 * 0, or the sink's status. */
int tg_table_finish(struct tg_table *t);
void tg_table_free(struct tg_table *t);

/* A part of a CSV or JSON table, made apart (on another thread): its rows
 * only, to be appended to the output of a table with the same columns.
 * Before the caller appends a part's bytes (when there are any), it calls
 * tg_table_join on that table, which writes (and sinks) what goes before
 * them, and leaves out the first tg_table_join() bytes of the part. */
struct tg_table *tg_table_new_part(enum tg_format fmt, struct buf *out);
size_t tg_table_join(struct tg_table *t);

struct tg_cursor;
struct tg_diags;
/* Add the rows of the query c (lib/index.h) to t, their cells typed by
 * their values (a number, or text; SQL's NULL no value).  A table with no
 * columns yet first gets c's, typed by its first row: every column, or
 * those named in cols (NULL-terminated), in that order.  0, or the
 * query's error (in d). */
int tg_table_add_cursor(struct tg_table *t, struct tg_cursor *c, const char *const *cols,
			struct tg_diags *d);

/* Append s as a JSON string (the JSON renderer's one escaping rule). */
void tg_json_str(struct buf *b, const char *s);

#endif
