/* opt.h: every command's options, described in a table from which both
 * the parsing and the option list of --help come.
 *
 *	static const struct opt opts[] = {
 *		OPT_BOOL("quiet", 'q', "print nothing when all is well"),
 *		OPT_STRING("district", OPT_DISTRICT, "D", "district D only"),
 *		WRITE_OPTS,
 *		OPT_END,
 *	};
 *	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
 *	while ((o = opt_next(&p)) != -1)
 *		switch (o) { case 'q': …  case OPT_DISTRICT: … p.value … }
 *	if (p.status)
 *		return OPT_STATUS(p.status);
 *	… the operands are p.args[0 .. p.nargs-1] …
 *
 * The words are read once, left to right; nothing looks ahead for a
 * word's meaning.  Options and operands may be mixed: "--opt VALUE",
 * "--opt=VALUE", "-x VALUE", "-xVALUE" and "-xy" (flags) are options;
 * an option that takes a value takes the next word, whatever it is
 * ("--title --help" is the title "--help"); "-" is an operand; "--" ends
 * the options.  -h and --help print the usage and the option list to
 * standard output (p.status -1: the command exits 0) unless the table
 * has its own "help".  An unknown option, a missing value or a value
 * given to an option that takes none is a usage error (p.status 2), as
 * is a bad value of --dry-run, --lock-timeout, --format,
 * --format-version and --no-refresh, which the parser handles itself
 * when the parser is given p.w or p.r.  Long names are matched whole:
 * no abbreviations (an option added later would change their meaning). */
#ifndef TRYGG_OPT_H
#define TRYGG_OPT_H

#include <stdbool.h>
#include <stdio.h>

enum opt_arg {
	OPT_NONE,       /* --opt */
	OPT_VALUE,      /* --opt VALUE, --opt=VALUE */
	OPT_MAYBE,      /* --opt or --opt=VALUE, never the next word */
};

enum opt_flags {
	OPT_FILE = 1 << 0,      /* the value names a file: no check_text */
	OPT_WRITE = 1 << 1,     /* listed under WRITE OPTIONS in --help */
};

struct opt {
	const char *name;       /* the long name, without "--" ("": none);
				 * NULL ends the table */
	int key;                /* what opt_next returns: the short option's
				 * letter when it has one, else a number
				 * from 0x100 */
	enum opt_arg arg;
	const char *meta;       /* the value's name in --help: "D", "N" */
	const char *help;       /* its text in --help; NULL: not listed */
	unsigned flags;         /* enum opt_flags */
	const char *needs;      /* what a missing value is ("a folder"), if
				 * not "a value" */
};

#define OPT_BOOL(name, key, help) { name, key, OPT_NONE, NULL, help, 0, NULL }
#define OPT_STRING(name, key, meta, help) { name, key, OPT_VALUE, meta, help, 0, NULL }
#define OPT_OPTIONAL(name, key, meta, help) { name, key, OPT_MAYBE, meta, help, 0, NULL }
#define OPT_FILENAME(name, key, meta, help) { name, key, OPT_VALUE, meta, help, OPT_FILE, NULL }
#define OPT_END { NULL, 0, OPT_NONE, NULL, NULL, 0, NULL }

enum { OPT_DRY_RUN = 0x100, OPT_LOCK_TIMEOUT, OPT_FORMAT, OPT_FORMAT_VERSION, OPT_NO_REFRESH };

#define WRITE_OPTS                                                                        \
	{ "dry-run", OPT_DRY_RUN, OPT_NONE, NULL,                                         \
	  "print the change as a unified diff, write nothing", OPT_WRITE, NULL },         \
	{ "lock-timeout", OPT_LOCK_TIMEOUT, OPT_VALUE, "SECS",                            \
	  "wait this long for another writer (default 10)", OPT_WRITE, NULL }
#define FORMAT_OPT OPT_STRING("format", OPT_FORMAT, "F", "text (default), json, csv or md")
#define READ_OPTS                                                                         \
	FORMAT_OPT,                                                                       \
	OPT_STRING("format-version", OPT_FORMAT_VERSION, "1",                             \
		   "the JSON contract's version (the only one so far)"),                               \
	OPT_BOOL("no-refresh", OPT_NO_REFRESH, "use the index as it is")

struct write_opts;
struct read_opts;

struct opt_parser {
	int argc;
	char **argv;
	const struct opt *opts;
	const char *usage;      /* the synopsis and description */
	struct write_opts *w;   /* given: takes WRITE_OPTS itself */
	struct read_opts *r;    /* given: takes READ_OPTS itself */
	bool check_text;        /* values must be texts a plan file can hold
				 * (check_text), except OPT_FILE ones */
	bool first_operand_ends; /* trygg's own options: the command ends them */
	bool sql_words;         /* "--" and white space before any '=': an
				 * operand (SQL that starts with a comment) */
	const struct opt *others; /* a sibling verb's options: one of them
				 * is "<verb> does not take --x" */
	const char *verb;
	/* the state */
	int i;                  /* the next word */
	const char *cluster;    /* the rest of "-xyz" */
	bool no_more;           /* after "--" */
	const char *value;      /* the value of the option returned, or NULL */
	const struct opt *opt;  /* the option returned */
	int status;             /* 0, -1 after --help, or an exit status */
	char **args;            /* the operands, once opt_next returned -1 */
	int nargs;
};

#define OPT_PARSER(argc_, argv_, opts_, usage_)                                          \
	{ .argc = (argc_), .argv = (argv_), .opts = (opts_), .usage = (usage_),          \
	  .check_text = true, .i = 1 }

/* The next option's key, or -1 at the end (the operands then in p->args,
 * moved to the front of argv) or when p->status is set.  A caller that
 * finds a bad value sets p->status; the next call then returns -1. */
int opt_next(struct opt_parser *p);
/* The usage text, then the table's options, one a line. */
void opt_help(FILE *f, const char *usage, const struct opt *opts);
/* "--name" of the option returned last, for messages. */
const char *opt_word(const struct opt_parser *p);

/* A command's exit status after parsing: help shown (-1) is success. */
#define OPT_STATUS(s) ((s) < 0 ? 0 : (s))

#endif
