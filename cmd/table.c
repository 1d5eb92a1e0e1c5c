/*
 * table: rows and columns out in four formats (see cmd.h).
 *
 * Text and Markdown are kept until table_finish (text needs every width);
 * JSON and CSV stream each row as it comes, so a long listing never sits
 * in memory.
 */
#include "cmd.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char *const table_format_names[] = { "text", "json", "csv", "md", NULL };

struct table {
	FILE *out;
	enum table_format fmt;
	int version;
	char **names;
	enum table_type *types;
	size_t ncols;
	/* kept rows (text, md): ncols cells each, NULL for no value */
	char **cells;
	enum table_type *ctypes;
	size_t nrows, alloc;
	bool started;          /* header (CSV) or '[' (JSON) written */
	struct buf line;       /* CSV: the row being made */
};

struct table *table_new(FILE *out, enum table_format fmt, int version)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->out = out;
	t->fmt = fmt;
	t->version = version;
	t->line = (struct buf)BUF_INIT;
	return t;
}

void table_column(struct table *t, const char *name, enum table_type type)
{
	t->names = xrealloc(t->names, (t->ncols + 1) * sizeof *t->names);
	t->types = xrealloc(t->types, (t->ncols + 1) * sizeof *t->types);
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
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->names);
	free(t->types);
	free(t->cells);
	buf_release(&t->line);
	free(t->ctypes);
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
		else if (ty == TABLE_NUM && json_number(cells[i]))
			fputs(cells[i], t->out);
		else
			json_str(t->out, cells[i]);
	}
	fputc('}', t->out);
}

/* ---- CSV ---- */

/* Add s to the row, quoted by libcsv (always quoted, quotes doubled).
 * csv_write fills a buffer: a row goes out in one fwrite, not a
 * character at a time as csv_fwrite writes.  A field without a quote is
 * the field in quotes, copied whole (csv_write goes a byte at a time). */
static void csv_add(struct buf *b, const char *s, size_t len)
{
	size_t most = 2 * len + 2;
	buf_grow(b, most + 1);
	if (memchr(s, '"', len)) {
		b->len += csv_write(b->s + b->len, most, s, len);
	} else {
		b->s[b->len++] = '"';
		memcpy(b->s + b->len, s, len);
		b->len += len;
		b->s[b->len++] = '"';
	}
	b->s[b->len] = '\0';
}

static void csv_field(struct buf *b, const char *s, enum table_type ty)
{
	if (!s || ty == TABLE_NULL)
		return;
	/* a spreadsheet would run =cmd(); a text cell that starts like a
	 * formula gets a leading ' (never a number's cell) */
	if (ty == TABLE_STR && s[0] && strchr("=+-@\t\r", s[0])) {
		char *q = xasprintf("'%s", s);
		csv_add(b, q, strlen(q));
		free(q);
		return;
	}
	csv_add(b, s, strlen(s));
}

static void csv_line(struct table *t, const char *const *cells, const enum table_type *types)
{
	buf_reset(&t->line);
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			buf_addc(&t->line, ',');
		csv_field(&t->line, cells[i], types ? types[i] : TABLE_STR);
	}
	buf_addc(&t->line, '\n');
	fwrite(t->line.s, 1, t->line.len, t->out);
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

static void keep_row(struct table *t, const char *const *cells, const enum table_type *types)
{
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->cells = xrealloc(t->cells, t->alloc * t->ncols * sizeof *t->cells);
		t->ctypes = xrealloc(t->ctypes, t->alloc * t->ncols * sizeof *t->ctypes);
	}
	for (size_t i = 0; i < t->ncols; i++) {
		size_t k = t->nrows * t->ncols + i;
		t->cells[k] = cells[i] ? xstrdup(cells[i]) : NULL;
		t->ctypes[k] = types ? types[i] : t->types[i];
	}
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

/* A text cell on one line: control characters become spaces. */
static char *one_line(const char *s)
{
	char *c = xstrdup(s ? s : "");
	for (char *p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	return c;
}

static size_t chars(const char *s)
{
	return tg_utf8_len(s, strlen(s));
}

/* Cut s, of *len characters, to w characters, the last one '…'. */
static void cut(char **s, size_t *len, size_t w)
{
	if (*len <= w)
		return;
	const char *p = *s, *end = p + strlen(p);
	for (size_t i = 0; i + 1 < w && p < end; i++)
		tg_utf8_next(&p, end);
	char *c = xasprintf("%.*s%s", (int)(p - *s), *s, w ? "…" : "");
	free(*s);
	*s = c;
	*len = chars(c);
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

static void pad(FILE *f, size_t n)
{
	static const char spaces[] = "                                ";
	for (size_t k; n; n -= k) {
		k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		fwrite(spaces, 1, k, f);
	}
}

/* Columns whose values are all numbers align right (a column with no
 * values at all goes by its declared type). */
static bool *numeric_columns(const struct table *t)
{
	bool *num = xcalloc(t->ncols ? t->ncols : 1, sizeof *num);
	for (size_t i = 0; i < t->ncols; i++) {
		bool any = false, all = true;
		for (size_t r = 0; r < t->nrows; r++) {
			size_t k = r * t->ncols + i;
			if (!t->cells[k] || t->ctypes[k] == TABLE_NULL)
				continue;
			any = true;
			all = all && t->ctypes[k] == TABLE_NUM;
		}
		num[i] = any ? all : t->types[i] == TABLE_NUM;
	}
	return num;
}

static void print_text(struct table *t)
{
	if (!t->nrows)
		return;
	size_t n = t->ncols, total = (t->nrows + 1) * n;
	char **c = xmalloc(total * sizeof *c);
	size_t *len = xmalloc(total * sizeof *len);    /* in characters */
	size_t *w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++)
		c[i] = one_line(t->names[i]);
	for (size_t k = 0; k < t->nrows * n; k++)
		c[n + k] = one_line(t->cells[k]);
	for (size_t k = 0; k < total; k++) {
		len[k] = chars(c[k]);
		if (len[k] > w[k % n])
			w[k % n] = len[k];
	}
	bool *num = numeric_columns(t);
	if (isatty(fileno(t->out))) {
		/* narrow the widest text column until the table fits, none
		 * below 10 characters (dates stay whole; a very narrow
		 * terminal gets long lines) */
		size_t limit = terminal_width(t->out), sum = 2 * (n - 1);
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
		for (size_t k = 0; k < total; k++)
			cut(&c[k], &len[k], w[k % n]);
	}
	for (size_t k = 0; k < total; k++) {
		size_t i = k % n;
		bool right = num[i];
		bool last = i == n - 1;
		if (right)
			pad(t->out, w[i] - len[k]);
		fputs(c[k], t->out);
		if (!right && !last)
			pad(t->out, w[i] - len[k]);
		fputs(last ? "\n" : "  ", t->out);
		free(c[k]);
	}
	free(c);
	free(len);
	free(w);
	free(num);
}

static void md_cell(FILE *f, const char *s)
{
	fputc(' ', f);
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputs("<br>", f);
		else if (*s == '\r')
			;
		else
			fputc(*s, f);
	}
	fputs(" |", f);
}

static void print_md(struct table *t)
{
	fputc('|', t->out);
	for (size_t i = 0; i < t->ncols; i++)
		md_cell(t->out, t->names[i]);
	fputs("\n|", t->out);
	bool *num = numeric_columns(t);
	for (size_t i = 0; i < t->ncols; i++)
		fputs(num[i] ? "---:|" : "---|", t->out);
	free(num);
	fputc('\n', t->out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputc('|', t->out);
		for (size_t i = 0; i < t->ncols; i++)
			md_cell(t->out, t->cells[r * t->ncols + i]);
		fputc('\n', t->out);
	}
}

int table_finish(struct table *t)
{
	switch (t->fmt) {
	case TABLE_TEXT:
		print_text(t);
		break;
	case TABLE_MD:
		print_md(t);
		break;
	case TABLE_JSON:
		fputs(t->started ? "\n]\n" : "[]\n", t->out);
		break;
	case TABLE_CSV:
		if (!t->started)
			csv_header(t);
		break;
	}
	return fflush(t->out) != 0 || ferror(t->out) ? TG_EIO : 0;
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
