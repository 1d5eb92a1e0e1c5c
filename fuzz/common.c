/* common: the fuzz targets' shared configuration and checks (fuzz.h). */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A workspace like examples/goteborg/trygg.yaml, with synonyms to merge by. */
static const char config_yaml[] =
	"schema: trygg/1\n"
	"city: Göteborg\n"
	"language: sv\n"
	"strategic_areas:\n"
	"  - {id: 1, name: Barns och ungas uppväxt}\n"
	"  - {id: 2, name: Livsvillkor}\n"
	"  - {id: 3, name: Där människor möts}\n"
	"  - {id: 4, name: Lokalt engagemang}\n"
	"  - {id: 5, name: Risker för att utveckla kriminalitet}\n"
	"  - {id: 6, name: \"Alkohol, narkotika, dopning och tobak\"}\n"
	"  - {id: 7, name: Otrygghet och utsatthet för brott}\n"
	"  - {id: 8, name: Organisatoriskt samarbete och Partnerskap}\n"
	"  - {id: 9, name: Gemensamt lärande}\n"
	"  - {id: 10, name: Göteborgs Stad}\n"
	"initiatives: [Medborgarlöften och lokal samverkan]\n"
	"organisations: [Polisen, SDF Angered, SDF Västra Hisingen, Bostadsbolaget]\n"
	"synonyms:\n"
	"  - [Nedskräpning, Skräp, Nedskräpning och skräp]\n"
	"  - [Skadegörelse och klotter, Klotter och skadegörelse]\n"
	"thresholds: {yellow: 0.10, red: 0.25}\n";

const struct tg_config *fuzz_config(void)
{
	static struct tg_config *cfg;
	if (!cfg) {
		struct tg_diags d = TG_DIAGS_INIT;
		if (tg_config_parse("trygg.yaml", config_yaml, sizeof config_yaml - 1, &cfg, &d))
			fuzz_fail(&d, "the fuzzers' own trygg.yaml does not load");
		tg_diags_release(&d);
	}
	return cfg;
}

static void show_diags(const struct tg_diags *d)
{
	static const char *const sev[] = { "error", "warning", "note" };
	for (size_t i = 0; d && i < d->n; i++)
		fprintf(stderr, "  %s:%u:%u: %s: %s\n", d->v[i].path ? d->v[i].path : "-",
			d->v[i].line, d->v[i].col, sev[d->v[i].sev], d->v[i].msg);
}

void fuzz_fail(const struct tg_diags *d, const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz: broken promise: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	show_diags(d);
	abort();
}

bool fuzz_said(const struct tg_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].msg && strstr(d->v[i].msg, needle))
			return true;
	return false;
}

size_t fuzz_lines(const char *src, size_t len)
{
	size_t lines = 1;
	for (size_t i = 0; src && i < len; i++)
		lines += src[i] == '\n' || (src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n'));
	return lines;
}

void fuzz_check_result(const char *what, enum tg_status st, const void *obj,
		       const struct tg_diags *d, const char *src, size_t len)
{
	if (st == TG_OK && !obj)
		fuzz_fail(d, "%s: TG_OK without a result", what);
	if (st == TG_OK && d->errors)
		fuzz_fail(d, "%s: TG_OK with %zu errors", what, d->errors);
	if (st != TG_OK && st != TG_EDATA)
		fuzz_fail(d, "%s: status %d on bytes in memory", what, (int)st);
	if (st != TG_OK && obj)
		fuzz_fail(d, "%s: a result left after an error", what);
	if (st != TG_OK && !d->errors)
		fuzz_fail(d, "%s: refused without an error message", what);
	size_t lines = fuzz_lines(src, len);
	for (size_t i = 0; i < d->n; i++) {
		if (!d->v[i].msg)
			fuzz_fail(d, "%s: a message without text", what);
		/* libyaml puts an error at the end of a text without a final line
		 * break on the line after it (fuzz/findings/README) */
		bool open_end = len && src[len - 1] != '\n' && src[len - 1] != '\r';
		if (src && d->v[i].line > lines + open_end)
			fuzz_fail(d, "%s: a message on line %u of a text of %zu lines",
				  what, d->v[i].line, lines);
		if (d->v[i].line && !d->v[i].col)
			fuzz_fail(d, "%s: a message on line %u without a column", what, d->v[i].line);
	}
}

void fuzz_show(const char *heading, const char *text, size_t len)
{
	fprintf(stderr, "---- %s (%zu bytes) ----\n", heading, len);
	fwrite(text, 1, len, stderr);
	if (len && text[len - 1] != '\n')
		fputc('\n', stderr);
	fputs("---- end ----\n", stderr);
}
