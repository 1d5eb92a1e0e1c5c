/*
 * edit-migrate: a plan file of schema trygg/1 made trygg/2 (DESIGN.md §7,
 * trygg-migrate(1)) by splicing, as every edit: the schema line; each
 * indicator and each follow-up its ID, P<n>.I<k> and P<n>.F<k> in file
 * order, as the first key of its mapping (where new items have it); each
 * follow-up's readings named by the indicator's ID instead of its name.
 * Nothing else changes.
 *
 * No state between is valid (version 2 requires the IDs, version 1
 * forbids them), so every change is computed against the file as it is
 * and all go in together: parsed once, and verified to be the old tree
 * with exactly these changes.
 */
#include "edit-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void push(struct tg_edit *e, const struct tg_node *map, struct tgi_append *a,
		 struct change ch)
{
	a->map = map;
	a->cont = CONT_NONE;
	a->ch = ch;
	tgi_batch_push(e, a);
}

/* key: id first in map, unless map has an id already. */
static void add_id(struct tg_edit *e, const struct tg_node *map, const char *id)
{
	if (!map || map->kind != TG_MAP || !map->n || tg_map_get(map, "id"))
		return;
	struct tgi_append a = { .ins = BUF_INIT };
	a.val = tg_val_raw(id);
	a.key = xstrdup("id");
	tgi_first_splice(e, map, a.key, a.val, &a);
	struct change ch = tgi_change_at(CH_SET, map, a.key, a.val, 0);
	ch.first = true;
	push(e, map, &a, ch);
}

/* A follow-up's readings: each key that names one of pr's indicators
 * (tgi_reading_indicator, the rule the model reads them by) becomes that
 * indicator's ID. */
static void readings_by_id(struct tg_edit *e, const struct tg_problem *pr,
			   const struct tg_node *fu, const char *const *ind_ids)
{
	const struct tg_node *m = fu ? tg_map_get(fu, "indicators") : NULL;
	if (!m || m->kind != TG_MAP)
		return;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const char *name = m->kids[i]->str;
		const struct tg_indicator *ind = tgi_reading_indicator(pr, name);
		if (!ind)
			continue;
		const char *id = ind_ids[ind - pr->indicators];
		if (!strcmp(name, id) || tg_map_get(m, id))
			continue;   /* by ID already, or both spelt: left as they are */
		struct tgi_append a = { .ins = BUF_INIT };
		a.key = xstrdup(id);
		tgi_rename_splice(e, m, i, a.key, &a);
		struct change ch = tgi_change_at(CH_RENAME, m, name, NULL, 0);
		ch.to = a.key;
		push(e, m, &a, ch);
	}
}

enum tg_status tg_edit_migrate(struct tg_edit *e, struct tg_diags *d)
{
	enum tg_status st = tgi_flush(e, d);
	const struct tg_plan *p = e->plan;
	if (st || p->version != 1)
		return st;
	const struct tg_node *root = p->doc->root;
	struct tgi_append a = { .ins = BUF_INIT };
	bool now;
	a.val = tg_val_raw("trygg/2");
	a.key = xstrdup("schema");
	st = tgi_set_splice(e, root, a.key, a.val, &a, &now, d);
	if (st) {
		buf_release(&a.ins);
		free(a.key);
		tg_val_free(a.val);
		return st;
	}
	push(e, root, &a, tgi_change_at(CH_SET, root, a.key, a.val, 0));
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		if (!pr->id)
			continue;
		char **ind_ids = xcalloc(pr->n_indicators + 1, sizeof *ind_ids);
		for (size_t k = 0; k < pr->n_indicators; k++) {
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%s.I", pr->id);
			ind_ids[k] = pr->indicators[k].id ? xstrdup(pr->indicators[k].id)
							  : tg_id_make(prefix, (long)k + 1);
			add_id(e, pr->indicators[k].node, ind_ids[k]);
		}
		for (size_t k = 0; k < pr->n_followups; k++) {
			char buf[64];
			add_id(e, pr->followups[k].node, tg_followup_id(pr, k, buf, sizeof buf));
			readings_by_id(e, pr, pr->followups[k].node, (const char *const *)ind_ids);
		}
		for (size_t k = 0; k < pr->n_indicators; k++)
			free(ind_ids[k]);
		free(ind_ids);
	}
	return tgi_flush(e, d);
}
