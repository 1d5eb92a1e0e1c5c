/* migrate: plan files of schema trygg/1 made trygg/2 (trygg-migrate(1)),
 * each through the edit engine (tg_edit_migrate). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg migrate D|--all [WRITE OPTIONS]\n"
	"\n"
	"Make district D's plan file (or every one) schema trygg/2: the schema\n"
	"line, IDs for follow-ups (P<n>.F<k>) and indicators (P<n>.I<k>) in file\n"
	"order, follow-ups' readings named by the indicator's ID.  Nothing else\n"
	"changes; a file of trygg/2 is left as it is.  Prints nothing.\n";

static enum tg_status do_migrate(struct tg_edit *e, void *arg, struct buf *ids,
				 struct tg_diags *d)
{
	(void)arg;
	(void)ids;
	return tg_edit_migrate(e, d);
}

static int migrate_one(struct cmd_ctx *ctx, const char *district, void *w)
{
	return write_plan(ctx, district, w, do_migrate, NULL);
}

int cmd_migrate(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_ALL = 0x300 };
	static const struct opt opts[] = {
		OPT_BOOL("all", OPT_ALL, "every district"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	bool all = false;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		all = true;
	if (p.status)
		return OPT_STATUS(p.status);
	if (all == (p.nargs == 1) || p.nargs > 1)
		return usage_error(usage, "migrate takes one district or --all");
	int status = need_workspace(ctx);
	if (status || !all)
		return status ? status : migrate_one(ctx, p.args[0], &w);
	return each_district(ctx, migrate_one, &w);
}
