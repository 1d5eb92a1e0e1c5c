/*
 * fuzz target "load": the loader and validator on arbitrary bytes, as a
 * plan file (without and with a workspace configuration) and as trygg.yaml.
 * Promise: any bytes give a plan or located errors, never a crash, a leak
 * or a hang; a plan's strings and indexes hold together.
 */
#include "fuzz.h"

#include <string.h>

static void walk_strings(const struct tg_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		(void)strlen(l->v[i]);
}

/* Touch everything the model points to, so a dangling pointer shows. */
static void walk_plan(const struct tg_plan *p)
{
	if (!p->district || !p->doc || !p->doc->root)
		fuzz_fail(NULL, "a plan without district or document");
	walk_strings(&p->areas);
	for (int s = 0; s < TG_NSOURCES; s++)
		for (size_t i = 0; i < p->sources[s].n_items; i++) {
			const struct tg_sitem *it = &p->sources[s].items[i];
			if (!it->title)
				fuzz_fail(NULL, "a situation item without title");
			walk_strings(&it->areas);
		}
	for (size_t j = 0; j < p->n_joint; j++)
		if (!p->joint[j].id || !p->joint[j].title)
			fuzz_fail(NULL, "a joint item without id or title");
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		if (!pr->id || !pr->title)
			fuzz_fail(NULL, "a problem without id or title");
		if (tg_plan_problem(p, pr->id) != pr)
			fuzz_fail(NULL, "tg_plan_problem(%s) finds another problem", pr->id);
		walk_strings(&pr->causes);
		walk_strings(&pr->subgoals);
		for (size_t m = 0; m < pr->n_measures; m++) {
			const struct tg_measure *me = &pr->measures[m];
			struct tg_problem *owner = NULL;
			if (!me->id || !me->text || me->phase < 1 || me->phase > 3)
				fuzz_fail(NULL, "a measure without id, text or phase 1-3");
			if (tg_plan_measure(p, me->id, &owner) != me || owner != pr)
				fuzz_fail(NULL, "tg_plan_measure(%s) finds another measure", me->id);
			walk_strings(&me->responsible);
		}
		for (size_t f = 0; f < pr->n_followups; f++)
			walk_strings(&pr->followups[f].measures);
	}
	struct tg_val *v = tg_val_from_node(p->doc->root);
	if (!tg_val_equal(v, v))
		fuzz_fail(NULL, "a value is not equal to itself");
	tg_val_free(v);
}

static void plan(const char *src, size_t len, const struct tg_config *cfg)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_plan *p = (struct tg_plan *)&d;   /* must be reset to NULL */
	enum tg_status st = tg_plan_parse("fuzz.yaml", src, len, cfg, &p, &d);
	fuzz_check_result(cfg ? "tg_plan_parse (with trygg.yaml)" : "tg_plan_parse", st, p, &d,
			  src, len);
	if (p)
		walk_plan(p);
	tg_plan_free(p);
	tg_diags_release(&d);
}

static void config(const char *src, size_t len)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_config *c = (struct tg_config *)&d;
	enum tg_status st = tg_config_parse("trygg.yaml", src, len, &c, &d);
	fuzz_check_result("tg_config_parse", st, c, &d, src, len);
	if (c) {
		if (!c->language || (strcmp(c->language, "sv") && strcmp(c->language, "en")))
			fuzz_fail(NULL, "a configuration whose language is neither sv nor en");
		walk_strings(&c->organisations);
		for (size_t i = 0; i < c->n_synonyms; i++)
			walk_strings(&c->synonyms[i]);
	}
	tg_config_free(c);
	tg_diags_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	plan(src, size, NULL);
	plan(src, size, fuzz_config());
	config(src, size);
	return 0;
}
