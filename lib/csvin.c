/*
 * csvin: read the CSV files people have.  UTF-8 with or without a BOM,
 * UTF-16 with a BOM, or another encoding named by the caller (iconv; a
 * UTF-8 file is not taken for a single-byte one unless the name ends in
 * '!'); `,`, `;` or tab, detected
 * from the header line; quoted fields with separators, quotes and newlines;
 * CRLF.  A NUL byte in a cell is an error.  libcsv does the quoting
 * (strict mode); we count lines ourselves, since libcsv reports positions
 * only as byte counts.
 */
#include "priv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 1000
#define MAX_ROWS 1000000      /* after the header */
#define MAX_BYTES (64u << 20)

struct tg_csv_stream {
	const char *path;
	struct tg_diags *d;
	struct buf b;             /* the text, in UTF-8 */
	const char *s, *end;      /* what is not yet fed to the parser */
	struct csv_parser p;
	char sep;
	size_t line;              /* the line being fed (1-based) */
	size_t row_line;          /* where the current record began; 0 = none yet */
	size_t last_end;          /* the line the last complete record ended on */
	char **fields;            /* the record being read */
	size_t nfields, alloc;
	struct tg_csv_row row;    /* the last record returned (its fields owned) */
	size_t header_n;          /* fields in the header */
	size_t rows;              /* records returned */
	bool ready;               /* row holds a record not yet returned */
	bool done, failed;
};

static void free_fields(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

/* Is valid UTF-8 s all below U+0300, the first combining mark?  Such text
 * is in NFC already (nothing composes with or reorders around it): the
 * Swedish letters cost a scan, not a normalisation. */
static bool below_combining(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0xCC)
		p++;
	return !*p;
}

static void on_field(void *data, size_t len, void *r_)
{
	struct tg_csv_stream *r = r_;
	if (r->failed)
		return;
	if (!r->row_line) {
		size_t nl = 0;
		for (size_t i = 0; i < len; i++)
			nl += ((const char *)data)[i] == '\n';
		r->row_line = r->line - nl;
	}
	if (data && memchr(data, '\0', len)) {
		/* a C string would end there: refuse rather than cut the text */
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)r->row_line,
			    (unsigned)r->nfields + 1, NULL, 0, 0,
			    "a NUL byte in this cell; text cannot hold one");
		r->failed = true;
		return;
	}
	if (r->nfields >= MAX_FIELDS) {
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)r->row_line, MAX_FIELDS + 1,
			    NULL, 0, 0, "more than %d columns in one row", MAX_FIELDS);
		r->failed = true;
		return;
	}
	if (r->nfields == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->fields = xrealloc(r->fields, r->alloc * sizeof *r->fields);
	}
	/* a CRLF inside a quoted field is a line break like any other */
	char *f = xstrndup(data ? data : "", data ? len : 0), *o = f;
	for (const char *q = f; *q; q++)
		if (!(q[0] == '\r' && q[1] == '\n'))
			*o++ = *q;
	*o = '\0';
	/* every typed value in NFC (DESIGN.md §9): a cell from a Mac too */
	r->fields[r->nfields++] = below_combining(f) ? f : tg_nfc_take(f);
}

/* A record is complete: it becomes r->row, checked against the limits and
 * the header's width (libcsv never reports ragged rows: with ';' as
 * separator, an unquoted "3;7" would silently lose the 7). */
static void on_row(int c, void *r_)
{
	(void)c;
	struct tg_csv_stream *r = r_;
	size_t line = r->row_line ? r->row_line : r->line, n = r->nfields;
	r->nfields = 0;
	r->row_line = 0;
	r->last_end = r->line;
	if (!r->failed && r->rows > MAX_ROWS) {
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)r->line, 1, NULL, 0, 0,
			    "more than %d rows", MAX_ROWS);
		r->failed = true;
	}
	if (!r->failed && r->rows && n > r->header_n) {
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)line, (unsigned)r->header_n + 1,
			    NULL, 0, 0, "this row has %zu fields, the header %zu (quote a field "
			    "that holds the separator)", n, r->header_n);
		r->failed = true;
	}
	if (r->failed) {
		free_fields(r->fields, n);
		return;
	}
	if (!r->rows)
		r->header_n = n;
	free_fields(r->row.v, r->row.n);
	free(r->row.v);
	r->row.v = xmalloc((n + 1) * sizeof *r->row.v);
	memcpy(r->row.v, r->fields, n * sizeof *r->row.v);
	r->row.v[n] = NULL;
	r->row.n = n;
	r->row.line = line;
	r->rows++;
	r->ready = true;
}

static char detect_separator(const char *s, size_t len)
{
	size_t counts[3] = { 0, 0, 0 };
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			counts[0] += s[i] == ',', counts[1] += s[i] == ';', counts[2] += s[i] == '\t';
	}
	if (counts[1] > counts[0] && counts[1] >= counts[2])
		return ';';
	if (counts[2] > counts[0] && counts[2] > counts[1])
		return '\t';
	return ',';
}

static enum tg_status convert(const char *path, const char *encoding, struct buf *b,
			      struct tg_diags *d)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "unknown encoding '%s' (try windows-1252 or iso-8859-1)", encoding);
		return TG_EUSAGE;
	}
	struct buf out = BUF_INIT;
	buf_grow(&out, b->len * 2 + 16);
	char *in = b->s, *o = out.s;
	size_t inleft = b->len, outleft = out.cap - 1;
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - out.s);
				out.len = used;
				buf_grow(&out, inleft * 4 + 16);
				o = out.s + used;
				outleft = out.cap - 1 - used;
				continue;
			}
			unsigned line, col;
			tg_locate(b->s, b->len, (size_t)(in - b->s), &line, &col);
			tg_diag_add(d, TG_SEV_ERROR, path, line, col, NULL, 0, 0,
				    "not valid %s text", encoding);
			iconv_close(cd);
			buf_release(&out);
			return TG_EDATA;
		}
	}
	out.len = (size_t)(o - out.s);
	out.s[out.len] = '\0';
	iconv_close(cd);
	buf_release(b);
	*b = out;
	return TG_OK;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

/* The first byte of b that is not ASCII, or b->len. */
static size_t first_non_ascii(const struct buf *b)
{
	size_t i = 0;
	while (i < b->len && !(b->s[i] & 0x80))
		i++;
	return i;
}

static enum tg_status encoding_error(const char *path, const struct buf *b, size_t at,
				     struct tg_diags *d, const char *fmt, const char *a,
				     const char *b2)
{
	unsigned line, col;
	tg_locate(b->s, b->len, at, &line, &col);
	tg_diag_add(d, TG_SEV_ERROR, path, line, col, NULL, 0, 0, fmt, a, b2);
	return TG_EDATA;
}

/* The encoding to read b in (*use: NULL for UTF-8, else an iconv name the
 * caller frees), from what the caller asked (NULL, or a name; a trailing
 * '!' forces it) and what the bytes show: a UTF-16 byte order mark is read
 * as UTF-16, and a file that is valid UTF-8 with non-ASCII text is not
 * converted from a single-byte encoding unless forced. */
static enum tg_status choose_encoding(const char *path, const char *asked, const struct buf *b,
				      char **use, struct tg_diags *d)
{
	*use = NULL;
	size_t alen = asked ? strlen(asked) : 0;
	bool force = alen && asked[alen - 1] == '!';
	char *name = alen - force ? xstrndup(asked, alen - force) : NULL;
	const unsigned char *u = (const unsigned char *)b->s;
	bool bom16 = b->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	enum tg_status st = TG_OK;
	if (!name) {
		if (bom16)
			*use = xstrdup("UTF-16");
		else if (b->len >= 4 && u[0] && !u[1] && u[2] && !u[3])
			st = encoding_error(path, b, 0, d, "this looks like UTF-16 text without a byte "
					    "order mark; try --encoding utf-16le%s%s", "", "");
		else if (b->len >= 4 && !u[0] && u[1] && !u[2] && u[3])
			st = encoding_error(path, b, 0, d, "this looks like UTF-16 text without a byte "
					    "order mark; try --encoding utf-16be%s%s", "", "");
	} else if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8")) {
		/* read as UTF-8 */
	} else if (starts_with_ci(name, "utf") || starts_with_ci(name, "ucs")) {
		*use = xstrdup(name);
	} else if (!force && bom16) {
		st = encoding_error(path, b, 0, d, "this file starts with a UTF-16 byte order mark, "
				    "not %s text (leave out --encoding)%s", name, "");
	} else if (!force && first_non_ascii(b) < b->len && tg_utf8_check(b->s, b->len) == b->len) {
		st = encoding_error(path, b, first_non_ascii(b), d, "this file is UTF-8, not %s "
				    "(leave out --encoding, or write --encoding '%s!' to convert it "
				    "anyway)", name, name);
	} else {
		*use = xstrdup(name);
	}
	free(name);
	return st;
}

/* Start reading the bytes of b (taken over). */
static enum tg_status stream_open(const char *path, struct buf b, const char *asked,
				  struct tg_csv_stream **out, struct tg_diags *d)
{
	*out = NULL;
	char *encoding;
	enum tg_status st = choose_encoding(path, asked, &b, &encoding, d);
	if (!st && encoding)
		st = convert(path, encoding, &b, d);
	free(encoding);
	if (st) {
		buf_release(&b);
		return st;
	}
	size_t skip = b.len >= 3 && !memcmp(b.s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t bad = tg_utf8_check(b.s + skip, b.len - skip);
	if (bad < b.len - skip) {
		unsigned line, col;
		tg_locate(b.s, b.len, bad + skip, &line, &col);
		tg_diag_add(d, TG_SEV_ERROR, path, line, col, NULL, 0, 0,
			    "not valid UTF-8; if the file comes from a spreadsheet, try "
			    "--encoding windows-1252");
		buf_release(&b);
		return TG_EDATA;
	}
	struct tg_csv_stream *r = xcalloc(1, sizeof *r);
	r->path = path;
	r->d = d;
	r->b = b;
	r->s = r->b.s + skip;
	r->end = r->b.s + r->b.len;
	r->line = 1;
	r->sep = detect_separator(r->s, (size_t)(r->end - r->s));
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&r->p, (unsigned char)r->sep);
	*out = r;
	return TG_OK;
}

enum tg_status tg_csv_next(struct tg_csv_stream *r, const struct tg_csv_row **row)
{
	*row = NULL;
	while (!r->ready && !r->failed && r->s < r->end) {
		/* a line ends at LF, CRLF, or a lone CR (old Mac exports) */
		const char *s = r->s, *nl = s, *end = r->end;
		while (nl < end && *nl != '\n' && *nl != '\r')
			nl++;
		if (nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n')
			nl++;
		if (nl == end)
			nl = NULL;
		size_t len = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		if (csv_parse(&r->p, s, len, on_field, on_row, r) != len) {
			tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)r->line, 1, NULL, 0, 0,
				    "malformed CSV: %s", csv_strerror(csv_error(&r->p)));
			r->failed = true;
		}
		r->s += len;
		if (nl)
			r->line++;
	}
	if (!r->ready && !r->failed && !r->done) {
		r->done = true;
		if (csv_fini(&r->p, on_field, on_row, r) != 0) {
			/* the open record began after the last complete one */
			tg_diag_add(r->d, TG_SEV_ERROR, r->path,
				    (unsigned)(r->row_line ? r->row_line : r->last_end + 1), 1,
				    NULL, 0, 0, "malformed CSV: %s (a quote is not closed)",
				    csv_strerror(csv_error(&r->p)));
			r->failed = true;
		}
	}
	if (r->failed)
		return TG_EDATA;
	if (r->ready) {
		r->ready = false;
		*row = &r->row;
	}
	return TG_OK;
}

char tg_csv_separator(const struct tg_csv_stream *r)
{
	return r->sep;
}

void tg_csv_close(struct tg_csv_stream *r)
{
	if (!r)
		return;
	csv_free(&r->p);
	free_fields(r->fields, r->nfields);
	free(r->fields);
	free_fields(r->row.v, r->row.n);
	free(r->row.v);
	buf_release(&r->b);
	free(r);
}

enum tg_status tg_csv_open(const char *path, const char *encoding, struct tg_csv_stream **out,
			   struct tg_diags *d)
{
	*out = NULL;
	struct buf b = BUF_INIT;
	enum tg_status st = tg_read_file(path, MAX_BYTES, &b, d);
	if (st) {
		buf_release(&b);
		return st;
	}
	return stream_open(path, b, encoding, out, d);
}

/* Every record of r into a table. */
static enum tg_status read_all(struct tg_csv_stream *r, enum tg_status st, struct tg_csv **out)
{
	*out = NULL;
	if (st)
		return st;
	struct tg_csv *csv = xcalloc(1, sizeof *csv);
	csv->sep = r->sep;
	const struct tg_csv_row *row;
	while (!(st = tg_csv_next(r, &row)) && row) {
		if (csv->n == csv->alloc) {
			csv->alloc = csv->alloc ? 2 * csv->alloc : 64;
			csv->rows = xrealloc(csv->rows, csv->alloc * sizeof *csv->rows);
		}
		csv->rows[csv->n++] = *row;
		r->row.v = NULL;          /* the table owns the fields now */
		r->row.n = 0;
	}
	tg_csv_close(r);
	if (st) {
		tg_csv_free(csv);
		return st;
	}
	*out = csv;
	return TG_OK;
}

enum tg_status tg_csv_parse(const char *path, const char *src, size_t len,
			    const char *encoding, struct tg_csv **out, struct tg_diags *d)
{
	struct buf b = BUF_INIT;
	buf_add(&b, src, len);
	struct tg_csv_stream *r;
	enum tg_status st = stream_open(path, b, encoding, &r, d);
	return read_all(r, st, out);
}

enum tg_status tg_csv_read(const char *path, const char *encoding, struct tg_csv **out,
			   struct tg_diags *d)
{
	struct tg_csv_stream *r;
	enum tg_status st = tg_csv_open(path, encoding, &r, d);
	return read_all(r, st, out);
}

void tg_csv_free(struct tg_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->n; i++) {
		free_fields(csv->rows[i].v, csv->rows[i].n);
		free(csv->rows[i].v);
	}
	free(csv->rows);
	free(csv);
}

/* plan import's columns: the contract's names (a measure's keys, and the
 * problem it belongs to), and the Swedish headings of a spreadsheet made
 * by hand (Problem;Åtgärd;Fas;Ansvar;Klart senast). */
const char *const tg_plan_columns[] = { "problem", "text", "phase", "term", "kind",
	"responsible", "due", "status", "strategic_areas", "id", NULL };
static const char *const plan_columns_sv[] = { "problem", "åtgärd", "fas", "sikt", "typ",
	"ansvar", "klart senast", "status", "strategiska områden", "id", NULL };

int tg_plan_column(const char *heading)
{
	char *h = tg_word_key(heading);
	int found = -1;
	for (int i = 0; found < 0 && tg_plan_columns[i]; i++) {
		char *en = tg_word_key(tg_plan_columns[i]), *sv = tg_word_key(plan_columns_sv[i]);
		if (!strcmp(h, en) || !strcmp(h, sv))
			found = i;
		free(en);
		free(sv);
	}
	free(h);
	return found;
}
