/*
 * gitmerge: merge two sides' edits of one plan file by model (DESIGN.md
 * §10).  The three documents become value trees; THEIRS's new items that
 * took an ID OURS also took are renumbered first (with every reference in
 * THEIRS); then each key and item THEIRS changed against BASE is compared
 * with OURS, keyed by IDs and key names, and the changes OURS did not also
 * make become edit operations (set, unset, append, remove) applied to
 * OURS's text through lib/edit.c, so OURS's bytes, comments and layout
 * stay.  The same key set two ways is a conflict, left to the markers.
 */
#include "gitmerge.h"

#include <stdlib.h>
#include <string.h>

/* ---- what identifies things ------------------------------------------ */

/* Fields that identify the items of a list, tried in order: the first one
 * every item has, with values unique in the list.  Schema 2's follow-up,
 * indicator and promise IDs are `id` too. */
static const char *const item_keys[] = { "id", "name", "title", NULL };

/* Keys whose scalar values (or list items) are IDs or references to IDs:
 * a renumbered item is renamed in each.  A new reference key is one more
 * entry. */
static const char *const id_keys[] = { "id", "situation", "measures", NULL };

static bool in_list(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (!strcmp(*v, s))
			return true;
	return false;
}

static bool is_scalar(const struct tg_val *v)
{
	return v && (v->kind == TG_V_TEXT || v->kind == TG_V_RAW);
}

static const char *field_of(const struct tg_val *item, const char *key)
{
	const struct tg_val *f = item && item->kind == TG_V_MAP ? tg_val_get(item, key) : NULL;
	return is_scalar(f) ? f->str : NULL;
}

/* Does every item of the lists (NULL ones skipped) have field key, unique? */
static bool keyed_by(const struct tg_val *const *lists, size_t n, const char *key)
{
	for (size_t l = 0; l < n; l++) {
		const struct tg_val *s = lists[l];
		if (!s)
			continue;
		for (size_t i = 0; i < s->n; i++) {
			const char *f = field_of(s->kids[i], key);
			if (!f)
				return false;
			for (size_t j = 0; j < i; j++)
				if (!strcmp(f, field_of(s->kids[j], key)))
					return false;
		}
	}
	return true;
}

static const char *list_key(const struct tg_val *const *lists, size_t n)
{
	bool any = false;
	for (size_t l = 0; l < n; l++)
		any |= lists[l] && lists[l]->n;
	if (!any)
		return NULL;
	for (const char *const *k = item_keys; *k; k++)
		if (keyed_by(lists, n, *k))
			return *k;
	return NULL;
}

/* ---- value trees with the writing kept -------------------------------- */

/* A plain scalar is written back as it was (a date stays a date); quoted
 * and block ones, or plain ones that flow context would misread, as text. */
static struct tg_val *val_of(const struct tg_node *n)
{
	if (n->kind == TG_SCALAR) {
		if (n->style == TG_PLAIN && !strpbrk(n->str, ",[]{}#:?&*!|>'\"%@`\n"))
			return tg_val_raw(n->str);
		return tg_val_text(n->str);
	}
	struct tg_val *v = n->kind == TG_MAP ? tg_val_map() : tg_val_list();
	for (size_t i = 0; i < n->n; i++)
		tg_val_push(v, val_of(n->kids[i]));
	return v;
}

static struct tg_val *val_copy(const struct tg_val *v)
{
	if (is_scalar(v))
		return v->kind == TG_V_RAW ? tg_val_raw(v->str) : tg_val_text(v->str);
	struct tg_val *c = v->kind == TG_V_MAP ? tg_val_map() : tg_val_list();
	for (size_t i = 0; i < v->n; i++)
		tg_val_push(c, val_copy(v->kids[i]));
	return c;
}

/* ---- paths ------------------------------------------------------------- */

const char *tgi_mlist_key(const struct tg_node *seq)
{
	if (!seq || seq->kind != TG_SEQ)
		return NULL;
	for (const char *const *k = item_keys; *k; k++) {
		bool ok = seq->n > 0;
		for (size_t i = 0; ok && i < seq->n; i++) {
			const struct tg_node *f = tg_map_get(seq->kids[i], *k);
			ok = f && f->kind == TG_SCALAR;
			for (size_t j = 0; ok && j < i; j++)
				ok = strcmp(f->str, tg_map_get(seq->kids[j], *k)->str) != 0;
		}
		if (ok)
			return *k;
	}
	return NULL;
}

static const struct tg_node *step(const struct tg_node *n, const struct mstep *s)
{
	if (!n)
		return NULL;
	if (s->kind == MS_KEY)
		return n->kind == TG_MAP ? tg_map_get(n, s->key) : NULL;
	if (n->kind != TG_SEQ)
		return NULL;
	if (s->kind == MS_POS)
		return s->pos < n->n ? n->kids[s->pos] : NULL;
	for (size_t i = 0; i < n->n; i++) {
		const struct tg_node *f = tg_map_get(n->kids[i], s->key);
		if (f && f->kind == TG_SCALAR && !strcmp(f->str, s->value))
			return n->kids[i];
	}
	return NULL;
}

const struct tg_node *tgi_mpath_resolve(const struct tg_node *root, const struct mpath *p,
				    const struct tg_node **nodes)
{
	const struct tg_node *n = root;
	if (nodes)
		nodes[0] = n;
	for (size_t i = 0; i < p->n && n; i++) {
		n = step(n, &p->s[i]);
		if (nodes)
			nodes[i + 1] = n;
	}
	return n;
}

void tgi_mpath_of(const struct tg_node *n, struct mpath *p)
{
	const struct tg_node *chain[MPATH_MAX + 1] = { NULL };
	size_t k = 0;
	for (const struct tg_node *c = n; c && c->parent && k < MPATH_MAX; c = c->parent)
		chain[k++] = c;
	p->n = 0;
	while (k--) {
		const struct tg_node *c = chain[k], *par = c->parent;
		size_t i = 0;
		while (i < par->n && par->kids[i] != c)
			i++;
		struct mstep *s = &p->s[p->n++];
		if (par->kind == TG_MAP) {
			*s = (struct mstep){ .kind = MS_KEY, .key = par->kids[i & ~(size_t)1]->str };
		} else {
			const char *f = tgi_mlist_key(par);
			if (f)
				*s = (struct mstep){ .kind = MS_ITEM, .key = f,
						     .value = tg_map_get(c, f)->str };
			else
				*s = (struct mstep){ .kind = MS_POS, .pos = i };
		}
	}
}

/* ---- renumbering THEIRS's new items that took OURS's new IDs ----------- */

struct idset {
	const char **id;
	const struct tg_val **item;
	size_t n, alloc;
};

static void ids_collect(const struct tg_val *v, struct idset *s)
{
	if (!v || is_scalar(v))
		return;
	const char *id = v->kind == TG_V_MAP ? field_of(v, "id") : NULL;
	if (id) {
		if (s->n == s->alloc) {
			s->alloc = s->alloc ? 2 * s->alloc : 64;
			s->id = xrealloc(s->id, s->alloc * sizeof *s->id);
			s->item = xrealloc(s->item, s->alloc * sizeof *s->item);
		}
		s->id[s->n] = id;
		s->item[s->n++] = v;
	}
	for (size_t i = 0; i < v->n; i++)
		ids_collect(v->kids[i], s);
}

static const struct tg_val *ids_find(const struct idset *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->id[i], id))
			return s->item[i];
	return NULL;
}

static void ids_release(struct idset *s)
{
	free(s->id);
	free(s->item);
	*s = (struct idset){ 0 };
}

static long max_number(const struct idset *s, const char *id, size_t plen, long max)
{
	for (size_t i = 0; i < s->n; i++) {
		long k;
		if (tg_id_split(s->id[i], &k) == plen && !strncmp(s->id[i], id, plen) && k > max)
			max = k;
	}
	return max;
}

/* old itself, or an ID below it ("P7" → "P7.M2"): the new ID (caller
 * frees), else NULL. */
static char *renamed(const char *s, const char *old, const char *new)
{
	size_t l = strlen(old);
	if (strncmp(s, old, l) || (s[l] && s[l] != '.'))
		return NULL;
	return xasprintf("%s%s", new, s + l);
}

static void rename_scalar(struct tg_val *v, const char *old, const char *new)
{
	char *r = is_scalar(v) ? renamed(v->str, old, new) : NULL;
	if (r) {
		free(v->str);
		v->str = r;
	}
}

static void rename_in(struct tg_val *v, const char *old, const char *new)
{
	if (!v || is_scalar(v))
		return;
	for (size_t i = 0; i < v->n; i++) {
		struct tg_val *k = v->kids[i];
		if (v->kind == TG_V_MAP && i % 2 == 0) {
			struct tg_val *val = v->kids[i + 1];
			if (in_list(id_keys, k->str)) {
				rename_scalar(val, old, new);
				if (val->kind == TG_V_LIST)
					for (size_t j = 0; j < val->n; j++)
						rename_scalar(val->kids[j], old, new);
			}
			continue;
		}
		rename_in(k, old, new);
	}
}

char *tgi_mrename_fwd(const struct buf *renames, const char *id)
{
	char *cur = xstrdup(id);
	for (const char *p = renames->s; *p;) {
		const char *sp = strchr(p, ' '), *nl = strchr(p, '\n');
		char *old = xstrndup(p, (size_t)(sp - p)), *new = xstrndup(sp + 1, (size_t)(nl - sp - 1));
		char *r = renamed(cur, old, new);
		if (r) {
			free(cur);
			cur = r;
		}
		free(old);
		free(new);
		p = nl + 1;
	}
	return cur;
}

static void renumber(const struct tg_val *b, const struct tg_val *o, struct tg_val *t,
		     struct buf *renames)
{
	struct idset sb = { 0 }, so = { 0 }, st = { 0 };
	ids_collect(b, &sb);
	ids_collect(o, &so);
	ids_collect(t, &st);
	/* clashes in THEIRS's document order: a problem before its measures */
	size_t n = st.n;
	char **clash = xcalloc(n + 1, sizeof *clash);
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tg_val *oi = ids_find(&so, st.id[i]);
		if (!ids_find(&sb, st.id[i]) && oi && !tg_val_equal(oi, st.item[i]))
			clash[nc++] = xstrdup(st.id[i]);
	}
	for (size_t c = 0; c < nc; c++) {
		ids_release(&st);
		ids_collect(t, &st);
		if (!ids_find(&st, clash[c]))
			continue;          /* renamed with its problem */
		long k;
		size_t plen = tg_id_split(clash[c], &k);
		if (!k)
			continue;          /* no number to renumber: left to a conflict */
		long max = max_number(&sb, clash[c], plen, 0);
		max = max_number(&so, clash[c], plen, max);
		max = max_number(&st, clash[c], plen, max);
		char *prefix = xstrndup(clash[c], plen), *new = tg_id_make(prefix, max + 1);
		free(prefix);
		rename_in(t, clash[c], new);
		buf_addf(renames, "%s %s\n", clash[c], new);
		free(new);
	}
	for (size_t c = 0; c < nc; c++)
		free(clash[c]);
	free(clash);
	ids_release(&sb);
	ids_release(&so);
	ids_release(&st);
}

/* ---- the merge ------------------------------------------------------- */

struct mop {
	enum { OP_SET, OP_UNSET, OP_APPEND, OP_REMOVE } kind;
	struct mpath at;          /* the map (SET, UNSET, APPEND) or the item (REMOVE) */
	const char *key;
	const struct tg_val *val;
	bool owned;               /* val is the operation's own */
};

struct mctx {
	struct mop *ops;
	size_t n, alloc;
	struct mconflicts *cf;
	int depth_fail;
};

static struct mpath path_plus(const struct mpath *p, struct mstep s)
{
	struct mpath q = *p;
	if (q.n < MPATH_MAX)
		q.s[q.n++] = s;
	return q;
}

static void add_op(struct mctx *m, int kind, const struct mpath *at, const char *key,
		   const struct tg_val *val)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 32;
		m->ops = xrealloc(m->ops, m->alloc * sizeof *m->ops);
	}
	m->ops[m->n++] = (struct mop){ kind, *at, key, val, false };
}

static void conflict(struct mctx *m, const struct mpath *at)
{
	struct mconflicts *c = m->cf;
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 8;
		c->v = xrealloc(c->v, c->alloc * sizeof *c->v);
	}
	c->v[c->n++] = (struct mconflict){ *at };
}

static void merge_value(struct mctx *m, const struct mpath *map, const char *key,
			const struct tg_val *b, const struct tg_val *o, const struct tg_val *t);

static const struct tg_val *item_by(const struct tg_val *list, const char *f, const char *v)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const char *x = field_of(list->kids[i], f);
		if (x && !strcmp(x, v))
			return list->kids[i];
	}
	return NULL;
}

static void merge_map(struct mctx *m, const struct mpath *at, const struct tg_val *b,
		      const struct tg_val *o, const struct tg_val *t)
{
	if (at->n >= MPATH_MAX) {
		m->depth_fail = 1;
		return;
	}
	for (size_t i = 0; i + 1 < o->n; i += 2) {
		const char *k = o->kids[i]->str;
		merge_value(m, at, k, tg_val_get(b, k), o->kids[i + 1], tg_val_get(t, k));
	}
	for (size_t i = 0; i + 1 < t->n; i += 2) {
		const char *k = t->kids[i]->str;
		if (!tg_val_get(o, k))
			merge_value(m, at, k, tg_val_get(b, k), NULL, t->kids[i + 1]);
	}
}

static bool all_scalars(const struct tg_val *v)
{
	for (size_t i = 0; v && i < v->n; i++)
		if (!is_scalar(v->kids[i]))
			return false;
	return true;
}

static bool has_scalar(const struct tg_val *list, const struct tg_val *s)
{
	for (size_t i = 0; list && i < list->n; i++)
		if (tg_val_equal(list->kids[i], s))
			return true;
	return false;
}

/* Does list keep every item of base (as many times)? */
static bool only_added(const struct tg_val *base, const struct tg_val *list)
{
	for (size_t i = 0; base && i < base->n; i++) {
		size_t nb = 0, nl = 0;
		for (size_t j = 0; j < base->n; j++)
			nb += tg_val_equal(base->kids[j], base->kids[i]);
		for (size_t j = 0; j < list->n; j++)
			nl += tg_val_equal(list->kids[j], base->kids[i]);
		if (nl < nb)
			return false;
	}
	return true;
}

static void merge_keyed(struct mctx *m, const struct mpath *map, const char *key, const char *f,
			const struct tg_val *b, const struct tg_val *o, const struct tg_val *t)
{
	struct mpath list = path_plus(map, (struct mstep){ .kind = MS_KEY, .key = key });
	for (size_t i = 0; i < o->n; i++) {
		const char *id = field_of(o->kids[i], f);
		const struct tg_val *bi = item_by(b, f, id), *ti = item_by(t, f, id);
		struct mpath item = path_plus(&list, (struct mstep){ .kind = MS_ITEM, .key = f, .value = id });
		if (tg_val_equal(bi, ti))
			continue;
		if (!ti) {                  /* THEIRS removed it */
			if (tg_val_equal(bi, o->kids[i]))
				add_op(m, OP_REMOVE, &item, NULL, NULL);
			else
				conflict(m, &item);
		} else if (o->kids[i]->kind == TG_V_MAP && ti->kind == TG_V_MAP) {
			static const struct tg_val empty = { .kind = TG_V_MAP };
			merge_map(m, &item, bi ? bi : &empty, o->kids[i], ti);
		} else if (!tg_val_equal(o->kids[i], ti)) {
			conflict(m, &item);
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		const char *id = field_of(t->kids[i], f);
		if (item_by(o, f, id))
			continue;
		const struct tg_val *bi = item_by(b, f, id);
		if (!bi)
			add_op(m, OP_APPEND, map, key, t->kids[i]);
		else if (!tg_val_equal(bi, t->kids[i]))   /* OURS removed what THEIRS changed */
			conflict(m, &(struct mpath){ 0 });
		if (!bi || tg_val_equal(bi, t->kids[i]))
			continue;
		m->cf->v[m->cf->n - 1].at =
			path_plus(&list, (struct mstep){ .kind = MS_ITEM, .key = f, .value = id });
	}
}

static void merge_list(struct mctx *m, const struct mpath *map, const char *key,
		       const struct tg_val *b, const struct tg_val *o, const struct tg_val *t)
{
	struct mpath at = path_plus(map, (struct mstep){ .kind = MS_KEY, .key = key });
	const struct tg_val *lists[3] = { b, o, t };
	if (all_scalars(b) && all_scalars(o) && all_scalars(t)) {
		if (tg_val_equal(o, b)) {          /* THEIRS's list as it is, in its order */
			add_op(m, OP_SET, map, key, t);
			return;
		}
		if (!only_added(b, o) || !only_added(b, t)) {
			conflict(m, &at);
			return;
		}
		struct tg_val *u = val_copy(o);
		for (size_t i = 0; i < t->n; i++)
			if (!has_scalar(b, t->kids[i]) && !has_scalar(o, t->kids[i]))
				tg_val_push(u, val_copy(t->kids[i]));
		if (!tg_val_equal(u, o)) {
			add_op(m, OP_SET, map, key, u);
			m->ops[m->n - 1].owned = true;
		} else
			tg_val_free(u);
		return;
	}
	const char *f = list_key(lists, 3);
	if (f) {
		static const struct tg_val empty = { .kind = TG_V_LIST };
		merge_keyed(m, map, key, f, b ? b : &empty, o, t);
		return;
	}
	size_t nb = b ? b->n : 0;
	if (o->n < nb || t->n < nb) {
		conflict(m, &at);
		return;
	}
	for (size_t i = 0; i < nb; i++) {
		struct mpath item = path_plus(&at, (struct mstep){ .kind = MS_POS, .pos = i });
		if (tg_val_equal(b->kids[i], t->kids[i]) || tg_val_equal(o->kids[i], t->kids[i]))
			continue;
		if (b->kids[i]->kind == TG_V_MAP && o->kids[i]->kind == TG_V_MAP &&
		    t->kids[i]->kind == TG_V_MAP)
			merge_map(m, &item, b->kids[i], o->kids[i], t->kids[i]);
		else if (tg_val_equal(b->kids[i], o->kids[i]))
			conflict(m, &item);     /* a scalar item among maps: rare */
		else
			conflict(m, &item);
	}
	for (size_t i = nb; i < t->n; i++) {
		bool have = false;
		for (size_t j = nb; j < o->n && !have; j++)
			have = tg_val_equal(o->kids[j], t->kids[i]);
		if (!have)
			add_op(m, OP_APPEND, map, key, t->kids[i]);
	}
}

static void merge_value(struct mctx *m, const struct mpath *map, const char *key,
			const struct tg_val *b, const struct tg_val *o, const struct tg_val *t)
{
	if (tg_val_equal(t, b) || tg_val_equal(o, t))
		return;
	struct mpath at = path_plus(map, (struct mstep){ .kind = MS_KEY, .key = key });
	if (!t) {                                   /* THEIRS removed the key */
		if (tg_val_equal(o, b))
			add_op(m, OP_UNSET, map, key, NULL);
		else
			conflict(m, &at);
		return;
	}
	if (!o) {
		if (!b)
			add_op(m, OP_SET, map, key, t);
		else
			conflict(m, &at);           /* OURS removed what THEIRS changed */
		return;
	}
	bool maps = o->kind == TG_V_MAP && t->kind == TG_V_MAP && (!b || b->kind == TG_V_MAP);
	bool lists = o->kind == TG_V_LIST && t->kind == TG_V_LIST && (!b || b->kind == TG_V_LIST);
	if (maps) {
		static const struct tg_val empty = { .kind = TG_V_MAP };
		merge_map(m, &at, b ? b : &empty, o, t);
	} else if (lists) {
		merge_list(m, map, key, b, o, t);
	} else if (tg_val_equal(o, b)) {
		add_op(m, OP_SET, map, key, t);
	} else {
		conflict(m, &at);
	}
}

/* ---- applying the operations ----------------------------------------- */

static enum tg_status apply(struct tg_edit *e, const struct mop *op, struct tg_diags *d)
{
	const struct tg_node *root = tg_edit_plan(e)->doc->root;
	if (op->kind == OP_REMOVE) {
		struct mpath list = op->at;
		list.n--;
		const struct tg_node *seq = tgi_mpath_resolve(root, &list, NULL);
		const struct tg_node *it = tgi_mpath_resolve(root, &op->at, NULL);
		if (!seq || !it)
			return TG_OK;                 /* gone already */
		size_t i = 0;
		while (seq->kids[i] != it)
			i++;
		return tg_edit_remove(e, seq, i, d);
	}
	const struct tg_node *map = tgi_mpath_resolve(root, &op->at, NULL);
	if (!map || map->kind != TG_MAP) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "internal error: a merged change has no place in OURS");
		return TG_EDATA;
	}
	if (op->kind == OP_UNSET)
		return tg_edit_unset(e, map, op->key, d);
	if (op->kind == OP_SET)
		return tg_edit_set(e, map, op->key, val_copy(op->val), d);
	return tg_edit_append(e, map, op->key, val_copy(op->val), d);
}

/* Apply the operations in order; one that the plan refuses at its turn
 * (a follow-up naming a measure still to come) is tried again after the
 * others, from a copy of the text before it. */
static enum tg_status apply_all(struct tg_edit **ep, const char *path, struct mop *ops, size_t n,
				struct tg_diags *d)
{
	bool *done = xcalloc(n ? n : 1, sizeof *done);
	size_t left = n;
	enum tg_status st = TG_OK;
	struct tg_diags last = TG_DIAGS_INIT;
	while (left) {
		size_t before = left;
		for (size_t i = 0; i < n; i++) {
			if (done[i])
				continue;
			size_t len;
			const char *t = tg_edit_text(*ep, &len);
			char *copy = xstrndup(t, len);
			tg_diags_release(&last);
			st = apply(*ep, &ops[i], &last);
			if (st) {
				tg_edit_free(*ep);
				struct tg_diags q = TG_DIAGS_INIT;
				st = tg_edit_open(path, copy, len, NULL, ep, &q);
				tg_diags_release(&q);
				free(copy);
				if (st) {
					free(done);
					tg_diags_append(d, &last);
					return st;
				}
				continue;
			}
			free(copy);
			done[i] = true;
			left--;
		}
		if (left == before) {
			tg_diags_append(d, &last);
			st = TG_EDATA;
			break;
		}
	}
	tg_diags_release(&last);
	free(done);
	return left ? st : TG_OK;
}

enum tg_status tg_merge_models(struct tg_edit **e, const char *path, const struct tg_doc *base,
			       const struct tg_doc *theirs, struct mconflicts *cf,
			       struct buf *renames, struct tg_diags *d)
{
	const struct tg_node *oroot = tg_edit_plan(*e)->doc->root;
	if (!base->root || base->root->kind != TG_MAP || !theirs->root ||
	    theirs->root->kind != TG_MAP || !oroot || oroot->kind != TG_MAP) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "a side of the merge holds no plan to merge by model");
		return TG_EDATA;
	}
	struct tg_val *vb = val_of(base->root), *vo = val_of(oroot), *vt = val_of(theirs->root);
	renumber(vb, vo, vt, renames);
	struct mctx m = { .cf = cf };
	merge_map(&m, &(struct mpath){ .n = 0 }, vb, vo, vt);
	enum tg_status st = TG_OK;
	if (m.depth_fail) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "the plan nests too deep to merge");
		st = TG_EDATA;
	} else {
		st = apply_all(e, path, m.ops, m.n, d);
	}
	for (size_t i = 0; i < m.n; i++)
		if (m.ops[i].owned)
			tg_val_free((struct tg_val *)m.ops[i].val);
	free(m.ops);
	/* the conflicts' paths point into the trees */
	cf->keep[0] = vb;
	cf->keep[1] = vo;
	cf->keep[2] = vt;
	return st;
}

void tgi_mconflicts_release(struct mconflicts *cf)
{
	free(cf->v);
	for (int i = 0; i < 3; i++)
		tg_val_free(cf->keep[i]);
	*cf = (struct mconflicts){ 0 };
}
