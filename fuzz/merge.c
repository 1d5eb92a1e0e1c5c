/*
 * fuzz target "merge": the situation merge (lib/merge.c) on any plan the
 * loader accepts, without a workspace configuration and with one that
 * lists synonyms.
 *
 * Promises (DESIGN.md §4, §7): tg_edit_merge succeeds on a valid plan; the
 * text it leaves loads, and its joint items hold, in the keys merge owns
 * (id, title, areas, sources, share), exactly the picture tg_merge gave;
 * merging again changes no byte.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

/* The keys merge owns of each joint item of p, in the file's order. */
static struct tg_val *owned(const struct tg_plan *p)
{
	static const char *const keys[] = { "id", "title", "areas", "sources", "share" };
	struct tg_val *l = tg_val_list();
	for (size_t j = 0; j < p->n_joint; j++) {
		struct tg_val *m = tg_val_map();
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			const struct tg_node *v = tg_map_get(p->joint[j].node, keys[k]);
			if (v)
				tg_val_put(m, keys[k], tg_val_from_node(v));
		}
		tg_val_push(l, m);
	}
	return l;
}

static void merge_twice(const char *src, size_t len, const struct tg_config *cfg)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	if (tg_edit_open("fuzz.yaml", src, len, cfg, &e, &d)) {
		tg_diags_release(&d);
		return;
	}
	struct tg_val *once = tg_merge(tg_edit_plan(e), cfg, &d);
	if (!once || once->kind != TG_V_LIST)
		fuzz_fail(&d, "tg_merge: no list");
	for (size_t j = 0; j < once->n; j++)
		if (!tg_val_get(once->kids[j], "id"))
			fuzz_fail(NULL, "tg_merge: a joint item without id");
	enum tg_status st = tg_edit_merge(e, cfg, &d);
	if (st) {
		fuzz_show("plan", src, len);
		fuzz_fail(&d, "merge: merging a valid plan failed (%d)", (int)st);
	}
	size_t tlen;
	const char *text = tg_edit_text(e, &tlen);
	struct tg_diags d2 = TG_DIAGS_INIT;
	struct tg_plan *p;
	if (tg_plan_parse("fuzz.yaml", text, tlen, cfg, &p, &d2)) {
		fuzz_show("merged", text, tlen);
		fuzz_fail(&d2, "merge: the merged plan does not load");
	}
	struct tg_val *stored = owned(p);
	if (!tg_val_equal(stored, once)) {
		fuzz_show("plan", src, len);
		fuzz_show("merged", text, tlen);
		fuzz_fail(&d2, "merge: the file does not hold the joint picture merge gave");
	}
	struct tg_edit *e2;
	if (tg_edit_open("fuzz.yaml", text, tlen, cfg, &e2, &d2))
		fuzz_fail(&d2, "merge: the merged text does not open for editing");
	if (tg_edit_merge(e2, cfg, &d2))
		fuzz_fail(&d2, "merge: merging the merged plan again failed");
	size_t l2;
	const char *t2 = tg_edit_text(e2, &l2);
	if (l2 != tlen || memcmp(t2, text, tlen)) {
		fuzz_show("plan", src, len);
		fuzz_show("merged once", text, tlen);
		fuzz_show("merged twice", t2, l2);
		fuzz_fail(&d2, "merge: merging twice changes the file");
	}
	tg_edit_free(e2);
	tg_val_free(stored);
	tg_val_free(once);
	tg_plan_free(p);
	tg_edit_free(e);
	tg_diags_release(&d2);
	tg_diags_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	merge_twice((const char *)data, size, NULL);
	merge_twice((const char *)data, size, fuzz_config());
	return 0;
}
