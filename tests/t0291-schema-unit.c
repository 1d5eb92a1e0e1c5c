/*
 * The schema table (lib/schema.c) against trygg-plan(5), the contract's
 * own description: for every kind of mapping with a section in the man
 * page, the section lists the same keys in the same order, each required
 * or optional as the table says, a list where the table has one, of the
 * table's type, and with the table's values where the key is one of
 * several.  Keys described under their parent's key (a baseline's value,
 * a strategic area's id) must at least be named in the page.
 *
 * Usage: t0291-schema-unit PATH-TO-trygg-plan.5.scd   (TAP on stdout)
 */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_test, n_failed;

static void ok(int cond, const char *fmt, const char *a, const char *b)
{
	printf("%s %d - ", cond ? "ok" : "not ok", ++n_test);
	printf(fmt, a, b);
	putchar('\n');
	if (!cond)
		n_failed++;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *s = malloc(cap);
	size_t r;
	while (s && (r = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (len + 1 == cap)
			s = realloc(s, cap *= 2);
	}
	fclose(f);
	if (s)
		s[len] = 0;
	return s;
}

/* The section headed "# title" or "## title": from after its heading up
 * to the next heading, as [*from, *to). */
static int section(const char *page, const char *title, const char **from, const char **to)
{
	for (const char *l = page; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
		const char *t = l;
		while (*t == '#')
			t++;
		if (t == l || *t != ' ')
			continue;
		size_t n = strlen(title);
		if (strncmp(t + 1, title, n) || (t[1 + n] != '\n' && t[1 + n]))
			continue;
		*from = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l);
		const char *e = *from;
		while (*e && !(e[0] == '#' && (e == page || e[-1] == '\n')))
			e++;
		*to = e;
		return 1;
	}
	return 0;
}

/* One key of a section: its name and the text of its parentheses. */
struct entry {
	char name[64];
	char paren[512];
};

static size_t entries(const char *from, const char *to, struct entry *out, size_t max)
{
	size_t n = 0;
	for (const char *l = from; l < to && n < max; l = strchr(l, '\n') + 1) {
		if (!strchr(l, '\n'))
			break;
		if (l[0] != '*')
			continue;
		const char *e = strchr(l + 1, '*');
		if (!e || e[1] != ' ' || e[2] != '(' || (size_t)(e - l - 1) >= sizeof out->name)
			continue;
		memcpy(out[n].name, l + 1, (size_t)(e - l - 1));
		out[n].name[e - l - 1] = 0;
		/* the parentheses may run over lines */
		int depth = 0;
		size_t k = 0;
		for (const char *p = e + 2; p < to && k + 1 < sizeof out->paren; p++) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				break;
			if (p != e + 2)
				out[n].paren[k++] = *p == '\n' ? ' ' : *p;
		}
		out[n].paren[k] = 0;
		n++;
	}
	return n;
}

/* The *words* of s before its first ';', joined by spaces. */
static void starred(const char *s, char *out, size_t max)
{
	size_t k = 0;
	const char *end = strchr(s, ';');
	if (!end)
		end = s + strlen(s);
	out[0] = 0;
	for (const char *p = s; p < end; p++) {
		if (*p != '*')
			continue;
		const char *q = strchr(p + 1, '*');
		if (!q || q > end)
			break;
		size_t l = (size_t)(q - p - 1);
		if (k + l + 2 >= max)
			break;
		if (k)
			out[k++] = ' ';
		memcpy(out + k, p + 1, l);
		k += l;
		out[k] = 0;
		p = q;
	}
}

static const char *type_word(const struct tg_key *k)
{
	switch (k->type) {
	case TG_TYPE_TEXT: return "text";
	case TG_TYPE_NUMBER: return "number";
	case TG_TYPE_WHOLE: return "whole number";
	case TG_TYPE_DATE: return "date";
	case TG_TYPE_ENUM: return NULL;  /* its values are checked */
	case TG_TYPE_ID: case TG_TYPE_REF: return NULL;  /* its ID letter is checked */
	case TG_TYPE_MAP: return NULL;  /* named after its node */
	case TG_TYPE_READINGS: case TG_TYPE_SHARES: return "mapping";
	}
	return NULL;
}

static void check_node(const char *page, const struct tg_schema_node *node)
{
	const char *from, *to;
	char a[600], b[600];
	if (!node->section) {
		for (size_t i = 0; i < node->n; i++) {
			snprintf(a, sizeof a, "*%s*", node->keys[i].name);
			ok(strstr(page, a) != NULL, "%s: key '%s' is named in trygg-plan(5)", node->name,
			   node->keys[i].name);
		}
		return;
	}
	if (!section(page, node->section, &from, &to)) {
		ok(0, "%s: trygg-plan(5) has the section '%s'", node->name, node->section);
		return;
	}
	struct entry e[32];
	size_t n = entries(from, to, e, 32);
	/* a key whose type changed between versions is in the table once per
	 * version, side by side, and in the man page once: the newest */
	const struct tg_key *keys[TG_SCHEMA_MAX_KEYS];
	size_t nk = 0;
	for (size_t i = 0; i < node->n; i++) {
		if (nk && !strcmp(keys[nk - 1]->name, node->keys[i].name))
			nk--;
		keys[nk++] = &node->keys[i];
	}
	a[0] = b[0] = 0;
	for (size_t i = 0; i < nk; i++)
		snprintf(a + strlen(a), sizeof a - strlen(a), "%s%s", i ? " " : "", keys[i]->name);
	for (size_t i = 0; i < n; i++)
		snprintf(b + strlen(b), sizeof b - strlen(b), "%s%s", i ? " " : "", e[i].name);
	ok(!strcmp(a, b), "%s: the keys in the man page's order (table: %s)", node->name, a);
	if (strcmp(a, b)) {
		printf("#   man page: %s\n", b);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct tg_key *k = keys[i];
		const char *p = e[i].paren;
		ok((k->since >= 2) == (strstr(p, "version 2") != NULL),
		   "%s: '%s' marked as a key of version 2 where the table says so", node->name,
		   k->name);
		const char *last = strrchr(p, ';');
		last = last ? last + 1 : p;
		while (*last == ' ')
			last++;
		bool req = !strcmp(last, "required");
		ok(req == !!(k->flags & TG_KEY_REQUIRED) && (req || !strcmp(last, "optional")),
		   "%s: '%s' required or optional as the table says", node->name, k->name);
		bool list = !strncmp(p, "list of", 7);
		ok(list == !!(k->flags & TG_KEY_LIST), "%s: '%s' a list as the table says", node->name,
		   k->name);
		const char *tw = type_word(k);
		if (tw)
			ok(strstr(p, tw) != NULL, "%s: a key of type %s as the man page says", node->name, tw);
		if (k->type == TG_TYPE_ENUM) {
			char want[256] = "", got[256];
			for (size_t v = 0; k->values[v]; v++)
				snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
					 v ? " " : "", k->values[v]);
			starred(p, got, sizeof got);
			ok(!strcmp(want, got), "%s: values of '%s' as in the man page", node->name, k->name);
			if (strcmp(want, got))
				printf("#   table: %s\n#   man page: %s\n", want, got);
			size_t nv = 0, ns = 0;
			while (k->values[nv])
				nv++;
			while (k->sv[ns])
				ns++;
			ok(nv == ns, "%s: a Swedish word for every value of '%s'", node->name, k->name);
		}
		if (k->type == TG_TYPE_ID || k->type == TG_TYPE_REF) {
			char want[8] = { '*', strchr("MIF", k->idchar) ? 'P' : k->idchar, '*', 0 };
			ok(strstr(p, want) != NULL || (k->idchar == 'M' && strstr(p, "measure ID")), "%s: '%s' is an ID as the man page says", node->name,
			   k->name);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s trygg-plan.5.scd\n", argv[0]);
		return 2;
	}
	char *page = slurp(argv[1]);
	if (!page) {
		printf("Bail out! cannot read %s\n", argv[1]);
		return 1;
	}
	for (size_t i = 0; tg_schema_nodes[i]; i++)
		check_node(page, tg_schema_nodes[i]);

	/* lookups */
	ok(tg_schema_key(&tg_schema_measure, "status") == &tg_schema_measure.keys[TG_MEAS_STATUS],
	   "tg_schema_key finds %s's '%s'", "measure", "status");
	ok(tg_schema_key(&tg_schema_measure, "x-budget") == NULL &&
	   tg_schema_key_index(&tg_schema_problem, "statu", 2) == -1,
	   "%s%s", "an unknown key is not found", "");
	ok(tg_schema_key_index(&tg_schema_measure, "history", 1) == -1 &&
	   tg_schema_key_index(&tg_schema_measure, "history", 2) == TG_MEAS_HISTORY,
	   "%s%s", "a key of version 2 is not one of version 1", "");
	ok(tg_schema_key_index(&tg_schema_workspace, "initiatives", 1) == TG_WS_INITIATIVES1 &&
	   tg_schema_key_index(&tg_schema_workspace, "initiatives", 2) == TG_WS_INITIATIVES,
	   "%s%s", "trygg.yaml's initiatives change their type in version 2", "");
	/* every mapping key leads to a node of the table */
	for (size_t i = 0; tg_schema_nodes[i]; i++)
		for (size_t k = 0; k < tg_schema_nodes[i]->n; k++) {
			const struct tg_key *key = &tg_schema_nodes[i]->keys[k];
			if (key->type != TG_TYPE_MAP)
				continue;
			bool found = false;
			for (size_t j = 0; tg_schema_nodes[j]; j++)
				found |= tg_schema_nodes[j] == key->of;
			ok(found, "%s: '%s' leads to a node of the table", tg_schema_nodes[i]->name,
			   key->name);
		}
	printf("1..%d\n", n_test);
	free(page);
	return n_failed ? 1 : 0;
}
