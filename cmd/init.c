#include "cmd.h"

#include <getopt.h>
#include <string.h>

static const char usage[] =
	"usage: trygg init [--city NAME] [DIR]\n"
	"\n"
	"Create a workspace in DIR (default: the current folder): trygg.yaml with\n"
	"the city programme's ten strategic areas, the Police's strategic\n"
	"initiatives, the three phases and sources; districts/; a .gitignore.\n"
	"\n"
	"  --city NAME   the city (default: Göteborg)\n";

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "city", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *city = "Göteborg";
	int status = 0;
	OPT_START();
	while (next_option(argc, argv, ":h", opts, usage, NULL, &status) != -1)
		city = optarg;
	if (status)
		return OPT_STATUS(status);
	if (argc - optind > 1)
		return usage_error(usage, "init takes at most one folder");
	const char *dir = optind < argc ? argv[optind] : ctx->dir ? ctx->dir : ".";
	if (!*city)
		return usage_error(usage, "--city needs a name");
	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st = tg_workspace_init(dir, city, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!st)
		fprintf(stderr, "trygg: new workspace in %s; add a district with "
			"'trygg district add NAME'\n", dir);
	return st;
}
