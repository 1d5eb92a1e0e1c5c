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
#define MAX_ROWS 1000000

struct reader {
	struct tg_csv *csv;
	const char *path;
	struct tg_diags *d;
	size_t line;              /* the line being fed (1-based) */
	size_t row_line;          /* where the current record began; 0 = none yet */
	size_t last_end;          /* the line the last complete record ended on */
	char **fields;
	size_t nfields, alloc;
	bool failed;
};

static void on_field(void *data, size_t len, void *r_)
{
	struct reader *r = r_;
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
	r->fields[r->nfields++] = tg_nfc_take(f);
}

static void on_row(int c, void *r_)
{
	(void)c;
	struct reader *r = r_;
	struct tg_csv *csv = r->csv;
	if (r->failed) {
		for (size_t i = 0; i < r->nfields; i++)
			free(r->fields[i]);
		r->nfields = 0;
		return;
	}
	if (csv->n >= MAX_ROWS) {
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, (unsigned)r->line, 1, NULL, 0, 0,
			    "more than %d rows", MAX_ROWS);
		r->failed = true;
		return;
	}
	if (csv->n == csv->alloc) {
		csv->alloc = csv->alloc ? 2 * csv->alloc : 64;
		csv->rows = xrealloc(csv->rows, csv->alloc * sizeof *csv->rows);
	}
	struct tg_csv_row *row = &csv->rows[csv->n++];
	row->line = r->row_line ? r->row_line : r->line;
	row->n = r->nfields;
	row->v = xmalloc((r->nfields + 1) * sizeof *row->v);
	memcpy(row->v, r->fields, r->nfields * sizeof *row->v);
	row->v[r->nfields] = NULL;
	r->nfields = 0;
	r->row_line = 0;
	r->last_end = r->line;
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

/* Parse the bytes of b (taken over and released). */
static enum tg_status parse(const char *path, struct buf b, const char *asked,
			    struct tg_csv **out, struct tg_diags *d)
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
	struct tg_csv *csv = xcalloc(1, sizeof *csv);
	csv->sep = detect_separator(b.s + skip, b.len - skip);
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, (unsigned char)csv->sep);
	struct reader r = { .csv = csv, .path = path, .d = d, .line = 1 };
	const char *s = b.s + skip, *end = b.s + b.len;
	while (s < end && !r.failed) {
		/* a line ends at LF, CRLF, or a lone CR (old Mac exports) */
		const char *nl = s;
		while (nl < end && *nl != '\n' && *nl != '\r')
			nl++;
		if (nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n')
			nl++;
		if (nl == end)
			nl = NULL;
		size_t len = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		if (csv_parse(&p, s, len, on_field, on_row, &r) != len) {
			tg_diag_add(d, TG_SEV_ERROR, path, (unsigned)r.line, 1, NULL, 0, 0,
				    "malformed CSV: %s", csv_strerror(csv_error(&p)));
			r.failed = true;
		}
		s += len;
		if (nl)
			r.line++;
	}
	if (!r.failed && csv_fini(&p, on_field, on_row, &r) != 0) {
		/* the open record began after the last complete one */
		tg_diag_add(d, TG_SEV_ERROR, path, (unsigned)(r.row_line ? r.row_line : r.last_end + 1), 1,
			    NULL, 0, 0, "malformed CSV: %s (a quote is not closed)",
			    csv_strerror(csv_error(&p)));
		r.failed = true;
	}
	csv_free(&p);
	for (size_t i = 0; i < r.nfields; i++)
		free(r.fields[i]);
	free(r.fields);
	buf_release(&b);
	/* libcsv never reports ragged rows: a cell past the header is an error
	 * (with ';' as separator, an unquoted "3;7" would silently lose the 7) */
	for (size_t i = 1; !r.failed && i < csv->n; i++)
		if (csv->rows[i].n > csv->rows[0].n) {
			tg_diag_add(d, TG_SEV_ERROR, path, (unsigned)csv->rows[i].line,
				    (unsigned)csv->rows[0].n + 1, NULL, 0, 0,
				    "this row has %zu fields, the header %zu (quote a field that "
				    "holds the separator)", csv->rows[i].n, csv->rows[0].n);
			r.failed = true;
		}
	if (r.failed) {
		tg_csv_free(csv);
		return TG_EDATA;
	}
	*out = csv;
	return TG_OK;
}

enum tg_status tg_csv_parse(const char *path, const char *src, size_t len,
			    const char *encoding, struct tg_csv **out, struct tg_diags *d)
{
	struct buf b = BUF_INIT;
	buf_add(&b, src, len);
	return parse(path, b, encoding, out, d);
}

enum tg_status tg_csv_read(const char *path, const char *encoding, struct tg_csv **out,
			   struct tg_diags *d)
{
	*out = NULL;
	struct buf b = BUF_INIT;
	enum tg_status st = tg_read_file(path, 64u << 20, &b, d);
	if (st) {
		buf_release(&b);
		return st;
	}
	return parse(path, b, encoding, out, d);
}

void tg_csv_free(struct tg_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->n; i++) {
		for (size_t j = 0; j < csv->rows[i].n; j++)
			free(csv->rows[i].v[j]);
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
