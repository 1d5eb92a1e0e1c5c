/*
 * trygg: the command table and what runs before every command.
 *
 * Adding a command:
 *   1. a row in commands[] below (flags say what it needs);
 *   2. its handler in cmd/<noun>.c, declared in cmd/cmd.h, listed in
 *      cmd/meson.build;
 *   3. its man page man/trygg-<noun>.1.scd, listed in man/meson.build;
 *   4. its tests tests/tNNNN-<noun>-<what>.sh, listed in tests/meson.build;
 *   5. its options in completion/trygg.bash (t0090 compares them with
 *      --help);
 *   6. its line in trygg(1) and in the README if users meet it first.
 */
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct cmd commands[] = {
	{ "init", cmd_init, 0, "create a new workspace" },
	{ "district", cmd_district, CMD_WORKSPACE, "add or list districts" },
	{ "check", cmd_check, 0, "validate the workspace and plan files" },
	{ "situation", cmd_situation, CMD_WORKSPACE, "add to the situation pictures" },
	{ "plan", cmd_plan, CMD_WORKSPACE, "change the action plan: problems and measures" },
	{ "followup", cmd_followup, CMD_WORKSPACE, "record what was done and its effect" },
	{ "indicator", cmd_indicator, CMD_WORKSPACE, "add indicators of a goal and record their readings" },
	{ "promise", cmd_promise, CMD_WORKSPACE, "citizen promises (medborgarlöften) and their outcomes" },
	{ "edit", cmd_edit, CMD_WORKSPACE, "edit a plan file in your editor, checked before it is saved" },
	{ "log", cmd_log, CMD_WORKSPACE, "the history of a district or an item, from git" },
	{ "merge-file", cmd_merge_file, 0, "merge two sides' edits of a plan file (git's merge driver)" },
	{ "git", cmd_git, CMD_WORKSPACE, "set up a git clone to merge plan files with trygg" },
	{ "report", cmd_report, CMD_WORKSPACE, "write a report: plan, followup, situation, overview, overdue, site" },
	{ "migrate", cmd_migrate, CMD_WORKSPACE, "make plan files schema trygg/2" },
	{ "batch", cmd_batch, CMD_WORKSPACE, "run many write commands from standard input, each file written once" },
	{ "index", cmd_index, CMD_WORKSPACE, "bring the index of all districts up to date" },
	{ "ls", cmd_ls, CMD_WORKSPACE, "list measures, problems or follow-ups across districts" },
	{ "search", cmd_search, CMD_WORKSPACE, "search the plans' text across districts" },
	{ "query", cmd_query, CMD_WORKSPACE, "run read-only SQL against the index" },
	{ "help", cmd_help, 0, "show the manual of a command" },
	{ NULL, NULL, 0, NULL },
};

static const char usage[] =
	"usage: trygg [-C DIR] [--color=auto|always|never] COMMAND [ARGS]\n"
	"       trygg --help | --version\n";

enum { OPT_COLOR = 0x300, OPT_LANG_GLOBAL };
static const struct opt global_opts[] = {
	{ "", 'C', OPT_VALUE, "DIR", "use the workspace in DIR", OPT_FILE,
	  "a folder: trygg -C DIR COMMAND …" },
	OPT_OPTIONAL("color", OPT_COLOR, "WHEN", "when to colour: auto, always or never"),
	OPT_STRING("lang", OPT_LANG_GLOBAL, "L",
		   "the language of what a person reads: sv or en (also after the command)"),
	OPT_BOOL("help", 'h', "this list"),
	OPT_BOOL("version", 'V', "the version"),
	OPT_END,
};

static void print_usage(FILE *f)
{
	opt_help(f, usage, global_opts);
	fputs("\nCommands:\n", f);
	for (const struct cmd *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'trygg COMMAND --help' shows a command's options; "
	      "'trygg help COMMAND' its manual.\n", f);
}

const struct cmd *find_command(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* A failed write to stdout (a full disk, a closed pipe) is an error. */
static int finish(int status)
{
	if (stdout_failure_told)
		return status ? status : TG_EIO;
	errno = 0;
	if (fflush(stdout) != 0) {
		error("cannot write to standard output: %s", strerror(errno));
		return TG_EIO;
	}
	if (ferror(stdout)) {       /* an earlier write failed; its errno is gone */
		error("cannot write to standard output");
		return TG_EIO;
	}
	return status;
}

/* Memory ran out anywhere: say so and exit 74 (trygg(1), EXIT STATUS);
 * a lock or temporary file being written is removed at exit. */
static void out_of_memory(void)
{
	static const char msg[] = "trygg: error: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(TG_EIO);
	exit(TG_EIO);
}

/* The language before any option of the command is read (DESIGN.md §9):
 * TRYGG_LANG, else the language of the workspace -C, TRYGG_DIR or the
 * current folder is in; --lang (here or among the command's options)
 * wins over both.  A workspace that loads without a word is kept for
 * the command; one with messages is loaded again by need_workspace,
 * which prints them. */
static int choose_language(struct cmd_ctx *ctx, const struct cmd *c)
{
	const char *env = getenv("TRYGG_LANG");
	if (env && *env && !lang_given()) {
		if (!lang_set(env, true)) {
			error("TRYGG_LANG is '%s'; it takes sv or en", env);
			return TG_EUSAGE;
		}
	}
	if (lang_given() && !(c->flags & CMD_WORKSPACE))
		return 0;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_workspace *ws = NULL;
	struct tg_config *cfg = NULL;
	if (!tg_workspace_find(ctx->dir, &ws, &d) && !tg_config_load(ws->config_path, &cfg, &d))
		lang_set(cfg->language, false);
	if (d.n || !(c->flags & CMD_WORKSPACE)) {
		tg_config_free(cfg);
		tg_workspace_free(ws);
	} else {
		ctx->ws = ws;
		ctx->cfg = cfg;
	}
	tg_diags_release(&d);
	return 0;
}

int main(int argc, char **argv)
{
	struct cmd_ctx ctx = { 0 };
	tg_set_oom_handler(out_of_memory);
	/* listings of the nation run to tens of megabytes: written to a pipe
	 * or a file OUT_BUF bytes at a time, not stdio's 4 KiB */
	static char out[OUT_BUF];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, out, _IOFBF, sizeof out);
	struct opt_parser p = OPT_PARSER(argc, argv, global_opts, usage);
	p.first_operand_ends = true;
	p.check_text = false;
	int o;
	while ((o = opt_next(&p)) != -1) {
		if (o == 'C') {
			ctx.dir = p.value;
		} else if (o == OPT_COLOR) {
			if (!set_color(p.value))
				return TG_EUSAGE;
		} else if (o == OPT_LANG_GLOBAL) {
			if (!lang_set(p.value, true)) {
				error("--lang takes sv or en, not '%s'", p.value);
				return TG_EUSAGE;
			}
		} else if (o == 'h') {
			print_usage(stdout);
			return finish(0);
		} else {
			printf("trygg %s\n", TRYGG_VERSION);
			return finish(0);
		}
	}
	if (p.status)
		return p.status;
	if (!p.nargs) {
		print_usage(stderr);
		return TG_EUSAGE;
	}
	const char *name = p.args[0];
	const struct cmd *c = find_command(name);
	static const struct cmd none = { NULL, NULL, 0, NULL };
	int st = choose_language(&ctx, c ? c : &none);
	if (st)
		return st;
	if (!c) {
		const char *names[64];
		size_t n = 0;
		for (const struct cmd *k = commands; k->name; k++)
			names[n++] = k->name;
		names[n] = NULL;
		struct buf hint = BUF_INIT;
		did_you_mean(&hint, name, names);
		error("'%s' is not a trygg command%s", name,
		      hint.len ? hint.s : " (see 'trygg --help')");
		buf_release(&hint);
		return TG_EUSAGE;
	}
	/* a CMD_WORKSPACE command loads its workspace with need_workspace()
	 * once its own options are parsed: only its parser knows whether a
	 * word "-h" is a request for help or the value of an option */
	ctx.noun = c->name;
	int status = c->fn(p.nargs, p.args, &ctx);
	tg_config_free(ctx.cfg);
	tg_workspace_free(ctx.ws);
	return finish(status);
}
