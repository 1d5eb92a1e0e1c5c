/*
 * table: rows and columns out in four formats (see cmd.h).
 *
 * Text and Markdown are kept until table_finish (text needs every width);
 * JSON and CSV stream each row as it comes, so a long listing never sits
 * in memory.
 */
#include "cmd.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char *const table_format_names[] = { "text", "json", "csv", "md", NULL };

/* A kept cell: its text at kept.s + off (NUL-terminated; NO_CELL for no
 * value), of bytes bytes and, in the text format, chars characters. */
struct cell {
	size_t off, bytes, chars;
	enum table_type type;
};
#define NO_CELL ((size_t)-1)

struct table {
	FILE *out;
	enum table_format fmt;
	int version;
	char **names;
	enum table_type *types;
	size_t ncols;
	/* kept rows (text, md): ncols cells each, their bytes in kept */
	struct cell *cells;
	struct buf kept;
	size_t nrows, alloc;
	bool started;          /* header (CSV) or '[' (JSON) written */
	bool part;             /* rows only (table_new_part) */
	struct buf line;       /* CSV: the row being made */
	size_t *lens;          /* CSV: its cells' lengths */
};

struct table *table_new(FILE *out, enum table_format fmt, int version)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->out = out;
	t->fmt = fmt;
	t->version = version;
	t->line = (struct buf)BUF_INIT;
	t->kept = (struct buf)BUF_INIT;
	return t;
}

struct table *table_new_part(FILE *out, enum table_format fmt, int version)
{
	struct table *t = table_new(out, fmt, version);
	t->part = true;
	t->started = true;      /* no header; each JSON row after ",\n" */
	return t;
}

void table_column(struct table *t, const char *name, enum table_type type)
{
	t->names = xrealloc(t->names, (t->ncols + 1) * sizeof *t->names);
	t->types = xrealloc(t->types, (t->ncols + 1) * sizeof *t->types);
	t->lens = xrealloc(t->lens, (t->ncols + 1) * sizeof *t->lens);
	t->names[t->ncols] = xstrdup(name);
	t->types[t->ncols] = type;
	t->ncols++;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->types);
	free(t->lens);
	free(t->cells);
	buf_release(&t->line);
	buf_release(&t->kept);
	free(t);
}

/* ---- JSON ---- */

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

/* A JSON string: quotes, backslashes and control characters escaped,
 * invalid UTF-8 replaced by U+FFFD, U+2028/9 escaped for JavaScript. */
static void json_str(FILE *f, const char *s)
{
	const char *p = s, *end = s + strlen(s);
	fputc('"', f);
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			p++;
			switch (c) {
			case '"': fputs("\\\"", f); break;
			case '\\': fputs("\\\\", f); break;
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			case '\t': fputs("\\t", f); break;
			case '\b': fputs("\\b", f); break;
			case '\f': fputs("\\f", f); break;
			default:
				if (c < 0x20 || c == 0x7F)
					fprintf(f, "\\u%04x", c);
				else
					fputc(c, f);
			}
			continue;
		}
		const char *start = p;
		unsigned u = tg_utf8_next(&p, end);
		if (u == 0x2028 || u == 0x2029)
			fprintf(f, "\\u%04x", u);
		else if (u == 0xFFFD && tg_utf8_check(start, (size_t)(p - start)) != (size_t)(p - start))
			fputs("\xEF\xBF\xBD", f);
		else
			fwrite(start, 1, (size_t)(p - start), f);
	}
	fputc('"', f);
}

static void json_row(struct table *t, const char *const *cells, const enum table_type *types)
{
	fputs(t->started ? ",\n  {" : "[\n  {", t->out);
	t->started = true;
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			fputs(", ", t->out);
		json_str(t->out, t->names[i]);
		fputs(": ", t->out);
		enum table_type ty = types ? types[i] : t->types[i];
		if (!cells[i] || ty == TABLE_NULL)
			fputs("null", t->out);
		else if ((ty == TABLE_NUM && json_number(cells[i])) ||
			 (ty == TABLE_BOOL && (!strcmp(cells[i], "true") || !strcmp(cells[i], "false"))))
			fputs(cells[i], t->out);
		else
			json_str(t->out, cells[i]);
	}
	fputc('}', t->out);
}

/* ---- CSV ---- */

/* Add s (len bytes) to the row in quotes, quotes doubled by libcsv; the
 * row has room for 2 * len + 2 more bytes. */
static void csv_quoted(struct buf *b, const char *s, size_t len)
{
	b->len += csv_write(b->s + b->len, 2 * len + 2, s, len);
}

/* Does a cell that starts with c start like a spreadsheet formula? */
static bool formula_start(char c)
{
	switch (c) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return true;
	default:
		return false;
	}
}

/* A field of a row, s of len bytes, for which the row has room for
 * 2 * len + 4 more bytes: nothing for no value; else always quoted.  A
 * spreadsheet would run =cmd(): a text cell that starts like a formula
 * gets a leading ' (never a number's cell).  libcsv's csv_write goes a
 * byte at a time: a field with no quote in it is copied whole. */
static void csv_field(struct buf *b, const char *s, size_t len, enum table_type ty)
{
	bool guard = ty == TABLE_STR && formula_start(s[0]);
	if (memchr(s, '"', len)) {
		if (!guard) {
			csv_quoted(b, s, len);
			return;
		}
		char *q = xasprintf("'%s", s);
		csv_quoted(b, q, len + 1);
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

/* One row: the room it may need is made once, from the cells' lengths. */
static void csv_line(struct table *t, const char *const *cells, const enum table_type *types)
{
	struct buf *b = &t->line;
	size_t *lens = t->lens, room = 1;
	for (size_t i = 0; i < t->ncols; i++) {
		bool none = !cells[i] || (types && types[i] == TABLE_NULL);
		lens[i] = none ? SIZE_MAX : strlen(cells[i]);
		room += none ? 1 : 2 * lens[i] + 5;
	}
	buf_reset(b);
	buf_grow(b, room);
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			b->s[b->len++] = ',';
		if (lens[i] != SIZE_MAX)
			csv_field(b, cells[i], lens[i], types ? types[i] : TABLE_STR);
	}
	b->s[b->len++] = '\n';
	b->s[b->len] = '\0';
	fwrite(b->s, 1, b->len, t->out);
}

static void csv_header(struct table *t)
{
	csv_line(t, (const char *const *)t->names, NULL);
	t->started = true;
}

static void csv_row(struct table *t, const char *const *cells, const enum table_type *types)
{
	if (!t->started)
		csv_header(t);
	csv_line(t, cells, types ? types : t->types);
}

/* ---- kept rows: text and Markdown ---- */

/* Keep a copy of s as a cell.  In the text format the copy is on one line
 * and safe for a terminal (tg_term_safe: tab and newline become spaces,
 * other controls and bidi overrides are shown escaped) and its width is
 * counted, in the same pass when there is nothing to escape. */
static struct cell keep_cell(struct table *t, const char *s, enum table_type type)
{
	struct cell c = { NO_CELL, 0, 0, type };
	if (!s)
		return c;
	struct buf safe = BUF_INIT;
	if (t->fmt == TABLE_TEXT && !tg_term_plain(s, strlen(s))) {
		tg_term_safe(&safe, s, strlen(s), TG_WS_SPACE);
		s = safe.s;
	}
	c.off = t->kept.len;
	c.bytes = strlen(s);
	buf_grow(&t->kept, c.bytes + 1);
	unsigned char *d = (unsigned char *)t->kept.s + c.off;
	const unsigned char *u = (const unsigned char *)s;
	if (t->fmt == TABLE_TEXT) {
		size_t chars = 0;
		for (size_t i = 0; i < c.bytes; i++) {
			unsigned char ch = u[i];
			d[i] = ch < 0x20 || ch == 0x7F ? ' ' : ch;
			chars += (ch & 0xC0) != 0x80;
		}
		c.chars = chars;
	} else {
		memcpy(d, u, c.bytes);
	}
	d[c.bytes] = '\0';
	t->kept.len += c.bytes + 1;             /* with its NUL */
	buf_release(&safe);
	return c;
}

static const char *cell_text(const struct table *t, const struct cell *c)
{
	return c->off == NO_CELL ? NULL : t->kept.s + c->off;
}

static void keep_row(struct table *t, const char *const *cells, const enum table_type *types)
{
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->cells = xrealloc(t->cells, t->alloc * t->ncols * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = keep_cell(t, cells[i],
							      types ? types[i] : t->types[i]);
	t->nrows++;
}

void table_row(struct table *t, const char *const *cells, const enum table_type *types)
{
	switch (t->fmt) {
	case TABLE_JSON: json_row(t, cells, types); break;
	case TABLE_CSV: csv_row(t, cells, types); break;
	default: keep_row(t, cells, types); break;
	}
}

/* Add s, of len bytes and chars characters, to b cut to w characters
 * (the last one '…'); the characters added. */
static size_t add_cut(struct buf *b, const char *s, size_t len, size_t chars, size_t w)
{
	if (chars <= w) {
		buf_add(b, s, len);
		return chars;
	}
	const char *p = s, *end = s + len;
	size_t i = 0;
	for (; i + 1 < w && p < end; i++)
		tg_utf8_next(&p, end);
	buf_add(b, s, (size_t)(p - s));
	if (w)
		buf_adds(b, "…");
	return i + (w > 0);
}

static size_t terminal_width(FILE *out)
{
	const char *cols = getenv("COLUMNS");
	if (cols && *cols) {
		char *end;
		long v = strtol(cols, &end, 10);
		if (!*end && v > 0 && v < 100000)
			return (size_t)v;
	}
	struct winsize ws;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void pad(struct buf *b, size_t n)
{
	buf_grow(b, n + 1);
	memset(b->s + b->len, ' ', n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Columns whose values are all numbers align right (a column with no
 * values at all goes by its declared type). */
static bool *numeric_columns(const struct table *t)
{
	bool *num = xcalloc(t->ncols ? t->ncols : 1, sizeof *num);
	for (size_t i = 0; i < t->ncols; i++) {
		bool any = false, all = true;
		for (size_t r = 0; r < t->nrows; r++) {
			const struct cell *c = &t->cells[r * t->ncols + i];
			if (c->off == NO_CELL || c->type == TABLE_NULL)
				continue;
			any = true;
			all = all && c->type == TABLE_NUM;
		}
		num[i] = any ? all : t->types[i] == TABLE_NUM;
	}
	return num;
}

static void print_text(struct table *t)
{
	if (!t->nrows)
		return;
	size_t n = t->ncols, total = t->nrows * n;
	/* the header's cells, then the rows' */
	struct cell *head = xcalloc(n, sizeof *head);
	size_t *w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		head[i] = keep_cell(t, t->names[i], TABLE_STR);
		w[i] = head[i].chars;
	}
	for (size_t k = 0; k < total; k++)
		if (t->cells[k].chars > w[k % n])
			w[k % n] = t->cells[k].chars;
	bool *num = numeric_columns(t);
	if (isatty(fileno(t->out))) {
		/* narrow the widest text column until the table fits, none
		 * below 10 characters (dates stay whole; a very narrow
		 * terminal gets long lines) */
		size_t sum = 2 * (n - 1), limit = terminal_width(t->out);
		for (size_t i = 0; i < n; i++)
			sum += w[i];
		while (sum > limit) {
			size_t widest = n;
			for (size_t i = 0; i < n; i++)
				if (!num[i] && w[i] > 10 &&
				    (widest == n || w[i] > w[widest]))
					widest = i;
			if (widest == n)
				break;
			w[widest]--;
			sum--;
		}
	}
	struct buf *b = &t->line;
	for (size_t k = 0; k < total + n; k++) {
		size_t i = k % n;
		const struct cell *c = k < n ? &head[i] : &t->cells[k - n];
		const char *s = cell_text(t, c);
		if (!i)
			buf_reset(b);
		if (num[i])     /* never narrowed: c->chars <= w[i] */
			pad(b, w[i] - c->chars);
		size_t len = add_cut(b, s ? s : "", c->bytes, c->chars, w[i]);
		if (i < n - 1) {
			if (!num[i])
				pad(b, w[i] - len);
			buf_adds(b, "  ");
		} else {
			buf_addc(b, '\n');
			fwrite(b->s, 1, b->len, t->out);
		}
	}
	free(head);
	free(w);
	free(num);
}

/* A cell of a Markdown table, escaped by the rule of the reports. */
static void md_cell(struct table *t, const char *s)
{
	struct buf *b = &t->line;
	buf_reset(b);
	buf_addc(b, ' ');
	if (s)
		tg_md_escape(b, s);
	buf_adds(b, " |");
	fwrite(b->s, 1, b->len, t->out);
}

static void print_md(struct table *t)
{
	fputc('|', t->out);
	for (size_t i = 0; i < t->ncols; i++)
		md_cell(t, t->names[i]);
	fputs("\n|", t->out);
	bool *num = numeric_columns(t);
	for (size_t i = 0; i < t->ncols; i++)
		fputs(num[i] ? "---:|" : "---|", t->out);
	free(num);
	fputc('\n', t->out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputc('|', t->out);
		for (size_t i = 0; i < t->ncols; i++)
			md_cell(t, cell_text(t, &t->cells[r * t->ncols + i]));
		fputc('\n', t->out);
	}
}

int table_finish(struct table *t)
{
	/* a part (table_new_part) is its rows and nothing more */
	if (t->fmt == TABLE_TEXT)
		print_text(t);
	else if (t->fmt == TABLE_MD)
		print_md(t);
	else if (t->fmt == TABLE_JSON && !t->part)
		fputs(t->started ? "\n]\n" : "[]\n", t->out);
	else if (t->fmt == TABLE_CSV && !t->started)
		csv_header(t);
	return fflush(t->out) != 0 || ferror(t->out) ? TG_EIO : 0;
}

int table_join(struct table *t, FILE *part)
{
	char b[65536];
	rewind(part);
	size_t n = fread(b, 1, sizeof b, part);
	const char *p = b;
	if (n && !t->started && t->fmt == TABLE_JSON) {
		fputs("[\n", t->out);
		p += 2;         /* its first ",\n" */
		n -= 2;
	} else if (n && !t->started && t->fmt == TABLE_CSV) {
		csv_header(t);
	}
	t->started = t->started || n;
	while (n) {
		fwrite(p, 1, n, t->out);
		p = b;
		n = fread(b, 1, sizeof b, part);
	}
	return ferror(part) ? TG_EIO : 0;
}

/* ---- the options every read command takes ---- */

void read_opts_init(struct read_opts *r)
{
	r->format = TABLE_TEXT;
	r->format_version = TABLE_FORMAT_VERSION;
	r->no_refresh = false;
}

bool read_option(struct read_opts *r, int o, const char *arg, const char *usage,
		 int *status)
{
	switch (o) {
	case OPT_FORMAT: {
		int f;
		if (!parse_enum(arg, table_format_names, &f))
			*status = bad_value(usage, "--format", arg, table_format_names);
		else
			r->format = (enum table_format)f;
		return true;
	}
	case OPT_FORMAT_VERSION:
		if (strcmp(arg, "1"))
			*status = usage_error(usage, "--format-version %s is not known "
					      "(this trygg writes version 1)", arg);
		r->format_version = 1;
		return true;
	case OPT_NO_REFRESH:
		r->no_refresh = true;
		return true;
	}
	return false;
}
