#include "report.h"

const char *const tg_report_names[] = { "plan", "followup", "situation", "overview", "overdue", NULL };
const char *const tg_format_names[] = { "text", "md", "html", "csv", "json", NULL };

static const char *const row_specs[] = {
	[TG_REPORT_PLAN] = "district problem problem_title causes goal subgoals measure phase:n "
			   "term text status due responsible overdue:b",
	[TG_REPORT_FOLLOWUP] = "district problem problem_title id date measures done effect",
	[TG_REPORT_SITUATION] = "district source id title areas group sources share:n",
	[TG_REPORT_OVERVIEW] = "district measures:n phase1:n phase2:n phase3:n open:n overdue:n "
			       "done:n indicators:n on_track:n light",
	[TG_REPORT_OVERDUE] = "responsible district measure text phase:n status due days_late:n",
};

static const enum label titles[] = { L_PLAN_TITLE, L_FOLLOWUP_TITLE, L_SITUATION_TITLE,
	L_OVERVIEW_TITLE, L_OVERDUE_TITLE };

typedef void per_plan_fn(const struct rctx *, enum tg_format, const struct tg_plan *);
typedef void per_plan_rows_fn(const struct rctx *, struct tg_rows *, const struct tg_plan *);

size_t tg_report(struct buf *out, struct tg_rows *rows, const struct tg_plan *const *plans,
		 size_t n, const struct tg_config *cfg, const struct tg_report_opts *o)
{
	struct rctx r = { out, cfg, o->english, o->as_of, o->color && o->format == TG_FMT_TEXT };
	enum tg_report_kind k = o->kind;
	size_t found = 0;
	if (o->format == TG_FMT_CSV || o->format == TG_FMT_JSON) {
		static per_plan_rows_fn *const per[] = { rows_plan, rows_followup, rows_situation };
		tg_rows_init(rows, row_specs[k]);
		if (k == TG_REPORT_OVERVIEW)
			rows_overview(&r, rows, plans, n);
		else if (k == TG_REPORT_OVERDUE)
			found = rows_overdue(&r, rows, plans, n);
		else
			for (size_t i = 0; i < n; i++)
				per[k](&r, rows, plans[i]);
		return found;
	}
	if (o->format == TG_FMT_HTML) {
		struct buf title = BUF_INIT;
		buf_addf(&title, "Trygg i %s — %s", n == 1 ? plans[0]->district
			 : cfg && cfg->city ? cfg->city : lbl(&r, L_CITY), lbl(&r, titles[k]));
		html_open(&r, title.s);
		if (k < TG_REPORT_OVERVIEW) {
			buf_adds(out, "<h1>");
			html_esc(out, title.s);
			buf_addf(out, "</h1>\n<p class=\"meta\">%s %s</p>\n", lbl(&r, L_AS_OF), o->as_of);
		}
		buf_release(&title);
	}
	if (k == TG_REPORT_OVERVIEW) {
		report_overview(&r, o->format, plans, n);
	} else if (k == TG_REPORT_OVERDUE) {
		found = report_overdue(&r, o->format, plans, n);
	} else {
		static per_plan_fn *const per[] = { report_plan, report_followup, report_situation };
		for (size_t i = 0; i < n; i++) {
			if (i && o->format == TG_FMT_TEXT)
				buf_adds(out, "\n\n");
			per[k](&r, o->format, plans[i]);
		}
	}
	if (o->format == TG_FMT_HTML)
		html_close(&r);
	return found;
}
