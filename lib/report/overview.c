/* The overview (per district and city-wide) and the overdue list. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* x as printf's "%.1f" writes it, without printf's exact decimal
 * conversion where x × 10 is clearly not near a half (a nation's bar
 * charts have tens of thousands of these). */
static const char *dec1(char out[32], double x)
{
	double t = x * 10, f = floor(t);
	if (!(!signbit(x) && t < 1e15 && fabs(t - f - 0.5) > 1e-6)) {
		snprintf(out, 32, "%.1f", x);
		return out;
	}
	long long v = (long long)f + (t - f > 0.5);
	char *p = out + 31;
	*p = '\0';
	*--p = (char)('0' + v % 10);
	*--p = '.';
	v /= 10;
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	return p;
}

enum light tgi_stats_light(const struct tg_stats *s, const struct tg_config *cfg)
{
	if (!s->measures)
		return LIGHT_NONE;
	double yellow = cfg ? cfg->yellow : 0.10, red = cfg ? cfg->red : 0.25;
	double share = s->open ? (double)s->overdue / (double)s->open : 0;
	return share >= red ? LIGHT_RED : share >= yellow ? LIGHT_YELLOW : LIGHT_GREEN;
}

static const enum label light_labels[] = { L_NONE, L_GREEN, L_YELLOW, L_RED };
static const char *const light_class[] = { "none", "green", "yellow", "red" };

const char *tgi_light_label(const struct rctx *r, enum light l)
{
	return tgi_lbl(r, light_labels[l]);
}

static void pct(char *out, size_t n, size_t part, size_t whole)
{
	if (whole)
		snprintf(out, n, "%.0f %%", 100.0 * (double)part / (double)whole);
	else
		snprintf(out, n, "–");
}

/* ---- SVG charts ---- */

static const char *const status_colours[TG_NSTATUS] = { "#9aa5b1", "#0b5394", "#f2c12e",
	"#2e9e4f", "#d0d0d0" };

/* One horizontal stacked bar per row: counts[row][k], coloured by k; a
 * row whose blank[row] is set has no figures: no bar, "–" for its sum. */
static void svg_bars(const struct rctx *r, const char *caption, const char *const *rows,
		     size_t nrows, size_t (*counts)[TG_NSTATUS], const bool *blank, size_t nk,
		     const char *const *key_names, const char *const *colours)
{
	struct buf *b = r->out;
	size_t max = 1;
	for (size_t i = 0; i < nrows; i++) {
		size_t sum = 0;
		for (size_t k = 0; k < nk; k++)
			sum += counts[i][k];
		if (sum > max)
			max = sum;
	}
	size_t longest = 0;
	for (size_t i = 0; i < nrows; i++) {
		size_t l = tg_utf8_len(rows[i], strlen(rows[i]));
		if (l > longest)
			longest = l;
	}
	const int label_w = 16 + 7 * (int)(longest > 10 ? longest : 10);
	const int bar_w = 420, row_h = 22, top = 28;
	int height = top + (int)nrows * row_h + 10;
	buf_adds(b, "<figure><figcaption>");
	tgi_html_esc(b, caption);
	buf_addf(b, "</figcaption>\n<svg role=\"img\" "
		    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"12\">\n",
		 label_w + bar_w + 60, height, label_w + bar_w + 60, height);
	/* legend */
	int x = label_w;
	for (size_t k = 0; k < nk; k++) {
		buf_addf(b, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"13\">", x, colours[k], x + 14);
		tgi_html_esc(b, key_names[k]);
		buf_adds(b, "</text>\n");
		x += 14 + 8 * (int)tg_utf8_len(key_names[k], strlen(key_names[k])) + 12;
	}
	for (size_t i = 0; i < nrows; i++) {
		int y = top + (int)i * row_h;
		buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w - 8, y + 14);
		tgi_html_esc(b, rows[i]);
		buf_adds(b, "</text>");
		double bx = label_w;
		size_t sum = 0;
		for (size_t k = 0; k < nk; k++) {
			double w = (double)bar_w * (double)counts[i][k] / (double)max;
			char xs[32], ws[32];
			if (counts[i][k])
				buf_addf(b, "<rect x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\">"
					    "<title>%zu</title></rect>", dec1(xs, bx), y + 2, dec1(ws, w),
					 row_h - 6, colours[k], counts[i][k]);
			bx += w;
			sum += counts[i][k];
		}
		char xs[32], sums[32];
		snprintf(sums, sizeof sums, "%zu", sum);
		buf_addf(b, "<text x=\"%s\" y=\"%d\">%s</text>\n", dec1(xs, bx + 6), y + 14,
			 blank && blank[i] ? tgi_lbl(r, L_NONE) : sums);
	}
	buf_adds(b, "</svg></figure>\n");
}

/* Indicators: a line from baseline to target with the latest reading. */
static void svg_indicators(const struct rctx *r, const struct overview_data *o)
{
	struct buf *b = r->out;
	size_t count = o->n_charted;
	if (!count)
		return;
	size_t shown = o->n_inds;
	const int w = 400, row_h = 40;
	int height = 10 + (int)shown * row_h;
	buf_adds(b, "<figure><figcaption>");
	tgi_html_esc(b, tgi_lbl(r, L_INDICATOR_PROGRESS));
	buf_addf(b, "</figcaption>\n<svg role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		    "font-size=\"12\">\n", w + 80, height, w + 80, height);
	int row = 0;
	for (size_t i = 0; i < shown; i++) {
		const struct ind_row *ind = &o->inds[i];
		int y = 5 + row++ * row_h;
		buf_addf(b, "<text x=\"0\" y=\"%d\">", y + 10);
		tgi_html_esc(b, ind->label);
		buf_adds(b, "</text>");
		y += 14;
		double span = ind->target - ind->baseline;
		double frac = ind->has_latest && span != 0 ? (ind->latest - ind->baseline) / span : 0;
		frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
		buf_addf(b, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8ccd0\" "
			    "stroke-width=\"6\"/>", y + 10, w, y + 10);
		char n1[32], n2[32];
		if (ind->has_latest)
			buf_addf(b, "<line x1=\"0\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
				    "stroke-width=\"6\"/><circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#1d1d1f\">"
				    "<title>%s (%s)</title></circle>", y + 10, w * frac, y + 10,
				 frac >= 1 ? "#2e9e4f" : "#0b5394", w * frac, y + 10, tgi_num(r, n1, ind->latest),
				 ind->latest_date ? ind->latest_date : "");
		buf_addf(b, "<text x=\"%d\" y=\"%d\">%s → %s</text>\n", w + 8, y + 14,
			 tgi_num(r, n1, ind->baseline), tgi_num(r, n2, ind->target));
	}
	buf_adds(b, "</svg>");
	if (count > shown)
		buf_addf(b, "<figcaption>… %zu %s</figcaption>", count - shown, r->en ? "more" : "till");
	buf_adds(b, "</figure>\n");
}

/* ---- overview ---- */

/* "Kunde inte läsas – siffrorna är från 2015-05-30", or without the
 * figures' date when there are none. */
static void unread_note(const struct rctx *r, struct buf *b, const struct stale *s)
{
	buf_adds(b, tgi_lbl(r, L_UNREAD));
	if (s->figures && s->from[0])
		buf_addf(b, " – %s %s", tgi_lbl(r, L_FIGURES_FROM), s->from);
}

/* Below the table: a line for each district whose file could not be read. */
static void unread_notes(const struct rctx *r, enum tg_format f, const struct overview_data *o)
{
	struct buf *b = r->out;
	bool any = false;
	for (size_t i = 0; i < o->n; i++) {
		if (!o->stale[i].stale)
			continue;
		buf_adds(b, any ? "" : "\n");
		any = true;
		buf_adds(b, f == TG_FMT_MD ? "- " : "");
		tgi_tint_on(r, b, TG_TINT_RED);
		(f == TG_FMT_MD ? tg_md_escape : tgi_text_safe)(b, o->names[i]);
		buf_adds(b, ": ");
		unread_note(r, b, &o->stale[i]);
		tgi_tint_off(r, b, TG_TINT_RED);
		buf_addc(b, '\n');
	}
}

void tgi_report_overview(const struct rctx *r, enum tg_format f, const struct overview_data *o)
{
	struct buf *b = r->out;
	size_t n = o->n;
	const struct tg_stats *st = o->st, *city = &o->st[n];
	const char *title = tgi_lbl(r, L_OVERVIEW_TITLE);
	const char *city_name = r->cfg && r->cfg->city ? r->cfg->city : tgi_lbl(r, L_CITY);
	bool html = f == TG_FMT_HTML, md = f == TG_FMT_MD;
	if (html) {
		buf_adds(b, "<h1>Trygg i ");
		tgi_html_esc(b, city_name);
		buf_addf(b, " — %s</h1>\n<p class=\"meta\">%s ", title, tgi_lbl(r, L_AS_OF));
		tgi_put_date(r, b, r->as_of);
		buf_adds(b, "</p>\n");
	} else {
		buf_addf(b, "%sTrygg i ", md ? "# " : "");
		(md ? tg_md_escape : tgi_text_safe)(b, city_name);
		buf_addf(b, " — %s\n%s%s %s\n\n", title, md ? "\n" : "", tgi_lbl(r, L_AS_OF), r->as_of);
	}
	/* the main table */
	const char *heads[] = { tgi_lbl(r, L_DISTRICT), tgi_lbl(r, L_TOTAL), "F1", "F2", "F3",
		tgi_lbl(r, L_OPEN), tgi_lbl(r, L_OVERDUE), tgi_lbl(r, L_DONE_SHARE),
		tgi_lbl(r, L_ON_TRACK), tgi_lbl(r, L_LIGHT) };
	enum { NH = 10 };
	static const enum tg_tint light_tints[] = { TG_TINT_NONE, TG_TINT_GREEN, TG_TINT_YELLOW,
		TG_TINT_RED };
	struct tg_table *t = tg_table_new(f, NULL, b);
	tg_table_color(t, r->color);
	for (int c = 0; c < NH; c++)
		tg_table_col(t, heads[c], c == 0 || c == 9 ? TG_CELL_TEXT : TG_CELL_NUMBER);
	for (size_t i = 0; i <= n; i++) {
		const struct tg_stats *s = &st[i];
		char cells[NH][64];
		snprintf(cells[1], 64, "%zu", s->measures);
		for (int ph = 1; ph <= TG_NPHASES; ph++) {
			size_t c = 0;
			for (int k = 0; k < TG_NSTATUS; k++)
				c += s->by_phase_status[ph][k];
			snprintf(cells[1 + ph], 64, "%zu", c);
		}
		snprintf(cells[5], 64, "%zu", s->open);
		snprintf(cells[6], 64, "%zu", s->overdue);
		pct(cells[7], 64, s->by_status[TG_DONE], s->measures);
		snprintf(cells[8], 64, "%zu/%zu", s->on_track, s->indicators);
		enum light light = tgi_stats_light(s, r->cfg);
		snprintf(cells[9], 64, "%s", tgi_light_label(r, light));
		if (i < n && !o->stale[i].figures)        /* never read: no figures */
			for (int c = 1; c < NH; c++)
				snprintf(cells[c], 64, "%s", tgi_lbl(r, L_NONE));
		struct tg_cell row[NH] = { TG_TEXT(i < n ? o->names[i] : tgi_lbl(r, L_TOTAL)) };
		struct buf href = BUF_INIT, note = BUF_INIT;
		row[0].head = i == n;
		if (r->site && i < n && o->paths[i] && tgi_site_has_page(r, o->paths[i])) {
			tgi_site_page(&href, o->paths[i], true);
			row[0].href = href.s;
		}
		if (i < n && o->stale[i].stale) {
			unread_note(r, &note, &o->stale[i]);
			row[0].note = note.s;
		}
		for (int c = 1; c < NH; c++)
			row[c] = (struct tg_cell)TG_NUM(cells[c]);
		row[6].tint = i < n && s->overdue ? TG_TINT_RED : TG_TINT_NONE;
		row[9] = (struct tg_cell)TG_TEXT(cells[9]);
		row[9].tint = light_tints[light];
		row[9].dot = light_class[light];
		tg_table_row(t, row);
		buf_release(&href);
		buf_release(&note);
	}
	tg_table_finish(t);
	tg_table_free(t);
	if (!html)
		unread_notes(r, f, o);
	/* measures per strategic area of the programme, city-wide */
	if (r->cfg && r->cfg->n_areas) {
		if (html)
			buf_addf(b, "<h2>%s</h2>\n<div class=\"scroll\"><table><thead><tr><th>#</th><th>%s</th><th class=\"num\">%s</th>"
				    "</tr></thead><tbody>\n", tgi_lbl(r, L_STRATEGIC), tgi_lbl(r, L_AREA),
				 tgi_lbl(r, L_MEASURES));
		else if (md)
			buf_addf(b, "\n## %s\n\n| # | %s | %s |\n|---:|---|---:|\n", tgi_lbl(r, L_STRATEGIC),
				 tgi_lbl(r, L_AREA), tgi_lbl(r, L_MEASURES));
		else
			buf_addf(b, "\n%s\n", tgi_lbl(r, L_STRATEGIC));
		for (size_t k = 0; k < r->cfg->n_areas; k++) {
			int id = r->cfg->areas[k].id;
			size_t c = id > 0 && id < TG_STATS_AREAS ? city->by_area[id] : 0;
			if (html) {
				buf_addf(b, "<tr><td>%d</td><td>", id);
				tgi_html_esc(b, r->cfg->areas[k].name);
				buf_addf(b, "</td><td class=\"num\">%zu</td></tr>\n", c);
			} else if (md) {
				buf_addf(b, "| %d | ", id);
				tg_md_escape(b, r->cfg->areas[k].name);
				buf_addf(b, " | %zu |\n", c);
			} else {
				buf_addf(b, "  %2d  %4zu  ", id, c);
				tgi_text_safe(b, r->cfg->areas[k].name);
				buf_addc(b, '\n');
			}
		}
		if (html)
			buf_adds(b, "</tbody></table></div>\n");
	}
	if (html) {
		const char **names = xcalloc(n + 1, sizeof *names);
		size_t (*counts)[TG_NSTATUS] = xcalloc(n + 1, sizeof *counts);
		bool *blank = xcalloc(n + 1, sizeof *blank);
		const char *status_names[TG_NSTATUS];
		for (int k = 0; k < TG_NSTATUS; k++)
			status_names[k] = tgi_status_label(r, k);
		for (size_t i = 0; i < n; i++) {
			names[i] = o->names[i];
			memcpy(counts[i], st[i].by_status, sizeof counts[i]);
			blank[i] = !o->stale[i].figures;
		}
		buf_addf(b, "<h2>%s</h2>\n", tgi_lbl(r, L_MEASURES));
		svg_bars(r, tgi_lbl(r, L_BY_STATUS), names, n, counts, blank, TG_NSTATUS, status_names,
			 status_colours);
		struct buf ph[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
		const char *phase_names[3];
		size_t (*pc)[TG_NSTATUS] = xcalloc(3, sizeof *pc);
		for (int p = 0; p < 3; p++) {
			tgi_phase_label(r, &ph[p], p + 1, buf_adds);   /* svg_bars escapes */
			phase_names[p] = ph[p].s;
			memcpy(pc[p], city->by_phase_status[p + 1], sizeof pc[p]);
		}
		svg_bars(r, tgi_lbl(r, L_BY_PHASE), phase_names, 3, pc, NULL, TG_NSTATUS, status_names,
			 status_colours);
		svg_indicators(r, o);
		for (int p = 0; p < 3; p++)
			buf_release(&ph[p]);
		free(pc);
		free(names);
		free(counts);
		free(blank);
	}
}

void tgi_rows_overview(const struct rctx *r, struct tg_table *t, const struct overview_data *o)
{
	static const char *const light_names[] = { "none", "green", "yellow", "red" };
	for (size_t i = 0; i < o->n; i++) {
		const struct tg_stats *s = &o->st[i];
		char v[10][32];
		snprintf(v[0], 32, "%zu", s->measures);
		for (int ph = 1; ph <= TG_NPHASES; ph++) {
			size_t c = 0;
			for (int k = 0; k < TG_NSTATUS; k++)
				c += s->by_phase_status[ph][k];
			snprintf(v[ph], 32, "%zu", c);
		}
		snprintf(v[4], 32, "%zu", s->open);
		snprintf(v[5], 32, "%zu", s->overdue);
		snprintf(v[6], 32, "%zu", s->by_status[TG_DONE]);
		snprintf(v[7], 32, "%zu", s->indicators);
		snprintf(v[8], 32, "%zu", s->on_track);
		struct tg_cell row[12] = { TG_TEXT(o->names[i]) };
		for (int k = 0; k < 9; k++)     /* never read: no figures */
			row[k + 1] = (struct tg_cell)TG_NUM(o->stale[i].figures ? v[k] : NULL);
		row[10] = (struct tg_cell)TG_STATUS(light_names[tgi_stats_light(s, r->cfg)]);
		row[11] = (struct tg_cell)TG_BOOL(o->stale[i].stale);
		tg_table_row(t, row);
	}
}

/* ---- overdue ---- */

int tgi_cmp_late(const void *a, const void *b)
{
	const struct late *x = a, *y = b;
	int c = tg_collate_sv(x->who, strlen(x->who), y->who, strlen(y->who));
	if (c)
		return c;
	c = strcmp(x->due, y->due);
	if (c)
		return c;
	c = tg_collate_sv(x->district, strlen(x->district), y->district, strlen(y->district));
	return c ? c : strcmp(x->id, y->id);
}

void tgi_report_overdue(const struct rctx *r, enum tg_format f, const struct late *v, size_t count)
{
	struct buf *b = r->out;
	bool html = f == TG_FMT_HTML, md = f == TG_FMT_MD;
	void (*esc)(struct buf *, const char *) = md ? tg_md_escape : html ? tgi_html_esc : tgi_text_safe;
	if (html) {
		buf_addf(b, "<h1>%s</h1>\n<p class=\"meta\">%s ", tgi_lbl(r, L_OVERDUE_TITLE), tgi_lbl(r, L_AS_OF));
		tgi_put_date(r, b, r->as_of);
		buf_adds(b, "</p>\n");
	} else
		buf_addf(b, "%s%s\n%s%s %s\n", md ? "# " : "", tgi_lbl(r, L_OVERDUE_TITLE), md ? "\n" : "",
			 tgi_lbl(r, L_AS_OF), r->as_of);
	if (!count)
		buf_addf(b, html ? "<p>%s</p>\n" : "\n%s\n", tgi_lbl(r, L_NO_OVERDUE));
	for (size_t i = 0; i < count; i++) {
		bool first = i == 0 || strcmp(v[i].who, v[i - 1].who);
		bool last = i + 1 == count || strcmp(v[i].who, v[i + 1].who);
		if (first) {
			if (html) {
				buf_adds(b, "<h2>");
				tgi_html_esc(b, v[i].who);
				buf_addf(b, "</h2>\n<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
					    "<th class=\"num\">%s</th><th>%s</th></tr></thead><tbody>\n",
					 tgi_lbl(r, L_DISTRICT), tgi_lbl(r, L_ID), tgi_lbl(r, L_MEASURE), tgi_lbl(r, L_DUE),
					 tgi_lbl(r, L_DAYS_LATE), tgi_lbl(r, L_STATUS));
			} else {
				buf_addf(b, "\n%s", md ? "## " : "");
				esc(b, v[i].who);
				buf_addc(b, '\n');
				if (md)
					buf_addf(b, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---:|---|\n",
						 tgi_lbl(r, L_DISTRICT), tgi_lbl(r, L_ID), tgi_lbl(r, L_MEASURE),
						 tgi_lbl(r, L_DUE), tgi_lbl(r, L_DAYS_LATE), tgi_lbl(r, L_STATUS));
			}
		}
		const struct late *m = &v[i];
		if (html && r->site && m->file && tgi_site_has_page(r, m->file)) {
			/* in a site: to the district's page, and the measure on it */
			struct buf page = BUF_INIT;
			tgi_site_page(&page, m->file, true);
			buf_addf(b, "<tr><td><a href=\"%s\">", page.s);
			tgi_html_esc(b, v[i].district);
			buf_adds(b, "</a></td>");
			tgi_html_td(r, L_ID);
			buf_addf(b, "<a href=\"%s#", page.s);
			tgi_html_esc(b, m->id);
			buf_adds(b, "\">");
			tgi_html_esc(b, m->id);
			buf_adds(b, "</a></td>");
			buf_release(&page);
		} else if (html) {
			buf_adds(b, "<tr><td>");
			tgi_html_esc(b, v[i].district);
			buf_adds(b, "</td>");
			tgi_html_td(r, L_ID);
			tgi_html_esc(b, m->id);
			buf_adds(b, "</td>");
		}
		if (html) {
			tgi_html_td(r, L_MEASURE);
			tgi_html_esc(b, m->text);
			buf_adds(b, "</td>");
			tgi_html_td(r, L_DUE);
			tgi_put_date(r, b, m->due);
			buf_addf(b, "</td><td class=\"num\" data-label=\"%s\">%ld</td>", tgi_lbl(r, L_DAYS_LATE),
				 v[i].days);
			tgi_html_td(r, L_STATUS);
			buf_addf(b, "%s</td></tr>\n", tgi_status_label(r, m->status));
		} else if (md) {
			buf_adds(b, "| ");
			esc(b, v[i].district);
			buf_addf(b, " | %s | ", m->id);
			esc(b, m->text);
			buf_addf(b, " | %s | %ld | %s |\n", m->due, v[i].days, tgi_status_label(r, m->status));
		} else {
			buf_adds(b, "  ");
			tgi_tint_on(r, b, TG_TINT_RED);
			buf_addf(b, "%s  %4ld", m->due, v[i].days);
			tgi_tint_off(r, b, TG_TINT_RED);
			buf_adds(b, "  ");
			size_t at = b->len;
			tgi_text_safe(b, v[i].district);
			size_t dw = tg_utf8_width(b->s + at, b->len - at);
			buf_addf(b, " %s  ", m->id);
			size_t used = 2 + 10 + 2 + 4 + 2 + dw + 1 + strlen(m->id) + 2;
			tgi_wrap(b, m->text, 20, used, 78);
			buf_addc(b, '\n');
		}
		if (last && html)
			buf_adds(b, "</tbody></table></div>\n");
	}
}

void tgi_rows_overdue(struct tg_table *t, const struct late *v, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		char days[32], phase[8];
		snprintf(days, sizeof days, "%ld", v[i].days);
		snprintf(phase, sizeof phase, "%d", v[i].phase);
		tg_table_row(t, (struct tg_cell[]){ TG_TEXT(v[i].who), TG_TEXT(v[i].district),
			     TG_TEXT(v[i].id), TG_TEXT(v[i].text), TG_NUM(phase),
			     TG_STATUS(tg_status_names[v[i].status]), TG_DATE(v[i].due),
			     TG_NUM(days) });
	}
}
