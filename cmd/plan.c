#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg plan add-problem D --title T [--id P<n>] [--situation S<n>] [--cause C]...\n"
	"                  [--goal G] [--subgoal S]... [--strategic-area N]... [WRITE OPTIONS]\n"
	"       trygg plan add-measure D --problem P --text T --phase 1|2|3 [--id P<n>.M<k>]\n"
	"                  [--term short|long|mobilisation] [--kind situational|social]\n"
	"                  [--responsible R]... [--due DATE] [--status S] [--strategic-area N]...\n"
	"                  [--date DATE] [WRITE OPTIONS]\n"
	"       trygg plan set D ID KEY=VALUE|KEY+=VALUE|KEY-=VALUE|KEY=... [--date DATE]\n"
	"                  [WRITE OPTIONS]\n"
	"       trygg plan rm D ID [--force] [WRITE OPTIONS]\n"
	"       trygg plan import D FILE.csv [--encoding ENC] [WRITE OPTIONS]\n"
	"\n"
	"Change district D's action plan.  Each command prints the ID it made or\n"
	"changed, alone on its line.  plan set changes a problem (P6), measure\n"
	"(P6.M3), indicator (P6.I1), follow-up (P6.F1), joint situation item (S2)\n"
	"or promise (L1); KEY is a key of it in trygg-plan(5).  For a list key,\n"
	"KEY=a, b sets the list (split at \", \"), KEY+=VALUE appends VALUE and\n"
	"KEY-=VALUE removes it, taken whole; KEY= removes an optional key.  --date\n"
	"dates a status change, or a new measure, in the measure's history\n"
	"(default today).\n";

/* Fields gathered from options, one list per repeatable option. */
struct item_args {
	const char *district;
	const char *problem, *id, *date;
	struct tg_val *map;          /* the new item, in key order */
	struct tg_val *lists[4];     /* causes/responsible, subgoals, strategic areas */
};

static int add_list_item(struct tg_val **list, const char *key, const char *value,
			 const struct tg_config *cfg)
{
	char *err = tg_field_check(key, value, cfg);
	if (err) {
		int st = usage_error(usage, "%s", err);
		free(err);
		return st;
	}
	if (!*list)
		*list = tg_val_list();
	tg_val_push(*list, tg_field_val(key, value));
	return 0;
}

static int put_field(struct tg_val *map, const char *key, const char *value,
		     const struct tg_config *cfg)
{
	char *err = tg_field_check(key, value, cfg);
	if (err) {
		int st = usage_error(usage, "%s", err);
		free(err);
		return st;
	}
	tg_val_put(map, key, tg_field_val(key, value));
	return 0;
}

/* Warnings about unknown organisations, said at once. */
static void warn_unknown_organisations(const struct tg_config *cfg, const struct tg_val *list)
{
	struct tg_diags w = TG_DIAGS_INIT;
	tg_field_warn_organisations(cfg, list, &w);
	print_diags(&w);
	tg_diags_release(&w);
}

static enum tg_status do_add(struct tg_edit *e, void *arg, struct buf *ids,
			     struct tg_diags *d)
{
	struct item_args *a = arg;
	struct tg_op_add op = { a->problem, a->id, a->map, a->date };
	a->map = NULL;
	return a->problem ? tg_op_add_measure(e, &op, ids, d) : tg_op_add_problem(e, &op, ids, d);
}

static int plan_add(int argc, char **argv, struct cmd_ctx *ctx, bool measure)
{
	enum { O_TITLE = 0x300, O_TEXT, O_ID, O_SITUATION, O_CAUSE, O_GOAL, O_SUBGOAL, O_AREA,
	       O_PROBLEM, O_PHASE, O_TERM, O_KIND, O_RESPONSIBLE, O_DUE, O_STATUS, O_DATE };
#define AREA_OPT OPT_STRING("strategic-area", O_AREA, "N", "a strategic area of the programme " \
			    "(may be repeated)")
	static const struct opt problem_opts[] = {
		OPT_STRING("title", O_TITLE, "T", "the problem, in a few words"),
		OPT_STRING("id", O_ID, "P<n>", "this ID rather than the next free one"),
		OPT_STRING("situation", O_SITUATION, "S<n>", "the joint situation item it comes from"),
		OPT_STRING("cause", O_CAUSE, "C", "a cause (may be repeated)"),
		OPT_STRING("goal", O_GOAL, "G", "the overall effect goal"),
		OPT_STRING("subgoal", O_SUBGOAL, "S", "a sub-goal (may be repeated)"),
		AREA_OPT,
		WRITE_OPTS,
		OPT_END,
	};
	static const struct opt measure_opts[] = {
		OPT_STRING("problem", O_PROBLEM, "P", "the problem the measure belongs to"),
		OPT_STRING("text", O_TEXT, "T", "what is to be done"),
		OPT_STRING("phase", O_PHASE, "N", "1 reactive, 2 preventive, 3 new challenges"),
		OPT_STRING("id", O_ID, "P<n>.M<k>", "this ID rather than the next free one"),
		OPT_STRING("term", O_TERM, "T", "short, long or mobilisation"),
		OPT_STRING("kind", O_KIND, "K", "situational or social"),
		OPT_STRING("responsible", O_RESPONSIBLE, "R", "who is responsible (may be repeated)"),
		OPT_STRING("due", O_DUE, "DATE", "when it is to be done, YYYY-MM-DD"),
		OPT_STRING("status", O_STATUS, "S", "proposed (default), planned, ongoing, done or "
			   "cancelled"),
		AREA_OPT,
		OPT_STRING("date", O_DATE, "DATE", "the day it was made, for its history (default "
			   "today)"),
		WRITE_OPTS,
		OPT_END,
	};
#undef AREA_OPT
	struct item_args a = { .map = tg_val_map() };
	struct tg_val *causes = NULL, *subgoals = NULL, *areas = NULL, *resp = NULL;
	struct write_opts w;
	write_opts_init(&w);
	int status = 0, o;
	const char *verb = measure ? "add-measure" : "add-problem";
	struct opt_parser p = OPT_PARSER(argc, argv, measure ? measure_opts : problem_opts, usage);
	p.w = &w;
	p.others = measure ? problem_opts : measure_opts;
	p.verb = verb;
	while (!status && (o = opt_next(&p)) != -1) {
		const char *val = p.value;
		/* the values are checked against trygg.yaml as they come */
		if ((status = need_workspace(ctx)))
			break;
		switch (o) {
		case O_TITLE: status = put_field(a.map, "title", val, ctx->cfg); break;
		case O_TEXT: status = put_field(a.map, "text", val, ctx->cfg); break;
		case O_ID: a.id = val; break;
		case O_SITUATION: status = put_field(a.map, "situation", val, ctx->cfg); break;
		case O_CAUSE: status = add_list_item(&causes, "causes", val, ctx->cfg); break;
		case O_GOAL: status = put_field(a.map, "goal", val, ctx->cfg); break;
		case O_SUBGOAL: status = add_list_item(&subgoals, "subgoals", val, ctx->cfg); break;
		case O_AREA: status = add_list_item(&areas, "strategic_areas", val, ctx->cfg); break;
		case O_PROBLEM: a.problem = val; break;
		case O_PHASE: status = put_field(a.map, "phase", val, ctx->cfg); break;
		case O_TERM: status = put_field(a.map, "term", val, ctx->cfg); break;
		case O_KIND: status = put_field(a.map, "kind", val, ctx->cfg); break;
		case O_RESPONSIBLE: status = add_list_item(&resp, "responsible", val, ctx->cfg); break;
		case O_DUE: status = put_field(a.map, "due", val, ctx->cfg); break;
		case O_STATUS: status = put_field(a.map, "status", val, ctx->cfg); break;
		case O_DATE:
			a.date = val;
			if (!tg_is_date(val))
				status = usage_error(usage, "--date is not a valid date: '%s' (expected "
						     "YYYY-MM-DD)", val);
			break;
		}
	}
	if (!status)
		status = p.status;
	if (!status && p.nargs != 1)
		status = usage_error(usage, "%s takes one district", verb);
	else if (!status && !measure && !tg_val_get(a.map, "title"))
		status = usage_error(usage, "add-problem needs --title");
	else if (!status && measure && (!a.problem || !tg_val_get(a.map, "text") ||
					!tg_val_get(a.map, "phase")))
		status = usage_error(usage, "add-measure needs --problem, --text and --phase");
	if (!status) {
		if (causes)
			tg_val_put(a.map, "causes", causes);
		if (subgoals)
			tg_val_put(a.map, "subgoals", subgoals);
		if (resp)
			tg_val_put(a.map, "responsible", resp);
		if (areas)
			tg_val_put(a.map, "strategic_areas", areas);
		causes = subgoals = resp = areas = NULL;
		warn_unknown_organisations(ctx->cfg, tg_val_get(a.map, "responsible"));
		status = write_plan(ctx, p.args[0], &w, do_add, &a);
	}
	tg_val_free(causes);
	tg_val_free(subgoals);
	tg_val_free(resp);
	tg_val_free(areas);
	tg_val_free(a.map);
	return OPT_STATUS(status);
}

static int plan_add_problem(int argc, char **argv, struct cmd_ctx *ctx)
{
	return plan_add(argc, argv, ctx, false);
}

static int plan_add_measure(int argc, char **argv, struct cmd_ctx *ctx)
{
	return plan_add(argc, argv, ctx, true);
}

/* ---- set ------------------------------------------------------------- */

static enum tg_status do_set(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_op_set(e, arg, ids, d);
}

/* plan set, followup set (kind 'F': the ID must be a follow-up's, and
 * there is no status to date) and district set (kind 'D': no ID). */
int set_item(int argc, char **argv, struct cmd_ctx *ctx, const char *usage, char kind)
{
	enum { O_DATE = 0x300 };
	static const struct opt plan_opts[] = {
		OPT_STRING("date", O_DATE, "DATE", "the day of a status change (default today)"),
		WRITE_OPTS,
		OPT_END,
	};
	static const struct opt followup_opts[] = { WRITE_OPTS, OPT_END };
	struct write_opts w;
	write_opts_init(&w);
	int status;
	const char *date = NULL;
	struct opt_parser p = OPT_PARSER(argc, argv, kind ? followup_opts : plan_opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		date = p.value;
	if (!p.status && date && !tg_is_date(date))
		p.status = usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)",
				       date);
	if (p.status)
		return OPT_STATUS(p.status);
	int first = kind == 'D' ? 1 : 2;
	if (p.nargs < first + 1)
		return kind == 'F'
		       ? usage_error(usage, "followup set needs D, ID and at least one KEY=VALUE")
		       : kind == 'D' ? usage_error(usage, "district set needs D and at least one KEY=VALUE")
		       : usage_error(usage, "plan set needs D, ID and at least one KEY=VALUE");
	char **pairs = p.args + first;
	for (int i = 0; i < p.nargs - first; i++) {
		const char *eq = strchr(pairs[i], '=');
		if (!eq || pairs[i][0] == '=')
			return usage_error(usage, "'%s' is not KEY=VALUE", pairs[i]);
		char what[80];
		snprintf(what, sizeof what, "the value of '%.*s'",
			 (int)(eq - pairs[i] > 40 ? 40 : eq - pairs[i]), pairs[i]);
		if ((status = check_text(usage, what, eq + 1)))
			return status;
	}
	if ((status = need_workspace(ctx)))
		return status;
	struct tg_op_set a = { kind == 'D' ? NULL : p.args[1], pairs, (size_t)(p.nargs - first),
			       ctx->cfg, date, kind };
	return write_plan(ctx, p.args[0], &w, do_set, &a);
}

static int plan_set(int argc, char **argv, struct cmd_ctx *ctx)
{
	return set_item(argc, argv, ctx, usage, 0);
}

/* ---- rm ---------------------------------------------------------------- */

static enum tg_status do_rm(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_op_rm(e, arg, ids, d);
}

static int plan_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_BOOL("force", 'f', "remove a problem with its measures, a measure with its "
			 "mentions in follow-ups"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_op_rm a = { 0 };
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		a.force = true;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 2)
		return usage_error(usage, "plan rm takes D and ID");
	a.id = p.args[1];
	return write_plan(ctx, p.args[0], &w, do_rm, &a);
}

int plan_import(int argc, char **argv, struct cmd_ctx *ctx);

int cmd_plan(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add-problem", plan_add_problem, usage },
		{ "add-measure", plan_add_measure, usage },
		{ "set", plan_set, usage },
		{ "rm", plan_rm, usage },
		{ "import", plan_import, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("plan", verbs, usage, argc, argv, ctx);
}
