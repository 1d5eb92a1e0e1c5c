/* write: the path every write command takes — find the district, lock,
 * read, edit, verify, then print a diff (--dry-run) or replace the file,
 * and print the IDs the edit names. */
#include "cmd.h"
#include "schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool write_option(struct write_opts *w, int o, const char *arg, const char *usage,
		  int *status)
{
	if (o == OPT_DRY_RUN) {
		w->dry_run = true;
		return true;
	}
	if (o == OPT_LOCK_TIMEOUT) {
		double t;
		if (!parse_seconds(arg, 86400, &t))
			*status = usage_error(usage, "--lock-timeout takes seconds from 0 to 86400, "
					      "not '%s' (plain decimals: 10, 0.5)", arg);
		else
			w->lock_timeout = t;
		w->lock_timeout_given = true;
		return true;
	}
	return false;
}

void write_opts_init(struct write_opts *w)
{
	w->dry_run = false;
	w->lock_timeout = 10;
	w->lock_timeout_given = false;
}

int print_after_write(const char *path, const char *out, size_t len)
{
	errno = 0;
	fwrite(out, 1, len, stdout);
	if (!path)
		return 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	error("%s was written, but its output could not be printed (cannot write to standard "
	      "output%s%s); do not run the command again", display_path(path),
	      errno ? ": " : "", errno ? strerror(errno) : "");
	stdout_failure_told = true;
	return TG_EIO;
}

char *commit_message(const struct cmd_ctx *ctx, const char *district,
			    const struct buf *ids)
{
	struct buf m = BUF_INIT;
	buf_addf(&m, "%s%s%s %s", ctx->noun ? ctx->noun : "trygg", ctx->verb ? " " : "",
		 ctx->verb ? ctx->verb : "", district ? district : "");
	for (const char *p = ids ? ids->s : ""; *p;) {
		size_t n = strcspn(p, "\n");
		if (n)
			buf_addf(&m, " %.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	return buf_detach(&m);
}

int write_plan(struct cmd_ctx *ctx, const char *district, const struct write_opts *w,
	       edit_fn *fn, void *arg)
{
	int wst = need_workspace(ctx);
	if (wst)
		return wst;
	if (ctx->batch)
		return batch_write(ctx, district, w, fn, arg);
	struct tg_diags d = TG_DIAGS_INIT;
	struct buf before = BUF_INIT, ids = BUF_INIT, diff = BUF_INIT;
	struct tg_lock *lk = NULL;
	struct tg_edit *e = NULL;
	bool written = false;
	enum tg_status committed = TG_OK;
	char *path = tg_workspace_district_path(ctx->ws, district, &d);
	enum tg_status st = path ? TG_OK : TG_ENOINPUT;
	if (!st && !w->dry_run)
		st = tg_lock_acquire(path, w->lock_timeout, &lk, &d);
	if (!st)
		st = lk ? tg_lock_read(lk, &before, &d) : tg_read_file(path, TG_MAX_FILE, &before, &d);
	if (!st)
		st = tg_edit_open(path, before.s, before.len, ctx->cfg, &e, &d);
	if (!w->dry_run)
		buf_release(&before);   /* the edit holds the text: one copy less */
	if (!st)
		st = fn(e, arg, &ids, &d);
	if (!st)
		st = tg_edit_flush(e, &d);
	size_t len = 0;
	const char *after = st ? NULL : tg_edit_text(e, &len);
	if (!st && w->dry_run) {
		const char *shown = display_path(path);
		char *a = xasprintf("a/%s", shown), *b = xasprintf("b/%s", shown);
		tg_diff(&diff, a, before.s, before.len, b, after, len);
		fwrite(diff.s, 1, diff.len, stdout);
		free(a);
		free(b);
	} else if (!st && tg_edit_changed(e)) {
		struct tg_autocommit *ac = NULL;
		if (ctx->cfg->autocommit)
			st = tg_autocommit_begin(ctx->ws->root, path, w->lock_timeout, &ac, &d);
		if (!st)
			st = tg_lock_commit(lk, after, len, &d);
		written = !st;
		if (!st && ac) {
			char *msg = commit_message(ctx, tg_edit_plan(e)->district, &ids);
			committed = tg_autocommit_commit(ac, msg, &d);
			free(msg);
		}
		tg_autocommit_free(ac);
	}
	tg_lock_release(lk);
	print_diags(&d);
	if (!st && !w->dry_run)
		st = print_after_write(written ? path : NULL, ids.s, ids.len);
	if (!st)
		st = committed;
	tg_edit_free(e);
	tg_diags_release(&d);
	buf_release(&before);
	buf_release(&ids);
	buf_release(&diff);
	free(path);
	return st;
}

int each_district(struct cmd_ctx *ctx, district_fn *each, void *arg)
{
	size_t n;
	char **files;
	struct tg_diags ld = TG_DIAGS_INIT;
	int status = tg_workspace_list(ctx->ws, &files, &n, &ld);
	print_diags(&ld);
	tg_diags_release(&ld);
	for (size_t i = 0; i < n; i++) {
		char *stem = xstrdup(strrchr(files[i], '/') + 1);
		stem[strlen(stem) - 5] = '\0';
		int st = each(ctx, stem, arg);
		if (st && !status)
			status = st;
		free(stem);
		free(files[i]);
	}
	free(files);
	return status;
}

void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool parse_enum(const char *s, const char *const *names, int *out)
{
	for (int i = 0; names[i]; i++)
		if (names[i][0] && !strcmp(s, names[i])) {
			*out = i;
			return true;
		}
	return false;
}

const char *typed_word(const char *what, const char *s)
{
	const char *v = tg_schema_value(what, s);
	return v ? v : s;
}

bool parse_value(const char *what, const char *s, const char *const *names, int *out)
{
	return parse_enum(typed_word(what, s), names, out);
}

char *enum_list(const char *const *names)
{
	struct buf b = BUF_INIT;
	tg_names_join(&b, names);
	return buf_detach(&b);
}

int bad_value(const char *usage, const char *option, const char *value,
	      const char *const *names)
{
	char *list = enum_list(names);
	int st = usage_error(usage, "%s has a bad value '%s' (expected one of: %s)", option,
			     value, list);
	free(list);
	return st;
}
