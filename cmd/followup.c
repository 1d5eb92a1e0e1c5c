#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg followup record D --problem P [--measure M]... [--done TEXT]\n"
	"                [--effect TEXT] [--date DATE] [--indicator ID=VALUE]...\n"
	"                [--status S] [--added TEXT --phase N] [WRITE OPTIONS]\n"
	"\n"
	"Append a follow-up to problem P of district D: what was done, what effect\n"
	"it had, and new readings of the problem's indicators (by ID, P6.I1=0,33,\n"
	"or by name; a value as 0,33, 0.33, 33 % or a count).  Each named measure\n"
	"gets status done (or S).  --added also adds a measure done without having\n"
	"been proposed (origin followup), in phase N.  --date defaults to today.\n"
	"Prints the follow-up's ID, P<n>.F<k>, then the added measure's ID.\n";

static enum tg_status do_record(struct tg_edit *e, void *arg, struct buf *ids,
				struct tg_diags *d)
{
	return tg_op_followup_record(e, arg, ids, d);
}

static int followup_record(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_PROBLEM = 0x300, OPT_MEASURE, OPT_DONE, OPT_EFFECT, OPT_DATE, OPT_INDICATOR,
	       OPT_STATUS, OPT_ADDED, OPT_PHASE };
	static const struct opt opts[] = {
		OPT_STRING("problem", OPT_PROBLEM, "P", "the problem followed up"),
		OPT_STRING("measure", OPT_MEASURE, "M", "a measure carried out (may be repeated)"),
		OPT_STRING("done", OPT_DONE, "TEXT", "what was done"),
		OPT_STRING("effect", OPT_EFFECT, "TEXT", "the effect it had"),
		OPT_STRING("date", OPT_DATE, "DATE", "the day of the follow-up (default today)"),
		OPT_STRING("indicator", OPT_INDICATOR, "ID=VALUE", "a new reading of an indicator, "
			   "by ID or name (may be repeated)"),
		OPT_STRING("status", OPT_STATUS, "S", "the named measures' new status (default done)"),
		OPT_STRING("added", OPT_ADDED, "TEXT", "a measure done without having been proposed"),
		OPT_STRING("phase", OPT_PHASE, "N", "the added measure's phase: 1, 2 or 3"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_op_followup a = { .status = "done" };
	const char *done = NULL, *effect = NULL, *date = NULL;
	char day[11];
	a.measures = xcalloc((size_t)argc + 1, sizeof *a.measures);
	int status = 0, o, k;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		const char *val = p.value;
		switch (o) {
		case OPT_PROBLEM: a.problem = val; break;
		case OPT_MEASURE: a.measures[a.n_measures++] = val; break;
		case OPT_DONE: done = val; break;
		case OPT_EFFECT: effect = val; break;
		case OPT_DATE: date = val; break;
		case OPT_STATUS:
			a.status = typed_word("status", val);
			if (!parse_enum(a.status, tg_status_names, &k))
				p.status = bad_value(usage, "--status", val, tg_status_names);
			break;
		case OPT_ADDED: a.added = val; break;
		case OPT_PHASE: a.added_phase = val; break;
		case OPT_INDICATOR: {
			const char *eq = strrchr(val, '=');
			if (!eq || eq == val || !eq[1]) {
				p.status = usage_error(usage, "--indicator takes ID=VALUE, not '%s'",
						       val);
				break;
			}
			char *name = xstrndup(val, (size_t)(eq - val));
			if (!a.readings)
				a.readings = tg_val_map();
			tg_val_put(a.readings, name, tg_val_text(eq + 1));
			free(name);
			break;
		}
		}
	}
	if (p.status)
		status = p.status;
	else if (p.nargs != 1)
		status = usage_error(usage, "followup record takes one district");
	else if (!a.problem)
		status = usage_error(usage, "followup record needs --problem");
	else if (a.added_phase && !a.added)
		status = usage_error(usage, "--phase is the phase of the measure --added names");
	else if (a.added && !a.added_phase)
		status = usage_error(usage, "--added needs --phase (1, 2 or 3)");
	else if (date && !tg_is_date(date))
		status = usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)", date);
	if (!status) {
		if (!date) {
			today(day);
			date = day;
		}
		a.item = tg_val_put(tg_val_map(), "date", tg_val_raw(date));
		if (a.n_measures) {
			struct tg_val *l = tg_val_list();
			for (size_t i = 0; i < a.n_measures; i++)
				tg_val_push(l, tg_val_raw(a.measures[i]));
			tg_val_put(a.item, "measures", l);
		}
		if (done)
			tg_val_put(a.item, "done", tg_val_text(done));
		if (effect)
			tg_val_put(a.item, "effect", tg_val_text(effect));
		status = write_plan(ctx, p.args[0], &w, do_record, &a);
	}
	tg_val_free(a.item);
	tg_val_free(a.readings);
	free(a.measures);
	return OPT_STATUS(status);
}

/* ---- set and rm: plan set's operation on a follow-up's ID ----------- */

static const char usage_change[] =
	"usage: trygg followup set D P.F<n> KEY=VALUE|KEY+=VALUE|KEY-=VALUE|KEY=...\n"
	"                [WRITE OPTIONS]\n"
	"       trygg followup rm D P.F<n> [WRITE OPTIONS]\n"
	"\n"
	"Change or remove follow-up P.F<n> of district D, and print its ID.  KEY is\n"
	"date, by, measures (a list: KEY=a, b sets it, KEY+=M adds M, KEY-=M takes\n"
	"it out), done or effect; KEY= removes an optional key.  In a trygg/2 file\n"
	"the other follow-ups keep their IDs.\n";

int set_item(int argc, char **argv, struct cmd_ctx *ctx, const char *usage, char kind);

static int followup_set(int argc, char **argv, struct cmd_ctx *ctx)
{
	return set_item(argc, argv, ctx, usage_change, 'F');
}

static enum tg_status do_rm(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_op_rm(e, arg, ids, d);
}

static int followup_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = { WRITE_OPTS, OPT_END };
	struct write_opts w;
	write_opts_init(&w);
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage_change);
	p.w = &w;
	while (opt_next(&p) != -1)
		;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 2)
		return usage_error(usage_change, "followup rm takes D and ID");
	struct tg_op_rm a = { p.args[1], false, 'F' };
	return write_plan(ctx, p.args[0], &w, do_rm, &a);
}

int cmd_followup(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "record", followup_record, usage },
		{ "set", followup_set, usage_change },
		{ "rm", followup_rm, usage_change },
		{ NULL, NULL, NULL },
	};
	return run_verb("followup", verbs, usage, argc, argv, ctx);
}
