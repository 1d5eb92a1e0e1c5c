/*
 * unit-op-plan: the plan operations of lib/op-plan.c on an open edit,
 * without the command line: add a problem and a measure (IDs given and
 * asked for, references checked), set and clear keys, remove an item.
 * Speaks TAP.
 */
#include "trygg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static const char plan[] =
	"schema: trygg/1\n"
	"district: Testby\n"
	"situation: {}\n"
	"problems:\n"
	"  - id: P1\n"
	"    title: Buller\n"
	"    measures:\n"
	"      - {id: P1.M1, text: Vakt, phase: 1}\n"
	"    followups:\n"
	"      - {date: 2015-01-01, measures: [P1.M1], done: Ja}\n";

static bool has_msg(const struct tg_diags *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s))
			return true;
	return false;
}

static struct tg_edit *open_plan(struct tg_diags *d)
{
	struct tg_edit *e = NULL;
	tg_edit_open("t.yaml", plan, sizeof plan - 1, NULL, &e, d);
	return e;
}

static struct tg_val *fields(const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct tg_val *f = tg_val_map();
	tg_val_put(f, k1, tg_field_val(k1, v1));
	if (k2)
		tg_val_put(f, k2, tg_field_val(k2, v2));
	return f;
}

int main(void)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct buf ids = BUF_INIT;
	struct tg_edit *e = open_plan(&d);
	ok(e != NULL, "the plan opens");

	struct tg_op_add a = { NULL, NULL, fields("title", "Klotter", NULL, NULL), NULL };
	ok(!tg_op_add_problem(e, &a, &ids, &d) && !strcmp(ids.s, "P2\n") && !a.fields,
	   "a new problem gets the next free ID");
	buf_reset(&ids);
	a = (struct tg_op_add){ "P2", NULL, fields("phase", "2", "text", "Sanera"), NULL };
	ok(!tg_op_add_measure(e, &a, &ids, &d) && !strcmp(ids.s, "P2.M1\n"),
	   "a new measure of it: P2.M1");
	const struct tg_measure *m = tg_plan_measure(tg_edit_plan(e), "P2.M1", NULL);
	ok(m && m->node->n >= 6 && !strcmp(m->node->kids[2]->str, "text"),
	   "its keys in the schema's order (id, text, phase)");
	buf_reset(&ids);
	a = (struct tg_op_add){ "P1", "P1.M1", fields("text", "x", "phase", "1"), NULL };
	ok(tg_op_add_measure(e, &a, &ids, &d) == TG_EUSAGE && has_msg(&d, "id 'P1.M1' is taken"),
	   "an ID that is taken is refused");
	a = (struct tg_op_add){ "P9", NULL, fields("text", "x", "phase", "1"), NULL };
	ok(tg_op_add_measure(e, &a, &ids, &d) == TG_EUSAGE && has_msg(&d, "no problem 'P9'"),
	   "a measure of no problem is refused");
	a = (struct tg_op_add){ NULL, NULL, fields("title", "x", "situation", "S4"), NULL };
	ok(tg_op_add_problem(e, &a, &ids, &d) == TG_EUSAGE &&
	   has_msg(&d, "no joint situation item 'S4'"), "a problem's situation item must exist");
	tg_diags_release(&d);

	char p1[] = "status=klar", p2[] = "due=", p3[] = "responsible=Polisen, Skolan";
	char *pairs[] = { p1, p2, p3 };
	struct tg_op_set s = { "P2.M1", pairs, 3, NULL, NULL, 0 };
	ok(!tg_op_set(e, &s, &ids, &d), "set status (a Swedish word), clear due, set a list");
	m = tg_plan_measure(tg_edit_plan(e), "P2.M1", NULL);
	ok(m && m->status == TG_DONE && m->responsible.n == 2, "the measure holds them");
	char bad[] = "stauts=done";
	char *badp[] = { bad };
	s = (struct tg_op_set){ "P2.M1", badp, 1, NULL, NULL, 0 };
	ok(tg_op_set(e, &s, &ids, &d) == TG_EUSAGE && has_msg(&d, "did you mean 'status'"),
	   "an unknown key, with a suggestion");
	tg_diags_release(&d);

	struct tg_op_rm r = { "P1.M1", false, 0 };
	ok(tg_op_rm(e, &r, &ids, &d) == TG_EUSAGE && has_msg(&d, "names P1.M1"),
	   "a measure a follow-up names stays without --force");
	r.force = true;
	ok(!tg_op_rm(e, &r, &ids, &d) && !tg_plan_measure(tg_edit_plan(e), "P1.M1", NULL) &&
	   tg_edit_plan(e)->problems[0].followups[0].measures.n == 0,
	   "with force it goes, and its mention with it");
	tg_diags_release(&d);
	tg_edit_free(e);
	buf_release(&ids);
	return tap_done();
}
