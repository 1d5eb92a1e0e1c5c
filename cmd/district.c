#include "cmd.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg district add NAME [--area AREA]...\n"
	"       trygg district ls\n"
	"\n"
	"add   write districts/<name>.yaml, a new plan file for district NAME\n"
	"      (its file name: lower case, å ä → a, ö → o, spaces → -)\n"
	"ls    list the districts: name, areas, problems, measures, file\n";

static int district_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "area", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char **areas = xcalloc((size_t)argc + 1, sizeof *areas);
	size_t n = 0;
	int status = 0;
	OPT_START();
	while (next_option(argc, argv, ":ha:", opts, usage, NULL, &status) != -1)
		areas[n++] = optarg;
	if (status) {
		free(areas);
		return OPT_STATUS(status);
	}
	if (argc - optind != 1) {
		free(areas);
		return usage_error(usage, "district add takes one NAME");
	}
	struct tg_diags d = TG_DIAGS_INIT;
	char *path;
	enum tg_status st = tg_workspace_add_district(ctx->ws, argv[optind], areas, n, &path, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!st)
		printf("%s\n", display_path(path));
	free(path);
	free(areas);
	return st;
}

struct district_line {
	char *name, *line;
};

static int by_name(const void *a, const void *b)
{
	const struct district_line *x = a, *y = b;
	int c = tg_collate_sv(x->name, strlen(x->name), y->name, strlen(y->name));
	return c ? c : strcmp(x->line, y->line);
}

static int district_ls(int argc, char **argv, struct cmd_ctx *ctx)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return show_usage(usage);
	if (argc > 1)
		return usage_error(usage, "district ls takes no arguments");
	size_t n, k = 0;
	char **files = tg_workspace_districts(ctx->ws, &n);
	struct district_line *lines = xcalloc(n ? n : 1, sizeof *lines);
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		struct tg_diags d = TG_DIAGS_INIT;
		struct tg_plan *p;
		enum tg_status st = tg_plan_load(files[i], ctx->cfg, &p, &d);
		print_diags(&d);
		tg_diags_release(&d);
		if (st) {
			status = st;
		} else {
			size_t measures = 0;
			for (size_t j = 0; j < p->n_problems; j++)
				measures += p->problems[j].n_measures;
			lines[k].name = xstrdup(p->district);
			lines[k++].line = xasprintf("%s\t%zu areas\t%zu problems\t%zu measures\t%s\n",
						    p->district, p->areas.n, p->n_problems,
						    measures, display_path(files[i]));
		}
		tg_plan_free(p);
		free(files[i]);
	}
	free(files);
	/* in the order of the names, Swedish letters after z */
	qsort(lines, k, sizeof *lines, by_name);
	for (size_t i = 0; i < k; i++) {
		fputs(lines[i].line, stdout);
		free(lines[i].name);
		free(lines[i].line);
	}
	free(lines);
	return status;
}

int cmd_district(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add", district_add, usage },
		{ "ls", district_ls, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("district", verbs, usage, argc, argv, ctx);
}
