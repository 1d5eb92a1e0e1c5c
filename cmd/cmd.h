/* cmd.h: what the subcommands share: their signature, the context main
 * prepares for them, and the small helpers that speak to the user. */
#ifndef TRYGG_CMD_H
#define TRYGG_CMD_H

#include <stdio.h>

#include "trygg.h"

struct cmd_ctx {
	const char *dir;            /* -C DIR, or NULL */
	struct tg_workspace *ws;    /* with CMD_WORKSPACE */
	struct tg_config *cfg;      /* with CMD_WORKSPACE */
};

typedef int cmd_fn(int argc, char **argv, struct cmd_ctx *ctx);

enum cmd_flags {
	CMD_WORKSPACE = 1 << 0,     /* find the workspace, load trygg.yaml */
};

struct cmd {
	const char *name;
	cmd_fn *fn;
	unsigned flags;
	const char *summary;
};

/* A noun's verbs ("trygg plan add-measure"). */
struct verb {
	const char *name;
	cmd_fn *fn;
	const char *usage;
};

cmd_fn cmd_init, cmd_check, cmd_district, cmd_help;

extern const struct cmd commands[];
const struct cmd *find_command(const char *name);

/* Print messages as `trygg: path:line:col: error: msg` with an excerpt. */
void print_diags(const struct tg_diags *d);
/* Print "trygg: error: …" (or a warning) without a location. */
void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a usage error with the command's usage text; returns TG_EUSAGE. */
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The usage error for getopt_long's ':' or '?' (optstring starts with ':'
 * and opterr is 0: see OPT_START). */
int option_error(const char *usage, int o, char **argv);
#define OPT_START() (optind = 0, opterr = 0)

/* Print usage to stdout for --help; returns 0. */
int show_usage(const char *usage);
/* Dispatch argv[1] to a verb of the table; handles --help. */
int run_verb(const char *noun, const struct verb *verbs, const char *usage,
	     int argc, char **argv, struct cmd_ctx *ctx);
/* Make sure the workspace and its config are loaded (for verbs that need
 * them); returns non-zero exit status on failure. */
int need_workspace(struct cmd_ctx *ctx);
/* A path as the user should see it: relative to the current folder when
 * it lies below it. */
const char *display_path(const char *path);

#endif
