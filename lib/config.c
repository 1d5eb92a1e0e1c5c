/*
 * config: validate the workspace file (trygg.yaml) against schema trygg/1 or /2
 * and build its typed model; keys starting with "x-" are the user's own.
 */
#include "model-int.h"

#include <stdlib.h>
#include <string.h>


/* A list of {id, name} as node describes it: ids are whole numbers within
 * its bounds, or one of its values (a source's id). */
static void load_named(struct ctx *c, const struct tg_node *v, const char *key,
		       const struct tg_schema_node *node, struct tg_named **out, size_t *n)
{
	const struct tg_key *id = &node->keys[0];
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, key))
		return;
	*out = tg_arena_alloc(c->a, (v->n + 1) * sizeof **out);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *it = v->kids[j];
		if (!tgi_md_want(c, it, TG_MAP, key))
			continue;
		struct tg_named nm = { -1, NULL };
		unsigned seen = 0;
		for (size_t i = 0; i + 1 < it->n; i += 2) {
			const struct tg_node *k = it->kids[i], *val = it->kids[i + 1];
			int idx = tgi_md_key_index(c, k, node, key);
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == 0 && id->type == TG_TYPE_ENUM)
				nm.id = tgi_md_enumeration(c, val, "id", id->values);
			else if (idx == 0)
				tgi_md_integer(c, val, "id", (long)id->min, (long)id->max, &nm.id);
			else if (idx == 1)
				nm.name = tgi_md_text(c, val, "name");
		}
		tgi_md_require(c, it, seen, node, key);
		for (size_t q = 0; q < *n; q++)
			if (nm.id >= 0 && (*out)[q].id == nm.id)
				ERR(c, it, "duplicate id in '%s'", key);
		if (nm.id >= 0 && nm.name)
			(*out)[(*n)++] = nm;
	}
}

/* trygg/2: the workspace's groups, {id, name, members}. */
static void load_groups(struct ctx *c, const struct tg_node *v, struct tg_config *cfg)
{
	if (tg_node_null(v) || !tgi_md_want(c, v, TG_SEQ, "groups"))
		return;
	cfg->groups = tg_arena_alloc(c->a, (v->n + 1) * sizeof *cfg->groups);
	for (size_t j = 0; j < v->n; j++) {
		const struct tg_node *it = v->kids[j];
		if (!tgi_md_want(c, it, TG_MAP, "groups"))
			continue;
		struct tg_group_def g = { NULL, NULL, { NULL, 0, NULL } };
		unsigned seen = 0;
		for (size_t i = 0; i + 1 < it->n; i += 2) {
			const struct tg_node *k = it->kids[i], *val = it->kids[i + 1];
			int idx = tgi_md_key_index(c, k, &tg_schema_group, "groups");
			if (idx >= 0 && !tg_node_null(val))
				seen |= 1u << idx;
			if (idx == TG_NAMED_ID)
				g.id = tgi_md_text(c, val, "id");
			else if (idx == TG_NAMED_NAME)
				g.name = tgi_md_text(c, val, "name");
			else if (idx == TG_GROUP_MEMBERS)
				tgi_md_strlist(c, val, "members", &g.members);
		}
		tgi_md_require(c, it, seen, &tg_schema_group, "groups");
		for (size_t q = 0; q < cfg->n_groups; q++)
			if (g.id && !strcmp(cfg->groups[q].id, g.id))
				ERR(c, it, "duplicate id in '%s'", "groups");
		if (g.id && g.name)
			cfg->groups[cfg->n_groups++] = g;
	}
}

static enum tg_status config_from_doc(struct tg_doc *doc, struct tg_config **out,
				      struct tg_diags *d)
{
	size_t errors = d->errors;
	struct tg_config *cfg = xcalloc(1, sizeof *cfg);
	struct ctx c = { doc, d, doc->arena, NULL, TG_SCHEMA_VERSION };
	cfg->doc = doc;
	cfg->language = "sv";
	cfg->yellow = 0.10;
	cfg->red = 0.25;
	*out = NULL;
	if (tgi_md_root_map(&c, "a workspace file")) {
		unsigned seen = 0;
		tgi_md_check_schema(&c, doc->root);
		for (size_t i = 0; i + 1 < doc->root->n; i += 2) {
			const struct tg_node *k = doc->root->kids[i], *v = doc->root->kids[i + 1];
			int idx = tgi_md_key_index(&c, k, &tg_schema_workspace, "trygg.yaml");
			if (idx >= 0 && !tg_node_null(v))
				seen |= 1u << idx;
			switch (idx) {
			case TG_WS_CITY: cfg->city = tgi_md_text(&c, v, "city"); break;
			case TG_WS_AUTOCOMMIT:
				cfg->autocommit = tgi_md_enumeration(&c, v, "autocommit",
								 tg_schema_workspace.keys[idx].values) == 0;
				break;
			case TG_WS_LANGUAGE: {
				static const char *const langs[] = { "sv", "en", NULL };
				int l = tgi_md_enumeration(&c, v, "language", langs);
				if (l >= 0)
					cfg->language = langs[l];
				break;
			}
			case TG_WS_STRATEGIC_AREAS: load_named(&c, v, "strategic_areas", &tg_schema_area, &cfg->areas, &cfg->n_areas); break;
			case TG_WS_INITIATIVES1: tgi_md_strlist(&c, v, "initiatives", &cfg->initiatives); break;
			case TG_WS_INITIATIVES:
				load_named(&c, v, "initiatives", &tg_schema_initiative, &cfg->inits, &cfg->n_inits);
				/* the names, for readers of version 1's list */
				cfg->initiatives.v = tg_arena_alloc(c.a, (cfg->n_inits + 1) * sizeof(char *));
				for (size_t q = 0; q < cfg->n_inits; q++)
					cfg->initiatives.v[cfg->initiatives.n++] = cfg->inits[q].name;
				cfg->initiatives.node = v;
				break;
			case TG_WS_PHASES: {
				struct tg_named *ph = NULL;
				size_t n = 0;
				load_named(&c, v, "phases", &tg_schema_phase, &ph, &n);
				for (size_t q = 0; q < n; q++)
					cfg->phase_names[ph[q].id] = ph[q].name;
				break;
			}
			case TG_WS_SOURCES: {
				struct tg_named *so = NULL;
				size_t n = 0;
				load_named(&c, v, "sources", &tg_schema_source_name, &so, &n);
				for (size_t q = 0; q < n; q++)
					cfg->source_names[so[q].id] = so[q].name;
				break;
			}
			case TG_WS_ORGANISATIONS: tgi_md_strlist(&c, v, "organisations", &cfg->organisations); break;
			case TG_WS_SYNONYMS:
				if (tg_node_null(v) || !tgi_md_want(&c, v, TG_SEQ, "synonyms"))
					break;
				cfg->synonyms = tg_arena_alloc(c.a, (v->n + 1) * sizeof *cfg->synonyms);
				for (size_t j = 0; j < v->n; j++)
					tgi_md_strlist(&c, v->kids[j], "synonyms", &cfg->synonyms[cfg->n_synonyms++]);
				break;
			case TG_WS_GROUPS: load_groups(&c, v, cfg); break;
			case TG_WS_THRESHOLDS:
				if (tg_node_null(v) || !tgi_md_want(&c, v, TG_MAP, "thresholds"))
					break;
				for (size_t j = 0; j + 1 < v->n; j += 2) {
					const struct tg_node *tk = v->kids[j], *tv = v->kids[j + 1];
					int tidx = tgi_md_key_index(&c, tk, &tg_schema_thresholds, "thresholds");
					if (tidx == TG_THR_YELLOW)
						tgi_md_number(&c, tv, "yellow", 0, 1, &cfg->yellow);
					else if (tidx == TG_THR_RED)
						tgi_md_number(&c, tv, "red", 0, 1, &cfg->red);
				}
				if (cfg->yellow > cfg->red)
					ERR(&c, v, "'yellow' (%g) must not be above 'red' (%g)", cfg->yellow, cfg->red);
				break;
			}
		}
		tgi_md_require(&c, doc->root, seen, &tg_schema_workspace, "trygg.yaml");
		cfg->version = (int)c.version;
	}
	if (d->errors > errors) {
		tg_config_free(cfg);
		return TG_EDATA;
	}
	*out = cfg;
	return TG_OK;
}

enum tg_status tg_config_parse(const char *path, const char *src, size_t len,
			       struct tg_config **out, struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_parse(path, src, len, &doc, d);
	return st ? st : config_from_doc(doc, out, d);
}

enum tg_status tg_config_load(const char *path, struct tg_config **out,
			      struct tg_diags *d)
{
	struct tg_doc *doc;
	*out = NULL;
	enum tg_status st = tg_doc_load(path, &doc, d);
	return st ? st : config_from_doc(doc, out, d);
}

void tg_config_free(struct tg_config *cfg)
{
	if (!cfg)
		return;
	tg_doc_free(cfg->doc);
	free(cfg);
}

static bool named_has(const struct tg_named *v, size_t n, int id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return true;
	return false;
}

bool tg_config_has_area(const struct tg_config *cfg, int id)
{
	return named_has(cfg->areas, cfg->n_areas, id);
}

bool tg_config_has_initiative(const struct tg_config *cfg, int id)
{
	return named_has(cfg->inits, cfg->n_inits, id);
}

bool tg_config_has_organisation(const struct tg_config *cfg, const char *name)
{
	const struct tg_strlist *orgs = &cfg->organisations;
	if (!orgs->n)
		return true;
	/* most are written as trygg.yaml writes them: try that first */
	for (size_t j = 0; j < orgs->n; j++)
		if (!strcmp(name, orgs->v[j]))
			return true;
	for (size_t j = 0; j < orgs->n; j++)
		if (!tg_casecmp(name, orgs->v[j]))
			return true;
	return false;
}

void tg_organisation_warning(struct buf *b, const struct tg_config *cfg, const char *name,
			     bool suggest)
{
	struct buf hint = BUF_INIT;
	if (suggest && cfg->organisations.v)
		tg_did_you_mean(&hint, name, cfg->organisations.v);
	buf_reset(b);
	buf_addf(b, "'%s' is not a known organisation%s", name,
		 hint.len ? hint.s : " (add it to 'organisations' in trygg.yaml)");
	buf_release(&hint);
}
