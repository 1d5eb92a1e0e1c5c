/* The follow-up, laid out as the seed's table: Problembild, Förslag på
 * åtgärder (short-term, long-term, social mobilisation), Genomförda
 * åtgärder, Effekt; with each indicator as baseline -> latest -> target. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum label term_labels[] = { L_OTHER_TERM, L_SHORT, L_LONG, L_MOBILISATION };
static const int term_order[] = { TG_SHORT, TG_LONG, TG_MOBILISATION, TG_TERM_NONE };

/* How a cell's lists are written.  sep goes between two of a cell's
 * lines (a heading or an item), never before the first. */
struct out {
	void (*esc)(struct buf *, const char *);
	const char *item, *item_end, *list, *list_end, *head, *head_end, *sep;
};

static const struct out md_out = { tg_md_escape, "• ", "", "", "", "**", "**", "<br>" };
static const struct out html_out = { tgi_html_esc, "<li>", "</li>", "<ul>", "</ul>",
	"<div class=\"phase\">", "</div>", "" };

/* Start a line of a cell: the separator unless it is the cell's first. */
static void line(struct buf *b, const struct out *o, bool *first)
{
	if (!*first)
		buf_adds(b, o->sep);
	*first = false;
}

static bool indicator_met(const struct tg_indicator *ind, double v)
{
	if (!ind->target.set)
		return false;
	bool down = ind->baseline.set && ind->target.value < ind->baseline.value;
	return down ? v <= ind->target.value : v >= ind->target.value;
}

/* "0.38 (2014-10-01) → 0.33 (2014-11-20) → 0.30 (2016-10-01): not met"
 * (0,38 … in Swedish) */
static void indicator_line(const struct rctx *r, struct buf *b, const struct tg_problem *p,
			   const struct tg_indicator *ind, void (*esc)(struct buf *, const char *))
{
	char num[32];
	esc(b, ind->name);
	buf_adds(b, ": ");
	if (ind->baseline.set)
		buf_adds(b, tgi_num(r, num, ind->baseline.value));
	else
		buf_adds(b, "?");
	const char *date;
	const struct tg_reading *rd = tg_latest_reading(p, ind->name, &date);
	buf_adds(b, " → ");
	if (rd) {
		buf_addf(b, "%s (", tgi_num(r, num, rd->value));
		tgi_put_date(r, b, date);
		buf_adds(b, ")");
	} else
		buf_adds(b, tgi_lbl(r, L_NO_READING));
	buf_adds(b, " → ");
	if (ind->target.set && ind->target.date) {
		buf_addf(b, "%s (", tgi_num(r, num, ind->target.value));
		tgi_put_date(r, b, ind->target.date);
		buf_adds(b, ")");
	} else if (ind->target.set)
		buf_adds(b, tgi_num(r, num, ind->target.value));
	else
		buf_adds(b, "?");
	if (rd)
		buf_addf(b, ": %s", indicator_met(ind, rd->value) ? tgi_lbl(r, L_MET) : tgi_lbl(r, L_NOT_MET));
}

/* A follow-up's date and ": " before what it says. */
static void dated(const struct rctx *r, struct buf *b, const struct tg_followup *f)
{
	if (f->date)
		tgi_put_date(r, b, f->date);
	buf_adds(b, ": ");
}

/* The cells after the problem's; sep[0] and sep[1] go before the second
 * and the third. */
static void cells(const struct rctx *r, struct buf *b, const struct tg_problem *p,
		  const struct out *o, const char *const sep[2])
{
	/* proposed, by term */
	bool first = true;
	for (int t = 0; t < 4; t++) {
		bool any = false;
		for (size_t i = 0; i < p->n_measures; i++) {
			const struct tg_measure *m = &p->measures[i];
			if ((int)m->term != term_order[t])
				continue;
			if (!any) {
				line(b, o, &first);
				buf_addf(b, "%s%s%s", o->head, tgi_lbl(r, term_labels[term_order[t]]), o->head_end);
				buf_adds(b, o->list);
				any = true;
			}
			line(b, o, &first);
			buf_adds(b, o->item);
			o->esc(b, m->text);
			buf_adds(b, o->item_end);
		}
		if (any)
			buf_adds(b, o->list_end);
	}
	buf_adds(b, sep[0]);
	/* implemented: measures done, then what the follow-ups say was done */
	first = true;
	buf_adds(b, o->list);
	for (size_t i = 0; i < p->n_measures; i++)
		if (p->measures[i].status == TG_DONE) {
			line(b, o, &first);
			buf_adds(b, o->item);
			o->esc(b, p->measures[i].text);
			buf_adds(b, o->item_end);
		}
	for (size_t f = 0; f < p->n_followups; f++)
		if (p->followups[f].done) {
			line(b, o, &first);
			buf_adds(b, o->item);
			dated(r, b, &p->followups[f]);
			o->esc(b, p->followups[f].done);
			buf_adds(b, o->item_end);
		}
	buf_adds(b, o->list_end);
	buf_adds(b, sep[1]);
	first = true;
	buf_adds(b, o->list);
	for (size_t f = 0; f < p->n_followups; f++)
		if (p->followups[f].effect) {
			line(b, o, &first);
			buf_adds(b, o->item);
			dated(r, b, &p->followups[f]);
			o->esc(b, p->followups[f].effect);
			buf_adds(b, o->item_end);
		}
	for (size_t i = 0; i < p->n_indicators; i++) {
		line(b, o, &first);
		buf_adds(b, o->item);
		indicator_line(r, b, p, &p->indicators[i], o->esc);
		buf_adds(b, o->item_end);
	}
	buf_adds(b, o->list_end);
}

static void followup_text(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	buf_adds(b, "Trygg i ");
	tgi_text_safe(b, p->district);
	buf_addf(b, " — %s\n%s %s\n", tgi_lbl(r, L_FOLLOWUP_TITLE), tgi_lbl(r, L_AS_OF), r->as_of);
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		buf_addf(b, "\n%s  ", pr->id);
		tgi_wrap(b, pr->title, 6, 6, 78);
		buf_addf(b, "\n  %s\n", tgi_lbl(r, L_PROPOSED));
		for (int t = 0; t < 4; t++) {
			bool any = false;
			for (size_t j = 0; j < pr->n_measures; j++) {
				const struct tg_measure *m = &pr->measures[j];
				if ((int)m->term != term_order[t])
					continue;
				if (!any)
					buf_addf(b, "    %s\n", tgi_lbl(r, term_labels[term_order[t]]));
				any = true;
				buf_adds(b, "      • ");
				tgi_wrap(b, m->text, 8, 8, 78);
				buf_addc(b, '\n');
			}
		}
		buf_addf(b, "  %s\n", tgi_lbl(r, L_IMPLEMENTED));
		for (size_t j = 0; j < pr->n_measures; j++)
			if (pr->measures[j].status == TG_DONE) {
				buf_adds(b, "    • ");
				tgi_wrap(b, pr->measures[j].text, 6, 6, 78);
				buf_addc(b, '\n');
			}
		for (size_t f = 0; f < pr->n_followups; f++)
			if (pr->followups[f].done) {
				buf_addf(b, "    • %s: ", pr->followups[f].date);
				tgi_wrap(b, pr->followups[f].done, 6, 18, 78);
				buf_addc(b, '\n');
			}
		buf_addf(b, "  %s\n", tgi_lbl(r, L_EFFECT));
		for (size_t f = 0; f < pr->n_followups; f++)
			if (pr->followups[f].effect) {
				buf_addf(b, "    • %s: ", pr->followups[f].date);
				tgi_wrap(b, pr->followups[f].effect, 6, 18, 78);
				buf_addc(b, '\n');
			}
		for (size_t k = 0; k < pr->n_indicators; k++) {
			buf_adds(b, "    • ");
			struct buf line = BUF_INIT;
			indicator_line(r, &line, pr, &pr->indicators[k], buf_adds);
			tgi_wrap(b, line.s, 6, 6, 78);
			buf_release(&line);
			buf_addc(b, '\n');
		}
	}
}

void tgi_report_followup(const struct rctx *r, enum tg_format f, const struct tg_plan *p)
{
	struct buf *b = r->out;
	if (f == TG_FMT_TEXT) {
		followup_text(r, p);
		return;
	}
	const struct out *o = f == TG_FMT_MD ? &md_out : &html_out;
	if (f == TG_FMT_MD) {
		buf_adds(b, "## Trygg i ");
		tg_md_escape(b, p->district);
		buf_addf(b, " — %s\n\n%s %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
			 tgi_lbl(r, L_FOLLOWUP_TITLE), tgi_lbl(r, L_AS_OF), r->as_of, tgi_lbl(r, L_PROBLEM),
			 tgi_lbl(r, L_PROPOSED), tgi_lbl(r, L_IMPLEMENTED), tgi_lbl(r, L_EFFECT));
	} else {
		buf_addf(b, "<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			 tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_PROPOSED), tgi_lbl(r, L_IMPLEMENTED), tgi_lbl(r, L_EFFECT));
	}
	static const char *const md_seps[2] = { " | ", " | " };
	char *html_seps[3];
	static const enum label sep_labels[3] = { L_PROPOSED, L_IMPLEMENTED, L_EFFECT };
	for (int k = 0; k < 3; k++)
		html_seps[k] = xasprintf("</td><td data-label=\"%s\">", tgi_lbl(r, sep_labels[k]));
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		buf_adds(b, f == TG_FMT_MD ? "| **" : "<tr><td><span class=\"id\">");
		buf_adds(b, pr->id);
		buf_adds(b, f == TG_FMT_MD ? "** " : "</span> ");
		o->esc(b, pr->title);
		buf_adds(b, f == TG_FMT_MD ? " | " : html_seps[0]);
		cells(r, b, pr, o, f == TG_FMT_MD ? md_seps : (const char *const *)html_seps + 1);
		buf_adds(b, f == TG_FMT_MD ? " |\n" : "</td></tr>\n");
	}
	for (int k = 0; k < 3; k++)
		free(html_seps[k]);
	buf_adds(b, f == TG_FMT_MD ? "\n" : "</tbody>\n</table></div>\n");
}

void tgi_rows_followup(const struct rctx *r, struct tg_table *t, const struct tg_plan *p)
{
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		for (size_t f = 0; f < pr->n_followups; f++) {
			const struct tg_followup *fu = &pr->followups[f];
			char buf[64];
			const char *id = tg_followup_id(pr, f, buf, sizeof buf);
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(pr->id),
				     TG_TEXT(pr->title), TG_TEXT(id), TG_DATE(fu->date),
				     TG_LIST(fu->measures.v, fu->measures.n), TG_TEXT(fu->done),
				     TG_TEXT(fu->effect) });
		}
		for (size_t k = 0; k < pr->n_indicators; k++) {
			const struct tg_indicator *ind = &pr->indicators[k];
			struct buf line = BUF_INIT;
			indicator_line(r, &line, pr, ind, buf_adds);
			char id[64];
			snprintf(id, sizeof id, "%s.I%zu", pr->id, k + 1);
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(pr->id),
				     TG_TEXT(pr->title), TG_TEXT(id), TG_DATE(NULL), TG_NO_LIST,
				     TG_TEXT(NULL), TG_TEXT(line.s) });
			buf_release(&line);
		}
	}
}
