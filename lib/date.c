/* date: calendar dates YYYY-MM-DD, day numbers, and when an indicator is
 * on track. */
#include "priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool tg_is_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	int max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

long tg_day_number(const char *s)
{
	long y, m, d;
	if (tg_is_date(s)) {          /* the usual case, read without strtol */
		y = ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
		m = (s[5] - '0') * 10 + s[6] - '0';
		d = (s[8] - '0') * 10 + s[9] - '0';
	} else {
		y = atol(s), m = atol(s + 5), d = atol(s + 8);
	}
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* On track on day today: come at least as far from baseline to target
 * (progress, 0 to 1) as the time from day t0 to t1. */
static bool on_track(double progress, long t0, long t1, long today)
{
	double elapsed = t1 > t0 ? (double)(today - t0) / (double)(t1 - t0) : 1;
	return progress >= elapsed;
}

long tg_track_until(const struct tg_point *baseline, const struct tg_point *target,
		    const struct tg_point *latest)
{
	if (!latest->set || !target->set || !baseline->set)
		return TG_NEVER;
	double span = target->value - baseline->value;
	double progress = span == 0 ? 1 : (latest->value - baseline->value) / span;
	if (progress >= 1)
		return TG_ALWAYS;
	if (!baseline->date || !target->date || isnan(progress))
		return TG_NEVER;
	long t0 = tg_day_number(baseline->date), t1 = tg_day_number(target->date);
	if (t1 <= t0)                 /* the time is up: on track only at the target */
		return TG_NEVER;
	/* on_track holds up to a day near t0 + progress × (t1 - t0), and not
	 * after (elapsed grows with the day): start there, find it exactly */
	const long first = -800000;   /* before the year 1 */
	double guess = (double)t0 + floor(progress * (double)(t1 - t0));
	long u = guess < (double)first ? first : (long)guess;
	while (u > first && !on_track(progress, t0, t1, u))
		u--;
	if (!on_track(progress, t0, t1, u))
		return TG_NEVER;
	while (on_track(progress, t0, t1, u + 1))
		u++;
	return u;
}
