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

void read_opts_init(struct read_opts *r)
{
	r->format = TG_FMT_TEXT;
	r->no_refresh = false;
}

bool read_option(struct read_opts *r, int o, const char *arg, const char *usage,
		 int *status)
{
	switch (o) {
	case OPT_FORMAT:
		parse_listing_format(usage, arg, &r->format, status);
		return true;
	case OPT_FORMAT_VERSION:
		*status = check_format_version(usage, arg);
		return true;
	case OPT_NO_REFRESH:
		r->no_refresh = true;
		return true;
	}
	return false;
}

/* The columns text and md show: cols; csv and json show every one. */
static const char *const *shown(const struct read_opts *r, const char *const *cols)
{
	return r->format == TG_FMT_TEXT || r->format == TG_FMT_MD ? cols : NULL;
}

/* Below this, a second connection (3 million instructions of schema)
 * costs about as much as it saves. */
#define SPLIT_DISTRICTS 8

/* The second half of a listing, made on a thread: its rows as a part of
 * the table (tg_table_new_part) in a temporary file (memory stays small
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

static int sink_file(void *arg, struct buf *b)
{
	fwrite(b->s, 1, b->len, arg);
	buf_reset(b);
	return ferror((FILE *)arg) ? TG_EIO : 0;
}

/* Append the part in f (from its start) to t's output. */
static int join_part(struct tg_table *t, FILE *f)
{
	char b[65536];
	rewind(f);
	size_t n = fread(b, 1, sizeof b, f), skip = n ? tg_table_join(t) : 0;
	while (n) {
		fwrite(b + skip, 1, n - skip, stdout);
		skip = 0;
		n = fread(b, 1, sizeof b, f);
	}
	return ferror(f) ? TG_EIO : 0;
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
		struct buf out = BUF_INIT;
		struct tg_table *t = tg_table_new_part(h->r->format, &out);
		tg_table_sink(t, sink_file, h->out);
		h->st = tg_table_add_cursor(t, c, NULL, &d);
		if (tg_table_finish(t) && !h->st)
			h->st = TG_EIO;
		tg_table_free(t);
		buf_release(&out);
	}
	tg_cursor_free(c);
	tg_index_free(ix);
	tg_diags_release(&d);     /* on failure the first half reads it again */
	return NULL;
}

int show_ls(struct cmd_ctx *ctx, struct tg_index *ix, const struct tg_ls *q,
	    const struct read_opts *r, const char *kind, const char *const *cols)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_cursor *c;
	long long n = 0;
	if ((r->format != TG_FMT_CSV && r->format != TG_FMT_JSON) || q->sort ||
	    tg_pipe_threads() < 2 || tg_index_count_districts(ix, &n, &d) ||
	    n < SPLIT_DISTRICTS) {
		tg_diags_release(&d);
		enum tg_status st = tg_index_ls(ix, q, &c, &d);
		return show_rows(ix, st, c, &d, r, kind, cols);
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
		struct tg_table *t = stdout_table(r->format, kind);
		st = tg_table_add_cursor(t, c, NULL, &d);
		tg_cursor_free(c);
		bool joined = started;
		if (started)
			pthread_join(thread, NULL);
		started = false;
		if (!st && joined && !half.st && half.fp == fp) {
			st = join_part(t, half.out);
		} else if (!st) {
			st = tg_index_ls(ix, &half.q, &c, &d);
			if (!st)
				st = tg_table_add_cursor(t, c, NULL, &d);
			tg_cursor_free(c);
		}
		status = tg_table_finish(t);     /* main reports a failed write */
		tg_table_free(t);
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
	      struct tg_diags *d, const struct read_opts *r, const char *kind,
	      const char *const *cols)
{
	print_diags(d);
	tg_diags_release(d);
	int status = st;
	if (!st) {
		struct tg_table *t = stdout_table(r->format, kind);
		st = tg_table_add_cursor(t, c, shown(r, cols), d);
		status = tg_table_finish(t);     /* main reports a failed write */
		print_diags(d);
		tg_diags_release(d);
		tg_table_free(t);
		status = st ? (int)st : status;
	}
	tg_cursor_free(c);
	tg_index_free(ix);
	return status;
}
