/*
 * indicators: every indicator of a plan with its baseline, latest reading,
 * target and verdict as of the report's day (DESIGN.md §7, lib/cycle.c);
 * in html a small chart per indicator.
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

/* An indicator as the report shows it. */
struct ind {
	const struct tg_problem *pr;
	const struct tg_indicator *in;
	bool has_latest;
	struct tg_dated latest;        /* as of the day, after the baseline or not */
	enum tg_verdict verdict;
	enum tg_direction better;      /* tg_indicator_direction */
};

static struct ind ind_at(const struct rctx *r, const struct tg_problem *pr,
			 const struct tg_indicator *in)
{
	struct ind x = { pr, in, false, { NULL, 0, NULL }, TG_V_NONE, tg_indicator_direction(in) };
	x.has_latest = tg_indicator_latest(pr, in, r->as_of, &x.latest);
	x.verdict = tg_indicator_verdict(pr, in, r->as_of, NULL);
	return x;
}

static const enum label verdict_labels[] = {
	[TG_V_NONE] = L_NONE, [TG_V_NO_READING] = L_NO_READING, [TG_V_ON_TRACK] = L_IN_STEP,
	[TG_V_OFF_TRACK] = L_BEHIND, [TG_V_MET] = L_MET, [TG_V_NOT_MET] = L_NOT_MET,
};

static const enum label unit_labels[] = { L_NONE, L_UNIT_SHARE, L_UNIT_COUNT, L_UNIT_INDEX,
	L_UNIT_RATE };

/* A value for people: a share in per cent, else as it is ("–": none). */
static const char *value_str(const struct rctx *r, char *s, size_t n, const struct tg_indicator *in,
			     bool set, double v)
{
	char num[32];
	if (!set)
		snprintf(s, n, "%s", tgi_lbl(r, L_NONE));
	else if (in->unit == TG_UNIT_SHARE)
		snprintf(s, n, "%s %%", tgi_num(r, num, v * 100));
	else
		snprintf(s, n, "%s", tgi_num(r, num, v));
	return s;
}

/* "antal, lägre är bättre; källa: …" (may be empty). */
static void about(const struct rctx *r, struct buf *b, const struct ind *x)
{
	const struct tg_indicator *in = x->in;
	if (in->unit)
		buf_adds(b, tgi_lbl(r, unit_labels[in->unit]));
	if (x->better)
		buf_addf(b, "%s%s", b->len ? ", " : "",
			 tgi_lbl(r, x->better == TG_DOWN ? L_LOWER_BETTER : L_HIGHER_BETTER));
	if (in->source)
		buf_addf(b, "%s%s: %s", b->len ? "; " : "", tgi_lbl(r, L_SOURCE), in->source);
}

/* "120 (2020-01-01)": a point and its date. */
static void point(const struct rctx *r, struct buf *b, const struct tg_indicator *in, bool set,
		  double v, const char *date)
{
	char s[64];
	buf_adds(b, value_str(r, s, sizeof s, in, set, v));
	if (set && date)
		buf_addf(b, " (%s)", date);
}

static void text_heading(struct buf *b, const char *s)
{
	buf_adds(b, s);
	buf_addc(b, '\n');
	for (size_t i = tg_utf8_width(s, strlen(s)); i > 0; i--)
		buf_addc(b, '=');
	buf_addc(b, '\n');
}

/* "  Utgångsläge  120 (2020-01-01)": a label padded to the widest. */
static void text_row(const struct rctx *r, struct buf *b, enum label l, const char *value)
{
	static const enum label all[] = { L_BASELINE, L_LATEST, L_TARGET, L_VERDICT };
	size_t w = 0;
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		const char *s = tgi_lbl(r, all[i]);
		size_t n = tg_utf8_width(s, strlen(s));
		w = n > w ? n : w;
	}
	const char *s = tgi_lbl(r, l);
	buf_addf(b, "         %s", s);
	for (size_t n = tg_utf8_width(s, strlen(s)); n < w + 2; n++)
		buf_addc(b, ' ');
	buf_addf(b, "%s\n", value);
}

static void ind_text(const struct rctx *r, const struct ind *x)
{
	struct buf *b = r->out, line = BUF_INIT;
	const struct tg_indicator *in = x->in;
	buf_addf(b, "  %-6s ", in->id ? in->id : "");
	tgi_wrap(b, in->name ? in->name : "", 9, 9, 78);
	buf_addc(b, '\n');
	about(r, &line, x);
	if (line.len) {
		buf_adds(b, "         ");
		tgi_wrap(b, line.s, 9, 9, 78);
		buf_addc(b, '\n');
	}
	const struct tg_point pts[3] = { in->baseline, { x->has_latest, x->latest.value, x->latest.date },
					 in->target };
	static const enum label names[3] = { L_BASELINE, L_LATEST, L_TARGET };
	for (int c = 0; c < 3; c++) {
		buf_reset(&line);
		point(r, &line, in, pts[c].set, pts[c].value, pts[c].date);
		text_row(r, b, names[c], line.s);
	}
	text_row(r, b, L_VERDICT, tgi_lbl(r, verdict_labels[x->verdict]));
	buf_release(&line);
}

static void plan_text(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out, t = BUF_INIT;
	buf_adds(&t, "Trygg i ");
	tgi_text_safe(&t, p->district);
	buf_addf(&t, " — %s", tgi_lbl(r, L_INDICATORS));
	text_heading(b, t.s);
	buf_release(&t);
	buf_addf(b, "%s %s\n", tgi_lbl(r, L_AS_OF), r->as_of);
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		if (!pr->n_indicators)
			continue;
		buf_addf(b, "\n%s  ", pr->id);
		tgi_wrap(b, pr->title, 6, 6, 78);
		buf_addc(b, '\n');
		for (size_t k = 0; k < pr->n_indicators; k++) {
			struct ind x = ind_at(r, pr, &pr->indicators[k]);
			ind_text(r, &x);
		}
	}
}

static void plan_md(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	buf_adds(b, "## Trygg i ");
	tg_md_escape(b, p->district);
	buf_addf(b, " — %s\n\n%s %s\n\n", tgi_lbl(r, L_INDICATORS), tgi_lbl(r, L_AS_OF), r->as_of);
	buf_addf(b, "| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---:|---:|---:|---|\n",
		 tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_ID), tgi_lbl(r, L_INDICATOR),
		 tgi_lbl(r, L_BASELINE), tgi_lbl(r, L_LATEST), tgi_lbl(r, L_TARGET),
		 tgi_lbl(r, L_VERDICT));
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		for (size_t k = 0; k < pr->n_indicators; k++) {
			struct ind x = ind_at(r, pr, &pr->indicators[k]);
			const struct tg_indicator *in = x.in;
			struct buf cell = BUF_INIT;
			buf_addf(b, "| **%s** ", pr->id);
			tg_md_escape(b, pr->title);
			buf_addf(b, " | %s | ", in->id ? in->id : "");
			tg_md_escape(b, in->name ? in->name : "");
			about(r, &cell, &x);
			if (cell.len) {
				buf_adds(b, "<br>");
				tg_md_escape(b, cell.s);
			}
			const struct tg_point pts[3] = { in->baseline,
				{ x.has_latest, x.latest.value, x.latest.date }, in->target };
			for (int c = 0; c < 3; c++) {
				buf_reset(&cell);
				point(r, &cell, in, pts[c].set, pts[c].value, pts[c].date);
				buf_adds(b, " | ");
				tg_md_escape(b, cell.s);
			}
			buf_addf(b, " | %s |\n", tgi_lbl(r, verdict_labels[x.verdict]));
			buf_release(&cell);
		}
	}
}

/* ---- html: a table, and a chart per indicator ---- */

static const char *verdict_colour(enum tg_verdict v)
{
	return v == TG_V_ON_TRACK || v == TG_V_MET ? "#2e9e4f"
	       : v == TG_V_OFF_TRACK || v == TG_V_NOT_MET ? "#d93025" : "#6b7280";
}

/* The chart's scales: days to x, values to y; the first and last day. */
struct scale { double d0, d1, v0, v1; const char *first, *last; };

#define CH_W 440
#define CH_X0 48.0
#define CH_X1 380.0
#define CH_Y0 30.0
#define CH_Y1 112.0

static double sx(const struct scale *s, const char *date)
{
	double d = (double)tg_day_number(date);
	return CH_X0 + (CH_X1 - CH_X0) * (s->d1 > s->d0 ? (d - s->d0) / (s->d1 - s->d0) : 0.5);
}

static double sy(const struct scale *s, double v)
{
	return CH_Y1 - (CH_Y1 - CH_Y0) * (s->v1 > s->v0 ? (v - s->v0) / (s->v1 - s->v0) : 0.5);
}

static void widen(struct scale *s, bool *any, const char *date, double v)
{
	double d = (double)tg_day_number(date);
	if (!*any) {
		*s = (struct scale){ d, d, v, v, date, date };
		*any = true;
		return;
	}
	if (strcmp(date, s->first) < 0)
		s->first = date;
	if (strcmp(date, s->last) > 0)
		s->last = date;
	s->d0 = d < s->d0 ? d : s->d0;
	s->d1 = d > s->d1 ? d : s->d1;
	s->v0 = v < s->v0 ? v : s->v0;
	s->v1 = v > s->v1 ? v : s->v1;
}

/* Every reading of x's indicator as of the report's day, oldest first is
 * not promised: the chart draws points, and a line through them by date. */
static size_t readings(const struct rctx *r, const struct ind *x, struct tg_dated *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < x->in->n_readings && n < max; i++)
		if (strcmp(x->in->readings[i].date, r->as_of) <= 0)
			out[n++] = x->in->readings[i];
	for (size_t f = 0; f < x->pr->n_followups; f++) {
		const struct tg_followup *fu = &x->pr->followups[f];
		if (!fu->date || strcmp(fu->date, r->as_of) > 0)
			continue;
		for (size_t i = 0; i < fu->n_readings && n < max; i++)
			if (x->in->name && !strcmp(fu->readings[i].name, x->in->name))
				out[n++] = (struct tg_dated){ fu->date, fu->readings[i].value, NULL };
	}
	/* by date, for the line (insertion: a few readings) */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(out[k - 1].date, out[k].date) > 0; k--) {
			struct tg_dated t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

#define MAX_POINTS 200

/* A labelled mark of the legend under the chart. */
static void legend(const struct rctx *r, struct buf *b, int x, const char *shape,
		   enum label what, const struct tg_indicator *in, bool set, double v)
{
	char s[64];
	buf_addf(b, "%s<text x=\"%d\" y=\"146\">%s %s</text>\n", shape, x + 12, tgi_lbl(r, what),
		 value_str(r, s, sizeof s, in, set, v));
}

static void chart(const struct rctx *r, const struct ind *x)
{
	struct buf *b = r->out;
	const struct tg_indicator *in = x->in;
	struct tg_dated pts[MAX_POINTS];
	size_t n = readings(r, x, pts, MAX_POINTS);
	struct scale s = { 0, 0, 0, 0, NULL, NULL };
	bool any = false;
	const struct tg_point *bl = &in->baseline, *tg = &in->target;
	if (bl->set && bl->date)
		widen(&s, &any, bl->date, bl->value);
	if (tg->set && tg->date)
		widen(&s, &any, tg->date, tg->value);
	for (size_t i = 0; i < n; i++)
		widen(&s, &any, pts[i].date, pts[i].value);
	if (!any)
		return;                     /* nothing dated to draw */
	double pad = (s.v1 - s.v0) * 0.1;
	s.v0 -= pad > 0 ? pad : 1;
	s.v1 += pad > 0 ? pad : 1;
	buf_addf(b, "<svg role=\"img\" width=\"%d\" height=\"156\" viewBox=\"0 0 %d 156\" "
		    "font-size=\"11\"><title>", CH_W, CH_W);
	tgi_html_esc(b, in->name ? in->name : "");
	buf_adds(b, "</title>\n");
	/* the plot's frame and its first and last day */
	buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f6f8fa\" "
		    "stroke=\"#c8ccd0\"/>\n", CH_X0, CH_Y0, CH_X1 - CH_X0, CH_Y1 - CH_Y0);
	buf_addf(b, "<text x=\"%.1f\" y=\"126\">%s</text><text x=\"%.1f\" y=\"126\" "
		    "text-anchor=\"end\">%s</text>\n", CH_X0, s.first, CH_X1, s.last);
	/* which way is better: an arrow beside the plot, and its words */
	if (x->better) {
		bool down = x->better == TG_DOWN;
		double ya = down ? CH_Y0 + 8 : CH_Y1 - 8, yb = down ? CH_Y1 - 8 : CH_Y0 + 8;
		buf_addf(b, "<line x1=\"400\" y1=\"%.1f\" x2=\"400\" y2=\"%.1f\" stroke=\"#2e9e4f\" "
			    "stroke-width=\"3\"/><path d=\"M393 %.1f L407 %.1f L400 %.1f Z\" "
			    "fill=\"#2e9e4f\"/>\n", ya, yb, yb + (down ? -6 : 6), yb + (down ? -6 : 6),
			 yb + (down ? 6 : -6));
		buf_addf(b, "<text x=\"%d\" y=\"18\" text-anchor=\"end\" fill=\"#2e9e4f\">%s %s</text>\n",
			 CH_W - 4, tgi_lbl(r, down ? L_LOWER_BETTER : L_HIGHER_BETTER), down ? "↓" : "↑");
	}
	/* the plan: the straight line from baseline to target */
	if (bl->set && bl->date && tg->set && tg->date)
		buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#0b5394\" "
			    "stroke-dasharray=\"5 4\"/>\n", sx(&s, bl->date), sy(&s, bl->value),
			 sx(&s, tg->date), sy(&s, tg->value));
	/* the readings, through the baseline */
	if (n) {
		buf_adds(b, "<polyline fill=\"none\" stroke=\"#1d1d1f\" points=\"");
		if (bl->set && bl->date)
			buf_addf(b, "%.1f,%.1f ", sx(&s, bl->date), sy(&s, bl->value));
		for (size_t i = 0; i < n; i++)
			buf_addf(b, "%s%.1f,%.1f", i ? " " : "", sx(&s, pts[i].date), sy(&s, pts[i].value));
		buf_adds(b, "\"/>\n");
		for (size_t i = 0; i < n; i++)
			buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1d1d1f\"/>",
				 sx(&s, pts[i].date), sy(&s, pts[i].value));
		buf_addc(b, '\n');
	}
	if (bl->set && bl->date)
		buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#6b7280\"/>\n",
			 sx(&s, bl->date), sy(&s, bl->value));
	if (tg->set && tg->date)
		buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" stroke=\"#0b5394\" "
			    "stroke-width=\"2\"/>\n", sx(&s, tg->date), sy(&s, tg->value));
	if (x->has_latest)
		buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n",
			 sx(&s, x->latest.date), sy(&s, x->latest.value), verdict_colour(x->verdict));
	/* the three values, labelled, under the plot */
	legend(r, b, 8, "<circle cx=\"12\" cy=\"142\" r=\"4\" fill=\"#6b7280\"/>", L_BASELINE, in,
	       bl->set, bl->value);
	char shape[128];
	snprintf(shape, sizeof shape, "<circle cx=\"152\" cy=\"142\" r=\"5\" fill=\"%s\"/>",
		 verdict_colour(x->verdict));
	legend(r, b, 148, shape, L_LATEST, in, x->has_latest, x->latest.value);
	legend(r, b, 288, "<circle cx=\"292\" cy=\"142\" r=\"5\" fill=\"none\" stroke=\"#0b5394\" "
	       "stroke-width=\"2\"/>", L_TARGET, in, tg->set, tg->value);
	buf_adds(b, "</svg>\n");
}

static void plan_html(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		if (!pr->n_indicators)
			continue;
		buf_addf(b, "<h%d id=\"", r->sub);
		tgi_html_esc(b, pr->id);
		buf_adds(b, "\"><span class=\"id\">");
		tgi_html_esc(b, pr->id);
		buf_adds(b, "</span> ");
		tgi_html_esc(b, pr->title);
		buf_addf(b, "</h%d>\n", r->sub);
		for (size_t k = 0; k < pr->n_indicators; k++) {
			struct ind x = ind_at(r, pr, &pr->indicators[k]);
			const struct tg_indicator *in = x.in;
			struct buf line = BUF_INIT;
			buf_adds(b, "<figure><figcaption>");
			if (in->id) {
				buf_adds(b, "<span class=\"id\">");
				tgi_html_esc(b, in->id);
				buf_adds(b, "</span> ");
			}
			tgi_html_esc(b, in->name ? in->name : "");
			buf_addf(b, " — <span style=\"color:%s\">%s</span></figcaption>\n",
				 verdict_colour(x.verdict), tgi_lbl(r, verdict_labels[x.verdict]));
			about(r, &line, &x);
			if (line.len) {
				buf_adds(b, "<p class=\"meta\">");
				tgi_html_esc(b, line.s);
				buf_adds(b, "</p>\n");
			}
			buf_reset(&line);
			buf_addf(&line, "%s ", tgi_lbl(r, L_BASELINE));
			point(r, &line, in, in->baseline.set, in->baseline.value, in->baseline.date);
			buf_addf(&line, " → %s ", tgi_lbl(r, L_LATEST));
			point(r, &line, in, x.has_latest, x.latest.value, x.latest.date);
			buf_addf(&line, " → %s ", tgi_lbl(r, L_TARGET));
			point(r, &line, in, in->target.set, in->target.value, in->target.date);
			buf_adds(b, "<p>");
			tgi_html_esc(b, line.s);
			buf_adds(b, "</p>\n");
			chart(r, &x);
			buf_adds(b, "</figure>\n");
			buf_release(&line);
		}
	}
}

void tgi_report_indicators(const struct rctx *r, enum tg_format f, const struct tg_plan *p)
{
	if (f == TG_FMT_TEXT)
		plan_text(r, p);
	else if (f == TG_FMT_MD)
		plan_md(r, p);
	else
		plan_html(r, p);
}

/* One row per indicator, the numbers as numbers (§8's columns); what is
 * not there is no value. */
void tgi_rows_indicators(const struct rctx *r, struct tg_table *t, const struct tg_plan *p)
{
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		for (size_t k = 0; k < pr->n_indicators; k++) {
			struct ind x = ind_at(r, pr, &pr->indicators[k]);
			const struct tg_indicator *in = x.in;
			const struct tg_point *bl = &in->baseline, *tg = &in->target;
			char bv[32], lv[32], tv[32];
			snprintf(bv, sizeof bv, "%.15g", bl->value);
			snprintf(lv, sizeof lv, "%.15g", x.latest.value);
			snprintf(tv, sizeof tv, "%.15g", tg->value);
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(pr->id),
				     TG_TEXT(in->id), TG_TEXT(in->name),
				     TG_STATUS(in->unit ? tg_unit_names[in->unit - 1] : NULL),
				     TG_STATUS(in->direction ? tg_direction_names[in->direction - 1] : NULL),
				     TG_NUM(bl->set ? bv : NULL), TG_DATE(bl->set ? bl->date : NULL),
				     TG_NUM(x.has_latest ? lv : NULL),
				     TG_DATE(x.has_latest ? x.latest.date : NULL),
				     TG_NUM(tg->set ? tv : NULL), TG_DATE(tg->set ? tg->date : NULL),
				     TG_STATUS(x.verdict ? tg_verdict_names[x.verdict] : NULL) });
		}
	}
}
