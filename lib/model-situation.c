/*
 * model-situation: the situation pictures of a plan file and the joint
 * picture made from them (trygg-plan(5), "situation"), read and checked
 * for lib/model.c.
 */
#include "model-int.h"

#include <string.h>

static void load_by_area(struct ctx *c, struct tg_plan *p, const struct tg_node *v,
			 struct tg_sitem *it)
{
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_MAP, "by_area"))
		return;
	it->by_area = tg_arena_alloc(c->a, (v->n / 2 + 1) * sizeof *it->by_area);
	struct tg_strlist names = { tg_arena_alloc(c->a, (v->n / 2 + 1) * sizeof(char *)), 0, NULL };
	for (size_t j = 0; j + 1 < v->n; j += 2) {
		struct tg_area_share *a = &it->by_area[it->n_by_area];
		a->area = v->kids[j]->str;
		if (tgi_md_number(c, v->kids[j + 1], a->area, 0, 1, &a->share))
			it->n_by_area++;
		names.v[names.n++] = a->area;
	}
	/* the keys are areas: the district's, when it lists them */
	names.node = v;
	if (p->areas.node)
		for (size_t j = 0; j < names.n; j++) {
			bool found = false;
			for (size_t q = 0; q < p->areas.n && !found; q++)
				found = !strcmp(names.v[j], p->areas.v[q]);
			if (!found)
				ERR(c, v->kids[2 * j], "area '%s' is not one of the district's areas",
				    names.v[j]);
		}
}

static void load_sitem(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
		       struct tg_sitem *it)
{
	it->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "problems"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_situation_item, "a situation item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_SITEM_TITLE: it->title = tgi_md_text(c, v, "title"); break;
		case TG_SITEM_AREAS: tgi_md_strlist(c, v, "areas", &it->areas); tgi_check_areas(c, p, &it->areas); break;
		case TG_SITEM_GROUP: { int g = tgi_md_enumeration(c, v, "group", tg_group_names); if (g > 0) it->group = g; break; }
		case TG_SITEM_SHARE: it->has_share = tgi_md_number(c, v, "share", 0, 1, &it->share); break;
		case TG_SITEM_BY_AREA: load_by_area(c, p, v, it); break;
		case TG_SITEM_INDEX: it->has_index = tgi_md_number(c, v, "index", 0, 6, &it->index); break;
		case TG_SITEM_NOTE: it->note = tgi_md_opt_text(c, v, "note"); break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_situation_item, "a situation item");
}

static void load_source(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
			struct tg_source *s)
{
	s->node = n;
	for (int g = 0; g < 4; g++)
		s->respondents[g] = -1;
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_MAP, tg_source_names[s - p->sources]))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_source, "a situation picture");
		switch (idx) {
		case TG_SRC_DATE: s->date = tgi_md_date(c, v, "date"); break;
		case TG_SRC_RESPONDENTS:
			if (!tgi_md_want(c, v, TG_MAP, "respondents"))
				break;
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				const struct tg_node *rk = v->kids[j], *rv = v->kids[j + 1];
				int ridx = tgi_md_key_index(c, rk, &tg_schema_respondents, "respondents");
				if (ridx >= 0)
					tgi_md_integer(c, rv, rk->str, 0, 100000000, &s->respondents[ridx + 1]);
			}
			break;
		case TG_SRC_PROBLEMS:
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "problems"))
				break;
			s->items = tg_arena_alloc(c->a, (v->n + 1) * sizeof *s->items);
			s->n_items = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_sitem(c, p, v->kids[j], &s->items[j]);
			break;
		}
	}
}

/* A mapping of dates or a date and a name: decided {date, by}, period
 * {from, to}.  The first key's value goes to *a, the second's to *b; a
 * date key is checked as a date. */
void tgi_load_pair(struct ctx *c, const struct tg_node *n, const char *key,
		      const struct tg_schema_node *node, const char **a, const char **b)
{
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_MAP, key))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, node, key);
		if (idx < 0)
			continue;
		if (!tg_node_null(v))
			seen |= 1u << idx;
		const char **to = idx == 0 ? a : b;
		*to = node->keys[idx].type == TG_TYPE_DATE ? tgi_md_date(c, v, k->str)
							   : tgi_md_opt_text(c, v, k->str);
	}
	tgi_md_require(c, n, seen, node, key);
}

static void load_joint(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
		       struct tg_joint *j)
{
	j->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "joint"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_joint, "a joint item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_JOINT_ID:
			j->id = tgi_md_text(c, v, "id");
			if (j->id && !tg_id_is(j->id, "S")) {
				ERR(c, v, "bad id '%s' for a joint item (expected S<number>, e.g. S1%s)", j->id,
				    tg_id_too_long(j->id) ? TOO_LONG : "");
				j->id = NULL;
			}
			break;
		case TG_JOINT_TITLE: j->title = tgi_md_text(c, v, "title"); break;
		case TG_JOINT_AREAS: tgi_md_strlist(c, v, "areas", &j->areas); tgi_check_areas(c, p, &j->areas); break;
		case TG_JOINT_SOURCES:
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "sources"))
				break;
			for (size_t m = 0; m < v->n; m++) {
				int s = tgi_md_enumeration(c, v->kids[m], "sources", tg_source_names);
				if (s >= 0)
					j->sources |= 1u << s;
			}
			break;
		case TG_JOINT_SHARE: j->has_share = tgi_md_number(c, v, "share", 0, 1, &j->share); break;
		case TG_JOINT_DECISION: {
			int dcs = tgi_md_enumeration(c, v, "decision", tg_decision_names);
			j->decision = dcs < 0 ? TG_DECISION_NONE : (enum tg_decision)(dcs + 1);
			break;
		}
		case TG_JOINT_RANK: {
			const struct tg_key *rk = &tg_schema_joint.keys[TG_JOINT_RANK];
			tgi_md_integer(c, v, "rank", (long)rk->min, (long)rk->max, &j->rank);
			break;
		}
		case TG_JOINT_RATIONALE: j->rationale = tgi_md_opt_text(c, v, "rationale"); break;
		case TG_JOINT_DECIDED:
			tgi_load_pair(c, v, "decided", &tg_schema_decided, &j->decided_date, &j->decided_by);
			break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_joint, "a joint item");
}

void tgi_load_situation(struct ctx *c, struct tg_plan *p, const struct tg_node *n)
{
	p->situation = n;
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_MAP, "situation"))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_situation, "situation");
		if (idx >= 0 && idx < TG_NSOURCES) {
			load_source(c, p, v, &p->sources[idx]);
		} else if (idx == TG_SIT_JOINT) {
			p->joint_node = v;
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "joint"))
				continue;
			p->joint = tg_arena_alloc(c->a, (v->n + 1) * sizeof *p->joint);
			p->n_joint = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_joint(c, p, v->kids[j], &p->joint[j]);
		}
	}
}
