/*
 * unit-edit-verify: the edit engine's verification re-reads what it wrote
 * at least as strictly as PyYAML's SafeLoader (issue 18 item 4).  A raw
 * value (written as it is, unquoted) that a strict reader would not take
 * is refused, with the place it would have, and the text stays as it was.
 * Speaks TAP.
 */
#include "trygg.h"

#include <stdio.h>
#include <string.h>

static const char plan[] =
	"schema: trygg/1\n"
	"district: Testby\n"
	"areas: [Norr, Söder]\n"
	"situation: {}\n"
	"problems:\n"
	"- id: P1\n"
	"  title: Buller\n"
	"  causes: [Mörker]   # keep\n"
	"  measures:\n"
	"  - {id: P1.M1, text: Vakt, phase: 1}\n";

static int n, failed;

static void ok(bool cond, const char *desc, const char *todo)
{
	n++;
	if (!cond && !todo)
		failed++;
	printf("%sok %d - %s%s%s\n", cond ? "" : "not ", n, desc, todo ? " # TODO " : "",
	       todo ? todo : "");
}

static bool has_msg(const struct tg_diags *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s))
			return true;
	return false;
}

/* Append raw text (unquoted) to a flow list; expect a refusal. */
static void refused(const char *raw, const char *key, const char *desc, const char *todo)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	if (tg_edit_open("t.yaml", plan, sizeof plan - 1, NULL, &e, &d)) {
		ok(false, "the plan opens", NULL);
		return;
	}
	const struct tg_plan *p = tg_edit_plan(e);
	const struct tg_node *target = !strcmp(key, "measures") ? p->problems[0].measures[0].node
								 : p->problems[0].node;
	enum tg_status st = !strcmp(key, "measures")
		? tg_edit_set(e, target, "text", tg_val_raw(raw), &d)
		: tg_edit_append(e, target, key, tg_val_raw(raw), &d);
	char what[200];
	snprintf(what, sizeof what, "%s: refused (exit 65)", desc);
	ok(st == TG_EDATA, what, todo);
	snprintf(what, sizeof what, "%s: the message says the file would not be valid", desc);
	ok(has_msg(&d, "the edited file would not be valid") && has_msg(&d, "'?'"), what, todo);
	tg_edit_free(e);
	tg_diags_release(&d);
}

/* The same text, raw, where a strict reader takes it: accepted. */
static void accepted(const char *raw, const char *desc)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	if (tg_edit_open("t.yaml", plan, sizeof plan - 1, NULL, &e, &d)) {
		ok(false, "the plan opens", NULL);
		return;
	}
	const struct tg_plan *p = tg_edit_plan(e);
	enum tg_status st = tg_edit_set(e, p->problems[0].node, "goal", tg_val_raw(raw), &d);
	ok(st == TG_OK, desc, NULL);
	tg_edit_free(e);
	tg_diags_release(&d);
}

int main(void)
{
	refused("Vem? (oklart)", "causes", "'?' inside a plain item of a flow list", NULL);
	refused("Varför?", "measures", "'?' at the end of a plain value in a flow mapping", NULL);
	accepted("Vem? (oklart)", "'?' in a plain value in block style is taken");
	printf("1..%d\n", n);
	return failed != 0;
}
