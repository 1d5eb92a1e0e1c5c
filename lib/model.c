/*
 * model: validate a tg_doc against schema trygg/1 and build the typed model.
 *
 * Every check reports at the node it concerns and goes on, so `trygg check`
 * lists all problems of a file in one run.  The key tables below are the
 * contract of trygg-plan(5); keys starting with "x-" are the user's own.
 */
#include "priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const tg_source_names[] = { "police", "district", "survey", NULL };
const char *const tg_group_names[] = { "", "residents", "businesses", "associations", NULL };
const char *const tg_term_names[] = { "", "short", "long", "mobilisation", NULL };
const char *const tg_kind_names[] = { "", "situational", "social", NULL };
const char *const tg_status_names[] = { "proposed", "planned", "ongoing", "done", "cancelled", NULL };

#define SCHEMA "trygg/1"

struct ctx {
	struct tg_doc *doc;
	struct tg_diags *d;
	struct tg_arena *a;
	const struct tg_config *cfg;
};

#define ERR(c, n, ...) tg_diag_node((c)->d, TG_SEV_ERROR, (c)->doc, (n), __VA_ARGS__)
#define WARN(c, n, ...) tg_diag_node((c)->d, TG_SEV_WARNING, (c)->doc, (n), __VA_ARGS__)

static const char *what(const struct tg_node *n)
{
	if (n->kind == TG_MAP)
		return "a mapping";
	if (n->kind == TG_SEQ)
		return "a list";
	return n->len ? "text" : "nothing";
}

static bool want(struct ctx *c, const struct tg_node *n, enum tg_kind kind,
		 const char *key)
{
	if (n->kind == kind)
		return true;
	static const char *const kinds[] = { "text", "a mapping", "a list" };
	ERR(c, n, "'%s' must be %s, found %s", key, kinds[kind], what(n));
	return false;
}

/* Iterate a mapping's keys against a table; returns the index of each key
 * in *idx via the callback style loop below. */
static int key_index(struct ctx *c, const struct tg_node *k,
		     const char *const *keys, const char *where)
{
	for (int i = 0; keys[i]; i++)
		if (k->str[0] == keys[i][0] && !strcmp(k->str, keys[i]))
			return i;
	if (!strncmp(k->str, "x-", 2))
		return -1;
	/* a suggestion costs a comparison with every key: none for a
	 * message that is only counted */
	const char *s = tg_diag_wanted(c->d, c->doc->path) ? tg_suggest(k->str, keys) : NULL;
	if (s)
		ERR(c, k, "unknown key '%s' in %s (did you mean '%s'?)", k->str, where, s);
	else
		ERR(c, k, "unknown key '%s' in %s", k->str, where);
	return -2;
}

static void require(struct ctx *c, const struct tg_node *map, unsigned seen,
		    unsigned required, const char *const *keys, const char *where)
{
	for (int i = 0; keys[i]; i++)
		if ((required & (1u << i)) && !(seen & (1u << i)))
			ERR(c, map, "%s is missing required key '%s'", where, keys[i]);
}

static const char *text(struct ctx *c, const struct tg_node *n, const char *key)
{
	if (!want(c, n, TG_SCALAR, key))
		return NULL;
	if (tg_node_null(n)) {
		ERR(c, n, "'%s' is empty; expected text", key);
		return NULL;
	}
	return n->str;
}

static const char *opt_text(struct ctx *c, const struct tg_node *n, const char *key)
{
	if (tg_node_null(n))
		return NULL;
	return text(c, n, key);
}

bool tg_is_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	int max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

long tg_day_number(const char *s)
{
	long y, m, d;
	if (tg_is_date(s)) {          /* the usual case, read without strtol */
		y = ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
		m = (s[5] - '0') * 10 + s[6] - '0';
		d = (s[8] - '0') * 10 + s[9] - '0';
	} else {
		y = atol(s), m = atol(s + 5), d = atol(s + 8);
	}
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* On track on day today: come at least as far from baseline to target
 * (progress, 0 to 1) as the time from day t0 to t1. */
static bool on_track(double progress, long t0, long t1, long today)
{
	double elapsed = t1 > t0 ? (double)(today - t0) / (double)(t1 - t0) : 1;
	return progress >= elapsed;
}

long tg_track_until(const struct tg_point *baseline, const struct tg_point *target,
		    const struct tg_point *latest)
{
	if (!latest->set || !target->set || !baseline->set)
		return TG_NEVER;
	double span = target->value - baseline->value;
	double progress = span == 0 ? 1 : (latest->value - baseline->value) / span;
	if (progress >= 1)
		return TG_ALWAYS;
	if (!baseline->date || !target->date || isnan(progress))
		return TG_NEVER;
	long t0 = tg_day_number(baseline->date), t1 = tg_day_number(target->date);
	if (t1 <= t0)                 /* the time is up: on track only at the target */
		return TG_NEVER;
	/* on_track holds up to a day near t0 + progress × (t1 - t0), and not
	 * after (elapsed grows with the day): start there, find it exactly */
	const long first = -800000;   /* before the year 1 */
	double guess = (double)t0 + floor(progress * (double)(t1 - t0));
	long u = guess < (double)first ? first : (long)guess;
	while (u > first && !on_track(progress, t0, t1, u))
		u--;
	if (!on_track(progress, t0, t1, u))
		return TG_NEVER;
	while (on_track(progress, t0, t1, u + 1))
		u++;
	return u;
}

static const char *date(struct ctx *c, const struct tg_node *n, const char *key)
{
	const char *s = opt_text(c, n, key);
	if (s && !tg_is_date(s)) {
		ERR(c, n, "'%s' is not a valid date: '%s' (expected YYYY-MM-DD)", key, s);
		return NULL;
	}
	return s;
}

static bool number(struct ctx *c, const struct tg_node *n, const char *key,
		   double min, double max, double *out)
{
	if (!want(c, n, TG_SCALAR, key))
		return false;
	char *end;
	double v = strtod(n->str, &end);
	if (!n->len || *end || !isfinite(v) || n->str[0] == ' ') {
		ERR(c, n, "'%s' must be a number, found '%s'", key, n->str);
		return false;
	}
	if (v < min || v > max) {
		ERR(c, n, "'%s' must be between %g and %g, found %s", key, min, max, n->str);
		return false;
	}
	*out = v;
	return true;
}

static bool integer(struct ctx *c, const struct tg_node *n, const char *key,
		    long min, long max, int *out)
{
	if (!want(c, n, TG_SCALAR, key))
		return false;
	const char *s = n->str;
	bool ok = n->len > 0 && n->len < 10;
	for (size_t i = 0; ok && i < n->len; i++)
		ok = s[i] >= '0' && s[i] <= '9';
	long v = ok ? strtol(s, NULL, 10) : 0;
	if (!ok || v < min || v > max) {
		ERR(c, n, "'%s' must be a whole number from %ld to %ld, found '%s'",
		    key, min, max, s);
		return false;
	}
	*out = (int)v;
	return true;
}

static void allowed(struct buf *b, const char *const *names)
{
	bool first = true;
	for (; *names; names++) {
		if (!**names)
			continue;
		buf_addf(b, "%s%s", first ? "" : ", ", *names);
		first = false;
	}
}

static int enumeration(struct ctx *c, const struct tg_node *n, const char *key,
		       const char *const *names)
{
	const char *s = opt_text(c, n, key);
	if (!s)
		return -1;
	for (int i = 0; names[i]; i++)
		if (names[i][0] && !strcmp(s, names[i]))
			return i;
	struct buf b = BUF_INIT;
	allowed(&b, names);
	ERR(c, n, "'%s' has a bad value '%s' (expected one of: %s)", key, s, b.s);
	buf_release(&b);
	return -1;
}

static void strlist(struct ctx *c, const struct tg_node *n, const char *key,
		    struct tg_strlist *out)
{
	if (tg_node_null(n) || !want(c, n, TG_SEQ, key))
		return;
	out->node = n;
	out->v = tg_arena_alloc(c->a, (n->n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n->n; i++) {
		const char *s = text(c, n->kids[i], key);
		if (s)
			out->v[out->n++] = s;
	}
}

static void intlist(struct ctx *c, const struct tg_node *n, const char *key,
		    long max, struct tg_intlist *out)
{
	if (tg_node_null(n) || !want(c, n, TG_SEQ, key))
		return;
	out->node = n;
	out->v = tg_arena_alloc(c->a, (n->n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n->n; i++) {
		int v;
		if (integer(c, n->kids[i], key, 1, max, &v))
			out->v[out->n++] = v;
	}
}

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

/* ---- plan ------------------------------------------------------------ */

static const char *const plan_keys[] = { "schema", "district", "areas", "situation", "problems", NULL };
static const char *const situation_keys[] = { "police", "district", "survey", "joint", NULL };
static const char *const source_keys[] = { "date", "respondents", "problems", NULL };
static const char *const respondent_keys[] = { "residents", "businesses", "associations", NULL };
static const char *const sitem_keys[] = { "title", "areas", "group", "share", "index", "note", NULL };
static const char *const joint_keys[] = { "id", "title", "areas", "sources", "share", NULL };
static const char *const problem_keys[] = { "id", "title", "situation", "causes", "goal", "indicators",
	"subgoals", "strategic_areas", "measures", "followups", NULL };
static const char *const indicator_keys[] = { "name", "baseline", "target", NULL };
static const char *const point_keys[] = { "value", "date", NULL };
static const char *const measure_keys[] = { "id", "text", "phase", "term", "kind", "responsible",
	"due", "status", "strategic_areas", NULL };
static const char *const followup_keys[] = { "date", "measures", "done", "effect", "indicators", NULL };

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
	if (!want(c, n, TG_MAP, "problems"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, sitem_keys, "a situation item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: it->title = text(c, v, "title"); break;
		case 1: strlist(c, v, "areas", &it->areas); check_areas(c, p, &it->areas); break;
		case 2: { int g = enumeration(c, v, "group", tg_group_names); if (g > 0) it->group = g; break; }
		case 3: it->has_share = number(c, v, "share", 0, 1, &it->share); break;
		case 4: it->has_index = number(c, v, "index", 0, 6, &it->index); break;
		case 5: it->note = opt_text(c, v, "note"); break;
		}
	}
	require(c, n, seen, 1u << 0, sitem_keys, "a situation item");
}

static void load_source(struct ctx *c, struct tg_plan *p, const struct tg_node *n,
			struct tg_source *s)
{
	s->node = n;
	for (int g = 0; g < 4; g++)
		s->respondents[g] = -1;
	if (tg_node_null(n) || !want(c, n, TG_MAP, tg_source_names[s - p->sources]))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, source_keys, "a situation picture");
		switch (idx) {
		case 0: s->date = date(c, v, "date"); break;
		case 1:
			if (!want(c, v, TG_MAP, "respondents"))
				break;
			for (size_t j = 0; j + 1 < v->n; j += 2) {
				const struct tg_node *rk = v->kids[j], *rv = v->kids[j + 1];
				int ridx = key_index(c, rk, respondent_keys, "respondents");
				if (ridx >= 0)
					integer(c, rv, rk->str, 0, 100000000, &s->respondents[ridx + 1]);
			}
			break;
		case 2:
			if (tg_node_null(v) || !want(c, v, TG_SEQ, "problems"))
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
	if (!want(c, n, TG_MAP, "joint"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, joint_keys, "a joint item");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0:
			j->id = text(c, v, "id");
			if (j->id && !id_like(j->id, 'S')) {
				ERR(c, v, "bad id '%s' for a joint item (expected S<number>, e.g. S1)", j->id);
				j->id = NULL;
			}
			break;
		case 1: j->title = text(c, v, "title"); break;
		case 2: strlist(c, v, "areas", &j->areas); check_areas(c, p, &j->areas); break;
		case 3:
			if (tg_node_null(v) || !want(c, v, TG_SEQ, "sources"))
				break;
			for (size_t m = 0; m < v->n; m++) {
				int s = enumeration(c, v->kids[m], "sources", tg_source_names);
				if (s >= 0)
					j->sources |= 1u << s;
			}
			break;
		case 4: j->has_share = number(c, v, "share", 0, 1, &j->share); break;
		}
	}
	require(c, n, seen, 3u, joint_keys, "a joint item");
}

static void load_situation(struct ctx *c, struct tg_plan *p, const struct tg_node *n)
{
	p->situation = n;
	if (tg_node_null(n) || !want(c, n, TG_MAP, "situation"))
		return;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, situation_keys, "situation");
		if (idx >= 0 && idx < TG_NSOURCES) {
			load_source(c, p, v, &p->sources[idx]);
		} else if (idx == 3) {
			p->joint_node = v;
			if (tg_node_null(v) || !want(c, v, TG_SEQ, "joint"))
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
	intlist(c, n, "strategic_areas", 1000, l);
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
	if (!want(c, n, TG_MAP, "measures"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, measure_keys, "a measure");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0:
			m->id = text(c, v, "id");
			if (m->id && pr->id && !measure_id_like(m->id, pr->id)) {
				ERR(c, v, "bad id '%s' for a measure of %s (expected %s.M<number>, e.g. %s.M1)",
				    m->id, pr->id, pr->id, pr->id);
				m->id = NULL;
			}
			break;
		case 1: m->text = text(c, v, "text"); break;
		case 2: {
			static const char *const phases[] = { "1", "2", "3", NULL };
			int ph = enumeration(c, v, "phase", phases);
			m->phase = ph + 1;
			break;
		}
		case 3: { int t = enumeration(c, v, "term", tg_term_names); if (t > 0) m->term = t; break; }
		case 4: { int t = enumeration(c, v, "kind", tg_kind_names); if (t > 0) m->kind = t; break; }
		case 5: strlist(c, v, "responsible", &m->responsible); check_responsible(c, &m->responsible); break;
		case 6: m->due = date(c, v, "due"); break;
		case 7: { int s = enumeration(c, v, "status", tg_status_names); if (s >= 0) m->status = s; break; }
		case 8: strategic(c, v, &m->strategic_areas); break;
		}
	}
	require(c, n, seen, 7u, measure_keys, "a measure");
}

static void load_point(struct ctx *c, const struct tg_node *n, const char *key,
		       struct tg_point *pt)
{
	if (tg_node_null(n) || !want(c, n, TG_MAP, key))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, point_keys, key);
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		if (idx == 0)
			pt->set = number(c, v, "value", -1e12, 1e12, &pt->value);
		else if (idx == 1)
			pt->date = date(c, v, "date");
	}
	require(c, n, seen, 1u, point_keys, key);
}

static void load_indicator(struct ctx *c, const struct tg_node *n, struct tg_indicator *ind)
{
	ind->node = n;
	if (!want(c, n, TG_MAP, "indicators"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, indicator_keys, "an indicator");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: ind->name = text(c, v, "name"); break;
		case 1: load_point(c, v, "baseline", &ind->baseline); break;
		case 2: load_point(c, v, "target", &ind->target); break;
		}
	}
	require(c, n, seen, 1u, indicator_keys, "an indicator");
}

static void load_followup(struct ctx *c, struct tg_problem *pr, const struct tg_node *n,
			  struct tg_followup *f)
{
	f->node = n;
	if (!want(c, n, TG_MAP, "followups"))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, followup_keys, "a follow-up");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 0: f->date = date(c, v, "date"); break;
		case 1: strlist(c, v, "measures", &f->measures); break;
		case 2: f->done = opt_text(c, v, "done"); break;
		case 3: f->effect = opt_text(c, v, "effect"); break;
		case 4:
			if (tg_node_null(v) || !want(c, v, TG_MAP, "indicators"))
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
				if (number(c, v->kids[j + 1], name->str, -1e12, 1e12, &r->value))
					f->n_readings++;
			}
			break;
		}
	}
	require(c, n, seen, 1u, followup_keys, "a follow-up");
}

static void load_problem(struct ctx *c, const struct tg_node *n, struct tg_problem *pr)
{
	pr->node = n;
	if (!want(c, n, TG_MAP, "problems"))
		return;
	/* The id first: measures are checked against it. */
	const struct tg_node *idn = tg_map_get(n, "id");
	if (idn) {
		pr->id = text(c, idn, "id");
		if (pr->id && !id_like(pr->id, 'P')) {
			ERR(c, idn, "bad id '%s' for a problem (expected P<number>, e.g. P1)", pr->id);
			pr->id = NULL;
		}
	}
	/* Indicators before follow-ups, which name them. */
	const struct tg_node *inds = tg_map_get(n, "indicators");
	if (inds && !tg_node_null(inds) && want(c, inds, TG_SEQ, "indicators")) {
		pr->indicators = tg_arena_alloc(c->a, (inds->n + 1) * sizeof *pr->indicators);
		pr->n_indicators = inds->n;
		for (size_t j = 0; j < inds->n; j++)
			load_indicator(c, inds->kids[j], &pr->indicators[j]);
	}
	unsigned seen = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct tg_node *k = n->kids[i], *v = n->kids[i + 1];
		int idx = key_index(c, k, problem_keys, "a problem");
		if (idx >= 0 && !tg_node_null(v))
			seen |= 1u << idx;
		switch (idx) {
		case 1: pr->title = text(c, v, "title"); break;
		case 2: pr->situation = opt_text(c, v, "situation"); break;
		case 3: strlist(c, v, "causes", &pr->causes); break;
		case 4: pr->goal = opt_text(c, v, "goal"); break;
		case 6: strlist(c, v, "subgoals", &pr->subgoals); break;
		case 7: strategic(c, v, &pr->strategic_areas); break;
		case 8:
			if (tg_node_null(v) || !want(c, v, TG_SEQ, "measures"))
				break;
			pr->measures = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->measures);
			pr->n_measures = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_measure(c, pr, v->kids[j], &pr->measures[j]);
			break;
		case 9:
			if (tg_node_null(v) || !want(c, v, TG_SEQ, "followups"))
				break;
			pr->followups = tg_arena_alloc(c->a, (v->n + 1) * sizeof *pr->followups);
			pr->n_followups = v->n;
			for (size_t j = 0; j < v->n; j++)
				load_followup(c, pr, v->kids[j], &pr->followups[j]);
			break;
		}
	}
	require(c, n, seen, 3u, problem_keys, "a problem");
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

static void check_schema(struct ctx *c, const struct tg_node *root)
{
	const struct tg_node *s = tg_map_get(root, "schema");
	if (!s)
		return;
	const char *v = text(c, s, "schema");
	if (v && strcmp(v, SCHEMA))
		ERR(c, s, "unsupported schema '%s' (this trygg reads '%s')", v, SCHEMA);
}

static bool root_map(struct ctx *c, const char *what_file)
{
	const struct tg_node *root = c->doc->root;
	if (!root || tg_node_null(root)) {
		ERR(c, NULL, "file is empty; expected %s starting with 'schema: %s'", what_file, SCHEMA);
		return false;
	}
	if (root->kind != TG_MAP) {
		ERR(c, root, "expected %s (a mapping of keys), found %s", what_file, what(root));
		return false;
	}
	return true;
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
	if (root_map(&c, "a district plan")) {
		const struct tg_node *root = doc->root;
		unsigned seen = 0;
		/* areas first: situation items are checked against them */
		const struct tg_node *areas = tg_map_get(root, "areas");
		if (areas)
			strlist(&c, areas, "areas", &p->areas);
		check_schema(&c, root);
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const struct tg_node *k = root->kids[i], *v = root->kids[i + 1];
			int idx = key_index(&c, k, plan_keys, "a district plan");
			if (idx >= 0 && !tg_node_null(v))
				seen |= 1u << idx;
			switch (idx) {
			case 1: p->district = text(&c, v, "district"); break;
			case 3: load_situation(&c, p, v); break;
			case 4:
				p->problems_node = v;
				if (tg_node_null(v) || !want(&c, v, TG_SEQ, "problems"))
					break;
				p->problems = tg_arena_alloc(c.a, (v->n + 1) * sizeof *p->problems);
				p->n_problems = v->n;
				for (size_t j = 0; j < v->n; j++)
					load_problem(&c, v->kids[j], &p->problems[j]);
				break;
			}
		}
		require(&c, root, seen, 3u, plan_keys, "the plan");
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

/* ---- workspace configuration ---------------------------------------- */

static const char *const config_keys[] = { "schema", "city", "language", "strategic_areas",
	"initiatives", "phases", "sources", "organisations", "synonyms", "thresholds", NULL };
static const char *const named_keys[] = { "id", "name", NULL };
static const char *const threshold_keys[] = { "yellow", "red", NULL };

/* A list of {id, name}; ids are whole numbers, or source names when
 * names_as_ids is given. */
static void load_named(struct ctx *c, const struct tg_node *v, const char *key,
		       struct tg_named **out, size_t *n, const char *const *names_as_ids,
		       long maxid)
{
	if (tg_node_null(v) || !want(c, v, TG_SEQ, key))
		return;
	*out = tg_arena_alloc(c->a, (v->n + 1) * sizeof **out);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *it = v->kids[j];
		if (!want(c, it, TG_MAP, key))
			continue;
		struct tg_named nm = { -1, NULL };
		unsigned seen = 0;
		for (size_t i = 0; i + 1 < it->n; i += 2) {
			const struct tg_node *k = it->kids[i], *val = it->kids[i + 1];
			int idx = key_index(c, k, named_keys, key);
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == 0 && names_as_ids)
				nm.id = enumeration(c, val, "id", names_as_ids);
			else if (idx == 0)
				integer(c, val, "id", 1, maxid, &nm.id);
			else if (idx == 1)
				nm.name = text(c, val, "name");
		}
		require(c, it, seen, 3u, named_keys, key);
		for (size_t q = 0; q < *n; q++)
			if (nm.id >= 0 && (*out)[q].id == nm.id)
				ERR(c, it, "duplicate id in '%s'", key);
		if (nm.id >= 0 && nm.name)
			(*out)[(*n)++] = nm;
	}
}

static enum tg_status config_from_doc(struct tg_doc *doc, struct tg_config **out,
				      struct tg_diags *d)
{
	size_t errors = d->errors;
	struct tg_config *cfg = xcalloc(1, sizeof *cfg);
	struct ctx c = { doc, d, doc->arena, NULL };
	cfg->doc = doc;
	cfg->language = "sv";
	cfg->yellow = 0.10;
	cfg->red = 0.25;
	*out = NULL;
	if (root_map(&c, "a workspace file")) {
		unsigned seen = 0;
		check_schema(&c, doc->root);
		for (size_t i = 0; i + 1 < doc->root->n; i += 2) {
			const struct tg_node *k = doc->root->kids[i], *v = doc->root->kids[i + 1];
			int idx = key_index(&c, k, config_keys, "trygg.yaml");
			if (idx >= 0 && !tg_node_null(v))
				seen |= 1u << idx;
			switch (idx) {
			case 1: cfg->city = text(&c, v, "city"); break;
			case 2: {
				static const char *const langs[] = { "sv", "en", NULL };
				int l = enumeration(&c, v, "language", langs);
				if (l >= 0)
					cfg->language = langs[l];
				break;
			}
			case 3: load_named(&c, v, "strategic_areas", &cfg->areas, &cfg->n_areas, NULL, 1000); break;
			case 4: strlist(&c, v, "initiatives", &cfg->initiatives); break;
			case 5: {
				struct tg_named *ph = NULL;
				size_t n = 0;
				load_named(&c, v, "phases", &ph, &n, NULL, 3);
				for (size_t q = 0; q < n; q++)
					cfg->phase_names[ph[q].id] = ph[q].name;
				break;
			}
			case 6: {
				struct tg_named *so = NULL;
				size_t n = 0;
				load_named(&c, v, "sources", &so, &n, tg_source_names, 0);
				for (size_t q = 0; q < n; q++)
					cfg->source_names[so[q].id] = so[q].name;
				break;
			}
			case 7: strlist(&c, v, "organisations", &cfg->organisations); break;
			case 8:
				if (tg_node_null(v) || !want(&c, v, TG_SEQ, "synonyms"))
					break;
				cfg->synonyms = tg_arena_alloc(c.a, (v->n + 1) * sizeof *cfg->synonyms);
				for (size_t j = 0; j < v->n; j++)
					strlist(&c, v->kids[j], "synonyms", &cfg->synonyms[cfg->n_synonyms++]);
				break;
			case 9:
				if (tg_node_null(v) || !want(&c, v, TG_MAP, "thresholds"))
					break;
				for (size_t j = 0; j + 1 < v->n; j += 2) {
					const struct tg_node *tk = v->kids[j], *tv = v->kids[j + 1];
					int tidx = key_index(&c, tk, threshold_keys, "thresholds");
					if (tidx == 0)
						number(&c, tv, "yellow", 0, 1, &cfg->yellow);
					else if (tidx == 1)
						number(&c, tv, "red", 0, 1, &cfg->red);
				}
				if (cfg->yellow > cfg->red)
					ERR(&c, v, "'yellow' (%g) must not be above 'red' (%g)", cfg->yellow, cfg->red);
				break;
			}
		}
		require(&c, doc->root, seen, 1u, config_keys, "trygg.yaml");
	}
	if (d->errors > errors) {
		tg_config_free(cfg);
		return TG_EDATA;
	}
	*out = cfg;
	return TG_OK;
}

enum tg_status tg_config_parse(const char *path, const char *src, size_t len,
			       struct tg_config **out, struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_parse(path, src, len, &doc, d);
	return st ? st : config_from_doc(doc, out, d);
}

enum tg_status tg_config_load(const char *path, struct tg_config **out,
			      struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_load(path, &doc, d);
	return st ? st : config_from_doc(doc, out, d);
}

void tg_config_free(struct tg_config *cfg)
{
	if (!cfg)
		return;
	tg_doc_free(cfg->doc);
	free(cfg);
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
