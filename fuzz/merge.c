/*
 * fuzz target "merge": the situation merge (lib/merge.c) on any plan the
 * loader accepts, without a workspace configuration and with one that
 * lists synonyms.
 *
 * Promise (DESIGN.md §4): merging twice changes nothing.  The joint picture
 * tg_merge returns is written the way `trygg situation merge` writes it
 * (unlink problems from joint items that are gone, then tg_edit_set of
 * situation.joint); that edit must succeed on a valid plan, the text must
 * load, hold the joint picture, and merge again to the same picture.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

static struct tg_val *copy(const struct tg_val *v)
{
	if (v->kind == TG_V_TEXT)
		return tg_val_text(v->str);
	if (v->kind == TG_V_RAW)
		return tg_val_raw(v->str);
	struct tg_val *c = v->kind == TG_V_LIST ? tg_val_list() : tg_val_map();
	for (size_t i = 0; i < v->n; i++)
		tg_val_push(c, copy(v->kids[i]));
	return c;
}

static bool names(const struct tg_val *joint, const char *id)
{
	for (size_t j = 0; j < joint->n; j++) {
		const struct tg_val *v = tg_val_get(joint->kids[j], "id");
		if (!v)
			fuzz_fail(NULL, "tg_merge: a joint item without id");
		if (!strcmp(v->str, id))
			return true;
	}
	return false;
}

/* Write joint into the edit as cmd/situation.c does. */
static enum tg_status write_joint(struct tg_edit *e, const struct tg_val *joint,
				  struct tg_diags *d)
{
	const struct tg_plan *p;
	for (bool again = true; again;) {
		again = false;
		p = tg_edit_plan(e);
		for (size_t i = 0; !again && i < p->n_problems; i++) {
			const char *sit = p->problems[i].situation;
			if (sit && !names(joint, sit)) {
				enum tg_status st = tg_edit_unset(e, p->problems[i].node, "situation", d);
				if (st)
					return st;
				again = true;
			}
		}
	}
	p = tg_edit_plan(e);
	struct tg_val *now = tg_val_from_node(p->joint_node);
	bool same = now ? tg_val_equal(now, joint) : joint->n == 0;
	tg_val_free(now);
	if (same)
		return TG_OK;
	if (!p->situation || p->situation->kind != TG_MAP)
		return tg_edit_set(e, p->doc->root, "situation",
				   tg_val_put(tg_val_map(), "joint", copy(joint)), d);
	return tg_edit_set(e, p->situation, "joint", copy(joint), d);
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
	enum tg_status st = write_joint(e, once, &d);
	size_t tlen;
	const char *text = tg_edit_text(e, &tlen);
	if (st) {
		fuzz_show("plan", src, len);
		fuzz_fail(&d, "merge: writing the joint picture of a valid plan failed (%d)", (int)st);
	}
	struct tg_diags d2 = TG_DIAGS_INIT;
	struct tg_plan *p;
	if (tg_plan_parse("fuzz.yaml", text, tlen, cfg, &p, &d2)) {
		fuzz_show("merged", text, tlen);
		fuzz_fail(&d2, "merge: the merged plan does not load");
	}
	struct tg_val *stored = tg_val_from_node(p->joint_node);
	if (stored ? !tg_val_equal(stored, once) : once->n != 0) {
		fuzz_show("merged", text, tlen);
		fuzz_fail(&d2, "merge: the file does not hold the joint picture written");
	}
	struct tg_val *twice = tg_merge(p, cfg, &d2);
	if (!tg_val_equal(once, twice)) {
		fuzz_show("plan", src, len);
		fuzz_show("merged once", text, tlen);
		struct tg_edit *e2;
		if (!tg_edit_open("fuzz.yaml", text, tlen, cfg, &e2, &d2)) {
			if (!write_joint(e2, twice, &d2)) {
				size_t l2;
				const char *t2 = tg_edit_text(e2, &l2);
				fuzz_show("merged twice", t2, l2);
			}
			tg_edit_free(e2);
		}
		fuzz_fail(&d2, "merge: merging twice differs from merging once");
	}
	tg_val_free(stored);
	tg_val_free(twice);
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
