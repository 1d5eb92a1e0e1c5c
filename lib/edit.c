/*
 * edit: change a plan file by splicing its bytes, never by rewriting it.
 *
 * Each operation says what it means to do as a `change` (set this key of
 * that mapping to this value, append this item to that list, …), splices
 * the text at the positions the parser reported, in the style of the lines
 * around it, then parses the text again and checks that the new tree is
 * the old one with exactly that change: every other node the same, the
 * changed one holding the intended value.  Any difference aborts the edit,
 * so a bug here can never reach the user's file.
 */
#include "edit-int.h"

#include <stdlib.h>
#include <string.h>

enum tg_status tg_edit_open(const char *path, const char *src, size_t len,
			    const struct tg_config *cfg, struct tg_edit **out,
			    struct tg_diags *d)
{
	*out = NULL;
	struct tg_plan *plan;
	struct tg_diags all = TG_DIAGS_INIT;
	enum tg_status st = tg_plan_parse(path, src, len, cfg, &plan, &all);
	/* warnings about the file as it is are check's business, not an edit's */
	tg_diags_keep_errors(&all);
	tg_diags_append(d, &all);
	if (st)
		return st;
	struct tg_edit *e = xcalloc(1, sizeof *e);
	e->path = xstrdup(path);
	e->cfg = cfg;
	e->plan = plan;
	tgi_set_text(e, plan);
	e->batch = false;
	/* new lines end as the file's first line does: LF, CRLF or CR */
	size_t nl = strcspn(src, "\r\n");
	e->eol = nl >= len || src[nl] == '\n' ? "\n" : nl + 1 < len && src[nl + 1] == '\n' ? "\r\n" : "\r";
	*out = e;
	return TG_OK;
}

void tg_edit_free(struct tg_edit *e)
{
	if (!e)
		return;
	free(e->path);
	free(e->pending);
	tgi_batch_free(e);
	free(e->spans);
	tg_plan_free(e->plan);
	free(e);
}

const struct tg_plan *tg_edit_plan(const struct tg_edit *e)
{
	return e->plan;
}

bool tg_edit_changed(const struct tg_edit *e)
{
	return e->changed || e->n_pend;
}

const char *tg_edit_text(const struct tg_edit *e, size_t *len)
{
	*len = e->text.len;
	return e->text.s;
}

/* ---- positions --------------------------------------------------------- */

/* Lines end in LF, CRLF or CR alone, as YAML says. */
bool tgi_is_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Is pos the start of a line (not between the CR and LF of a CRLF)? */
static bool at_line_start(const struct tg_edit *e, size_t pos)
{
	return pos > 0 && tgi_is_break(e->text.s[pos - 1]) &&
	       !(e->text.s[pos - 1] == '\r' && pos < e->text.len && e->text.s[pos] == '\n');
}

size_t tgi_line_start(const struct tg_edit *e, size_t pos)
{
	while (pos > 0 && !tgi_is_break(e->text.s[pos - 1]))
		pos--;
	return pos;
}

/* The start of the line before the one starting at ls (ls > 0). */
static size_t prev_line(const struct tg_edit *e, size_t ls)
{
	if (ls > 0 && e->text.s[ls - 1] == '\n')
		ls--;
	if (ls > 0 && e->text.s[ls - 1] == '\r')
		ls--;
	return tgi_line_start(e, ls);
}

/* The start of the line after the one holding pos (a position at the very
 * start of a line, as a block scalar's end is, already is one). */
size_t tgi_line_after(const struct tg_edit *e, size_t pos)
{
	if (at_line_start(e, pos))
		return pos;
	while (pos < e->text.len && !tgi_is_break(e->text.s[pos]))
		pos++;
	if (pos < e->text.len && e->text.s[pos] == '\r')
		pos++;
	else if (pos < e->text.len)
		return pos + 1;
	if (pos < e->text.len && e->text.s[pos] == '\n')
		pos++;
	return pos;
}

static bool is_blank_line(const struct tg_edit *e, size_t start)
{
	for (size_t i = start; i < e->text.len && !tgi_is_break(e->text.s[i]); i++)
		if (e->text.s[i] != ' ')
			return false;
	return true;
}

/* The node whose text ends block node n: its last scalar or flow node. */
static const struct tg_node *last_of(const struct tg_node *n)
{
	while (n->kind != TG_SCALAR && n->style == TG_BLOCK && n->n)
		n = n->kids[n->n - 1];
	return n;
}

/* Does n end in a block scalar that keeps its trailing line breaks (|+,
 * >+)?  Every line break after it, blank lines too, is part of its value. */
static bool ends_keeping(const struct tg_edit *e, const struct tg_node *n)
{
	n = last_of(n);
	if (n->kind != TG_SCALAR || (n->style != TG_LITERAL && n->style != TG_FOLDED))
		return false;
	for (size_t i = n->start; i < e->text.len && !tgi_is_break(e->text.s[i]) && e->text.s[i] != '#'; i++)
		if (e->text.s[i] == '+')
			return true;
	return false;
}

/* Where new lines go after node n: after the line holding its last scalar.
 * A block scalar (| or >) ends after its trailing blank lines; new lines go
 * before those, unless its header keeps them (|+, >+). */
size_t tgi_insert_point(const struct tg_edit *e, const struct tg_node *n)
{
	n = last_of(n);
	size_t pos = tgi_line_after(e, n->tail);
	if (n->kind != TG_SCALAR || (n->style != TG_LITERAL && n->style != TG_FOLDED) ||
	    ends_keeping(e, n))
		return pos;
	while (pos > n->start) {
		size_t prev = prev_line(e, pos);
		if (prev <= n->start || !is_blank_line(e, prev))
			break;
		pos = prev;
	}
	return pos;
}

bool tgi_blank_line_before(const struct tg_edit *e, size_t pos)
{
	size_t ls = tgi_line_start(e, pos);
	if (ls == 0)
		return false;
	size_t prev = prev_line(e, ls);
	for (size_t i = prev; i < ls; i++)
		if (e->text.s[i] != ' ' && e->text.s[i] != '\r' && e->text.s[i] != '\n')
			return false;
	return true;
}

/* The indentation (in spaces) of a block node: its column less one. */
static size_t indent_of(const struct tg_node *n)
{
	return n->col - 1;
}

static void spaces(struct buf *b, size_t n)
{
	while (n--)
		buf_addc(b, ' ');
}

/* Kid indices from the root down to n. */
size_t tgi_node_path(const struct tg_node *n, size_t *idx, size_t max)
{
	size_t depth = 0;
	for (const struct tg_node *c = n; c->parent && depth < max; c = c->parent) {
		const struct tg_node *p = c->parent;
		size_t i = 0;
		while (i < p->n && p->kids[i] != c)
			i++;
		idx[depth++] = i;
	}
	for (size_t i = 0; i < depth / 2; i++) {
		size_t t = idx[i];
		idx[i] = idx[depth - 1 - i];
		idx[depth - 1 - i] = t;
	}
	return depth;
}

/* A change of the given kind at node n. */
struct change tgi_change_at(int op, const struct tg_node *n, const char *key,
			    const struct tg_val *val, size_t index)
{
	struct change ch = { .op = op, .key = key, .val = val, .index = index };
	ch.depth = tgi_node_path(n, ch.path, TG_MAX_DEPTH + 2);
	return ch;
}

/* ---- rendering new content ---------------------------------------------- */

static bool is_scalar(const struct tg_val *v)
{
	return v->kind == TG_V_TEXT || v->kind == TG_V_RAW;
}

/* v in flow style; `in_flow`: inside a flow collection, where text
 * holding a '?' is quoted (tg_yaml_text), else in block style. */
static void render_flow(struct buf *b, const struct tg_val *v, bool in_flow)
{
	if (v->kind == TG_V_TEXT) {
		if (in_flow)
			tg_yaml_text(b, v->str);
		else
			tg_yaml_block_text(b, v->str);
	} else if (v->kind == TG_V_RAW) {
		buf_adds(b, v->str);
	} else if (v->kind == TG_V_LIST) {
		buf_addc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_adds(b, ", ");
			render_flow(b, v->kids[i], true);
		}
		buf_addc(b, ']');
	} else {
		buf_addc(b, '{');
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			if (i)
				buf_adds(b, ", ");
			render_flow(b, v->kids[i], true);
			buf_adds(b, ": ");
			render_flow(b, v->kids[i + 1], true);
		}
		buf_addc(b, '}');
	}
}

/* Can v go on one line, in flow style, after `used` columns? */
static bool fits_flow(const struct tg_val *v, size_t used, size_t *len)
{
	struct buf flow = BUF_INIT;
	render_flow(&flow, v, false);
	*len = flow.len;
	buf_release(&flow);
	if (is_scalar(v))
		return true;
	for (size_t i = 0; i < v->n; i++)
		if (!is_scalar(v->kids[i]))
			return false;
	return v->n == 0 || used + *len <= 80;
}

static void render_item(struct tg_edit *e, struct buf *b, const struct tg_val *v,
			size_t dash, size_t off);

/* "key: value" in a block mapping whose keys are at `indent`; the first
 * line's indentation is already written.  Short lists and mappings of
 * plain values go in flow style on the key's line, longer ones in block
 * style below it. */
static void render_pair(struct tg_edit *e, struct buf *b, const char *key,
			const struct tg_val *v, size_t indent)
{
	size_t len;
	tg_yaml_text(b, key);
	buf_addc(b, ':');
	if (fits_flow(v, indent + strlen(key) + 2, &len)) {
		buf_addc(b, ' ');
		render_flow(b, v, false);
		buf_adds(b, e->eol);
		return;
	}
	buf_adds(b, e->eol);
	if (v->kind == TG_V_MAP) {
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			spaces(b, indent + 2);
			render_pair(e, b, v->kids[i]->str, v->kids[i + 1], indent + 2);
		}
	} else {
		for (size_t i = 0; i < v->n; i++)
			render_item(e, b, v->kids[i], indent + 2, 2);
	}
}

/* A block list item "- k: v" whose keys sit `off` columns after the dash. */
static void render_item(struct tg_edit *e, struct buf *b, const struct tg_val *v,
			size_t dash, size_t off)
{
	spaces(b, dash);
	buf_adds(b, "-");
	spaces(b, off - 1);
	if (v->kind != TG_V_MAP || v->n == 0) {
		render_flow(b, v, false);
		buf_adds(b, e->eol);
		return;
	}
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		if (i)
			spaces(b, dash + off);
		render_pair(e, b, v->kids[i]->str, v->kids[i + 1], dash + off);
	}
}

/* ---- splicing ------------------------------------------------------------ */

void tgi_splice(struct tg_edit *e, size_t pos, size_t del, const struct buf *ins)
{
	size_t len = e->text.len - del + ins->len;
	if (del != ins->len || memcmp(e->text.s + pos, ins->s, del))
		e->changed = true;
	char *t = xmalloc(len + 1);
	memcpy(t, e->text.s, pos);
	memcpy(t + pos, ins->s, ins->len);
	memcpy(t + pos + ins->len, e->text.s + pos + del, e->text.len - pos - del + 1);
	free(e->pending);
	e->pending = t;
	e->text.s = t;
	e->text.len = len;
	e->n_spans = 0;
	tgi_add_span(e, pos, pos + ins->len);
}

/* Where the value of a null key goes: just after its colon. */
size_t tgi_after_colon(const struct tg_edit *e, const struct tg_node *key)
{
	size_t p = key->end;
	while (p < e->text.len && e->text.s[p] != ':')
		p++;
	return p + 1;
}


/* New lines at the very end of a file that ends in a | or > scalar without
 * a final line break would change that scalar's value (the line break
 * becomes part of it): such an edit is refused with advice. */
static bool blocked_at_end(struct tg_edit *e, size_t pos, struct tg_diags *d)
{
	if (pos != e->text.len || !pos || tgi_is_break(e->text.s[pos - 1]))
		return false;
	const struct tg_node *n = e->plan->doc->root;
	while (n && n->kind != TG_SCALAR && n->n)
		n = n->kids[n->n - 1];
	if (!n || n->kind != TG_SCALAR || (n->style != TG_LITERAL && n->style != TG_FOLDED))
		return false;
	tg_diag_node(d, TG_SEV_ERROR, e->plan->doc, n,
		     "the file ends in a block scalar (| or >) without a final line break; "
		     "add a line break at the end of the file and try again");
	return true;
}

/* The key node whose value is n, or NULL. */
const struct tg_node *tgi_key_of(const struct tg_node *n)
{
	const struct tg_node *p = n->parent;
	if (!p || p->kind != TG_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < p->n; i += 2)
		if (p->kids[i + 1] == n)
			return p->kids[i];
	return NULL;
}

/* Insert "key: value" into a mapping node. */
static void insert_pair(struct tg_edit *e, const struct tg_node *map, const char *key,
			const struct tg_val *v, struct buf *ins, size_t *pos, size_t *del)
{
	const struct tg_node *knode = tgi_key_of(map);
	if (map->style == TG_FLOW && map->n == 0 && knode && map->parent->style == TG_BLOCK) {
		/* `key: {}` under a block mapping: start a block mapping */
		*pos = knode->end;
		*del = tgi_line_after(e, map->end) - *pos;
		buf_addc(ins, ':');
		buf_adds(ins, e->eol);
		spaces(ins, indent_of(knode) + 2);
		render_pair(e, ins, key, v, indent_of(knode) + 2);
		return;
	}
	if (map->style == TG_FLOW) {
		size_t close = map->end;
		while (close > map->start && e->text.s[close - 1] != '}')
			close--;
		*pos = close - 1;
		if (map->n)
			buf_adds(ins, ", ");
		tg_yaml_text(ins, key);
		buf_adds(ins, ": ");
		render_flow(ins, v, true);
		return;
	}
	*pos = tgi_insert_point(e, map);
	if (*pos == e->text.len && (*pos == 0 || !tgi_is_break(e->text.s[*pos - 1])))
		buf_adds(ins, e->eol);
	spaces(ins, indent_of(map));
	render_pair(e, ins, key, v, indent_of(map));
}

/* The start of the line of block list item n's dash. */
size_t tgi_item_line(const struct tg_edit *e, const struct tg_node *n)
{
	size_t p = n->start;
	while (p > 0 && strchr(" \t\r\n", e->text.s[p - 1]))
		p--;
	return tgi_line_start(e, p > 0 && e->text.s[p - 1] == '-' ? p - 1 : n->start);
}

static bool ends_line(const struct buf *b)
{
	return b->len && (b->s[b->len - 1] == '\n' || b->s[b->len - 1] == '\r');
}

/* The lines that replace block list old when it is set to v: a new item
 * equal to an old one takes that item's own lines (its comments), with the
 * lines between it and the item before it; the other new items are
 * rendered in the list's style, each in the place of a dropped item where
 * there is one.  The lines above a dropped item stay. */
static void set_block_list(struct tg_edit *e, const struct tg_node *old, const struct tg_val *v,
			   struct buf *ins)
{
	size_t n = old->n, m = v->n;
	const struct tg_node *first = old->kids[0];
	size_t off = first->col > old->col ? first->col - old->col : 2;
	size_t *from = xcalloc(n, sizeof *from), *to = xcalloc(n, sizeof *to);
	long *match = xcalloc(m, sizeof *match);
	bool *used = xcalloc(n, sizeof *used), *gap_done = xcalloc(n, sizeof *gap_done);
	for (size_t i = 0; i < n; i++) {
		from[i] = tgi_item_line(e, old->kids[i]);
		to[i] = tgi_insert_point(e, old->kids[i]);
	}
	/* each new item takes the first unused old item equal to it (a bound
	 * on the work: very long lists are written anew) */
	for (size_t j = 0; j < m; j++) {
		match[j] = -1;
		for (size_t i = 0; n * m <= (1u << 20) && i < n && match[j] < 0; i++)
			if (!used[i] && tgi_holds(old->kids[i], v->kids[j])) {
				used[i] = true;
				match[j] = (long)i;
			}
	}
#define GAP(i) e->text.s + ((i) ? to[(i) - 1] : from[0]), from[i] - ((i) ? to[(i) - 1] : from[0])
	for (size_t j = 0; j < m; j++) {
		if (match[j] >= 0) {
			size_t k = (size_t)match[j];
			for (size_t i = 0; i < k; i++)
				if (!used[i] && !gap_done[i]) {
					buf_add(ins, GAP(i));
					gap_done[i] = true;
				}
			buf_add(ins, GAP(k));
			buf_add(ins, e->text.s + from[k], to[k] - from[k]);
			if (!ends_line(ins))
				buf_adds(ins, e->eol);
			continue;
		}
		/* in the place of the first dropped item before the next kept one */
		size_t bound = n;
		for (size_t l = j + 1; l < m && bound == n; l++)
			if (match[l] >= 0)
				bound = (size_t)match[l];
		for (size_t i = 0; i < bound; i++)
			if (!used[i] && !gap_done[i]) {
				buf_add(ins, GAP(i));
				gap_done[i] = true;
				break;
			}
		render_item(e, ins, v->kids[j], indent_of(old), off);
	}
	for (size_t i = 0; i < n; i++)
		if (!used[i] && !gap_done[i])
			buf_add(ins, GAP(i));
#undef GAP
	/* a list at the end of a file without a final line break keeps it so */
	size_t end = to[n - 1];
	if (end == e->text.len && !(end && strchr("\r\n", e->text.s[end - 1])))
		while (ends_line(ins))
			ins->len--;
	free(from);
	free(to);
	free(match);
	free(used);
	free(gap_done);
}

/* The splice that sets key of map to v, against the text as it is; *now
 * for the changes that a batch does not hold back (a block list or a
 * block collection rewritten). */
enum tg_status tgi_set_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
			      const struct tg_val *v, struct tgi_append *a, bool *now,
			      struct tg_diags *d)
{
	const struct tg_node *old = tg_map_get(map, key);
	const struct tg_node *knode = old ? tgi_key_of(old) : NULL;
	struct buf *ins = &a->ins;
	*now = false;
	a->del = 0;
	if (!old) {
		insert_pair(e, map, key, v, ins, &a->pos, &a->del);
		if (blocked_at_end(e, a->pos, d))
			return TG_EDATA;
	} else if (tg_node_null(old) && old->len == 0) {
		a->pos = tgi_after_colon(e, knode);
		buf_addc(ins, ' ');
		render_flow(ins, v, map->style == TG_FLOW);
	} else if (old->kind == TG_SCALAR && (old->style == TG_LITERAL || old->style == TG_FOLDED)) {
		/* a block scalar's span runs past its line break and trailing
		 * blank lines: replace only up to the end of its last line */
		size_t end = tgi_insert_point(e, old);
		while (end > old->start && (e->text.s[end - 1] == '\n' || e->text.s[end - 1] == '\r'))
			end--;
		a->pos = old->start;
		a->del = end - a->pos;
		render_flow(ins, v, false);
	} else if (old->kind == TG_SCALAR || old->style == TG_FLOW) {
		a->pos = old->start;
		a->del = old->end - old->start;
		render_flow(ins, v, map->style == TG_FLOW);
	} else if (old->kind == TG_SEQ && v->kind == TG_V_LIST && v->n) {
		*now = true;
		a->pos = tgi_line_start(e, old->start);
		a->del = tgi_insert_point(e, old) - a->pos;
		set_block_list(e, old, v, ins);
	} else {
		/* another block collection becomes a flow one on the key's line */
		*now = true;
		a->pos = knode->end;
		a->del = old->tail - a->pos;
		buf_adds(ins, ": ");
		render_flow(ins, v, false);
	}
	return TG_OK;
}

void tgi_first_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
		      const struct tg_val *v, struct tgi_append *a)
{
	const struct tg_node *k0 = map->kids[0];
	a->pos = k0->start;
	a->del = 0;
	tg_yaml_text(&a->ins, key);
	buf_adds(&a->ins, ": ");
	render_flow(&a->ins, v, map->style == TG_FLOW);
	if (map->style == TG_FLOW) {
		buf_adds(&a->ins, ", ");
	} else {
		buf_adds(&a->ins, e->eol);
		spaces(&a->ins, indent_of(k0));
	}
}

void tgi_rename_splice(struct tg_edit *e, const struct tg_node *map, size_t pair,
		       const char *to, struct tgi_append *a)
{
	(void)e;
	const struct tg_node *k = map->kids[pair];
	a->pos = k->start;
	a->del = k->end - k->start;
	struct tg_val *t = tg_val_text(to);
	render_flow(&a->ins, t, map->style == TG_FLOW);
	tg_val_free(t);
}

enum tg_status tg_edit_set(struct tg_edit *e, const struct tg_node *map,
			   const char *key, struct tg_val *v, struct tg_diags *d)
{
	struct tgi_append a = { .ins = BUF_INIT };
	bool now = true;
	enum tg_status st = TG_OK;
	if (e->batch) {
		/* held back beside the other changes waiting, when it can be */
		st = tgi_set_splice(e, map, key, v, &a, &now, d);
		if (!st && !now && tgi_batch_set(e, map, key, v, &a))
			return TG_OK;
		buf_release(&a.ins);
		a = (struct tgi_append){ .ins = BUF_INIT };
	}
	if (!st && e->n_pend && !(map = tgi_settle(e, map, d)))
		st = TG_EDATA;
	if (!st)
		st = tgi_set_splice(e, map, key, v, &a, &now, d);
	if (!st) {
		struct change ch = tgi_change_at(CH_SET, map, key, v, 0);
		tgi_splice(e, a.pos, a.del, &a.ins);
		st = tgi_reparse(e, &ch, 1, d);
	}
	buf_release(&a.ins);
	tg_val_free(v);
	return st;
}

/* The splice that appends item to the list under key of map (creating
 * it), and how a next item would continue it. */
enum tg_status tgi_append_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
				 const struct tg_val *item, struct tgi_append *a,
				 struct tg_diags *d)
{
	const struct tg_node *seq = tg_map_get(map, key);
	const struct tg_node *knode = seq ? tgi_key_of(seq) : NULL;
	struct buf *ins = &a->ins;
	size_t pos, del = 0;
	bool block_parent = map->style == TG_BLOCK;
	size_t key_indent = knode ? indent_of(knode) : indent_of(map);

	a->cont = CONT_NONE;
	a->blank = false;
	if (seq && seq->kind != TG_SEQ && !tg_node_null(seq)) {
		tg_diag_node(d, TG_SEV_ERROR, e->plan->doc, seq, "'%s' is not a list", key);
		return TG_EDATA;
	}
	if (!seq && !block_parent) {
		struct tg_val *kids[1] = { (struct tg_val *)item };
		struct tg_val list = { .kind = TG_V_LIST, .kids = kids, .n = 1 };
		insert_pair(e, map, key, &list, ins, &pos, &del);
		if (blocked_at_end(e, pos, d))
			return TG_EDATA;
	} else if (!seq) {
		pos = tgi_insert_point(e, map);
		if (blocked_at_end(e, pos, d))
			return TG_EDATA;
		if (pos == e->text.len && pos > 0 && !tgi_is_break(e->text.s[pos - 1]))
			buf_adds(ins, e->eol);
		spaces(ins, key_indent);
		tg_yaml_text(ins, key);
		buf_adds(ins, ":");
		buf_adds(ins, e->eol);
		a->cont = CONT_BLOCK;
		a->dash = key_indent + 2;
		a->off = 2;
	} else if (tg_node_null(seq) && !block_parent) {
		/* `key: ~` in a flow mapping: the null becomes a flow list */
		pos = seq->len ? seq->start : tgi_after_colon(e, knode);
		del = seq->len ? seq->end - seq->start : 0;
		buf_adds(ins, seq->len ? "[" : " [");
		render_flow(ins, item, true);
		buf_addc(ins, ']');
	} else if (tg_node_null(seq) || (seq->style == TG_FLOW && seq->n == 0 &&
					   block_parent && !is_scalar(item))) {
		/* `key:`, `key: ~` or `key: []` under a block mapping: start a
		 * block list in the place of the null or the [] */
		pos = knode->end;
		/* an empty null's marks may sit on the next line: take the key's */
		size_t rest = !tg_node_null(seq) || seq->len ? seq->end : tgi_after_colon(e, knode);
		size_t eol = tgi_line_after(e, rest);
		del = eol - pos;
		buf_adds(ins, ":");
		/* keep what follows on the line: a comment */
		size_t keep = eol;
		while (keep > rest && (e->text.s[keep - 1] == '\n' || e->text.s[keep - 1] == '\r'))
			keep--;
		buf_add(ins, e->text.s + rest, keep - rest);
		buf_adds(ins, e->eol);
		a->cont = CONT_BLOCK;
		a->dash = key_indent + 2;
		a->off = 2;
	} else if (seq->style == TG_FLOW) {
		size_t close = seq->end;
		while (close > seq->start && e->text.s[close - 1] != ']')
			close--;
		pos = close - 1;
		if (seq->n)
			buf_adds(ins, ", ");
		render_flow(ins, item, true);
		a->cont = CONT_FLOW;
	} else {
		const struct tg_node *last = seq->kids[seq->n - 1];
		pos = tgi_insert_point(e, seq);
		if (blocked_at_end(e, pos, d))
			return TG_EDATA;
		if (pos == e->text.len && !tgi_is_break(e->text.s[pos - 1]))
			buf_adds(ins, e->eol);
		/* a blank line between items, as the items have; not after
		 * a |+ scalar, whose value would take it */
		a->blank = seq->n >= 2 && tgi_blank_line_before(e, last->start) &&
			   !ends_keeping(e, last);
		const struct tg_node *first = seq->kids[0];
		a->cont = CONT_BLOCK;
		a->dash = indent_of(seq);
		a->off = first->kind == TG_SEQ || first->col <= seq->col ? 2 : first->col - seq->col;
	}
	a->pos = pos;
	a->del = del;
	if (a->cont == CONT_BLOCK)
		tgi_append_more(e, a, item);
	return TG_OK;
}

/* A next item to the same list: after the ones a's splice writes (new
 * items are written on whole lines and never end in a block scalar, so
 * the next one goes right after them). */
void tgi_append_more(struct tg_edit *e, struct tgi_append *a, const struct tg_val *item)
{
	if (a->cont == CONT_FLOW) {
		buf_adds(&a->ins, ", ");
		render_flow(&a->ins, item, true);
		return;
	}
	if (a->blank)
		buf_adds(&a->ins, e->eol);
	render_item(e, &a->ins, item, a->dash, a->off);
}

enum tg_status tg_edit_append(struct tg_edit *e, const struct tg_node *map,
			      const char *key, struct tg_val *item, struct tg_diags *d)
{
	if (e->batch)
		return tgi_batch_append(e, map, key, item, d);
	if (e->n_pend && !(map = tgi_settle(e, map, d))) {
		tg_val_free(item);
		return TG_EDATA;
	}
	struct change ch = tgi_change_at(CH_APPEND, map, key, item, 0);
	struct tgi_append a = { .ins = BUF_INIT };
	enum tg_status st = tgi_append_splice(e, map, key, item, &a, d);
	if (!st) {
		tgi_splice(e, a.pos, a.del, &a.ins);
		st = tgi_reparse(e, &ch, 1, d);
	}
	buf_release(&a.ins);
	tg_val_free(item);
	return st;
}
