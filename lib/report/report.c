#include "report.h"

#include <stdio.h>
#include <stdlib.h>

const char *const tg_report_names[] = { "plan", "followup", "situation", "overview", "overdue",
	"site", "indicators", "promises", NULL };

static const char *const row_specs[] = {
	[TG_REPORT_PLAN] = "district problem problem_title causes:l goal subgoals:l measure "
			   "phase:n term:s text status:s due:d responsible:l overdue:n",
	[TG_REPORT_FOLLOWUP] = "district problem problem_title id date:d measures:l done effect",
	[TG_REPORT_SITUATION] = "district source:s id title areas:l group:s sources:l share:n",
	[TG_REPORT_OVERVIEW] = "district measures:n phase1:n phase2:n phase3:n open:n overdue:n "
			       "done:n indicators:n on_track:n light:s stale:f",
	[TG_REPORT_OVERDUE] = "responsible district measure text phase:n status:s due:d "
			      "days_late:n",
	[TG_REPORT_INDICATORS] = "district problem indicator name unit:s direction:s "
				 "baseline:n baseline_date:d latest:n latest_date:d target:n target_date:d "
				 "verdict:s",
	[TG_REPORT_PROMISES] = "district promise text from:d to:d signatories:l measures:l "
			       "measures_done:n outcome:s outcome_date:d outcome_text",
};

static const enum label titles[] = { L_PLAN_TITLE, L_FOLLOWUP_TITLE, L_SITUATION_TITLE,
	L_OVERVIEW_TITLE, L_OVERDUE_TITLE, L_OVERVIEW_TITLE, L_INDICATORS, L_PROMISES };

typedef void per_plan_fn(const struct rctx *, enum tg_format, const struct tg_plan *);
typedef void per_plan_rows_fn(const struct rctx *, struct tg_table *, const struct tg_plan *);

static void body(const struct rctx *r, const struct tg_report_opts *o, const struct tg_report_input *in,
		 const struct overview_data *ov, const struct late *late, size_t n_late,
		 struct tg_table *rows)
{
	bool tabular = o->format == TG_FMT_CSV || o->format == TG_FMT_JSON;
	if (o->kind == TG_REPORT_OVERVIEW) {
		if (tabular)
			tgi_rows_overview(r, rows, ov);
		else
			tgi_report_overview(r, o->format, ov);
	} else if (o->kind == TG_REPORT_OVERDUE) {
		if (tabular)
			tgi_rows_overdue(rows, late, n_late);
		else
			tgi_report_overdue(r, o->format, late, n_late);
	} else {
		static per_plan_fn *const per[] = { [TG_REPORT_PLAN] = tgi_report_plan,
			[TG_REPORT_FOLLOWUP] = tgi_report_followup,
			[TG_REPORT_SITUATION] = tgi_report_situation,
			[TG_REPORT_INDICATORS] = tgi_report_indicators,
			[TG_REPORT_PROMISES] = tgi_report_promises };
		static per_plan_rows_fn *const per_rows[] = { [TG_REPORT_PLAN] = tgi_rows_plan,
			[TG_REPORT_FOLLOWUP] = tgi_rows_followup,
			[TG_REPORT_SITUATION] = tgi_rows_situation,
			[TG_REPORT_INDICATORS] = tgi_rows_indicators,
			[TG_REPORT_PROMISES] = tgi_rows_promises };
		for (size_t i = 0; i < in->n; i++) {
			if (tabular) {
				per_rows[o->kind](r, rows, in->plans[i]);
				continue;
			}
			if (i && o->format == TG_FMT_TEXT)
				buf_adds(r->out, "\n\n");
			if (o->format == TG_FMT_HTML && in->n > 1) {
				/* the page is the city's: a section per district */
				buf_adds(r->out, "<h2>Trygg i ");
				tgi_html_esc(r->out, in->plans[i]->district);
				buf_adds(r->out, "</h2>\n");
			}
			per[o->kind](r, o->format, in->plans[i]);
		}
	}
}

enum tg_status tg_report(struct buf *out, const struct tg_report_input *in,
			 const struct tg_config *cfg, const struct tg_report_opts *o,
			 size_t *overdue, struct tg_diags *d)
{
	struct rctx r = { out, cfg, o->english, o->as_of, o->color && o->format == TG_FMT_TEXT,
			  o->format == TG_FMT_HTML, in->n > 1 ? 3 : 2, false, NULL, 0,
			  o->format == TG_FMT_CSV || o->format == TG_FMT_JSON };
	enum tg_report_kind k = o->kind;
	struct overview_data ov = { 0 };
	struct late *late = NULL;
	size_t n_late = 0;
	enum tg_status st = TG_OK;
	*overdue = 0;
	if (k == TG_REPORT_SITE) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "a site is many files: tg_report_site writes it");
		return TG_EUSAGE;
	}
	if (k == TG_REPORT_OVERVIEW)
		st = tgi_overview_load(in->ix, o->as_of, in->file, &ov, d);
	else if (k == TG_REPORT_OVERDUE)
		st = tgi_overdue_load(in->ix, &r, in->file, &late, &n_late, d);
	*overdue = n_late;
	if (st) {
		tgi_overview_release(&ov);
		tgi_late_release(late, n_late);
		return st;
	}
	struct tg_table *rows = NULL;
	if (o->format == TG_FMT_CSV || o->format == TG_FMT_JSON) {
		char kind[32];
		snprintf(kind, sizeof kind, "report-%s", tg_report_names[k]);
		rows = tg_table_new(o->format, kind, out);
		tg_table_cols(rows, row_specs[k]);
	}
	if (o->format == TG_FMT_HTML) {
		/* the page names the district when there is one, else the city */
		const char *who = in->n == 1 ? in->plans[0]->district : ov.n == 1 && in->file ? ov.names[0]
				  : cfg && cfg->city ? cfg->city : tgi_lbl(&r, L_CITY);
		struct buf title = BUF_INIT;
		buf_addf(&title, "Trygg i %s — %s", who, tgi_lbl(&r, titles[k]));
		tgi_html_open(&r, title.s);
		if (k < TG_REPORT_OVERVIEW || k >= TG_REPORT_INDICATORS) {
			buf_adds(out, "<h1>");
			tgi_html_esc(out, title.s);
			buf_addf(out, "</h1>\n<p class=\"meta\">%s ", tgi_lbl(&r, L_AS_OF));
			tgi_put_date(&r, out, o->as_of);
			buf_adds(out, "</p>\n");
		}
		buf_release(&title);
	}
	body(&r, o, in, &ov, late, n_late, rows);
	if (rows)
		tg_table_finish(rows);
	tg_table_free(rows);
	if (o->format == TG_FMT_HTML)
		tgi_html_close(&r);
	tgi_overview_release(&ov);
	tgi_late_release(late, n_late);
	return TG_OK;
}
