/* The situation picture: what each source named, and the joint picture. */
#include "report.h"

#include <stdio.h>
#include <string.h>

static void areas_str(struct buf *b, const struct tg_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
}

static void item_meta(const struct rctx *r, struct buf *b, const struct tg_sitem *it)
{
	bool any = false;
	if (it->group) {
		buf_addf(b, "%s", tgi_group_label(r, it->group));
		any = true;
	}
	if (it->has_share) {
		buf_addf(b, "%s%.0f %%", any ? ", " : "", it->share * 100);
		any = true;
	}
	char num[32];
	if (it->has_index)
		buf_addf(b, "%s%s %s", any ? ", " : "", tgi_lbl(r, L_INDEX), tgi_num(r, num, it->index));
}

static void sources_str(const struct rctx *r, struct buf *b, unsigned sources)
{
	bool first = true;
	for (int s = 0; s < TG_NSOURCES; s++)
		if (sources & (1u << s)) {
			buf_addf(b, "%s%s", first ? "" : ", ", tgi_source_label(r, s));
			first = false;
		}
}

void tgi_report_situation(const struct rctx *r, enum tg_format f, const struct tg_plan *p)
{
	struct buf *b = r->out;
	bool md = f == TG_FMT_MD, html = f == TG_FMT_HTML;
	void (*esc)(struct buf *, const char *) = md ? tg_md_escape : html ? tgi_html_esc : tgi_text_safe;
	if (!html) {
		buf_addf(b, "%sTrygg i ", md ? "## " : "");
		esc(b, p->district);
		buf_addf(b, " — %s\n", tgi_lbl(r, L_SITUATION_TITLE));
		if (!md)
			buf_addc(b, '\n');
	}
	for (int s = 0; s < TG_NSOURCES; s++) {
		const struct tg_source *src = &p->sources[s];
		if (!src->node)
			continue;
		struct buf h = BUF_INIT;
		buf_adds(&h, tgi_source_label(r, s));
		if (src->date)
			buf_addf(&h, " (%s)", src->date);
		if (html) {
			buf_addf(b, "<h%d>", r->sub);
			tgi_html_esc(b, tgi_source_label(r, s));
			if (src->date) {
				buf_adds(b, " (");
				tgi_put_date(r, b, src->date);
				buf_adds(b, ")");
			}
			buf_addf(b, "</h%d>\n<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>%s</th>"
				    "<th>%s</th><th>%s</th></tr></thead><tbody>\n", r->sub,
				 tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_AREAS), tgi_lbl(r, L_DETAILS));
		} else if (md) {
			buf_addf(b, "\n### ");
			tg_md_escape(b, h.s);
			buf_addf(b, "\n\n| %s | %s | %s |\n|---|---|---|\n", tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_AREAS),
				 tgi_lbl(r, L_DETAILS));
		} else {
			tgi_text_safe(b, h.s);
			buf_addc(b, '\n');
		}
		buf_release(&h);
		for (size_t i = 0; i < src->n_items; i++) {
			const struct tg_sitem *it = &src->items[i];
			struct buf areas = BUF_INIT, meta = BUF_INIT;
			areas_str(&areas, &it->areas);
			item_meta(r, &meta, it);
			if (html || md) {
				buf_adds(b, html ? "<tr><td>" : "| ");
				esc(b, it->title);
				buf_adds(b, html ? "</td>" : " | ");
				if (html)
					tgi_html_td(r, L_AREAS);
				esc(b, areas.s);
				buf_adds(b, html ? "</td>" : " | ");
				if (html)
					tgi_html_td(r, L_DETAILS);
				esc(b, meta.s);
				buf_adds(b, html ? "</td></tr>\n" : " |\n");
			} else {
				struct buf line = BUF_INIT;
				buf_adds(&line, it->title);
				if (areas.len)
					buf_addf(&line, " (%s)", areas.s);
				if (meta.len)
					buf_addf(&line, " — %s", meta.s);
				buf_adds(b, "  • ");
				tgi_wrap(b, line.s, 4, 4, 78);
				buf_addc(b, '\n');
				buf_release(&line);
			}
			buf_release(&areas);
			buf_release(&meta);
		}
		if (html)
			buf_adds(b, "</tbody></table></div>\n");
		else if (!md)
			buf_addc(b, '\n');
	}
	if (html)
		buf_addf(b, "<h%d>%s</h%d>\n<div class=\"scroll\"><table class=\"stack\"><thead><tr>"
			    "<th>%s</th><th>%s</th><th>%s</th><th class=\"num\">%s</th></tr></thead>"
			    "<tbody>\n", r->sub, tgi_lbl(r, L_JOINT), r->sub, tgi_lbl(r, L_PROBLEM),
			 tgi_lbl(r, L_SOURCES), tgi_lbl(r, L_AREAS), tgi_lbl(r, L_SHARE));
	else if (md)
		buf_addf(b, "\n### %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", tgi_lbl(r, L_JOINT),
			 tgi_lbl(r, L_ID), tgi_lbl(r, L_PROBLEM), tgi_lbl(r, L_SOURCES), tgi_lbl(r, L_AREAS), tgi_lbl(r, L_SHARE));
	else
		buf_addf(b, "%s\n", tgi_lbl(r, L_JOINT));
	for (size_t j = 0; j < p->n_joint; j++) {
		const struct tg_joint *jt = &p->joint[j];
		struct buf areas = BUF_INIT, srcs = BUF_INIT;
		areas_str(&areas, &jt->areas);
		sources_str(r, &srcs, jt->sources);
		char share[16] = "";
		if (jt->has_share)
			snprintf(share, sizeof share, "%.0f %%", jt->share * 100);
		if (md) {
			buf_addf(b, "| %s | ", jt->id);
			esc(b, jt->title);
			buf_adds(b, " | ");
			esc(b, srcs.s);
			buf_adds(b, " | ");
			esc(b, areas.s);
			buf_adds(b, " | ");
			buf_adds(b, share);
			buf_adds(b, " |\n");
		} else if (html) {
			buf_adds(b, "<tr><td><span class=\"id\">");
			tgi_html_esc(b, jt->id);
			buf_adds(b, "</span> ");
			tgi_html_esc(b, jt->title);
			buf_adds(b, "</td>");
			tgi_html_td(r, L_SOURCES);
			esc(b, srcs.s);
			buf_adds(b, "</td>");
			tgi_html_td(r, L_AREAS);
			esc(b, areas.s);
			buf_addf(b, "</td><td class=\"num\" data-label=\"%s\">", tgi_lbl(r, L_SHARE));
			buf_adds(b, share);
			buf_adds(b, "</td></tr>\n");
		} else {
			buf_addf(b, "  %-4s ", jt->id);
			tgi_wrap(b, jt->title, 7, 7, 78);
			struct buf line = BUF_INIT;
			buf_addf(&line, "%s: %s", tgi_lbl(r, L_SOURCES), srcs.s);
			if (share[0])
				buf_addf(&line, "; %s %s", tgi_lbl(r, L_SHARE), share);
			if (areas.len)
				buf_addf(&line, "; %s: %s", tgi_lbl(r, L_AREAS), areas.s);
			buf_adds(b, "\n       ");
			tgi_wrap(b, line.s, 7, 7, 78);
			buf_addc(b, '\n');
			buf_release(&line);
		}
		buf_release(&areas);
		buf_release(&srcs);
	}
	buf_adds(b, html ? "</tbody></table></div>\n" : "\n");
}

void tgi_rows_situation(const struct rctx *r, struct tg_table *t, const struct tg_plan *p)
{
	(void)r;
	char num[32];
	for (int s = 0; s < TG_NSOURCES; s++)
		for (size_t i = 0; i < p->sources[s].n_items; i++) {
			const struct tg_sitem *it = &p->sources[s].items[i];
			if (it->has_share)
				snprintf(num, sizeof num, "%g", it->share);
			tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district),
				     TG_STATUS(tg_source_names[s]), TG_TEXT(NULL), TG_TEXT(it->title),
				     TG_LIST(it->areas.v, it->areas.n),
				     TG_STATUS(it->group ? tg_group_names[it->group] : NULL),
				     TG_LIST(&tg_source_names[s], 1), TG_NUM(it->has_share ? num : NULL) });
		}
	for (size_t j = 0; j < p->n_joint; j++) {
		const struct tg_joint *jt = &p->joint[j];
		const char *srcs[TG_NSOURCES];
		size_t n = 0;
		for (int s = 0; s < TG_NSOURCES; s++)
			if (jt->sources & (1u << s))
				srcs[n++] = tg_source_names[s];
		if (jt->has_share)
			snprintf(num, sizeof num, "%g", jt->share);
		tg_table_row(t, (struct tg_cell[]){ TG_TEXT(p->district), TG_STATUS("joint"),
			     TG_TEXT(jt->id), TG_TEXT(jt->title), TG_LIST(jt->areas.v, jt->areas.n),
			     TG_STATUS(NULL), TG_LIST(srcs, n), TG_NUM(jt->has_share ? num : NULL) });
	}
}
