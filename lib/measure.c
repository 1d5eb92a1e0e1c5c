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

bool tg_measure_overdue(const struct tg_measure *m, const char *as_of)
{
	return m->due && strcmp(m->due, as_of) < 0 && tg_measure_is_open(m);
}
