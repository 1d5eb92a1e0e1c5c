/*
 * schema: the one description of the file format (trygg-plan(5)).
 *
 * Each kind of mapping in a plan file or in trygg.yaml (the top level, a
 * measure, a follow-up, …) is a tg_schema_node: its keys in the order a
 * new item writes them, and for each key its type, whether it is required,
 * its allowed values with the Swedish words a person may type for them,
 * its bounds, and the schema version that introduced it.  Validation, the
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
	TG_TYPE_READINGS /* a mapping of indicator names to numbers */
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
	unsigned since;                  /* the schema version that introduced it */
	const char *const *values;       /* ENUM: the contract's values, NULL-ended */
	const char *const *sv;           /* ENUM: Swedish input words, values' order */
	const struct tg_schema_node *of; /* MAP: the mapping's keys */
	char idchar;                     /* ID, REF: S, P or M (P<n>.M<k>) */
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

extern const struct tg_schema_node tg_schema_plan, tg_schema_situation, tg_schema_source,
	tg_schema_respondents, tg_schema_situation_item, tg_schema_joint, tg_schema_problem,
	tg_schema_indicator, tg_schema_point, tg_schema_measure, tg_schema_followup,
	tg_schema_workspace, tg_schema_area, tg_schema_phase, tg_schema_source_name,
	tg_schema_thresholds;

/* Every node of the table, NULL-ended: the plan file's, then trygg.yaml's. */
extern const struct tg_schema_node *const tg_schema_nodes[];

/* The key called name in node, or NULL. */
const struct tg_key *tg_schema_key(const struct tg_schema_node *node, const char *name);

/* The index of the key in node, or -1. */
int tg_schema_key_index(const struct tg_schema_node *node, const char *name);

#endif
