#include "cmd.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg ls measures|problems|followups|indicators|promises [--district D]...\n"
	"                [--phase N] [--status S]... [--responsible R]\n"
	"                [--strategic-area N] [--area A] [--initiative N] [--term T]\n"
	"                [--kind K] [--overdue[=DATE]] [--off-track] [--outcome S]...\n"
	"                [--active[=DATE]] [--sort [-]KEY]\n"
	"                [--format text|json|csv|md] [--format-version 1] [--no-refresh]\n"
	"\n"
	"List measures, problems, follow-ups, indicators or citizen promises of\n"
	"every district, from the index (refreshed first).  Filters combine with\n"
	"AND; --district, --status and --outcome may be repeated (either of them).\n"
	"Text and md show the main columns, json and csv every column of the view\n"
	"(trygg-index(7)).\n";

/* The columns text and md show. */
static const char *const text_cols[][8] = {
	{ "district", "id", "phase", "status", "due", "responsible", "text", NULL },
	{ "district", "id", "title", "measures", "open", "overdue", NULL },
	{ "district", "id", "date", "measures", "done", "effect", NULL },
	{ "district", "problem", "id", "name", "latest", "target", "verdict", NULL },
	{ "district", "id", "from", "to", "outcome", "text", NULL },
};

enum {
	OPT_DISTRICT = 0x300, OPT_PHASE, OPT_STATUS, OPT_RESPONSIBLE, OPT_AREA,
	OPT_TERM, OPT_KIND, OPT_OVERDUE, OPT_SORT, OPT_LAREA, OPT_INITIATIVE, OPT_OFF_TRACK,
	OPT_OUTCOME, OPT_ACTIVE,
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
	if (tg_config_has_area(cfg, area))
		return 0;
	return usage_error(usage, "--strategic-area %d is not one of the programme's areas "
			   "in trygg.yaml", area);
}

static int check_initiative(const struct tg_config *cfg, int id)
{
	if (tg_config_has_initiative(cfg, id))
		return 0;
	return usage_error(usage, "--initiative %d is not one of the Police's initiatives "
			   "in trygg.yaml", id);
}

int cmd_ls(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_STRING("district", OPT_DISTRICT, "D", "district D only (its name or file name, "
			   "any case)"),
		OPT_STRING("strategic-area", OPT_AREA, "N", "measures and problems in the "
			   "programme's area N"),
		OPT_STRING("area", OPT_LAREA, "A", "measures and problems in the local area A "
			   "(a measure without areas of its own: its problem's; any case)"),
		OPT_STRING("initiative", OPT_INITIATIVE, "N", "measures and problems under the "
			   "Police's initiative N (a measure without its own: its problem's)"),
		OPT_STRING("phase", OPT_PHASE, "N", "measures: phase 1, 2 or 3"),
		OPT_STRING("status", OPT_STATUS, "S", "measures: proposed, planned, ongoing, done, "
			   "cancelled"),
		OPT_STRING("responsible", OPT_RESPONSIBLE, "R", "measures: R among the responsible "
			   "(any case)"),
		OPT_STRING("term", OPT_TERM, "T", "measures: short, long, mobilisation"),
		OPT_STRING("kind", OPT_KIND, "K", "measures: situational, social"),
		OPT_OPTIONAL("overdue", OPT_OVERDUE, "DATE", "measures: due before DATE (default "
			     "today), not done or cancelled"),
		OPT_BOOL("off-track", OPT_OFF_TRACK, "indicators: off track or not met today "
			 "(trygg-plan(5)); promises: outcome partly or not_met today"),
		OPT_STRING("outcome", OPT_OUTCOME, "S", "promises: their outcome today, met, "
			   "partly or not_met"),
		OPT_OPTIONAL("active", OPT_ACTIVE, "DATE", "promises: in force on DATE (default "
			     "today)"),
		OPT_STRING("sort", OPT_SORT, "[-]KEY", "order by KEY (- for descending): district, "
			   "id, and for measures phase, term, kind, status, due, responsible, text; "
			   "for problems title, measures, open, overdue, followups; for follow-ups "
			   "date; for indicators name, verdict; for promises from, to, outcome"),
		READ_OPTS,
		OPT_END,
	};
	struct read_opts r;
	read_opts_init(&r);
	struct tg_ls q = { 0 };
	const char **districts = xcalloc((size_t)argc + 1, sizeof *districts);
	const char *phase = NULL, *area = NULL, *term = NULL, *kind = NULL, *init = NULL;
	bool overdue = false, statuses = false;
	char date[11] = "", active[11] = "";
	int status = 0, o, v;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.r = &r;
	p.check_text = false;
	while (!status && (o = opt_next(&p)) != -1) {
		const char *val = p.value;
		switch (o) {
		case OPT_DISTRICT:
			districts[q.n_districts++] = val;
			break;
		case OPT_PHASE:
			phase = val;
			if (!is_whole(val, 1, 3, &q.phase))
				status = usage_error(usage, "--phase must be 1, 2 or 3, not '%s'", val);
			break;
		case OPT_STATUS:
			statuses = true;
			if (!parse_value("status", val, tg_status_names, &v))
				status = bad_value(usage, "--status", val, tg_status_names);
			else
				q.statuses |= 1u << v;
			break;
		case OPT_RESPONSIBLE:
			q.responsible = val;
			break;
		case OPT_AREA:
			area = val;
			if (!is_whole(val, 1, 1000, &q.strategic_area))
				status = usage_error(usage, "--strategic-area must be a number, not '%s'",
						     val);
			break;
		case OPT_TERM:
			term = val;
			if (!parse_value("term", val, tg_term_names, &v))
				status = bad_value(usage, "--term", val, tg_term_names);
			else
				q.term = (enum tg_term)v;
			break;
		case OPT_KIND:
			kind = val;
			if (!parse_value("kind", val, tg_kind_names, &v))
				status = bad_value(usage, "--kind", val, tg_kind_names);
			else
				q.kind = (enum tg_mkind)v;
			break;
		case OPT_OVERDUE:
			overdue = true;
			if (val && !tg_is_date(val))
				status = usage_error(usage, "--overdue takes a date YYYY-MM-DD, not '%s'",
						     val);
			else if (val)
				snprintf(date, sizeof date, "%s", val);
			else
				today(date);
			break;
		case OPT_LAREA:
			q.area = val;
			break;
		case OPT_INITIATIVE:
			init = val;
			if (!is_whole(val, 1, 1000000, &q.initiative))
				status = usage_error(usage, "--initiative must be a number, not '%s'",
						     val);
			break;
		case OPT_OFF_TRACK:
			q.off_track = true;
			break;
		case OPT_OUTCOME:
			if (!parse_value("outcome", val, tg_outcome_names, &v))
				status = bad_value(usage, "--outcome", val, tg_outcome_names);
			else
				q.outcomes |= 1u << v;
			break;
		case OPT_ACTIVE:
			if (val && !tg_is_date(val))
				status = usage_error(usage, "--active takes a date YYYY-MM-DD, not '%s'",
						     val);
			else if (val)
				snprintf(active, sizeof active, "%s", val);
			else
				today(active);
			q.active = active;
			break;
		case OPT_SORT:
			q.descending = val[0] == '-';
			q.sort = val + q.descending;
			break;
		}
	}
	if (!status)
		status = p.status;
	if (!status && !p.nargs)
		status = usage_error(usage, "ls needs what to list: measures, problems, followups, "
				     "indicators or promises");
	if (!status && p.nargs > 1)
		status = usage_error(usage, "ls lists one thing at a time, not '%s'", p.args[1]);
	if (!status && !parse_enum(p.args[0], tg_ls_names, &v)) {
		struct buf hint = BUF_INIT;
		status = usage_error(usage, "cannot list '%s'%s (measures, problems, followups, "
				     "indicators or promises)",
				     p.args[0], did_you_mean(&hint, p.args[0], tg_ls_names));
		buf_release(&hint);
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
		if (!status && q.area)
			status = applies(&q, "--area", true);
		if (!status && init)
			status = applies(&q, "--initiative", true);
		if (!status && q.off_track && q.what != TG_LS_INDICATORS && q.what != TG_LS_PROMISES)
			status = usage_error(usage, "--off-track applies to indicators and promises "
					     "only");
		if (!status && (q.outcomes || q.active) && q.what != TG_LS_PROMISES)
			status = usage_error(usage, "%s applies to promises only",
					     q.outcomes ? "--outcome" : "--active");
		if (!status && area && !(status = need_workspace(ctx)))
			status = check_area(ctx->cfg, q.strategic_area);
		if (!status && init && !(status = need_workspace(ctx)))
			status = check_initiative(ctx->cfg, q.initiative);
	}
	if (status) {
		free(districts);
		return OPT_STATUS(status);
	}
	q.districts = districts;
	q.overdue = overdue ? date : NULL;
	struct tg_index *ix;
	status = open_index(ctx, r.no_refresh, &ix);
	if (ix) {
		char kind[32];
		snprintf(kind, sizeof kind, "ls-%s", tg_ls_names[q.what]);
		int pst = show_ls(ctx, ix, &q, &r, kind, text_cols[q.what]);
		if (pst)
			status = pst;
	}
	free(districts);
	return status;
}
