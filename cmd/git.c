/* trygg git setup: make the clone the workspace is in merge plan files
 * with trygg (trygg-git(7)). */
#include "cmd.h"


static const char usage[] =
	"usage: trygg git setup\n"
	"\n"
	"In a clone of a workspace kept in git: write .gitattributes (plan files\n"
	"merge with trygg's driver) and .trygg/ in .gitignore (lines added when\n"
	"missing), and register the driver in this clone's config.  git keeps\n"
	"the config per clone: run it in every clone.  See trygg-git(7).\n";

static int git_setup(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = { OPT_END };
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while (opt_next(&p) != -1)
		;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs)
		return usage_error(usage, "'trygg git setup' takes no arguments");
	int st = need_workspace(ctx);
	if (st)
		return st;
	struct tg_diags d = TG_DIAGS_INIT;
	st = tg_git_setup(ctx->ws->root, false, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!st)
		say("plan files in %s now merge with 'trygg merge-file'",
		    display_path(ctx->ws->root));
	return st;
}

int cmd_git(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "setup", git_setup, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("git", verbs, usage, argc, argv, ctx);
}
