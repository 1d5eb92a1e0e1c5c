/* trygg index, and the index as the read commands (ls, search, query) see
 * it: refresh, open read-only, print a cursor's rows. */
#include "cmd.h"
#include "index.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: trygg index [--rebuild] [--verbose]\n"
	"\n"
	"Bring the index, .trygg/index.sqlite, up to date with the plan files:\n"
	"a file whose size and modification time are unchanged is not read, a\n"
	"changed file is read again, a deleted file's rows go.  The read commands\n"
	"(ls, search, query, report) do this first by themselves.  A plan file\n"
	"that fails to load is reported; its old rows stay (flagged stale) and\n"
	"the exit status is 65.  Where the workspace's .trygg/ cannot be written,\n"
	"the index is kept in $XDG_CACHE_HOME/trygg/ (~/.cache/trygg/) instead.\n";

static const char *const event_names[] = {
	[TG_IX_UNCHANGED] = "unchanged", [TG_IX_SAME] = "unchanged",
	[TG_IX_ADDED] = "added", [TG_IX_UPDATED] = "updated",
	[TG_IX_REMOVED] = "removed", [TG_IX_FAILED] = "failed",
};

static void progress(void *arg, enum tg_index_event ev, const char *path)
{
	(void)arg;
	printf("%-10s ", event_names[ev]);
	print_safe(stdout, display_path(path));
	putchar('\n');
	/* a line as each file is done, also through a pipe to tee */
	fflush(stdout);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Say where the index is when it is not in the workspace (once a
 * command: open_index and cmd_index call it once). */
static void say_where(const struct cmd_ctx *ctx, const struct tg_index *ix)
{
	if (ix && tg_index_in_cache(ix)) {
		char *dir = xasprintf("%s/.trygg", ctx->ws->root);
		say("%s cannot be written; the index is kept in %s", display_path(dir),
		    display_path(tg_index_path(ix)));
		free(dir);
	}
}

int cmd_index(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_REBUILD = 0x300 };
	static const struct opt opts[] = {
		OPT_BOOL("rebuild", OPT_REBUILD, "drop the whole index and build it anew"),
		OPT_BOOL("verbose", 'v', "say what happened to each file, then a summary"),
		OPT_END,
	};
	struct tg_index_opts io = { 0 };
	bool verbose = false;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	int o;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_REBUILD)
			io.rebuild = true;
		else
			verbose = true;
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs)
		return usage_error(usage, "index takes no arguments");
	int status = need_workspace(ctx);
	if (status)
		return status;
	if (verbose)
		io.progress = progress;
	double start = seconds();
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_index *ix;
	struct tg_index_stats s = { 0 };
	enum tg_status st = tg_index_open(ctx->ws, TG_INDEX_WRITE, &ix, &d);
	say_where(ctx, ix);
	if (!st)
		st = tg_index_refresh(ix, ctx->cfg, &io, &s, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (verbose && ix) {
		printf("%zu file%s: %zu added, %zu updated, %zu unchanged, %zu removed, "
		       "%zu failed%s (%.3f s)\n", s.files, s.files == 1 ? "" : "s",
		       s.by_event[TG_IX_ADDED], s.by_event[TG_IX_UPDATED],
		       s.by_event[TG_IX_UNCHANGED] + s.by_event[TG_IX_SAME],
		       s.by_event[TG_IX_REMOVED], s.by_event[TG_IX_FAILED],
		       s.rebuilt ? ", index rebuilt" : "", seconds() - start);
	}
	tg_index_free(ix);
	return st;
}

/* Bring the index up to date and open it to read (open_index's work).
 * *as_is: it could not be written and is read as it is; *gone: it was
 * not there to be opened after its refresh (deleted meanwhile). */
static int refresh_and_open(struct cmd_ctx *ctx, struct tg_index **out, struct tg_diags *d,
			    bool *as_is, bool *gone)
{
	struct tg_index *w;
	struct tg_index_stats s = { 0 };
	*as_is = *gone = false;
	enum tg_status st = tg_index_open(ctx->ws, TG_INDEX_WRITE, &w, d);
	if (!st) {
		st = tg_index_refresh(w, ctx->cfg, NULL, &s, d);
		if (s.created && !tg_index_in_cache(w))     /* say_where says so */
			warning("there was no index; building %s", display_path(tg_index_path(w)));
	}
	tg_index_free(w);
	if (st == TG_ECREAT) {
		/* a workspace we may read but not write: use the index as it is */
		struct tg_diags quiet = TG_DIAGS_INIT;
		bool usable = tg_index_open(ctx->ws, TG_INDEX_READ, out, &quiet) == TG_OK;
		tg_diags_release(&quiet);
		if (usable) {
			tg_diags_release(d);
			warning("cannot update the index (not allowed to write it); using it as it is");
			*as_is = true;
			return 0;
		}
	}
	if (st != TG_OK && st != TG_EDATA)
		return st;
	int status = st;
	st = tg_index_open(ctx->ws, TG_INDEX_READ, out, d);
	*gone = st == TG_ENOINPUT;
	return st ? (int)st : status;
}

int open_index(struct cmd_ctx *ctx, bool no_refresh, struct tg_index **out)
{
	struct tg_diags d = TG_DIAGS_INIT;
	*out = NULL;
	int st = need_workspace(ctx);
	if (st)
		return st;
	if (no_refresh) {
		st = tg_index_open(ctx->ws, TG_INDEX_READ, out, &d);
		if (st != TG_ENOINPUT && st != TG_EDATA) {
			print_diags(&d);
			tg_diags_release(&d);
			say_where(ctx, *out);
			return st;
		}
		tg_diags_release(&d);     /* missing or unusable: build it */
	}
	bool as_is, gone;
	st = refresh_and_open(ctx, out, &d, &as_is, &gone);
	if (gone) {
		/* the index was deleted after its refresh, before it was opened
		 * to read: it is derived from the files, so build it again */
		tg_diags_release(&d);
		st = refresh_and_open(ctx, out, &d, &as_is, &gone);
	}
	print_diags(&d);
	tg_diags_release(&d);
	if (*out && !as_is)
		say_where(ctx, *out);
	return st;
}

static enum table_type cell_type(enum tg_vtype t)
{
	switch (t) {
	case TG_VINT:
	case TG_VREAL:
		return TABLE_NUM;
	case TG_VNULL:
		return TABLE_NULL;
	default:
		return TABLE_STR;
	}
}

/* Add the rows of c to t; first its columns (of the types of the first
 * row) when declare: every column, or for text and md those named in
 * cols. */
static enum tg_status add_rows(struct tg_cursor *c, struct table *t, bool declare,
			       const struct read_opts *r, const char *const *cols,
			       struct tg_diags *d)
{
	size_t n = tg_cursor_ncols(c), m = 0;
	size_t *map = xcalloc(n + 1, sizeof *map);
	bool pick = cols && (r->format == TABLE_TEXT || r->format == TABLE_MD);
	if (pick) {
		for (size_t k = 0; cols[k]; k++)
			for (size_t i = 0; i < n; i++)
				if (!strcmp(tg_cursor_name(c, i), cols[k]))
					map[m++] = i;
	} else {
		for (size_t i = 0; i < n; i++)
			map[m++] = i;
	}
	const char **cells = xcalloc(m + 1, sizeof *cells);
	enum table_type *types = xcalloc(m + 1, sizeof *types);
	bool row;
	enum tg_status st = tg_cursor_step(c, &row, d);
	for (size_t k = 0; declare && k < m; k++)
		table_column(t, tg_cursor_name(c, map[k]),
			     !st && row && cell_type(tg_cursor_type(c, map[k])) == TABLE_NUM ?
			     TABLE_NUM : TABLE_STR);
	while (!st && row) {
		for (size_t k = 0; k < m; k++) {
			enum tg_vtype vt;
			cells[k] = tg_cursor_value(c, map[k], &vt);
			types[k] = cell_type(vt);
		}
		table_row(t, cells, types);
		st = tg_cursor_step(c, &row, d);
	}
	free(cells);
	free(types);
	free(map);
	return st;
}

/* The rows of c as a table (see show_rows). */
static int print_cursor(struct tg_cursor *c, const struct read_opts *r, const char *const *cols)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct table *t = table_new(stdout, r->format, r->format_version);
	enum tg_status st = add_rows(c, t, true, r, cols, &d);
	int status = table_finish(t);     /* main reports a failed write */
	print_diags(&d);
	tg_diags_release(&d);
	table_free(t);
	return st ? (int)st : status;
}

/* Below this, a second connection (3 million instructions of schema)
 * costs about as much as it saves. */
#define SPLIT_DISTRICTS 8

/* The second half of a listing, made on a thread: its rows as a part of
 * the table (table_new_part) in a temporary file (memory stays small
 * however long the listing), and the fingerprint of the index it read. */
struct ls_half {
	const struct cmd_ctx *ctx;
	struct tg_ls q;
	const struct read_opts *r;
	FILE *out;
	unsigned long long fp;
	enum tg_status st;
};

/* A temporary file in $TMPDIR (or /tmp), gone when closed; NULL if none.
 * It is written through buf (OUT_BUF bytes), as stdout is (cmd/main.c). */
static FILE *temp_file(char *buf)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/trygg-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (fd >= 0 && !f)
		close(fd);
	if (f)
		setvbuf(f, buf, _IOFBF, OUT_BUF);
	return f;
}

static void *ls_half_run(void *arg)
{
	struct ls_half *h = arg;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_index *ix;
	struct tg_cursor *c = NULL;
	h->st = tg_index_open(h->ctx->ws, TG_INDEX_READ, &ix, &d);
	if (!h->st)
		h->st = tg_index_hold(ix, &d);
	if (!h->st)
		h->st = tg_index_fingerprint(ix, &h->fp, &d);
	if (!h->st)
		h->st = tg_index_ls(ix, &h->q, &c, &d);
	if (!h->st) {
		struct table *t = table_new_part(h->out, h->r->format, h->r->format_version);
		h->st = add_rows(c, t, true, h->r, NULL, &d);
		if (table_finish(t) && !h->st)
			h->st = TG_EIO;
		table_free(t);
	}
	tg_cursor_free(c);
	tg_index_free(ix);
	tg_diags_release(&d);     /* on failure the first half reads it again */
	return NULL;
}

int show_ls(struct cmd_ctx *ctx, struct tg_index *ix, const struct tg_ls *q,
	    const struct read_opts *r, const char *const *cols)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_cursor *c;
	long long n = 0;
	if ((r->format != TABLE_CSV && r->format != TABLE_JSON) || q->sort ||
	    tg_pipe_threads() < 2 || tg_index_count_districts(ix, &n, &d) ||
	    n < SPLIT_DISTRICTS) {
		tg_diags_release(&d);
		enum tg_status st = tg_index_ls(ix, q, &c, &d);
		return show_rows(ix, st, c, &d, r, cols);
	}
	/* both halves must read the same index: this side holds its read
	 * while the other's runs, and reads the second half itself when the
	 * other read another (or failed) */
	struct tg_ls first = *q;
	char *buf = xmalloc(OUT_BUF);
	struct ls_half half = { .ctx = ctx, .q = *q, .r = r, .out = temp_file(buf) };
	first.rank_to = n / 2;
	half.q.rank_from = n / 2 + 1;
	unsigned long long fp = 0;
	enum tg_status st = tg_index_hold(ix, &d);
	if (!st)
		st = tg_index_fingerprint(ix, &fp, &d);
	pthread_t thread;
	bool started = !st && half.out &&
		       pthread_create(&thread, NULL, ls_half_run, &half) == 0;
	if (!st)
		st = tg_index_ls(ix, &first, &c, &d);
	print_diags(&d);
	tg_diags_release(&d);
	int status = 0;
	if (!st) {
		struct table *t = table_new(stdout, r->format, r->format_version);
		st = add_rows(c, t, true, r, cols, &d);
		tg_cursor_free(c);
		bool joined = started;
		if (started)
			pthread_join(thread, NULL);
		started = false;
		if (!st && joined && !half.st && half.fp == fp) {
			st = table_join(t, half.out);
		} else if (!st) {
			st = tg_index_ls(ix, &half.q, &c, &d);
			if (!st)
				st = add_rows(c, t, false, r, cols, &d);
			tg_cursor_free(c);
		}
		status = table_finish(t);     /* main reports a failed write */
		table_free(t);
	}
	if (started)
		pthread_join(thread, NULL);
	if (half.out)
		fclose(half.out);
	free(buf);
	tg_index_hold_end(ix);
	print_diags(&d);
	tg_diags_release(&d);
	tg_index_free(ix);
	return st ? (int)st : status;
}

int show_rows(struct tg_index *ix, enum tg_status st, struct tg_cursor *c,
	      struct tg_diags *d, const struct read_opts *r, const char *const *cols)
{
	print_diags(d);
	tg_diags_release(d);
	int status = st ? (int)st : print_cursor(c, r, cols);
	tg_cursor_free(c);
	tg_index_free(ix);
	return status;
}
