/*
 * model.h: the typed model of a plan file and of trygg.yaml (schemas
 * trygg/1 and trygg/2), built by lib/model*.c and lib/config.c, and what
 * is asked of it.  A part of the interface: include "trygg.h", which
 * includes this where its declarations are needed.
 */
#ifndef TRYGG_MODEL_H
#define TRYGG_MODEL_H

#ifndef TRYGG_H
#error "include trygg.h, not model.h"
#endif

enum tg_source_id { TG_POLICE, TG_DISTRICT, TG_SURVEY, TG_NSOURCES };
enum tg_group { TG_GROUP_NONE, TG_RESIDENTS, TG_BUSINESSES, TG_ASSOCIATIONS };
enum tg_term { TG_TERM_NONE, TG_SHORT, TG_LONG, TG_MOBILISATION };
enum tg_mkind { TG_KIND_NONE, TG_SITUATIONAL, TG_SOCIAL };
enum tg_mstatus { TG_PROPOSED, TG_PLANNED, TG_ONGOING, TG_DONE, TG_CANCELLED,
		  TG_NSTATUS };

extern const char *const tg_source_names[];   /* police district survey */
extern const char *const tg_group_names[];    /* "", residents, … */
extern const char *const tg_term_names[];
extern const char *const tg_kind_names[];
extern const char *const tg_status_names[];

/* schema trygg/2 */
enum tg_decision { TG_DECISION_NONE, TG_PRIORITISED, TG_WATCH, TG_NOT_PRIORITISED };
enum tg_unit { TG_UNIT_NONE, TG_UNIT_SHARE, TG_UNIT_COUNT, TG_UNIT_INDEX, TG_UNIT_RATE };
enum tg_direction { TG_DIRECTION_NONE, TG_DOWN, TG_UP };
enum tg_origin { TG_ORIGIN_PLAN, TG_ORIGIN_FOLLOWUP };
enum tg_outcome { TG_MET, TG_PARTLY, TG_NOT_MET };
extern const char *const tg_decision_names[];  /* prioritised watch not_prioritised */
extern const char *const tg_unit_names[];      /* share count index rate */
extern const char *const tg_direction_names[]; /* down up */
extern const char *const tg_origin_names[];    /* plan followup */
extern const char *const tg_outcome_names[];   /* met partly not_met */

/* A measure's phase is 1 to TG_NPHASES, written as tg_phase_values
 * ("1", "2", "3"; NULL-terminated). */
#define TG_NPHASES 3
extern const char *const tg_phase_values[];

struct tg_strlist {
	const char **v;
	size_t n;
	const struct tg_node *node;   /* NULL when the key is absent */
};

struct tg_intlist {
	int *v;
	size_t n;
	const struct tg_node *node;
};

struct tg_area_share { const char *area; double share; };

struct tg_sitem {                     /* one item of a source's picture */
	const char *title;
	struct tg_strlist areas;
	enum tg_group group;
	bool has_share, has_index;
	double share, index;
	struct tg_area_share *by_area;  /* trygg/2: the share by local area */
	size_t n_by_area;
	const char *note;
	const struct tg_node *node;
};

struct tg_source {
	const struct tg_node *node;   /* NULL when the source is absent */
	const char *date;
	int respondents[4];           /* by tg_group; -1 when not given */
	struct tg_sitem *items;
	size_t n_items;
};

struct tg_joint {
	const char *id;
	const char *title;
	struct tg_strlist areas;
	unsigned sources;             /* bit (1 << tg_source_id) */
	bool has_share;
	double share;
	/* trygg/2: the analysis step */
	enum tg_decision decision;
	int rank;                     /* 0 when not given */
	const char *rationale;
	const char *decided_date, *decided_by;
	const struct tg_node *node;
};

struct tg_point { bool set; double value; const char *date; };

struct tg_dated { const char *date; double value; const char *note; };

struct tg_indicator {
	const char *id;               /* trygg/2: P<n>.I<k>, or NULL */
	const char *name;
	enum tg_unit unit;
	enum tg_direction direction;
	const char *source;
	struct tg_point baseline, target;
	struct tg_dated *readings;    /* trygg/2: its own readings */
	size_t n_readings;
	const struct tg_node *node;
};

/* A status a measure took: date NULL for the undated first entry. */
struct tg_history { const char *date; enum tg_mstatus status; };

struct tg_measure {
	const char *id;
	const char *text;
	int phase;                    /* 1..TG_NPHASES */
	enum tg_term term;
	enum tg_mkind kind;
	struct tg_strlist responsible;
	const char *due;              /* YYYY-MM-DD or NULL */
	enum tg_mstatus status;       /* proposed when absent */
	struct tg_intlist strategic_areas;
	/* trygg/2 */
	enum tg_origin origin;
	struct tg_strlist areas;
	struct tg_intlist initiatives;
	struct tg_history *history;
	size_t n_history;
	const struct tg_node *node;
};

/* A follow-up's reading: name is the indicator's name (found by its ID
 * or its name in the file). */
struct tg_reading { const char *name; double value; };

struct tg_followup {
	const char *id;               /* trygg/2: P<n>.F<k>, or NULL */
	const char *by;
	const char *date;
	struct tg_strlist measures;
	const char *done, *effect;
	struct tg_reading *readings;
	size_t n_readings;
	const struct tg_node *node;
};

struct tg_problem {
	const char *id;
	const char *title;
	const char *situation;        /* S<n> or NULL */
	/* trygg/2 */
	const char *description;
	const char *period_from, *period_to;
	struct tg_strlist areas;
	struct tg_intlist initiatives;
	struct tg_strlist causes, subgoals;
	const char *goal;
	struct tg_indicator *indicators;
	size_t n_indicators;
	struct tg_intlist strategic_areas;
	struct tg_measure *measures;
	size_t n_measures;
	struct tg_followup *followups;
	size_t n_followups;
	const struct tg_node *node;
};

struct tg_outcome_entry { const char *date; enum tg_outcome status; const char *text; };

struct tg_promise {                   /* trygg/2: a citizen promise */
	const char *id;               /* L<n> */
	const char *text;
	const char *from, *to;
	struct tg_strlist signatories, measures;
	struct tg_outcome_entry *outcomes;
	size_t n_outcomes;
	const struct tg_node *node;
};

struct tg_plan {
	struct tg_doc *doc;
	int version;                  /* the schema: 1 (trygg/1) or 2 (trygg/2) */
	const char *district;
	struct tg_strlist areas;
	struct tg_source sources[TG_NSOURCES];
	const struct tg_node *situation;
	const struct tg_node *joint_node;
	struct tg_joint *joint;
	size_t n_joint;
	const struct tg_node *problems_node;
	struct tg_problem *problems;
	size_t n_problems;
	struct tg_promise *promises;
	size_t n_promises;
};

struct tg_named { int id; const char *name; };

struct tg_group_def { const char *id, *name; struct tg_strlist members; };

struct tg_config {
	struct tg_doc *doc;
	int version;                  /* the schema: 1 or 2 */
	const char *city;
	const char *language;         /* "sv" or "en" */
	struct tg_named *areas;       /* the programme's strategic areas */
	size_t n_areas;
	struct tg_strlist initiatives;  /* trygg/1: names; trygg/2: see inits */
	struct tg_named *inits;       /* trygg/2: the Police's initiatives by id */
	size_t n_inits;
	struct tg_group_def *groups;  /* trygg/2 */
	size_t n_groups;
	const char *phase_names[TG_NPHASES + 1];   /* [1..TG_NPHASES] */
	const char *source_names[TG_NSOURCES];
	struct tg_strlist organisations;
	struct tg_strlist *synonyms;
	size_t n_synonyms;
	double yellow, red;           /* overview thresholds */
	bool autocommit;              /* commit every write (lib/gitcommit.c) */
};

/* Load and validate a plan file.  cfg (may be NULL) adds the checks that
 * need the workspace: strategic areas, organisations.  On any error the
 * result is TG_EDATA (or TG_ENOINPUT) and *out is NULL; warnings alone
 * leave a plan. */
enum tg_status tg_plan_load(const char *path, const struct tg_config *cfg,
			    struct tg_plan **out, struct tg_diags *d);
/* The same on bytes already in memory. */
enum tg_status tg_plan_parse(const char *path, const char *src, size_t len,
			     const struct tg_config *cfg, struct tg_plan **out,
			     struct tg_diags *d);
void tg_plan_free(struct tg_plan *plan);
struct tg_problem *tg_plan_problem(const struct tg_plan *plan, const char *id);
/* The latest follow-up reading of indicator `name` of p (ties: the later
 * follow-up), or NULL; *date gets its follow-up's date. */
const struct tg_reading *tg_latest_reading(const struct tg_problem *p, const char *name,
					   const char **date);
struct tg_measure *tg_plan_measure(const struct tg_plan *plan, const char *id,
				   struct tg_problem **owner);

#endif
