/*
 * op.h: the operations of the write commands, on an open edit (struct
 * tg_edit, lib/trygg.h): the values a person gives to keys (lib/fields.c),
 * the plan's operations (lib/op-plan.c), citizen promises
 * (lib/op-promise.c) and plan import (lib/import-plan.c).  Included by trygg.h.
 */
#ifndef TRYGG_OP_H
#define TRYGG_OP_H

/* ---- values a person gives to keys (lib/fields.c) -------------------- */

/* The keys write commands set on a measure, on a problem. */
extern const char *const tg_measure_fields[], *const tg_problem_fields[];
/* Is the key of a measure, problem or follow-up a list; required? */
bool tg_field_is_list(const char *key);
bool tg_field_required(const char *key);
/* NULL when value suits key (one item, for a list key; checked against
 * cfg's strategic areas when cfg is given); else a message (caller
 * frees).  The one place a typed value of a write command is read. */
char *tg_field_check(const char *key, const char *value, const struct tg_config *cfg);
/* The value to write for key: text, or raw for a date, number, enum, ID. */
struct tg_val *tg_field_val(const char *key, const char *value);
/* A list from "a<sep>b<sep>c", each item checked; NULL and *err on error. */
struct tg_val *tg_field_list(const char *key, const char *joined, char sep,
			     const struct tg_config *cfg, char **err);
/* A warning in d for each name of list that is not an organisation of cfg. */
void tg_field_warn_organisations(const struct tg_config *cfg, const struct tg_val *list,
				 struct tg_diags *d);
/* The node of problem or measure id, or NULL. */
const struct tg_node *tg_plan_item(const struct tg_plan *p, const char *id, bool *is_measure);
/* Has the joint situation picture an item id? */
bool tg_plan_has_joint(const struct tg_plan *p, const char *id);
/* "no problem 'P9' in Angered" as an error in d; TG_EUSAGE. */
enum tg_status tg_no_such(struct tg_diags *d, const struct tg_plan *p, const char *what,
			  const char *id);

/* ---- plan operations (lib/op-plan.c), on an open edit ------------------- */

/* A new problem or measure: fields (taken over, freed) in any order, its
 * ID asked for or NULL for the next free one; the new ID goes into ids.
 * A measure's problem, a problem's situation item must exist. */
struct tg_op_add {
	const char *problem;           /* a measure's problem */
	const char *id;
	struct tg_val *fields;
};
enum tg_status tg_op_add_problem(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d);
enum tg_status tg_op_add_measure(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d);
/* KEY=VALUE pairs on problem or measure id (KEY= clears an optional key),
 * each checked by tg_field_check; id into ids. */
struct tg_op_set {
	const char *id;
	char **pairs;
	size_t n;
	const struct tg_config *cfg;
};
enum tg_status tg_op_set(struct tg_edit *e, const struct tg_op_set *a, struct buf *ids,
			 struct tg_diags *d);
/* Remove problem or measure id; with force a problem with its measures, a
 * measure with its mentions in follow-ups. */
struct tg_op_rm {
	const char *id;
	bool force;
};
enum tg_status tg_op_rm(struct tg_edit *e, const struct tg_op_rm *a, struct buf *ids,
			struct tg_diags *d);

/* A follow-up of problem (item: its date, measures, done, effect; readings:
 * indicator name -> value; both taken over): the named measures must be
 * the problem's and get status, the readings' indicators must be its; the
 * follow-up's ID into ids. */
struct tg_op_followup {
	const char *problem;
	const char **measures;
	size_t n_measures;
	const char *status;
	struct tg_val *item;
	struct tg_val *readings;
};
enum tg_status tg_op_followup_record(struct tg_edit *e, struct tg_op_followup *a,
				     struct buf *ids, struct tg_diags *d);

/* ---- citizen promises (lib/op-promise.c), schema trygg/2 only --------- */

/* A new promise (text required; from, to dates, from not after to; the
 * measures must be the plan's), with the next free L<n>, into ids.  A file
 * of schema trygg/1 is TG_EUSAGE, its message naming trygg migrate. */
struct tg_op_promise {
	const char *text, *from, *to;
	const char *const *signatories;
	size_t n_signatories;
	const char *const *measures;
	size_t n_measures;
};
enum tg_status tg_op_promise_add(struct tg_edit *e, const struct tg_op_promise *a,
				 struct buf *ids, struct tg_diags *d);
/* An outcome {date, status, text} appended to promise's outcomes; ids
 * gets nothing. */
struct tg_op_outcome {
	const char *promise;
	enum tg_outcome status;
	const char *date;              /* YYYY-MM-DD */
	const char *text;              /* may be NULL */
};
enum tg_status tg_op_promise_record(struct tg_edit *e, const struct tg_op_outcome *a,
				    struct buf *ids, struct tg_diags *d);

/* ---- plan import (lib/import-plan.c) ------------------------------------ */

/* One measure per row of a CSV file (trygg-plan(1), plan import). */
#define TG_IMPORT_COLUMNS 10
struct tg_plan_import {
	const char *path;              /* the CSV file, for messages */
	const struct tg_csv *csv;
	const struct tg_config *cfg;
	int col[TG_IMPORT_COLUMNS];    /* tg_plan_import_header fills it */
};
/* Read the header row: each column's field, or errors (unknown, twice,
 * a required one missing, an empty file). */
enum tg_status tg_plan_import_header(struct tg_plan_import *im, struct tg_diags *d);
/* Check every row and report every error; then append each row's measure
 * (its asked-for ID or the next free one) in one batch, the IDs in ids
 * one a line. */
enum tg_status tg_plan_import(struct tg_edit *e, const struct tg_plan_import *im,
			      struct buf *ids, struct tg_diags *d);

#endif
