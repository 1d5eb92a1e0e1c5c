/*
 * gitmerge-text: the text side of merging a plan file three ways
 * (DESIGN.md §10).  git's own line merge is tried first and kept when it
 * is clean and the result is a valid plan (which also says its IDs are
 * unique); else the models are merged (lib/gitmerge.c), THEIRS's new
 * comments are carried to the items they stand above, THEIRS's other
 * comment and layout changes are made by a line merge (lib/diff3.c)
 * against BASE with THEIRS's changes made by model, and the keys both
 * sides set their own way are marked with git's conflict markers.  When
 * nothing of that works, or a comment would be lost or doubled, the result
 * is git's line merge with its markers, so nothing is dropped silently.
 */
#include "gitmerge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tg_merge3_init(struct tg_merge3 *m)
{
	*m = (struct tg_merge3){ .text = BUF_INIT, .renames = BUF_INIT };
}

void tg_merge3_release(struct tg_merge3 *m)
{
	buf_release(&m->text);
	buf_release(&m->renames);
}

/* `git merge-file -p` of the three files into out: git's exit status (the
 * number of conflicts, up to 127), or -1 when git could not run. */
static int line_merge(const char *base, const char *ours, const char *theirs, int marker,
		      struct buf *out)
{
	char size[32];
	snprintf(size, sizeof size, "--marker-size=%d", marker);
	const char *argv[] = { "git", "merge-file", "-p", size, "-L", "ours", "-L", "base",
			       "-L", "theirs", ours, base, theirs, NULL };
	int r = tg_run(argv, out);
	return r > 127 ? -1 : r;
}

/* ---- lines ------------------------------------------------------------- */

static size_t line_start(const char *s, size_t pos)
{
	while (pos > 0 && s[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_end(const char *s, size_t len, size_t pos)
{
	const char *nl = pos < len ? memchr(s + pos, '\n', len - pos) : NULL;
	return nl ? (size_t)(nl - s) + 1 : len;
}

static size_t indent_at(const char *s, size_t ls)
{
	size_t i = ls;
	while (s[i] == ' ')
		i++;
	return i - ls;
}

/* The text of lines [from, to) of s, moved right (or left) by delta. */
static void add_shifted(struct buf *b, const char *s, size_t from, size_t to, long delta)
{
	while (from < to) {
		size_t e = line_end(s, to, from);
		long ind = (long)indent_at(s, from);
		long want = ind + delta < 0 ? 0 : ind + delta;
		if (from + (size_t)ind < e && s[from + ind] != '\n' && s[from + ind] != '\r')
			for (long i = 0; i < want; i++)
				buf_addc(b, ' ');
		buf_add(b, s + from + ind, e - from - (size_t)ind);
		from = e;
	}
	if (b->len && b->s[b->len - 1] != '\n')
		buf_addc(b, '\n');
}

/* Byte just past the last line of node n's text. */
static size_t node_end(const struct tg_doc *doc, const struct tg_node *n)
{
	size_t last = n->kind != TG_SCALAR && n->style == TG_BLOCK ? n->tail : n->end;
	if (last > 0 && doc->src[last - 1] == '\n')
		return last;
	return line_end(doc->src, doc->len, last);
}

/* Where the lines of the node path leads to start: its key's line, or its
 * item's; nodes[] are those along the path. */
static size_t node_start(const struct tg_node *const *nodes, const struct mpath *p,
			 const struct tg_doc *doc)
{
	const struct tg_node *n = nodes[p->n], *par = nodes[p->n - 1];
	if (p->s[p->n - 1].kind == MS_KEY)
		for (size_t i = 1; i < par->n; i += 2)
			if (par->kids[i] == n)
				return line_start(doc->src, par->kids[i - 1]->start);
	return line_start(doc->src, n->start);
}

/* ---- THEIRS's new comments ------------------------------------------- */

struct span { const char *s; size_t len; };

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	size_t l = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, l);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The comment on the line starting at ls, trimmed; len 0 when none. */
static struct span comment_of(const char *s, size_t len, size_t ls)
{
	size_t i = ls + indent_at(s, ls), e = line_end(s, len, ls);
	while (e > i && (s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == ' '))
		e--;
	if (i < e && s[i] == '#')
		return (struct span){ s + i, e - i };
	return (struct span){ s, 0 };
}

static struct span *comments(const char *s, size_t len, size_t *n)
{
	size_t alloc = 64;
	struct span *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	for (size_t ls = 0; ls < len; ls = line_end(s, len, ls)) {
		struct span c = comment_of(s, len, ls);
		if (!c.len)
			continue;
		if (*n == alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		v[(*n)++] = c;
	}
	qsort(v, *n, sizeof *v, span_cmp);
	return v;
}

static bool known(const struct span *v, size_t n, struct span c)
{
	return bsearch(&c, v, n, sizeof *v, span_cmp) != NULL;
}

/* The first node (pre-order) that starts the line `line`: an item of a
 * list, or a key. */
static const struct tg_node *node_on_line(const struct tg_node *n, unsigned line)
{
	if (n->parent && n->line == line &&
	    (n->parent->kind == TG_SEQ || (n->kind == TG_SCALAR && n->parent->kind == TG_MAP)))
		return n;
	if (n->kind == TG_SCALAR || n->line > line)
		return NULL;
	for (size_t i = 0; i < n->n; i++) {
		const struct tg_node *f = node_on_line(n->kids[i], line);
		if (f)
			return f;
	}
	return NULL;
}

struct insert { size_t pos; struct buf text; };

/* Where THEIRS's anchor line (the node on it) is in doc: its line start. */
static bool anchor_in(const struct tg_doc *theirs, const struct tg_doc *doc, unsigned line,
		      const struct buf *renames, size_t *pos)
{
	const struct tg_node *a = theirs->root ? node_on_line(theirs->root, line) : NULL;
	if (!a || !doc->root)
		return false;
	bool key = a->kind == TG_SCALAR && a->parent->kind == TG_MAP;
	const struct tg_node *target = a;
	if (key)
		for (size_t i = 0; i + 1 < a->parent->n; i += 2)
			if (a->parent->kids[i] == a)
				target = a->parent->kids[i + 1];
	struct mpath p;
	tgi_mpath_of(target, &p);
	char *own[MPATH_MAX];
	size_t nown = 0;
	for (size_t i = 0; i < p.n; i++)
		if (p.s[i].kind == MS_ITEM)
			p.s[i].value = own[nown++] = tgi_mrename_fwd(renames, p.s[i].value);
	const struct tg_node *nodes[MPATH_MAX + 1];
	const struct tg_node *n = p.n ? tgi_mpath_resolve(doc->root, &p, nodes) : NULL;
	if (n)
		*pos = node_start(nodes, &p, doc);
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	return n != NULL;
}

/* Carry the comment lines THEIRS added (known neither to BASE nor to the
 * merged text) to the items or keys they stand above; those whose item is
 * not in the merged text are left out. */
static void carry_comments(struct buf *text, const char *path, const struct tg_doc *base,
			   const struct tg_doc *theirs, const struct buf *renames)
{
	struct tg_diags q = TG_DIAGS_INIT;
	struct tg_doc *doc;
	if (tg_doc_parse(path, text->s, text->len, &doc, &q)) {
		tg_diags_release(&q);
		return;
	}
	size_t nb, nm;
	struct span *vb = comments(base->src, base->len, &nb);
	struct span *vm = comments(text->s, text->len, &nm);
	struct insert *ins = NULL;
	size_t nins = 0;
	const char *s = theirs->src;
	size_t len = theirs->len;
	unsigned line = 1;
	for (size_t ls = 0; ls < len;) {
		struct span c = comment_of(s, len, ls);
		if (!c.len || known(vb, nb, c) || known(vm, nm, c)) {
			ls = line_end(s, len, ls);
			line++;
			continue;
		}
		size_t from = ls, to = ls;        /* a run of new comment lines */
		while (to < len) {
			struct span k = comment_of(s, len, to);
			if (!k.len || known(vb, nb, k) || known(vm, nm, k))
				break;
			to = line_end(s, len, to);
			line++;
		}
		size_t a = to;                     /* the line it stands above */
		unsigned aline = line;
		while (a < len && (comment_of(s, len, a).len || indent_at(s, a) + a == line_end(s, len, a) ||
				   s[a + indent_at(s, a)] == '\n' || s[a + indent_at(s, a)] == '\r')) {
			a = line_end(s, len, a);
			aline++;
		}
		size_t pos = text->len;
		bool found = a >= len || anchor_in(theirs, doc, aline, renames, &pos);
		if (found) {
			ins = xrealloc(ins, (nins + 1) * sizeof *ins);
			ins[nins].pos = pos;
			buf_init(&ins[nins].text);
			long delta = a >= len ? 0 : (long)indent_at(text->s, pos) - (long)indent_at(s, a);
			if (pos == text->len && text->len && text->s[text->len - 1] != '\n')
				buf_addc(&ins[nins].text, '\n');
			add_shifted(&ins[nins].text, s, from, to, delta);
			nins++;
		}
		ls = to;
	}
	for (size_t i = nins; i-- > 0;) {       /* from the end: positions hold */
		buf_splice(text, ins[i].pos, 0, ins[i].text.s, ins[i].text.len);
		buf_release(&ins[i].text);
	}
	free(ins);
	free(vb);
	free(vm);
	tg_doc_free(doc);
	tg_diags_release(&q);
}

/* ---- conflict markers ------------------------------------------------- */

struct mark { size_t from, to; struct buf text; };

static int mark_cmp(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;
	if (x->from != y->from)
		return (x->from > y->from) - (x->from < y->from);
	return (x->to < y->to) - (x->to > y->to);      /* the wider first */
}

/* Resolve p in doc as far as it goes; cut it where it enters a flow
 * collection (markers go around whole lines).  Returns how many steps
 * resolved. */
static size_t resolve_cut(const struct tg_doc *doc, struct mpath *p, const struct tg_node **nodes)
{
	for (size_t i = 0; i <= MPATH_MAX; i++)
		nodes[i] = NULL;
	tgi_mpath_resolve(doc->root, p, nodes);
	for (size_t i = 1; i < p->n; i++)
		if (nodes[i] && nodes[i]->style == TG_FLOW) {
			p->n = i;
			break;
		}
	size_t k = 0;
	while (k < p->n && nodes[k + 1])
		k++;
	return k;
}

static void mark_one(const struct tg_doc *doc, const struct tg_doc *theirs, struct mpath p,
		     int size, struct mark *m)
{
	const struct tg_node *on[MPATH_MAX + 1], *tn[MPATH_MAX + 1];
	struct mpath tp = p;
	resolve_cut(doc, &p, on);
	resolve_cut(theirs, &tp, tn);
	if (tp.n < p.n)
		p.n = tp.n;        /* cut where either side enters a flow collection */
	size_t ko = resolve_cut(doc, &p, on), kt = resolve_cut(theirs, &p, tn);
	const struct tg_node *oc = on[p.n - 1 < ko ? p.n - 1 : ko], *tc = tn[p.n - 1 < kt ? p.n - 1 : kt];
	buf_init(&m->text);
	if (ko == p.n) {
		m->from = node_start(on, &p, doc);
		m->to = node_end(doc, on[p.n]);
	} else {
		m->from = m->to = oc ? node_end(doc, oc) : doc->len;
	}
	long delta = oc && tc ? (long)oc->col - (long)tc->col : 0;
	buf_addf(&m->text, "%.*s ours\n", size, "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
	buf_add(&m->text, doc->src + m->from, m->to - m->from);
	if (m->to > m->from && doc->src[m->to - 1] != '\n')
		buf_addc(&m->text, '\n');
	buf_addf(&m->text, "%.*s\n", size, "========================================");
	if (kt == p.n)
		add_shifted(&m->text, theirs->src, node_start(tn, &p, theirs), node_end(theirs, tn[p.n]),
			    delta);
	buf_addf(&m->text, "%.*s theirs\n", size, ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>");
	if (m->from == m->to && m->from > 0 && doc->src[m->from - 1] != '\n')
		buf_splice(&m->text, 0, 0, "\n", 1);
}

static enum tg_status add_markers(struct buf *text, const char *path, const struct tg_doc *theirs,
				  const struct mconflicts *cf, int size, struct tg_diags *d)
{
	struct tg_doc *doc;
	enum tg_status st = tg_doc_parse(path, text->s, text->len, &doc, d);
	if (st)
		return st;
	struct mark *mk = xcalloc(cf->n, sizeof *mk);
	for (size_t i = 0; i < cf->n; i++)
		mark_one(doc, theirs, cf->v[i].at, size, &mk[i]);
	qsort(mk, cf->n, sizeof *mk, mark_cmp);
	/* from the end; a mark inside one before it is part of that one */
	size_t floor = text->len + 1;
	for (size_t i = cf->n; i-- > 0;) {
		bool inside = false;
		for (size_t j = 0; j < i && !inside; j++)
			inside = mk[j].to > mk[j].from && mk[j].from <= mk[i].from && mk[i].to <= mk[j].to;
		if (!inside && mk[i].to <= floor) {
			buf_splice(text, mk[i].from, mk[i].to - mk[i].from, mk[i].text.s, mk[i].text.len);
			floor = mk[i].from;
		}
		buf_release(&mk[i].text);
	}
	free(mk);
	tg_doc_free(doc);
	return TG_OK;
}

/* ---- both sides' comments and layout ------------------------------------ */

static void mask_scalars(const struct tg_node *n, unsigned char *in, size_t len)
{
	if (n->kind == TG_SCALAR) {
		if (n->start < n->end && n->end <= len)
			memset(in + n->start, 1, n->end - n->start);
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		mask_scalars(n->kids[i], in, len);
}

/* The comments of doc, whole lines and ends of lines alike: from a '#'
 * outside every scalar, at a line's start or after a blank, to the line's
 * end, trimmed; sorted. */
static struct span *doc_comments(const struct tg_doc *doc, size_t *n)
{
	const char *s = doc->src;
	size_t len = doc->len, alloc = 64;
	unsigned char *in = xcalloc(len + 1, 1);
	if (doc->root)
		mask_scalars(doc->root, in, len);
	struct span *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	for (size_t ls = 0; ls < len;) {
		size_t le = line_end(s, len, ls), p = ls;
		while (p < le && !(s[p] == '#' && !in[p] && (p == ls || s[p - 1] == ' ' || s[p - 1] == '\t')))
			p++;
		size_t e = le;
		while (e > p && (s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (p < e) {
			if (*n == alloc)
				v = xrealloc(v, (alloc *= 2) * sizeof *v);
			v[(*n)++] = (struct span){ s + p, e - p };
		}
		ls = le;
	}
	free(in);
	qsort(v, *n, sizeof *v, span_cmp);
	return v;
}

static long count_of(const struct span *v, size_t n, const struct span *c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (span_cmp(&v[mid], c) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	while (k < n && !span_cmp(&v[k], c))
		k++;
	return (long)(k - lo);
}

/* Does merged (docs[3]) hold each comment as often as BASE (docs[0]) with
 * OURS's (docs[1]) and THEIRS's (docs[2]) additions and removals makes
 * it?  Both sides adding (or removing) the same comment may count once. */
static bool comments_kept(const struct tg_doc *const docs[4])
{
	struct span *v[4];
	size_t n[4];
	for (int i = 0; i < 4; i++)
		v[i] = doc_comments(docs[i], &n[i]);
	bool ok = true;
	for (int s = 0; s < 4 && ok; s++) {
		for (size_t i = 0; i < n[s] && ok; i++) {
			if (i && !span_cmp(&v[s][i - 1], &v[s][i]))
				continue;
			long cb = count_of(v[0], n[0], &v[s][i]), co = count_of(v[1], n[1], &v[s][i]);
			long ct = count_of(v[2], n[2], &v[s][i]), cr = count_of(v[3], n[3], &v[s][i]);
			long dO = co - cb, dT = ct - cb, lo, hi;
			if (dO > 0 && dT > 0) {
				lo = cb + (dO > dT ? dO : dT);
				hi = cb + dO + dT;
			} else if (dO < 0 && dT < 0) {
				lo = cb + dO + dT;
				hi = cb + (dO > dT ? dO : dT);
			} else {
				lo = hi = cb + dO + dT;
			}
			ok = cr >= (lo < 0 ? 0 : lo) && cr <= hi;
		}
	}
	for (int i = 0; i < 4; i++)
		free(v[i]);
	return ok;
}

/* The text of the merge by model in e, with THEIRS's new comments carried
 * when the plan still loads with them. */
static void merged_text(struct buf *out, const struct tg_edit *e, const char *name,
			const struct tg_doc *base, const struct tg_doc *theirs,
			const struct buf *renames)
{
	size_t len;
	const char *t = tg_edit_text(e, &len);
	buf_reset(out);
	buf_add(out, t, len);
	carry_comments(out, name, base, theirs, renames);
	struct tg_plan *plan = NULL;
	struct tg_diags q = TG_DIAGS_INIT;
	if (tg_plan_parse(name, out->s, out->len, NULL, &plan, &q)) {
		buf_reset(out);             /* the comments broke it: without them */
		buf_add(out, t, len);
	}
	tg_plan_free(plan);
	tg_diags_release(&q);
}

/* BASE with side's changes made by model (and its new comments carried):
 * a text side's own differs from in comments and layout only. */
static bool project(const char *name, const struct tg_doc *base, const struct tg_doc *side,
		    struct buf *out)
{
	struct tg_edit *e = NULL;
	struct mconflicts cf = { 0 };
	struct buf ren = BUF_INIT;
	struct tg_diags q = TG_DIAGS_INIT;
	enum tg_status st = tg_edit_open(name, base->src, base->len, NULL, &e, &q);
	if (!st)
		st = tg_merge_models(&e, name, base, side, &cf, &ren, &q);
	bool ok = !st && !cf.n && !ren.len;
	if (ok)
		merged_text(out, e, name, base, side, &ren);
	tgi_mconflicts_release(&cf);
	buf_release(&ren);
	tg_diags_release(&q);
	tg_edit_free(e);
	return ok;
}

/* Make THEIRS's comment and layout changes (its text against BASE with
 * its changes made by model) to text, OURS's text merged by model, in
 * which OURS's are already; true when that merges by lines, holds the same
 * model and keeps every comment either side added or removed. */
static bool keep_layout(struct buf *text, const char *name, const struct tg_doc *base,
			const struct tg_doc *ours, const struct tg_doc *theirs)
{
	struct buf proj = BUF_INIT, r = BUF_INIT;
	struct tg_plan *pm = NULL, *pr = NULL;
	struct tg_diags q = TG_DIAGS_INIT;
	bool ok = project(name, base, theirs, &proj) &&
		  tg_lines_merge3(proj.s, proj.len, text->s, text->len, theirs->src, theirs->len, &r) &&
		  !tg_plan_parse(name, text->s, text->len, NULL, &pm, &q) &&
		  !tg_plan_parse(name, r.s, r.len, NULL, &pr, &q);
	if (ok) {
		struct tg_val *vm = tg_val_from_node(pm->doc->root), *vr = tg_val_from_node(pr->doc->root);
		const struct tg_doc *docs[4] = { base, ours, theirs, pr->doc };
		ok = tg_val_equal(vm, vr) && comments_kept(docs);
		tg_val_free(vm);
		tg_val_free(vr);
	}
	if (ok) {
		buf_reset(text);
		buf_add(text, r.s, r.len);
	}
	tg_plan_free(pm);
	tg_plan_free(pr);
	tg_diags_release(&q);
	buf_release(&proj);
	buf_release(&r);
	return ok;
}

/* ---- the merge ----------------------------------------------------------- */

enum tg_status tg_merge_texts(const char *b, size_t blen, const char *o, size_t olen,
			      const char *t, size_t tlen, const char *name, int size,
			      struct tg_merge3 *m, struct tg_diags *d)
{
	struct tg_doc *base = NULL, *ours = NULL, *theirs = NULL;
	struct tg_edit *e = NULL;
	struct mconflicts cf = { 0 };
	enum tg_status st = tg_doc_parse(name, b, blen, &base, d);
	if (!st)
		st = tg_doc_parse(name, t, tlen, &theirs, d);
	if (!st)
		st = tg_doc_parse(name, o, olen, &ours, d);
	if (!st)
		st = tg_edit_open(name, o, olen, NULL, &e, d);
	if (!st)
		st = tg_merge_models(&e, name, base, theirs, &cf, &m->renames, d);
	if (!st) {
		merged_text(&m->text, e, name, base, theirs, &m->renames);
		if (!keep_layout(&m->text, name, base, ours, theirs)) {
			tg_diag_add(d, TG_SEV_ERROR, name, 0, 0, NULL, 0, 0,
				    "a change to comments or layout could not be kept beside "
				    "the other side's changes");
			st = TG_EDATA;
		}
	}
	if (!st) {
		if (cf.n)
			st = add_markers(&m->text, name, theirs, &cf, size, d);
		m->conflicts = cf.n;
		if (!st && cf.n)
			st = TG_FINDINGS;
	}
	tgi_mconflicts_release(&cf);
	tg_edit_free(e);
	tg_doc_free(base);
	tg_doc_free(ours);
	tg_doc_free(theirs);
	return st;
}

enum tg_status tg_merge_file(const char *base, const char *ours, const char *theirs,
			     const char *name, int marker_size, struct tg_merge3 *m,
			     struct tg_diags *d)
{
	const char *paths[3] = { base, ours, theirs };
	struct buf src[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf lines = BUF_INIT;
	enum tg_status st = TG_OK;
	for (int i = 0; i < 3 && !st; i++)
		st = tg_read_file(paths[i], TG_MAX_FILE, &src[i], d);
	if (st)
		goto out;
	int git = line_merge(base, ours, theirs, marker_size, &lines);
	if (git == 0) {
		struct tg_plan *plan = NULL;
		struct tg_diags q = TG_DIAGS_INIT;
		enum tg_status ok = tg_plan_parse(name, lines.s, lines.len, NULL, &plan, &q);
		tg_plan_free(plan);
		tg_diags_release(&q);
		if (!ok) {
			buf_reset(&m->text);
			buf_add(&m->text, lines.s, lines.len);
			goto out;
		}
	}
	struct tg_diags why = TG_DIAGS_INIT;
	st = tg_merge_texts(src[0].s, src[0].len, src[1].s, src[1].len, src[2].s, src[2].len, name,
			    marker_size, m, &why);
	if (st == TG_OK || st == TG_FINDINGS) {
		tg_diags_release(&why);
		goto out;
	}
	/* nothing dropped silently: git's line merge, with its markers */
	for (size_t i = 0; i < why.n; i++)
		why.v[i].sev = TG_SEV_WARNING;
	tg_diags_append(d, &why);
	buf_reset(&m->renames);
	m->conflicts = 0;
	m->line_merge = true;
	buf_reset(&m->text);
	if (git < 0) {
		tg_diag_add(d, TG_SEV_ERROR, name, 0, 0, NULL, 0, 0,
			    "git merge-file could not run; OURS is left as it was");
		st = TG_EIO;
	} else {
		buf_add(&m->text, lines.s, lines.len);
		m->conflicts = (size_t)git;
		st = TG_FINDINGS;
	}
out:
	for (int i = 0; i < 3; i++)
		buf_release(&src[i]);
	buf_release(&lines);
	return st;
}
