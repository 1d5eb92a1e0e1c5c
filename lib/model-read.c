/*
 * model-read: typed values read from the nodes of a tg_doc, each check
 * reporting at the node it concerns (lib/model-int.h).
 */
#include "model-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tgi_md_what(const struct tg_node *n)
{
	if (n->kind == TG_MAP)
		return "a mapping";
	if (n->kind == TG_SEQ)
		return "a list";
	return n->len ? "text" : "nothing";
}

bool tgi_md_want(struct ctx *c, const struct tg_node *n, enum tg_kind kind,
		 const char *key)
{
	if (n->kind == kind)
		return true;
	static const char *const kinds[] = { "text", "a mapping", "a list" };
	ERR(c, n, "'%s' must be %s, found %s", key, kinds[kind], tgi_md_what(n));
	return false;
}

/* Iterate a mapping's keys against a table; returns the index of each key
 * in *idx via the callback style loop below. */
int tgi_md_key_index(struct ctx *c, const struct tg_node *k,
		 const struct tg_schema_node *node, const char *where)
{
	unsigned newer = 0;
	for (size_t i = 0; i < node->n; i++)
		if (k->str[0] == node->keys[i].name[0] && !strcmp(k->str, node->keys[i].name)) {
			if (tg_schema_has(&node->keys[i], c->version))
				return (int)i;
			newer = node->keys[i].since > c->version ? node->keys[i].since : newer;
		}
	if (!strncmp(k->str, "x-", 2))
		return -1;
	if (newer) {
		ERR(c, k, "key '%s' in %s is new in schema trygg/%u, and this file says "
		    "'schema: trygg/%u' (run 'trygg migrate' to move it to trygg/%u)",
		    k->str, where, newer, c->version, TG_SCHEMA_VERSION);
		return -2;
	}
	/* a suggestion costs a comparison with every key: none for a
	 * message that is only counted */
	struct buf hint = BUF_INIT;
	if (tg_diag_wanted(c->d, c->doc->path)) {
		const char *names[TG_SCHEMA_MAX_KEYS + 1];
		size_t n = 0;
		for (; n < node->n && n < TG_SCHEMA_MAX_KEYS; n++)
			names[n] = node->keys[n].name;
		names[n] = NULL;
		tg_did_you_mean(&hint, k->str, names);
	}
	ERR(c, k, "unknown key '%s' in %s%s", k->str, where, hint.s);
	buf_release(&hint);
	return -2;
}

void tgi_md_require(struct ctx *c, const struct tg_node *map, unsigned seen,
		const struct tg_schema_node *node, const char *where)
{
	for (size_t i = 0; i < node->n; i++)
		if ((node->keys[i].flags & TG_KEY_REQUIRED) && !(seen & (1u << i)) &&
		    tg_schema_has(&node->keys[i], c->version))
			ERR(c, map, "%s is missing required key '%s'", where, node->keys[i].name);
}

const char *tgi_md_text(struct ctx *c, const struct tg_node *n, const char *key)
{
	if (!tgi_md_want(c, n, TG_SCALAR, key))
		return NULL;
	if (tg_node_null(n)) {
		ERR(c, n, "'%s' is empty; expected text", key);
		return NULL;
	}
	return n->str;
}

const char *tgi_md_opt_text(struct ctx *c, const struct tg_node *n, const char *key)
{
	if (tg_node_null(n))
		return NULL;
	return tgi_md_text(c, n, key);
}

const char *tgi_md_date(struct ctx *c, const struct tg_node *n, const char *key)
{
	const char *s = tgi_md_opt_text(c, n, key);
	if (s && !tg_is_date(s)) {
		ERR(c, n, "'%s' is not a valid date: '%s' (expected YYYY-MM-DD)", key, s);
		return NULL;
	}
	return s;
}

bool tgi_md_number(struct ctx *c, const struct tg_node *n, const char *key,
		   double min, double max, double *out)
{
	if (!tgi_md_want(c, n, TG_SCALAR, key))
		return false;
	char *end;
	double v = strtod(n->str, &end);
	if (!n->len || *end || !isfinite(v) || n->str[0] == ' ') {
		ERR(c, n, "'%s' must be a number, found '%s'", key, n->str);
		return false;
	}
	if (v < min || v > max) {
		ERR(c, n, "'%s' must be between %g and %g, found %s", key, min, max, n->str);
		return false;
	}
	*out = v;
	return true;
}

bool tgi_md_integer(struct ctx *c, const struct tg_node *n, const char *key,
		    long min, long max, int *out)
{
	if (!tgi_md_want(c, n, TG_SCALAR, key))
		return false;
	const char *s = n->str;
	bool ok = n->len > 0 && n->len < 10;
	for (size_t i = 0; ok && i < n->len; i++)
		ok = s[i] >= '0' && s[i] <= '9';
	long v = ok ? strtol(s, NULL, 10) : 0;
	if (!ok || v < min || v > max) {
		ERR(c, n, "'%s' must be a whole number from %ld to %ld, found '%s'",
		    key, min, max, s);
		return false;
	}
	*out = (int)v;
	return true;
}

int tgi_md_enumeration(struct ctx *c, const struct tg_node *n, const char *key,
		       const char *const *names)
{
	const char *s = tgi_md_opt_text(c, n, key);
	if (!s)
		return -1;
	for (int i = 0; names[i]; i++)
		if (names[i][0] && !strcmp(s, names[i]))
			return i;
	struct buf b = BUF_INIT;
	tg_names_join(&b, names);
	ERR(c, n, "'%s' has a bad value '%s' (expected one of: %s)", key, s, b.s);
	buf_release(&b);
	return -1;
}

void tgi_md_strlist(struct ctx *c, const struct tg_node *n, const char *key,
		    struct tg_strlist *out)
{
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_SEQ, key))
		return;
	out->node = n;
	out->v = tg_arena_alloc(c->a, (n->n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n->n; i++) {
		const char *s = tgi_md_text(c, n->kids[i], key);
		if (s)
			out->v[out->n++] = s;
	}
}

void tgi_md_intlist(struct ctx *c, const struct tg_node *n, const char *key,
		    long max, struct tg_intlist *out)
{
	if (tg_node_null(n) || !tgi_md_want(c, n, TG_SEQ, key))
		return;
	out->node = n;
	out->v = tg_arena_alloc(c->a, (n->n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n->n; i++) {
		int v;
		if (tgi_md_integer(c, n->kids[i], key, 1, max, &v))
			out->v[out->n++] = v;
	}
}

void tgi_md_check_schema(struct ctx *c, const struct tg_node *root)
{
	c->version = TG_SCHEMA_VERSION;
	const struct tg_node *s = tg_map_get(root, "schema");
	if (!s)
		return;
	const char *v = tgi_md_text(c, s, "schema");
	if (!v)
		return;
	for (unsigned ver = TG_SCHEMA_OLDEST; ver <= TG_SCHEMA_VERSION; ver++) {
		char want[16];
		snprintf(want, sizeof want, "trygg/%u", ver);
		if (!strcmp(v, want)) {
			c->version = ver;
			return;
		}
	}
	ERR(c, s, "unsupported schema '%s' (this trygg reads 'trygg/1' and 'trygg/2')", v);
}

bool tgi_md_root_map(struct ctx *c, const char *what_file)
{
	const struct tg_node *root = c->doc->root;
	if (!root || tg_node_null(root)) {
		ERR(c, NULL, "file is empty; expected %s starting with 'schema: trygg/%d'", what_file,
		    TG_SCHEMA_VERSION);
		return false;
	}
	if (root->kind != TG_MAP) {
		ERR(c, root, "expected %s (a mapping of keys), found %s", what_file, tgi_md_what(root));
		return false;
	}
	return true;
}
