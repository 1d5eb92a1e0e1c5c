/*
 * fuzz.h: what the fuzz targets share (docs/fuzzing.md).
 *
 * Each target is one LLVMFuzzerTestOneInput over libtrygg.  It is linked
 * twice: with libFuzzer (meson -Dfuzz=true, clang) to fuzz, and with
 * replay.c, a small main that feeds it files, so every build replays the
 * checked-in corpus in tests/fuzz/<target>/.  A target returns 0 for any
 * input the library handles as promised and abort()s, after saying why on
 * stderr, when the library breaks a promise of its interface (lib/trygg.h).
 */
#ifndef TRYGG_FUZZ_H
#define TRYGG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "trygg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed workspace configuration (strategic areas 1-10, organisations,
 * synonyms), parsed once and kept for the life of the process. */
const struct tg_config *fuzz_config(void);

/* Print why (and the messages in d, which may be NULL), then abort(). */
void fuzz_fail(const struct tg_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Does any message in d contain needle? */
bool fuzz_said(const struct tg_diags *d, const char *needle);

/* Check the contract of a loader or parser: TG_OK with an object and no
 * error, or TG_EDATA with no object and at least one error, every message
 * located inside src (src/len may be NULL/0 to skip that check). */
void fuzz_check_result(const char *what, enum tg_status st, const void *obj,
		       const struct tg_diags *d, const char *src, size_t len);

/* Lines in src as YAML and lib/diag.c count them: LF, CRLF and CR each
 * end one. */
size_t fuzz_lines(const char *src, size_t len);

/* Print text to stderr under a heading (for the report of a failure). */
void fuzz_show(const char *heading, const char *text, size_t len);

#endif
