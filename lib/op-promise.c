/* op-promise: the operations of `trygg promise` on an open edit (DESIGN.md
 * §7, §8): a new citizen promise (medborgarlöfte) with the next free
 * L<n>, and an outcome recorded on one.  Promises are a key of schema
 * trygg/2: a file of version 1 is refused, naming `trygg migrate`. */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

static enum tg_status need_v2(const struct tg_plan *p, struct tg_diags *d)
{
	if (p->version >= 2)
		return TG_OK;
	tg_diag_add(d, TG_SEV_ERROR, p->doc->path, 0, 0, NULL, 0, 0,
		    "citizen promises need schema trygg/2, and this file says "
		    "'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)", p->version);
	return TG_EUSAGE;
}

static const struct tg_promise *find_promise(const struct tg_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_promises; i++)
		if (p->promises[i].id && !strcmp(p->promises[i].id, id))
			return &p->promises[i];
	return NULL;
}

static struct tg_val *text_list(const char *const *v, size_t n, bool raw)
{
	struct tg_val *l = tg_val_list();
	for (size_t i = 0; i < n; i++)
		tg_val_push(l, raw ? tg_val_raw(v[i]) : tg_val_text(v[i]));
	return l;
}

static enum tg_status bad_date(struct tg_diags *d, const char *what, const char *s)
{
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
		    "%s is not a valid date: '%s' (expected YYYY-MM-DD)", what, s);
	return TG_EUSAGE;
}

enum tg_status tg_op_promise_add(struct tg_edit *e, const struct tg_op_promise *a,
				 struct buf *ids, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan(e);
	enum tg_status st = need_v2(p, d);
	if (st)
		return st;
	if (!a->text || !*a->text) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "a promise needs its text");
		return TG_EUSAGE;
	}
	if (a->from && !tg_is_date(a->from))
		return bad_date(d, "--from", a->from);
	if (a->to && !tg_is_date(a->to))
		return bad_date(d, "--to", a->to);
	if (a->from && a->to && strcmp(a->to, a->from) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "the promise ends (%s) before it starts (%s)", a->to, a->from);
		return TG_EUSAGE;
	}
	for (size_t i = 0; i < a->n_measures; i++)
		if (!tg_plan_measure(p, a->measures[i], NULL))
			return tg_no_such(d, p, "measure", a->measures[i]);
	const char **taken = xcalloc(p->n_promises + 1, sizeof *taken);
	for (size_t i = 0; i < p->n_promises; i++)
		taken[i] = p->promises[i].id;
	long next = tg_id_next(taken, p->n_promises, "L");
	free(taken);
	if (!next) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "no new ID after %s%s: an ID has at most %d digits", "L",
			    "999999999", TG_ID_DIGITS);
		return TG_EDATA;
	}
	char *id = tg_id_make("L", next);
	struct tg_val *item = tg_val_put(tg_val_map(), "id", tg_val_raw(id));
	tg_val_put(item, "text", tg_val_text(a->text));
	if (a->from)
		tg_val_put(item, "from", tg_val_raw(a->from));
	if (a->to)
		tg_val_put(item, "to", tg_val_raw(a->to));
	if (a->n_signatories)
		tg_val_put(item, "signatories", text_list(a->signatories, a->n_signatories, false));
	if (a->n_measures)
		tg_val_put(item, "measures", text_list(a->measures, a->n_measures, true));
	buf_addf(ids, "%s\n", id);
	free(id);
	return tg_edit_append(e, p->doc->root, "promises", item, d);
}

enum tg_status tg_op_promise_record(struct tg_edit *e, const struct tg_op_outcome *a,
				    struct buf *ids, struct tg_diags *d)
{
	(void)ids;
	const struct tg_plan *p = tg_edit_plan(e);
	enum tg_status st = need_v2(p, d);
	if (st)
		return st;
	const struct tg_promise *pm = find_promise(p, a->promise);
	if (!pm) {
		const char **known = xcalloc(p->n_promises + 1, sizeof *known);
		for (size_t i = 0; i < p->n_promises; i++)
			known[i] = p->promises[i].id;
		const char *s = tg_suggest(a->promise, known);
		struct buf hint = BUF_INIT;
		if (s)
			buf_addf(&hint, "did you mean '%s'?", s);
		else if (!p->n_promises)
			buf_adds(&hint, "it has none: 'trygg promise add' makes one");
		for (size_t i = 0; !s && i < p->n_promises; i++)
			buf_addf(&hint, "%s%s", i ? ", " : "its promises: ", known[i]);
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s has no promise '%s' (%s)",
			    p->district ? p->district : p->doc->path, a->promise, hint.s);
		buf_release(&hint);
		free(known);
		return TG_EUSAGE;
	}
	if (!a->date || !tg_is_date(a->date))
		return bad_date(d, "--date", a->date ? a->date : "");
	struct tg_val *item = tg_val_put(tg_val_map(), "date", tg_val_raw(a->date));
	tg_val_put(item, "status", tg_val_raw(tg_outcome_names[a->status]));
	if (a->text && *a->text)
		tg_val_put(item, "text", tg_val_text(a->text));
	return tg_edit_append(e, pm->node, "outcomes", item, d);
}
