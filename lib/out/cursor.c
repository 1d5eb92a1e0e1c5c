/* cursor: the rows of a query of the index (lib/index.h) as a table. */
#include "out-int.h"
#include "../index.h"

#include <stdlib.h>
#include <string.h>

static enum tg_cell_type cell_type(enum tg_vtype t)
{
	switch (t) {
	case TG_VINT: case TG_VREAL: return TG_CELL_NUMBER;
	case TG_VLIST: return TG_CELL_LIST;
	case TG_VNUMLIST: return TG_CELL_NUMBERS;
	default: return TG_CELL_TEXT;
	}
}

/* A list's items, joined by U+001F in s, into *items (grown as needed;
 * they point into *copy). */
static size_t split(const char *s, struct buf *copy, const char ***items, size_t *alloc)
{
	size_t n = 0;
	if (!*s)
		return 0;
	buf_reset(copy);
	buf_adds(copy, s);
	for (char *p = copy->s;;) {
		if (n == *alloc) {
			*alloc = *alloc ? 2 * *alloc : 8;
			*items = xrealloc(*items, *alloc * sizeof **items);
		}
		(*items)[n++] = p;
		p = strchr(p, '\x1f');
		if (!p)
			return n;
		*p++ = '\0';
	}
}

int tg_table_add_cursor(struct tg_table *t, struct tg_cursor *c,
			const char *const *cols, struct tg_diags *d)
{
	size_t n = tg_cursor_ncols(c), m = 0;
	size_t *map = xcalloc(n + 1, sizeof *map);
	if (cols) {
		for (size_t k = 0; cols[k]; k++)
			for (size_t i = 0; i < n; i++)
				if (!strcmp(tg_cursor_name(c, i), cols[k]))
					map[m++] = i;
	} else {
		for (size_t i = 0; i < n; i++)
			map[m++] = i;
	}
	struct tg_cell *cells = xcalloc(m + 1, sizeof *cells);
	struct buf *copies = xcalloc(m + 1, sizeof *copies);
	const char ***items = xcalloc(m + 1, sizeof *items);
	size_t *alloc = xcalloc(m + 1, sizeof *alloc);
	for (size_t k = 0; k < m; k++)
		copies[k] = (struct buf)BUF_INIT;
	bool row;
	enum tg_status st = tg_cursor_step(c, &row, d);
	bool declare = !t->ncols;
	for (size_t k = 0; declare && k < m; k++)
		tg_table_col(t, tg_cursor_name(c, map[k]), !st && row ?
			     cell_type(tg_cursor_type(c, map[k])) : TG_CELL_TEXT);
	while (!st && row) {
		for (size_t k = 0; k < m; k++) {
			enum tg_vtype vt;
			cells[k].s = tg_cursor_value(c, map[k], &vt);
			cells[k].type = cell_type(vt);
			if (cells[k].s && (vt == TG_VLIST || vt == TG_VNUMLIST)) {
				cells[k].n = split(cells[k].s, &copies[k], &items[k], &alloc[k]);
				cells[k].v = items[k];
			}
		}
		tg_table_row(t, cells);
		st = tg_cursor_step(c, &row, d);
	}
	for (size_t k = 0; k < m; k++) {
		buf_release(&copies[k]);
		free(items[k]);
	}
	free(copies);
	free(items);
	free(alloc);
	free(cells);
	free(map);
	return st;
}
