#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg report KIND [D|--all] [--format text|md|html|csv|json] [--lang sv|en]\n"
	"                    [--output FILE] [--as-of DATE] [--exit-code]\n"
	"\n"
	"KIND is plan, followup, situation, overview or overdue.  overview and\n"
	"overdue cover every district unless D is given.  Labels are in the\n"
	"workspace's language (trygg.yaml: language) unless --lang says otherwise;\n"
	"LANG is never consulted.\n"
	"\n"
	"  --output FILE   write the report to FILE atomically (temp file + rename)\n"
	"  --as-of DATE    the day the report is for (default today): what is overdue\n"
	"  --exit-code     with overdue: exit 1 when there is an overdue measure\n";

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
		files = tg_workspace_districts(ctx->ws, n);
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

int run_report(struct cmd_ctx *ctx, const char *district, const struct tg_report_opts *opts,
	       const char *output, bool exit_code)
{
	struct tg_report_opts o = *opts;
	o.color = !output && use_color();
	char day[11];
	if (!o.as_of) {
		today(day);
		o.as_of = day;
	}
	struct tg_plan **plans;
	size_t n;
	int status = load_plans(ctx, district, &plans, &n);
	struct buf out = BUF_INIT;
	struct tg_rows rows = { 0 };
	size_t found = 0;
	if (!status) {
		found = tg_report(&out, &rows, (const struct tg_plan *const *)plans, n, ctx->cfg, &o);
		if (o.format == TG_FMT_CSV || o.format == TG_FMT_JSON)
			rows_write(&out, &rows, o.format == TG_FMT_CSV);
	}
	if (!status && output) {
		struct tg_diags d = TG_DIAGS_INIT;
		struct tg_lock *lk;
		status = tg_lock_acquire(output, 10, &lk, &d);
		if (!status)
			status = tg_lock_commit(lk, out.s, out.len, &d);
		tg_lock_release(lk);
		print_diags(&d);
		tg_diags_release(&d);
	} else if (!status) {
		fwrite(out.s, 1, out.len, stdout);
	}
	if (!status && exit_code && found)
		status = TG_FINDINGS;
	buf_release(&out);
	tg_rows_release(&rows);
	for (size_t i = 0; i < n; i++)
		tg_plan_free(plans[i]);
	free(plans);
	return status;
}

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "as-of", required_argument, NULL, 'd' },
		{ "exit-code", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const langs[] = { "sv", "en", NULL };
	struct tg_report_opts o = { .format = TG_FMT_TEXT };
	const char *output = NULL, *lang = NULL;
	bool all = false, exit_code = false;
	int o_, k, status = 0;
	OPT_START();
	while ((o_ = next_option(argc, argv, ":h", opts, usage, NULL, &status)) != -1) {
		switch (o_) {
		case 'a': all = true; break;
		case 'f':
			if (!parse_enum(optarg, tg_format_names, &k))
				return bad_value(usage, "--format", optarg, tg_format_names);
			o.format = k;
			break;
		case 'l':
			if (!parse_enum(optarg, langs, &k))
				return bad_value(usage, "--lang", optarg, langs);
			lang = optarg;
			break;
		case 'o': output = optarg; break;
		case 'd':
			if (!tg_is_date(optarg))
				return usage_error(usage, "--as-of is not a valid date: '%s' (expected YYYY-MM-DD)", optarg);
			o.as_of = optarg;
			break;
		case 'x': exit_code = true; break;
		}
	}
	if (status)
		return OPT_STATUS(status);
	int rest = argc - optind;
	if (rest < 1)
		return usage_error(usage, "report needs a KIND");
	if (!parse_enum(argv[optind], tg_report_names, &k))
		return bad_value(usage, "KIND", argv[optind], tg_report_names);
	o.kind = k;
	const char *district = rest >= 2 ? argv[optind + 1] : NULL;
	bool city_kind = o.kind == TG_REPORT_OVERVIEW || o.kind == TG_REPORT_OVERDUE;
	if (rest > 2 || (district && all))
		return usage_error(usage, "report takes one district or --all");
	if (!district && !all && !city_kind)
		return usage_error(usage, "report %s needs a district or --all", argv[optind]);
	if (exit_code && o.kind != TG_REPORT_OVERDUE)
		return usage_error(usage, "--exit-code goes with report overdue");
	o.english = !strcmp(lang ? lang : ctx->cfg->language, "en");

	return run_report(ctx, district, &o, output, exit_code);
}
