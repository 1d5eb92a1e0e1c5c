/*
 * merge: the three situation pictures -> one joint picture (DESIGN.md §4).
 *
 * Items name the same problem when their titles are equal after case and
 * white-space folding, or are listed together under `synonyms`.  A joint
 * item's areas are the union (in the district's order), its sources those
 * that named it (police, district, survey), its share the highest survey
 * share, its title the survey's wording, else the district's, else the
 * Police's.  Existing joint items keep their IDs (matched by the same
 * rule); new ones take the next free number.
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
};

/* The key two titles are matched by. */
static char *title_key(const struct tg_config *cfg, const char *title)
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
	return id && id[0] == 'S' ? strtol(id + 1, NULL, 10) : 0;
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
	struct group *groups = xcalloc(cap + 1, sizeof *groups);
	size_t n = 0;
	for (int s = 0; s < TG_NSOURCES; s++) {
		const struct tg_source *src = &plan->sources[s];
		for (size_t i = 0; i < src->n_items; i++) {
			const struct tg_sitem *it = &src->items[i];
			char *key = title_key(cfg, it->title);
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
		char *key = title_key(cfg, jt->title);
		for (size_t k = 0; k < n; k++)
			if (!groups[k].id && !strcmp(groups[k].key, key)) {
				groups[k].id = jt->id;
				break;
			}
		free(key);
	}
	struct group **order = xmalloc((n + 1) * sizeof *order);
	for (size_t k = 0; k < n; k++)
		order[k] = &groups[k];
	qsort(order, n, sizeof *order, cmp_groups);
	/* new items: the next free numbers, in the joint order */
	for (size_t k = 0; k < n; k++)
		if (!order[k]->id) {
			order[k]->new_id = xasprintf("S%ld", ++next);
			order[k]->id = order[k]->new_id;
		}
	struct tg_val *joint = tg_val_list();
	for (size_t k = 0; k < n; k++) {
		struct group *g = order[k];
		struct tg_val *item = tg_val_map();
		tg_val_put(item, "id", tg_val_raw(g->id));
		tg_val_put(item, "title", tg_val_text(group_title(g)));
		struct tg_val *areas = tg_val_list();
		for (size_t a = 0; a < plan->areas.n; a++)
			if (g->area_seen[a])
				tg_val_push(areas, tg_val_text(plan->areas.v[a]));
		for (size_t a = 0; a < g->n_extra; a++)
			tg_val_push(areas, tg_val_text(g->extra[a]));
		if (areas->n)
			tg_val_put(item, "areas", areas);
		else
			tg_val_free(areas);
		struct tg_val *sources = tg_val_list();
		for (int s = 0; s < TG_NSOURCES; s++)
			if (g->sources & (1u << s))
				tg_val_push(sources, tg_val_raw(tg_source_names[s]));
		tg_val_put(item, "sources", sources);
		if (g->has_share) {
			char num[32];
			snprintf(num, sizeof num, "%g", g->share);
			tg_val_put(item, "share", tg_val_raw(num));
		}
		tg_val_push(joint, item);
	}
	/* joint items no source names any more */
	for (size_t j = 0; j < plan->n_joint; j++) {
		const struct tg_joint *jt = &plan->joint[j];
		bool kept = false;
		for (size_t k = 0; k < n && !kept; k++)
			kept = jt->id && !strcmp(groups[k].id, jt->id);
		if (kept || !jt->id)
			continue;
		for (size_t p = 0; p < plan->n_problems; p++)
			if (plan->problems[p].situation && !strcmp(plan->problems[p].situation, jt->id))
				tg_diag_node(d, TG_SEV_WARNING, plan->doc,
					     tg_map_get(plan->problems[p].node, "situation"),
					     "%s linked to %s '%s', which no source names any more; "
					     "the link is removed", plan->problems[p].id, jt->id,
					     jt->title ? jt->title : "");
	}
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
