/*
 * decide: the analysis step (DESIGN.md §7, §8): which problems of the
 * joint picture the district works on, and why.  `trygg situation decide`
 * writes a joint item's decision, rank, rationale and decided {date, by}
 * through the edit operations, so every other key and comment stays.
 */
#include "priv.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct tg_joint *joint_item(const struct tg_plan *p, const char *id)
{
	for (size_t j = 0; j < p->n_joint; j++)
		if (p->joint[j].id && !strcmp(p->joint[j].id, id))
			return &p->joint[j];
	return NULL;
}

/* Set key of the joint item id to v, the item looked up in the edit's
 * plan as it is now (each operation makes a new one). */
static enum tg_status set_key(struct tg_edit *e, const char *id, const char *key,
			      struct tg_val *v, struct tg_diags *d)
{
	const struct tg_joint *jt = joint_item(tg_edit_plan(e), id);
	return tg_edit_set(e, jt->node, key, v, d);
}

enum tg_status tg_edit_decide(struct tg_edit *e, const struct tg_decide *a, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	if (p->version < 2) {
		tg_diag_add(d, TG_SEV_ERROR, p->doc->path, 0, 0, NULL, 0, 0,
			    "the analysis step needs schema trygg/2, and this file says "
			    "'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)", p->version);
		return TG_EUSAGE;
	}
	if (!joint_item(p, a->joint_id)) {
		const char **ids = xcalloc(p->n_joint + 1, sizeof *ids);
		size_t n = 0;
		for (size_t j = 0; j < p->n_joint; j++)
			if (p->joint[j].id)
				ids[n++] = p->joint[j].id;
		const char *s = tg_suggest(a->joint_id, ids);
		struct buf hint = BUF_INIT;
		if (s)
			buf_addf(&hint, "did you mean '%s'?", s);
		else if (!n)
			buf_adds(&hint, "it has none: run 'trygg situation merge' first");
		for (size_t j = 0; !s && j < n; j++)
			buf_addf(&hint, "%s%s", j ? ", " : "its joint items: ", ids[j]);
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s has no joint item '%s' (%s)",
			    p->district ? p->district : p->doc->path, a->joint_id, hint.s);
		buf_release(&hint);
		free(ids);
		return TG_EUSAGE;
	}
	enum tg_status st = set_key(e, a->joint_id, "decision",
				    tg_val_raw(tg_decision_names[a->decision - 1]), d);
	if (!st && a->rank > 0) {
		char num[16];
		snprintf(num, sizeof num, "%d", a->rank);
		st = set_key(e, a->joint_id, "rank", tg_val_raw(num), d);
	}
	if (!st && a->rationale)
		st = set_key(e, a->joint_id, "rationale", tg_val_text(a->rationale), d);
	if (!st && a->date) {
		struct tg_val *m = tg_val_put(tg_val_map(), "date", tg_val_raw(a->date));
		if (a->by)
			tg_val_put(m, "by", tg_val_text(a->by));
		st = set_key(e, a->joint_id, "decided", m, d);
	}
	return st;
}
