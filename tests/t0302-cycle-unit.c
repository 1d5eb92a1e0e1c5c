/*
 * lib/cycle.c against the rules of DESIGN.md §7: a measure's status as of
 * a date from its history, and an indicator's latest reading and verdict.
 * Each case is a small plan file in schema trygg/2, parsed as trygg reads
 * it.  TAP on stdout.
 */
#include "trygg.h"

#include <stdio.h>
#include <string.h>

static int n_test, n_failed;

static void ok(int cond, const char *what)
{
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ++n_test, what);
	n_failed += !cond;
}

static struct tg_plan *parse(const char *src)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_plan *p = NULL;
	if (tg_plan_parse("t.yaml", src, strlen(src), NULL, &p, &d) != TG_OK) {
		for (size_t i = 0; i < d.n; i++)
			printf("# %u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
		p = NULL;
	}
	tg_diags_release(&d);
	return p;
}

/* The status of the plan's first measure as of date: its name, or "-"
 * when it did not exist yet. */
static const char *status_as_of(const struct tg_plan *p, const char *date)
{
	enum tg_mstatus s;
	if (!tg_measure_status_as_of(&p->problems[0].measures[0], date, &s))
		return "-";
	return tg_status_names[s];
}

static void status_case(const char *what, const char *measure, const char *const *dates,
			const char *const *want)
{
	char src[2048];
	snprintf(src, sizeof src,
		 "schema: trygg/2\ndistrict: T\nproblems:\n  - id: P1\n    title: T\n"
		 "    measures:\n      - {id: P1.M1, text: X, phase: 1, %s}\n", measure);
	struct tg_plan *p = parse(src);
	if (!p) {
		ok(0, what);
		return;
	}
	for (size_t i = 0; dates[i]; i++) {
		char line[256];
		const char *got = status_as_of(p, dates[i]);
		snprintf(line, sizeof line, "%s: as of %s %s (got %s)", what, dates[i], want[i], got);
		ok(!strcmp(got, want[i]), line);
	}
	tg_plan_free(p);
}

static const char *verdict(const char *indicator, const char *followups, const char *as_of,
			   double *latest)
{
	char src[4096];
	snprintf(src, sizeof src,
		 "schema: trygg/2\ndistrict: T\nproblems:\n  - id: P1\n    title: T\n"
		 "    indicators:\n      - {id: P1.I1, name: N, %s}\n%s", indicator,
		 followups ? followups : "");
	struct tg_plan *p = parse(src);
	if (!p)
		return "(does not parse)";
	struct tg_dated r = { NULL, -1, NULL };
	enum tg_verdict v = tg_indicator_verdict(&p->problems[0], &p->problems[0].indicators[0],
						 as_of, &r);
	if (latest)
		*latest = r.date ? r.value : -1;
	tg_plan_free(p);
	return v == TG_V_NONE ? "none" : tg_verdict_names[v];
}

static void verdict_case(const char *what, const char *indicator, const char *followups,
			 const char *as_of, const char *want)
{
	char line[512];
	const char *got = verdict(indicator, followups, as_of, NULL);
	snprintf(line, sizeof line, "%s: %s (got %s)", what, want, got);
	ok(!strcmp(got, want), line);
}

int main(void)
{
	/* status as of a date */
	status_case("without history the status key is the truth", "status: done",
		    (const char *[]){ "2000-01-01", "2030-01-01", NULL },
		    (const char *[]){ "done", "done" });
	status_case("history: each date takes the last entry on or before it",
		    "status: done, history: [{date: 2015-01-01, status: planned}, "
		    "{date: 2015-03-01, status: ongoing}, {date: 2015-06-01, status: done}]",
		    (const char *[]){ "2014-12-31", "2015-01-01", "2015-02-28", "2015-03-01",
				      "2015-05-31", "2015-06-01", "2020-01-01", NULL },
		    (const char *[]){ "-", "planned", "planned", "ongoing", "ongoing", "done",
				      "done" });
	status_case("the undated first entry holds since before the records",
		    "status: done, history: [{status: ongoing}, {date: 2015-06-01, status: done}]",
		    (const char *[]){ "1990-01-01", "2015-05-31", "2015-06-01", NULL },
		    (const char *[]){ "ongoing", "ongoing", "done" });
	status_case("on and after the last entry a hand edit of status is the truth",
		    "status: cancelled, history: [{date: 2015-01-01, status: planned}, "
		    "{date: 2015-06-01, status: done}]",
		    (const char *[]){ "2015-05-31", "2015-06-01", "2016-01-01", NULL },
		    (const char *[]){ "planned", "cancelled", "cancelled" });
	status_case("a measure created later did not exist yet",
		    "status: planned, history: [{date: 2016-02-01, status: planned}]",
		    (const char *[]){ "2016-01-31", "2016-02-01", NULL },
		    (const char *[]){ "-", "planned" });
	status_case("no status key: proposed once the history is over",
		    "history: [{date: 2015-01-01, status: ongoing}]",
		    (const char *[]){ "2014-06-01", "2015-01-01", NULL },
		    (const char *[]){ "-", "proposed" });

	/* verdicts: baseline 0.38 on 2014-10-01, target 0.30 on 2016-10-01
	 * (down); the line at 2015-10-01 is 0.34 */
	const char *ind = "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
			  "target: {value: 0.30, date: 2016-10-01}";
	verdict_case("no reading at all", ind, NULL, "2015-12-01", "no_reading");
	verdict_case("a reading only on the baseline's date is none after it",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2014-10-01, value: 0.37}]",
		     NULL, "2015-12-01", "no_reading");
	verdict_case("on the line at the reading's date is on track",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2015-10-01, value: 0.34}]",
		     NULL, "2015-12-01", "on_track");
	verdict_case("above the line (direction down) is off track",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2015-10-01, value: 0.35}]",
		     NULL, "2015-12-01", "off_track");
	verdict_case("a reading after the as-of date does not count",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2015-10-01, value: 0.35}, {date: 2016-03-01, value: 0.31}]",
		     NULL, "2015-12-01", "off_track");
	verdict_case("… and counts once the date has come",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2015-10-01, value: 0.35}, {date: 2016-03-01, value: 0.31}]",
		     NULL, "2016-04-01", "on_track");
	verdict_case("a follow-up's reading by the indicator's ID counts, dated by the follow-up",
		     ind, "    followups:\n      - {id: P1.F1, date: 2015-10-01, indicators: {P1.I1: 0.33}}\n",
		     "2015-12-01", "on_track");
	verdict_case("a follow-up's reading by name counts too",
		     ind, "    followups:\n      - {id: P1.F1, date: 2015-10-01, indicators: {N: 0.36}}\n",
		     "2015-12-01", "off_track");
	verdict_case("on the target's date: met when as good as the target",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2016-09-01, value: 0.30}]",
		     NULL, "2016-10-01", "met");
	verdict_case("after the target's date: not met when worse",
		     "direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		     "target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2016-09-01, value: 0.31}]",
		     NULL, "2017-01-01", "not_met");
	verdict_case("without direction: the way from baseline to target (up)",
		     "baseline: {value: 10, date: 2015-01-01}, target: {value: 20, date: 2017-01-01}, "
		     "readings: [{date: 2016-01-01, value: 16}]",
		     NULL, "2016-02-01", "on_track");
	verdict_case("… where a lower reading is off track",
		     "baseline: {value: 10, date: 2015-01-01}, target: {value: 20, date: 2017-01-01}, "
		     "readings: [{date: 2016-01-01, value: 14}]",
		     NULL, "2016-02-01", "off_track");
	verdict_case("direction up overrides the way of baseline and target",
		     "direction: up, baseline: {value: 10, date: 2015-01-01}, "
		     "target: {value: 5, date: 2017-01-01}, readings: [{date: 2016-01-01, value: 7}]",
		     NULL, "2016-02-01", "off_track");
	verdict_case("… which without direction would be on track (down, under the line)",
		     "baseline: {value: 10, date: 2015-01-01}, "
		     "target: {value: 5, date: 2017-01-01}, readings: [{date: 2016-01-01, value: 7}]",
		     NULL, "2016-02-01", "on_track");
	verdict_case("without a target: readings only, no verdict",
		     "baseline: {value: 10, date: 2015-01-01}, readings: [{date: 2016-01-01, value: 9}]",
		     NULL, "2016-02-01", "none");
	verdict_case("without a target and without readings: no_reading",
		     "baseline: {value: 10, date: 2015-01-01}", NULL, "2016-02-01", "no_reading");
	verdict_case("without the baseline's date the bar is the baseline",
		     "direction: down, baseline: {value: 0.38}, target: {value: 0.30, date: 2016-10-01}, "
		     "readings: [{date: 2015-10-01, value: 0.37}]",
		     NULL, "2015-12-01", "on_track");
	double latest = 0;
	verdict("direction: down, baseline: {value: 0.38, date: 2014-10-01}, "
		"target: {value: 0.30, date: 2016-10-01}, readings: [{date: 2015-10-01, value: 0.34}]",
		"    followups:\n      - {id: P1.F1, date: 2015-10-01, indicators: {P1.I1: 0.32}}\n",
		"2015-12-01", &latest);
	ok(latest == 0.32, "on one day the follow-up's reading is the latest");

	printf("1..%d\n", n_test);
	return n_failed ? 1 : 0;
}
