#include "priv.h"

#include <stdlib.h>
#include <string.h>

void tg_rows_init(struct tg_rows *t, const char *spec)
{
	memset(t, 0, sizeof *t);
	char *copy = xstrdup(spec), *save = NULL;
	size_t n = 1;
	for (const char *p = spec; *p; p++)
		n += *p == ' ';
	t->names = xcalloc(n, sizeof *t->names);
	t->types = xcalloc(n, sizeof *t->types);
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(w, ':');
		enum tg_coltype type = TG_COL_TEXT;
		if (colon) {
			*colon = '\0';
			type = colon[1] == 'n' ? TG_COL_NUMBER : colon[1] == 'b' ? TG_COL_BOOL
			       : colon[1] == 'f' ? TG_COL_FLAG : TG_COL_TEXT;
		}
		t->names[t->ncols] = xstrdup(w);
		t->types[t->ncols++] = type;
	}
	free(copy);
}

void tg_rows_add(struct tg_rows *t, const char *const *cells)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->v = xrealloc(t->v, t->alloc * sizeof *t->v);
	}
	char **row = xcalloc(t->ncols, sizeof *row);
	for (size_t c = 0; c < t->ncols; c++)
		row[c] = xstrdup(cells[c] ? cells[c] : "");
	t->v[t->n++] = row;
}

void tg_rows_release(struct tg_rows *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->v[i][c]);
		free(t->v[i]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		free(t->names[c]);
	free(t->names);
	free(t->types);
	free(t->v);
	memset(t, 0, sizeof *t);
}
