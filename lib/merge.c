/*
 * merge: the three situation pictures -> one joint picture (DESIGN.md §4,
 * §7).
 *
 * Items name the same problem when their titles are equal after case and
 * white-space folding, or are listed together under `synonyms`.  A joint
 * item's areas are the union (in the district's order), its sources those
 * that named it (police, district, survey), its share the highest survey
 * share, its title the survey's wording, else the district's, else the
 * Police's.  Existing joint items keep their IDs (matched by the same
 * rule); new ones take the next free number.  A joint item no source names
 * any more stays, with sources: [], when a problem links to it or it has a
 * decision; else it goes.
 *
 * tg_merge says what the joint picture should hold; tg_edit_merge brings
 * the file there through edit operations (remove an item, set or unset one
 * of the four keys merge owns, append an item, reorder the list), so a
 * merge that changes nothing changes no byte, and every other key and
 * comment of an item stays.
 */
#include "priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct group {
	char *key;                       /* folded title or "\x01<n>" for a synonym group */
	const char *title[TG_NSOURCES];  /* first wording from each source */
	unsigned sources;
	bool has_share;
	double share;
	bool *area_seen;                 /* by index in the district's areas */
	const char **extra;              /* areas not among the district's */
	size_t n_extra;
	const char *id;
	char *new_id;
	const struct tg_joint *jt;       /* the joint item it keeps, or NULL */
	bool orphan;                     /* a joint item no source names, kept */
};

/* The key two titles are matched by. */
char *tgi_merge_title_key(const struct tg_config *cfg, const char *title)
{
	char *folded = tg_fold_title(title);
	for (size_t s = 0; cfg && s < cfg->n_synonyms; s++)
		for (size_t i = 0; i < cfg->synonyms[s].n; i++) {
			char *f = tg_fold_title(cfg->synonyms[s].v[i]);
			bool same = !strcmp(f, folded);
			free(f);
			if (same) {
				free(folded);
				return xasprintf("\x01%zu", s);
			}
		}
	return folded;
}

static int sv_title_cmp(const char *a, const char *b)
{
	return tg_collate_sv(a, strlen(a), b, strlen(b));
}

static const char *group_title(const struct group *g)
{
	if (g->orphan)
		return g->jt->title;
	return g->title[TG_SURVEY] ? g->title[TG_SURVEY]
	       : g->title[TG_DISTRICT] ? g->title[TG_DISTRICT] : g->title[TG_POLICE];
}

static int popcount(unsigned x)
{
	int n = 0;
	for (; x; x >>= 1)
		n += x & 1;
	return n;
}

static int cmp_groups(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;
	int sx = popcount(x->sources), sy = popcount(y->sources);
	if (sx != sy)
		return sy - sx;
	if (x->has_share != y->has_share)
		return x->has_share ? -1 : 1;
	if (x->has_share && x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return sv_title_cmp(group_title(x), group_title(y));
}

static long id_number(const char *id)
{
	return id ? tg_id_number(id, "S") : 0;
}

/* Add a group for each joint item that no group claimed but that must
 * stay: a problem links to it, or it has a decision.  Returns how many. */
static size_t keep_orphans(const struct tg_plan *plan, struct group *groups, size_t n,
			   struct tg_diags *d)
{
	size_t added = 0;
	for (size_t j = 0; j < plan->n_joint; j++) {
		const struct tg_joint *jt = &plan->joint[j];
		bool claimed = false;
		for (size_t k = 0; k < n && !claimed; k++)
			claimed = groups[k].jt == jt;
		if (claimed || !jt->id || !jt->title)
			continue;
		const char *by = NULL;
		for (size_t p = 0; p < plan->n_problems && !by; p++)
			if (plan->problems[p].situation && !strcmp(plan->problems[p].situation, jt->id))
				by = plan->problems[p].id;
		bool decided = tg_map_get(jt->node, "decision") != NULL;
		if (!by && !decided)
			continue;
		if (by)
			tg_diag_node(d, TG_SEV_WARNING, plan->doc, jt->node,
				     "%s '%s' is named by no source any more; it stays, with "
				     "sources: [], as %s links to it", jt->id, jt->title, by);
		else
			tg_diag_node(d, TG_SEV_WARNING, plan->doc, jt->node,
				     "%s '%s' is named by no source any more; it stays, with "
				     "sources: [], as it has a decision", jt->id, jt->title);
		struct group *g = &groups[n + added++];
		g->key = xstrdup("");
		g->id = jt->id;
		g->jt = jt;
		g->orphan = true;
		g->has_share = jt->has_share;
		g->share = jt->share;
	}
	return added;
}

/* The value of a key of joint item jt as it is in the file, or NULL. */
static struct tg_val *as_is(const struct tg_joint *jt, const char *key)
{
	const struct tg_node *v = jt ? tg_map_get(jt->node, key) : NULL;
	return v && !tg_node_null(v) ? tg_val_from_node(v) : NULL;
}

/* The joint item group g should be: id, title, areas, sources, share. */
static struct tg_val *joint_item(const struct tg_plan *plan, const struct group *g)
{
	struct tg_val *item = tg_val_map();
	tg_val_put(item, "id", tg_val_raw(g->id));
	tg_val_put(item, "title", tg_val_text(group_title(g)));
	struct tg_val *areas = g->orphan ? as_is(g->jt, "areas") : tg_val_list();
	for (size_t a = 0; !g->orphan && a < plan->areas.n; a++)
		if (g->area_seen[a])
			tg_val_push(areas, tg_val_text(plan->areas.v[a]));
	for (size_t a = 0; !g->orphan && a < g->n_extra; a++)
		tg_val_push(areas, tg_val_text(g->extra[a]));
	if (areas && areas->n)
		tg_val_put(item, "areas", areas);
	else
		tg_val_free(areas);
	struct tg_val *sources = tg_val_list();
	for (int s = 0; s < TG_NSOURCES; s++)
		if (g->sources & (1u << s))
			tg_val_push(sources, tg_val_raw(tg_source_names[s]));
	tg_val_put(item, "sources", sources);
	if (g->has_share && g->jt && g->jt->has_share && g->jt->share == g->share) {
		/* the same number stays written as it is (0.30 is 0.3) */
		tg_val_put(item, "share", as_is(g->jt, "share"));
	} else if (g->has_share) {
		char num[32];
		snprintf(num, sizeof num, "%g", g->share);
		tg_val_put(item, "share", tg_val_raw(num));
	}
	return item;
}

struct tg_val *tg_merge(const struct tg_plan *plan, const struct tg_config *cfg,
			struct tg_diags *d)
{
	size_t cap = 0, area_refs = 0;
	for (int s = 0; s < TG_NSOURCES; s++) {
		cap += plan->sources[s].n_items;
		for (size_t i = 0; i < plan->sources[s].n_items; i++)
			area_refs += plan->sources[s].items[i].areas.n;
	}
	struct group *groups = xcalloc(cap + plan->n_joint + 1, sizeof *groups);
	size_t n = 0;
	for (int s = 0; s < TG_NSOURCES; s++) {
		const struct tg_source *src = &plan->sources[s];
		for (size_t i = 0; i < src->n_items; i++) {
			const struct tg_sitem *it = &src->items[i];
			char *key = tgi_merge_title_key(cfg, it->title);
			struct group *g = NULL;
			for (size_t k = 0; k < n && !g; k++)
				if (!strcmp(groups[k].key, key))
					g = &groups[k];
			if (g) {
				free(key);
			} else {
				g = &groups[n++];
				g->key = key;
				g->area_seen = xcalloc(plan->areas.n + 1, sizeof *g->area_seen);
				g->extra = xcalloc(area_refs + 1, sizeof *g->extra);
			}
			if (!g->title[s])
				g->title[s] = it->title;
			g->sources |= 1u << s;
			if (s == TG_SURVEY && it->has_share && (!g->has_share || it->share > g->share)) {
				g->has_share = true;
				g->share = it->share;
			}
			for (size_t a = 0; a < it->areas.n; a++) {
				size_t k = 0;
				while (k < plan->areas.n && strcmp(plan->areas.v[k], it->areas.v[a]))
					k++;
				if (k < plan->areas.n) {
					g->area_seen[k] = true;
					continue;
				}
				bool dup = false;
				for (size_t q = 0; q < g->n_extra && !dup; q++)
					dup = !strcmp(g->extra[q], it->areas.v[a]);
				if (!dup)
					g->extra[g->n_extra++] = it->areas.v[a];
			}
		}
	}
	/* keep the IDs of joint items that still have a group */
	long next = 0;
	for (size_t j = 0; j < plan->n_joint; j++) {
		const struct tg_joint *jt = &plan->joint[j];
		if (id_number(jt->id) > next)
			next = id_number(jt->id);
		if (!jt->title || !jt->id)
			continue;
		char *key = tgi_merge_title_key(cfg, jt->title);
		for (size_t k = 0; k < n; k++)
			if (!groups[k].id && !strcmp(groups[k].key, key)) {
				groups[k].id = jt->id;
				groups[k].jt = jt;
				break;
			}
		free(key);
	}
	n += keep_orphans(plan, groups, n, d);
	struct group **order = xmalloc((n + 1) * sizeof *order);
	for (size_t k = 0; k < n; k++)
		order[k] = &groups[k];
	qsort(order, n, sizeof *order, cmp_groups);
	/* new items: the next free numbers, in the joint order */
	for (size_t k = 0; k < n; k++)
		if (!order[k]->id) {
			order[k]->new_id = tg_id_make("S", ++next);
			order[k]->id = order[k]->new_id;
		}
	struct tg_val *joint = tg_val_list();
	for (size_t k = 0; k < n; k++)
		tg_val_push(joint, joint_item(plan, order[k]));
	for (size_t k = 0; k < n; k++) {
		free(groups[k].key);
		free(groups[k].area_seen);
		free(groups[k].extra);
		free(groups[k].new_id);
	}
	free(groups);
	free(order);
	return joint;
}

/* ---- bringing the file to the joint picture ------------------------- */

static struct tg_val *val_copy(const struct tg_val *v)
{
	if (v->kind == TG_V_TEXT || v->kind == TG_V_RAW)
		return v->kind == TG_V_TEXT ? tg_val_text(v->str) : tg_val_raw(v->str);
	struct tg_val *c = v->kind == TG_V_LIST ? tg_val_list() : tg_val_map();
	for (size_t i = 0; i < v->n; i++)
		tg_val_push(c, val_copy(v->kids[i]));
	return c;
}

static const char *item_id(const struct tg_val *item)
{
	return tg_val_get(item, "id")->str;
}

static bool wanted(const struct tg_val *want, const char *id)
{
	for (size_t k = 0; k < want->n; k++)
		if (!strcmp(item_id(want->kids[k]), id))
			return true;
	return false;
}

/* The index in situation.joint of the item with this id, or -1. */
static long joint_index(const struct tg_plan *p, const char *id)
{
	for (size_t j = 0; j < p->n_joint; j++)
		if (p->joint[j].id && !strcmp(p->joint[j].id, id))
			return (long)j;
	return -1;
}

/* Append the items of want that the file lacks, in want's order. */
static enum tg_status append_new(struct tg_edit *e, const struct tg_val *want,
				 struct tg_diags *d)
{
	enum tg_status st = TG_OK;
	for (size_t k = 0; k < want->n && !st; k++) {
		const struct tg_plan *p = tg_edit_plan(e);
		if (joint_index(p, item_id(want->kids[k])) >= 0)
			continue;
		struct tg_val *item = val_copy(want->kids[k]);
		if (!p->situation || p->situation->kind != TG_MAP)
			st = tg_edit_set(e, p->doc->root, "situation",
					 tg_val_put(tg_val_map(), "joint",
						    tg_val_push(tg_val_list(), item)), d);
		else
			st = tg_edit_append(e, p->situation, "joint", item, d);
	}
	return st;
}

/* Remove the items want lacks.  The new items come first when the list
 * would be left empty, so that it stays a list with its comments. */
static enum tg_status drop_unwanted(struct tg_edit *e, const struct tg_val *want,
				    struct tg_diags *d)
{
	enum tg_status st = TG_OK;
	for (size_t j = tg_edit_plan(e)->n_joint; j-- > 0 && !st;) {
		const struct tg_plan *p = tg_edit_plan(e);
		if (j >= p->n_joint || !p->joint[j].id || wanted(want, p->joint[j].id))
			continue;
		if (p->n_joint == 1 && want->n) {
			st = append_new(e, want, d);
			p = tg_edit_plan(e);
		}
		if (!st)
			st = tg_edit_remove(e, p->joint_node, j, d);
	}
	return st;
}

/* Set the keys merge owns of the file's items to what want says. */
static enum tg_status update_items(struct tg_edit *e, const struct tg_val *want,
				   struct tg_diags *d)
{
	static const char *const keys[] = { "title", "areas", "sources", "share" };
	enum tg_status st = TG_OK;
	for (size_t k = 0; k < want->n && !st; k++) {
		for (size_t i = 0; i < sizeof keys / sizeof *keys && !st; i++) {
			const struct tg_plan *p = tg_edit_plan(e);
			long j = joint_index(p, item_id(want->kids[k]));
			if (j < 0)
				break;
			const struct tg_node *item = p->joint[j].node;
			const struct tg_val *v = tg_val_get(want->kids[k], keys[i]);
			struct tg_val *now = tg_val_from_node(tg_map_get(item, keys[i]));
			bool same = tg_val_equal(now, v);
			tg_val_free(now);
			if (same)
				continue;
			st = v ? tg_edit_set(e, item, keys[i], val_copy(v), d)
			       : tg_edit_unset(e, item, keys[i], d);
		}
	}
	return st;
}

/* Put the file's items in want's order. */
static enum tg_status put_in_order(struct tg_edit *e, const struct tg_val *want,
				   struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	if (p->n_joint != want->n || want->n < 2)
		return TG_OK;
	size_t *order = xcalloc(want->n, sizeof *order);
	bool moved = false;
	for (size_t k = 0; k < want->n; k++) {
		long j = joint_index(p, item_id(want->kids[k]));
		order[k] = j < 0 ? k : (size_t)j;
		moved |= order[k] != k;
	}
	enum tg_status st = moved ? tg_edit_reorder(e, p->joint_node, order, d) : TG_OK;
	free(order);
	return st;
}

enum tg_status tg_edit_merge(struct tg_edit *e, const struct tg_config *cfg,
			     struct tg_diags *d)
{
	struct tg_val *want = tg_merge(tg_edit_plan(e), cfg, d);
	enum tg_status st = drop_unwanted(e, want, d);
	if (!st)
		st = update_items(e, want, d);
	if (!st)
		st = append_new(e, want, d);
	if (!st)
		st = put_in_order(e, want, d);
	tg_val_free(want);
	return st;
}
