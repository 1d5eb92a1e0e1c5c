/*
 * batch: many write commands from standard input, each file locked, read,
 * verified and written once (DESIGN.md §11, trygg-batch(1)).
 *
 * The lines are run twice through the same handlers as on the command
 * line.  The first pass, with every message held back, only learns the
 * files the lines write: write_plan() hands each path to batch_write(),
 * which notes it and edits nothing.  The files are then locked in the
 * order of their paths (two batches never wait for each other in a
 * circle), read and opened for editing.  The second pass runs the lines
 * again, in order, with their messages; batch_write() now applies each
 * line's edit to its file's open edit, so an ID made by one line is there
 * for the next.  A file with a bad line gets none of its lines.  Last,
 * each file is verified and written once, and one line is printed per
 * line of input.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg batch [--all-or-nothing] [WRITE OPTIONS] <COMMANDS\n"
	"\n"
	"Run write commands read from standard input, one a line, in the words of\n"
	"the command line without 'trygg' (plan set Angered P6.M3 status=done).\n"
	"Each file is locked, read, verified and written once.  Prints one line\n"
	"per command: what it prints (the new ID), 'ok', or '-' for a line of a\n"
	"file that was not written.  A file with a bad line gets none of its\n"
	"lines; the others are written unless --all-or-nothing.\n";

struct batch_file {
	char *path;
	char *district;             /* as the first line that named it wrote it */
	struct tg_lock *lk;
	struct buf before;          /* with --dry-run: the text read */
	struct tg_edit *e;
	struct buf ids;             /* every line's IDs, for autocommit */
	int st;                     /* the first failure; 0 while good */
	bool written;
};

struct batch_line {
	size_t lineno;
	int argc;
	char **argv;
	size_t *files;              /* indexes into batch.files */
	size_t nfiles;
	struct buf out;             /* the IDs it printed, one a line */
	bool bad;
};

struct batch {
	bool probing;
	bool dry_run;
	double lock_timeout;        /* for each file's lock, and git's index */
	struct batch_file *files;
	size_t nfiles, files_cap;
	struct batch_line *lines;
	size_t nlines, lines_cap;
	struct batch_line *cur;
	/* district name as written -> file, so a name is looked up once */
	char **names;
	size_t *name_file;
	size_t nnames, names_cap;
};

/* The write commands a batch runs: noun and verb. */
static const char *const batch_verbs[][2] = {
	{ "plan", "add-problem" }, { "plan", "add-measure" }, { "plan", "set" },
	{ "plan", "rm" }, { "plan", "import" },
	{ "followup", "record" }, { "followup", "set" }, { "followup", "rm" },
	{ "situation", "add" }, { "situation", "decide" }, { "situation", "merge" },
	{ "situation", "import" },
	{ "indicator", "add" }, { "indicator", "record" },
	{ "promise", "add" }, { "promise", "record" },
	{ "district", "set" },
	{ NULL, NULL },
};

/* Those whose changes may wait for the next line (see batch_write). */
static const char *const batch_aware[][2] = {
	{ "plan", "add-problem" }, { "plan", "add-measure" }, { "plan", "set" },
	{ "followup", "record" }, { "followup", "set" },
	{ "indicator", "add" }, { "indicator", "record" },
	{ NULL, NULL },
};

static bool batch_verb(int argc, char **argv)
{
	if (argc < 2)
		return false;
	for (size_t i = 0; batch_verbs[i][0]; i++)
		if (!strcmp(argv[0], batch_verbs[i][0]) && !strcmp(argv[1], batch_verbs[i][1]))
			return find_command(argv[0]) != NULL;
	return false;
}

/* ---- a line's words ------------------------------------------------------ */

/* Split s into words as a POSIX shell would quote them: blanks between
 * words, '…' taken as it is, "…" with \" \\ \$ \` and a backslash before
 * any other character outside quotes; # at a word's start ends the line.
 * NULL and *err on an unclosed quote. */
static char **split_words(const char *s, int *argc, const char **err)
{
	size_t cap = 8, n = 0;
	char **v = xcalloc(cap, sizeof *v);
	struct buf w = BUF_INIT;
	*err = NULL;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			break;
		buf_reset(&w);
		while (*s && *s != ' ' && *s != '\t' && *s != '\r') {
			if (*s == '\'') {
				const char *end = strchr(s + 1, '\'');
				if (!end) {
					*err = N_("a quote (') is not closed");
					break;
				}
				buf_add(&w, s + 1, (size_t)(end - s - 1));
				s = end + 1;
			} else if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
						s++;
					buf_addc(&w, *s);
				}
				if (!*s) {
					*err = N_("a quote (\") is not closed");
					break;
				}
				s++;
			} else if (*s == '\\' && s[1]) {
				buf_addc(&w, s[1]);
				s += 2;
			} else {
				buf_addc(&w, *s++);
			}
		}
		if (*err)
			break;
		if (n + 2 > cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = xstrndup(w.s ? w.s : "", w.len);
	}
	buf_release(&w);
	if (*err) {
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	v[n] = NULL;
	*argc = (int)n;
	return v;
}

/* ---- the files ------------------------------------------------------------ */

static size_t add_file(struct batch *b, char *path, const char *district)
{
	for (size_t i = 0; i < b->nfiles; i++)
		if (!strcmp(b->files[i].path, path)) {
			free(path);
			return i;
		}
	if (b->nfiles == b->files_cap)
		b->files = xrealloc(b->files, (b->files_cap = b->files_cap * 2 + 8) *
					       sizeof *b->files);
	struct batch_file *f = &b->files[b->nfiles];
	memset(f, 0, sizeof *f);
	f->path = path;
	f->district = xstrdup(district);
	f->before = (struct buf)BUF_INIT;
	f->ids = (struct buf)BUF_INIT;
	return b->nfiles++;
}

/* The file of district name (looked up once per name); -1 after an error
 * (printed). */
static long district_file(struct batch *b, struct cmd_ctx *ctx, const char *district)
{
	for (size_t i = 0; i < b->nnames; i++)
		if (!strcmp(b->names[i], district))
			return (long)b->name_file[i];
	struct tg_diags d = TG_DIAGS_INIT;
	char *path = tg_workspace_district_path(ctx->ws, district, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!path || !b->probing) {
		free(path);   /* the first pass met every name that has a file */
		return -1;
	}
	size_t f = add_file(b, path, district);
	if (b->nnames == b->names_cap) {
		b->names_cap = b->names_cap * 2 + 8;
		b->names = xrealloc(b->names, b->names_cap * sizeof *b->names);
		b->name_file = xrealloc(b->name_file, b->names_cap * sizeof *b->name_file);
	}
	b->names[b->nnames] = xstrdup(district);
	b->name_file[b->nnames++] = f;
	return (long)f;
}

static void line_add_file(struct batch_line *l, size_t f)
{
	for (size_t i = 0; i < l->nfiles; i++)
		if (l->files[i] == f)
			return;
	l->files = xrealloc(l->files, (l->nfiles + 1) * sizeof *l->files);
	l->files[l->nfiles++] = f;
}

int batch_write(struct cmd_ctx *ctx, const char *district, const struct write_opts *w,
		edit_fn *fn, void *arg)
{
	struct batch *b = ctx->batch;
	if (w->dry_run)
		return usage_error(usage, "--dry-run is an option of trygg batch, not of its lines");
	long fi = district_file(b, ctx, district);
	if (fi < 0)
		return TG_ENOINPUT;
	line_add_file(b->cur, (size_t)fi);
	struct batch_file *f = &b->files[fi];
	if (b->probing || f->st)
		return f->st;
	struct tg_diags d = TG_DIAGS_INIT;
	struct buf ids = BUF_INIT;
	/* Changes wait in the edit batch, to be verified together, behind
	 * the operations that find their items through tg_edit_plan_for and
	 * count the new IDs waiting (lib/op-*.c); before and after any
	 * other, the waiting changes go in. */
	bool waits = false;
	for (size_t i = 0; !waits && ctx->verb && batch_aware[i][0]; i++)
		waits = !strcmp(ctx->noun, batch_aware[i][0]) && !strcmp(ctx->verb, batch_aware[i][1]);
	enum tg_status st = waits ? TG_OK : tg_edit_flush(f->e, &d);
	if (!st)
		st = fn(f->e, arg, &ids, &d);
	/* and after it: what it changed may be read by the next line's */
	if (!st && !waits)
		st = tg_edit_flush(f->e, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (st)
		f->st = st;
	else {
		buf_add(&b->cur->out, ids.s ? ids.s : "", ids.len);
		buf_add(&f->ids, ids.s ? ids.s : "", ids.len);
	}
	buf_release(&ids);
	return st;
}

/* Lock (unless a dry run), read and open every file, in the order of
 * their paths; the lines and names then point at the files' new places. */
struct ordered {
	const char *path;
	size_t was;
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct ordered *)a)->path, ((const struct ordered *)b)->path);
}

static void sort_files(struct batch *b)
{
	struct ordered *o = xcalloc(b->nfiles + 1, sizeof *o);
	size_t *now = xcalloc(b->nfiles + 1, sizeof *now);
	struct batch_file *files = xcalloc(b->nfiles + 1, sizeof *files);
	for (size_t i = 0; i < b->nfiles; i++)
		o[i] = (struct ordered){ b->files[i].path, i };
	qsort(o, b->nfiles, sizeof *o, cmp_path);
	for (size_t i = 0; i < b->nfiles; i++) {
		files[i] = b->files[o[i].was];
		now[o[i].was] = i;
	}
	free(b->files);
	b->files = files;
	b->files_cap = b->nfiles + 1;
	for (size_t i = 0; i < b->nlines; i++)
		for (size_t k = 0; k < b->lines[i].nfiles; k++)
			b->lines[i].files[k] = now[b->lines[i].files[k]];
	for (size_t i = 0; i < b->nnames; i++)
		b->name_file[i] = now[b->name_file[i]];
	free(now);
	free(o);
}

static void open_files(struct batch *b, struct cmd_ctx *ctx, double lock_timeout)
{
	sort_files(b);
	for (size_t i = 0; i < b->nfiles; i++) {
		struct batch_file *f = &b->files[i];
		struct tg_diags d = TG_DIAGS_INIT;
		enum tg_status st = TG_OK;
		if (!b->dry_run)
			st = tg_lock_acquire(f->path, lock_timeout, &f->lk, &d);
		if (!st)
			st = f->lk ? tg_lock_read(f->lk, &f->before, &d)
				   : tg_read_file(f->path, TG_MAX_FILE, &f->before, &d);
		if (!st)
			st = tg_edit_open(f->path, f->before.s, f->before.len, ctx->cfg, &f->e, &d);
		if (!st)
			tg_edit_batch(f->e);
		if (!b->dry_run)
			buf_release(&f->before);
		print_diags(&d);
		tg_diags_release(&d);
		f->st = st;
	}
}

/* ---- writing ----------------------------------------------------------------- */

/* Verify each good file's edits (the batch's one verification), then show
 * the diffs (a dry run) or write them: each file alone, or with
 * all_or_nothing every file's temporary file ready before the first
 * rename, and none when any line or file failed. */
static int write_files(struct batch *b, struct cmd_ctx *ctx, bool all_or_nothing)
{
	int st = 0;
	for (size_t i = 0; i < b->nfiles; i++) {
		struct batch_file *f = &b->files[i];
		struct tg_diags d = TG_DIAGS_INIT;
		if (!f->st)
			f->st = tg_edit_flush(f->e, &d);
		print_diags(&d);
		tg_diags_release(&d);
		if (f->st && !st)
			st = f->st;
	}
	for (size_t i = 0; i < b->nlines && !st; i++)
		if (b->lines[i].bad)
			st = TG_EDATA;
	if (b->dry_run) {
		struct buf diff = BUF_INIT;
		for (size_t i = 0; i < b->nfiles; i++) {
			struct batch_file *f = &b->files[i];
			if (f->st)
				continue;
			size_t len;
			const char *after = tg_edit_text(f->e, &len);
			const char *shown = display_path(f->path);
			char *x = xasprintf("a/%s", shown), *y = xasprintf("b/%s", shown);
			buf_reset(&diff);
			tg_diff(&diff, x, f->before.s, f->before.len, y, after, len);
			fwrite(diff.s, 1, diff.len, stdout);
			free(x);
			free(y);
		}
		buf_release(&diff);
		return st;
	}
	if (all_or_nothing && st)
		return st;
	/* every changed file's temporary file written and synced first */
	bool *ready = xcalloc(b->nfiles + 1, sizeof *ready);
	for (size_t i = 0; i < b->nfiles && !(all_or_nothing && st); i++) {
		struct batch_file *f = &b->files[i];
		if (f->st || !tg_edit_changed(f->e))
			continue;
		struct tg_diags d = TG_DIAGS_INIT;
		size_t len;
		const char *after = tg_edit_text(f->e, &len);
		f->st = tg_lock_prepare(f->lk, after, len, &d);
		ready[i] = !f->st;
		print_diags(&d);
		tg_diags_release(&d);
		if (f->st && !st)
			st = f->st;
	}
	/* then each renamed into place, and committed when autocommit is on
	 * (one commit a file; trygg's commits go one at a time) */
	for (size_t i = 0; i < b->nfiles; i++) {
		struct batch_file *f = &b->files[i];
		if (!ready[i] || (all_or_nothing && st))
			continue;
		struct tg_diags d = TG_DIAGS_INIT;
		struct tg_autocommit *ac = NULL;
		if (ctx->cfg->autocommit)
			f->st = tg_autocommit_begin(ctx->ws->root, f->path, b->lock_timeout, &ac, &d);
		if (!f->st)
			f->st = tg_lock_install(f->lk, &d);
		f->written = !f->st;
		if (f->st && !st) {
			st = f->st;
			if (all_or_nothing)
				tg_diag_add(&d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
					    "the files before it in the order of their paths were "
					    "written, this one and those after it were not");
		}
		if (f->written && ac) {
			char *msg = commit_message(ctx, f->district, &f->ids);
			int cst = tg_autocommit_commit(ac, msg, &d);
			free(msg);
			if (cst && !st)
				st = cst;
		}
		tg_autocommit_free(ac);
		print_diags(&d);
		tg_diags_release(&d);
	}
	free(ready);
	return st;
}

/* One line per line of input: its IDs on one line, "ok", or "-". */
static void print_results(const struct batch *b, bool nothing_written)
{
	struct buf o = BUF_INIT;
	for (size_t i = 0; i < b->nlines; i++) {
		const struct batch_line *l = &b->lines[i];
		bool good = !l->bad && !nothing_written;
		for (size_t k = 0; good && k < l->nfiles; k++) {
			const struct batch_file *f = &b->files[l->files[k]];
			good = !f->st && (f->written || !tg_edit_changed(f->e));
		}
		if (!good) {
			buf_adds(&o, "-\n");
			continue;
		}
		size_t start = o.len;
		for (const char *p = l->out.s ? l->out.s : ""; *p;) {
			size_t n = strcspn(p, "\n");
			if (n)
				buf_addf(&o, "%s%.*s", o.len > start ? " " : "", (int)n, p);
			p += n + (p[n] == '\n');
		}
		buf_adds(&o, o.len > start ? "\n" : "ok\n");
	}
	fwrite(o.s ? o.s : "", 1, o.len, stdout);
	buf_release(&o);
}

/* ---- the command ------------------------------------------------------------ */

static void read_lines(struct batch *b, FILE *in)
{
	char *s = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	while ((n = getline(&s, &cap, in)) >= 0) {
		lineno++;
		if (n && s[n - 1] == '\n')
			s[--n] = '\0';
		const char *err = NULL;
		int argc = 0;
		char **argv = NULL;
		if (strlen(s) != (size_t)n)
			err = N_("a NUL byte is not allowed in a line");
		else
			argv = split_words(s, &argc, &err);
		if (argv && !argc) {
			free(argv);
			continue;   /* a blank line or a comment */
		}
		if (b->nlines == b->lines_cap)
			b->lines = xrealloc(b->lines, (b->lines_cap = b->lines_cap * 2 + 64) *
					       sizeof *b->lines);
		struct batch_line *l = &b->lines[b->nlines++];
		memset(l, 0, sizeof *l);
		l->lineno = lineno;
		l->argc = argc;
		l->argv = argv;
		l->out = (struct buf)BUF_INIT;
		if (err) {
			char where[32];
			snprintf(where, sizeof where, "stdin:%zu", lineno);
			msg_origin = where;
			error("%s", _(err));
			msg_origin = NULL;
			l->bad = true;
		}
	}
	free(s);
}

/* Run every line once, through its command's handler. */
static void run_lines(struct batch *b, struct cmd_ctx *ctx)
{
	char where[32];
	msg_quiet = b->probing;
	for (size_t i = 0; i < b->nlines; i++) {
		struct batch_line *l = &b->lines[i];
		if (!l->argv)
			continue;
		bool skip = false;
		for (size_t k = 0; k < l->nfiles; k++)
			skip |= b->files[l->files[k]].st != 0;
		if (skip)
			continue;   /* its file has a bad line already, or failed to open */
		snprintf(where, sizeof where, "stdin:%zu", l->lineno);
		msg_origin = where;
		b->cur = l;
		int st;
		if (!batch_verb(l->argc, l->argv)) {
			st = TG_EUSAGE;
			if (!b->probing)
				error("'%s%s%s' is not a write command that trygg batch runs "
				      "(see trygg-batch(1))", l->argv[0], l->argc > 1 ? " " : "",
				      l->argc > 1 ? l->argv[1] : "");
		} else {
			ctx->noun = l->argv[0];
			ctx->verb = NULL;
			st = find_command(l->argv[0])->fn(l->argc, l->argv, ctx);
		}
		if (st && !b->probing) {
			l->bad = true;
			for (size_t k = 0; k < l->nfiles; k++)
				if (!b->files[l->files[k]].st)
					b->files[l->files[k]].st = st;
		}
	}
	msg_origin = NULL;
	msg_quiet = false;
	b->cur = NULL;
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->nfiles; i++) {
		struct batch_file *f = &b->files[i];
		tg_edit_free(f->e);
		tg_lock_release(f->lk);
		buf_release(&f->before);
		buf_release(&f->ids);
		free(f->path);
		free(f->district);
	}
	for (size_t i = 0; i < b->nlines; i++) {
		struct batch_line *l = &b->lines[i];
		for (int k = 0; l->argv && k < l->argc; k++)
			free(l->argv[k]);
		free(l->argv);
		free(l->files);
		buf_release(&l->out);
	}
	for (size_t i = 0; i < b->nnames; i++)
		free(b->names[i]);
	free(b->names);
	free(b->name_file);
	free(b->files);
	free(b->lines);
}

int cmd_batch(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_BOOL("all-or-nothing", 'a', "write every file or none: every temporary file "
			 "ready before the first is renamed"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	bool all_or_nothing = false;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		all_or_nothing = true;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 0)
		return usage_error(usage, "trygg batch reads its commands from standard input and "
				   "takes no operand");
	int st = need_workspace(ctx);
	if (st)
		return st;
	struct batch b = { .dry_run = w.dry_run, .lock_timeout = w.lock_timeout };
	read_lines(&b, stdin);
	ctx->batch = &b;
	b.probing = true;
	run_lines(&b, ctx);
	open_files(&b, ctx, b.lock_timeout);
	b.probing = false;
	run_lines(&b, ctx);
	ctx->batch = NULL;
	ctx->noun = "batch";
	ctx->verb = NULL;
	st = write_files(&b, ctx, all_or_nothing);
	if (!b.dry_run)
		print_results(&b, all_or_nothing && st);
	for (size_t i = 0; i < b.nlines && st != TG_EDATA; i++)
		if (b.lines[i].bad)
			st = TG_EDATA;
	batch_free(&b);
	return st;
}
