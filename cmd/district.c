#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg district add NAME [--area AREA]...\n"
	"       trygg district ls [--format text|json|csv|md] [--format-version 1]\n"
	"       trygg district set D KEY=VALUE|KEY+=VALUE|KEY-=VALUE... [WRITE OPTIONS]\n"
	"\n"
	"add   write districts/<name>.yaml, a new plan file for district NAME\n"
	"      (its file name: lower case, å ä → a, ö → o, spaces → -)\n"
	"ls    list the districts: name, areas, problems, measures, file; one line\n"
	"      of tab-separated fields each, or a table in the --format given\n"
	"set   change district D's own keys: areas (a list: areas=A, B sets it,\n"
	"      areas+=A adds A, areas-=A takes it out) or district; prints nothing\n";

int set_item(int argc, char **argv, struct cmd_ctx *ctx, const char *usage, char kind);

static int district_set(int argc, char **argv, struct cmd_ctx *ctx)
{
	return set_item(argc, argv, ctx, usage, 'D');
}

static int district_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_STRING("area", 'a', "AREA", "an area of the district (may be repeated)"),
		OPT_END,
	};
	const char **areas = xcalloc((size_t)argc + 1, sizeof *areas);
	size_t n = 0;
	int status;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while (opt_next(&p) != -1)
		areas[n++] = p.value;
	if (p.status) {
		free(areas);
		return OPT_STATUS(p.status);
	}
	if (p.nargs != 1) {
		free(areas);
		return usage_error(usage, "district add takes one NAME");
	}
	if ((status = check_text(usage, "NAME", p.args[0]))) {
		free(areas);
		return status;
	}
	if ((status = need_workspace(ctx))) {
		free(areas);
		return status;
	}
	struct tg_diags d = TG_DIAGS_INIT;
	char *path;
	enum tg_status st = tg_workspace_add_district(ctx->ws, p.args[0], areas, n, &path, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!st) {
		char *line = xasprintf("%s\n", display_path(path));
		st = print_after_write(path, line, strlen(line));
		free(line);
	}
	free(path);
	free(areas);
	return st;
}

struct district_line {
	char *name, *fields[5];
};

static int by_name(const void *a, const void *b)
{
	const struct district_line *x = a, *y = b;
	int c = tg_collate_sv(x->name, strlen(x->name), y->name, strlen(y->name));
	return c ? c : strcmp(x->fields[4], y->fields[4]);
}

/* The districts as lines of tab-separated fields (for cut and awk), or as
 * a table in the format asked for. */
static int print_districts(const struct district_line *lines, size_t n, bool table,
			   enum tg_format fmt)
{
	if (!table) {
		for (size_t i = 0; i < n; i++) {
			print_safe(stdout, lines[i].fields[0]);
			printf("\t%s areas\t%s problems\t%s measures\t", lines[i].fields[1],
			       lines[i].fields[2], lines[i].fields[3]);
			print_safe(stdout, lines[i].fields[4]);
			putchar('\n');
		}
		return 0;
	}
	struct tg_table *t = stdout_table(fmt, "district-ls");
	tg_table_cols(t, "district areas:n problems:n measures:n file");
	for (size_t i = 0; i < n; i++) {
		char *const *f = lines[i].fields;
		tg_table_row(t, (struct tg_cell[]){ TG_TEXT(f[0]), TG_NUM(f[1]), TG_NUM(f[2]),
			     TG_NUM(f[3]), TG_TEXT(f[4]) });
	}
	int status = tg_table_finish(t);
	tg_table_free(t);
	return status;
}

static int district_ls(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		{ "format", 'f', OPT_VALUE, "F", "a table as text, json, csv or md (default: "
		  "tab-separated lines)", 0, NULL },
		OPT_STRING("format-version", OPT_FORMAT_VERSION, "1", "the JSON contract's version "
			   "(the only one so far)"),
		OPT_END,
	};
	bool table = false;
	enum tg_format fmt = TG_FMT_TEXT;
	int status, o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while (!p.status && (o = opt_next(&p)) != -1) {
		if (o == OPT_FORMAT_VERSION)
			p.status = check_format_version(usage, p.value);
		else
			table = parse_listing_format(usage, p.value, &fmt, &p.status);
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs)
		return usage_error(usage, "district ls takes no arguments");
	if ((status = need_workspace(ctx)))
		return status;
	size_t n, k = 0;
	char **files;
	struct tg_diags ld = TG_DIAGS_INIT;
	status = tg_workspace_list(ctx->ws, &files, &n, &ld);
	print_diags(&ld);
	tg_diags_release(&ld);
	struct district_line *lines = xcalloc(n ? n : 1, sizeof *lines);
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
			struct district_line *l = &lines[k++];
			l->name = xstrdup(p->district);
			l->fields[0] = l->name;
			l->fields[1] = xasprintf("%zu", p->areas.n);
			l->fields[2] = xasprintf("%zu", p->n_problems);
			l->fields[3] = xasprintf("%zu", measures);
			l->fields[4] = xstrdup(display_path(files[i]));
		}
		tg_plan_free(p);
		free(files[i]);
	}
	free(files);
	/* in the order of the names, Swedish letters after z */
	qsort(lines, k, sizeof *lines, by_name);
	int out = print_districts(lines, k, table, fmt);
	for (size_t i = 0; i < k; i++)
		for (size_t c = 0; c < 5; c++)
			free(lines[i].fields[c]);
	free(lines);
	return out ? out : status;
}

int cmd_district(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct verb verbs[] = {
		{ "add", district_add, usage },
		{ "ls", district_ls, usage },
		{ "set", district_set, usage },
		{ NULL, NULL, NULL },
	};
	return run_verb("district", verbs, usage, argc, argv, ctx);
}
