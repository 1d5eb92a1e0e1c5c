#include "cmd.h"
#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: trygg report KIND [D|--all] [--format text|md|html|csv|json] [--format-version 1]\n"
	"                    [--lang sv|en] [--output FILE [--lock-timeout SECS]] [--as-of DATE]\n"
	"                    [--exit-code] [--no-refresh] [--color[=auto|always|never]]\n"
	"   or: trygg report site --output DIR [--as-of DATE] [--lang sv|en] [--no-refresh]\n"
	"\n"
	"KIND is plan, followup, situation, indicators, promises, overview or\n"
	"overdue.  overview and overdue cover every district unless D is given.\n"
	"report site writes every report as a static site into the folder DIR\n"
	"(index.html: the overview; a page per district), replacing what DIR held\n"
	"at once.  Labels are in the workspace's language (trygg.yaml: language)\n"
	"unless --lang says otherwise; LANG is never consulted.  plan, followup,\n"
	"situation, indicators and promises read the plan files; overview and\n"
	"overdue read the index (trygg-index(7)), brought up to date first; site\n"
	"both.\n";

/* Load the plans a report covers: one district, or all. */
static int load_plans(struct cmd_ctx *ctx, const char *district, struct tg_plan ***out, size_t *n)
{
	struct tg_diags d = TG_DIAGS_INIT;
	char **files;
	int status = 0;
	if (district) {
		char *path = tg_workspace_district_path(ctx->ws, district, &d);
		files = xcalloc(2, sizeof *files);
		files[0] = path;
		*n = path ? 1 : 0;
		if (!path)
			status = TG_ENOINPUT;
	} else {
		status = tg_workspace_list(ctx->ws, &files, n, &d);
	}
	struct tg_plan **plans = xcalloc(*n + 1, sizeof *plans);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct tg_plan *p;
		enum tg_status st = tg_plan_load(files[i], ctx->cfg, &p, &d);
		if (st)
			status = st;
		else
			plans[k++] = p;
		free(files[i]);
	}
	free(files);
	/* warnings belong to check; a report shows only what stops it */
	tg_diags_keep_errors(&d);
	print_diags(&d);
	tg_diags_release(&d);
	*out = plans;
	*n = k;
	return status;
}

/* Write out to output when it is no regular file (a device such as
 * /dev/null, a named pipe): there is nothing to replace atomically, and a
 * rename would put a file in the device's place. */
static int write_through(const struct buf *out, const char *output)
{
	int fd = open(output, O_WRONLY | O_CLOEXEC);
	size_t off = 0;
	while (fd >= 0 && off < out->len) {
		ssize_t w = write(fd, out->s + off, out->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (fd >= 0 && off == out->len && close(fd) == 0)
		return 0;
	int err = errno;
	if (fd >= 0)
		close(fd);
	error("%s: cannot write: %s", output, strerror(err));
	return fd < 0 && (err == EACCES || err == EPERM || err == EROFS) ? TG_ECREAT : TG_EIO;
}

/* Write out to stdout, or atomically to output. */
static int emit(const struct buf *out, const char *output, double lock_timeout)
{
	if (!output) {
		fwrite(out->s, 1, out->len, stdout);
		return 0;
	}
	struct stat st;
	if (stat(output, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_through(out, output);
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_lock *lk;
	int status = tg_lock_acquire(output, lock_timeout, &lk, &d);
	if (!status)
		status = tg_lock_commit(lk, out->s, out->len, &d);
	tg_lock_release(lk);
	print_diags(&d);
	tg_diags_release(&d);
	return status;
}

/* Is the index's row of the plan file file (relative to the workspace)
 * flagged stale: the file failed to load, its old rows are kept? */
static bool file_stale(struct tg_index *ix, const char *file)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_cursor *c = NULL;
	char *param = xasprintf("file=%s", file);
	bool row = false, stale = true;
	if (!tg_index_query(ix, "SELECT stale FROM files WHERE path = :file",
			    (const char *const *)&param, 1, &c, &d) &&
	    !tg_cursor_step(c, &row, &d) && row)
		stale = tg_cursor_num(c, 0) != 0;
	tg_cursor_free(c);
	tg_diags_release(&d);
	free(param);
	return stale;
}

int run_report(struct cmd_ctx *ctx, const char *district, const struct tg_report_opts *opts,
	       const char *output, double lock_timeout, bool exit_code, bool no_refresh)
{
	struct tg_report_opts o = *opts;
	o.color = !output && use_color();
	char day[11];
	if (!o.as_of) {
		today(day);
		o.as_of = day;
	}
	struct tg_report_input in = { 0 };
	struct tg_plan **plans = NULL;
	struct tg_index *ix = NULL;
	char *path = NULL;
	size_t n = 0;
	int status = 0;
	if (o.kind == TG_REPORT_OVERVIEW || o.kind == TG_REPORT_OVERDUE) {
		/* city-wide reports read the index: a query, not 3,000 parses */
		if (district) {
			struct tg_diags d = TG_DIAGS_INIT;
			path = tg_workspace_district_path(ctx->ws, district, &d);
			print_diags(&d);
			tg_diags_release(&d);
			status = path ? 0 : TG_ENOINPUT;
			in.file = path ? path + strlen(ctx->ws->root) + 1 : NULL;
		}
		if (!status)
			status = open_index(ctx, no_refresh, &ix);
		in.ix = ix;
	} else {
		status = load_plans(ctx, district, &plans, &n);
		in.plans = (const struct tg_plan *const *)plans;
		in.n = n;
	}
	/* a plan file that failed to load: the index keeps its old rows, the
	 * report is made from them, and the exit status says so, when the
	 * report covers that file */
	int stale = status == TG_EDATA && ix ? status : 0;
	if (stale)
		status = 0;
	if (stale && in.file && !file_stale(ix, in.file))
		stale = 0;
	struct buf out = BUF_INIT;
	size_t found = 0;
	if (!status) {
		struct tg_diags d = TG_DIAGS_INIT;
		status = tg_report(&out, &in, ctx->cfg, &o, &found, &d);
		print_diags(&d);
		tg_diags_release(&d);
	}
	if (!status)
		status = emit(&out, output, lock_timeout);
	if (!status && stale)
		status = stale;
	else if (!status && exit_code && found)
		status = TG_FINDINGS;
	buf_release(&out);
	for (size_t i = 0; i < n; i++)
		tg_plan_free(plans[i]);
	free(plans);
	tg_index_free(ix);
	free(path);
	return status;
}

/* trygg report site: the site from the plan files and the index. */
static int run_site(struct cmd_ctx *ctx, const struct tg_report_opts *opts, const char *dir,
		    bool no_refresh)
{
	struct tg_report_opts o = *opts;
	char day[11];
	if (!o.as_of) {
		today(day);
		o.as_of = day;
	}
	struct tg_index *ix = NULL;
	/* a plan file that fails to load (its errors printed here): the site
	 * is written all the same, its district marked on the index page and
	 * without a page of its own, and the exit status says so (65) */
	int status = open_index(ctx, no_refresh, &ix);
	if (status == TG_EDATA && ix) {
		o.loads_told = true;
		status = 0;
	}
	if (!status) {
		struct tg_diags d = TG_DIAGS_INIT;
		status = tg_report_site(ctx->ws, ctx->cfg, ix, dir, &o, &d);
		print_diags(&d);
		tg_diags_release(&d);
	}
	tg_index_free(ix);
	return status;
}

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_ALL = 0x300, OPT_LANG, OPT_OUTPUT, OPT_AS_OF, OPT_EXIT_CODE, OPT_REFRESH,
	       OPT_COLOR };
	static const struct opt opts[] = {
		OPT_BOOL("all", OPT_ALL, "every district"),
		OPT_STRING("format", OPT_FORMAT, "F", "text (default), md, html, csv or json"),
		OPT_STRING("format-version", OPT_FORMAT_VERSION, "1", "the JSON contract's version "
			   "(the only one so far)"),
		OPT_STRING("lang", OPT_LANG, "L", "the labels' language: sv or en"),
		OPT_FILENAME("output", OPT_OUTPUT, "FILE", "write the report to FILE atomically (temp "
			     "file + rename); with site, the folder DIR: empty, missing or a site"),
		{ "lock-timeout", OPT_LOCK_TIMEOUT, OPT_VALUE, "SECS", "wait this long for another "
		  "writer of FILE (default 10)", 0, NULL },
		OPT_STRING("as-of", OPT_AS_OF, "DATE", "the day the report is for (default today): "
			   "what is overdue"),
		OPT_BOOL("exit-code", OPT_EXIT_CODE, "with overdue: exit 1 when there is an overdue "
			 "measure"),
		OPT_BOOL("no-refresh", OPT_REFRESH, "overview, overdue, site: read the index as it is"),
		OPT_OPTIONAL("color", OPT_COLOR, "WHEN", "colour the text output: auto (a terminal, "
			     "the default), always (--color alone) or never; also before the command"),
		OPT_END,
	};
	static const char *const langs[] = { "sv", "en", NULL };
	struct tg_report_opts o = { .format = TG_FMT_TEXT };
	const char *output = NULL;
	bool all = false, exit_code = false, no_refresh = false, format_given = false;
	struct write_opts w;
	write_opts_init(&w);
	int o_, k, status;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o_ = opt_next(&p)) != -1) {
		const char *val = p.value;
		switch (o_) {
		case OPT_ALL: all = true; break;
		case OPT_FORMAT:
			if (!parse_enum(val, tg_format_names, &k))
				return bad_value(usage, "--format", val, tg_format_names);
			o.format = k;
			format_given = true;
			break;
		case OPT_FORMAT_VERSION:
			if ((status = check_format_version(usage, val)))
				return status;
			break;
		case OPT_LANG:
			if (!parse_enum(val, langs, &k))
				return bad_value(usage, "--lang", val, langs);
			break;   /* the parser set the language */
		case OPT_OUTPUT: output = val; break;
		case OPT_AS_OF:
			if (!tg_is_date(val))
				return usage_error(usage, "--as-of is not a valid date: '%s' (expected YYYY-MM-DD)", val);
			o.as_of = val;
			break;
		case OPT_EXIT_CODE: exit_code = true; break;
		case OPT_REFRESH: no_refresh = true; break;
		case OPT_COLOR:
			if (!set_color(val))
				return TG_EUSAGE;
			break;
		}
	}
	if (p.status)
		return OPT_STATUS(p.status);
	int rest = p.nargs;
	if (rest < 1)
		return usage_error(usage, "report needs a KIND");
	if (!parse_enum(p.args[0], tg_report_names, &k))
		return bad_value(usage, "KIND", p.args[0], tg_report_names);
	o.kind = k;
	if (o.kind == TG_REPORT_SITE) {
		if (rest > 1 || all)
			return usage_error(usage, "report site covers every district: no D or --all");
		if (!output)
			return usage_error(usage, "report site needs --output DIR");
		if (format_given && o.format != TG_FMT_HTML)
			return usage_error(usage, "report site is HTML: --format %s does not go with it",
					   tg_format_names[o.format]);
		if (exit_code || w.lock_timeout_given)
			return usage_error(usage, "%s does not go with report site",
					   exit_code ? "--exit-code" : "--lock-timeout");
		if ((status = need_workspace(ctx)))
			return status;
		o.english = lang_english();
		return run_site(ctx, &o, output, no_refresh);
	}
	const char *district = rest >= 2 ? p.args[1] : NULL;
	bool city_kind = o.kind == TG_REPORT_OVERVIEW || o.kind == TG_REPORT_OVERDUE;
	if (rest > 2 || (district && all))
		return usage_error(usage, "report takes one district or --all");
	if (!district && !all && !city_kind)
		return usage_error(usage, "report %s needs a district or --all", p.args[0]);
	if (exit_code && o.kind != TG_REPORT_OVERDUE)
		return usage_error(usage, "--exit-code goes with report overdue");
	if (w.lock_timeout_given && !output)
		return usage_error(usage, "--lock-timeout goes with --output");
	if ((status = need_workspace(ctx)))
		return status;
	o.english = lang_english();

	return run_report(ctx, district, &o, output, w.lock_timeout, exit_code, no_refresh);
}
