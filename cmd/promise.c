/* promise: `trygg promise add|record`, the Police's and the district's
 * citizen promises (medborgarlöften) of a schema trygg/2 plan file.  The
 * rules are lib/op-promise.c's. */
#include "cmd.h"

#include <stdlib.h>

static const char usage[] =
	"usage: trygg promise add D --text T --from DATE --to DATE [--signatory S]...\n"
	"                     [--measure M]... [WRITE OPTIONS]\n"
	"       trygg promise record D L<n> --status met|partly|not_met [--date DATE]\n"
	"                     [--text T] [WRITE OPTIONS]\n"
	"\n"
	"Citizen promises (medborgarlöften) of district D, whose plan file must be\n"
	"of schema trygg/2 ('trygg migrate' moves a file of version 1).  add makes\n"
	"a promise valid from one date to another, signed by the signatories and\n"
	"kept through the plan's measures M, and prints its ID (L1, L2, …).\n"
	"record adds an outcome to promise L<n>: met, partly or not_met (also\n"
	"uppfyllt, delvis, ej uppfyllt), dated --date (default today); it prints\n"
	"nothing.\n";

static enum tg_status do_add(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_op_promise_add(e, arg, ids, d);
}

static int promise_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { O_TEXT = 0x300, O_FROM, O_TO, O_SIGNATORY, O_MEASURE };
	static const struct opt opts[] = {
		OPT_STRING("text", O_TEXT, "T", "the promise, as the residents read it"),
		OPT_STRING("from", O_FROM, "DATE", "the first day it holds, YYYY-MM-DD"),
		OPT_STRING("to", O_TO, "DATE", "the last day it holds, YYYY-MM-DD"),
		OPT_STRING("signatory", O_SIGNATORY, "S", "who signed it (may be repeated)"),
		OPT_STRING("measure", O_MEASURE, "M", "a measure of the plan that keeps it "
			   "(may be repeated)"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	const char **sig = xcalloc((size_t)argc + 1, sizeof *sig);
	const char **meas = xcalloc((size_t)argc + 1, sizeof *meas);
	struct tg_op_promise a = { 0 };
	int o, status = 0;
	size_t ns = 0, nm = 0;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	p.verb = "add";
	while ((o = opt_next(&p)) != -1) {
		switch (o) {
		case O_TEXT: a.text = p.value; break;
		case O_FROM: a.from = p.value; break;
		case O_TO: a.to = p.value; break;
		case O_SIGNATORY: sig[ns++] = p.value; break;
		case O_MEASURE: meas[nm++] = p.value; break;
		}
	}
	if (p.status)
		status = p.status;
	else if (p.nargs != 1)
		status = usage_error(usage, "promise add takes one district");
	else if (!a.text || !a.from || !a.to)
		status = usage_error(usage, "promise add needs --text, --from and --to");
	if (!status) {
		a.signatories = sig;
		a.n_signatories = ns;
		a.measures = meas;
		a.n_measures = nm;
		status = write_plan(ctx, p.args[0], &w, do_add, &a);
	}
	free(sig);
	free(meas);
	return OPT_STATUS(status);
}

static enum tg_status do_record(struct tg_edit *e, void *arg, struct buf *ids,
				struct tg_diags *d)
{
	return tg_op_promise_record(e, arg, ids, d);
}

static int promise_record(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { O_STATUS = 0x300, O_DATE, O_TEXT };
	static const struct opt opts[] = {
		OPT_STRING("status", O_STATUS, "S", "met, partly or not_met"),
		OPT_STRING("date", O_DATE, "DATE", "the day of the outcome (default today)"),
		OPT_STRING("text", O_TEXT, "T", "how it went, in a few words"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_op_outcome a = { 0 };
	const char *st = NULL;
	char day[11];
	int o, k = -1, status = 0;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	p.verb = "record";
	while ((o = opt_next(&p)) != -1) {
		switch (o) {
		case O_STATUS: st = p.value; break;
		case O_DATE: a.date = p.value; break;
		case O_TEXT: a.text = p.value; break;
		}
	}
	if (p.status)
		status = p.status;
	else if (p.nargs != 2)
		status = usage_error(usage, "promise record takes a district and a promise (L<n>)");
	else if (!st)
		status = usage_error(usage, "promise record needs --status");
	else if (!parse_value("outcome", st, tg_outcome_names, &k))
		status = bad_value(usage, "--status", st, tg_outcome_names);
	if (!status) {
		if (!a.date) {
			today(day);
			a.date = day;
		}
		a.promise = p.args[1];
		a.status = (enum tg_outcome)k;
		status = write_plan(ctx, p.args[0], &w, do_record, &a);
	}
	return OPT_STATUS(status);
}

int cmd_promise(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add", promise_add, usage },
		{ "record", promise_record, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("promise", verbs, usage, argc, argv, ctx);
}
