/* The action plan, laid out as the seed's table: Problembild,
 * Orsaksanalys, Övergripande effektmål, Delmål, Åtgärder (by phase, with
 * status and due date), Ansvar. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parties responsible for any of a problem's measures, in order met,
 * comma-separated. */
static void parties(struct buf *b, const struct tg_problem *p,
		    void (*esc)(struct buf *, const char *))
{
	size_t n = 0;
	const char *seen[64];
	for (size_t i = 0; i < p->n_measures; i++)
		for (size_t j = 0; j < p->measures[i].responsible.n; j++) {
			const char *who = p->measures[i].responsible.v[j];
			bool dup = false;
			for (size_t k = 0; k < n && !dup; k++)
				dup = !strcmp(seen[k], who);
			if (dup || n == 64)
				continue;
			if (n)
				buf_adds(b, ", ");
			esc(b, who);
			seen[n++] = who;
		}
}

/* A problem's measures in phase order (stable); *n is their number. */
static const struct tg_measure **by_phase(const struct tg_problem *p, size_t *n)
{
	const struct tg_measure **v = xcalloc(p->n_measures + 1, sizeof *v);
	*n = 0;
	for (int ph = 1; ph <= TG_NPHASES; ph++)
		for (size_t j = 0; j < p->n_measures; j++)
			if (p->measures[j].phase == ph)
				v[(*n)++] = &p->measures[j];
	return v;
}

/* Does measure k of v start a new phase? */
static bool new_phase(const struct tg_measure **v, size_t k)
{
	return k == 0 || v[k - 1]->phase != v[k]->phase;
}

static void join(struct buf *b, const struct tg_strlist *l, const char *sep,
		 void (*esc)(struct buf *, const char *))
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_adds(b, sep);
		esc(b, l->v[i]);
	}
}

static void measure_meta(const struct rctx *r, struct buf *b, const struct tg_measure *m)
{
	tgi_tint_on(r, b, tgi_status_tint(m->status));
	buf_adds(b, tgi_status_label(r, m->status));
	tgi_tint_off(r, b, tgi_status_tint(m->status));
	if (m->due) {
		buf_adds(b, ", ");
		tgi_put_date(r, b, m->due);
	}
	if (tg_measure_overdue(m, r->as_of)) {
		tgi_tint_on(r, b, TG_TINT_RED);
		buf_addf(b, ", %s", r->en ? "OVERDUE" : "FÖRSENAD");
		tgi_tint_off(r, b, TG_TINT_RED);
	}
}

/* ---- text ---- */

static void text_heading(struct buf *b, const char *s, char under)
{
	buf_adds(b, s);
	buf_addc(b, '\n');
	for (size_t i = tg_utf8_width(s, strlen(s)); i > 0; i--)
		buf_addc(b, under);
	buf_addc(b, '\n');
}

static void text_list(struct buf *b, const struct tg_strlist *l, size_t indent)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < indent; k++)
			buf_addc(b, ' ');
		buf_adds(b, "• ");
		tgi_wrap(b, l->v[i], indent + 2, indent + 2, 78);
		buf_addc(b, '\n');
	}
}

static void plan_text(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	struct buf t = BUF_INIT;
	buf_adds(&t, "Trygg i ");
	tgi_text_safe(&t, p->district);
	buf_addf(&t, " — %s", tgi_lbl(r, L_PLAN_TITLE));
	text_heading(b, t.s, '=');
	buf_release(&t);
	buf_addf(b, "%s %s\n", tgi_lbl(r, L_AS_OF), r->as_of);
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		buf_addf(b, "\n%s  ", pr->id);
		tgi_wrap(b, pr->title, 6, 6, 78);
		buf_addc(b, '\n');
		if (pr->causes.n) {
			buf_addf(b, "  %s\n", tgi_lbl(r, L_CAUSES));
			text_list(b, &pr->causes, 4);
		}
		if (pr->goal) {
			buf_addf(b, "  %s\n    ", tgi_lbl(r, L_GOAL));
			tgi_wrap(b, pr->goal, 4, 4, 78);
			buf_addc(b, '\n');
		}
		if (pr->subgoals.n) {
			buf_addf(b, "  %s\n", tgi_lbl(r, L_SUBGOALS));
			text_list(b, &pr->subgoals, 4);
		}
		if (pr->n_measures)
			buf_addf(b, "  %s\n", tgi_lbl(r, L_MEASURES));
		size_t n;
		const struct tg_measure **ms = by_phase(pr, &n);
		for (size_t k = 0; k < n; k++) {
			const struct tg_measure *m = ms[k];
			if (new_phase(ms, k)) {
				buf_adds(b, "    ");
				tgi_phase_label(r, b, m->phase, tgi_text_safe);
				buf_addc(b, '\n');
			}
			buf_addf(b, "      %-8s ", m->id);
			size_t idw = tg_utf8_len(m->id, strlen(m->id));
			tgi_wrap(b, m->text, 15, 7 + (idw > 8 ? idw : 8), 78);
			buf_adds(b, "\n               [");
			measure_meta(r, b, m);
			buf_adds(b, "]");
			if (m->responsible.n) {
				/* the rest of the line after the uncoloured status */
				struct rctx plain = *r;
				struct buf meta = BUF_INIT, who = BUF_INIT;
				plain.color = false;
				measure_meta(&plain, &meta, m);
				buf_addf(&who, "%s: ", tgi_lbl(r, L_RESPONSIBLE));
				join(&who, &m->responsible, ", ", buf_adds);
				buf_addc(b, ' ');
				tgi_wrap(b, who.s, 15, 15 + tg_utf8_width(meta.s, meta.len) + 3, 78);
				buf_release(&meta);
				buf_release(&who);
			}
			buf_addc(b, '\n');
		}
		free(ms);
	}
}

/* ---- markdown ---- */

static void md_list(struct buf *b, const struct tg_strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(b, i ? "<br>• " : "• ");
		tg_md_escape(b, l->v[i]);
	}
}

static void plan_md(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	buf_addf(b, "## Trygg i ");
	tg_md_escape(b, p->district);
	buf_addf(b, " — %s\n\n%s %s\n\n", tgi_lbl(r, L_PLAN_TITLE), tgi_lbl(r, L_AS_OF), r->as_of);
	buf_addf(b, "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
		 tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_CAUSES), tgi_lbl(r, L_GOAL), tgi_lbl(r, L_SUBGOALS),
		 tgi_lbl(r, L_MEASURES), tgi_lbl(r, L_RESPONSIBLE));
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		buf_addf(b, "| **%s** ", pr->id);
		tg_md_escape(b, pr->title);
		buf_adds(b, " | ");
		md_list(b, &pr->causes);
		buf_adds(b, " | ");
		if (pr->goal)
			tg_md_escape(b, pr->goal);
		buf_adds(b, " | ");
		md_list(b, &pr->subgoals);
		buf_adds(b, " | ");
		size_t n;
		const struct tg_measure **ms = by_phase(pr, &n);
		for (size_t k = 0; k < n; k++) {
			if (new_phase(ms, k)) {
				buf_adds(b, k ? "<br>**" : "**");
				tgi_phase_label(r, b, ms[k]->phase, tg_md_escape);
				buf_adds(b, "**");
			}
			buf_adds(b, "<br>• ");
			tg_md_escape(b, ms[k]->text);
			buf_adds(b, " (");
			measure_meta(r, b, ms[k]);
			buf_adds(b, ")");
		}
		free(ms);
		buf_adds(b, " | ");
		parties(b, pr, tg_md_escape);
		buf_adds(b, " |\n");
	}
	buf_addc(b, '\n');
}

/* ---- html ---- */

static void html_list(struct buf *b, const struct tg_strlist *l)
{
	if (!l->n)
		return;
	buf_adds(b, "<ul>");
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(b, "<li>");
		tgi_html_esc(b, l->v[i]);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
}

static void plan_html_body(const struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	buf_addf(b, "<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		 tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_CAUSES), tgi_lbl(r, L_GOAL), tgi_lbl(r, L_SUBGOALS),
		 tgi_lbl(r, L_MEASURES), tgi_lbl(r, L_RESPONSIBLE));
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		buf_addf(b, "<tr id=\"%s\"><td><span class=\"id\">", pr->id);
		tgi_html_esc(b, pr->id);
		buf_adds(b, "</span> ");
		tgi_html_esc(b, pr->title);
		buf_adds(b, "</td>");
		tgi_html_td(r, L_CAUSES);
		html_list(b, &pr->causes);
		buf_adds(b, "</td>");
		tgi_html_td(r, L_GOAL);
		if (pr->goal)
			tgi_html_esc(b, pr->goal);
		buf_adds(b, "</td>");
		tgi_html_td(r, L_SUBGOALS);
		html_list(b, &pr->subgoals);
		buf_adds(b, "</td>");
		tgi_html_td(r, L_MEASURES);
		size_t n;
		const struct tg_measure **ms = by_phase(pr, &n);
		for (size_t k = 0; k < n; k++) {
			const struct tg_measure *m = ms[k];
			if (new_phase(ms, k)) {
				buf_adds(b, k ? "</ul><div class=\"phase\">" : "<div class=\"phase\">");
				tgi_phase_label(r, b, m->phase, tgi_html_esc);
				buf_adds(b, "</div><ul>");
			}
			buf_adds(b, "<li id=\"");
			tgi_html_esc(b, m->id);
			buf_adds(b, "\"><span class=\"id\">");
			tgi_html_esc(b, m->id);
			buf_adds(b, "</span> ");
			tgi_html_esc(b, m->text);
			buf_addf(b, " <span class=\"st-%s%s\">(", tg_status_names[m->status],
				 tg_measure_overdue(m, r->as_of) ? " late" : "");
			measure_meta(r, b, m);
			buf_adds(b, ")</span></li>");
		}
		if (n)
			buf_adds(b, "</ul>");
		free(ms);
		buf_adds(b, "</td>");
		tgi_html_td(r, L_RESPONSIBLE);
		parties(b, pr, tgi_html_esc);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody>\n</table></div>\n");
}

void tgi_report_plan(const struct rctx *r, enum tg_format f, const struct tg_plan *p)
{
	if (f == TG_FMT_TEXT)
		plan_text(r, p);
	else if (f == TG_FMT_MD)
		plan_md(r, p);
	else
		plan_html_body(r, p);
}

/* One row per measure; a problem without measures has one row, its
 * measure's columns empty. */
void tgi_rows_plan(const struct rctx *r, struct tg_table *t, const struct tg_plan *p)
{
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		if (!pr->n_measures)
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(pr->id),
				     TG_TEXT(pr->title), TG_LIST(pr->causes.v, pr->causes.n),
				     TG_TEXT(pr->goal), TG_LIST(pr->subgoals.v, pr->subgoals.n),
				     TG_TEXT(NULL), TG_NUM(NULL), TG_STATUS(NULL), TG_TEXT(NULL),
				     TG_STATUS(NULL), TG_DATE(NULL), TG_NO_LIST, TG_NUM(NULL) });
		for (size_t j = 0; j < pr->n_measures; j++) {
			const struct tg_measure *m = &pr->measures[j];
			char phase[4];
			snprintf(phase, sizeof phase, "%d", m->phase);
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(pr->id),
				     TG_TEXT(pr->title), TG_LIST(pr->causes.v, pr->causes.n),
				     TG_TEXT(pr->goal), TG_LIST(pr->subgoals.v, pr->subgoals.n),
				     TG_TEXT(m->id), TG_NUM(phase),
				     TG_STATUS(m->term ? tg_term_names[m->term] : NULL), TG_TEXT(m->text),
				     TG_STATUS(tg_status_names[m->status]), TG_DATE(m->due),
				     TG_LIST(m->responsible.v, m->responsible.n),
				     TG_NUM(tg_measure_overdue(m, r->as_of) ? "1" : "0") });
		}
	}
}
