/* fields: the keys write commands may set on problems and measures, how
 * their values are checked, and how they are written. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char *const phase_names[] = { "1", "2", "3", NULL };

const char *const measure_fields[] = { "text", "phase", "term", "kind", "responsible",
	"due", "status", "strategic_areas", NULL };
const char *const problem_fields[] = { "title", "situation", "goal", "strategic_areas", NULL };

bool field_is_list(const char *key)
{
	return !strcmp(key, "responsible") || !strcmp(key, "strategic_areas");
}

bool field_required(const char *key)
{
	return !strcmp(key, "text") || !strcmp(key, "phase") || !strcmp(key, "title");
}

static char *enum_error(const char *key, const char *value, const char *const *names)
{
	char *list = enum_list(names);
	char *msg = xasprintf("%s has a bad value '%s' (expected one of: %s)", key, value, list);
	free(list);
	return msg;
}

char *field_check(const char *key, const char *value, const struct tg_config *cfg)
{
	int i;
	if (!*value)
		return xasprintf("%s is empty", key);
	value = typed_word(key, value);
	if (!strcmp(key, "phase"))
		return parse_enum(value, phase_names, &i) ? NULL : enum_error(key, value, phase_names);
	if (!strcmp(key, "term"))
		return parse_enum(value, tg_term_names, &i) ? NULL : enum_error(key, value, tg_term_names);
	if (!strcmp(key, "kind"))
		return parse_enum(value, tg_kind_names, &i) ? NULL : enum_error(key, value, tg_kind_names);
	if (!strcmp(key, "status"))
		return parse_enum(value, tg_status_names, &i) ? NULL : enum_error(key, value, tg_status_names);
	if (!strcmp(key, "due") || !strcmp(key, "date"))
		return tg_is_date(value) ? NULL
		       : xasprintf("%s is not a valid date: '%s' (expected YYYY-MM-DD)", key, value);
	if (!strcmp(key, "strategic_areas")) {
		char *end;
		long n = strtol(value, &end, 10);
		if (*end || n < 1 || n > 1000)
			return xasprintf("strategic area '%s' is not a number", value);
		for (size_t k = 0; cfg && k < cfg->n_areas; k++)
			if (cfg->areas[k].id == n)
				return NULL;
		return cfg ? xasprintf("strategic area %ld is not in the programme (trygg.yaml lists %zu areas)",
				       n, cfg->n_areas) : NULL;
	}
	if (!strcmp(key, "situation"))
		return tg_id_is(value, "S") ? NULL
		       : xasprintf("situation must be an ID like S2, not '%s'", value);
	return NULL;
}

struct tg_val *field_val(const char *key, const char *value)
{
	/* values field_check has vetted as dates, numbers, IDs or enum words
	 * are written as they are; everything else is text */
	static const char *const raw[] = { "phase", "term", "kind", "status", "due", "date",
		"strategic_areas", "situation", "id", NULL };
	int i;
	return parse_enum(key, raw, &i) ? tg_val_raw(typed_word(key, value)) : tg_val_text(value);
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

struct tg_val *field_list(const char *key, const char *joined, char sep,
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
		*err = field_check(key, item, cfg);
		if (!*err)
			tg_val_push(list, field_val(key, item));
	}
	free(copy);
	if (*err) {
		tg_val_free(list);
		return NULL;
	}
	return list;
}

void warn_unknown_organisations(const struct tg_config *cfg, const struct tg_val *list)
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
			warning("'%s' is not a known organisation (did you mean '%s'?)", name, s);
		else
			warning("'%s' is not a known organisation (add it to 'organisations' in trygg.yaml)", name);
	}
}

const struct tg_node *find_item(const struct tg_plan *p, const char *id, bool *is_measure)
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

enum tg_status no_such(struct tg_diags *d, const struct tg_plan *p, const char *what,
		       const char *id)
{
	tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "no %s '%s' in %s", what, id,
		    p->district ? p->district : "this district");
	return TG_EUSAGE;
}
