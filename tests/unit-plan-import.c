/*
 * unit-plan-import: the operations of lib/import-plan.c and lib/fields.c
 * without the command line: a CSV's header, its rows checked all before
 * any lands, IDs asked for and given, and the field checks from the
 * schema table.  Speaks TAP.
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
	"  - id: P2\n"
	"    title: Klotter\n";

static bool has_msg(const struct tg_diags *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s))
			return true;
	return false;
}

/* Import csv into the plan; the IDs in ids, the text in *text. */
static enum tg_status import(const char *csvtext, struct buf *ids, char **text,
			     struct tg_diags *d)
{
	struct tg_csv *csv = NULL;
	struct tg_edit *e = NULL;
	struct tg_plan_import im = { .path = "rows.csv" };
	enum tg_status st = tg_csv_parse("rows.csv", csvtext, strlen(csvtext), NULL, &csv, d);
	im.csv = csv;
	if (!st)
		st = tg_plan_import_header(&im, d);
	if (!st)
		st = tg_edit_open("t.yaml", plan, sizeof plan - 1, NULL, &e, d);
	if (!st)
		st = tg_plan_import(e, &im, ids, d);
	if (!st)
		st = tg_edit_flush(e, d);
	size_t len;
	*text = st ? NULL : strdup(tg_edit_text(e, &len));
	tg_edit_free(e);
	tg_csv_free(csv);
	return st;
}

int main(void)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct buf ids = BUF_INIT;
	char *text;

	enum tg_status st = import("problem,text,phase,id\n"
				   "P1,Ljus,2,\n"
				   "P2,Städning,1,\n"
				   "P1,Kameror,3,P1.M5\n"
				   "P1,Vakter,1,\n", &ids, &text, &d);
	ok(st == TG_OK, "four rows land");
	ok(!strcmp(ids.s, "P1.M2\nP2.M1\nP1.M5\nP1.M6\n"),
	   "new IDs: the next free ones, after one asked for");
	ok(text && strstr(text, "      - id: P1.M6\n        text: Vakter\n        phase: 1\n") &&
	   strstr(text, "    measures:\n      - id: P2.M1\n"),
	   "the measures are written in the lists' style, in key order");
	free(text);
	buf_reset(&ids);
	tg_diags_release(&d);

	st = import("problem,text,phase,id\n"
		    "P1,Ljus,4,\n"
		    "P9,Städning,1,\n"
		    "P1,Kameror,3,P1.M1\n"
		    "P2,Vakter,1,\n", &ids, &text, &d);
	ok(st == TG_EDATA && !text && !ids.len, "a bad row: none lands");
	ok(has_msg(&d, "phase has a bad value '4' (expected one of: 1, 2, 3)") &&
	   has_msg(&d, "no problem 'P9' in Testby") && has_msg(&d, "id 'P1.M1' is taken in Testby"),
	   "every bad row is reported");
	ok(d.errors == 3 && d.v[0].line == 2 && d.v[0].col == 3, "at its row and column");
	tg_diags_release(&d);

	st = import("problem,txt,phase\n", &ids, &text, &d);
	ok(st == TG_EDATA && has_msg(&d, "unknown column 'txt' (did you mean 'text'?)"),
	   "an unknown column, with a suggestion");
	tg_diags_release(&d);

	/* the field checks come from the schema table */
	char *m = tg_field_check("term", "evig", NULL);
	ok(m && !strcmp(m, "term has a bad value 'evig' (expected one of: short, long, mobilisation)"),
	   "an enumerated key names its values");
	free(m);
	m = tg_field_check("due", "2015-02-30", NULL);
	ok(m && strstr(m, "not a valid date"), "a date that does not exist");
	free(m);
	ok(!tg_field_check("status", "done", NULL) && !tg_field_check("text", "x", NULL),
	   "good values pass");
	struct tg_val *sv = tg_field_val("status", "Klar");
	ok(!tg_field_check("term", "Långsiktig", NULL) && !strcmp(sv->str, "done"),
	   "a Swedish word is taken, and written as the contract's value");
	tg_val_free(sv);
	ok(tg_field_is_list("responsible") && !tg_field_is_list("text") &&
	   tg_field_required("phase") && !tg_field_required("due"), "list and required keys");
	struct tg_val *v = tg_field_val("phase", "2"), *t = tg_field_val("text", "2");
	ok(v->kind == TG_V_RAW && t->kind == TG_V_TEXT, "typed values are raw, text is text");
	tg_val_free(v);
	tg_val_free(t);

	buf_release(&ids);
	return tap_done();
}
