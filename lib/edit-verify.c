/* edit-verify: an edit is parsed again and must be the old tree with
 * exactly the intended change (see lib/edit.c). */
#include "edit-int.h"

#include <stdlib.h>
#include <string.h>

/* ---- verifying a change ------------------------------------------------- */

static bool same_node(const struct tg_node *a, const struct tg_node *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == TG_SCALAR)
		return a->len == b->len && !memcmp(a->str, b->str, a->len);
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!same_node(a->kids[i], b->kids[i]))
			return false;
	return true;
}

/* Does node n hold value v? */
bool tgi_holds(const struct tg_node *n, const struct tg_val *v)
{
	if (v->kind == TG_V_TEXT || v->kind == TG_V_RAW)
		return n->kind == TG_SCALAR && n->len == strlen(v->str) && !memcmp(n->str, v->str, n->len);
	if (n->kind != (v->kind == TG_V_MAP ? TG_MAP : TG_SEQ) || n->n != v->n)
		return false;
	for (size_t i = 0; i < n->n; i++)
		if (!tgi_holds(n->kids[i], v->kids[i]))
			return false;
	return true;
}

/* Are kids [from, to) of a the same as those of b from bfrom on? */
static bool same_run(const struct tg_node *a, size_t from, size_t to, const struct tg_node *b,
		     size_t bfrom)
{
	for (size_t i = from; i < to; i++)
		if (!same_node(a->kids[i], b->kids[bfrom + i - from]))
			return false;
	return true;
}

static long pair_of(const struct tg_node *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->kids[i]->str, key))
			return (long)i;
	return -1;
}


/* The changed node: old t, new u. */
static bool changed_as_meant(const struct tg_node *t, const struct tg_node *u,
			     const struct change *ch)
{
	if (t->kind != u->kind)
		return false;
	if (ch->op == CH_REORDER) {
		if (u->n != t->n)
			return false;
		for (size_t k = 0; k < t->n; k++)
			if (!same_node(t->kids[ch->order[k]], u->kids[k]))
				return false;
		return true;
	}
	if (ch->op == CH_REMOVE)
		return u->n + 1 == t->n && same_run(t, 0, ch->index, u, 0) &&
		       same_run(t, ch->index + 1, t->n, u, ch->index);
	long k = pair_of(t, ch->key);
	size_t at = k < 0 ? (ch->first ? 0 : t->n) : (size_t)k;
	if (ch->op == CH_RENAME)
		return k >= 0 && u->n == t->n && same_run(t, 0, at, u, 0) &&
		       !strcmp(u->kids[at]->str, ch->to) && pair_of(t, ch->to) < 0 &&
		       same_node(t->kids[at + 1], u->kids[at + 1]) &&
		       same_run(t, at + 2, t->n, u, at + 2);
	if (ch->op == CH_UNSET)
		return k >= 0 && u->n + 2 == t->n && same_run(t, 0, at, u, 0) &&
		       same_run(t, at + 2, t->n, u, at);
	/* SET and APPEND: the pairs before and after stay, the key is the same */
	size_t grow = k < 0 ? 2 : 0;
	if (u->n != t->n + grow || !same_run(t, 0, at, u, 0) ||
	    !same_run(t, at + 2 - grow, t->n, u, at + 2) || strcmp(u->kids[at]->str, ch->key))
		return false;
	const struct tg_node *nv = u->kids[at + 1];
	if (ch->op == CH_SET)
		return tgi_holds(nv, ch->val);
	/* APPEND(S): the old items (none for a missing key or a null), then
	 * the new ones */
	const struct tg_node *ov = k < 0 ? NULL : t->kids[at + 1];
	size_t before = ov && !tg_node_null(ov) ? ov->n : 0;
	size_t added = ch->op == CH_APPENDS ? ch->val->n : 1;
	if (nv->kind != TG_SEQ || nv->n != before + added ||
	    (before && !same_run(ov, 0, before, nv, 0)))
		return false;
	for (size_t i = 0; i < added; i++)
		if (!tgi_holds(nv->kids[before + i], ch->op == CH_APPENDS ? ch->val->kids[i] : ch->val))
			return false;
	return true;
}

static bool as_meant(const struct tg_node *a, const struct tg_node *b, const struct change *chs,
		     size_t n, size_t depth);

/* Mapping t (new: u) with key own->key set, and the changes rest[0..n)
 * inside its other pairs (trygg migrate: a follow-up's new id beside its
 * indicators' names turned into IDs). */
static bool set_and_inside(const struct tg_node *t, const struct tg_node *u,
			   const struct change *own, const struct change *rest, size_t n,
			   size_t depth)
{
	if (own->op != CH_SET || t->kind != TG_MAP || u->kind != TG_MAP || rest[0].depth <= depth)
		return false;
	long k = pair_of(t, own->key);
	size_t grow = k < 0 ? 2 : 0, at = k < 0 ? (own->first ? 0 : t->n) : (size_t)k;
	if (u->n != t->n + grow || strcmp(u->kids[at]->str, own->key) ||
	    !tgi_holds(u->kids[at + 1], own->val))
		return false;
	size_t c = 0;
	for (size_t i = 0; i < t->n; i++) {
		size_t m = 0;
		while (c + m < n && rest[c + m].path[depth] == i)
			m++;
		if (k >= 0 && (i == at || i == at + 1)) {
			if (m)
				return false;   /* inside the value set */
			continue;
		}
		size_t j = i >= at ? i + grow : i;
		if (m ? !as_meant(t->kids[i], u->kids[j], rest + c, m, depth + 1)
		      : !same_node(t->kids[i], u->kids[j]))
			return false;
		c += m;
	}
	return c == n;
}

/* Nodes a and b at depth, where changes chs[0..n) (sorted by path) lead
 * through or to them. */
static bool as_meant(const struct tg_node *a, const struct tg_node *b, const struct change *chs,
		     size_t n, size_t depth)
{
	if (n == 1 && depth == chs->depth)
		return changed_as_meant(a, b, chs);
	if (depth == chs->depth)
		return set_and_inside(a, b, chs, chs + 1, n - 1, depth);
	if (a->kind != b->kind || a->n != b->n)
		return false;
	size_t c = 0;
	for (size_t i = 0; i < a->n; i++) {
		size_t m = 0;
		while (c + m < n && chs[c + m].depth > depth && chs[c + m].path[depth] == i)
			m++;
		if (m ? !as_meant(a->kids[i], b->kids[i], chs + c, m, depth + 1)
		      : !same_node(a->kids[i], b->kids[i]))
			return false;
		c += m;
	}
	return c == n;
}

void tgi_add_span(struct tg_edit *e, size_t from, size_t to)
{
	if (e->n_spans == e->spans_alloc) {
		e->spans_alloc = e->spans_alloc ? 2 * e->spans_alloc : 4;
		e->spans = xrealloc(e->spans, e->spans_alloc * sizeof *e->spans);
	}
	e->spans[e->n_spans++] = (struct tgi_span){ from, to };
}

/* Does [from, to) meet bytes the splices wrote? */
static bool is_new(const struct tg_edit *e, size_t from, size_t to)
{
	size_t lo = 0, hi = e->n_spans;
	while (lo < hi) {       /* the first span that ends after from */
		size_t mid = lo + (hi - lo) / 2;
		if (e->spans[mid].to <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->n_spans && e->spans[lo].from < to;
}

/* A plain scalar among the new bytes that the strictest common reader
 * would not read as libyaml does: PyYAML ends a plain scalar inside a
 * flow collection at a '?'.  Only what the edit wrote is judged. */
static const struct tg_node *strict_fault(const struct tg_edit *e, const struct tg_node *n,
					  bool in_flow)
{
	if (n->kind == TG_SCALAR)
		return in_flow && n->style == TG_PLAIN &&
		       memchr(e->text.s + n->start, '?', n->end - n->start) &&
		       is_new(e, n->start, n->end) ? n : NULL;
	for (size_t i = 0; i < n->n; i++) {
		const struct tg_node *f = strict_fault(e, n->kids[i], in_flow || n->style == TG_FLOW);
		if (f)
			return f;
	}
	return NULL;
}

void tgi_set_text(struct tg_edit *e, const struct tg_plan *plan)
{
	e->text.s = plan->doc->src;
	e->text.len = plan->doc->len;
}

/* Drop a new plan that is not as meant, but keep its text to look at. */
static void keep_text(struct tg_edit *e, struct tg_plan *plan)
{
	e->pending = plan->doc->heap_src;
	plan->doc->heap_src = NULL;
	tg_plan_free(plan);
}

enum tg_status tgi_reparse(struct tg_edit *e, const struct change *chs, size_t n,
			   struct tg_diags *d)
{
	struct tg_diags quiet = TG_DIAGS_INIT;
	struct tg_plan *plan;
	/* the new text becomes the new plan's own: one copy of the file for
	 * each tree, and the old one whole until the new one is verified */
	if (!e->pending) {
		e->pending = xmalloc(e->text.len + 1);
		memcpy(e->pending, e->text.s, e->text.len + 1);
	}
	enum tg_status st = tg_plan_parse_owned(e->path, e->pending, e->text.len, e->cfg, &plan,
						&quiet);
	e->pending = NULL;
	if (st) {
		tgi_set_text(e, e->plan);
		/* the plan's own words say what broke */
		for (size_t i = 0; i < quiet.n; i++)
			if (quiet.v[i].sev == TG_SEV_ERROR)
				tg_diag_add(d, TG_SEV_ERROR, e->path, 0, 0, NULL, 0, 0,
					    "the edited file would not be valid: %u:%u: %s",
					    quiet.v[i].line, quiet.v[i].col, quiet.v[i].msg);
		tg_diags_release(&quiet);
		return TG_EDATA;
	}
	tg_diags_release(&quiet);
	const struct tg_node *f = plan->doc->root ? strict_fault(e, plan->doc->root, false) : NULL;
	if (f) {
		tg_diag_add(d, TG_SEV_ERROR, e->path, 0, 0, NULL, 0, 0,
			    "the edited file would not be valid: %u:%u: a plain scalar inside a flow "
			    "collection holds '?', which stricter YAML readers refuse", f->line, f->col);
		keep_text(e, plan);
		return TG_EDATA;
	}
	if (!as_meant(e->plan->doc->root, plan->doc->root, chs, n, 0)) {
		keep_text(e, plan);
		tg_diag_add(d, TG_SEV_ERROR, e->path, 0, 0, NULL, 0, 0,
			    "internal error: the edited text does not hold the intended change; "
			    "the file was left untouched (please report this)");
		return TG_EDATA;
	}
	tg_plan_free(e->plan);
	e->plan = plan;
	tgi_set_text(e, plan);
	return TG_OK;
}
