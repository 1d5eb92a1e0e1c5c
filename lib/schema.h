/*
 * schema: the one description of the file format (trygg-plan(5)).
 *
 * Each kind of mapping in a plan file or in trygg.yaml (the top level, a
 * measure, a follow-up, …) is a tg_schema_node: its keys in the order a
 * new item writes them, and for each key its type, whether it is required,
 * its allowed values with the Swedish words a person may type for them,
 * its bounds, and the schema versions that have it (trygg/1, trygg/2).  Validation, the
 * checks of typed values, the key order of new items and completion read
 * this table; tests/t0291-schema-unit.c checks it against trygg-plan(5).
 */
#ifndef TRYGG_SCHEMA_H
#define TRYGG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum tg_type {
	TG_TYPE_TEXT,    /* any scalar */
	TG_TYPE_NUMBER,  /* a decimal number within [min, max] */
	TG_TYPE_WHOLE,   /* digits only, within [min, max] */
	TG_TYPE_DATE,    /* YYYY-MM-DD, a day that exists */
	TG_TYPE_ENUM,    /* one of values (or, typed, one of sv) */
	TG_TYPE_ID,      /* the item's own ID (idchar and a number) */
	TG_TYPE_REF,     /* the ID of another item of the file (idchar) */
	TG_TYPE_MAP,     /* a mapping of the keys of node */
	TG_TYPE_READINGS,/* a mapping of indicator IDs or names to numbers */
	TG_TYPE_SHARES   /* a mapping of area names to numbers within [min, max] */
};

enum {
	TG_KEY_REQUIRED = 1u << 0,  /* must be there with a value */
	TG_KEY_LIST = 1u << 1,      /* a list of values of the type */
};

struct tg_schema_node;

struct tg_key {
	const char *name;
	enum tg_type type;               /* of the value; of each entry of a list */
	unsigned flags;                  /* TG_KEY_… */
	unsigned since, until;           /* the schema versions that have it
	                                  * (until 0: every later one too) */
	const char *const *values;       /* ENUM: the contract's values, NULL-ended */
	const char *const *sv;           /* ENUM: Swedish input words, values' order */
	const struct tg_schema_node *of; /* MAP: the mapping's keys */
	char idchar;                     /* ID, REF: S, P, L, or M, I, F (P<n>.M<k> …) */
	double min, max;                 /* NUMBER, WHOLE */
};

/* No mapping has more keys (a bit each in an unsigned 'seen' mask). */
#define TG_SCHEMA_MAX_KEYS 31

struct tg_schema_node {
	const char *name;       /* "measure" */
	const char *what;       /* "a measure": how messages name it */
	const char *section;    /* its heading in trygg-plan(5); NULL when its
	                         * keys are described under its parent's key */
	const struct tg_key *keys;
	size_t n;
};

/* The newest schema version, and the oldest one still read. */
#define TG_SCHEMA_VERSION 2
#define TG_SCHEMA_OLDEST 1

extern const struct tg_schema_node tg_schema_plan, tg_schema_situation, tg_schema_source,
	tg_schema_respondents, tg_schema_situation_item, tg_schema_joint,
	tg_schema_decided, tg_schema_problem, tg_schema_period, tg_schema_indicator,
	tg_schema_point, tg_schema_reading, tg_schema_measure, tg_schema_history,
	tg_schema_followup, tg_schema_promise, tg_schema_outcome,
	tg_schema_workspace, tg_schema_area, tg_schema_initiative, tg_schema_phase,
	tg_schema_source_name, tg_schema_thresholds, tg_schema_group;

/* The keys of each node by their place in it: the order of keys in a new
 * item.  The table (schema.c) is written against these names. */
enum { TG_PLAN_SCHEMA, TG_PLAN_DISTRICT, TG_PLAN_AREAS, TG_PLAN_SITUATION, TG_PLAN_PROBLEMS,
       TG_PLAN_PROMISES };
enum { TG_SIT_POLICE, TG_SIT_DISTRICT, TG_SIT_SURVEY, TG_SIT_JOINT };
enum { TG_SRC_DATE, TG_SRC_RESPONDENTS, TG_SRC_PROBLEMS };
enum { TG_RESP_RESIDENTS, TG_RESP_BUSINESSES, TG_RESP_ASSOCIATIONS };
enum { TG_SITEM_TITLE, TG_SITEM_AREAS, TG_SITEM_GROUP, TG_SITEM_SHARE, TG_SITEM_BY_AREA,
       TG_SITEM_INDEX, TG_SITEM_NOTE };
enum { TG_JOINT_ID, TG_JOINT_TITLE, TG_JOINT_AREAS, TG_JOINT_SOURCES, TG_JOINT_SHARE,
       TG_JOINT_DECISION, TG_JOINT_RANK, TG_JOINT_RATIONALE, TG_JOINT_DECIDED };
enum { TG_DECIDED_DATE, TG_DECIDED_BY };
enum { TG_PROB_ID, TG_PROB_TITLE, TG_PROB_DESCRIPTION, TG_PROB_PERIOD, TG_PROB_SITUATION,
       TG_PROB_AREAS, TG_PROB_INITIATIVES, TG_PROB_CAUSES, TG_PROB_GOAL, TG_PROB_INDICATORS,
       TG_PROB_SUBGOALS, TG_PROB_STRATEGIC_AREAS, TG_PROB_MEASURES, TG_PROB_FOLLOWUPS };
enum { TG_PERIOD_FROM, TG_PERIOD_TO };
enum { TG_IND_ID, TG_IND_NAME, TG_IND_UNIT, TG_IND_DIRECTION, TG_IND_SOURCE, TG_IND_BASELINE,
       TG_IND_TARGET, TG_IND_READINGS };
enum { TG_POINT_VALUE, TG_POINT_DATE };
enum { TG_READING_DATE, TG_READING_VALUE, TG_READING_NOTE };
enum { TG_MEAS_ID, TG_MEAS_TEXT, TG_MEAS_PHASE, TG_MEAS_ORIGIN, TG_MEAS_TERM, TG_MEAS_KIND,
       TG_MEAS_RESPONSIBLE, TG_MEAS_DUE, TG_MEAS_STATUS, TG_MEAS_AREAS, TG_MEAS_INITIATIVES,
       TG_MEAS_STRATEGIC_AREAS, TG_MEAS_HISTORY };
enum { TG_HIST_DATE, TG_HIST_STATUS };
enum { TG_FU_ID, TG_FU_DATE, TG_FU_BY, TG_FU_MEASURES, TG_FU_DONE, TG_FU_EFFECT,
       TG_FU_INDICATORS };
enum { TG_PROM_ID, TG_PROM_TEXT, TG_PROM_FROM, TG_PROM_TO, TG_PROM_SIGNATORIES,
       TG_PROM_MEASURES, TG_PROM_OUTCOMES };
enum { TG_OUT_DATE, TG_OUT_STATUS, TG_OUT_TEXT };
enum { TG_WS_SCHEMA, TG_WS_CITY, TG_WS_LANGUAGE, TG_WS_STRATEGIC_AREAS, TG_WS_INITIATIVES1,
       TG_WS_INITIATIVES, TG_WS_PHASES, TG_WS_SOURCES, TG_WS_ORGANISATIONS, TG_WS_SYNONYMS,
       TG_WS_THRESHOLDS, TG_WS_GROUPS, TG_WS_AUTOCOMMIT };
enum { TG_NAMED_ID, TG_NAMED_NAME, TG_GROUP_MEMBERS };
enum { TG_THR_YELLOW, TG_THR_RED };

/* Every node of the table, NULL-ended: the plan file's, then trygg.yaml's. */
extern const struct tg_schema_node *const tg_schema_nodes[];

/* The key called name in node, or NULL. */
const struct tg_key *tg_schema_key(const struct tg_schema_node *node, const char *name);

/* The index of the key in node that schema version has, or -1. */
int tg_schema_key_index(const struct tg_schema_node *node, const char *name, unsigned version);

/* The index of the value a person typed for an enumerated key: one of its
 * values or their Swedish words, matched by tg_word_key; -1 when none. */
int tg_schema_word(const struct tg_key *key, const char *typed);

/* The enumerated key whose values a person types under the name what:
 * status, term, kind, origin, decision, outcome (a promise's), unit,
 * direction, source, group; NULL for another name. */
const struct tg_key *tg_schema_typed_key(const char *what);
/* The contract's value (English, as the file stores it) for a word typed
 * for what: the value itself or its Swedish word (§9's table), matched
 * by tg_word_key (case, accents, '_' and spaces aside); NULL when it is
 * neither.  "klar" for status gives "done"; "ej prioriterad" for
 * decision "not_prioritised". */
const char *tg_schema_value(const char *what, const char *typed);

/* Is key part of schema version? */
bool tg_schema_has(const struct tg_key *key, unsigned version);

#endif
