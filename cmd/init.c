#include "cmd.h"

#include <string.h>

static const char usage[] =
	"usage: trygg init [--city NAME] [--git] [DIR]\n"
	"       trygg init --example [--git] [DIR]\n"
	"\n"
	"Create a workspace in DIR (default: the current folder): trygg.yaml with\n"
	"the city programme's ten strategic areas, the Police's strategic\n"
	"initiatives, the three phases and sources; districts/; a .gitignore.\n";

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_CITY = 0x300, OPT_EXAMPLE, OPT_GIT };
	static const struct opt opts[] = {
		OPT_STRING("city", OPT_CITY, "NAME", "the city (default: Göteborg)"),
		OPT_BOOL("example", OPT_EXAMPLE, "a copy of the example workspace instead: Göteborg "
			 "with the districts Angered and Västra Hisingen"),
		OPT_BOOL("git", OPT_GIT, "keep it in git: git init (unless DIR is in a repository) "
			 "and 'trygg git setup' (trygg-git(7))"),
		OPT_END,
	};
	const char *city = NULL;
	bool example = false, git = false;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	int o;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_EXAMPLE)
			example = true;
		else if (o == OPT_GIT)
			git = true;
		else
			city = p.value;
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs > 1)
		return usage_error(usage, "init takes at most one folder");
	const char *dir = p.nargs ? p.args[0] : ctx->dir ? ctx->dir : ".";
	if (example && city)
		return usage_error(usage, "--example is Göteborg's; it takes no --city");
	if (city && !*city)
		return usage_error(usage, "--city needs a name");
	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st = example ? tg_workspace_init_example(dir, &d)
				    : tg_workspace_init(dir, city ? city : "Göteborg", &d);
	if (!st && git)
		st = tg_git_setup(dir, true, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!st && example)
		say("the example workspace in %s; try 'trygg -C %s report overview'", dir, dir);
	else if (!st)
		say("new workspace in %s; add a district with 'trygg district add NAME'", dir);
	return st;
}
