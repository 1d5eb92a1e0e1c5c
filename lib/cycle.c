/*
 * cycle: what schema trygg/2 says about time (DESIGN.md §7): a measure's
 * status as of a date, from its history, and an indicator's latest reading
 * and verdict as of a date.  Reports of a past Monday stand on these.
 */
#include "priv.h"

#include <string.h>

const char *const tg_verdict_names[] = { "", "no_reading", "on_track", "off_track", "met",
	"not_met", NULL };

bool tg_measure_status_as_of(const struct tg_measure *m, const char *date,
			     enum tg_mstatus *out)
{
	*out = m->status;
	if (!m->n_history || !date)
		return true;
	const struct tg_history *last = &m->history[m->n_history - 1];
	/* on and after the date of its last entry, the status key is the truth
	 * (so that a hand edit shows in today's reports) */
	if (!last->date || strcmp(last->date, date) <= 0)
		return true;
	for (size_t i = m->n_history; i-- > 0;)
		if (m->history[i].date && strcmp(m->history[i].date, date) <= 0) {
			*out = m->history[i].status;
			return true;
		}
	if (!m->history[0].date) {          /* "since before the records" */
		*out = m->history[0].status;
		return true;
	}
	return false;                       /* it did not exist yet */
}

bool tg_indicator_latest(const struct tg_problem *pr, const struct tg_indicator *ind,
			 const char *as_of, struct tg_dated *out)
{
	bool found = false;
	/* the later of two readings of one day: the follow-up's, then the one
	 * further down the file */
	for (size_t i = 0; i < ind->n_readings; i++) {
		const struct tg_dated *r = &ind->readings[i];
		if ((as_of && strcmp(r->date, as_of) > 0) || (found && strcmp(r->date, out->date) < 0))
			continue;
		*out = *r;
		found = true;
	}
	for (size_t f = 0; f < pr->n_followups; f++) {
		const struct tg_followup *fu = &pr->followups[f];
		if (!fu->date || (as_of && strcmp(fu->date, as_of) > 0) ||
		    (found && strcmp(fu->date, out->date) < 0))
			continue;
		for (size_t i = 0; i < fu->n_readings; i++)
			if (ind->name && !strcmp(fu->readings[i].name, ind->name)) {
				*out = (struct tg_dated){ fu->date, fu->readings[i].value, NULL };
				found = true;
			}
	}
	return found;
}

enum tg_direction tg_indicator_direction(const struct tg_indicator *ind)
{
	if (ind->direction != TG_DIRECTION_NONE)
		return ind->direction;
	if (ind->baseline.set && ind->target.set)   /* from baseline to target */
		return ind->target.value < ind->baseline.value ? TG_DOWN : TG_UP;
	return TG_DIRECTION_NONE;
}

/* Is value at least as good as bar, going the indicator's way (up when
 * it has none)? */
static bool as_good(const struct tg_indicator *ind, double value, double bar)
{
	return tg_indicator_direction(ind) == TG_DOWN ? value <= bar : value >= bar;
}

enum tg_verdict tg_indicator_verdict(const struct tg_problem *pr, const struct tg_indicator *ind,
				     const char *as_of, struct tg_dated *latest)
{
	struct tg_dated r;
	if (!tg_indicator_latest(pr, ind, as_of, &r) ||
	    (ind->baseline.date && strcmp(r.date, ind->baseline.date) <= 0))
		return TG_V_NO_READING;
	if (latest)
		*latest = r;
	const struct tg_point *b = &ind->baseline, *t = &ind->target;
	if (!t->set)
		return TG_V_NONE;     /* readings only */
	if (t->date && as_of && strcmp(as_of, t->date) >= 0)
		return as_good(ind, r.value, t->value) ? TG_V_MET : TG_V_NOT_MET;
	/* before the target date: against the straight line from baseline to
	 * target at the reading's date; without the dates of both ends there
	 * is no line, and the bar is the baseline: moving the right way */
	double bar = b->set ? b->value : t->value;
	if (b->set && b->date && t->date) {
		long t0 = tg_day_number(b->date), t1 = tg_day_number(t->date);
		long at = tg_day_number(r.date);
		bar = t1 > t0 ? b->value + (t->value - b->value) * (double)(at - t0) / (double)(t1 - t0)
			      : t->value;
	}
	return as_good(ind, r.value, bar) ? TG_V_ON_TRACK : TG_V_OFF_TRACK;
}
