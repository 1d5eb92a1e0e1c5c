/* measure: what a measure's status and due date mean (lib/trygg.h). */
#include "priv.h"

#include <string.h>

bool tg_status_is_open(enum tg_mstatus status)
{
	return status != TG_DONE && status != TG_CANCELLED;
}

bool tg_measure_is_open(const struct tg_measure *m)
{
	return tg_status_is_open(m->status);
}

const char *tg_measure_overdue_after(const struct tg_measure *m)
{
	return tg_measure_is_open(m) ? m->due : NULL;
}

bool tg_measure_overdue(const struct tg_measure *m, const char *as_of)
{
	const char *after = tg_measure_overdue_after(m);
	return after && strcmp(after, as_of) < 0;
}
