#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg followup record D --problem P [--measure M]... [--done TEXT]\n"
	"                [--effect TEXT] [--date DATE] [--indicator NAME=VALUE]...\n"
	"                [--status S] [WRITE OPTIONS]\n"
	"\n"
	"Append a follow-up to problem P of district D: what was done, what effect\n"
	"it had, and new readings of the problem's indicators.  Each named measure\n"
	"gets status done (or S).  --date defaults to today.  Prints the\n"
	"follow-up's ID, P.F<n> (its number among P's follow-ups).\n"
	"\n"
	"WRITE OPTIONS:\n"
	"  --dry-run             print the change as a unified diff, write nothing\n"
	"  --lock-timeout SECS   wait this long for another writer (default 10)\n";

struct followup_args {
	const char *problem;
	const char **measures;
	size_t n_measures;
	const char *status;
	struct tg_val *item;
	struct tg_val *readings;
};

static enum tg_status do_record(struct tg_edit *e, void *arg, struct buf *ids,
				struct tg_diags *d)
{
	struct followup_args *a = arg;
	const struct tg_plan *p = tg_edit_plan(e);
	struct tg_problem *pr = tg_plan_problem(p, a->problem);
	if (!pr)
		return no_such(d, p, "problem", a->problem);
	for (size_t i = 0; i < a->n_measures; i++) {
		struct tg_problem *owner;
		if (!tg_plan_measure(p, a->measures[i], &owner) || owner != pr) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "'%s' is not a measure of %s", a->measures[i], a->problem);
			return TG_EUSAGE;
		}
	}
	for (size_t i = 0; a->readings && i + 1 < a->readings->n; i += 2) {
		const char *name = a->readings->kids[i]->str;
		bool known = false;
		for (size_t q = 0; q < pr->n_indicators && !known; q++)
			known = pr->indicators[q].name && !strcmp(pr->indicators[q].name, name);
		if (!known) {
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "%s has no indicator '%s'", a->problem, name);
			return TG_EUSAGE;
		}
	}
	if (a->readings) {
		tg_val_put(a->item, "indicators", a->readings);
		a->readings = NULL;
	}
	size_t n = pr->n_followups + 1;
	struct tg_val *item = a->item;
	a->item = NULL;
	enum tg_status st = tg_edit_append(e, pr->node, "followups", item, d);
	for (size_t i = 0; i < a->n_measures && !st; i++) {
		struct tg_measure *m = tg_plan_measure(tg_edit_plan(e), a->measures[i], NULL);
		st = tg_edit_set(e, m->node, "status", tg_val_raw(a->status), d);
	}
	if (!st)
		buf_addf(ids, "%s.F%zu\n", a->problem, n);
	return st;
}

static int followup_record(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "problem", required_argument, NULL, 'p' },
		{ "measure", required_argument, NULL, 'm' },
		{ "done", required_argument, NULL, 'D' },
		{ "effect", required_argument, NULL, 'E' },
		{ "date", required_argument, NULL, 'd' },
		{ "indicator", required_argument, NULL, 'i' },
		{ "status", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		WRITE_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct write_opts w;
	write_opts_init(&w);
	struct followup_args a = { .status = "done" };
	const char *done = NULL, *effect = NULL, *date = NULL;
	char day[11];
	a.measures = xcalloc((size_t)argc + 1, sizeof *a.measures);
	int status = 0, o, k;
	OPT_START();
	while ((o = next_option(argc, argv, ":h", opts, usage, &w, &status)) != -1) {
		switch (o) {
		case 'p': a.problem = optarg; break;
		case 'm': a.measures[a.n_measures++] = optarg; break;
		case 'D': done = optarg; break;
		case 'E': effect = optarg; break;
		case 'd': date = optarg; break;
		case 's':
			a.status = optarg;
			if (!parse_enum(optarg, tg_status_names, &k))
				status = bad_value(usage, "--status", optarg, tg_status_names);
			break;
		case 'i': {
			char *eq = strrchr(optarg, '=');
			double v;
			if (!eq || eq == optarg || !tg_parse_decimal(eq + 1, &v)) {
				status = usage_error(usage, "--indicator takes NAME=NUMBER, not '%s'", optarg);
				break;
			}
			char *name = xstrndup(optarg, (size_t)(eq - optarg)), num[32];
			snprintf(num, sizeof num, "%g", v);
			if (!a.readings)
				a.readings = tg_val_map();
			tg_val_put(a.readings, name, tg_val_raw(num));
			free(name);
			break;
		}
		}
	}
	if (status)
		;
	else if (argc - optind != 1)
		status = usage_error(usage, "followup record takes one district");
	else if (!a.problem)
		status = usage_error(usage, "followup record needs --problem");
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
		status = write_plan(ctx, argv[optind], &w, do_record, &a);
	}
	tg_val_free(a.item);
	tg_val_free(a.readings);
	free(a.measures);
	return OPT_STATUS(status);
}

int cmd_followup(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "record", followup_record, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("followup", verbs, usage, argc, argv, ctx);
}
