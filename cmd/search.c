#include "cmd.h"
#include "index.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg search WORD... [--district D]... [--limit N]\n"
	"                    [--format text|json|csv|md] [--format-version 1] [--no-refresh]\n"
	"\n"
	"Full-text search over problem titles, causes, goals, sub-goals, measures\n"
	"and follow-ups of every district, best matches first.  A text matches\n"
	"when it holds every WORD, in any case; WORD* matches words that begin\n"
	"with WORD.  å, ä and ö are letters of their own (mål is not mal).\n"
	"\n"
	"  --district D   search district D only (may be repeated)\n"
	"  --limit N      at most N results\n"
	"  --format F     text (default), json, csv or md\n";

static const char *const text_cols[] = { "district", "id", "kind", "text", NULL };

int cmd_search(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_DISTRICT = 0x300, OPT_LIMIT };
	static const struct option opts[] = {
		{ "district", required_argument, NULL, OPT_DISTRICT },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		READ_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct read_opts r;
	read_opts_init(&r);
	struct tg_search q = { 0 };
	const char **districts = xcalloc((size_t)argc + 1, sizeof *districts);
	int status = 0, o;
	OPT_START();
	while (!status && (o = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (read_option(&r, o, optarg, usage, &status))
			continue;
		switch (o) {
		case OPT_DISTRICT:
			districts[q.n_districts++] = optarg;
			break;
		case OPT_LIMIT: {
			char *end;
			q.limit = strtol(optarg, &end, 10);
			if (!*optarg || *end || q.limit < 1)
				status = usage_error(usage, "--limit must be a whole number above 0, "
						     "not '%s'", optarg);
			break;
		}
		case 'h':
			free(districts);
			return show_usage(usage);
		default:
			status = option_error(usage, o, argv);
		}
	}
	if (!status && optind >= argc)
		status = usage_error(usage, "search needs a word to look for");
	if (status) {
		free(districts);
		return status;
	}
	struct buf text = BUF_INIT;
	for (int i = optind; i < argc; i++)
		buf_addf(&text, "%s%s", i > optind ? " " : "", argv[i]);
	q.text = text.s;
	q.districts = districts;
	struct tg_index *ix;
	status = open_index(ctx, r.no_refresh, &ix);
	if (ix) {
		struct tg_diags d = TG_DIAGS_INIT;
		struct tg_cursor *c;
		enum tg_status st = tg_index_search(ix, &q, &c, &d);
		int pst = show_rows(ix, st, c, &d, &r, text_cols);
		if (pst)
			status = pst;
	}
	buf_release(&text);
	free(districts);
	return status;
}
