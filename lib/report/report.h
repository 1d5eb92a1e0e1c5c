/* report.h: what the report writers in lib/report share. */
#ifndef TRYGG_REPORT_H
#define TRYGG_REPORT_H

#include "../priv.h"

enum label {
	L_PLAN_TITLE, L_FOLLOWUP_TITLE, L_SITUATION_TITLE, L_OVERVIEW_TITLE, L_OVERDUE_TITLE,
	L_PROBLEM, L_CAUSES, L_GOAL, L_SUBGOALS, L_MEASURES, L_RESPONSIBLE,
	L_PROPOSED, L_IMPLEMENTED, L_EFFECT, L_SHORT, L_LONG, L_MOBILISATION, L_OTHER_TERM,
	L_PHASE, L_STATUS, L_DUE, L_DISTRICT, L_AREAS, L_SOURCES, L_SHARE, L_GROUP,
	L_JOINT, L_INDICATORS, L_BASELINE, L_LATEST, L_TARGET, L_MET, L_NOT_MET, L_NO_READING,
	L_AS_OF, L_OVERDUE, L_DONE_SHARE, L_OPEN, L_TOTAL, L_STRATEGIC, L_ON_TRACK,
	L_LIGHT, L_GREEN, L_YELLOW, L_RED, L_NONE, L_DAYS_LATE, L_MEASURE, L_NO_OVERDUE,
	L_RESPONDENTS, L_DATE, L_ID, L_TEXT, L_INDEX, L_NOTE, L_NOBODY, L_CITY,
	L_BY_STATUS, L_BY_PHASE, L_INDICATOR_PROGRESS, L_DONE_TEXT, L_AREA, L_DETAILS,
	L_UNREAD, L_FIGURES_FROM,
	L_INDICATOR, L_VERDICT, L_IN_STEP, L_BEHIND, L_LOWER_BETTER, L_HIGHER_BETTER, L_SOURCE,
	L_UNIT_SHARE, L_UNIT_COUNT, L_UNIT_INDEX, L_UNIT_RATE,
	L_PROMISES, L_PROMISE, L_SO_IT_WENT, L_WE_PROMISED, L_IN_FORCE, L_SIGNED_BY,
	L_WHAT_WE_DID, L_HOW_IT_WENT, L_OUT_MET, L_OUT_PARTLY, L_OUT_NOT_MET, L_KEPT_MET,
	L_KEPT_PARTLY, L_KEPT_NOT_MET, L_NO_OUTCOME, L_NO_PROMISES, L_NO_MEASURES,
	L_COUNT
};

struct rctx {
	struct buf *out;
	const struct tg_config *cfg;
	bool en;
	const char *as_of;             /* YYYY-MM-DD */
	bool color;                    /* text for a terminal: ANSI colours */
	bool html;                     /* the report is HTML */
	int sub;                       /* HTML: the level of a district's sections */
	bool site;                     /* HTML pages of a site: link to the others */
	char **no_page;                /* site: the pages not written (tgi_site_page */
	size_t n_no_page;              /* names), of plan files that failed to load */
	bool machine;                  /* csv, json: plain numbers (tgi_num) */
};

/* ANSI colour around text output, when r->color. */
void tgi_tint_on(const struct rctx *r, struct buf *b, enum tg_tint t);
void tgi_tint_off(const struct rctx *r, struct buf *b, enum tg_tint t);
enum tg_tint tgi_status_tint(enum tg_mstatus s);

const char *tgi_lbl(const struct rctx *r, enum label l);
/* A number for people, as "%g" writes it, with a decimal comma in a
 * Swedish report ("0,33", "2,8"); in out, which it returns.  csv and json
 * (r->machine) keep plain numbers. */
const char *tgi_num(const struct rctx *r, char out[32], double v);
const char *tgi_status_label(const struct rctx *r, enum tg_mstatus s);
const char *tgi_source_label(const struct rctx *r, enum tg_source_id s);
const char *tgi_group_label(const struct rctx *r, enum tg_group g);
/* "Fas 1 Reaktiv" / "Phase 1 Reactive", the name (trygg.yaml's, so
 * untrusted) through esc. */
void tgi_phase_label(const struct rctx *r, struct buf *b, int phase,
		 void (*esc)(struct buf *, const char *));

/* Escaping for each format: tgi_html_esc (priv.h), tg_md_escape. */
/* Text with control characters (ANSI escapes…) made visible and harmless,
 * on one line (tg_term_safe). */
void tgi_text_safe(struct buf *b, const char *s);
/* Word-wrap s to width characters, each line starting with indent spaces
 * (the first after `first` columns already used). */
void tgi_wrap(struct buf *b, const char *s, size_t indent, size_t first, size_t width);

/* A date: in HTML a <time> element that CSS keeps on one line (its text
 * the date itself, so it copies as written), else the date as it is. */
void tgi_put_date(const struct rctx *r, struct buf *b, const char *date);
/* HTML: "<td data-label=\"LABEL\">", the label a narrow screen shows above
 * the cell when it stacks the table's cells (class "stack"). */
void tgi_html_td(const struct rctx *r, enum label l);

/* The page of the district whose plan file is file (its path in the
 * workspace, or any path ending in its name) in a site, relative to the
 * site's top: "districts/angered.html"; as an href (href: bytes other than
 * letters, digits and -._~ percent-encoded), or as a file name. */
void tgi_site_page(struct buf *b, const char *file, bool href);
/* Does the site have a page for the district whose plan file is file (one
 * that fails to load has none: nothing links to it)? */
bool tgi_site_has_page(const struct rctx *r, const char *file);

/* The page frame of an HTML report: self-contained, print-friendly. */
void tgi_html_open(const struct rctx *r, const char *title);
void tgi_html_close(const struct rctx *r);

#define TG_STATS_AREAS 64

struct tg_stats {
	size_t measures, open, overdue;
	size_t by_status[TG_NSTATUS];
	size_t by_phase_status[TG_NPHASES + 1][TG_NSTATUS];
	size_t by_area[TG_STATS_AREAS];
	size_t indicators, on_track;
};

/* Indicators: a line from baseline to target with the latest reading.  At
 * most MAX_CHART of them: a nation-wide chart of every indicator would help
 * nobody. */
#define MAX_CHART 60

/* One indicator with its latest reading (lib/report/data.c). */
struct ind_row {
	int district;                 /* index into overview_data.names */
	char *label;                  /* "Angered P6: Andel …" */
	bool has_baseline, has_target, has_latest;
	double baseline, target, latest;
	char *baseline_date, *target_date, *latest_date;
};

/* A district whose plan file failed to load (the index keeps it stale). */
struct stale {
	bool stale;
	bool figures;                 /* the index has rows of a good version */
	char from[11];                /* that version's date, YYYY-MM-DD */
};

/* What an overview shows, read from the index. */
struct overview_data {
	size_t n;                     /* districts, in file order */
	char **names, **paths;
	struct stale *stale;          /* n: a district never read last, no figures */
	struct tg_stats *st;          /* n + 1: the last is the whole city */
	struct ind_row *inds;         /* the first MAX_CHART with baseline and target */
	size_t n_inds;
	size_t n_charted;             /* indicators with baseline and target */
};

/* One overdue measure under one responsible party. */
struct late {
	char *who, *district, *id, *text, *due;
	char *file;                   /* the district's plan file, in the workspace */
	int phase;
	enum tg_mstatus status;
	long days;
};

enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };

enum light tgi_stats_light(const struct tg_stats *s, const struct tg_config *cfg);
const char *tgi_light_label(const struct rctx *r, enum light l);
int tgi_cmp_late(const void *a, const void *b);

struct tg_index;
/* Load from the index: every district, or the one whose file (relative to
 * the workspace) is file. */
enum tg_status tgi_overview_load(struct tg_index *ix, const char *as_of, const char *file,
			     struct overview_data *o, struct tg_diags *d);
void tgi_overview_release(struct overview_data *o);
/* The overdue measures, one entry per responsible party, sorted. */
enum tg_status tgi_overdue_load(struct tg_index *ix, const struct rctx *r, const char *file,
			    struct late **out, size_t *n, struct tg_diags *d);
void tgi_late_release(struct late *v, size_t n);

void tgi_report_plan(const struct rctx *r, enum tg_format f, const struct tg_plan *p);
void tgi_report_followup(const struct rctx *r, enum tg_format f, const struct tg_plan *p);
void tgi_report_situation(const struct rctx *r, enum tg_format f, const struct tg_plan *p);
void tgi_report_overview(const struct rctx *r, enum tg_format f, const struct overview_data *o);
void tgi_report_overdue(const struct rctx *r, enum tg_format f, const struct late *v, size_t n);
/* The rows of csv and json (lib/out.h): columns row_specs in report.c. */
void tgi_rows_plan(const struct rctx *r, struct tg_table *t, const struct tg_plan *p);
void tgi_rows_followup(const struct rctx *r, struct tg_table *t, const struct tg_plan *p);
void tgi_rows_situation(const struct rctx *r, struct tg_table *t, const struct tg_plan *p);
void tgi_rows_overview(const struct rctx *r, struct tg_table *t, const struct overview_data *o);
void tgi_rows_overdue(struct tg_table *t, const struct late *v, size_t n);
void tgi_report_indicators(const struct rctx *r, enum tg_format f, const struct tg_plan *p);
void tgi_rows_indicators(const struct rctx *r, struct tg_table *t, const struct tg_plan *p);
void tgi_report_promises(const struct rctx *r, enum tg_format f, const struct tg_plan *p);
void tgi_rows_promises(const struct rctx *r, struct tg_table *t, const struct tg_plan *p);

#endif
