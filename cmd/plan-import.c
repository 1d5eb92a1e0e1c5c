/* trygg plan import: many measures at once from a CSV file; all rows land
 * or none do (lib/import-plan.c). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg plan import D FILE.csv [--encoding ENC] [WRITE OPTIONS]\n"
	"\n"
	"Add one measure per row of FILE.csv to district D.  The header names the\n"
	"columns: problem, text, phase (required), term, kind, responsible (several\n"
	"names separated by ';'), due, status, strategic_areas (';'), id; or in\n"
	"Swedish: Problem, Åtgärd, Fas, Sikt, Typ, Ansvar, Klart senast, Status,\n"
	"Strategiska områden, Id.\n"
	"Separator ',', ';' or tab.  Text: UTF-8, or UTF-16 with a byte order\n"
	"mark; --encoding windows-1252 for other files (a name ending in '!'\n"
	"converts even a file that is valid UTF-8).  Prints the new IDs, one a\n"
	"line.\n";

static enum tg_status do_import(struct tg_edit *e, void *arg, struct buf *ids,
				struct tg_diags *d)
{
	return tg_plan_import(e, arg, ids, d);
}

int plan_import(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = {
		OPT_STRING("encoding", 0x300, "ENC", "windows-1252 for a file in neither UTF-8 nor "
			   "UTF-16"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	const char *encoding = NULL;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		encoding = p.value;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 2)
		return usage_error(usage, "plan import takes D and FILE.csv");
	int status = need_workspace(ctx);
	if (status)
		return status;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_csv *csv;
	struct tg_plan_import im = { .path = p.args[1], .cfg = ctx->cfg };
	status = tg_csv_read(im.path, encoding, &csv, &d);
	im.csv = csv;
	if (!status)
		status = tg_plan_import_header(&im, &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!status)
		status = write_plan(ctx, p.args[0], &w, do_import, &im);
	tg_csv_free(csv);
	return status;
}
