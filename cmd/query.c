#include "cmd.h"
#include "index.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg query SQL [--param NAME=VALUE]... [--format text|json|csv|md]\n"
	"                   [--format-version 1] [--no-refresh] [--timeout SECS]\n"
	"\n"
	"Run one SQL statement against the index (refreshed first), opened\n"
	"read-only: statements that would write are refused.  The views\n"
	"measures_v, problems_v, followups_v, situation_v, districts_v and the\n"
	"others in trygg-index(7) are the stable interface.  SQL '-' reads the\n"
	"statement from standard input (at most 1 MiB).  SQL that starts with a\n"
	"comment ('-- …') is SQL, not an option, and so is what follows '--'.\n"
	"COLLATE sv sorts in Swedish order; lower() and upper() know å, ä and ö.\n"
	"\n"
	"  --param NAME=VALUE   bind VALUE (as text) to :NAME, @NAME or $NAME\n"
	"  --format F           text (default), json, csv or md\n"
	"  --timeout SECS       stop the statement after SECS seconds (default 10;\n"
	"                       0: no limit); SQLite's memory is limited to 256 MiB\n";

/* The most SQL read from standard input (trygg-query(1)). */
#define SQL_STDIN_MAX (1 << 20)

/* SQL that starts with a comment ("-- …", "--note: …") looks like a long
 * option to getopt; a word whose option name (up to '=') holds white
 * space can be no option, and is the SQL. */
static bool sql_word(const char *w)
{
	if (strncmp(w, "--", 2) || !w[2])
		return false;
	return strcspn(w + 2, " \t\r\n\f\v") < strcspn(w + 2, "=");
}

int cmd_query(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_PARAM = 0x300, OPT_TIMEOUT };
	static const struct option opts[] = {
		{ "param", required_argument, NULL, OPT_PARAM },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		READ_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct read_opts r;
	read_opts_init(&r);
	const char **params = xcalloc((size_t)argc + 1, sizeof *params);
	size_t n_params = 0;
	double timeout = TG_QUERY_TIMEOUT;
	const char *sql_arg = NULL;     /* the SQL, when getopt took it for an option */
	int status = 0, o;
	OPT_START();
	while (!status && (o = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (read_option(&r, o, optarg, usage, &status))
			continue;
		switch (o) {
		case OPT_PARAM:
			if (!strchr(optarg, '=') || optarg[0] == '=')
				status = usage_error(usage, "--param takes NAME=VALUE, not '%s'", optarg);
			params[n_params++] = optarg;
			break;
		case OPT_TIMEOUT:
			if (!parse_seconds(optarg, 86400, &timeout))
				status = usage_error(usage, "--timeout takes seconds from 0 to 86400, "
						     "not '%s' (plain decimals: 10, 0.5; 0: no limit)",
						     optarg);
			break;
		case 'h':
			free(params);
			return show_usage(usage);
		default:
			if (o == '?' && !sql_arg && optind > 0 && sql_word(argv[optind - 1]))
				sql_arg = argv[optind - 1];
			else
				status = option_error(usage, o, argv);
		}
	}
	int operands = argc - optind + (sql_arg != NULL);
	if (!status && !operands)
		status = usage_error(usage, "query needs an SQL statement");
	if (!status && operands > 1)
		status = usage_error(usage, "give the SQL as one argument (quote it); "
				     "found '%s' after it", argv[optind + !sql_arg]);
	if (status) {
		free(params);
		return status;
	}
	struct buf sql = BUF_INIT;
	struct tg_diags d = TG_DIAGS_INIT;
	const char *text = sql_arg ? sql_arg : argv[optind];
	if (!strcmp(text, "-")) {
		char chunk[4096];
		size_t got;
		while (sql.len <= SQL_STDIN_MAX && (got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			buf_add(&sql, chunk, got);
		if (ferror(stdin) || sql.len > SQL_STDIN_MAX) {
			if (ferror(stdin))
				error("cannot read the SQL from standard input");
			else
				usage_error(usage, "the SQL on standard input is longer than 1 MiB, "
					    "the limit");
			buf_release(&sql);
			free(params);
			return ferror(stdin) ? TG_EIO : TG_EUSAGE;
		}
	} else {
		buf_adds(&sql, text);
	}
	struct tg_index *ix;
	status = open_index(ctx, r.no_refresh, &ix);
	if (ix) {
		tg_index_bound(ix, timeout);
		struct tg_cursor *c;
		enum tg_status st = tg_index_query(ix, sql.s, params, n_params, &c, &d);
		int pst = show_rows(ix, st, c, &d, &r, NULL);
		if (pst)
			status = pst;
	}
	buf_release(&sql);
	free(params);
	return status;
}
