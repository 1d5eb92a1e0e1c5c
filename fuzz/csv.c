/*
 * fuzz target "csv": the survey and plan-import CSV reader on arbitrary
 * bytes, read as UTF-8 and as Windows-1252, plain and forced (the
 * --encoding path).
 * Promise: rows of NUL-terminated UTF-8 fields, none longer than the
 * header, with the line each starts on; or located errors.
 */
#include "fuzz.h"

#include <string.h>

static void check_rows(const struct tg_csv *csv, size_t lines)
{
	if (csv->sep != ',' && csv->sep != ';' && csv->sep != '\t')
		fuzz_fail(NULL, "separator %d", csv->sep);
	size_t prev = 1;
	for (size_t i = 0; i < csv->n; i++) {
		const struct tg_csv_row *r = &csv->rows[i];
		if (r->v[r->n])
			fuzz_fail(NULL, "row %zu is not NULL-terminated", i);
		if (i && r->n > csv->rows[0].n)
			fuzz_fail(NULL, "row %zu has %zu fields, the header %zu", i, r->n,
				  csv->rows[0].n);
		/* a record ends with a line break: the next starts on a later line */
		if ((i ? r->line <= prev : r->line < 1) || r->line > lines)
			fuzz_fail(NULL, "row %zu starts on line %zu (the one before on %zu, of %zu lines)",
				  i, r->line, prev, lines);
		prev = r->line;
		for (size_t j = 0; j < r->n; j++) {
			size_t len = strlen(r->v[j]);
			if (tg_utf8_check(r->v[j], len) != len)
				fuzz_fail(NULL, "row %zu field %zu is not valid UTF-8", i, j);
		}
	}
}

static void read_as(const char *src, size_t len, const char *encoding)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_csv *csv = (struct tg_csv *)&d;   /* must be reset to NULL */
	enum tg_status st = tg_csv_parse("fuzz.csv", src, len, encoding, &csv, &d);
	fuzz_check_result(encoding ? "tg_csv_parse (--encoding)" : "tg_csv_parse", st, csv,
			  &d, src, len);
	if (csv) {
		check_rows(csv, fuzz_lines(src, len));
	}
	tg_csv_free(csv);
	tg_diags_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_as((const char *)data, size, NULL);
	read_as((const char *)data, size, "windows-1252");
	read_as((const char *)data, size, "windows-1252!");
	return 0;
}
