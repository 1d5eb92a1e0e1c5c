/* cmd.h: what the subcommands share: their signature, the context main
 * prepares for them, and the small helpers that speak to the user. */
#ifndef TRYGG_CMD_H
#define TRYGG_CMD_H

#include <stdio.h>

#include "opt.h"
#include "trygg.h"

/* The stdio buffer of long outputs: stdout when not a terminal, ls's
 * temporary file. */
#define OUT_BUF 65536

struct cmd_ctx {
	const char *dir;            /* -C DIR, or NULL */
	struct tg_workspace *ws;    /* with CMD_WORKSPACE */
	struct tg_config *cfg;      /* with CMD_WORKSPACE */
	const char *noun, *verb;    /* the command run: "plan", "set" (for
				     * autocommit's message; verb NULL when
				     * the command has none) */
	struct batch *batch;        /* a line of trygg batch: write_plan
				     * edits the batch's open file */
};

typedef int cmd_fn(int argc, char **argv, struct cmd_ctx *ctx);

enum cmd_flags {
	CMD_WORKSPACE = 1 << 0,     /* works in a workspace: the command calls
				     * need_workspace() once its options are
				     * parsed (main cannot tell "-h" as a
				     * request from "-h" as a value) */
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
	cmd_indicator,
	cmd_report, cmd_index, cmd_ls, cmd_search, cmd_query, cmd_edit, cmd_log,
	cmd_merge_file, cmd_git, cmd_batch, cmd_migrate;
cmd_fn cmd_promise;

extern const struct cmd commands[];

/* The manual pages' scdoc sources, built into the binary for trygg help
 * without man (man-texts.c, made by man/embed.py): {"trygg-check.1",
 * text}, …, {NULL, NULL}. */
struct man_text {
	const char *name;
	const char *text;
};
extern const struct man_text man_texts[];
const struct cmd *find_command(const char *name);

/* ---- the language (cmd/lang.c) ---- */

/* sv or en: --lang, TRYGG_LANG and trygg.yaml's language say it. */
bool lang_valid(const char *l);
/* Use language l (false when l is not sv or en).  told: --lang or
 * TRYGG_LANG said it, and a workspace's language does not override it. */
bool lang_set(const char *l, bool told);
bool lang_given(void);
const char *lang_current(void);
bool lang_english(void);
/* The translation of msgid in the language (msgid itself in English). */
const char *tr(const char *msgid) __attribute__((format_arg(1)));
#define _(s) tr(s)
/* ngettext: the form of msgid (singular) or plural for n, translated. */
const char *trn(const char *msgid, const char *plural, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));
/* A suggestion, " (did you mean 'W'?)" in the language, or "" (in b). */
const char *did_you_mean(struct buf *b, const char *word, const char *const *words);

/* Where the messages come from besides their file: "stdin:12" for a line
 * of trygg batch, said after "trygg: " (and usage_error then leaves the
 * usage text out); msg_quiet holds every message back (batch's first
 * pass over its lines). */
extern const char *msg_origin;
extern bool msg_quiet;
/* Print messages as `trygg: path:line:col: error: msg` with an excerpt. */
void print_diags(const struct tg_diags *d);
/* A failed write to standard output was reported already (main's last
 * check then says nothing more). */
extern bool stdout_failure_told;
/* Print "trygg: error: …" (or a warning) without a location.  Every
 * message to the terminal goes through tg_term_safe. */
void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "trygg: …", a message of neither kind. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print s to f made safe for a terminal (tg_term_safe). */
void print_safe(FILE *f, const char *s);
/* Report a usage error with the command's usage text; returns TG_EUSAGE. */
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* 0 when value may be a text of a plan file (tg_text_check), else a usage
 * error naming what ("option '--title'") and the character; TG_EUSAGE. */
int check_text(const char *usage, const char *what, const char *value);

/* Print usage to stdout for --help; returns 0. */
int show_usage(const char *usage);
/* Dispatch argv[1] to a verb of the table; handles --help. */
int run_verb(const char *noun, const struct verb *verbs, const char *usage,
	     int argc, char **argv, struct cmd_ctx *ctx);
/* Make sure the workspace and its config are loaded: every use of ctx->ws
 * and ctx->cfg comes after a call; returns non-zero exit status (after
 * printing why) on failure. */
int need_workspace(struct cmd_ctx *ctx);
/* A path as the user should see it: relative to the current folder when
 * it lies below it. */
const char *display_path(const char *path);

/* The folder of this executable, and whether it is a build folder's
 * (<build>/cmd/trygg, beside <build>/meson-info/); NULL when unknown.
 * What the binary ships (manual pages, catalogues) is found from it, never
 * from an absolute path fixed at build time (cmd/util.c). */
char *exe_dir(bool *in_build);

/* ---- colour (cmd/util.c) ---- */

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
extern enum color_mode color_mode;
/* Colour stdout?  always and never as told; auto: a terminal, and NO_COLOR
 * unset or empty.  An explicit --color=always wins over NO_COLOR. */
bool use_color(void);
/* --color[=WHEN] (when NULL: always), given before the command or as an
 * option of trygg report; false after reporting a bad WHEN. */
bool set_color(const char *when);

/* ---- write commands (cmd/write.c) ---- */

struct write_opts {
	bool dry_run;
	double lock_timeout;
	bool lock_timeout_given;
};

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
/* Call each for every district of the workspace (the name of its plan
 * file, without .yaml), in the order of the names; 0 or the first
 * failing status (the others still run). */
typedef int district_fn(struct cmd_ctx *ctx, const char *district, void *arg);
int each_district(struct cmd_ctx *ctx, district_fn *each, void *arg);
/* write_plan within trygg batch (cmd/batch.c): note the file (first
 * pass) or apply fn to the batch's edit of it (second pass). */
int batch_write(struct cmd_ctx *ctx, const char *district, const struct write_opts *w,
		edit_fn *fn, void *arg);
/* autocommit's message: the command, the district and the IDs (one a
 * line in ids, which may be NULL): "plan add-measure Angered P6.M26". */
char *commit_message(const struct cmd_ctx *ctx, const char *district, const struct buf *ids);
/* Print out (len bytes) to standard output; when path is not NULL, the
 * file it names was just written, and a failed standard output is told
 * as such (a script that runs the command again would make the change
 * twice): then TG_EIO, and main says nothing more. */
int print_after_write(const char *path, const char *out, size_t len);

void today(char out[11]);
/* Seconds written as plain decimals ("10", "0.5"), from 0 to max: no sign,
 * exponent, hex, space or unit. */
bool parse_seconds(const char *s, double max, double *out);
bool parse_enum(const char *s, const char *const *names, int *out);
/* The contract's value for a word typed for what (status, term, kind,
 * decision, outcome, unit, direction, source, group: the value or its
 * Swedish word, in any case, with or without accents; tg_schema_value),
 * else s itself: the value to check and to store. */
const char *typed_word(const char *what, const char *s);
/* parse_enum of typed_word(what, s). */
bool parse_value(const char *what, const char *s, const char *const *names, int *out);
/* "a, b, c" of a NULL-terminated name table (caller frees). */
char *enum_list(const char *const *names);
int bad_value(const char *usage, const char *option, const char *value,
	      const char *const *names);

/* Write a report of one district (or all, with district NULL) to stdout
 * or, atomically, to output, waiting up to lock_timeout seconds for its
 * lock (cmd/report.c). */
int run_report(struct cmd_ctx *ctx, const char *district, const struct tg_report_opts *o,
	       const char *output, double lock_timeout, bool exit_code, bool no_refresh);

/* ---- output (lib/out.h) ---- */

/* A tg_table's sink: write b to standard output (and empty it); 0, or
 * TG_EIO when writing failed (main reports it). */
int sink_stdout(void *arg, struct buf *b);
/* A table of format fmt and kind (the JSON contract) written to standard
 * output as it goes; text fitted to the terminal when stdout is one. */
struct tg_table *stdout_table(enum tg_format fmt, const char *kind);
/* --format F for a listing: text, json, csv or md (not html); false after
 * reporting a bad F. */
extern const char *const listing_format_names[];   /* text json csv md */
bool parse_listing_format(const char *usage, const char *arg, enum tg_format *fmt,
			  int *status);
/* --format-version V: 1 is the only one (TG_FORMAT_VERSION). */
int check_format_version(const char *usage, const char *arg);

/* ---- read commands: ls, search, query (cmd/index.c) ---- */

struct read_opts {
	enum tg_format format;
	bool no_refresh;
};

void read_opts_init(struct read_opts *r);
/* Handle --format, --format-version and --no-refresh; true when o was one
 * of them (a bad value sets *status). */
bool read_option(struct read_opts *r, int o, const char *arg, const char *usage,
		 int *status);

struct tg_index;
struct tg_cursor;
struct tg_ls;
/* Bring the index up to date (unless no_refresh: then only a missing or
 * unusable index is built) and open it read-only in *ix.  Prints messages.
 * Returns 0; TG_EDATA when a plan file failed to load, with *ix open all
 * the same (the command goes on and exits 65); any other status with *ix
 * NULL. */
int open_index(struct cmd_ctx *ctx, bool no_refresh, struct tg_index **ix);
/* The end of a read command: print what the query (status st) said in d,
 * then the rows of c as a table of kind (the JSON contract): every
 * column, or only those named in cols (NULL-terminated) in text and md;
 * free c and ix.  Returns 0 or an exit status. */
int show_rows(struct tg_index *ix, enum tg_status st, struct tg_cursor *c,
	      struct tg_diags *d, const struct read_opts *r, const char *kind,
	      const char *const *cols);
/* trygg ls: show_rows of tg_index_ls(ix, q).  A CSV or JSON listing in the
 * order of the files, of a workspace of 8 districts or more, is made in two
 * halves with two cores: the second half of the districts on a thread and
 * connection of its own, into a temporary file, while the first goes out. */
int show_ls(struct cmd_ctx *ctx, struct tg_index *ix, const struct tg_ls *q,
	    const struct read_opts *r, const char *kind, const char *const *cols);

#endif
