/* cursor: the rows of a query of the index (lib/index.h) as a table. */
#include "out-int.h"
#include "../index.h"

#include <stdlib.h>
#include <string.h>

static enum tg_cell_type cell_type(enum tg_vtype t)
{
	return t == TG_VINT || t == TG_VREAL ? TG_CELL_NUMBER : TG_CELL_TEXT;
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
		}
		tg_table_row(t, cells);
		st = tg_cursor_step(c, &row, d);
	}
	free(cells);
	free(map);
	return st;
}
