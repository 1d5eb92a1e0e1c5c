/* op-set: `plan set` and `followup set` on an item of any kind the file's
 * schema has (trygg-plan(1)), through the schema table: a key's type,
 * list flag, required flag and version; and a measure's status with its
 * history (DESIGN.md §7), which add-measure and followup record share. */
#include "priv.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *tgi_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

/* The item an ID names, in the plan as it is now. */
struct item {
	const struct tg_schema_node *schema;
	const char *kind;              /* how a message names the kind: "measure" */
	const struct tg_node *node;    /* NULL when the plan has no such item */
	const struct tg_problem *pr;   /* a problem's, or a child's problem */
};

const struct tg_followup *tgi_plan_followup(const struct tg_plan *p, const char *id,
					    const struct tg_problem **owner)
{
	long num;
	size_t cut = tg_id_split(id, &num);
	if (cut < 3 || id[cut - 1] != 'F' || id[cut - 2] != '.')
		return NULL;
	char *parent = xstrndup(id, cut - 2);
	const struct tg_problem *pr = tg_plan_problem(p, parent);
	free(parent);
	for (size_t k = 0; pr && k < pr->n_followups; k++) {
		char buf[TG_ID_SIZE];
		if (!strcmp(tg_followup_id(pr, k, buf, sizeof buf), id)) {
			if (owner)
				*owner = pr;
			return &pr->followups[k];
		}
	}
	return NULL;
}

/* A child's ID (P6.M3, P6.I1, P6.F1): its kind, node and problem. */
static bool find_child(const struct tg_plan *p, const char *id, struct item *it)
{
	long num;
	size_t cut = tg_id_split(id, &num);
	if (cut < 3 || !num || id[cut - 2] != '.' || !strchr("MIF", id[cut - 1]))
		return false;
	char *parent = xstrndup(id, cut - 2);
	bool form = tg_id_is(parent, "P");
	const struct tg_problem *pr = form ? tg_plan_problem(p, parent) : NULL;
	free(parent);
	if (!form)
		return false;
	switch (id[cut - 1]) {
	case 'M': {
		struct tg_problem *owner;
		const struct tg_measure *m = tg_plan_measure(p, id, &owner);
		*it = (struct item){ &tg_schema_measure, "measure", m ? m->node : NULL, owner };
		break;
	}
	case 'I':
		*it = (struct item){ &tg_schema_indicator, "indicator", NULL, pr };
		for (size_t q = 0; pr && q < pr->n_indicators && !it->node; q++)
			if (pr->indicators[q].id && !strcmp(pr->indicators[q].id, id))
				it->node = pr->indicators[q].node;
		break;
	default: {
		const struct tg_followup *f = tgi_plan_followup(p, id, &pr);
		*it = (struct item){ &tg_schema_followup, "follow-up", f ? f->node : NULL, pr };
	}
	}
	return true;
}

/* The item id names; an error when its form is no ID's or there is none. */
static enum tg_status find_item(const struct tg_plan *p, const char *id, struct item *it,
				struct tg_diags *d)
{
	*it = (struct item){ 0 };
	if (tg_id_is(id, "P")) {
		const struct tg_problem *pr = tg_plan_problem(p, id);
		*it = (struct item){ &tg_schema_problem, "problem", pr ? pr->node : NULL, pr };
	} else if (tg_id_is(id, "S")) {
		*it = (struct item){ &tg_schema_joint, "joint situation item", NULL, NULL };
		for (size_t j = 0; j < p->n_joint && !it->node; j++)
			if (p->joint[j].id && !strcmp(p->joint[j].id, id))
				it->node = p->joint[j].node;
	} else if (tg_id_is(id, "L")) {
		*it = (struct item){ &tg_schema_promise, "promise", NULL, NULL };
		for (size_t j = 0; j < p->n_promises && !it->node; j++)
			if (!strcmp(p->promises[j].id, id))
				it->node = p->promises[j].node;
	} else if (!find_child(p, id, it)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "'%s' is not an ID (the forms: P6, P6.M3, P6.I1, P6.F1, S2, L1)", id);
		return TG_EUSAGE;
	}
	if (it->node)
		return TG_OK;
	if (p->version < 2 && it->schema == &tg_schema_indicator)
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "indicators have IDs from schema trygg/2 on, and this file says "
			    "'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)", p->version);
	else if (p->version < 2 && it->schema == &tg_schema_promise)
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "promises need schema trygg/2, and this file says "
			    "'schema: trygg/%d' (run 'trygg migrate' to move it to trygg/2)", p->version);
	else
		return tg_no_such(d, p, it->kind, id);
	return TG_EUSAGE;
}

/* A key `set` changes: one that holds a value or a list of values. */
static bool settable(const struct tg_key *k)
{
	return k->type != TG_TYPE_ID && k->type != TG_TYPE_MAP && k->type != TG_TYPE_READINGS &&
	       k->type != TG_TYPE_SHARES && strcmp(k->name, "schema");
}

static const struct tg_key *set_key(const struct item *it, const char *name, int version,
				    struct tg_diags *d)
{
	int i = tg_schema_key_index(it->schema, name, (unsigned)version);
	if (i >= 0 && settable(&it->schema->keys[i]))
		return &it->schema->keys[i];
	const struct tg_key *newer = i < 0 ? tg_schema_key(it->schema, name) : NULL;
	if (newer && settable(newer)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "key '%s' in %s is new in schema trygg/%u, and this file says "
			    "'schema: trygg/%u' (run 'trygg migrate' to move it to trygg/%u)",
			    name, it->schema->what, newer->since, (unsigned)version,
			    TG_SCHEMA_VERSION);
		return NULL;
	}
	const char *names[TG_SCHEMA_MAX_KEYS + 1];
	size_t n = 0;
	for (size_t k = 0; k < it->schema->n; k++)
		if (settable(&it->schema->keys[k]) &&
		    tg_schema_has(&it->schema->keys[k], (unsigned)version))
			names[n++] = it->schema->keys[k].name;
	names[n] = NULL;
	struct buf hint = BUF_INIT, list = BUF_INIT;
	tg_names_join(&list, names);
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s has no key '%s'%s (keys: %s)",
		    it->schema->what, name, tg_did_you_mean(&hint, name, names), list.s);
	buf_release(&hint);
	buf_release(&list);
	return NULL;
}

/* The value to write for value of k on item it, checked and its
 * references resolved; NULL with an error in d. */
static struct tg_val *check_value(const struct tg_plan *p, const struct item *it,
				  const struct tg_key *k, const char *value,
				  const struct tg_config *cfg, struct tg_diags *d)
{
	char *err = tg_key_check(k, value, cfg);
	if (err) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "%s", err);
		free(err);
		return NULL;
	}
	struct tg_val *v = tg_key_val(k, value);
	enum tg_status st = TG_OK;
	struct tg_problem *owner = NULL;
	if (k->type == TG_TYPE_REF && k->idchar == 'S' && !tg_plan_has_joint(p, v->str)) {
		st = tg_no_such(d, p, "joint situation item", v->str);
	} else if (k->type == TG_TYPE_REF && k->idchar == 'M' && !tg_plan_measure(p, v->str, &owner)) {
		st = tg_no_such(d, p, "measure", v->str);
	} else if (owner && it->schema == &tg_schema_followup && owner != it->pr) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "'%s' is not a measure of %s",
			    v->str, it->pr->id);
		st = TG_EUSAGE;
	} else if (!strcmp(k->name, "areas") && it->schema != &tg_schema_plan && p->areas.node) {
		bool found = false;
		for (size_t j = 0; j < p->areas.n && !found; j++)
			found = !strcmp(p->areas.v[j], v->str);
		if (!found) {
			struct buf hint = BUF_INIT;
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "area '%s' is not one of the district's areas%s", v->str,
				    tg_did_you_mean(&hint, v->str, p->areas.v));
			buf_release(&hint);
			st = TG_EUSAGE;
		}
	}
	if (st) {
		tg_val_free(v);
		return NULL;
	}
	return v;
}

/* The items of "a, b, c", each checked; NULL on an error.  Text is split
 * at ", " (an item may hold a comma); numbers, enum words and IDs, which
 * never hold one, at each comma, spaces around it aside ("4,7"). */
static struct tg_val *check_list(const struct tg_plan *p, const struct item *it,
				 const struct tg_key *k, const char *joined,
				 const struct tg_config *cfg, struct tg_diags *d)
{
	struct tg_val *list = tg_val_list();
	bool text = k->type == TG_TYPE_TEXT;
	for (const char *s = joined; s;) {
		const char *sep = text ? strstr(s, ", ") : strchr(s, ',');
		if (!text)
			s += strspn(s, " ");
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		while (!text && n && s[n - 1] == ' ')
			n--;
		char *one = xstrndup(s, n);
		struct tg_val *v = check_value(p, it, k, one, cfg, d);
		free(one);
		if (!v) {
			tg_val_free(list);
			return NULL;
		}
		tg_val_push(list, v);
		s = sep ? sep + (text ? 2 : 1) : NULL;
	}
	return list;
}

/* The place of scalar s in the list under key of map, or -1. */
static long list_index(const struct tg_node *map, const char *key, const char *s,
		       const struct tg_node **seq)
{
	*seq = tg_map_get(map, key);
	for (size_t i = 0; *seq && (*seq)->kind == TG_SEQ && i < (*seq)->n; i++)
		if ((*seq)->kids[i]->kind == TG_SCALAR && !strcmp((*seq)->kids[i]->str, s))
			return (long)i;
	return -1;
}

static struct tg_val *history_entry(const char *date, const char *status)
{
	struct tg_val *h = tg_val_map();
	if (date)
		tg_val_put(h, "date", tg_val_raw(date));
	return tg_val_put(h, "status", tg_val_raw(status));
}

struct tg_val *tgi_history_new(const char *date, const char *status)
{
	char day[11];
	return tg_val_push(tg_val_list(), history_entry(date ? date : tgi_today(day),
						       status ? status : tg_status_names[TG_PROPOSED]));
}

enum tg_status tgi_measure_status(struct tg_edit *e, const char *id, const char *status,
				  const char *date, struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan_for(e, id, d);
	if (!p)
		return TG_EDATA;
	const struct tg_measure *m = tg_plan_measure(p, id, NULL);
	const char *want = status ? status : tg_status_names[TG_PROPOSED];
	char day[11];
	enum tg_status st = TG_OK;
	if (strcmp(tg_status_names[m->status], want))   /* a change: its history */
		st = tg_op_history(e, id, want, date ? date : tgi_today(day), d);
	p = st ? NULL : tg_edit_plan_for(e, id, d);
	if (!st && !p)
		st = TG_EDATA;
	if (st)
		return st;
	m = tg_plan_measure(p, id, NULL);
	return status ? tg_edit_set(e, m->node, "status", tg_val_raw(status), d)
		      : tg_edit_unset(e, m->node, "status", d);
}

/* One pair on the item a->id names. */
static enum tg_status set_pair(struct tg_edit *e, const struct tg_op_set *a, const char *pair,
			       struct tg_diags *d)
{
	const struct tg_plan *p = tg_edit_plan_for(e, a->id, d);
	if (!p)
		return TG_EDATA;
	struct item it = { &tg_schema_plan, "district", p->doc->root, NULL };
	enum tg_status st = a->kind == 'D' ? TG_OK : find_item(p, a->id, &it, d);
	if (st)
		return st;
	const char *eq = strchr(pair, '=');
	size_t klen = eq ? (size_t)(eq - pair) : 0;
	char op = klen && (eq[-1] == '+' || eq[-1] == '-') ? eq[-1] : '=';
	klen -= op != '=';
	if (!klen) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "'%s' is not KEY=VALUE, KEY+=VALUE, KEY-=VALUE or KEY=", pair);
		return TG_EUSAGE;
	}
	char *name = xstrndup(pair, klen);
	const char *value = eq + 1;
	const struct tg_key *k = set_key(&it, name, p->version, d);
	if (k && k->type == TG_TYPE_REF) {
		/* it may name an item an earlier line of a batch made */
		st = tg_edit_flush(e, d);
		p = tg_edit_plan(e);
		it = (struct item){ &tg_schema_plan, "district", p->doc->root, NULL };
		if (!st && a->kind != 'D')
			st = find_item(p, a->id, &it, d);
		if (st) {
			free(name);
			return st;
		}
	}
	bool list = k && (k->flags & TG_KEY_LIST);
	bool status = k && it.schema == &tg_schema_measure && !strcmp(name, "status");
	struct tg_val *v = NULL;
	const struct tg_node *seq;
	if (!k) {
		st = TG_EUSAGE;
	} else if (op != '=' && !list) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "'%s' is not a list: use %s=VALUE", name, name);
		st = TG_EUSAGE;
	} else if (op == '=' && !*value && (k->flags & TG_KEY_REQUIRED)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "'%s' is required and cannot be removed", name);
		st = TG_EUSAGE;
	} else if (op == '=' && !*value) {
		st = status ? tgi_measure_status(e, a->id, NULL, a->date, d)
			    : tg_edit_unset(e, it.node, name, d);
	} else if (op == '-') {
		/* the value as the file holds it; unchecked, so that a value
		 * no longer valid can still be taken out */
		v = tg_key_val(k, value);
		long at = list_index(it.node, name, v->str, &seq);
		if (at < 0) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s has no '%s' in %s", a->id, v->str, name);
			st = TG_EUSAGE;
		} else {
			st = tg_edit_remove(e, seq, (size_t)at, d);
		}
	} else if (!(v = list && op == '=' ? check_list(p, &it, k, value, a->cfg, d)
				: check_value(p, &it, k, value, a->cfg, d))) {
		st = TG_EUSAGE;
	} else {
		if (!strcmp(name, "responsible")) {
			struct tg_val one = { TG_V_LIST, NULL, &v, 1, 1 };
			tg_field_warn_organisations(a->cfg, v->kind == TG_V_LIST ? v : &one, d);
		}
		if (status)
			st = tgi_measure_status(e, a->id, v->str, a->date, d);
		else if (op == '+' && list_index(it.node, name, v->str, &seq) >= 0)
			st = TG_OK;   /* there already */
		else if (op == '+')
			st = tg_edit_append(e, it.node, name, v, d), v = NULL;
		else
			st = tg_edit_set(e, it.node, name, v, d), v = NULL;
	}
	tg_val_free(v);
	free(name);
	return st;
}

bool tgi_is_followup_id(const char *id)
{
	long num;
	size_t cut = tg_id_split(id, &num);
	if (cut < 3 || !num || id[cut - 1] != 'F' || id[cut - 2] != '.')
		return false;
	char *parent = xstrndup(id, cut - 2);
	bool is = tg_id_is(parent, "P");
	free(parent);
	return is;
}

enum tg_status tgi_want_followup(const char *id, struct tg_diags *d)
{
	if (tgi_is_followup_id(id))
		return TG_OK;
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
		    "'%s' is not a follow-up's ID (P6.F1: the problem's ID, .F and a number)", id);
	return TG_EUSAGE;
}

enum tg_status tg_op_set(struct tg_edit *e, const struct tg_op_set *a, struct buf *ids,
			 struct tg_diags *d)
{
	if (a->kind == 'F' && tgi_want_followup(a->id, d))
		return TG_EUSAGE;
	if (a->date && !tg_is_date(a->date)) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "--date is not a valid date: '%s' (expected YYYY-MM-DD)", a->date);
		return TG_EUSAGE;
	}
	for (size_t i = 0; i < a->n; i++) {
		enum tg_status st = set_pair(e, a, a->pairs[i], d);
		if (st)
			return st;
	}
	if (a->kind != 'D')
		buf_addf(ids, "%s\n", a->id);
	return TG_OK;
}
