/* trygg situation import: a survey export (CSV) into one source's picture
 * (lib/import-situation.c). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg situation import D --source survey FILE.csv [--encoding ENC]\n"
	"                 [--group G] [--date DATE] [WRITE OPTIONS]\n"
	"\n"
	"Columns (any case, Swedish or English): problem; område/area;\n"
	"grupp/group (boende/residents, näringsidkare/businesses,\n"
	"föreningar/associations); andel/share (0.41, 0,41, 41 %); index (0-6);\n"
	"antal/respondents.  Separator ',', ';' or tab.  An area of 'samtliga'\n"
	"or 'alla' means all the district's areas.  Text: UTF-8, or UTF-16 with a\n"
	"byte order mark; --encoding windows-1252 for other files (a name ending\n"
	"in '!' converts even a file that is valid UTF-8).\n";

static enum tg_status do_import(struct tg_edit *e, void *arg, struct buf *ids, struct tg_diags *d)
{
	return tg_situation_import(e, arg, ids, d);
}

int situation_import(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_SOURCE = 0x300, OPT_ENCODING, OPT_GROUP, OPT_DATE };
	static const struct opt opts[] = {
		OPT_STRING("source", OPT_SOURCE, "survey", "the picture the rows go to"),
		OPT_STRING("encoding", OPT_ENCODING, "ENC", "windows-1252 for a file in neither UTF-8 "
			   "nor UTF-16"),
		OPT_STRING("group", OPT_GROUP, "G", "the group of rows without one: residents, "
			   "businesses or associations"),
		OPT_STRING("date", OPT_DATE, "DATE", "the date of the survey"),
		WRITE_OPTS,
		OPT_END,
	};
	struct write_opts w;
	write_opts_init(&w);
	struct tg_situation_import im = { .source = -1, .group = TG_GROUP_NONE };
	const char *group = NULL;
	int status, o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while ((o = opt_next(&p)) != -1) {
		switch (o) {
		case OPT_SOURCE:
			if (!parse_value("source", p.value, tg_source_names, &im.source))
				return bad_value(usage, "--source", p.value, tg_source_names);
			break;
		case OPT_ENCODING: im.encoding = p.value; break;
		case OPT_GROUP: group = p.value; break;
		case OPT_DATE: im.date = p.value; break;
		}
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 2)
		return usage_error(usage, "situation import takes D and FILE.csv");
	if (im.source < 0)
		return usage_error(usage, "situation import needs --source (survey)");
	if (group && !tg_survey_group(group, &im.group))
		return bad_value(usage, "--group", group, tg_group_names);
	if (im.date && !tg_is_date(im.date))
		return usage_error(usage, "--date is not a valid date: '%s' (expected YYYY-MM-DD)", im.date);
	im.path = p.args[1];
	struct tg_diags d = TG_DIAGS_INIT;
	status = tg_situation_import_read(&im, &d);
	if (im.ignored)
		say("note: %s: ignoring column%s %s", im.path, strchr(im.ignored, ',') ? "s" : "",
		    im.ignored);
	print_diags(&d);
	tg_diags_release(&d);
	if (!status)
		status = write_plan(ctx, p.args[0], &w, do_import, &im);
	tg_situation_import_release(&im);
	return status;
}
