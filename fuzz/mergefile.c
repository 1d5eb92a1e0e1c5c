/*
 * fuzz target "mergefile": the merge by model of trygg merge-file
 * (lib/gitmerge*.c, DESIGN.md §10) on three texts: the input is BASE, a
 * NUL byte, OURS, a NUL byte, THEIRS (a part left out repeats the one
 * before it; plan files hold no NUL).  git's line merge, which
 * tg_merge_file tries first, is not run.
 *
 * Promises (lib/trygg.h, tg_merge_texts): TG_OK leaves a text that loads
 * as a plan, with no conflict counted; TG_FINDINGS leaves conflicts
 * counted and a marker line in the text; no other status says "internal
 * error".  When OURS opens: merging with THEIRS the same as BASE, or the
 * same as OURS, gives OURS back byte for byte.
 */
#include "fuzz.h"

#include <string.h>

static enum tg_status merge(const char *b, size_t bl, const char *o, size_t ol, const char *t,
			    size_t tl, struct tg_merge3 *m, struct tg_diags *d)
{
	tg_merge3_init(m);
	enum tg_status st = tg_merge_texts(b, bl, o, ol, t, tl, "fuzz.yaml", 7, m, d);
	for (size_t i = 0; i < d->n; i++)        /* not an input's text quoted */
		if (d->v[i].msg && !strncmp(d->v[i].msg, "internal error", 14))
			fuzz_fail(d, "mergefile: an internal error");
	if (st == TG_OK) {
		struct tg_diags q = TG_DIAGS_INIT;
		struct tg_plan *p = NULL;
		if (m->conflicts)
			fuzz_fail(NULL, "mergefile: TG_OK with %zu conflicts", m->conflicts);
		if (tg_plan_parse("fuzz.yaml", m->text.s, m->text.len, NULL, &p, &q)) {
			fuzz_show("base", b, bl);
			fuzz_show("ours", o, ol);
			fuzz_show("theirs", t, tl);
			fuzz_show("merged", m->text.s, m->text.len);
			fuzz_fail(&q, "mergefile: the merged text does not load");
		}
		tg_plan_free(p);
		tg_diags_release(&q);
	} else if (st == TG_FINDINGS) {
		bool marker = !strncmp(m->text.s, "<<<<<<<", 7) || strstr(m->text.s, "\n<<<<<<<");
		if (!m->conflicts || !marker) {
			fuzz_show("merged", m->text.s, m->text.len);
			fuzz_fail(NULL, "mergefile: TG_FINDINGS with %zu conflicts and %s marker",
				  m->conflicts, marker ? "a" : "no");
		}
	}
	return st;
}

static void same_as_ours(const char *what, const char *b, size_t bl, const char *o, size_t ol,
			 const char *t, size_t tl)
{
	struct tg_merge3 m;
	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st = merge(b, bl, o, ol, t, tl, &m, &d);
	if (st == TG_FINDINGS || (st == TG_OK && (m.text.len != ol || memcmp(m.text.s, o, ol)))) {
		fuzz_show("base", b, bl);
		fuzz_show("ours", o, ol);
		fuzz_show("merged", m.text.s, m.text.len);
		fuzz_fail(&d, "mergefile: THEIRS %s, and OURS changed (status %d)", what, (int)st);
	}
	tg_merge3_release(&m);
	tg_diags_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[3] = { (const char *)data };
	size_t len[3] = { size };
	for (int i = 1; i < 3; i++) {
		const char *nul = memchr(part[i - 1], '\0', len[i - 1]);
		part[i] = nul ? nul + 1 : part[i - 1];
		len[i] = nul ? len[i - 1] - (size_t)(nul + 1 - part[i - 1]) : len[i - 1];
		if (nul)
			len[i - 1] = (size_t)(nul - part[i - 1]);
	}
	struct tg_merge3 m;
	struct tg_diags d = TG_DIAGS_INIT;
	merge(part[0], len[0], part[1], len[1], part[2], len[2], &m, &d);
	tg_merge3_release(&m);
	tg_diags_release(&d);

	struct tg_edit *e = NULL;
	if (!tg_edit_open("fuzz.yaml", part[1], len[1], NULL, &e, &d)) {
		same_as_ours("is BASE", part[0], len[0], part[1], len[1], part[0], len[0]);
		same_as_ours("is OURS", part[0], len[0], part[1], len[1], part[1], len[1]);
	}
	tg_edit_free(e);
	tg_diags_release(&d);
	return 0;
}
