/* trygg indicator add|record: reads the options, calls lib/op-indicator.c
 * through write_plan, prints the new indicator's ID (add) or nothing
 * (record). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#define ADD_SYNOPSIS                                                                   \
	"trygg indicator add D --problem P --name T --unit share|count|index|rate\n"     \
	"                 --direction down|up [--baseline V@DATE] [--target V@DATE]\n"   \
	"                 [--source T] [WRITE OPTIONS]\n"
#define RECORD_SYNOPSIS \
	"trygg indicator record D ID VALUE [--date DATE] [--note T] [WRITE OPTIONS]\n"
#define ABOUT                                                                          \
	"\n"                                                                             \
	"add gives problem P of district D an indicator: how its goal is\n"              \
	"measured, which way is better, where it stands (--baseline) and where it\n"     \
	"should be (--target).  Prints its ID, P<n>.I<k>.  --unit also takes\n"          \
	"andel, antal, index, takt; --direction ner, upp.  record appends a\n"           \
	"reading of indicator ID, dated DATE (default today), and prints nothing.\n"     \
	"A value is 0,33, 0.33, 33 % (a share) or a count.  Both need a file of\n"       \
	"schema trygg/2 (trygg migrate moves a trygg/1 file).\n"

/* Each verb's --help shows its own synopsis (tests/t0090 reads it). */
static const char usage[] = "usage: " ADD_SYNOPSIS "       " RECORD_SYNOPSIS ABOUT;
static const char add_usage[] = "usage: " ADD_SYNOPSIS ABOUT;
static const char record_usage[] = "usage: " RECORD_SYNOPSIS ABOUT;

static enum tg_status do_add(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_op_indicator_add(e, arg, ids, d);
}

static enum tg_status do_record(struct tg_edit *e, void *arg, struct buf *ids,
				struct tg_diags *d)
{
	return tg_op_indicator_record(e, arg, ids, d);
}

static int indicator_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_PROBLEM = 0x300, OPT_NAME, OPT_UNIT, OPT_DIRECTION, OPT_BASELINE, OPT_TARGET,
	       OPT_SOURCE };
	static const struct opt opts[] = {
		OPT_STRING("problem", OPT_PROBLEM, "P", "the problem whose goal it measures"),
		OPT_STRING("name", OPT_NAME, "T", "what it measures"),
		OPT_STRING("unit", OPT_UNIT, "U", "share, count, index or rate"),
		OPT_STRING("direction", OPT_DIRECTION, "D", "down or up: which way is better"),
		OPT_STRING("baseline", OPT_BASELINE, "V@DATE", "where it stood, and when"),
		OPT_STRING("target", OPT_TARGET, "V@DATE", "where it should be, and by when"),
		OPT_STRING("source", OPT_SOURCE, "T", "where the numbers come from"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_op_indicator a = { 0 };
	int o, k;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, add_usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		const char *val = p.value;
		switch (o) {
		case OPT_PROBLEM: a.problem = val; break;
		case OPT_NAME: a.name = val; break;
		case OPT_SOURCE: a.source = val; break;
		case OPT_BASELINE: a.baseline = val; break;
		case OPT_TARGET: a.target = val; break;
		case OPT_UNIT:
			a.unit = typed_word("unit", val);
			if (!parse_enum(a.unit, tg_unit_names, &k))
				p.status = bad_value(add_usage, "--unit", val, tg_unit_names);
			break;
		case OPT_DIRECTION:
			a.direction = typed_word("direction", val);
			if (!parse_enum(a.direction, tg_direction_names, &k))
				p.status = bad_value(add_usage, "--direction", val, tg_direction_names);
			break;
		}
	}
	int status = p.status;
	if (!status && p.nargs != 1)
		status = usage_error(add_usage, "indicator add takes one district");
	else if (!status && !a.problem)
		status = usage_error(add_usage, "indicator add needs --problem");
	else if (!status && !a.name)
		status = usage_error(add_usage, "indicator add needs --name");
	else if (!status && !a.unit)
		status = usage_error(add_usage, "indicator add needs --unit");
	else if (!status && !a.direction)
		status = usage_error(add_usage, "indicator add needs --direction");
	if (!status)
		status = write_plan(ctx, p.args[0], &w, do_add, &a);
	return OPT_STATUS(status);
}

static int indicator_record(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_DATE = 0x300, OPT_NOTE };
	static const struct opt opts[] = {
		OPT_STRING("date", OPT_DATE, "DATE", "the day of the reading (default today)"),
		OPT_STRING("note", OPT_NOTE, "T", "a note on the reading"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_op_reading a = { 0 };
	char day[11];
	int o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, record_usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_DATE)
			a.date = p.value;
		else if (o == OPT_NOTE)
			a.note = p.value;
	}
	int status = p.status;
	if (!status && p.nargs != 3)
		status = usage_error(record_usage, "indicator record takes a district, an "
				     "indicator ID and a value");
	else if (!status && a.date && !tg_is_date(a.date))
		status = usage_error(record_usage, "--date is not a valid date: '%s' "
				     "(expected YYYY-MM-DD)", a.date);
	if (!status) {
		if (!a.date) {
			today(day);
			a.date = day;
		}
		a.indicator = p.args[1];
		a.value = p.args[2];
		status = write_plan(ctx, p.args[0], &w, do_record, &a);
	}
	return OPT_STATUS(status);
}

int cmd_indicator(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add", indicator_add, add_usage },
		{ "record", indicator_record, record_usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("indicator", verbs, usage, argc, argv, ctx);
}
