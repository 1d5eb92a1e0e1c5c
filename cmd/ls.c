#include "cmd.h"
#include "index.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg ls measures|problems|followups [--district D]... [--phase N]\n"
	"                [--status S]... [--responsible R] [--strategic-area N]\n"
	"                [--term T] [--kind K] [--overdue[=DATE]] [--sort [-]KEY]\n"
	"                [--format text|json|csv|md] [--format-version 1] [--no-refresh]\n"
	"\n"
	"List measures, problems or follow-ups of every district, from the index\n"
	"(refreshed first).  Filters combine with AND; --district and --status\n"
	"may be repeated (either of them).  Text and md show the main columns,\n"
	"json and csv every column of the view (trygg-index(7)).\n"
	"\n"
	"  --district D         district D only (its name or file name, any case)\n"
	"  --strategic-area N   measures and problems in the programme's area N\n"
	"  --phase N            measures: phase 1, 2 or 3\n"
	"  --status S           measures: proposed, planned, ongoing, done, cancelled\n"
	"  --responsible R      measures: R among the responsible (any case)\n"
	"  --term T             measures: short, long, mobilisation\n"
	"  --kind K             measures: situational, social\n"
	"  --overdue[=DATE]     measures: due before DATE (default today), not done\n"
	"                       or cancelled\n"
	"  --sort [-]KEY        order by KEY (- for descending): district, id, and\n"
	"                       for measures phase, term, kind, status, due,\n"
	"                       responsible, text; for problems title, measures,\n"
	"                       open, overdue, followups; for follow-ups date\n"
	"  --format F           text (default), json, csv or md\n"
	"  --format-version 1   the JSON shape (the only one so far)\n"
	"  --no-refresh         use the index as it is\n";

/* The columns text and md show. */
static const char *const text_cols[][8] = {
	{ "district", "id", "phase", "status", "due", "responsible", "text", NULL },
	{ "district", "id", "title", "measures", "open", "overdue", NULL },
	{ "district", "id", "date", "measures", "done", "effect", NULL },
};

enum {
	OPT_DISTRICT = 0x300, OPT_PHASE, OPT_STATUS, OPT_RESPONSIBLE, OPT_AREA,
	OPT_TERM, OPT_KIND, OPT_OVERDUE, OPT_SORT,
};

static bool is_whole(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Options that only make sense for measures (or also problems). */
static int applies(const struct tg_ls *q, const char *option, bool problems_too)
{
	if (q->what == TG_LS_MEASURES || (problems_too && q->what == TG_LS_PROBLEMS))
		return 0;
	return usage_error(usage, "%s does not apply to %s (only to measures%s)", option,
			   tg_ls_names[q->what], problems_too ? " and problems" : "");
}

static int check_area(const struct tg_config *cfg, int area)
{
	for (size_t i = 0; i < cfg->n_areas; i++)
		if (cfg->areas[i].id == area)
			return 0;
	return usage_error(usage, "--strategic-area %d is not one of the programme's areas "
			   "in trygg.yaml", area);
}

int cmd_ls(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "district", required_argument, NULL, OPT_DISTRICT },
		{ "phase", required_argument, NULL, OPT_PHASE },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "responsible", required_argument, NULL, OPT_RESPONSIBLE },
		{ "strategic-area", required_argument, NULL, OPT_AREA },
		{ "term", required_argument, NULL, OPT_TERM },
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "overdue", optional_argument, NULL, OPT_OVERDUE },
		{ "sort", required_argument, NULL, OPT_SORT },
		READ_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct read_opts r;
	read_opts_init(&r);
	struct tg_ls q = { 0 };
	const char **districts = xcalloc((size_t)argc + 1, sizeof *districts);
	const char *phase = NULL, *area = NULL, *term = NULL, *kind = NULL;
	bool overdue = false, statuses = false;
	char date[11] = "";
	int status = 0, o, v;
	OPT_START();
	while (!status && (o = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (read_option(&r, o, optarg, usage, &status))
			continue;
		switch (o) {
		case OPT_DISTRICT:
			districts[q.n_districts++] = optarg;
			break;
		case OPT_PHASE:
			phase = optarg;
			if (!is_whole(optarg, 1, 3, &q.phase))
				status = usage_error(usage, "--phase must be 1, 2 or 3, not '%s'", optarg);
			break;
		case OPT_STATUS:
			statuses = true;
			if (!parse_enum(optarg, tg_status_names, &v))
				status = bad_value(usage, "--status", optarg, tg_status_names);
			else
				q.statuses |= 1u << v;
			break;
		case OPT_RESPONSIBLE:
			q.responsible = optarg;
			break;
		case OPT_AREA:
			area = optarg;
			if (!is_whole(optarg, 1, 1000, &q.strategic_area))
				status = usage_error(usage, "--strategic-area must be a number, not '%s'",
						     optarg);
			break;
		case OPT_TERM:
			term = optarg;
			if (!parse_enum(optarg, tg_term_names, &v))
				status = bad_value(usage, "--term", optarg, tg_term_names);
			else
				q.term = (enum tg_term)v;
			break;
		case OPT_KIND:
			kind = optarg;
			if (!parse_enum(optarg, tg_kind_names, &v))
				status = bad_value(usage, "--kind", optarg, tg_kind_names);
			else
				q.kind = (enum tg_mkind)v;
			break;
		case OPT_OVERDUE:
			overdue = true;
			if (optarg && !tg_is_date(optarg))
				status = usage_error(usage, "--overdue takes a date YYYY-MM-DD, not '%s'",
						     optarg);
			else if (optarg)
				snprintf(date, sizeof date, "%s", optarg);
			else
				today(date);
			break;
		case OPT_SORT:
			q.descending = optarg[0] == '-';
			q.sort = optarg + q.descending;
			break;
		case 'h':
			free(districts);
			return show_usage(usage);
		default:
			status = option_error(usage, o, argv);
		}
	}
	if (!status && optind >= argc)
		status = usage_error(usage, "ls needs what to list: measures, problems or followups");
	if (!status && argc - optind > 1)
		status = usage_error(usage, "ls lists one thing at a time, not '%s'", argv[optind + 1]);
	if (!status && !parse_enum(argv[optind], tg_ls_names, &v)) {
		const char *s = tg_suggest(argv[optind], tg_ls_names);
		status = usage_error(usage, "cannot list '%s'%s%s%s (measures, problems or followups)",
				     argv[optind], s ? " (did you mean '" : "", s ? s : "",
				     s ? "'?)" : "");
	}
	if (!status) {
		q.what = (enum tg_ls_what)v;
		if (phase)
			status = applies(&q, "--phase", false);
		if (!status && statuses)
			status = applies(&q, "--status", false);
		if (!status && q.responsible)
			status = applies(&q, "--responsible", false);
		if (!status && term)
			status = applies(&q, "--term", false);
		if (!status && kind)
			status = applies(&q, "--kind", false);
		if (!status && overdue)
			status = applies(&q, "--overdue", false);
		if (!status && area)
			status = applies(&q, "--strategic-area", true);
		if (!status && area && !(status = need_workspace(ctx)))
			status = check_area(ctx->cfg, q.strategic_area);
	}
	if (status) {
		free(districts);
		return status;
	}
	q.districts = districts;
	q.overdue = overdue ? date : NULL;
	struct tg_index *ix;
	status = open_index(ctx, r.no_refresh, &ix);
	if (ix) {
		int pst = show_ls(ctx, ix, &q, &r, text_cols[q.what]);
		if (pst)
			status = pst;
	}
	free(districts);
	return status;
}
