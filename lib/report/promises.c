/*
 * promises: the public "so it went" page of each citizen promise
 * (medborgarlöfte, DESIGN.md §7, §8) in plain words for residents: what
 * was promised, for when and by whom, what was done (the linked measures
 * with their status and follow-ups) and the outcome, all as of the
 * report's day.  csv and json: a row per promise.
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

static const enum label outcome_labels[] = { L_OUT_MET, L_OUT_PARTLY, L_OUT_NOT_MET };
static const enum label kept_labels[] = { L_KEPT_MET, L_KEPT_PARTLY, L_KEPT_NOT_MET };

/* The latest outcome dated on or before the day (ties: the later in the
 * file), or NULL. */
static const struct tg_outcome_entry *latest(const struct rctx *r, const struct tg_promise *l)
{
	const struct tg_outcome_entry *best = NULL;
	for (size_t i = 0; i < l->n_outcomes; i++) {
		const struct tg_outcome_entry *o = &l->outcomes[i];
		if (o->date && strcmp(o->date, r->as_of) <= 0 &&
		    (!best || strcmp(o->date, best->date) >= 0))
			best = o;
	}
	return best;
}

/* "Medborgarlöfte 2016 – så gick det": the years of from and to. */
static void heading(const struct rctx *r, struct buf *b, const struct tg_promise *l)
{
	buf_adds(b, tgi_lbl(r, L_PROMISE));
	const char *y0 = l->from ? l->from : l->to, *y1 = l->to ? l->to : l->from;
	if (y0)
		buf_addf(b, " %.4s", y0);
	if (y0 && strncmp(y0, y1, 4))
		buf_addf(b, "–%.4s", y1);
	buf_addf(b, " – %s", tgi_lbl(r, L_SO_IT_WENT));
}

/* "2016-01-01 – 2016-12-31" (a side not given: "…"). */
static void period(struct buf *b, const struct tg_promise *l)
{
	buf_addf(b, "%s – %s", l->from ? l->from : "…", l->to ? l->to : "…");
}

static void joined(struct buf *b, const struct tg_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
}

/* A linked measure as of the day: its status, its problem; false when it
 * is not in the plan (yet). */
static bool measure_at(const struct rctx *r, const struct tg_plan *p, const char *id,
		       const struct tg_measure **m, struct tg_problem **pr, enum tg_mstatus *st)
{
	*m = tg_plan_measure(p, id, pr);
	return *m && tg_measure_status_as_of(*m, r->as_of, st);
}

/* Does follow-up f name measure id, and is it dated by the day? */
static bool tells_of(const struct rctx *r, const struct tg_followup *f, const char *id)
{
	if (!f->date || strcmp(f->date, r->as_of) > 0)
		return false;
	for (size_t i = 0; i < f->measures.n; i++)
		if (!strcmp(f->measures.v[i], id))
			return true;
	return false;
}

/* One promise in a format, written by the functions of a writer; pw
 * keeps what is open (HTML: a list, a measure's list of follow-ups). */
struct pw {
	const struct rctx *r;
	bool list, sub;
	bool outcomes;                 /* items are outcomes: "date  word: text" */
};

struct writer {
	void (*title)(struct pw *, const struct tg_promise *);
	void (*field)(struct pw *, enum label, const char *);
	void (*section)(struct pw *, enum label);
	void (*item)(struct pw *, const char *id, const char *text, const char *note);
	void (*sub)(struct pw *, const char *date, const char *text);
	void (*end_list)(struct pw *);
	void (*line)(struct pw *, const char *text);
};

static void promise(struct pw *o, const struct writer *w, const struct tg_plan *p,
		    const struct tg_promise *l)
{
	const struct rctx *r = o->r;
	struct buf s = BUF_INIT;
	w->title(o, l);
	w->field(o, L_WE_PROMISED, l->text ? l->text : "");
	period(&s, l);
	w->field(o, L_IN_FORCE, s.s);
	if (l->signatories.n) {
		buf_reset(&s);
		joined(&s, &l->signatories);
		w->field(o, L_SIGNED_BY, s.s);
	}
	w->section(o, L_WHAT_WE_DID);
	size_t shown = 0;
	for (size_t i = 0; i < l->measures.n; i++) {
		const struct tg_measure *m;
		struct tg_problem *pr;
		enum tg_mstatus st;
		if (!measure_at(r, p, l->measures.v[i], &m, &pr, &st))
			continue;
		shown++;
		w->item(o, m->id, m->text, tgi_status_label(r, st));
		for (size_t f = 0; f < pr->n_followups; f++) {
			const struct tg_followup *u = &pr->followups[f];
			if (!tells_of(r, u, m->id))
				continue;
			buf_reset(&s);
			if (u->done)
				buf_adds(&s, u->done);
			if (u->effect)
				buf_addf(&s, "%s%s: %s", s.len ? " " : "", tgi_lbl(r, L_EFFECT), u->effect);
			w->sub(o, u->date, s.s);
		}
	}
	w->end_list(o);
	if (!shown)
		w->line(o, tgi_lbl(r, L_NO_MEASURES));
	w->section(o, L_HOW_IT_WENT);
	o->outcomes = true;
	for (size_t i = 0; i < l->n_outcomes; i++) {
		const struct tg_outcome_entry *e = &l->outcomes[i];
		if (e->date && strcmp(e->date, r->as_of) <= 0)
			w->item(o, e->date, tgi_lbl(r, outcome_labels[e->status]), e->text);
	}
	w->end_list(o);
	o->outcomes = false;
	const struct tg_outcome_entry *e = latest(r, l);
	w->line(o, tgi_lbl(r, e ? kept_labels[e->status] : L_NO_OUTCOME));
	buf_release(&s);
}

/* ---- text ---- */

static void t_title(struct pw *o, const struct tg_promise *l)
{
	struct buf h = BUF_INIT;
	heading(o->r, &h, l);
	buf_adds(o->r->out, "\n");
	tgi_text_safe(o->r->out, l->id ? l->id : "");
	buf_addf(o->r->out, "  %s\n", h.s);
	buf_release(&h);
}

static void t_field(struct pw *o, enum label l, const char *text)
{
	const char *lb = tgi_lbl(o->r, l);
	buf_addf(o->r->out, "    %s: ", lb);
	tgi_wrap(o->r->out, text, 6, 6 + tg_utf8_width(lb, strlen(lb)), 78);
	buf_addc(o->r->out, '\n');
}

static void t_section(struct pw *o, enum label l)
{
	buf_addf(o->r->out, "    %s:\n", tgi_lbl(o->r, l));
}

static void t_item(struct pw *o, const char *id, const char *text, const char *note)
{
	struct buf s = BUF_INIT, *b = o->r->out;
	buf_adds(&s, text ? text : "");
	if (note && *note)
		buf_addf(&s, o->outcomes ? ": %s" : " (%s)", note);
	buf_adds(b, "      ");
	tgi_text_safe(b, id);
	buf_adds(b, "  ");
	tgi_wrap(b, s.s, 8, 8 + tg_utf8_width(id, strlen(id)), 78);
	buf_addc(b, '\n');
	buf_release(&s);
}

static void t_sub(struct pw *o, const char *date, const char *text)
{
	buf_addf(o->r->out, "        %s: ", date);
	tgi_wrap(o->r->out, text, 10, 10 + strlen(date), 78);
	buf_addc(o->r->out, '\n');
}

static void t_end(struct pw *o)
{
	(void)o;
}

static void t_line(struct pw *o, const char *text)
{
	buf_addf(o->r->out, "    %s\n", text);
}

static const struct writer text_writer = { t_title, t_field, t_section, t_item, t_sub, t_end,
					   t_line };

/* ---- md ---- */

static void m_title(struct pw *o, const struct tg_promise *l)
{
	struct buf h = BUF_INIT, *b = o->r->out;
	heading(o->r, &h, l);
	buf_adds(b, "### ");
	if (l->id) {
		tg_md_escape(b, l->id);
		buf_adds(b, " · ");
	}
	tg_md_escape(b, h.s);
	buf_adds(b, "\n\n");
	buf_release(&h);
}

static void m_field(struct pw *o, enum label l, const char *text)
{
	buf_addf(o->r->out, "**%s:** ", tgi_lbl(o->r, l));
	tg_md_escape(o->r->out, text);
	buf_adds(o->r->out, "\n\n");
}

static void m_section(struct pw *o, enum label l)
{
	buf_addf(o->r->out, "**%s:**\n\n", tgi_lbl(o->r, l));
}

static void m_item(struct pw *o, const char *id, const char *text, const char *note)
{
	struct buf *b = o->r->out;
	buf_adds(b, "- **");
	tg_md_escape(b, id);
	buf_adds(b, "** ");
	tg_md_escape(b, text ? text : "");
	if (note && *note) {
		buf_adds(b, o->outcomes ? ": " : " (");
		tg_md_escape(b, note);
		buf_adds(b, o->outcomes ? "" : ")");
	}
	buf_addc(b, '\n');
	o->list = true;
}

static void m_sub(struct pw *o, const char *date, const char *text)
{
	buf_addf(o->r->out, "  - %s: ", date);
	tg_md_escape(o->r->out, text);
	buf_addc(o->r->out, '\n');
}

static void m_end(struct pw *o)
{
	if (o->list)
		buf_addc(o->r->out, '\n');
	o->list = false;
}

static void m_line(struct pw *o, const char *text)
{
	buf_addf(o->r->out, "%s\n\n", text);
}

static const struct writer md_writer = { m_title, m_field, m_section, m_item, m_sub, m_end,
					 m_line };

/* ---- html ---- */

static void h_close_sub(struct pw *o)
{
	if (o->sub)
		buf_adds(o->r->out, "</ul>");
	if (o->list)
		buf_adds(o->r->out, "</li>\n");
	o->sub = false;
}

static void h_title(struct pw *o, const struct tg_promise *l)
{
	struct buf h = BUF_INIT, *b = o->r->out;
	heading(o->r, &h, l);
	buf_addf(b, "<section class=\"promise\">\n<h%d>", o->r->sub);
	if (l->id) {
		buf_adds(b, "<span class=\"id\">");
		tgi_html_esc(b, l->id);
		buf_adds(b, "</span> ");
	}
	tgi_html_esc(b, h.s);
	buf_addf(b, "</h%d>\n", o->r->sub);
	buf_release(&h);
}

static void h_field(struct pw *o, enum label l, const char *text)
{
	buf_addf(o->r->out, "<p><strong>%s:</strong> ", tgi_lbl(o->r, l));
	tgi_html_esc(o->r->out, text);
	buf_adds(o->r->out, "</p>\n");
}

static void h_section(struct pw *o, enum label l)
{
	buf_addf(o->r->out, "<h%d>%s</h%d>\n", o->r->sub + 1, tgi_lbl(o->r, l), o->r->sub + 1);
}

static void h_item(struct pw *o, const char *id, const char *text, const char *note)
{
	struct buf *b = o->r->out;
	h_close_sub(o);
	if (!o->list)
		buf_adds(b, "<ul>\n");
	o->list = true;
	buf_adds(b, "<li>");
	if (tg_is_date(id)) {          /* an outcome's date */
		tgi_put_date(o->r, b, id);
	} else {
		buf_adds(b, "<span class=\"id\">");
		tgi_html_esc(b, id);
		buf_adds(b, "</span>");
	}
	buf_addc(b, ' ');
	tgi_html_esc(b, text ? text : "");
	if (note && *note && o->outcomes) {
		buf_adds(b, ": ");
		tgi_html_esc(b, note);
	} else if (note && *note) {
		buf_adds(b, " <span class=\"meta\">(");
		tgi_html_esc(b, note);
		buf_adds(b, ")</span>");
	}
}

/* A follow-up: a list inside its measure's item. */
static void h_sub(struct pw *o, const char *date, const char *text)
{
	struct buf *b = o->r->out;
	if (!o->sub)
		buf_adds(b, "\n<ul>\n");
	o->sub = true;
	buf_adds(b, "<li>");
	tgi_put_date(o->r, b, date);
	buf_adds(b, ": ");
	tgi_html_esc(b, text);
	buf_adds(b, "</li>\n");
}

static void h_end(struct pw *o)
{
	h_close_sub(o);
	if (o->list)
		buf_adds(o->r->out, "</ul>\n");
	o->list = false;
}

static void h_line(struct pw *o, const char *text)
{
	buf_adds(o->r->out, "<p>");
	tgi_html_esc(o->r->out, text);
	buf_adds(o->r->out, "</p>\n");
}

static const struct writer html_writer = { h_title, h_field, h_section, h_item, h_sub, h_end,
					   h_line };

void tgi_report_promises(const struct rctx *r, enum tg_format f, const struct tg_plan *p)
{
	struct buf *b = r->out, t = BUF_INIT;
	const struct writer *w = f == TG_FMT_TEXT ? &text_writer
				 : f == TG_FMT_MD ? &md_writer : &html_writer;
	if (f == TG_FMT_TEXT) {
		buf_adds(&t, "Trygg i ");
		tgi_text_safe(&t, p->district);
		buf_addf(&t, " — %s", tgi_lbl(r, L_PROMISES));
		buf_addf(b, "%s\n", t.s);
		for (size_t i = tg_utf8_width(t.s, t.len); i > 0; i--)
			buf_addc(b, '=');
		buf_addf(b, "\n%s %s\n", tgi_lbl(r, L_AS_OF), r->as_of);
	} else if (f == TG_FMT_MD) {
		buf_adds(b, "## Trygg i ");
		tg_md_escape(b, p->district);
		buf_addf(b, " — %s\n\n%s %s\n\n", tgi_lbl(r, L_PROMISES), tgi_lbl(r, L_AS_OF), r->as_of);
	}
	buf_release(&t);
	struct pw o = { r, false, false, false };
	if (!p->n_promises) {
		if (f == TG_FMT_TEXT)
			buf_addf(b, "\n%s\n", tgi_lbl(r, L_NO_PROMISES));
		else
			w->line(&o, tgi_lbl(r, L_NO_PROMISES));
	}
	for (size_t i = 0; i < p->n_promises; i++) {
		promise(&o, w, p, &p->promises[i]);
		if (f == TG_FMT_HTML)
			buf_adds(b, "</section>\n");
	}
}

/* One row per promise: what it is, its measures (how many done as of the
 * day) and its outcome as of the day. */
void tgi_rows_promises(const struct rctx *r, struct tg_table *t, const struct tg_plan *p)
{
	for (size_t i = 0; i < p->n_promises; i++) {
		const struct tg_promise *l = &p->promises[i];
		size_t done = 0;
		for (size_t k = 0; k < l->measures.n; k++) {
			const struct tg_measure *m;
			struct tg_problem *pr;
			enum tg_mstatus st;
			done += measure_at(r, p, l->measures.v[k], &m, &pr, &st) && st == TG_DONE;
		}
		char n[32];
		snprintf(n, sizeof n, "%zu", done);
		const struct tg_outcome_entry *o = latest(r, l);
		tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_TEXT(l->id),
			     TG_TEXT(l->text), TG_DATE(l->from), TG_DATE(l->to),
			     TG_LIST(l->signatories.v, l->signatories.n),
			     TG_LIST(l->measures.v, l->measures.n), TG_NUM(n),
			     TG_STATUS(o ? tg_outcome_names[o->status] : NULL),
			     TG_DATE(o ? o->date : NULL), TG_TEXT(o ? o->text : NULL) });
	}
}
