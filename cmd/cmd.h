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

cmd_fn cmd_init, cmd_check, cmd_district, cmd_help, cmd_situation, cmd_plan, cmd_followup,
	cmd_report;

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

/* ---- write commands (cmd/write.c) ---- */

struct write_opts {
	bool dry_run;
	double lock_timeout;
};

enum { OPT_DRY_RUN = 0x100, OPT_LOCK_TIMEOUT };
#define WRITE_LONG_OPTIONS                                              \
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },                  \
	{ "lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT }

void write_opts_init(struct write_opts *w);
/* Handle --dry-run and --lock-timeout; true when o was one of them (a bad
 * value sets *status). */
bool write_option(struct write_opts *w, int o, const char *arg, const char *usage,
		  int *status);

/* The edit a command makes; it appends the IDs it names, one a line. */
typedef enum tg_status edit_fn(struct tg_edit *e, void *arg, struct buf *ids,
			       struct tg_diags *d);
/* Lock, read, edit, verify, write (or diff with --dry-run), print IDs. */
int write_plan(struct cmd_ctx *ctx, const char *district, const struct write_opts *w,
	       edit_fn *fn, void *arg);

void today(char out[11]);
bool parse_enum(const char *s, const char *const *names, int *out);
/* "a, b, c" of a NULL-terminated name table (caller frees). */
char *enum_list(const char *const *names);
int bad_value(const char *usage, const char *option, const char *value,
	      const char *const *names);
/* 1 + the highest n of the ids "<prefix><n>". */
int next_number(const char *const *ids, size_t n, const char *prefix);

/* ---- fields of problems and measures (cmd/fields.c) ---- */

extern const char *const measure_fields[];
extern const char *const problem_fields[];
bool field_is_list(const char *key);
bool field_required(const char *key);
/* NULL when value suits key (one item, for a list key); else a message. */
char *field_check(const char *key, const char *value, const struct tg_config *cfg);
/* The value to write for key: text or a raw date/number/enum. */
struct tg_val *field_val(const char *key, const char *value);
/* A list from "a<sep>b<sep>c", each item checked; NULL and *err on error. */
struct tg_val *field_list(const char *key, const char *joined, char sep,
			  const struct tg_config *cfg, char **err);
void warn_unknown_organisations(const struct tg_config *cfg, const struct tg_val *list);
/* A new problem or measure: id first, then the fields in the order of
 * trygg-plan(5); takes over fields. */
struct tg_val *item_with_id(const char *id, struct tg_val *fields);
/* The node of problem or measure id, or NULL. */
const struct tg_node *find_item(const struct tg_plan *p, const char *id, bool *is_measure);
/* "no problem 'P9' in Angered" as a usage error. */
enum tg_status no_such(struct tg_diags *d, const struct tg_plan *p, const char *what,
		       const char *id);

/* Write a report of one district (or all, with district NULL) to stdout
 * or, atomically, to output (cmd/report.c). */
int run_report(struct cmd_ctx *ctx, const char *district, const struct tg_report_opts *o,
	       const char *output, bool exit_code);

/* ---- tabular output (cmd/rows-out.c) ---- */

/* Append t as CSV (header row; text cells that a spreadsheet would take for
 * a formula get a leading ') or as a JSON array of objects. */
void rows_write(struct buf *b, const struct tg_rows *t, bool csv);
/* Append s as a JSON string. */
void json_string(struct buf *b, const char *s);

#endif
