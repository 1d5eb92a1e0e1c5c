#include "report.h"

#include <stdio.h>
#include <string.h>

static const char *const labels[L_COUNT][2] = {
	[L_PLAN_TITLE] = { "Åtgärdsplan", "Action plan" },
	[L_FOLLOWUP_TITLE] = { "Uppföljning", "Follow-up" },
	[L_SITUATION_TITLE] = { "Lägesbild", "Situation picture" },
	[L_OVERVIEW_TITLE] = { "Översikt", "Overview" },
	[L_OVERDUE_TITLE] = { "Försenade åtgärder", "Overdue measures" },
	[L_PROBLEM] = { "Problembild", "Problem" },
	[L_CAUSES] = { "Orsaksanalys", "Cause analysis" },
	[L_GOAL] = { "Övergripande effektmål", "Overall effect goal" },
	[L_SUBGOALS] = { "Delmål", "Sub-goals" },
	[L_MEASURES] = { "Åtgärder", "Measures" },
	[L_RESPONSIBLE] = { "Ansvar", "Responsible" },
	[L_PROPOSED] = { "Förslag på åtgärder", "Proposed measures" },
	[L_IMPLEMENTED] = { "Genomförda åtgärder", "Implemented measures" },
	[L_EFFECT] = { "Effekt", "Effect" },
	[L_SHORT] = { "Kortsiktigt", "Short-term" },
	[L_LONG] = { "Långsiktigt", "Long-term" },
	[L_MOBILISATION] = { "Social mobilisering", "Social mobilisation" },
	[L_OTHER_TERM] = { "Övrigt", "Other" },
	[L_PHASE] = { "Fas", "Phase" },
	[L_STATUS] = { "Status", "Status" },
	[L_DUE] = { "Klart senast", "Due" },
	[L_DISTRICT] = { "Stadsdel", "District" },
	[L_AREAS] = { "Områden", "Areas" },
	[L_SOURCES] = { "Källor", "Sources" },
	[L_SHARE] = { "Andel", "Share" },
	[L_GROUP] = { "Grupp", "Group" },
	[L_JOINT] = { "Gemensam problembeskrivning", "Joint problem description" },
	[L_INDICATORS] = { "Indikatorer", "Indicators" },
	[L_BASELINE] = { "Utgångsläge", "Baseline" },
	[L_LATEST] = { "Senaste mätning", "Latest" },
	[L_TARGET] = { "Mål", "Target" },
	[L_MET] = { "uppnått", "met" },
	[L_NOT_MET] = { "ej uppnått", "not met" },
	[L_NO_READING] = { "ingen mätning", "no reading" },
	[L_AS_OF] = { "per", "as of" },
	[L_OVERDUE] = { "Försenade", "Overdue" },
	[L_DONE_SHARE] = { "Andel klara", "Share done" },
	[L_OPEN] = { "Öppna", "Open" },
	[L_TOTAL] = { "Totalt", "Total" },
	[L_STRATEGIC] = { "Strategiska områden", "Strategic areas" },
	[L_ON_TRACK] = { "Indikatorer enligt plan", "Indicators on track" },
	[L_LIGHT] = { "Trafikljus", "Status light" },
	[L_GREEN] = { "grön", "green" },
	[L_YELLOW] = { "gul", "yellow" },
	[L_RED] = { "röd", "red" },
	[L_NONE] = { "–", "–" },
	[L_DAYS_LATE] = { "Dagar försenad", "Days late" },
	[L_MEASURE] = { "Åtgärd", "Measure" },
	[L_NO_OVERDUE] = { "Inga försenade åtgärder.", "No overdue measures." },
	[L_RESPONDENTS] = { "Svarande", "Respondents" },
	[L_DATE] = { "Datum", "Date" },
	[L_ID] = { "Id", "ID" },
	[L_TEXT] = { "Text", "Text" },
	[L_INDEX] = { "Index", "Index" },
	[L_NOTE] = { "Anteckning", "Note" },
	[L_NOBODY] = { "(ingen ansvarig)", "(nobody responsible)" },
	[L_CITY] = { "Hela staden", "The whole city" },
	[L_BY_STATUS] = { "Åtgärder efter status", "Measures by status" },
	[L_BY_PHASE] = { "Åtgärder efter fas", "Measures by phase" },
	[L_INDICATOR_PROGRESS] = { "Indikatorer: utgångsläge, senaste mätning, mål", "Indicators: baseline, latest, target" },
	[L_DONE_TEXT] = { "Genomfört", "Done" },
	[L_AREA] = { "Område", "Area" },
	[L_DETAILS] = { "Grupp, andel, index", "Group, share, index" },
	[L_UNREAD] = { "Kunde inte läsas", "Could not be read" },
	[L_FIGURES_FROM] = { "siffrorna är från", "figures from" },
	[L_INDICATOR] = { "Indikator", "Indicator" },
	[L_VERDICT] = { "Bedömning", "Verdict" },
	[L_IN_STEP] = { "enligt plan", "on track" },
	[L_BEHIND] = { "efter plan", "off track" },
	[L_LOWER_BETTER] = { "lägre är bättre", "lower is better" },
	[L_HIGHER_BETTER] = { "högre är bättre", "higher is better" },
	[L_SOURCE] = { "källa", "source" },
	[L_UNIT_SHARE] = { "andel", "share" },
	[L_UNIT_COUNT] = { "antal", "count" },
	[L_UNIT_INDEX] = { "index", "index" },
	[L_UNIT_RATE] = { "frekvens", "rate" },
	[L_PROMISES] = { "Medborgarlöften", "Citizens' promises" },
	[L_PROMISE] = { "Medborgarlöfte", "Citizens' promise" },
	[L_SO_IT_WENT] = { "så gick det", "how it went" },
	[L_WE_PROMISED] = { "Vi lovade", "We promised" },
	[L_IN_FORCE] = { "Gäller", "In force" },
	[L_SIGNED_BY] = { "Undertecknat av", "Signed by" },
	[L_WHAT_WE_DID] = { "Det här gjorde vi", "What we did" },
	[L_HOW_IT_WENT] = { "Så gick det", "How it went" },
	[L_OUT_MET] = { "uppfyllt", "kept" },
	[L_OUT_PARTLY] = { "delvis uppfyllt", "partly kept" },
	[L_OUT_NOT_MET] = { "ej uppfyllt", "not kept" },
	[L_KEPT_MET] = { "Vi höll löftet.", "We kept the promise." },
	[L_KEPT_PARTLY] = { "Vi höll löftet delvis.", "We kept the promise in part." },
	[L_KEPT_NOT_MET] = { "Vi höll inte löftet.", "We did not keep the promise." },
	[L_NO_OUTCOME] = { "Ännu inget besked om hur det gick.", "No word yet on how it went." },
	[L_NO_PROMISES] = { "Inga medborgarlöften.", "No citizens' promises." },
	[L_NO_MEASURES] = { "Inga åtgärder är kopplade till löftet.",
			    "No measures are linked to the promise." },
};

static const char *const status_labels[TG_NSTATUS][2] = {
	{ "föreslagen", "proposed" }, { "planerad", "planned" }, { "pågår", "ongoing" },
	{ "klar", "done" }, { "avbruten", "cancelled" },
};

static const char *const source_labels[TG_NSOURCES][2] = {
	{ "Polisen", "Police" }, { "Stadsdelen", "District" }, { "Omvärlden", "Survey" },
};

static const char *const group_labels[4][2] = {
	{ "", "" }, { "boende", "residents" }, { "näringsidkare", "businesses" },
	{ "föreningar", "associations" },
};

static const char *const phase_names_en[TG_NPHASES + 1] = { "", "Reactive", "Preventive/contact-building",
	"New challenges" };
static const char *const phase_names_sv[TG_NPHASES + 1] = { "", "Reaktiv", "Förebygga/Kontaktskapande",
	"Nya utmaningar" };

const char *tgi_num(const struct rctx *r, char out[32], double v)
{
	snprintf(out, 32, "%g", v);
	char *dot = r->en || r->machine ? NULL : strchr(out, '.');
	if (dot)
		*dot = ',';
	return out;
}

const char *tgi_lbl(const struct rctx *r, enum label l)
{
	return labels[l][r->en];
}

const char *tgi_status_label(const struct rctx *r, enum tg_mstatus s)
{
	return status_labels[s][r->en];
}

const char *tgi_source_label(const struct rctx *r, enum tg_source_id s)
{
	if (!r->en && r->cfg && r->cfg->source_names[s])
		return r->cfg->source_names[s];
	return source_labels[s][r->en];
}

const char *tgi_group_label(const struct rctx *r, enum tg_group g)
{
	return group_labels[g][r->en];
}

void tgi_phase_label(const struct rctx *r, struct buf *b, int phase,
		 void (*esc)(struct buf *, const char *))
{
	if (phase < 1 || phase > 3) {
		buf_addf(b, "%s ?", tgi_lbl(r, L_PHASE));
		return;
	}
	const char *name = r->en ? phase_names_en[phase]
			   : r->cfg && r->cfg->phase_names[phase] ? r->cfg->phase_names[phase]
			   : phase_names_sv[phase];
	buf_addf(b, "%s %d ", tgi_lbl(r, L_PHASE), phase);
	esc(b, name);
}

void tgi_text_safe(struct buf *b, const char *s)
{
	tg_term_safe(b, s, strlen(s), TG_WS_SPACE);
}

/* Add word w (of len bytes) cut into lines of at most width columns, the
 * cut ones starting at indent; *col is the column after it. */
static void long_word(struct buf *b, const char *w, size_t len, size_t indent, size_t width,
		      size_t *col)
{
	for (const char *p = w, *end = w + len; p < end;) {
		const char *q = p;
		tg_utf8_next(&p, end);
		size_t cw = tg_utf8_width(q, (size_t)(p - q));
		if (*col + cw > width && *col > indent) {
			buf_addc(b, '\n');
			for (size_t i = 0; i < indent; i++)
				buf_addc(b, ' ');
			*col = indent;
		}
		buf_add(b, q, (size_t)(p - q));
		*col += cw;
	}
}

void tgi_wrap(struct buf *b, const char *s, size_t indent, size_t first, size_t width)
{
	struct buf safe = BUF_INIT;
	tgi_text_safe(&safe, s);
	size_t col = first;
	const char *p = safe.s;
	bool start = true;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t wl = tg_utf8_width(w, (size_t)(p - w));
		if (!start && col + 1 + wl > width) {
			buf_addc(b, '\n');
			for (size_t i = 0; i < indent; i++)
				buf_addc(b, ' ');
			col = indent;
		} else if (!start) {
			buf_addc(b, ' ');
			col++;
		}
		if (col + wl > width)           /* longer than a line: cut */
			long_word(b, w, (size_t)(p - w), indent, width, &col);
		else {
			buf_add(b, w, (size_t)(p - w));
			col += wl;
		}
		start = false;
	}
	buf_release(&safe);
}

void tgi_html_open(const struct rctx *r, const char *title)
{
	struct buf *b = r->out;
	buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		 r->en ? "en" : "sv");
	tgi_html_esc(b, title);
	buf_adds(b, "</title>\n<style>\n"
		 "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em;color:#1d1d1f;line-height:1.4;overflow-wrap:break-word}\n"
		 "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:2px solid #0b5394;padding-bottom:.2em}\n"
		 "h3{font-size:1.05em;margin-bottom:.3em}.meta{color:#555;margin-top:0}time{white-space:nowrap}\n"
		 "nav{margin-bottom:1em}nav a{margin-right:1em}\n"
		 ".scroll{overflow-x:auto;margin:.6em 0 1.2em}\n"
		 "table{border-collapse:collapse;width:100%;font-size:.92em}\n"
		 "th,td{border:1px solid #c8ccd0;padding:.35em .5em;vertical-align:top;text-align:left}.stack td{overflow-wrap:anywhere}\n"
		 "th{background:#e8eef5}td.num,th.num{text-align:right}\n"
		 "ul{margin:.2em 0;padding-left:1.2em}li{margin:.1em 0}\n"
		 ".phase{font-weight:600;margin-top:.4em}.id{color:#555;font-size:.85em}\n"
		 ".st-done{color:#1e7b34}.st-ongoing{color:#9a6700}.st-planned,.st-proposed{color:#0b5394}.st-cancelled{color:#777;text-decoration:line-through}\n"
		 ".late{color:#b3261e;font-weight:600}.stale{color:#b3261e;font-size:.85em}\n"
		 ".light{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:middle;margin-right:.3em;border:1px solid #0003}\n"
		 ".green{background:#2e9e4f}.yellow{background:#f2c12e}.red{background:#d93025}.none{background:#ccc}\n"
		 "figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}svg{max-width:100%;height:auto}svg text{font-family:inherit}\n"
		 "@media (max-width:50em){body{margin:1em}th,td{padding:.3em .35em}}\n"
		 "@media (max-width:40em){table.stack,.stack tbody,.stack tr,.stack td{display:block}.stack thead{display:none}\n"
		 ".stack tr{border:1px solid #c8ccd0;margin-bottom:.8em}.stack td{border:0;border-top:1px solid #e3e6e9}\n"
		 ".stack td:first-child{border-top:0;background:#e8eef5;font-weight:600}.stack td:empty{display:none}\n"
		 ".stack td[data-label]::before{content:attr(data-label);display:block;font-size:.8em;font-weight:600;color:#555}\n"
		 ".stack td.num{text-align:left}}\n"
		 "@page{size:A4;margin:15mm}\n"
		 "@media print{body{margin:0;font-size:10pt}h2{break-after:avoid}tr,figure{break-inside:avoid}"
		 ".scroll{overflow:visible}nav{display:none}a{color:inherit;text-decoration:none}}\n"
		 "</style>\n</head>\n<body>\n");
}

void tgi_put_date(const struct rctx *r, struct buf *b, const char *date)
{
	if (!r->html) {
		buf_adds(b, date);
		return;
	}
	buf_adds(b, "<time>");
	tgi_html_esc(b, date);
	buf_adds(b, "</time>");
}

void tgi_html_td(const struct rctx *r, enum label l)
{
	buf_addf(r->out, "<td data-label=\"%s\">", tgi_lbl(r, l));
}

void tgi_html_close(const struct rctx *r)
{
	buf_adds(r->out, "</body>\n</html>\n");
}

void tgi_tint_on(const struct rctx *r, struct buf *b, enum tg_tint t)
{
	if (r->color && t != TG_TINT_NONE)
		buf_adds(b, tg_tint_code(t));
}

void tgi_tint_off(const struct rctx *r, struct buf *b, enum tg_tint t)
{
	if (r->color && t != TG_TINT_NONE)
		buf_adds(b, "\033[0m");
}

enum tg_tint tgi_status_tint(enum tg_mstatus s)
{
	static const enum tg_tint tints[TG_NSTATUS] = { TG_TINT_DIM, TG_TINT_BLUE, TG_TINT_YELLOW,
		TG_TINT_GREEN, TG_TINT_DIM };
	return tints[s];
}
