#include "cmd.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg search WORD... [--district D]... [--limit N]\n"
	"                    [--format text|json|csv|md] [--format-version 1] [--no-refresh]\n"
	"\n"
	"Full-text search over problem titles, causes, goals, sub-goals, measures\n"
	"and follow-ups of every district, best matches first.  A text matches\n"
	"when it holds every WORD, in any case; WORD* matches words that begin\n"
	"with WORD.  å, ä and ö are letters of their own (mål is not mal).\n";

static const char *const text_cols[] = { "district", "id", "kind", "text", NULL };

int cmd_search(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_DISTRICT = 0x300, OPT_LIMIT };
	static const struct opt opts[] = {
		OPT_STRING("district", OPT_DISTRICT, "D", "search district D only (may be repeated)"),
		OPT_STRING("limit", OPT_LIMIT, "N", "at most N results"),
		READ_OPTS,
		OPT_END,
	};
	struct read_opts r;
	read_opts_init(&r);
	struct tg_search q = { 0 };
	const char **districts = xcalloc((size_t)argc + 1, sizeof *districts);
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.r = &r;
	p.check_text = false;
	int o;
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_DISTRICT) {
			districts[q.n_districts++] = p.value;
		} else {
			char *end;
			q.limit = strtol(p.value, &end, 10);
			if (!*p.value || *end || q.limit < 1)
				p.status = usage_error(usage, "--limit must be a whole number above 0, "
						       "not '%s'", p.value);
		}
	}
	int status = OPT_STATUS(p.status);
	if (!p.status && !p.nargs)
		status = usage_error(usage, "search needs a word to look for");
	if (p.status || status) {
		free(districts);
		return status;
	}
	struct buf text = BUF_INIT;
	for (int i = 0; i < p.nargs; i++)
		buf_addf(&text, "%s%s", i ? " " : "", p.args[i]);
	q.text = text.s;
	q.districts = districts;
	struct tg_index *ix;
	status = open_index(ctx, r.no_refresh, &ix);
	if (ix) {
		struct tg_diags d = TG_DIAGS_INIT;
		struct tg_cursor *c;
		enum tg_status st = tg_index_search(ix, &q, &c, &d);
		int pst = show_rows(ix, st, c, &d, &r, "search", text_cols);
		if (pst)
			status = pst;
	}
	buf_release(&text);
	free(districts);
	return status;
}
