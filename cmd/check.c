#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg check [FILE...]\n"
	"\n"
	"Validate plan files (and trygg.yaml) against schema trygg/1.  Without\n"
	"FILE, checks the workspace's trygg.yaml and every district.  Prints each\n"
	"problem as 'path:line:col: error: message'; exits 1 when there is one.\n";

static bool is_config(const char *path)
{
	const char *base = strrchr(path, '/');
	return !strcmp(base ? base + 1 : path, "trygg.yaml");
}

/* The districts' names met so far, and their files. */
struct names {
	char **name, **path;
	size_t n;
};

/* A district's name is how a command finds its file (after the file's
 * own name): one that another file has too is a warning. */
static void check_name(struct names *seen, const char *path, const struct tg_plan *p,
		       struct tg_diags *d)
{
	if (!p || !p->district)
		return;
	for (size_t i = 0; i < seen->n; i++)
		if (!tg_casecmp(seen->name[i], p->district)) {
			tg_diag_node(d, TG_SEV_WARNING, p->doc, tg_map_get(p->doc->root, "district"),
				     "district '%s' is also in %s: give a command the file's name"
				     " to tell them apart", p->district, display_path(seen->path[i]));
			return;
		}
	seen->name = xrealloc(seen->name, (seen->n + 1) * sizeof *seen->name);
	seen->path = xrealloc(seen->path, (seen->n + 1) * sizeof *seen->path);
	seen->name[seen->n] = xstrdup(p->district);
	seen->path[seen->n++] = xstrdup(path);
}

/* Check one file; returns its status. */
static enum tg_status check_file(const char *path, const struct tg_config *cfg,
				 struct names *seen, struct tg_diags *d)
{
	enum tg_status st;
	if (is_config(path)) {
		struct tg_config *c;
		st = tg_config_load(path, &c, d);
		tg_config_free(c);
	} else {
		struct tg_plan *p;
		st = tg_plan_load(path, cfg, &p, d);
		check_name(seen, path, p, d);
		tg_plan_free(p);
	}
	return st;
}

int cmd_check(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_BOOL("quiet", 'q', "print nothing when all is well (the default) and no summary "
			 "line when there are problems"),
		OPT_END,
	};
	bool quiet = false;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while (opt_next(&p) != -1)
		quiet = true;
	if (p.status)
		return OPT_STATUS(p.status);
	int status = 0;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_workspace *ws = NULL;
	struct tg_config *cfg = NULL;
	char **files;
	size_t n;
	bool explicit = p.nargs > 0;
	enum tg_status st = tg_workspace_find(ctx->dir, &ws, &d);
	if (st && !explicit) {
		print_diags(&d);
		tg_diags_release(&d);
		return st;
	}
	tg_diags_release(&d);
	if (ws) {
		/* the workspace's programme checks strategic areas and owners;
		 * its own errors are reported when it is among the files */
		struct tg_diags quiet_d = TG_DIAGS_INIT;
		tg_config_load(ws->config_path, &cfg, &quiet_d);
		tg_diags_release(&quiet_d);
	}
	if (explicit) {
		n = (size_t)p.nargs;
		files = xcalloc(n + 1, sizeof *files);
		for (size_t i = 0; i < n; i++)
			files[i] = xstrdup(p.args[i]);
	} else {
		char **plans;
		status = tg_workspace_list(ws, &plans, &n, &d);
		print_diags(&d);
		tg_diags_release(&d);
		files = xcalloc(n + 2, sizeof *files);
		files[0] = xstrdup(ws->config_path);
		memcpy(files + 1, plans, n * sizeof *plans);
		free(plans);
		n++;
	}
	size_t bad_files = 0;
	struct names seen = { NULL, NULL, 0 };
	for (size_t i = 0; i < n; i++) {
		enum tg_status fst = check_file(files[i], cfg, &seen, &d);
		if (fst)
			bad_files++;
		if (fst == TG_ENOINPUT || fst == TG_EIO)
			status = fst;
		else if (fst && !status)
			status = TG_FINDINGS;
		print_diags(&d);
		tg_diags_release(&d);
		free(files[i]);
	}
	if (bad_files && !quiet)
		say(trn("%zu of %zu file failed the check", "%zu of %zu files failed the check", n),
		    bad_files, n);
	for (size_t i = 0; i < seen.n; i++) {
		free(seen.name[i]);
		free(seen.path[i]);
	}
	free(seen.name);
	free(seen.path);
	free(files);
	tg_config_free(cfg);
	tg_workspace_free(ws);
	return status;
}
