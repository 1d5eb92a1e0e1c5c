/* op-followup: `trygg followup record` on an open edit (DESIGN.md §7,
 * §8): the follow-up with its readings (by indicator ID in trygg/2, by
 * name in trygg/1), the named measures' new status with its history
 * entry, and a measure done without having been proposed (--added).
 * A write to a trygg/1 file writes trygg/1: no follow-up id, no history,
 * no origin. */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

enum tg_status tg_op_history(struct tg_edit *e, const char *measure, const char *status,
			     const char *date, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan_for(e, measure, d);
	if (!p)
		return TG_EDATA;
	const struct tg_measure *m = tg_plan_measure(p, measure, NULL);
	if (!m)
		return tg_no_such(d, p, "measure", measure);
	if (p->version < 2)
		return TG_OK;
	/* in the order of their dates: none before the last dated entry */
	for (size_t i = m->n_history; date && i-- > 0;)
		if (m->history[i].date) {
			if (strcmp(date, m->history[i].date) < 0) {
				tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
					    "the history of %s has an entry of %s: its status cannot "
					    "change on %s, before that", measure, m->history[i].date, date);
				return TG_EUSAGE;
			}
			break;
		}
	struct tg_val *h = tg_val_map();
	if (date)
		tg_val_put(h, "date", tg_val_raw(date));
	tg_val_put(h, "status", tg_val_raw(status));
	if (m->n_history || tg_map_get(m->node, "history"))
		return tg_edit_append(e, m->node, "history", h, d);
	/* none yet: first the status it had, undated ("since before the
	 * records"), then the new one; one operation, the list made with them */
	struct tg_val *first = tg_val_put(tg_val_map(), "status",
					  tg_val_raw(tg_status_names[m->status]));
	struct tg_val *list = tg_val_push(tg_val_push(tg_val_list(), first), h);
	return tg_edit_set(e, m->node, "history", list, d);
}

/* The follow-up's indicators map: each key turned into what the file's
 * version names an indicator by (its ID in trygg/2, its name in trygg/1),
 * each value checked; NULL and an error in d when one is not right. */
static struct tg_val *readings(const struct tg_plan *p, const struct tg_problem *pr,
			       const struct tg_val *typed, enum tg_status *st,
			       struct tg_diags *d)
{
	struct tg_val *out = tg_val_map();
	for (size_t i = 0; i + 1 < typed->n; i += 2) {
		const char *key = typed->kids[i]->str;
		const struct tg_indicator *ind = tgi_reading_indicator(pr, key);
		if (!ind) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s has no indicator '%s'", pr->id, key);
			if (p->version < 2 && pr->n_indicators)
				tg_diag_add(d, TG_SEV_NOTE, NULL, 0, 0, NULL, 0, 0,
					    "a trygg/1 file names its indicators by name; run "
					    "'trygg migrate' to give them IDs");
			*st = TG_EUSAGE;
			break;
		}
		char *what = xasprintf("--indicator %s", key);
		char *num = tg_indicator_value(ind, typed->kids[i + 1]->str, what, d);
		free(what);
		if (!num) {
			*st = TG_EUSAGE;
			break;
		}
		tg_val_put(out, p->version >= 2 && ind->id ? ind->id : ind->name, tg_val_raw(num));
		free(num);
	}
	if (*st) {
		tg_val_free(out);
		return NULL;
	}
	return out;
}

/* The next follow-up ID of pr (trygg/2: one past the highest, never one
 * that was removed, nor one a waiting item of a batch has), or NULL with
 * an error in d. */
static char *new_followup_id(const struct tg_edit *e, const struct tg_problem *pr,
			     struct tg_diags *d)
{
	size_t n_wait;
	const char **waiting = tgi_batch_ids(e, &n_wait);
	char *id = tg_id_new_of(NULL, pr, 'F', waiting, n_wait, d);
	free(waiting);
	return id;
}

/* The measure --added names: done, origin followup (trygg/2) with its
 * history; its ID into *id. */
static enum tg_status add_done_measure(struct tg_edit *e, const struct tg_op_followup *a,
				       const char *date, char **id, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	struct tg_problem *pr = tg_plan_problem(p, a->problem);
	char *err = tg_field_check("text", a->added, NULL);
	if (!err && !a->added_phase)
		err = xstrdup("a measure added by a follow-up needs its phase (--phase)");
	if (!err)
		err = tg_field_check("phase", a->added_phase, NULL);
	if (err) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s", err);
		free(err);
		return TG_EUSAGE;
	}
	size_t n_wait;
	const char **waiting = tgi_batch_ids(e, &n_wait);
	*id = tg_id_new(p, pr, waiting, n_wait, d);
	free(waiting);
	if (!*id)
		return TG_EDATA;
	struct tg_val *f = tg_val_map();
	tg_val_put(f, "text", tg_val_text(a->added));
	tg_val_put(f, "phase", tg_field_val("phase", a->added_phase));
	tg_val_put(f, "status", tg_val_raw("done"));
	if (p->version >= 2) {
		tg_val_put(f, "origin", tg_val_raw("followup"));
		struct tg_val *h = tg_val_put(tg_val_map(), "date", tg_val_raw(date));
		tg_val_put(h, "status", tg_val_raw("done"));
		tg_val_put(f, "history", tg_val_push(tg_val_list(), h));
	} else {
		tg_diag_add(d, TG_SEV_WARNING, p->doc->path, 0, 0, NULL, 0, 0,
			    "%s is written without 'origin: followup', which schema trygg/1 does not "
			    "have (run 'trygg migrate' to move the file to trygg/2)", *id);
	}
	return tg_edit_append(e, pr->node, "measures", tg_val_new_item(true, *id, f), d);
}

/* The value of key in map, taken out of it (NULL when absent). */
static struct tg_val *take(struct tg_val *map, const char *key)
{
	for (size_t i = 0; map && i + 1 < map->n; i += 2)
		if (map->kids[i] && !strcmp(map->kids[i]->str, key)) {
			struct tg_val *v = map->kids[i + 1];
			map->kids[i + 1] = NULL;
			return v;
		}
	return NULL;
}

/* The follow-up item, its keys in trygg-plan(5)'s order: id (trygg/2),
 * the keys given (taken out of given), the added measure among its
 * measures, the readings last (taken over). */
static struct tg_val *followup_item(const char *id, struct tg_val *given, const char *added,
				    struct tg_val *reads)
{
	static const char *const order[] = { "date", "by", "measures", "done", "effect", NULL };
	struct tg_val *item = tg_val_map();
	if (id)
		tg_val_put(item, "id", tg_val_raw(id));
	for (size_t k = 0; order[k]; k++) {
		struct tg_val *v = take(given, order[k]);
		if (!strcmp(order[k], "measures") && added)
			v = tg_val_push(v ? v : tg_val_list(), tg_val_raw(added));
		if (v)
			tg_val_put(item, order[k], v);
	}
	if (reads && reads->n)
		tg_val_put(item, "indicators", reads);
	else
		tg_val_free(reads);
	return item;
}

static enum tg_status record(struct tg_edit *e, struct tg_op_followup *a, struct buf *ids,
			     struct tg_diags *d)
{
	/* the problem and the items inside it with a batch's earlier lines */
	const struct tg_plan *p = tg_edit_plan_for(e, a->problem, d);
	if (!p)
		return TG_EDATA;
	struct tg_problem *pr = tg_plan_problem(p, a->problem);
	if (!pr)
		return tg_no_such(d, p, "problem", a->problem);
	enum tg_status st = TG_OK;
	for (size_t i = 0; i < a->n_measures; i++) {
		struct tg_problem *owner;
		if (!tg_plan_measure(p, a->measures[i], &owner) || owner != pr) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is not a measure of %s", a->measures[i], a->problem);
			return TG_EUSAGE;
		}
	}
	struct tg_val *reads = a->readings ? readings(p, pr, a->readings, &st, d) : NULL;
	if (st)
		return st;
	/* the follow-up's date dates the history: a copy, the item goes */
	const struct tg_val *dv = tg_val_get(a->item, "date");
	char *date = dv ? xstrdup(dv->str) : NULL;
	char *fid = p->version >= 2 ? new_followup_id(e, pr, d) : NULL;
	if (p->version >= 2 && !fid) {
		tg_val_free(reads);
		free(date);
		return TG_EDATA;
	}
	size_t n = pr->n_followups + 1;   /* trygg/1: its place is its ID */
	char *mid = NULL;
	if (a->added)
		st = add_done_measure(e, a, date, &mid, d);
	if (st) {
		tg_val_free(reads);
		free(fid);
		free(mid);
		free(date);
		return st;
	}
	struct tg_val *item = followup_item(fid, a->item, mid, reads);
	p = tg_edit_plan(e);
	pr = tg_plan_problem(p, a->problem);
	st = tg_edit_append(e, pr->node, "followups", item, d);
	for (size_t i = 0; i < a->n_measures && !st; i++) {
		const struct tg_plan *mp = tg_edit_plan_for(e, a->measures[i], d);
		if (!mp) {
			st = TG_EDATA;
			break;
		}
		const struct tg_measure *m = tg_plan_measure(mp, a->measures[i], NULL);
		if (!strcmp(tg_status_names[m->status], a->status) && tg_map_get(m->node, "status"))
			continue;   /* no change of status: nothing to record */
		st = tg_op_history(e, a->measures[i], a->status, date, d);
		mp = st ? NULL : tg_edit_plan_for(e, a->measures[i], d);
		if (!st && !mp)
			st = TG_EDATA;
		if (!st)
			st = tg_edit_set(e, tg_plan_measure(mp, a->measures[i], NULL)->node, "status",
					 tg_val_raw(a->status), d);
	}
	if (!st) {   /* trygg/1: the follow-up's place is its ID */
		if (fid)
			buf_addf(ids, "%s\n", fid);
		else
			buf_addf(ids, "%s.F%zu\n", a->problem, n);
		if (mid)
			buf_addf(ids, "%s\n", mid);
	}
	free(fid);
	free(mid);
	free(date);
	return st;
}

enum tg_status tg_op_followup_record(struct tg_edit *e, struct tg_op_followup *a,
				     struct buf *ids, struct tg_diags *d)
{
	enum tg_status st = record(e, a, ids, d);
	tg_val_free(a->item);
	tg_val_free(a->readings);
	a->item = a->readings = NULL;
	return st;
}
