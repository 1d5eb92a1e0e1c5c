/* fields: the values a person gives to a key of a problem or a measure
 * (options, `plan set`, the columns of `plan import`): checked and typed
 * from the schema table (lib/schema.c), once for every write command. */
#include "priv.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tg_measure_fields[] = { "text", "phase", "term", "kind", "responsible",
	"due", "status", "strategic_areas", NULL };
const char *const tg_problem_fields[] = { "title", "situation", "goal", "strategic_areas", NULL };

/* The key a field name is: a measure's, a problem's or a follow-up's. */
static const struct tg_key *field_key(const char *name)
{
	static const struct tg_schema_node *const nodes[] = { &tg_schema_measure,
		&tg_schema_problem, &tg_schema_followup };
	for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
		const struct tg_key *k = tg_schema_key(nodes[i], name);
		if (k)
			return k;
	}
	return NULL;
}

bool tg_field_is_list(const char *name)
{
	const struct tg_key *k = field_key(name);
	return k && (k->flags & TG_KEY_LIST);
}

bool tg_field_required(const char *name)
{
	const struct tg_key *k = field_key(name);
	return k && (k->flags & TG_KEY_REQUIRED);
}

/* The contract's value for a word typed for key name (its Swedish word, in
 * any case, with or without accents: tg_schema_value), else s itself. */
static const char *typed_word(const char *name, const char *s)
{
	const char *v = tg_schema_value(name, s);
	return v ? v : s;
}

static bool strategic_area_exists(const struct tg_config *cfg, long n)
{
	for (size_t k = 0; k < cfg->n_areas; k++)
		if (cfg->areas[k].id == n)
			return true;
	return false;
}

static bool initiative_known(const struct tg_config *cfg, long n)
{
	return !cfg || !cfg->n_inits || tg_config_has_initiative(cfg, (int)n);
}

/* A number typed for k: a decimal with '.' or ',', and for a share (0 to
 * 1) also "41 %"; false when it is none or out of k's bounds. */
static bool key_number(const struct tg_key *k, const char *value, double *v)
{
	bool ok = tg_parse_decimal(value, v) || (k->max == 1 && tg_parse_share(value, v));
	return ok && *v >= k->min && *v <= k->max;
}

char *tg_key_check(const struct tg_key *k, const char *value, const struct tg_config *cfg)
{
	const char *name = k->name;
	if (!*value)
		return xasprintf("%s is empty", name);
	if (k->type == TG_TYPE_ENUM) {
		if (tg_schema_word(k, value) >= 0)
			return NULL;
		struct buf list = BUF_INIT;
		tg_names_join(&list, k->values);
		char *msg = xasprintf("%s has a bad value '%s' (expected one of: %s)", name, value,
				      list.s);
		buf_release(&list);
		return msg;
	}
	if (k->type == TG_TYPE_DATE)
		return tg_is_date(value) ? NULL
		       : xasprintf("%s is not a valid date: '%s' (expected YYYY-MM-DD)", name, value);
	if (k->type == TG_TYPE_NUMBER) {
		double v;
		return key_number(k, value, &v) ? NULL
		       : xasprintf("%s takes a number from %g to %g, not '%s'", name, k->min, k->max,
				   value);
	}
	if (k->type == TG_TYPE_WHOLE) {
		char *end;
		long n = value[0] >= '0' && value[0] <= '9' ? strtol(value, &end, 10) : -1;
		bool whole = n >= 0 && !*end && n >= k->min && n <= k->max;
		if (!strcmp(name, "strategic_areas")) {
			if (!whole)
				return xasprintf("strategic area '%s' is not a number", value);
			return !cfg || strategic_area_exists(cfg, n) ? NULL
			       : xasprintf("strategic area %ld is not in the programme (trygg.yaml lists %zu areas)",
					   n, cfg->n_areas);
		}
		if (!whole)
			return xasprintf("%s takes a whole number from %.0f to %.0f, not '%s'", name,
					 k->min, k->max, value);
		if (!strcmp(name, "initiatives") && !initiative_known(cfg, n))
			return xasprintf("initiative %ld is not one of the initiatives in trygg.yaml", n);
		return NULL;
	}
	if (k->type == TG_TYPE_REF && k->idchar == 'S')
		return tg_id_is(value, "S") ? NULL
		       : xasprintf("situation must be an ID like S2, not '%s'", value);
	return NULL;
}

struct tg_val *tg_key_val(const struct tg_key *k, const char *value)
{
	/* values tg_key_check has vetted: enum words as the contract's value,
	 * numbers with a decimal point, dates and IDs as they are; text as text */
	double v;
	char num[40];
	switch (k->type) {
	case TG_TYPE_TEXT:
		return tg_val_text(value);
	case TG_TYPE_ENUM: {
		int i = tg_schema_word(k, value);
		return tg_val_raw(i >= 0 ? k->values[i] : value);
	}
	case TG_TYPE_NUMBER:
		if (key_number(k, value, &v)) {
			snprintf(num, sizeof num, "%.15g", v);
			return tg_val_raw(num);
		}
		return tg_val_raw(value);
	default:
		return tg_val_raw(value);
	}
}

char *tg_field_check(const char *name, const char *value, const struct tg_config *cfg)
{
	const struct tg_key *k = field_key(name);
	if (!*value)
		return xasprintf("%s is empty", name);
	value = typed_word(name, value);
	return k ? tg_key_check(k, value, cfg) : NULL;
}

struct tg_val *tg_field_val(const char *name, const char *value)
{
	const struct tg_key *k = field_key(name);
	return k ? tg_key_val(k, typed_word(name, value)) : tg_val_text(value);
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t l = strlen(s);
	while (l && s[l - 1] == ' ')
		s[--l] = '\0';
	return s;
}

struct tg_val *tg_field_list(const char *name, const char *joined, char sep,
			     const struct tg_config *cfg, char **err)
{
	struct tg_val *list = tg_val_list();
	char *copy = xstrdup(joined);
	*err = NULL;
	char *p = copy;
	while (p && !*err) {
		char *next = strchr(p, sep);
		if (next)
			*next++ = '\0';
		char *item = trim(p);
		p = next;
		if (!*item)
			continue;
		*err = tg_field_check(name, item, cfg);
		if (!*err)
			tg_val_push(list, tg_field_val(name, item));
	}
	free(copy);
	if (*err) {
		tg_val_free(list);
		return NULL;
	}
	return list;
}

void tg_field_warn_organisations(const struct tg_config *cfg, const struct tg_val *list,
				 struct tg_diags *d)
{
	if (!cfg || !cfg->organisations.n || !list)
		return;
	for (size_t i = 0; i < list->n; i++) {
		const char *name = list->kids[i]->str;
		bool known = false;
		for (size_t j = 0; j < cfg->organisations.n && !known; j++)
			known = !tg_casecmp(name, cfg->organisations.v[j]);
		if (known)
			continue;
		const char *s = tg_suggest(name, cfg->organisations.v);
		if (s)
			tg_diag_add(d, TG_SEV_WARNING, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is not a known organisation (did you mean '%s'?)", name, s);
		else
			tg_diag_add(d, TG_SEV_WARNING, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is not a known organisation (add it to 'organisations' in "
				    "trygg.yaml)", name);
	}
}

const struct tg_node *tg_plan_item(const struct tg_plan *p, const char *id, bool *is_measure)
{
	struct tg_problem *pr = tg_plan_problem(p, id);
	if (pr) {
		*is_measure = false;
		return pr->node;
	}
	struct tg_measure *m = tg_plan_measure(p, id, NULL);
	if (m) {
		*is_measure = true;
		return m->node;
	}
	return NULL;
}

bool tg_plan_has_joint(const struct tg_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_joint; i++)
		if (p->joint[i].id && !strcmp(p->joint[i].id, id))
			return true;
	return false;
}

enum tg_status tg_no_such(struct tg_diags *d, const struct tg_plan *p, const char *what,
			  const char *id)
{
	/* one message a kind, so that each is translated whole */
	static const struct { const char *what, *msgid; } kinds[] = {
		{ "problem", N_("no problem '%s' in %s") },
		{ "measure", N_("no measure '%s' in %s") },
		{ "problem or measure", N_("no problem or measure '%s' in %s") },
		{ "indicator", N_("no indicator '%s' in %s") },
		{ "follow-up", N_("no follow-up '%s' in %s") },
		{ "promise", N_("no promise '%s' in %s") },
		{ "joint situation item", N_("no joint situation item '%s' in %s") },
	};
	const char *district = p->district ? p->district : "this district";
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(what, kinds[i].what)) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, kinds[i].msgid, id,
				    district);
			return TG_EUSAGE;
		}
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "no %s '%s' in %s", what, id,
		    district);
	return TG_EUSAGE;
}
