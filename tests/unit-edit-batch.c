/*
 * unit-edit-batch: appends in a batch (tg_edit_batch, lib/edit-batch.c)
 * write the very bytes the same appends write one at a time, in every
 * style of list a file may hold, and are verified as strictly.
 * Speaks TAP.
 */
#include "trygg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* Plans whose problems hold their measures in each style: a block list
 * with blank lines between items, none, `[]`, a null, a flow list, a
 * flow mapping; and line ends LF, CRLF, none at the end. */
static const char *const plans[] = {
	"schema: trygg/1\n"
	"district: Testby\n"
	"situation: {}\n"
	"problems:\n"
	"  - id: P1\n"
	"    title: Buller\n"
	"    measures:\n"
	"      - id: P1.M1\n"
	"        text: Vakt\n"
	"        phase: 1\n"
	"\n"
	"      - id: P1.M2\n"
	"        text: Ljus\n"
	"        phase: 2\n"
	"  # the next problem\n"
	"  - id: P2\n"
	"    title: Klotter\n"
	"  - id: P3\n"
	"    title: Bränder\n"
	"    measures: []   # none yet\n"
	"  - id: P4\n"
	"    title: Skräp\n"
	"    measures:\n"
	"  - id: P5\n"
	"    title: Fart\n"
	"    measures: [{id: P5.M1, text: Drempel, phase: 1}]\n"
	"  - {id: P6, title: Mopeder}\n",

	"schema: trygg/1\r\n"
	"district: Testby\r\n"
	"situation: {}\r\n"
	"problems:\r\n"
	"- id: P1\r\n"
	"  title: Buller\r\n"
	"  measures:\r\n"
	"  - {id: P1.M1, text: Vakt, phase: 1}\r\n"
	"- id: P2\r\n"
	"  title: Klotter\r\n"
	"- id: P3\r\n"
	"  title: Bränder\r\n"
	"- id: P4\r\n"
	"  title: Skräp\r\n"
	"- id: P5\r\n"
	"  title: Fart\r\n"
	"- id: P6\r\n"
	"  title: Mopeder",
};

static struct tg_val *measure(const char *pid, int k)
{
	char id[32], text[64];
	snprintf(id, sizeof id, "%s.M%d", pid, 10 + k);
	snprintf(text, sizeof text, "Ny åtgärd %d: med kolon, och komma", k);
	struct tg_val *f = tg_val_map();
	tg_val_put(f, "text", tg_val_text(text));
	tg_val_put(f, "phase", tg_val_raw(k % 2 ? "1" : "2"));
	return tg_val_new_item(true, id, f);
}

/* Append `rounds` measures to each problem in turn, one at a time or in a
 * batch; a new problem in the middle (a change above the waiting ones).
 * Returns the text, or NULL. */
static char *run(const char *src, bool batch, int rounds)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	char *out = NULL;
	if (tg_edit_open("t.yaml", src, strlen(src), NULL, &e, &d))
		goto done;
	if (batch)
		tg_edit_batch(e);
	enum tg_status st = TG_OK;
	for (int r = 0; r < rounds && !st; r++) {
		const struct tg_plan *p;
		/* an append may apply waiting ones: the plan is asked again */
		for (size_t i = 0; !st && i < tg_edit_plan(e)->n_problems; i++) {
			p = tg_edit_plan(e);
			st = tg_edit_append(e, p->problems[i].node, "measures",
					    measure(p->problems[i].id, r), &d);
		}
		if (r == 1 && !st) {
			p = tg_edit_plan(e);
			struct tg_val *f = tg_val_map();
			tg_val_put(f, "title", tg_val_text("Ny"));
			st = tg_edit_append(e, p->doc->root, "problems", tg_val_new_item(false, "P9", f), &d);
		}
	}
	if (!st)
		st = tg_edit_flush(e, &d);
	size_t len;
	const char *t = st ? NULL : tg_edit_text(e, &len);
	if (t)
		out = strdup(t);
	for (size_t i = 0; i < d.n; i++)
		printf("# %s\n", d.v[i].msg);
done:
	tg_edit_free(e);
	tg_diags_release(&d);
	return out;
}

int main(void)
{
	for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
		char *one = run(plans[i], false, 3), *all = run(plans[i], true, 3);
		char what[100];
		snprintf(what, sizeof what, "plan %zu: the appends land one at a time", i + 1);
		ok(one != NULL, what);
		snprintf(what, sizeof what, "plan %zu: a batch writes the same bytes", i + 1);
		ok(one && all && !strcmp(one, all), what);
		if (one && all && strcmp(one, all))
			printf("# one at a time:\n%s\n# batch:\n%s\n", one, all);
		free(one);
		free(all);
	}

	/* a node of the plan before the waiting appends stays good for a set */
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	ok(!tg_edit_open("t.yaml", plans[0], strlen(plans[0]), NULL, &e, &d), "plan 1 opens");
	tg_edit_batch(e);
	const struct tg_plan *p = tg_edit_plan(e);
	const struct tg_node *p2 = p->problems[1].node;
	ok(!tg_edit_append(e, p->problems[0].node, "measures", measure("P1", 0), &d) &&
	   !tg_edit_append(e, p2, "measures", measure("P2", 0), &d) &&
	   !tg_edit_set(e, p2, "goal", tg_val_text("Tyst"), &d), "a set after waiting appends");
	p = tg_edit_plan(e);
	ok(p->problems[1].n_measures == 1 && p->problems[0].n_measures == 3 &&
	   !strcmp(tg_map_get(p->problems[1].node, "goal")->str, "Tyst"),
	   "the set and the appends are all there");
	tg_edit_free(e);

	/* a waiting item a strict reader would refuse is refused at the flush */
	ok(!tg_edit_open("t.yaml", plans[0], strlen(plans[0]), NULL, &e, &d), "plan 1 opens");
	tg_edit_batch(e);
	p = tg_edit_plan(e);
	enum tg_status st = tg_edit_append(e, p->problems[0].node, "measures", measure("P1", 0), &d);
	if (!st)
		st = tg_edit_append(e, p->problems[4].node, "measures", tg_val_raw("a?b"), &d);
	ok(!st && tg_edit_flush(e, &d) == TG_EDATA, "a raw 'a?b' in a flow list: refused");
	tg_edit_free(e);
	tg_diags_release(&d);

	/* sets wait too: values replaced, a key added, in block and flow
	 * mappings, beside appends; the same bytes as one at a time */
	for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
		char *out[2] = { NULL, NULL };
		for (int b = 0; b < 2; b++) {
			struct tg_edit *x;
			if (tg_edit_open("t.yaml", plans[i], strlen(plans[i]), NULL, &x, &d))
				continue;
			if (b)
				tg_edit_batch(x);
			st = TG_OK;
			static const char *const ids[] = { "P1.M1", "P5.M1", "P1.M2", "P3" };
			for (size_t k = 0; k < 4 && !st; k++) {
				const struct tg_plan *q = tg_edit_plan_for(x, ids[k], &d);
				bool m;
				const struct tg_node *n = q ? tg_plan_item(q, ids[k], &m) : NULL;
				if (!n)
					continue;   /* plan 2 has no P1.M2 */
				st = tg_edit_set(x, n, m ? "status" : "goal", tg_val_raw("done"), &d);
				if (!st && m)
					st = tg_edit_append(x, tg_edit_plan(x)->problems[1].node, "measures",
							    measure("P2", (int)k), &d);
			}
			if (!st) {
				/* a set of a value waiting: seen once the plan is asked for it */
				const struct tg_plan *q = tg_edit_plan_for(x, "P1.M1", &d);
				bool m;
				const struct tg_node *n = q ? tg_plan_item(q, "P1.M1", &m) : NULL;
				ok(n && !strcmp(tg_map_get(n, "status")->str, "done"),
				   b ? "a batch: tg_edit_plan_for shows a waiting set" : "one at a time: set");
				st = n ? tg_edit_set(x, n, "text", tg_val_text("Vakt: två"), &d) : TG_EDATA;
			}
			if (!st)
				st = tg_edit_flush(x, &d);
			size_t len;
			out[b] = st ? NULL : strdup(tg_edit_text(x, &len));
			tg_edit_free(x);
		}
		char what[100];
		snprintf(what, sizeof what, "plan %zu: sets in a batch write the same bytes", i + 1);
		ok(out[0] && out[1] && !strcmp(out[0], out[1]), what);
		if (out[0] && out[1] && strcmp(out[0], out[1]))
			printf("# one at a time:\n%s\n# batch:\n%s\n", out[0], out[1]);
		free(out[0]);
		free(out[1]);
	}
	for (size_t i = 0; i < d.n; i++)
		printf("# %s\n", d.v[i].msg);
	tg_diags_release(&d);

	return tap_done();
}
