#include "priv.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static struct tg_val *val_new(enum tg_vkind kind, const char *s)
{
	struct tg_val *v = xcalloc(1, sizeof *v);
	v->kind = kind;
	/* a text typed on any system is written in NFC (DESIGN.md §9) */
	v->str = !s ? NULL : kind == TG_V_TEXT ? tg_nfc(s) : xstrdup(s);
	return v;
}

struct tg_val *tg_val_text(const char *s) { return val_new(TG_V_TEXT, s); }
size_t tg_text_check(const char *s, size_t len)
{
	size_t bad = tg_utf8_check(s, len);
	const char *p = s, *end = s + bad;
	while (p < end) {
		const char *at = p;
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		unsigned c = tg_utf8_next(&p, end);
		if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
			return (size_t)(at - s);
	}
	return bad;
}

struct tg_val *tg_val_raw(const char *s) { return val_new(TG_V_RAW, s); }
struct tg_val *tg_val_list(void) { return val_new(TG_V_LIST, NULL); }
struct tg_val *tg_val_map(void) { return val_new(TG_V_MAP, NULL); }

static void push(struct tg_val *v, struct tg_val *kid)
{
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 4;
		v->kids = xrealloc(v->kids, v->alloc * sizeof *v->kids);
	}
	v->kids[v->n++] = kid;
}

struct tg_val *tg_val_push(struct tg_val *list, struct tg_val *item)
{
	push(list, item);
	return list;
}

struct tg_val *tg_val_put(struct tg_val *map, const char *key, struct tg_val *value)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->kids[i]->str, key)) {
			tg_val_free(map->kids[i + 1]);
			map->kids[i + 1] = value;
			return map;
		}
	push(map, tg_val_text(key));
	push(map, value);
	return map;
}

struct tg_val *tg_val_get(const struct tg_val *map, const char *key)
{
	for (size_t i = 0; map && i + 1 < map->n; i += 2)
		if (!strcmp(map->kids[i]->str, key))
			return map->kids[i + 1];
	return NULL;
}

void tg_val_free(struct tg_val *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++)
		tg_val_free(v->kids[i]);
	free(v->kids);
	free(v->str);
	free(v);
}

struct tg_val *tg_val_from_node(const struct tg_node *n)
{
	if (!n)
		return NULL;
	if (n->kind == TG_SCALAR) {
		/* an empty plain scalar is a YAML null: the same as no value */
		return tg_val_text(n->str);
	}
	struct tg_val *v = n->kind == TG_MAP ? tg_val_map() : tg_val_list();
	for (size_t i = 0; i < n->n; i++)
		push(v, tg_val_from_node(n->kids[i]));
	return v;
}

bool tg_val_equal(const struct tg_val *a, const struct tg_val *b)
{
	if (!a || !b)
		return a == b;
	bool sa = a->kind == TG_V_TEXT || a->kind == TG_V_RAW;
	bool sb = b->kind == TG_V_TEXT || b->kind == TG_V_RAW;
	if (sa || sb)
		return sa && sb && !strcmp(a->str, b->str);
	if (a->kind != b->kind || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!tg_val_equal(a->kids[i], b->kids[i]))
			return false;
	return true;
}

struct tg_val *tg_val_new_item(bool measure, const char *id, struct tg_val *fields)
{
	const struct tg_schema_node *node = measure ? &tg_schema_measure : &tg_schema_problem;
	struct tg_val *m = tg_val_put(tg_val_map(), "id", tg_val_raw(id));
	for (size_t k = 0; k < node->n; k++)
		for (size_t i = 0; i + 1 < fields->n; i += 2)
			if (fields->kids[i] && strcmp(fields->kids[i]->str, "id") &&
			    !strcmp(fields->kids[i]->str, node->keys[k].name)) {
				tg_val_push(m, fields->kids[i]);
				tg_val_push(m, fields->kids[i + 1]);
				fields->kids[i] = fields->kids[i + 1] = NULL;
			}
	tg_val_free(fields);
	return m;
}
