/*
 * edit-batch: many appends and sets to one file, parsed and verified once.
 *
 * In a batch (tg_edit_batch) an append does not splice the text at once:
 * it computes its splice against the text as it is and waits.  A next
 * item for the same list is rendered after the waiting ones (new items
 * are whole lines, or ", item" in a flow list), so one list takes any
 * number of items in one splice.  Appends to other lists wait beside it
 * as long as their splices neither overlap nor touch and neither's node
 * holds the other's; otherwise, and before any other operation, the
 * waiting splices are applied in one pass, the text is parsed once and
 * the new tree must be the old one with exactly those appends (every
 * other node the same), as for a single operation (lib/edit-verify.c).
 *
 * A set (tg_edit_set) of a scalar or a flow value, or of a key added,
 * waits the same way beside them, under the same rule; one that rewrites
 * a block collection applies the waiting changes and goes in at once.
 * While changes wait, tg_edit_plan() shows the plan without them:
 * operations find the item they change through tg_edit_plan_for(), which
 * lets the waiting changes in first when one is inside that item or makes
 * it.
 *
 * Positions stay valid without parsing: while appends wait, the text and
 * the tree they were computed on do not change.  After a flush, a node
 * is found again by its path from the root, which appends never change
 * (they add kids only at the end of a list or a mapping).
 */
#include "edit-int.h"

#include <stdlib.h>
#include <string.h>

void tg_edit_batch(struct tg_edit *e)
{
	e->batch = true;
}

static void pend_release(struct tgi_append *a)
{
	buf_release(&a->ins);
	free(a->key);
	tg_val_free(a->items);
	tg_val_free(a->val);
}

void tgi_batch_free(struct tg_edit *e)
{
	for (size_t i = 0; i < e->n_pend; i++)
		pend_release(&e->pend[i]);
	free(e->pend);
	e->pend = NULL;
	e->n_pend = e->pend_alloc = 0;
}

/* Does a waiting change lie inside the item with ID id, or make it (a
 * new item with that ID, or with the ID of the item that holds it: P9 of
 * P9.M1)? */
static bool waits_for(const struct tg_edit *e, const char *id)
{
	size_t n;
	const char **ids = tgi_batch_ids(e, &n);
	bool hit = false;
	for (size_t i = 0; i < n && !hit; i++) {
		size_t k = strlen(ids[i]);
		hit = !strncmp(id, ids[i], k) && (!id[k] || id[k] == '.');
	}
	free(ids);
	for (size_t i = 0; i < e->n_pend && !hit; i++)
		for (const struct tg_node *m = e->pend[i].map; m && !hit; m = m->parent) {
			const struct tg_node *mid = m->kind == TG_MAP ? tg_map_get(m, "id") : NULL;
			hit = mid && mid->kind == TG_SCALAR && mid->str && !strcmp(mid->str, id);
		}
	return hit;
}

const struct tg_plan *tg_edit_plan_for(struct tg_edit *e, const char *id, struct tg_diags *d)
{
	if (e->n_pend && id && waits_for(e, id) && tgi_flush(e, d))
		return NULL;
	return e->plan;
}

const char **tgi_batch_ids(const struct tg_edit *e, size_t *n)
{
	size_t k = 0, total = 0;
	for (size_t i = 0; i < e->n_pend; i++)
		total += e->pend[i].items ? e->pend[i].items->n : 0;
	const char **ids = xcalloc(total + 1, sizeof *ids);
	for (size_t i = 0; i < e->n_pend; i++)
		for (size_t j = 0; e->pend[i].items && j < e->pend[i].items->n; j++) {
			const struct tg_val *id = tg_val_get(e->pend[i].items->kids[j], "id");
			if (id && id->str)
				ids[k++] = id->str;
		}
	*n = k;
	return ids;
}

/* Is a n itself or above it? */
static bool holds(const struct tg_node *a, const struct tg_node *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static bool conflicts(const struct tg_edit *e, const struct tgi_append *a,
		      const struct tg_node *map)
{
	for (size_t i = 0; i < e->n_pend; i++) {
		const struct tgi_append *q = &e->pend[i];
		if ((a->pos <= q->pos + q->del && q->pos <= a->pos + a->del) ||
		    holds(map, q->map) || holds(q->map, map))
			return true;
	}
	return false;
}

static int by_pos(const void *x, const void *y)
{
	const struct tgi_append *a = x, *b = y;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

static int by_path(const void *x, const void *y)
{
	const struct change *a = x, *b = y;
	for (size_t i = 0; i < a->depth && i < b->depth; i++)
		if (a->path[i] != b->path[i])
			return a->path[i] < b->path[i] ? -1 : 1;
	return (a->depth > b->depth) - (a->depth < b->depth);
}

enum tg_status tgi_flush(struct tg_edit *e, struct tg_diags *d)
{
	if (!e->n_pend)
		return TG_OK;
	qsort(e->pend, e->n_pend, sizeof *e->pend, by_pos);
	size_t len = e->text.len;
	for (size_t i = 0; i < e->n_pend; i++)
		len = len - e->pend[i].del + e->pend[i].ins.len;
	char *t = xmalloc(len + 1), *w = t;
	struct change *chs = xcalloc(e->n_pend, sizeof *chs);
	size_t from = 0;
	e->n_spans = 0;
	for (size_t i = 0; i < e->n_pend; i++) {
		const struct tgi_append *a = &e->pend[i];
		memcpy(w, e->text.s + from, a->pos - from);
		w += a->pos - from;
		tgi_add_span(e, (size_t)(w - t), (size_t)(w - t) + a->ins.len);
		memcpy(w, a->ins.s, a->ins.len);
		w += a->ins.len;
		from = a->pos + a->del;
		chs[i] = a->ch;
	}
	memcpy(w, e->text.s + from, e->text.len - from + 1);
	free(e->pending);
	e->pending = t;
	e->text.s = t;
	e->text.len = len;
	e->changed = true;
	qsort(chs, e->n_pend, sizeof *chs, by_path);
	enum tg_status st = tgi_reparse(e, chs, e->n_pend, d);
	free(chs);
	tgi_batch_free(e);
	return st;
}

enum tg_status tg_edit_flush(struct tg_edit *e, struct tg_diags *d)
{
	return tgi_flush(e, d);
}

const struct tg_node *tgi_settle(struct tg_edit *e, const struct tg_node *n, struct tg_diags *d)
{
	size_t path[TG_MAX_DEPTH + 2];
	size_t depth = tgi_node_path(n, path, TG_MAX_DEPTH + 2);
	if (tgi_flush(e, d))
		return NULL;
	n = e->plan->doc->root;
	for (size_t i = 0; n && i < depth; i++)
		n = path[i] < n->n ? n->kids[path[i]] : NULL;
	return n;
}

static void pend(struct tg_edit *e, const struct tgi_append *a)
{
	if (e->n_pend == e->pend_alloc) {
		e->pend_alloc = e->pend_alloc ? 2 * e->pend_alloc : 8;
		e->pend = xrealloc(e->pend, e->pend_alloc * sizeof *e->pend);
	}
	e->pend[e->n_pend++] = *a;
}

void tgi_batch_push(struct tg_edit *e, const struct tgi_append *a)
{
	pend(e, a);
}

bool tgi_batch_set(struct tg_edit *e, const struct tg_node *map, const char *key,
		   struct tg_val *v, struct tgi_append *a)
{
	if (conflicts(e, a, map))
		return false;
	a->map = map;
	a->key = xstrdup(key);
	a->val = v;
	a->cont = CONT_NONE;
	a->ch = tgi_change_at(CH_SET, map, a->key, v, 0);
	pend(e, a);
	return true;
}

enum tg_status tgi_batch_append(struct tg_edit *e, const struct tg_node *map, const char *key,
				struct tg_val *item, struct tg_diags *d)
{
	for (size_t i = 0; i < e->n_pend; i++) {
		struct tgi_append *q = &e->pend[i];
		if (q->map == map && q->cont != CONT_NONE && !strcmp(q->key, key)) {
			tgi_append_more(e, q, item);
			tg_val_push(q->items, item);
			return TG_OK;
		}
	}
	struct tgi_append a = { .ins = BUF_INIT };
	enum tg_status st = tgi_append_splice(e, map, key, item, &a, d);
	if (!st && conflicts(e, &a, map)) {
		buf_release(&a.ins);
		if (!(map = tgi_settle(e, map, d)))
			st = TG_EDATA;
		else
			st = tgi_append_splice(e, map, key, item, &a, d);
	}
	if (st) {
		buf_release(&a.ins);
		tg_val_free(item);
		return st;
	}
	a.map = map;
	a.key = xstrdup(key);
	a.items = tg_val_push(tg_val_list(), item);
	a.ch = tgi_change_at(CH_APPENDS, map, a.key, a.items, 0);
	pend(e, &a);
	return TG_OK;
}
