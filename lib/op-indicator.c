/* op-indicator: `trygg indicator add` and `indicator record` on an open
 * edit (schema trygg/2, DESIGN.md §7): a new indicator of a problem with
 * the next free ID P<n>.I<k>, a reading appended to an indicator's
 * readings; and the one rule for a value a person types for an
 * indicator, which follow-ups' readings use too (lib/op-followup.c). */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

/* TG_OK for a file of schema trygg/2; else an error that says to migrate
 * it (an indicator's ID, unit, direction and readings are trygg/2 keys). */
static enum tg_status need_v2(const struct tg_plan *p, bool reading, struct tg_diags *d)
{
	if (p->version >= 2)
		return TG_OK;
	if (reading)
		tg_diag_add(d, TG_SEV_ERROR, p->doc->path, 0, 0, NULL, 0, 0,
			    "readings of an indicator need schema trygg/2, and this file says "
			    "'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)",
			    p->version);
	else
		tg_diag_add(d, TG_SEV_ERROR, p->doc->path, 0, 0, NULL, 0, 0,
			    "indicators with an ID, unit and direction need schema trygg/2, and this "
			    "file says 'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)",
			    p->version);
	return TG_EUSAGE;
}

char *tg_indicator_value(const struct tg_indicator *ind, const char *typed, const char *what,
			 struct tg_diags *d)
{
	double v;
	bool percent;
	const char *name = ind && ind->id ? ind->id : ind ? ind->name : NULL;
	if (!tg_parse_amount(typed, &v, &percent) || v < -1e12 || v > 1e12) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "%s is not a number: '%s' (expected a number such as 0,33, 0.33, "
			    "33 %% or 120)", what, typed);
		return NULL;
	}
	enum tg_unit unit = ind ? ind->unit : TG_UNIT_NONE;
	if (percent && unit != TG_UNIT_NONE && unit != TG_UNIT_SHARE) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "%s is a percentage, '%s', but %s is not a share (its unit is %s)", what,
			    typed, name, tg_unit_names[unit - 1]);
		return NULL;
	}
	if (unit == TG_UNIT_SHARE && (v < 0 || v > 1)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "%s is a share, from 0 to 1, not '%s' (33 percent is 0,33 or 33 %%)",
			    what, typed);
		return NULL;
	}
	char num[64];
	tg_format_number(v, num, sizeof num);
	return xstrdup(num);
}

/* {value, date} from "V" or "V@DATE", checked for ind (its unit); NULL and
 * an error in d when it is neither. */
static struct tg_val *point(const struct tg_indicator *ind, const char *typed, const char *what,
			    struct tg_diags *d)
{
	const char *at = strrchr(typed, '@');
	char *value = at ? xstrndup(typed, (size_t)(at - typed)) : xstrdup(typed);
	char *num = tg_indicator_value(ind, value, what, d);
	free(value);
	if (!num)
		return NULL;
	if (at && !tg_is_date(at + 1)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "%s has a bad date '%s' (expected VALUE@YYYY-MM-DD)", what, at + 1);
		free(num);
		return NULL;
	}
	struct tg_val *m = tg_val_put(tg_val_map(), "value", tg_val_raw(num));
	free(num);
	if (at)
		tg_val_put(m, "date", tg_val_raw(at + 1));
	return m;
}

static long name_index(const char *const *names, const char *s)
{
	for (long i = 0; s && names[i]; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

static enum tg_status bad_enum(const char *key, const char *value, const char *const *names,
			       struct tg_diags *d)
{
	struct buf list = BUF_INIT;
	tg_names_join(&list, names);
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
		    "'%s' is not a %s (expected one of: %s)", value ? value : "", key, list.s);
	buf_release(&list);
	return TG_EUSAGE;
}

enum tg_status tg_op_indicator_add(struct tg_edit *e, const struct tg_op_indicator *a,
				   struct buf *ids, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	enum tg_status st = need_v2(p, false, d);
	if (st)
		return st;
	/* the problem as a batch's earlier lines left it */
	p = tg_edit_plan_for(e, a->problem, d);
	if (!p)
		return TG_EDATA;
	struct tg_problem *pr = a->problem ? tg_plan_problem(p, a->problem) : NULL;
	if (!pr)
		return tg_no_such(d, p, "problem", a->problem ? a->problem : "");
	if (!a->name || !*a->name) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "an indicator needs a name");
		return TG_EUSAGE;
	}
	for (size_t q = 0; q < pr->n_indicators; q++)
		if (pr->indicators[q].name && !strcmp(pr->indicators[q].name, a->name)) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s already has an indicator named '%s' (%s)", pr->id, a->name,
				    pr->indicators[q].id ? pr->indicators[q].id : "");
			return TG_EUSAGE;
		}
	long unit = name_index(tg_unit_names, a->unit);
	if (unit < 0)
		return bad_enum("unit", a->unit, tg_unit_names, d);
	long dir = name_index(tg_direction_names, a->direction);
	if (dir < 0)
		return bad_enum("direction", a->direction, tg_direction_names, d);
	/* the values are checked as the new indicator's: its unit */
	struct tg_indicator shape = { .name = a->name, .unit = (enum tg_unit)(unit + 1) };
	struct tg_val *base = a->baseline ? point(&shape, a->baseline, "--baseline", d) : NULL;
	struct tg_val *target = a->target ? point(&shape, a->target, "--target", d) : NULL;
	if ((a->baseline && !base) || (a->target && !target)) {
		tg_val_free(base);
		tg_val_free(target);
		return TG_EUSAGE;
	}
	/* past the indicators a batch holds back too */
	size_t n_wait;
	const char **waiting = tgi_batch_ids(e, &n_wait);
	char *id = tg_id_new_of(p, pr, 'I', waiting, n_wait, d);
	free(waiting);
	if (!id) {
		tg_val_free(base);
		tg_val_free(target);
		return TG_EDATA;
	}
	/* the keys in trygg-plan(5)'s order */
	struct tg_val *item = tg_val_put(tg_val_map(), "id", tg_val_raw(id));
	tg_val_put(item, "name", tg_val_text(a->name));
	tg_val_put(item, "unit", tg_val_raw(tg_unit_names[unit]));
	tg_val_put(item, "direction", tg_val_raw(tg_direction_names[dir]));
	if (a->source && *a->source)
		tg_val_put(item, "source", tg_val_text(a->source));
	if (base)
		tg_val_put(item, "baseline", base);
	if (target)
		tg_val_put(item, "target", target);
	st = tg_edit_append(e, pr->node, "indicators", item, d);
	if (!st)
		buf_addf(ids, "%s\n", id);
	free(id);
	return st;
}

const struct tg_indicator *tg_plan_indicator(const struct tg_plan *p, const char *id,
					     struct tg_problem **owner)
{
	for (size_t i = 0; id && i < p->n_problems; i++)
		for (size_t q = 0; q < p->problems[i].n_indicators; q++)
			if (p->problems[i].indicators[q].id &&
			    !strcmp(p->problems[i].indicators[q].id, id)) {
				if (owner)
					*owner = &p->problems[i];
				return &p->problems[i].indicators[q];
			}
	return NULL;
}

enum tg_status tg_op_indicator_record(struct tg_edit *e, const struct tg_op_reading *a,
				      struct buf *ids, struct tg_diags *d)
{
	(void)ids;   /* a reading is no item: nothing to print */
	const struct tg_plan *p = tg_edit_plan(e);
	enum tg_status st = need_v2(p, true, d);
	if (st) {
		tg_diag_add(d, TG_SEV_NOTE, NULL, 0, 0, NULL, 0, 0,
			    "in a trygg/1 file, record a reading with 'trygg followup record D "
			    "--problem P --indicator NAME=VALUE'");
		return st;
	}
	p = tg_edit_plan_for(e, a->indicator, d);   /* as a batch's earlier lines left it */
	if (!p)
		return TG_EDATA;
	const struct tg_indicator *ind = tg_plan_indicator(p, a->indicator, NULL);
	if (!ind)
		return tg_no_such(d, p, "indicator", a->indicator ? a->indicator : "");
	if (!a->date || !tg_is_date(a->date)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "a reading's date is not a valid date: '%s' (expected YYYY-MM-DD)",
			    a->date ? a->date : "");
		return TG_EUSAGE;
	}
	char *num = tg_indicator_value(ind, a->value ? a->value : "", "the value", d);
	if (!num)
		return TG_EUSAGE;
	struct tg_val *r = tg_val_put(tg_val_map(), "date", tg_val_raw(a->date));
	tg_val_put(r, "value", tg_val_raw(num));
	free(num);
	if (a->note && *a->note)
		tg_val_put(r, "note", tg_val_text(a->note));
	return tg_edit_append(e, ind->node, "readings", r, d);
}
