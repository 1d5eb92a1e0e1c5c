/*
 * model: validate a district plan's tg_doc against schema trygg/1 or /2 and
 * build the typed model (the workspace file: lib/config.c).
 *
 * Every check reports at the node it concerns and goes on, so `trygg check`
 * lists all problems of a file in one run.  The key tables below are the
 * contract of trygg-plan(5); keys starting with "x-" are the user's own.
 */
#include "model-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tg_source_names[] = { "police", "district", "survey", NULL };
const char *const tg_group_names[] = { "", "residents", "businesses", "associations", NULL };
const char *const tg_term_names[] = { "", "short", "long", "mobilisation", NULL };
const char *const tg_kind_names[] = { "", "situational", "social", NULL };
const char *const tg_status_names[] = { "proposed", "planned", "ongoing", "done", "cancelled", NULL };
const char *const tg_decision_names[] = { "prioritised", "watch", "not_prioritised", NULL };
const char *const tg_unit_names[] = { "share", "count", "index", "rate", NULL };
const char *const tg_direction_names[] = { "down", "up", NULL };
const char *const tg_origin_names[] = { "plan", "followup", NULL };
const char *const tg_outcome_names[] = { "met", "partly", "not_met", NULL };
const char *const tg_phase_values[TG_NPHASES + 1] = { "1", "2", "3", NULL };

void tgi_check_areas(struct ctx *c, const struct tg_plan *p, const struct tg_strlist *l)
{
	if (!p->areas.node)
		return;
	for (size_t i = 0; i < l->n; i++) {
		bool found = false;
		for (size_t j = 0; j < p->areas.n && !found; j++)
			found = !strcmp(l->v[i], p->areas.v[j]);
		if (found)
			continue;
		struct buf hint = BUF_INIT;
		ERR(c, l->node->kids[i], "area '%s' is not one of the district's areas%s", l->v[i],
		    tg_diag_wanted(c->d, c->doc->path) ? tg_did_you_mean(&hint, l->v[i], p->areas.v)
						       : "");
		buf_release(&hint);
	}
}

static void strategic(struct ctx *c, const struct tg_node *n, struct tg_intlist *l)
{
	tgi_md_intlist(c, n, "strategic_areas", 1000, l);
	if (!c->cfg || !l->node)
		return;
	for (size_t i = 0; i < l->n; i++) {
		if (!tg_config_has_area(c->cfg, l->v[i]))
			ERR(c, l->node->kids[i],
			    "strategic area %d is not in the programme (trygg.yaml lists %zu areas)",
			    l->v[i], c->cfg->n_areas);
	}
}

/* The Police's initiatives by id: checked against trygg.yaml when it
 * lists them with ids (schema trygg/2). */
static void initiatives(struct ctx *c, const struct tg_node *n, struct tg_intlist *l)
{
	tgi_md_intlist(c, n, "initiatives", 1000, l);
	if (!c->cfg || !c->cfg->inits || !l->node)
		return;
	for (size_t i = 0; i < l->n; i++) {
		if (!tg_config_has_initiative(c->cfg, l->v[i]))
			ERR(c, l->node->kids[i],
			    "initiative %d is not in trygg.yaml (it lists %zu initiatives)",
			    l->v[i], c->cfg->n_inits);
	}
}

static void check_responsible(struct ctx *c, const struct tg_strlist *l)
{
	if (!c->cfg)
		return;
	struct buf msg = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (tg_config_has_organisation(c->cfg, l->v[i]))
			continue;
		tg_organisation_warning(&msg, c->cfg, l->v[i], tg_diag_wanted(c->d, c->doc->path));
		WARN(c, l->node->kids[i], "%s", msg.s);
	}
	buf_release(&msg);
}

static void load_history(struct ctx *c, const struct tg_node *v, struct tg_measure *m)
{
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "history"))
		return;
	m->history = tg_arena_alloc(c->a, (v->n + 1) * sizeof *m->history);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *e = v->kids[j];
		if (!tgi_md_want(c, e, TG_MAP, "history"))
			continue;
		struct tg_history h = { NULL, TG_PROPOSED };
		unsigned seen = 0;
		bool ok = true;
		for (size_t i = 0; i + 1 < e->n; i += 2) {
			const struct tg_node *k = e->kids[i], *val = e->kids[i + 1];
			int idx = tgi_md_key_index(c, k, &tg_schema_history, "a history entry");
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == TG_HIST_DATE) {
				h.date = tgi_md_date(c, val, "date");
			} else if (idx == TG_HIST_STATUS) {
				int st = tgi_md_enumeration(c, val, "status", tg_status_names);
				ok = st >= 0;
				h.status = ok ? (enum tg_mstatus)st : TG_PROPOSED;
			}
		}
		tgi_md_require(c, e, seen, &tg_schema_history, "a history entry");
		/* only the first entry may be undated: "since before the records" */
		if (!(seen & (1u << TG_HIST_DATE)) && j > 0)
			ERR(c, e, "only the first entry of 'history' may be without a date");
		if (ok && (seen & (1u << TG_HIST_STATUS)))
			m->history[m->n_history++] = h;
	}
}

static void load_measure(struct ctx *c, struct tg_plan *p, struct tg_problem *pr,
			 const struct tg_node *n, struct tg_measure *m)
{
	m->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "measures"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_measure, "a measure");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_MEAS_ID:
			m->id = tgi_md_text(c, v, "id");
			if (m->id && pr->id && !tg_child_id_is(m->id, pr->id, 'M')) {
				ERR(c, v, "bad id '%s' for a measure of %s (expected %s.M<number>, e.g. %s.M1%s)",
				    m->id, pr->id, pr->id, pr->id,
				    tg_id_too_long(m->id) ? TOO_LONG : "");
				m->id = NULL;
			}
			break;
		case TG_MEAS_TEXT: m->text = tgi_md_text(c, v, "text"); break;
		case TG_MEAS_PHASE: {
			int ph = tgi_md_enumeration(c, v, "phase", tg_phase_values);
			m->phase = ph + 1;
			break;
		}
		case TG_MEAS_ORIGIN: {
			int o = tgi_md_enumeration(c, v, "origin", tg_origin_names);
			m->origin = o < 0 ? TG_ORIGIN_PLAN : (enum tg_origin)o;
			break;
		}
		case TG_MEAS_TERM: { int t = tgi_md_enumeration(c, v, "term", tg_term_names); if (t > 0) m->term = t; break; }
		case TG_MEAS_KIND: { int t = tgi_md_enumeration(c, v, "kind", tg_kind_names); if (t > 0) m->kind = t; break; }
		case TG_MEAS_RESPONSIBLE: tgi_md_strlist(c, v, "responsible", &m->responsible); check_responsible(c, &m->responsible); break;
		case TG_MEAS_DUE: m->due = tgi_md_date(c, v, "due"); break;
		case TG_MEAS_STATUS: { int s = tgi_md_enumeration(c, v, "status", tg_status_names); if (s >= 0) m->status = s; break; }
		case TG_MEAS_AREAS: tgi_md_strlist(c, v, "areas", &m->areas); tgi_check_areas(c, p, &m->areas); break;
		case TG_MEAS_INITIATIVES: initiatives(c, v, &m->initiatives); break;
		case TG_MEAS_STRATEGIC_AREAS: strategic(c, v, &m->strategic_areas); break;
		case TG_MEAS_HISTORY: load_history(c, v, m); break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_measure, "a measure");
}

static void load_point(struct ctx *c, const struct tg_node *n, const char *key,
		       struct tg_point *pt)
{
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_MAP, key))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_point, key);
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		if (idx == TG_POINT_VALUE)
			pt->set = tgi_md_number(c, v, "value", -1e12, 1e12, &pt->value);
		else if (idx == TG_POINT_DATE)
			pt->date = tgi_md_date(c, v, "date");
	}
	tgi_md_require(c, n, seen, &tg_schema_point, key);
}

static void load_readings(struct ctx *c, const struct tg_node *v, struct tg_indicator *ind)
{
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "readings"))
		return;
	ind->readings = tg_arena_alloc(c->a, (v->n + 1) * sizeof *ind->readings);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *e = v->kids[j];
		if (!tgi_md_want(c, e, TG_MAP, "readings"))
			continue;
		struct tg_dated r = { NULL, 0, NULL };
		unsigned seen = 0;
		bool ok = true;
		for (size_t i = 0; i + 1 < e->n; i += 2) {
			const struct tg_node *k = e->kids[i], *val = e->kids[i + 1];
			int idx = tgi_md_key_index(c, k, &tg_schema_reading, "a reading");
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == TG_READING_DATE)
				ok &= (r.date = tgi_md_date(c, val, "date")) != NULL;
			else if (idx == TG_READING_VALUE)
				ok &= tgi_md_number(c, val, "value", -1e12, 1e12, &r.value);
			else if (idx == TG_READING_NOTE)
				r.note = tgi_md_opt_text(c, val, "note");
		}
		tgi_md_require(c, e, seen, &tg_schema_reading, "a reading");
		if (ok && (seen & 3u) == 3u)
			ind->readings[ind->n_readings++] = r;
	}
}

static void load_indicator(struct ctx *c, struct tg_problem *pr, const struct tg_node *n,
			   struct tg_indicator *ind)
{
	ind->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "indicators"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_indicator, "an indicator");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_IND_ID:
			ind->id = tgi_md_text(c, v, "id");
			if (ind->id && pr->id && !tg_child_id_is(ind->id, pr->id, 'I')) {
				ERR(c, v, "bad id '%s' for an indicator of %s (expected %s.I<number>, e.g. %s.I1%s)",
				    ind->id, pr->id, pr->id, pr->id,
				    tg_id_too_long(ind->id) ? TOO_LONG : "");
				ind->id = NULL;
			}
			break;
		case TG_IND_NAME: ind->name = tgi_md_text(c, v, "name"); break;
		case TG_IND_UNIT: {
			int u = tgi_md_enumeration(c, v, "unit", tg_unit_names);
			ind->unit = u < 0 ? TG_UNIT_NONE : (enum tg_unit)(u + 1);
			break;
		}
		case TG_IND_DIRECTION: {
			int d = tgi_md_enumeration(c, v, "direction", tg_direction_names);
			ind->direction = d < 0 ? TG_DIRECTION_NONE : (enum tg_direction)(d + 1);
			break;
		}
		case TG_IND_SOURCE: ind->source = tgi_md_opt_text(c, v, "source"); break;
		case TG_IND_BASELINE: load_point(c, v, "baseline", &ind->baseline); break;
		case TG_IND_TARGET: load_point(c, v, "target", &ind->target); break;
		case TG_IND_READINGS: load_readings(c, v, ind); break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_indicator, "an indicator");
}

/* The indicator of pr a follow-up's reading names: by its ID, or by its
 * name (schema trygg/1 names them so; trygg/2 accepts both). */
const struct tg_indicator *tgi_reading_indicator(const struct tg_problem *pr, const char *key)
{
	for (size_t q = 0; q < pr->n_indicators; q++)
		if (pr->indicators[q].id && !strcmp(pr->indicators[q].id, key))
			return &pr->indicators[q];
	for (size_t q = 0; q < pr->n_indicators; q++)
		if (pr->indicators[q].name && !strcmp(pr->indicators[q].name, key))
			return &pr->indicators[q];
	return NULL;
}

static void load_followup(struct ctx *c, struct tg_problem *pr, const struct tg_node *n,
			  struct tg_followup *f)
{
	f->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "followups"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_followup, "a follow-up");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_FU_ID:
			f->id = tgi_md_text(c, v, "id");
			if (f->id && pr->id && !tg_child_id_is(f->id, pr->id, 'F')) {
				ERR(c, v, "bad id '%s' for a follow-up of %s (expected %s.F<number>, e.g. %s.F1%s)",
				    f->id, pr->id, pr->id, pr->id,
				    tg_id_too_long(f->id) ? TOO_LONG : "");
				f->id = NULL;
			}
			break;
		case TG_FU_DATE: f->date = tgi_md_date(c, v, "date"); break;
		case TG_FU_BY: f->by = tgi_md_opt_text(c, v, "by"); break;
		case TG_FU_MEASURES: tgi_md_strlist(c, v, "measures", &f->measures); break;
		case TG_FU_DONE: f->done = tgi_md_opt_text(c, v, "done"); break;
		case TG_FU_EFFECT: f->effect = tgi_md_opt_text(c, v, "effect"); break;
		case TG_FU_INDICATORS:
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_MAP, "indicators"))
				break;
			f->readings = tg_arena_alloc(c->a, (v->n / 2 + 1) * sizeof *f->readings);
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				struct tg_reading *r = &f->readings[f->n_readings];
				const struct tg_node *name = v->kids[j];
				const struct tg_indicator *ind = tgi_reading_indicator(pr, name->str);
				if (!ind) {
					ERR(c, name, "follow-up names indicator '%s', which %s does not define",
					    name->str, pr->id ? pr->id : "the problem");
					continue;
				}
				r->name = ind->name;
				if (tgi_md_number(c, v->kids[j + 1], name->str, -1e12, 1e12, &r->value))
					f->n_readings++;
			}
			break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_followup, "a follow-up");
}

static void load_problem(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
			 struct tg_problem *pr)
{
	pr->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "problems"))
		return;
	/* The id first: measures are checked against it. */
	const struct tg_node *idn = tg_map_get(n, "id");
	if (idn) {
		pr->id = tgi_md_text(c, idn, "id");
		if (pr->id && !tg_id_is(pr->id, "P")) {
			ERR(c, idn, "bad id '%s' for a problem (expected P<number>, e.g. P1%s)", pr->id,
			    tg_id_too_long(pr->id) ? TOO_LONG : "");
			pr->id = NULL;
		}
	}
	/* Indicators before follow-ups, which name them. */
	const struct tg_node *inds = tg_map_get(n, "indicators");
	if (inds && !tg_node_null(inds) && tgi_md_want(c, inds, TG_SEQ, "indicators")) {
		pr->indicators = tg_arena_alloc(c->a, (inds->n + 1) * sizeof *pr->indicators);
		pr->n_indicators = inds->n;
		for (size_t j = 0; j < inds->n; j++)
			load_indicator(c, pr, inds->kids[j], &pr->indicators[j]);
	}
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_problem, "a problem");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_PROB_TITLE: pr->title = tgi_md_text(c, v, "title"); break;
		case TG_PROB_DESCRIPTION: pr->description = tgi_md_opt_text(c, v, "description"); break;
		case TG_PROB_PERIOD:
			tgi_load_pair(c, v, "period", &tg_schema_period, &pr->period_from, &pr->period_to);
			if (pr->period_from && pr->period_to && strcmp(pr->period_from, pr->period_to) > 0)
				ERR(c, v, "'period' ends (%s) before it starts (%s)", pr->period_to,
				    pr->period_from);
			break;
		case TG_PROB_SITUATION: pr->situation = tgi_md_opt_text(c, v, "situation"); break;
		case TG_PROB_AREAS: tgi_md_strlist(c, v, "areas", &pr->areas); tgi_check_areas(c, p, &pr->areas); break;
		case TG_PROB_INITIATIVES: initiatives(c, v, &pr->initiatives); break;
		case TG_PROB_CAUSES: tgi_md_strlist(c, v, "causes", &pr->causes); break;
		case TG_PROB_GOAL: pr->goal = tgi_md_opt_text(c, v, "goal"); break;
		case TG_PROB_SUBGOALS: tgi_md_strlist(c, v, "subgoals", &pr->subgoals); break;
		case TG_PROB_STRATEGIC_AREAS: strategic(c, v, &pr->strategic_areas); break;
		case TG_PROB_MEASURES:
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "measures"))
				break;
			pr->measures = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->measures);
			pr->n_measures = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_measure(c, p, pr, v->kids[j], &pr->measures[j]);
			break;
		case TG_PROB_FOLLOWUPS:
			if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "followups"))
				break;
			pr->followups = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->followups);
			pr->n_followups = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_followup(c, pr, v->kids[j], &pr->followups[j]);
			break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_problem, "a problem");
}

static void load_outcomes(struct ctx *c, const struct tg_node *v, struct tg_promise *pm)
{
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "outcomes"))
		return;
	pm->outcomes = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pm->outcomes);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *e = v->kids[j];
		if (!tgi_md_want(c, e, TG_MAP, "outcomes"))
			continue;
		struct tg_outcome_entry o = { NULL, TG_MET, NULL };
		unsigned seen = 0;
		bool ok = true;
		for (size_t i = 0; i + 1 < e->n; i += 2) {
			const struct tg_node *k = e->kids[i], *val = e->kids[i + 1];
			int idx = tgi_md_key_index(c, k, &tg_schema_outcome, "an outcome");
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == TG_OUT_DATE) {
				ok &= (o.date = tgi_md_date(c, val, "date")) != NULL;
			} else if (idx == TG_OUT_STATUS) {
				int st = tgi_md_enumeration(c, val, "status", tg_outcome_names);
				ok &= st >= 0;
				o.status = st < 0 ? TG_MET : (enum tg_outcome)st;
			} else if (idx == TG_OUT_TEXT) {
				o.text = tgi_md_opt_text(c, val, "text");
			}
		}
		tgi_md_require(c, e, seen, &tg_schema_outcome, "an outcome");
		if (ok && (seen & 3u) == 3u)
			pm->outcomes[pm->n_outcomes++] = o;
	}
}

static void load_promise(struct ctx *c, const struct tg_node *n, struct tg_promise *pm)
{
	pm->node = n;
	if (!tgi_md_want(c, n, TG_MAP, "promises"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = tgi_md_key_index(c, k, &tg_schema_promise, "a promise");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case TG_PROM_ID:
			pm->id = tgi_md_text(c, v, "id");
			if (pm->id && !tg_id_is(pm->id, "L")) {
				ERR(c, v, "bad id '%s' for a promise (expected L<number>, e.g. L1%s)", pm->id,
				    tg_id_too_long(pm->id) ? TOO_LONG : "");
				pm->id = NULL;
			}
			break;
		case TG_PROM_TEXT: pm->text = tgi_md_text(c, v, "text"); break;
		case TG_PROM_FROM: pm->from = tgi_md_date(c, v, "from"); break;
		case TG_PROM_TO: pm->to = tgi_md_date(c, v, "to"); break;
		case TG_PROM_SIGNATORIES: tgi_md_strlist(c, v, "signatories", &pm->signatories); break;
		case TG_PROM_MEASURES: tgi_md_strlist(c, v, "measures", &pm->measures); break;
		case TG_PROM_OUTCOMES: load_outcomes(c, v, pm); break;
		}
	}
	tgi_md_require(c, n, seen, &tg_schema_promise, "a promise");
	if (pm->from && pm->to && strcmp(pm->from, pm->to) > 0)
		ERR(c, tg_map_get(n, "to"), "the promise ends (%s) before it starts (%s)", pm->to,
		    pm->from);
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
	size_t n = p->n_joint + p->n_promises;
	for (size_t i = 0; i < p->n_problems; i++)
		n += 1 + p->problems[i].n_measures + p->problems[i].n_indicators +
		     p->problems[i].n_followups;
	struct idref *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0;
#define ADD_ID(item) \
	if ((item).id) \
		v[k++] = (struct idref){ (item).id, tg_map_get((item).node, "id") }
	for (size_t i = 0; i < p->n_joint; i++)
		ADD_ID(p->joint[i]);
	for (size_t i = 0; i < p->n_problems; i++) {
		struct tg_problem *pr = &p->problems[i];
		ADD_ID(*pr);
		for (size_t j = 0; j < pr->n_measures; j++)
			ADD_ID(pr->measures[j]);
		for (size_t j = 0; j < pr->n_indicators; j++)
			ADD_ID(pr->indicators[j]);
		for (size_t j = 0; j < pr->n_followups; j++)
			ADD_ID(pr->followups[j]);
	}
	for (size_t i = 0; i < p->n_promises; i++)
		ADD_ID(p->promises[i]);
#undef ADD_ID
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
	/* a promise may name the measures of any problem */
	for (size_t i = 0; i < p->n_promises; i++) {
		const struct tg_strlist *l = &p->promises[i].measures;
		for (size_t m = 0; m < l->n; m++)
			if (!tg_plan_measure(p, l->v[m], NULL))
				ERR(c, l->node->kids[m], "promise names '%s', which is not a measure of the plan",
				    l->v[m]);
	}
}

static enum tg_status plan_from_doc(struct tg_doc *doc, const struct tg_config *cfg,
				    struct tg_plan **out, struct tg_diags *d)
{
	size_t errors = d->errors;
	struct tg_plan *p = xcalloc(1, sizeof *p);
	p->doc = doc;
	struct ctx c = { doc, d, doc->arena, cfg, TG_SCHEMA_VERSION };
	*out = NULL;
	for (int s = 0; s < TG_NSOURCES; s++)
		for (int g = 0; g < 4; g++)
			p->sources[s].respondents[g] = -1;
	if (tgi_md_root_map(&c, "a district plan")) {
		const struct tg_node *root = doc->root;
		unsigned seen = 0;
		/* areas first: situation items are checked against them */
		const struct tg_node *areas = tg_map_get(root, "areas");
		if (areas)
			tgi_md_strlist(&c, areas, "areas", &p->areas);
		tgi_md_check_schema(&c, root);
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const struct tg_node *k = root->kids[i], *v = root->kids[i + 1];
			int idx = tgi_md_key_index(&c, k, &tg_schema_plan, "a district plan");
			if (idx >= 0 && !tg_node_null(v))
				seen |= 1u << idx;
			switch (idx) {
			case TG_PLAN_DISTRICT: p->district = tgi_md_text(&c, v, "district"); break;
			case TG_PLAN_SITUATION: tgi_load_situation(&c, p, v); break;
			case TG_PLAN_PROMISES:
				if (tg_node_null(v) || !tgi_md_want(&c, v, TG_SEQ, "promises"))
					break;
				p->promises = tg_arena_alloc(c.a, (v->n + 1) * sizeof *p->promises);
				p->n_promises = v->n;
				for (size_t j = 0; j < v->n; j++)
					load_promise(&c, v->kids[j], &p->promises[j]);
				break;
			case TG_PLAN_PROBLEMS:
				p->problems_node = v;
				if (tg_node_null(v) || !tgi_md_want(&c, v, TG_SEQ, "problems"))
					break;
				p->problems = tg_arena_alloc(c.a, (v->n + 1) * sizeof *p->problems);
				p->n_problems = v->n;
				for (size_t j = 0; j < v->n; j++)
					load_problem(&c, p, v->kids[j], &p->problems[j]);
				break;
			}
		}
		tgi_md_require(&c, root, seen, &tg_schema_plan, "the plan");
		p->version = (int)c.version;
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
