/*
 * model: validate a district plan's tg_doc against schema trygg/1 and
 * build the typed model (the workspace file: lib/config.c).
 *
 * Every check reports at the node it concerns and goes on, so `trygg check`
 * lists all problems of a file in one run.  The key tables below are the
 * contract of trygg-plan(5); keys starting with "x-" are the user's own.
 */
#include "model-int.h"

#include <stdlib.h>
#include <string.h>

const char *const tg_source_names[] = { "police", "district", "survey", NULL };
const char *const tg_group_names[] = { "", "residents", "businesses", "associations", NULL };
const char *const tg_term_names[] = { "", "short", "long", "mobilisation", NULL };
const char *const tg_kind_names[] = { "", "situational", "social", NULL };
const char *const tg_status_names[] = { "proposed", "planned", "ongoing", "done", "cancelled", NULL };

static bool id_like(const char *s, char prefix)
{
	if (s[0] != prefix || s[1] < '1' || s[1] > '9')
		return false;
	for (s += 2; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* P<n>.M<k> whose problem part is pid. */
static bool measure_id_like(const char *s, const char *pid)
{
	size_t l = strlen(pid);
	return !strncmp(s, pid, l) && s[l] == '.' && id_like(s + l + 1, 'M');
}


static void check_areas(struct ctx *c, const struct tg_plan *p, const struct tg_strlist *l)
{
	if (!p->areas.node)
		return;
	for (size_t i = 0; i < l->n; i++) {
		bool found = false;
		for (size_t j = 0; j < p->areas.n && !found; j++)
			found = !strcmp(l->v[i], p->areas.v[j]);
		if (found)
			continue;
		const struct tg_node *n = l->node->kids[i];
		const char *s = tg_diag_wanted(c->d, c->doc->path) ? tg_suggest(l->v[i], p->areas.v)
								   : NULL;
		if (s)
			ERR(c, n, "area '%s' is not one of the district's areas (did you mean '%s'?)", l->v[i], s);
		else
			ERR(c, n, "area '%s' is not one of the district's areas", l->v[i]);
	}
}

static void load_sitem(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
		       struct tg_sitem *it)
{
	it->node = n;
	if (!md_want(c, n, TG_MAP, "problems"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_situation_item, "a situation item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: it->title = md_text(c, v, "title"); break;
		case 1: md_strlist(c, v, "areas", &it->areas); check_areas(c, p, &it->areas); break;
		case 2: { int g = md_enumeration(c, v, "group", tg_group_names); if (g > 0) it->group = g; break; }
		case 3: it->has_share = md_number(c, v, "share", 0, 1, &it->share); break;
		case 4: it->has_index = md_number(c, v, "index", 0, 6, &it->index); break;
		case 5: it->note = md_opt_text(c, v, "note"); break;
		}
	}
	md_require(c, n, seen, &tg_schema_situation_item, "a situation item");
}

static void load_source(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
			struct tg_source *s)
{
	s->node = n;
	for (int g = 0; g < 4; g++)
		s->respondents[g] = -1;
	if (tg_node_null(n) || !md_want(c, n, TG_MAP, tg_source_names[s - p->sources]))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_source, "a situation picture");
		switch (idx) {
		case 0: s->date = md_date(c, v, "date"); break;
		case 1:
			if (!md_want(c, v, TG_MAP, "respondents"))
				break;
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				const struct tg_node *rk = v->kids[j], *rv = v->kids[j + 1];
				int ridx = md_key_index(c, rk, &tg_schema_respondents, "respondents");
				if (ridx >= 0)
					md_integer(c, rv, rk->str, 0, 100000000, &s->respondents[ridx + 1]);
			}
			break;
		case 2:
			if (tg_node_null(v) || !md_want(c, v, TG_SEQ, "problems"))
				break;
			s->items = tg_arena_alloc(c->a, (v->n + 1) * sizeof *s->items);
			s->n_items = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_sitem(c, p, v->kids[j], &s->items[j]);
			break;
		}
	}
}

static void load_joint(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
		       struct tg_joint *j)
{
	j->node = n;
	if (!md_want(c, n, TG_MAP, "joint"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_joint, "a joint item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0:
			j->id = md_text(c, v, "id");
			if (j->id && !id_like(j->id, 'S')) {
				ERR(c, v, "bad id '%s' for a joint item (expected S<number>, e.g. S1)", j->id);
				j->id = NULL;
			}
			break;
		case 1: j->title = md_text(c, v, "title"); break;
		case 2: md_strlist(c, v, "areas", &j->areas); check_areas(c, p, &j->areas); break;
		case 3:
			if (tg_node_null(v) || !md_want(c, v, TG_SEQ, "sources"))
				break;
			for (size_t m = 0; m < v->n; m++) {
				int s = md_enumeration(c, v->kids[m], "sources", tg_source_names);
				if (s >= 0)
					j->sources |= 1u << s;
			}
			break;
		case 4: j->has_share = md_number(c, v, "share", 0, 1, &j->share); break;
		}
	}
	md_require(c, n, seen, &tg_schema_joint, "a joint item");
}

static void load_situation(struct ctx *c, struct tg_plan *p, const struct tg_node *n)
{
	p->situation = n;
	if (tg_node_null(n) || !md_want(c, n, TG_MAP, "situation"))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_situation, "situation");
		if (idx >= 0 && idx < TG_NSOURCES) {
			load_source(c, p, v, &p->sources[idx]);
		} else if (idx == 3) {
			p->joint_node = v;
			if (tg_node_null(v) || !md_want(c, v, TG_SEQ, "joint"))
				continue;
			p->joint = tg_arena_alloc(c->a, (v->n + 1) * sizeof *p->joint);
			p->n_joint = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_joint(c, p, v->kids[j], &p->joint[j]);
		}
	}
}

static void strategic(struct ctx *c, const struct tg_node *n, struct tg_intlist *l)
{
	md_intlist(c, n, "strategic_areas", 1000, l);
	if (!c->cfg || !l->node)
		return;
	for (size_t i = 0; i < l->n; i++) {
		bool found = false;
		for (size_t j = 0; j < c->cfg->n_areas && !found; j++)
			found = c->cfg->areas[j].id == l->v[i];
		if (!found)
			ERR(c, l->node->kids[i],
			    "strategic area %d is not in the programme (trygg.yaml lists %zu areas)",
			    l->v[i], c->cfg->n_areas);
	}
}

static void check_responsible(struct ctx *c, const struct tg_strlist *l)
{
	if (!c->cfg || !c->cfg->organisations.n)
		return;
	const struct tg_strlist *orgs = &c->cfg->organisations;
	for (size_t i = 0; i < l->n; i++) {
		/* most are written as trygg.yaml writes them: try that first */
		bool found = false;
		for (size_t j = 0; j < orgs->n && !found; j++)
			found = !strcmp(l->v[i], orgs->v[j]);
		for (size_t j = 0; j < orgs->n && !found; j++)
			found = !tg_casecmp(l->v[i], orgs->v[j]);
		if (found)
			continue;
		const char *s = tg_diag_wanted(c->d, c->doc->path) ? tg_suggest(l->v[i], orgs->v) : NULL;
		if (s)
			WARN(c, l->node->kids[i], "'%s' is not a known organisation (did you mean '%s'?)", l->v[i], s);
		else
			WARN(c, l->node->kids[i], "'%s' is not a known organisation (add it to 'organisations' in trygg.yaml)", l->v[i]);
	}
}

static void load_measure(struct ctx *c, struct tg_problem *pr, const struct tg_node *n,
			 struct tg_measure *m)
{
	m->node = n;
	if (!md_want(c, n, TG_MAP, "measures"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_measure, "a measure");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0:
			m->id = md_text(c, v, "id");
			if (m->id && pr->id && !measure_id_like(m->id, pr->id)) {
				ERR(c, v, "bad id '%s' for a measure of %s (expected %s.M<number>, e.g. %s.M1)",
				    m->id, pr->id, pr->id, pr->id);
				m->id = NULL;
			}
			break;
		case 1: m->text = md_text(c, v, "text"); break;
		case 2: {
			static const char *const phases[] = { "1", "2", "3", NULL };
			int ph = md_enumeration(c, v, "phase", phases);
			m->phase = ph + 1;
			break;
		}
		case 3: { int t = md_enumeration(c, v, "term", tg_term_names); if (t > 0) m->term = t; break; }
		case 4: { int t = md_enumeration(c, v, "kind", tg_kind_names); if (t > 0) m->kind = t; break; }
		case 5: md_strlist(c, v, "responsible", &m->responsible); check_responsible(c, &m->responsible); break;
		case 6: m->due = md_date(c, v, "due"); break;
		case 7: { int s = md_enumeration(c, v, "status", tg_status_names); if (s >= 0) m->status = s; break; }
		case 8: strategic(c, v, &m->strategic_areas); break;
		}
	}
	md_require(c, n, seen, &tg_schema_measure, "a measure");
}

static void load_point(struct ctx *c, const struct tg_node *n, const char *key,
		       struct tg_point *pt)
{
	if (tg_node_null(n) || !md_want(c, n, TG_MAP, key))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_point, key);
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		if (idx == 0)
			pt->set = md_number(c, v, "value", -1e12, 1e12, &pt->value);
		else if (idx == 1)
			pt->date = md_date(c, v, "date");
	}
	md_require(c, n, seen, &tg_schema_point, key);
}

static void load_indicator(struct ctx *c, const struct tg_node *n, struct tg_indicator *ind)
{
	ind->node = n;
	if (!md_want(c, n, TG_MAP, "indicators"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_indicator, "an indicator");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: ind->name = md_text(c, v, "name"); break;
		case 1: load_point(c, v, "baseline", &ind->baseline); break;
		case 2: load_point(c, v, "target", &ind->target); break;
		}
	}
	md_require(c, n, seen, &tg_schema_indicator, "an indicator");
}

static void load_followup(struct ctx *c, struct tg_problem *pr, const struct tg_node *n,
			  struct tg_followup *f)
{
	f->node = n;
	if (!md_want(c, n, TG_MAP, "followups"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_followup, "a follow-up");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: f->date = md_date(c, v, "date"); break;
		case 1: md_strlist(c, v, "measures", &f->measures); break;
		case 2: f->done = md_opt_text(c, v, "done"); break;
		case 3: f->effect = md_opt_text(c, v, "effect"); break;
		case 4:
			if (tg_node_null(v) || !md_want(c, v, TG_MAP, "indicators"))
				break;
			f->readings = tg_arena_alloc(c->a, (v->n / 2 + 1) * sizeof *f->readings);
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				struct tg_reading *r = &f->readings[f->n_readings];
				const struct tg_node *name = v->kids[j];
				bool known = false;
				for (size_t q = 0; q < pr->n_indicators && !known; q++)
					known = pr->indicators[q].name && !strcmp(pr->indicators[q].name, name->str);
				if (!known) {
					ERR(c, name, "follow-up names indicator '%s', which %s does not define",
					    name->str, pr->id ? pr->id : "the problem");
					continue;
				}
				r->name = name->str;
				if (md_number(c, v->kids[j + 1], name->str, -1e12, 1e12, &r->value))
					f->n_readings++;
			}
			break;
		}
	}
	md_require(c, n, seen, &tg_schema_followup, "a follow-up");
}

static void load_problem(struct ctx *c, const struct tg_node *n, struct tg_problem *pr)
{
	pr->node = n;
	if (!md_want(c, n, TG_MAP, "problems"))
		return;
	/* The id first: measures are checked against it. */
	const struct tg_node *idn = tg_map_get(n, "id");
	if (idn) {
		pr->id = md_text(c, idn, "id");
		if (pr->id && !id_like(pr->id, 'P')) {
			ERR(c, idn, "bad id '%s' for a problem (expected P<number>, e.g. P1)", pr->id);
			pr->id = NULL;
		}
	}
	/* Indicators before follow-ups, which name them. */
	const struct tg_node *inds = tg_map_get(n, "indicators");
	if (inds && !tg_node_null(inds) && md_want(c, inds, TG_SEQ, "indicators")) {
		pr->indicators = tg_arena_alloc(c->a, (inds->n + 1) * sizeof *pr->indicators);
		pr->n_indicators = inds->n;
		for (size_t j = 0; j < inds->n; j++)
			load_indicator(c, inds->kids[j], &pr->indicators[j]);
	}
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = md_key_index(c, k, &tg_schema_problem, "a problem");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 1: pr->title = md_text(c, v, "title"); break;
		case 2: pr->situation = md_opt_text(c, v, "situation"); break;
		case 3: md_strlist(c, v, "causes", &pr->causes); break;
		case 4: pr->goal = md_opt_text(c, v, "goal"); break;
		case 6: md_strlist(c, v, "subgoals", &pr->subgoals); break;
		case 7: strategic(c, v, &pr->strategic_areas); break;
		case 8:
			if (tg_node_null(v) || !md_want(c, v, TG_SEQ, "measures"))
				break;
			pr->measures = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->measures);
			pr->n_measures = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_measure(c, pr, v->kids[j], &pr->measures[j]);
			break;
		case 9:
			if (tg_node_null(v) || !md_want(c, v, TG_SEQ, "followups"))
				break;
			pr->followups = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->followups);
			pr->n_followups = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_followup(c, pr, v->kids[j], &pr->followups[j]);
			break;
		}
	}
	md_require(c, n, seen, &tg_schema_problem, "a problem");
}

struct idref { const char *id; const struct tg_node *node; };

static int cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->node->start < y->node->start ? -1 : x->node->start > y->node->start;
}

static void check_ids(struct ctx *c, struct tg_plan *p)
{
	size_t n = p->n_joint;
	for (size_t i = 0; i < p->n_problems; i++)
		n += 1 + p->problems[i].n_measures;
	struct idref *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < p->n_joint; i++)
		if (p->joint[i].id)
			v[k++] = (struct idref){ p->joint[i].id, tg_map_get(p->joint[i].node, "id") };
	for (size_t i = 0; i < p->n_problems; i++) {
		struct tg_problem *pr = &p->problems[i];
		if (pr->id)
			v[k++] = (struct idref){ pr->id, tg_map_get(pr->node, "id") };
		for (size_t j = 0; j < pr->n_measures; j++)
			if (pr->measures[j].id)
				v[k++] = (struct idref){ pr->measures[j].id, tg_map_get(pr->measures[j].node, "id") };
	}
	qsort(v, k, sizeof *v, cmp_idref);
	for (size_t i = 1; i < k; i++)
		if (!strcmp(v[i].id, v[i - 1].id))
			ERR(c, v[i].node, "duplicate id '%s' (first at line %u)", v[i].id, v[i - 1].node->line);
	free(v);

	for (size_t i = 0; i < p->n_problems; i++) {
		struct tg_problem *pr = &p->problems[i];
		if (pr->situation) {
			bool found = false;
			for (size_t j = 0; j < p->n_joint && !found; j++)
				found = p->joint[j].id && !strcmp(p->joint[j].id, pr->situation);
			if (!found)
				ERR(c, tg_map_get(pr->node, "situation"),
				    "'situation' names '%s', which is not an item of situation.joint",
				    pr->situation);
		}
		for (size_t f = 0; f < pr->n_followups; f++) {
			struct tg_strlist *l = &pr->followups[f].measures;
			for (size_t m = 0; m < l->n; m++) {
				bool found = false;
				for (size_t q = 0; q < pr->n_measures && !found; q++)
					found = pr->measures[q].id && !strcmp(pr->measures[q].id, l->v[m]);
				if (!found)
					ERR(c, l->node->kids[m],
					    "follow-up names '%s', which is not a measure of %s",
					    l->v[m], pr->id ? pr->id : "this problem");
			}
		}
	}
}

static enum tg_status plan_from_doc(struct tg_doc *doc, const struct tg_config *cfg,
				    struct tg_plan **out, struct tg_diags *d)
{
	size_t errors = d->errors;
	struct tg_plan *p = xcalloc(1, sizeof *p);
	p->doc = doc;
	struct ctx c = { doc, d, doc->arena, cfg };
	*out = NULL;
	for (int s = 0; s < TG_NSOURCES; s++)
		for (int g = 0; g < 4; g++)
			p->sources[s].respondents[g] = -1;
	if (md_root_map(&c, "a district plan")) {
		const struct tg_node *root = doc->root;
		unsigned seen = 0;
		/* areas first: situation items are checked against them */
		const struct tg_node *areas = tg_map_get(root, "areas");
		if (areas)
			md_strlist(&c, areas, "areas", &p->areas);
		md_check_schema(&c, root);
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const struct tg_node *k = root->kids[i], *v = root->kids[i + 1];
			int idx = md_key_index(&c, k, &tg_schema_plan, "a district plan");
			if (idx >= 0 && !tg_node_null(v))
				seen |= 1u << idx;
			switch (idx) {
			case 1: p->district = md_text(&c, v, "district"); break;
			case 3: load_situation(&c, p, v); break;
			case 4:
				p->problems_node = v;
				if (tg_node_null(v) || !md_want(&c, v, TG_SEQ, "problems"))
					break;
				p->problems = tg_arena_alloc(c.a, (v->n + 1) * sizeof *p->problems);
				p->n_problems = v->n;
				for (size_t j = 0; j < v->n; j++)
					load_problem(&c, v->kids[j], &p->problems[j]);
				break;
			}
		}
		md_require(&c, root, seen, &tg_schema_plan, "the plan");
		check_ids(&c, p);
	}
	if (d->errors > errors) {
		tg_plan_free(p);
		return TG_EDATA;
	}
	*out = p;
	return TG_OK;
}

enum tg_status tg_plan_parse(const char *path, const char *src, size_t len,
			     const struct tg_config *cfg, struct tg_plan **out,
			     struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_parse(path, src, len, &doc, d);
	return st ? st : plan_from_doc(doc, cfg, out, d);
}

enum tg_status tg_plan_parse_owned(const char *path, char *src, size_t len,
				   const struct tg_config *cfg, struct tg_plan **out,
				   struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_parse_owned(path, src, len, &doc, d);
	return st ? st : plan_from_doc(doc, cfg, out, d);
}

enum tg_status tg_plan_load(const char *path, const struct tg_config *cfg,
			    struct tg_plan **out, struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_load(path, &doc, d);
	return st ? st : plan_from_doc(doc, cfg, out, d);
}

void tg_plan_free(struct tg_plan *plan)
{
	if (!plan)
		return;
	tg_doc_free(plan->doc);
	free(plan);
}

struct tg_problem *tg_plan_problem(const struct tg_plan *plan, const char *id)
{
	for (size_t i = 0; i < plan->n_problems; i++)
		if (plan->problems[i].id && !strcmp(plan->problems[i].id, id))
			return &plan->problems[i];
	return NULL;
}

struct tg_measure *tg_plan_measure(const struct tg_plan *plan, const char *id,
				   struct tg_problem **owner)
{
	for (size_t i = 0; i < plan->n_problems; i++) {
		struct tg_problem *pr = &plan->problems[i];
		for (size_t j = 0; j < pr->n_measures; j++)
			if (pr->measures[j].id && !strcmp(pr->measures[j].id, id)) {
				if (owner)
					*owner = pr;
				return &pr->measures[j];
			}
	}
	return NULL;
}

const struct tg_reading *tg_latest_reading(const struct tg_problem *p, const char *name,
					   const char **date)
{
	const struct tg_reading *best = NULL;
	const char *best_date = NULL;
	for (size_t f = 0; f < p->n_followups; f++) {
		const struct tg_followup *fu = &p->followups[f];
		for (size_t i = 0; i < fu->n_readings; i++)
			if (!strcmp(fu->readings[i].name, name) &&
			    (!best_date || (fu->date && strcmp(fu->date, best_date) >= 0))) {
				best = &fu->readings[i];
				best_date = fu->date ? fu->date : "";
			}
	}
	if (date)
		*date = best_date;
	return best;
}
