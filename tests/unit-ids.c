/*
 * unit-ids: lib/ids.c, the one grammar of IDs and the numbering of new
 * ones (trygg-plan(5), IDS AND REFERENCES).  TAP on stdout.
 */
#include "trygg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n, failed;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
	if (!cond)
		failed = 1;
}

static void is(const char *got, const char *want, const char *what)
{
	int same = got && want ? !strcmp(got, want) : got == want;
	ok(same, what);
	if (!same)
		printf("#   got '%s', wanted '%s'\n", got ? got : "(null)", want ? want : "(null)");
}

static struct tg_plan *parse(const char *src)
{
	struct tg_plan *p = NULL;
	struct tg_diags d = TG_DIAGS_INIT;
	if (tg_plan_parse("t.yaml", src, strlen(src), NULL, &p, &d))
		printf("# parse failed: %s\n", d.n ? d.v[0].msg : "?");
	tg_diags_release(&d);
	return p;
}

int main(void)
{
	/* the grammar */
	long k;
	ok(tg_id_split("P6.M26", &k) == 4 && k == 26, "P6.M26 splits into P6.M and 26");
	ok(tg_id_split("S7", &k) == 1 && k == 7, "S7 splits into S and 7");
	ok(tg_id_split("P07", &k) == 1 && k == 0, "P07: its digits are no ID number");
	ok(tg_id_split("P1234567890", &k) == 1 && k == 0, "ten digits are no ID number");
	ok(tg_id_split("abc", &k) == 3 && k == 0, "no digits: no number");
	char *made = tg_id_make("S", 12);
	is(made, "S12", "tg_id_make writes prefix and number");
	free(made);
	ok(tg_id_is("P1", "P"), "P1 is a problem ID");
	ok(tg_id_is("P999999999", "P"), "nine digits are an ID");
	ok(!tg_id_is("P1000000000", "P"), "ten digits are not");
	ok(!tg_id_is("P99999999999", "P"), "eleven digits are not");
	ok(!tg_id_is("P0", "P") && !tg_id_is("P01", "P"), "no zero, no leading zero");
	ok(!tg_id_is("p1", "P") && !tg_id_is("P", "P") && !tg_id_is("P+1", "P") &&
	   !tg_id_is("P1a", "P") && !tg_id_is("", "P"), "no case folding, sign, letters or empty");
	ok(tg_id_is("P6.M3", "P6.M") && !tg_id_is("P6.M3", "P"), "a prefix is matched whole");
	ok(tg_child_id_is("P6.M3", "P6", 'M'), "P6.M3 is a measure of P6");
	ok(!tg_child_id_is("P6.M3", "P60", 'M') && !tg_child_id_is("P60.M3", "P6", 'M'),
	   "... and not of P60, nor P60.M3 of P6");
	ok(!tg_child_id_is("P6.M1000000000", "P6", 'M'), "a child's number has the same limit");
	ok(tg_child_id_is("P6.F2", "P6", 'F') && !tg_child_id_is("P6.F2", "P6", 'M'),
	   "the letter names the kind");
	ok(tg_id_number("S12", "S") == 12 && tg_id_number("S012", "S") == 0, "tg_id_number");
	ok(tg_id_too_long("P1.M1000000000") && !tg_id_too_long("P999999999.M999999999"),
	   "tg_id_too_long looks at each number");

	/* numbering */
	const char *ids[] = { "P2", NULL, "P10", "P3x", "P99999999999", "Q50" };
	ok(tg_id_next(ids, 6, "P") == 11, "next: one past the highest ID of the form");
	ok(tg_id_next(ids, 0, "P") == 1, "next of none is 1");
	const char *full[] = { "P999999999" };
	ok(tg_id_next(full, 1, "P") == 0, "no next after nine nines");

	struct tg_plan *p = parse("schema: trygg/1\ndistrict: T\n"
				  "situation:\n  joint:\n  - {id: S4, title: a}\n"
				  "problems:\n- id: P2\n  title: x\n  measures:\n"
				  "  - {id: P2.M7, text: a, phase: 1}\n  - {id: P2.M3, text: b, phase: 1}\n"
				  "- id: P5\n  title: y\n");
	ok(p != NULL, "a plan parses");
	if (p) {
		struct tg_diags d = TG_DIAGS_INIT;
		char *id = tg_id_new(p, NULL, NULL, 0, &d);
		is(id, "P6", "a new problem: after the highest");
		free(id);
		id = tg_id_new(p, tg_plan_problem(p, "P2"), NULL, 0, &d);
		is(id, "P2.M8", "a new measure of P2");
		free(id);
		id = tg_id_new(p, tg_plan_problem(p, "P5"), NULL, 0, &d);
		is(id, "P5.M1", "the first measure of P5");
		free(id);
		const char *waiting[] = { "P5.M1", "P5.M2", "P7" };
		id = tg_id_new(p, tg_plan_problem(p, "P5"), waiting, 3, &d);
		is(id, "P5.M3", "a new measure of P5 after those waiting in a batch");
		free(id);
		id = tg_id_new(p, NULL, waiting, 3, &d);
		is(id, "P8", "a new problem after one waiting");
		free(id);
		ok(!tg_id_free(p, "P2") && !tg_id_free(p, "P2.M3") && !tg_id_free(p, "S4") &&
		   tg_id_free(p, "P3") && tg_id_free(p, "S5"), "tg_id_free: problems, measures, joint");
		ok(d.n == 0, "no diagnostics");
		tg_diags_release(&d);
		tg_plan_free(p);
	}
	p = parse("schema: trygg/1\ndistrict: T\nproblems:\n- id: P999999999\n  title: x\n");
	if (p) {
		struct tg_diags d = TG_DIAGS_INIT;
		char *id = tg_id_new(p, NULL, NULL, 0, &d);
		ok(!id && d.errors == 1, "no new problem after P999999999, an error");
		free(id);
		tg_diags_release(&d);
		tg_plan_free(p);
	}
	p = parse("schema: trygg/1\ndistrict: T\nproblems:\n- id: P1\n  title: x\n"
		  "  followups:\n  - {date: 2020-01-01}\n  - {date: 2020-02-01}\n");
	if (p) {
		char buf[TG_ID_SIZE];
		is(tg_followup_id(&p->problems[0], 1, buf, sizeof buf), "P1.F2",
		   "a follow-up without its own ID: by its place");
		tg_plan_free(p);
	}
	printf("1..%d\n", n);
	return failed;
}
