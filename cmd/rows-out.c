/* rows-out: a report's rows (tg_rows) as CSV or JSON, through the one table
 * printer of the read commands (cmd/table.c), into a buffer so that
 * --output can write it atomically. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

int rows_write(struct buf *b, const struct tg_rows *t, bool csv)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		tg_oom();
	struct table *tb = table_new(f, csv ? TABLE_CSV : TABLE_JSON, TABLE_FORMAT_VERSION);
	for (size_t c = 0; c < t->ncols; c++)
		table_column(tb, t->names[c], t->types[c] == TG_COL_TEXT ? TABLE_STR
					      : t->types[c] == TG_COL_FLAG ? TABLE_BOOL : TABLE_NUM);
	const char **cells = xcalloc(t->ncols + 1, sizeof *cells);
	for (size_t i = 0; i < t->n; i++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->v[i][c];
			/* booleans as 1 and 0, as the index's views have them;
			 * an empty number or boolean is no value */
			if (t->types[c] == TG_COL_BOOL)
				v = !*v ? NULL : !strcmp(v, "true") ? "1" : "0";
			else if (t->types[c] == TG_COL_NUMBER && !*v)
				v = NULL;
			cells[c] = v;
		}
		table_row(tb, cells, NULL);
	}
	int status = table_finish(tb);
	table_free(tb);
	free(cells);
	if (fclose(f) != 0)
		status = TG_EIO;
	buf_add(b, mem, len);
	free(mem);
	return status;
}
