/* ids: the one grammar of IDs, and how new ones are numbered
 * (trygg-plan(5), IDS AND REFERENCES). */
#include "priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ID number q spells: 1 to TG_ID_DIGITS digits, the first not 0;
 * else 0. */
static long id_digits(const char *q)
{
	if (*q < '1' || *q > '9')
		return 0;
	long v = 0;
	for (size_t k = 0; *q; q++, k++) {
		if (*q < '0' || *q > '9' || k == TG_ID_DIGITS)
			return 0;
		v = v * 10 + (*q - '0');
	}
	return v;
}

long tg_id_number(const char *id, const char *prefix)
{
	size_t l = strlen(prefix);
	return strncmp(id, prefix, l) ? 0 : id_digits(id + l);
}

size_t tg_id_split(const char *id, long *num)
{
	size_t p = strlen(id);
	while (p > 0 && id[p - 1] >= '0' && id[p - 1] <= '9')
		p--;
	*num = id_digits(id + p);
	return p;
}

char *tg_id_make(const char *prefix, long n)
{
	return xasprintf("%s%ld", prefix, n);
}

bool tg_id_is(const char *id, const char *prefix)
{
	return tg_id_number(id, prefix) > 0;
}

bool tg_id_too_long(const char *id)
{
	size_t run = 0;
	for (; *id; id++)
		if ((run = *id >= '0' && *id <= '9' ? run + 1 : 0) > TG_ID_DIGITS)
			return true;
	return false;
}

bool tg_child_id_is(const char *id, const char *parent, char letter)
{
	size_t l = strlen(parent);
	char prefix[2] = { letter, '\0' };
	return !strncmp(id, parent, l) && id[l] == '.' && tg_id_is(id + l + 1, prefix);
}

long tg_id_next(const char *const *ids, size_t n, const char *prefix)
{
	long max = 0;
	for (size_t i = 0; i < n; i++) {
		long v = ids[i] ? tg_id_number(ids[i], prefix) : 0;
		if (v > max)
			max = v;
	}
	static const long limit = 999999999L;   /* TG_ID_DIGITS nines */
	return max < limit ? max + 1 : 0;
}

char *tg_id_new_of(const struct tg_plan *p, const struct tg_problem *pr, char kind,
		   const char *const *more, size_t n_more, struct tg_diags *d)
{
	if (!pr)
		kind = 'P';
	size_t n = !pr ? p->n_problems : kind == 'M' ? pr->n_measures
		 : kind == 'F' ? pr->n_followups : pr->n_indicators;
	const char **ids = xcalloc(n + n_more + 1, sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = !pr ? p->problems[i].id : kind == 'M' ? pr->measures[i].id
		       : kind == 'F' ? pr->followups[i].id : pr->indicators[i].id;
	for (size_t i = 0; i < n_more; i++)
		ids[n + i] = more[i];
	char *prefix = !pr ? xstrdup("P") : xasprintf("%s.%c", pr->id, kind);
	long next = tg_id_next(ids, n + n_more, prefix);
	char *id = next ? tg_id_make(prefix, next) : NULL;
	if (!id)
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "no new ID after %s%s: an ID has at most %d digits", prefix,
			    "999999999", TG_ID_DIGITS);
	free(prefix);
	free(ids);
	return id;
}

char *tg_id_new(const struct tg_plan *p, const struct tg_problem *pr,
		const char *const *more, size_t n_more, struct tg_diags *d)
{
	return tg_id_new_of(p, pr, pr ? 'M' : 'P', more, n_more, d);
}

bool tg_id_free(const struct tg_plan *p, const char *id)
{
	if (tg_plan_problem(p, id) || tg_plan_measure(p, id, NULL))
		return false;
	for (size_t i = 0; i < p->n_joint; i++)
		if (p->joint[i].id && !strcmp(p->joint[i].id, id))
			return false;
	return true;
}

const char *tg_followup_id(const struct tg_problem *pr, size_t k, char *buf, size_t n)
{
	if (pr->followups[k].id)
		return pr->followups[k].id;
	snprintf(buf, n, "%s.F%zu", pr->id, k + 1);
	return buf;
}
