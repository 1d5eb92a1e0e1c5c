/* op-plan: the operations of `trygg plan` on an open edit: add a problem
 * or a measure (its ID asked for or the next free one, its references
 * checked), remove an item (a follow-up too).  Setting keys is
 * lib/op-set.c's.  The checks of values come
 * from lib/fields.c, the IDs from lib/ids.c. */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

/* The new item's id: the one asked for, or the next free number.  Both
 * look past the new items a batch holds back (tg_edit_batch): an earlier
 * line of trygg batch may have made one. */
static char *new_id(const struct tg_edit *e, const struct tg_plan *p,
		    const struct tg_problem *pr, const char *asked, struct tg_diags *d)
{
	size_t n;
	const char **waiting = tgi_batch_ids(e, &n);
	char *id = NULL;
	bool taken = false;
	for (size_t i = 0; asked && i < n; i++)
		taken |= !strcmp(waiting[i], asked);
	if (asked && (taken || !tg_id_free(p, asked)))
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "id '%s' is taken in %s", asked, p->district);
	else
		id = asked ? xstrdup(asked) : tg_id_new(p, pr, waiting, n, d);
	free(waiting);
	return id;
}

/* A new problem (pr NULL) or a new measure of pr, with the ID asked for
 * or the next one, appended to its list; its ID on a line of ids. */
static enum tg_status append_new(struct tg_edit *e, const struct tg_plan *p,
				 const struct tg_problem *pr, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d)
{
	char *id = new_id(e, p, pr, a->id, d);
	if (!id)   /* taken, or the numbers used up */
		return a->id ? TG_EUSAGE : TG_EDATA;
	if (pr && p->version >= 2 && !tg_val_get(a->fields, "history")) {
		/* its status said, beside the history that begins with it */
		if (!tg_val_get(a->fields, "status"))
			tg_val_put(a->fields, "status", tg_val_raw(tg_status_names[TG_PROPOSED]));
		tg_val_put(a->fields, "history",
			   tgi_history_new(a->date, tg_val_get(a->fields, "status")->str));
	}
	struct tg_val *item = tg_val_new_item(pr != NULL, id, a->fields);
	a->fields = NULL;
	buf_addf(ids, "%s\n", id);
	free(id);
	return pr ? tg_edit_append(e, pr->node, "measures", item, d)
		  : tg_edit_append(e, p->doc->root, "problems", item, d);
}

static enum tg_status add_problem(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				  struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	const char *sit = tg_val_get(a->fields, "situation") ? tg_val_get(a->fields, "situation")->str : NULL;
	if (sit && !tg_plan_has_joint(p, sit))
		return tg_no_such(d, p, "joint situation item", sit);
	if (a->id && !tg_id_is(a->id, "P")) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "id '%s' is not of the form P<number>", a->id);
		return TG_EUSAGE;
	}
	return append_new(e, p, NULL, a, ids, d);
}

static enum tg_status add_measure(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				  struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan_for(e, a->problem, d);
	if (!p)
		return TG_EDATA;
	struct tg_problem *pr = tg_plan_problem(p, a->problem);
	if (!pr)
		return tg_no_such(d, p, "problem", a->problem);
	if (a->id && !tg_child_id_is(a->id, pr->id, 'M')) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "id '%s' is not of the form %s.M<number>", a->id, pr->id);
		return TG_EUSAGE;
	}
	return append_new(e, p, pr, a, ids, d);
}

enum tg_status tg_op_add_problem(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d)
{
	enum tg_status st = add_problem(e, a, ids, d);
	tg_val_free(a->fields);
	a->fields = NULL;
	return st;
}

enum tg_status tg_op_add_measure(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d)
{
	enum tg_status st = add_measure(e, a, ids, d);
	tg_val_free(a->fields);
	a->fields = NULL;
	return st;
}

/* Index of s in a string list node, or -1. */
static long index_in(const struct tg_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return (long)i;
	return -1;
}

enum tg_status tg_op_rm(struct tg_edit *e, const struct tg_op_rm *a, struct buf *ids,
			struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	if (a->kind == 'F' && tgi_want_followup(a->id, d))
		return TG_EUSAGE;
	struct tg_problem *pr = tg_plan_problem(p, a->id);
	if (pr) {
		if (pr->n_measures && !a->force) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s has %zu measure%s; remove them first, or use --force to remove "
				    "the problem with them", a->id, pr->n_measures,
				    pr->n_measures == 1 ? "" : "s");
			return TG_EUSAGE;
		}
		size_t index = (size_t)(pr - p->problems);
		enum tg_status st = tg_edit_remove(e, p->problems_node, index, d);
		if (!st)
			buf_addf(ids, "%s\n", a->id);
		return st;
	}
	const struct tg_problem *fpr;
	const struct tg_followup *fu = tgi_plan_followup(p, a->id, &fpr);
	if (fu) {
		enum tg_status st = tg_edit_remove(e, fu->node->parent,
						   (size_t)(fu - fpr->followups), d);
		if (!st)
			buf_addf(ids, "%s\n", a->id);
		return st;
	}
	if (!tg_plan_measure(p, a->id, &pr))
		return tg_no_such(d, p, tg_id_is(a->id, "P") ? "problem"
				  : strstr(a->id, ".F") ? "follow-up" : "problem or measure", a->id);
	/* follow-ups that name the measure */
	size_t named = 0;
	for (size_t f = 0; f < pr->n_followups; f++)
		if (index_in(&pr->followups[f].measures, a->id) >= 0) {
			named++;
			if (!a->force)
				tg_diag_node(d, TG_SEV_ERROR, p->doc, pr->followups[f].measures.node,
					     "the follow-up of %s names %s",
					     pr->followups[f].date ? pr->followups[f].date : "?", a->id);
		}
	if (named && !a->force) {
		tg_diag_add(d, TG_SEV_NOTE, NULL, 0, 0, NULL, 0, 0,
			    "use --force to remove %s and its mentions in follow-ups", a->id);
		return TG_EUSAGE;
	}
	const char *pid = pr->id;
	char *problem_id = xstrdup(pid);
	enum tg_status st = TG_OK;
	for (;;) {     /* one mention at a time: each edit makes a new plan */
		p = tg_edit_plan(e);
		pr = tg_plan_problem(p, problem_id);
		long at = -1;
		size_t f = 0;
		for (; f < pr->n_followups && at < 0; f++)
			at = index_in(&pr->followups[f].measures, a->id);
		if (at < 0)
			break;
		st = tg_edit_remove(e, pr->followups[f - 1].measures.node, (size_t)at, d);
		if (st)
			break;
	}
	if (!st) {
		p = tg_edit_plan(e);
		struct tg_measure *m = tg_plan_measure(p, a->id, &pr);
		const struct tg_node *seq = m->node->parent;
		st = tg_edit_remove(e, seq, (size_t)(m - pr->measures), d);
	}
	free(problem_id);
	if (!st)
		buf_addf(ids, "%s\n", a->id);
	return st;
}
