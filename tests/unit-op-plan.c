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

static const char plan2[] =
	"schema: trygg/2\n"
	"district: Testby\n"
	"areas: [Norr, Söder]\n"
	"problems:\n"
	"  - id: P1\n"
	"    title: Buller\n"
	"    causes: [Mörker]\n"
	"    measures:\n"
	"      - {id: P1.M1, text: Vakt, phase: 1, status: planned}\n";

/* One pair through tg_op_set on id, with date. */
static enum tg_status set1(struct tg_edit *e, const char *id, const char *pair, const char *date,
			   struct tg_diags *d)
{
	char *copy = strdup(pair);
	char *pairs[] = { copy };
	struct buf ids = BUF_INIT;
	struct tg_op_set s = { id, pairs, 1, NULL, date, 0 };
	enum tg_status st = tg_op_set(e, &s, &ids, d);
	buf_release(&ids);
	free(copy);
	return st;
}

static bool strlist_is(const struct tg_strlist *l, const char *const *want, size_t n)
{
	if (l->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->v[i], want[i]))
			return false;
	return true;
}

/* The list logic of plan set: =, +=, -= and KEY= on lists and values. */
static void lists(void)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e = NULL;
	ok(!tg_edit_open("t2.yaml", plan2, sizeof plan2 - 1, NULL, &e, &d), "a trygg/2 plan opens");
	const struct tg_problem *pr;
#define P1 (pr = tg_plan_problem(tg_edit_plan(e), "P1"))
	ok(!set1(e, "P1", "causes=Trångt, mörkt, och kallt", NULL, &d) &&
	   strlist_is(&P1->causes, (const char *[]){ "Trångt", "mörkt", "och kallt" }, 3),
	   "KEY=a, b splits text at ', '");
	ok(!set1(e, "P1", "causes=Trångt,mörkt", NULL, &d) &&
	   strlist_is(&P1->causes, (const char *[]){ "Trångt,mörkt" }, 1),
	   "… and not at a bare comma");
	ok(!set1(e, "P1", "strategic_areas=3,7", NULL, &d) && P1->strategic_areas.n == 2 &&
	   pr->strategic_areas.v[1] == 7, "numbers split at a bare comma too");
	ok(!set1(e, "P1", "strategic_areas= 4 , 5", NULL, &d) && P1->strategic_areas.n == 2 &&
	   pr->strategic_areas.v[0] == 4, "… spaces around them aside");
	ok(!set1(e, "P1", "causes+=Få vuxna, ute", NULL, &d) &&
	   strlist_is(&P1->causes, (const char *[]){ "Trångt,mörkt", "Få vuxna, ute" }, 2),
	   "KEY+=V appends V whole");
	size_t len, len2;
	tg_edit_text(e, &len);
	ok(!set1(e, "P1", "causes+=Få vuxna, ute", NULL, &d) && (tg_edit_text(e, &len2), len2 == len),
	   "… once: an item already there is not added again");
	ok(!set1(e, "P1", "causes-=Få vuxna, ute", NULL, &d) &&
	   strlist_is(&P1->causes, (const char *[]){ "Trångt,mörkt" }, 1), "KEY-=V removes V whole");
	ok(set1(e, "P1", "causes-=Trångt", NULL, &d) == TG_EUSAGE &&
	   has_msg(&d, "P1 has no 'Trångt' in causes"), "… and only an item that is there whole");
	ok(!set1(e, "P1", "subgoals+=Ett", NULL, &d) && P1->subgoals.n == 1,
	   "KEY+= makes the list when there is none");
	ok(!set1(e, "P1", "subgoals=", NULL, &d) && !P1->subgoals.node, "KEY= removes an optional key");
	ok(set1(e, "P1", "title=", NULL, &d) == TG_EUSAGE &&
	   has_msg(&d, "'title' is required and cannot be removed"), "… and refuses a required one");
	ok(set1(e, "P1", "goal+=Mer", NULL, &d) == TG_EUSAGE &&
	   has_msg(&d, "'goal' is not a list: use goal=VALUE"), "+= on a value that is no list");
	ok(set1(e, "P1", "goal-=Mer", NULL, &d) == TG_EUSAGE, "-= on one");
	ok(!set1(e, "P1", "areas+=Norr", NULL, &d) && P1->areas.n == 1, "an area of the district");
	ok(set1(e, "P1", "areas+=Nord", NULL, &d) == TG_EUSAGE && has_msg(&d, "did you mean 'Norr'"),
	   "… another is refused, with a suggestion");
	tg_diags_release(&d);

	/* a status change and its history (DESIGN.md §7) */
	ok(!set1(e, "P1.M1", "status=ongoing", "2015-01-10", &d), "a status change");
	const struct tg_measure *m = tg_plan_measure(tg_edit_plan(e), "P1.M1", NULL);
	ok(m->status == TG_ONGOING && m->n_history == 2 && !m->history[0].date &&
	   m->history[0].status == TG_PLANNED && !strcmp(m->history[1].date, "2015-01-10") &&
	   m->history[1].status == TG_ONGOING,
	   "… without history: the old status undated, then the new one dated");
	ok(!set1(e, "P1.M1", "status=ongoing", "2015-01-11", &d) &&
	   tg_plan_measure(tg_edit_plan(e), "P1.M1", NULL)->n_history == 2, "the same status: no entry");
	ok(set1(e, "P1.M1", "status=done", "2015-01-09", &d) == TG_EUSAGE &&
	   has_msg(&d, "before that"), "a date before the last entry is refused");
	ok(set1(e, "P1.M1", "status=done", "2015-1-12", &d) == TG_EUSAGE, "a bad date is refused");
	tg_diags_release(&d);
	tg_edit_free(e);
#undef P1

	/* a trygg/1 file: keys of trygg/2 refused, naming migrate */
	e = open_plan(&d);
	ok(set1(e, "P1.M1", "areas+=Norr", NULL, &d) == TG_EUSAGE &&
	   has_msg(&d, "key 'areas' in a measure is new in schema trygg/2") &&
	   has_msg(&d, "trygg migrate"), "trygg/1: a trygg/2 key is refused, naming migrate");
	ok(!set1(e, "P1.M1", "status=done", "2015-01-10", &d) &&
	   !tg_plan_measure(tg_edit_plan(e), "P1.M1", NULL)->n_history &&
	   !strstr(tg_edit_text(e, &len), "history"), "trygg/1: a status change writes no history");
	tg_diags_release(&d);
	tg_edit_free(e);
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
	lists();
	return tap_done();
}
