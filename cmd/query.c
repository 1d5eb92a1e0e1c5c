#include "cmd.h"
#include "index.h"

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
	"COLLATE sv sorts in Swedish order; lower() and upper() know å, ä and ö.\n";

/* The most SQL read from standard input (trygg-query(1)). */
#define SQL_STDIN_MAX (1 << 20)

int cmd_query(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_PARAM = 0x300, OPT_TIMEOUT };
	static const struct opt opts[] = {
		OPT_STRING("param", OPT_PARAM, "NAME=VALUE", "bind VALUE (as text) to :NAME, @NAME "
			   "or $NAME"),
		READ_OPTS,
		OPT_STRING("timeout", OPT_TIMEOUT, "SECS", "stop the statement after SECS seconds "
			   "(default 10; 0: no limit); SQLite's memory is limited to 256 MiB"),
		OPT_END,
	};
	struct read_opts r;
	read_opts_init(&r);
	const char **params = xcalloc((size_t)argc + 1, sizeof *params);
	size_t n_params = 0;
	double timeout = TG_QUERY_TIMEOUT;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.r = &r;
	p.check_text = false;
	p.sql_words = true;
	int o;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_PARAM) {
			if (!strchr(p.value, '=') || p.value[0] == '=')
				p.status = usage_error(usage, "--param takes NAME=VALUE, not '%s'",
						       p.value);
			params[n_params++] = p.value;
		} else if (!parse_seconds(p.value, 86400, &timeout)) {
			p.status = usage_error(usage, "--timeout takes seconds from 0 to 86400, "
					       "not '%s' (plain decimals: 10, 0.5; 0: no limit)", p.value);
		}
	}
	int status = OPT_STATUS(p.status);
	if (!p.status && !p.nargs)
		status = usage_error(usage, "query needs an SQL statement");
	if (!p.status && p.nargs > 1)
		status = usage_error(usage, "give the SQL as one argument (quote it); "
				     "found '%s' after it", p.args[1]);
	if (p.status || status) {
		free(params);
		return status;
	}
	struct buf sql = BUF_INIT;
	struct tg_diags d = TG_DIAGS_INIT;
	const char *text = p.args[0];
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
		int pst = show_rows(ix, st, c, &d, &r, "query", NULL);
		if (pst)
			status = pst;
	}
	buf_release(&sql);
	free(params);
	return status;
}
