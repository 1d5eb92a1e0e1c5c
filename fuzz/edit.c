/*
 * fuzz target "edit": the edit engine (lib/edit.c) on valid plans.
 *
 * Input: a plan file followed by CTL_LEN bytes that choose NOPS edits of
 * OP_LEN bytes each: set a field of a measure or problem, append a measure,
 * problem, cause, follow-up or situation item, remove an item of any list,
 * unset any key, or set / append any value under an x- key of any mapping.
 * Nodes are picked from the parsed plan by index, values from tables of
 * texts that are hard to write in YAML.
 *
 * Promises checked after every edit, against a value tree this file
 * computes on its own (plain scalars kept apart from quoted ones, so that
 * it can tell a null from an empty text):
 *   - TG_OK: the text parses again as a valid plan, holds exactly the
 *     intended values, and differs from the old text only inside the lines
 *     of the mapping or list that was edited;
 *   - a refusal is never the engine's "internal error", and never "would
 *     not be valid" when the intended plan is valid (we write it in plain
 *     block YAML and load it to find out).
 * After a refusal the edit is spoiled (lib/trygg.h), so the input stops.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OP_LEN 8
#define NOPS 2
#define CTL_LEN (OP_LEN * NOPS)

/* ---- tables ------------------------------------------------------------ */

#define COUNT(a) (sizeof (a) / sizeof *(a))

static const char *const texts[] = {
	"Ökad närvaro av polis", "a: b", "a #b", "#c", "- d", "? e", ": f", "g:",
	" lead", "trail ", "", "~", "null", "yes", "No", "1", "0.5", "1e3",
	"2014-10-01", "'s'", "\"d\"", "x\\y", "multi\nline", "tab\there", "[x]",
	"{y}", "x, y", "&a", "*b", "!t", "|", ">", "%p", "@q", "`r",
	"nel\xc2\x85here", "ls\xe2\x80\xa8here", "---", "...", "cr\r\nlf", "<<", "=",
	"-", "x: ", "del\x7f", "bell\x07", "Västra Hisingen", "a\nb\n", " ",
	("Trygghetsvandring med boende, fastighetsägare och polis i Hjällbo centrum "
	 "under hösten, följd av åtgärder i belysning och röjning av buskage"),
};

static const char *const raws[] = {
	"1", "2", "3", "2015-06-30", "P1", "S1", "0.41", "done", "x", "10",
};

static const char *const orgs[] = {
	"Polisen", "SDF Angered", "Bostadsbolaget AB, Göteborg", "\"Q\"", "a: b", "Trafikkontoret",
};

static const char *const xkeys[] = {
	"x-note", "x-a", "x-ä", "x- y", "x-k: v", "x-\"q\"", "x-#", "x-long-key-name",
};

static const char *const statuses[] = {
	"proposed", "planned", "ongoing", "done", "cancelled", "finished",
};

static const char *const dates[] = { "2015-01-31", "2016-02-29", "2015-02-29", "soon" };
static const char *const terms[] = { "short", "long", "mobilisation", "never" };
static const char *const kinds[] = { "situational", "social", "other" };

/* The value bytes of an op, read round and round. */
struct rnd {
	const uint8_t *p;
	unsigned i;
};

static unsigned next(struct rnd *r)
{
	return r->p[r->i++ % 4];
}

#define PICK(r, table) ((table)[next(r) % COUNT(table)])

/* ---- values ------------------------------------------------------------ */

static struct tg_val *copy(const struct tg_val *v)
{
	struct tg_val *c;
	if (v->kind == TG_V_TEXT)
		return tg_val_text(v->str);
	if (v->kind == TG_V_RAW)
		return tg_val_raw(v->str);
	c = v->kind == TG_V_LIST ? tg_val_list() : tg_val_map();
	for (size_t i = 0; i < v->n; i++)
		tg_val_push(c, copy(v->kids[i]));
	return c;
}

static bool nullish(const char *s)
{
	return !*s || !strcmp(s, "~") || !strcmp(s, "null");
}

/* The value of a node: plain scalars RAW, quoted and block scalars TEXT. */
static struct tg_val *value_of(const struct tg_node *n)
{
	if (n->kind == TG_SCALAR)
		return n->style == TG_PLAIN ? tg_val_raw(n->str) : tg_val_text(n->str);
	struct tg_val *v = n->kind == TG_MAP ? tg_val_map() : tg_val_list();
	for (size_t i = 0; i < n->n; i++)
		tg_val_push(v, value_of(n->kids[i]));
	return v;
}

static struct tg_val *text_list(struct rnd *r, size_t n, bool long_ones)
{
	struct tg_val *l = tg_val_list();
	for (size_t i = 0; i < n; i++)
		tg_val_push(l, tg_val_text(long_ones ? texts[COUNT(texts) - 1] : PICK(r, texts)));
	return l;
}

static struct tg_val *any_value(struct rnd *r, int depth)
{
	unsigned shape = depth > 1 ? next(r) % 3 : next(r) % 11;
	struct tg_val *v;
	switch (shape) {
	case 0: case 1: return tg_val_text(PICK(r, texts));
	case 2: return tg_val_raw(PICK(r, raws));
	case 3: return text_list(r, next(r) % 4, false);
	case 4: return tg_val_map();
	case 5:
		v = tg_val_map();
		for (unsigned i = 0, n = 1 + next(r) % 3; i < n; i++)
			tg_val_put(v, PICK(r, xkeys), any_value(r, depth + 1));
		return v;
	case 6:
		v = tg_val_list();
		for (unsigned i = 0, n = 1 + next(r) % 2; i < n; i++)
			tg_val_push(v, tg_val_put(tg_val_put(tg_val_map(), "x-a", tg_val_text(PICK(r, texts))),
						  "x-b", tg_val_text(PICK(r, texts))));
		return v;
	case 7: return tg_val_text(texts[COUNT(texts) - 1]);
	case 8: return text_list(r, 6, true);
	case 9: return tg_val_put(tg_val_map(), "x-l", text_list(r, 3, true));
	default: return tg_val_list();
	}
}

/* ---- the plan's nodes ---------------------------------------------------- */

struct nodes {
	const struct tg_node **maps, **seqs;
	size_t n_maps, n_seqs;
};

static void collect(struct nodes *ns, const struct tg_node *n)
{
	if (n->kind == TG_SCALAR)
		return;
	const struct tg_node ***v = n->kind == TG_MAP ? &ns->maps : &ns->seqs;
	size_t *count = n->kind == TG_MAP ? &ns->n_maps : &ns->n_seqs;
	*v = realloc(*v, (*count + 1) * sizeof **v);
	if (!*v)
		abort();
	(*v)[(*count)++] = n;
	for (size_t i = 0; i < n->n; i++)
		collect(ns, n->kids[i]);
}

/* The value in tree at the place node n has in its document. */
static struct tg_val *at(struct tg_val *tree, const struct tg_node *n)
{
	if (!n->parent)
		return tree;
	struct tg_val *p = at(tree, n->parent);
	for (size_t i = 0; i < n->parent->n; i++)
		if (n->parent->kids[i] == n)
			return p->kids[i];
	fuzz_fail(NULL, "a node is not among its parent's kids");
}

static const struct tg_node *key_node(const struct tg_node *n)
{
	const struct tg_node *p = n->parent;
	for (size_t i = 0; p && p->kind == TG_MAP && i + 1 < p->n; i += 2)
		if (p->kids[i + 1] == n)
			return p->kids[i];
	return NULL;
}

/* ---- an edit, done twice: by the engine, and here on the value tree ----- */

enum op_kind { OP_SET, OP_APPEND, OP_REMOVE, OP_UNSET };

struct op {
	enum op_kind kind;
	const struct tg_node *box;   /* the mapping (or, to remove, the list) edited */
	const char *key;
	size_t index;
	struct tg_val *v;            /* set, append; given to the engine */
	const char *what;
	unsigned line;               /* of box, kept for messages */
};

static void put(struct tg_val *map, const char *key, struct tg_val *v)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->kids[i]->str, key)) {
			tg_val_free(map->kids[i + 1]);
			map->kids[i + 1] = v;
			return;
		}
	tg_val_push(map, tg_val_text(key));
	tg_val_push(map, v);
}

static void drop(struct tg_val *v, size_t i, size_t count)
{
	for (size_t k = i; k < i + count; k++)
		tg_val_free(v->kids[k]);
	memmove(v->kids + i, v->kids + i + count, (v->n - i - count) * sizeof *v->kids);
	v->n -= count;
}

static void intend(struct tg_val *tree, const struct op *op)
{
	struct tg_val *box = at(tree, op->box);
	switch (op->kind) {
	case OP_SET:
		put(box, op->key, copy(op->v));
		break;
	case OP_APPEND: {
		struct tg_val *list = NULL;
		for (size_t i = 0; i + 1 < box->n; i += 2)
			if (!strcmp(box->kids[i]->str, op->key))
				list = box->kids[i + 1];
		if (!list || list->kind != TG_V_LIST) {
			list = tg_val_list();
			put(box, op->key, list);
		}
		tg_val_push(list, copy(op->v));
		break;
	}
	case OP_REMOVE:
		drop(box, op->index, 1);
		break;
	case OP_UNSET:
		for (size_t i = 0; i + 1 < box->n; i += 2)
			if (!strcmp(box->kids[i]->str, op->key)) {
				drop(box, i, 2);
				break;
			}
		break;
	}
}

/* ---- is the intended plan valid? ---------------------------------------- */

static void emit(struct buf *b, const struct tg_val *v, size_t indent);

static void emit_value(struct buf *b, const struct tg_val *v, size_t indent)
{
	if (v->kind == TG_V_RAW && nullish(v->str)) {
		buf_adds(b, " ~\n");
	} else if (v->kind == TG_V_RAW || v->kind == TG_V_TEXT) {
		buf_addc(b, ' ');
		tg_yaml_quoted(b, v->str);
		buf_addc(b, '\n');
	} else if (!v->n) {
		buf_adds(b, v->kind == TG_V_MAP ? " {}\n" : " []\n");
	} else {
		buf_addc(b, '\n');
		emit(b, v, indent + 2);
	}
}

static void emit(struct buf *b, const struct tg_val *v, size_t indent)
{
	for (size_t i = 0; i < v->n; i += v->kind == TG_V_MAP ? 2 : 1) {
		for (size_t s = 0; s < indent; s++)
			buf_addc(b, ' ');
		if (v->kind == TG_V_MAP) {
			tg_yaml_quoted(b, v->kids[i]->str);
			buf_addc(b, ':');
			emit_value(b, v->kids[i + 1], indent);
		} else {
			buf_addc(b, '-');
			emit_value(b, v->kids[i], indent);
		}
	}
}

static bool valid_plan(const struct tg_val *tree, struct buf *yaml)
{
	emit(yaml, tree, 0);
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_plan *p;
	enum tg_status st = tg_plan_parse("intended.yaml", yaml->s, yaml->len, NULL, &p, &d);
	tg_plan_free(p);
	tg_diags_release(&d);
	return st == TG_OK;
}

/* ---- choosing an edit from 8 bytes ------------------------------------- */

static size_t line_start(const char *s, size_t pos)
{
	while (pos > 0 && s[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_after(const char *s, size_t len, size_t pos)
{
	if (pos > 0 && s[pos - 1] == '\n')
		return pos;
	const char *nl = memchr(s + pos, '\n', len - pos);
	return nl ? (size_t)(nl - s) + 1 : len;
}

static unsigned max_number(const char *id, const char *prefix, unsigned max)
{
	size_t l = strlen(prefix);
	if (id && !strncmp(id, prefix, l)) {
		unsigned long n = strtoul(id + l, NULL, 10);
		if (n > max && n < 100000)
			max = (unsigned)n;
	}
	return max;
}

static struct tg_val *new_measure(const struct tg_problem *pr, struct rnd *r)
{
	char prefix[64], id[80];
	snprintf(prefix, sizeof prefix, "%s.M", pr->id);
	unsigned max = 0;
	for (size_t i = 0; i < pr->n_measures; i++)
		max = max_number(pr->measures[i].id, prefix, max);
	snprintf(id, sizeof id, "%s%u", prefix, max + 1);
	struct tg_val *m = tg_val_map();
	tg_val_put(m, "id", tg_val_raw(id));
	tg_val_put(m, "text", tg_val_text(PICK(r, texts)));
	tg_val_put(m, "phase", tg_val_raw(raws[next(r) % 3]));
	unsigned extra = next(r);
	if (extra & 1)
		tg_val_put(m, "responsible", tg_val_push(tg_val_list(), tg_val_text(PICK(r, orgs))));
	if (extra & 2)
		tg_val_put(m, "status", tg_val_raw(PICK(r, statuses)));
	if (extra & 4)
		tg_val_put(m, "due", tg_val_raw(PICK(r, dates)));
	return m;
}

static struct tg_val *measure_field(struct rnd *r, unsigned f, const char **key)
{
	struct tg_val *l;
	switch (f % 10) {
	case 0: *key = "status"; return tg_val_raw(PICK(r, statuses));
	case 1: *key = "phase"; return tg_val_raw(next(r) % 5 ? raws[next(r) % 3] : "4");
	case 2: *key = "due"; return tg_val_raw(PICK(r, dates));
	case 3: *key = "text"; return tg_val_text(PICK(r, texts));
	case 4:
		*key = "responsible";
		l = tg_val_list();
		for (unsigned i = 0, n = next(r) % 4; i < n; i++)
			tg_val_push(l, tg_val_text(PICK(r, orgs)));
		return l;
	case 5: *key = "term"; return tg_val_raw(PICK(r, terms));
	case 6: *key = "kind"; return tg_val_raw(PICK(r, kinds));
	case 7:
		*key = "strategic_areas";
		l = tg_val_list();
		for (unsigned i = 0, n = next(r) % 4; i < n; i++)
			tg_val_push(l, tg_val_raw(raws[next(r) % COUNT(raws)]));
		return l;
	case 8: *key = PICK(r, xkeys); return any_value(r, 0);
	default: *key = "id"; return tg_val_raw(next(r) & 1 ? "P1.M1" : "P1.M99");
	}
}

static struct tg_val *problem_field(struct rnd *r, unsigned f, const char **key)
{
	struct tg_val *l;
	switch (f % 10) {
	case 0: *key = "title"; return tg_val_text(PICK(r, texts));
	case 1: *key = "goal"; return tg_val_text(PICK(r, texts));
	case 2: *key = "causes"; return text_list(r, next(r) % 4, next(r) & 1);
	case 3: *key = "subgoals"; return text_list(r, next(r) % 7, next(r) & 1);
	case 4:
		*key = "strategic_areas";
		l = tg_val_list();
		for (unsigned i = 0, n = next(r) % 5; i < n; i++)
			tg_val_push(l, tg_val_raw(raws[next(r) % 3]));
		return l;
	case 5: *key = "situation"; return tg_val_raw(next(r) & 1 ? "S1" : "S2");
	case 6: {
		*key = "indicators";
		struct tg_val *pt = tg_val_map();
		tg_val_put(pt, "value", tg_val_raw("0.38"));
		tg_val_put(pt, "date", tg_val_raw("2014-10-01"));
		struct tg_val *ind = tg_val_map();
		tg_val_put(ind, "name", tg_val_text(PICK(r, texts)));
		tg_val_put(ind, "baseline", pt);
		return tg_val_push(tg_val_list(), ind);
	}
	case 7: *key = PICK(r, xkeys); return any_value(r, 0);
	case 8: *key = "measures"; return tg_val_list();
	default: *key = "followups"; return tg_val_list();
	}
}

/* Fill op from 8 control bytes; false when they choose no edit. */
static bool choose(const struct tg_plan *p, const struct nodes *ns, const uint8_t *c,
		   struct op *op)
{
	unsigned sel = c[1] | (unsigned)c[2] << 8, f = c[3];
	struct rnd rr = { c + 4, 0 }, *r = &rr;
	size_t n_measures = 0;
	for (size_t i = 0; i < p->n_problems; i++)
		n_measures += p->problems[i].n_measures;
	const struct tg_problem *pr = p->n_problems ? &p->problems[sel % p->n_problems] : NULL;
	memset(op, 0, sizeof *op);
	switch (c[0] % 8) {
	case 1: {   /* set a field of a measure */
		if (!n_measures)
			return false;
		size_t k = sel % n_measures;
		for (size_t i = 0; !op->box; i++)
			if (k < p->problems[i].n_measures)
				op->box = p->problems[i].measures[k].node;
			else
				k -= p->problems[i].n_measures;
		op->kind = OP_SET;
		op->v = measure_field(r, f, &op->key);
		op->what = "set a measure's field";
		return true;
	}
	case 2:     /* set a field of a problem */
		if (!pr)
			return false;
		op->kind = OP_SET;
		op->box = pr->node;
		op->v = problem_field(r, f, &op->key);
		op->what = "set a problem's field";
		return true;
	case 3:     /* append something the plan has lists of */
		op->kind = OP_APPEND;
		switch (f % 7) {
		case 0:
			if (!pr)
				return false;
			op->box = pr->node, op->key = "measures", op->v = new_measure(pr, r);
			break;
		case 1:
			if (!pr)
				return false;
			op->box = pr->node, op->key = "causes", op->v = tg_val_text(PICK(r, texts));
			break;
		case 2: {
			unsigned max = 0;
			for (size_t i = 0; i < p->n_problems; i++)
				max = max_number(p->problems[i].id, "P", max);
			char id[32];
			snprintf(id, sizeof id, "P%u", max + 1);
			op->v = tg_val_put(tg_val_map(), "id", tg_val_raw(id));
			tg_val_put(op->v, "title", tg_val_text(PICK(r, texts)));
			if (next(r) & 1) {
				struct tg_problem fake = { .id = id };
				tg_val_put(op->v, "measures",
					   tg_val_push(tg_val_list(), new_measure(&fake, r)));
			}
			op->box = p->doc->root, op->key = "problems";
			break;
		}
		case 3: {
			if (!pr)
				return false;
			struct tg_val *fu = tg_val_put(tg_val_map(), "date", tg_val_raw(PICK(r, dates)));
			if (pr->n_measures && pr->measures[0].id)
				tg_val_put(fu, "measures", tg_val_push(tg_val_list(),
								       tg_val_raw(pr->measures[0].id)));
			tg_val_put(fu, "done", tg_val_text(PICK(r, texts)));
			op->box = pr->node, op->key = "followups", op->v = fu;
			break;
		}
		case 4: {
			const struct tg_node *src = p->sources[next(r) % TG_NSOURCES].node;
			if (!src || src->kind != TG_MAP)
				return false;
			struct tg_val *it = tg_val_put(tg_val_map(), "title", tg_val_text(PICK(r, texts)));
			if (p->areas.n)
				tg_val_put(it, "areas", tg_val_push(tg_val_list(),
								    tg_val_text(p->areas.v[next(r) % p->areas.n])));
			if (next(r) & 1)
				tg_val_put(it, "share", tg_val_raw("0.41"));
			op->box = src, op->key = "problems", op->v = it;
			break;
		}
		case 5:
			if (!pr)
				return false;
			op->box = pr->node, op->key = "subgoals", op->v = tg_val_text(PICK(r, texts));
			break;
		default:
			if (!pr || !pr->n_measures)
				return false;
			op->box = pr->measures[sel % pr->n_measures].node;
			op->key = "responsible", op->v = tg_val_text(PICK(r, orgs));
			break;
		}
		op->what = "append to a list";
		return true;
	case 4: {   /* remove an item of any list */
		if (!ns->n_seqs)
			return false;
		op->kind = OP_REMOVE;
		op->box = ns->seqs[sel % ns->n_seqs];
		if (!op->box->n)
			return false;
		op->index = next(r) % op->box->n;
		op->what = "remove an item";
		return true;
	}
	case 5: {   /* unset any key */
		op->kind = OP_UNSET;
		op->box = ns->maps[sel % ns->n_maps];
		if (!op->box->n)
			return false;
		op->key = op->box->kids[2 * (next(r) % (op->box->n / 2))]->str;
		op->what = "unset a key";
		return true;
	}
	case 6:     /* set any key of any mapping to any value */
		op->kind = OP_SET;
		op->box = ns->maps[sel % ns->n_maps];
		op->key = (f & 1) && op->box->n ? op->box->kids[2 * (next(r) % (op->box->n / 2))]->str
						  : PICK(r, xkeys);
		op->v = any_value(r, 0);
		op->what = "set any key";
		return true;
	case 7:     /* append any value to a list under any mapping */
		op->kind = OP_APPEND;
		op->box = ns->maps[sel % ns->n_maps];
		op->key = PICK(r, xkeys);
		for (size_t i = 0; (f & 1) && i + 1 < op->box->n; i += 2)
			if (op->box->kids[i + 1]->kind == TG_SEQ)
				op->key = op->box->kids[i]->str;
		op->v = any_value(r, 1);
		op->what = "append any value";
		return true;
	default:
		return false;
	}
}

/* ---- one edit ---------------------------------------------------------- */

static void fail_edit(const struct tg_diags *d, const char *before, size_t blen,
		      const char *after, size_t alen, const struct op *op, const char *why)
{
	fuzz_show("text before", before, blen);
	if (after)
		fuzz_show("text after", after, alen);
	fuzz_fail(d, "edit: %s (%s, key '%s', index %zu, at line %u): %s", op->what,
		  op->kind == OP_SET ? "tg_edit_set" : op->kind == OP_APPEND ? "tg_edit_append"
		  : op->kind == OP_REMOVE ? "tg_edit_remove" : "tg_edit_unset",
		  op->key ? op->key : "", op->index, op->line, why);
}

/* Apply one edit and check it; false when the edit ended (refused or none). */
static bool one_edit(struct tg_edit *e, const uint8_t *c)
{
	const struct tg_plan *p = tg_edit_plan(e);
	struct nodes ns = { 0 };
	collect(&ns, p->doc->root);
	struct op op;
	if (!choose(p, &ns, c, &op)) {
		free(ns.maps);
		free(ns.seqs);
		return false;
	}
	op.line = op.box->line;
	size_t blen;
	const char *t = tg_edit_text(e, &blen);
	char *before = malloc(blen + 1);
	if (!before)
		abort();
	memcpy(before, t, blen + 1);
	struct tg_val *want = value_of(p->doc->root);
	intend(want, &op);
	/* the lines of the edited mapping or list, and blank lines after them */
	const struct tg_node *k = key_node(op.box);
	size_t from = line_start(before, k ? k->start : op.box->start);
	size_t to = line_after(before, blen, op.box->style == TG_FLOW ? op.box->end : op.box->tail);
	for (size_t i = to; i < blen && (before[i] == ' ' || before[i] == '\r' || before[i] == '\n'); i++)
		if (before[i] == '\n')
			to = i + 1;
	const char *key = op.key;
	char *key_copy = key ? strdup(key) : NULL;   /* the node dies with the edit */
	op.key = key_copy;

	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st;
	switch (op.kind) {
	case OP_SET: st = tg_edit_set(e, op.box, key, op.v, &d); break;
	case OP_APPEND: st = tg_edit_append(e, op.box, key, op.v, &d); break;
	case OP_REMOVE: st = tg_edit_remove(e, op.box, op.index, &d); break;
	default: st = tg_edit_unset(e, op.box, key, &d); break;
	}
	/* op.box and p belong to the old plan from here on: use only their
	 * numbers, already taken */
	size_t alen;
	const char *after = tg_edit_text(e, &alen);
	if (getenv("TRYGG_FUZZ_VERBOSE"))
		fprintf(stderr, "edit: %s, key '%s', index %zu, at line %u: %s%s\n", op.what,
			op.key ? op.key : "", op.index, op.line, st ? "refused: " : "done",
			st && d.n ? d.v[0].msg : "");
	if (st) {
		if (fuzz_said(&d, "internal error"))
			fail_edit(&d, before, blen, after, alen, &op, "the engine's own check failed");
		struct buf yaml = BUF_INIT;
		if (fuzz_said(&d, "would not be valid") && valid_plan(want, &yaml)) {
			fuzz_show("the intended plan, which is valid", yaml.s, yaml.len);
			fail_edit(&d, before, blen, after, alen, &op, "refused an edit whose result is valid");
		}
		buf_release(&yaml);
	} else {
		struct tg_diags pd = TG_DIAGS_INIT;
		struct tg_plan *again;
		if (tg_plan_parse("fuzz.yaml", after, alen, NULL, &again, &pd))
			fail_edit(&pd, before, blen, after, alen, &op, "TG_OK, but the text does not load");
		struct tg_val *got = value_of(again->doc->root);
		if (!tg_val_equal(got, want)) {
			struct buf yaml = BUF_INIT;
			emit(&yaml, want, 0);
			fuzz_show("the intended values", yaml.s, yaml.len);
			fail_edit(&d, before, blen, after, alen, &op, "TG_OK, but the text holds other values");
		}
		tg_val_free(got);
		tg_plan_free(again);
		tg_diags_release(&pd);
		/* could one splice of bytes from..to have made the new text? */
		size_t pre = 0, suf = 0;
		while (pre < blen && pre < alen && before[pre] == after[pre])
			pre++;
		while (suf < blen && suf < alen && before[blen - 1 - suf] == after[alen - 1 - suf])
			suf++;
		if (pre < from || blen - to > suf || from + (blen - to) > alen) {
			char why[160];
			snprintf(why, sizeof why, "the text changed outside the edited lines "
				 "(bytes %zu-%zu; the same up to %zu and from %zu on)",
				 from, to, pre, blen - suf);
			fail_edit(&d, before, blen, after, alen, &op, why);
		}
	}
	tg_diags_release(&d);
	tg_val_free(want);
	free(before);
	free(key_copy);
	free(ns.maps);
	free(ns.seqs);
	return st == TG_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < CTL_LEN)
		return 0;
	size_t len = size - CTL_LEN;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_edit *e;
	if (tg_edit_open("fuzz.yaml", (const char *)data, len, NULL, &e, &d) == TG_OK) {
		for (int i = 0; i < NOPS && one_edit(e, data + len + i * OP_LEN); i++)
			;
		tg_edit_free(e);
	}
	tg_diags_release(&d);
	return 0;
}
