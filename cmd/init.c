#include "cmd.h"

#include <getopt.h>
#include <string.h>

static const char usage[] =
	"usage: trygg init [--city NAME] [--git] [DIR]\n"
	"       trygg init --example [--git] [DIR]\n"
	"\n"
	"Create a workspace in DIR (default: the current folder): trygg.yaml with\n"
	"the city programme's ten strategic areas, the Police's strategic\n"
	"initiatives, the three phases and sources; districts/; a .gitignore.\n"
	"\n"
	"  --city NAME   the city (default: Göteborg)\n"
	"  --example     a copy of the example workspace instead: Göteborg with\n"
	"                the districts Angered and Västra Hisingen\n"
	"  --git         keep it in git: git init (unless DIR is in a repository)\n"
	"                and 'trygg git setup' (trygg-git(7))\n";

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "city", required_argument, NULL, 'c' },
		{ "example", no_argument, NULL, 'e' },
		{ "git", no_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *city = NULL;
	bool example = false, git = false;
	int status = 0, o;
	OPT_START();
	while ((o = next_option(argc, argv, ":h", opts, usage, NULL, &status)) != -1) {
		if (o == 'e')
			example = true;
		else if (o == 'g')
			git = true;
		else
			city = optarg;
	}
	if (status)
		return OPT_STATUS(status);
	if (argc - optind > 1)
		return usage_error(usage, "init takes at most one folder");
	const char *dir = optind < argc ? argv[optind] : ctx->dir ? ctx->dir : ".";
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
