/*
 * op.h: the operations of the write commands, on an open edit (struct
 * tg_edit, lib/trygg.h): the values a person gives to keys (lib/fields.c),
 * the plan's operations (lib/op-plan.c), follow-ups (lib/op-followup.c),
 * indicators (lib/op-indicator.c), citizen promises (lib/op-promise.c),
 * plan import (lib/import-plan.c) and situation import
 * (lib/import-situation.c).  Included by trygg.h.
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
/* The same two for key k of a node of the schema table (lib/schema.h),
 * where a name alone is ambiguous (an indicator's source is text, a joint
 * item's sources are enumerated): NULL when value suits k (an enum's word
 * in Swedish or English, a number with '.' or ',', a date, a whole number
 * within k's bounds, a strategic area or initiative cfg lists); else a
 * message (caller frees). */
struct tg_key;
char *tg_key_check(const struct tg_key *k, const char *value, const struct tg_config *cfg);
/* The value to write for a value tg_key_check accepted: an enum as the
 * contract's word, a number with a decimal point, text as text. */
struct tg_val *tg_key_val(const struct tg_key *k, const char *value);
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
 * A measure's problem, a problem's situation item must exist.  A new
 * measure of a trygg/2 file gets its first history entry, dated date
 * (NULL: today). */
struct tg_op_add {
	const char *problem;           /* a measure's problem */
	const char *id;
	struct tg_val *fields;
	const char *date;
};
enum tg_status tg_op_add_problem(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d);
enum tg_status tg_op_add_measure(struct tg_edit *e, struct tg_op_add *a, struct buf *ids,
				 struct tg_diags *d);
/* `plan set` and `followup set` (trygg-plan(1)): pairs on the item id
 * names, of any kind the file's schema has (P6, P6.M3, P6.I1, P6.F1, S2,
 * L1), applied in order; id into ids.  A pair is KEY=VALUE (a list key:
 * the items, split at ", "), KEY+=VALUE (a list key: VALUE appended
 * whole, unless it is there), KEY-=VALUE (a list key: VALUE removed whole;
 * an error when it is not there) or KEY= (an optional key removed).  Each
 * key is one of the schema table's for that kind and version that hold a
 * value or a list of values (a key only trygg/2 has, in a trygg/1 file:
 * an error naming `trygg migrate`), each value checked by tg_key_check,
 * references resolved.  A status change of a measure of a trygg/2 file
 * appends to its history (DESIGN.md §7), dated date (NULL: today; not
 * before its last dated entry). */
struct tg_op_set {
	const char *id;
	char **pairs;
	size_t n;
	const struct tg_config *cfg;
	const char *date;
	char kind;                     /* 'F': id must be a follow-up's; 'D': the
	                                * district's own keys (district, areas;
	                                * id unused, nothing into ids); 0: any */
};
enum tg_status tg_op_set(struct tg_edit *e, const struct tg_op_set *a, struct buf *ids,
			 struct tg_diags *d);
/* Remove problem, measure or follow-up id; with force a problem with its
 * measures, a measure with its mentions in follow-ups.  The follow-ups of
 * a trygg/2 file keep their IDs; a trygg/1 file's are numbered by place. */
struct tg_op_rm {
	const char *id;
	bool force;
	char kind;                     /* 'F': id must be a follow-up's; 0: P or M */
};
enum tg_status tg_op_rm(struct tg_edit *e, const struct tg_op_rm *a, struct buf *ids,
			struct tg_diags *d);

/* ---- follow-ups (lib/op-followup.c) ----------------------------------- */

/* A follow-up of problem (item: its date, by, measures, done, effect;
 * readings: indicator ID or name -> the value as typed; both taken over
 * and freed): the named measures must be the problem's and get status
 * (with a history entry dated by the follow-up, trygg/2), the readings'
 * indicators must be its, each value right for the indicator's unit
 * (tg_indicator_value) and written under the indicator's ID (trygg/2) or
 * name (trygg/1).  With added (and added_phase), also a new measure of
 * the problem, done, named in the follow-up's measures, with origin
 * followup and its history in trygg/2.  The follow-up's ID into ids
 * (trygg/2: the next P<n>.F<k>, stable; trygg/1: by its place), then the
 * added measure's. */
struct tg_op_followup {
	const char *problem;
	const char **measures;
	size_t n_measures;
	const char *status;
	struct tg_val *item;
	struct tg_val *readings;
	const char *added, *added_phase;
};
enum tg_status tg_op_followup_record(struct tg_edit *e, struct tg_op_followup *a,
				     struct buf *ids, struct tg_diags *d);
/* Record in measure's history that it takes status on date (NULL:
 * undated): when it has no history yet, first the status it has now,
 * undated ("since before the records"), as DESIGN.md §7 says.  Nothing in
 * a trygg/1 file.  Call it before the status changes. */
enum tg_status tg_op_history(struct tg_edit *e, const char *measure, const char *status,
			     const char *date, struct tg_diags *d);

/* ---- indicators (lib/op-indicator.c; schema trygg/2) ------------------- */

/* A new indicator of problem: name, unit and direction (the contract's
 * values), source, baseline and target as "VALUE" or "VALUE@DATE" (NULL:
 * none).  Its ID, the next P<n>.I<k>, into ids.  TG_EUSAGE for a file of
 * schema trygg/1 (an indicator there has no ID, unit or direction: run
 * trygg migrate), an unknown problem, a name the problem's indicators
 * already have, a bad value or date. */
struct tg_op_indicator {
	const char *problem;
	const char *name;
	const char *unit, *direction;
	const char *source;
	const char *baseline, *target;
};
enum tg_status tg_op_indicator_add(struct tg_edit *e, const struct tg_op_indicator *a,
				   struct buf *ids, struct tg_diags *d);
/* A reading of indicator (its ID) appended to its readings: value as
 * typed (tg_indicator_value), date (YYYY-MM-DD), note or NULL.  Nothing
 * into ids.  TG_EUSAGE for a trygg/1 file, an unknown indicator, a bad
 * value or date. */
struct tg_op_reading {
	const char *indicator;
	const char *value;
	const char *date;
	const char *note;
};
enum tg_status tg_op_indicator_record(struct tg_edit *e, const struct tg_op_reading *a,
				      struct buf *ids, struct tg_diags *d);
/* The indicator of plan with ID id (and its problem in *owner), or NULL. */
const struct tg_indicator *tg_plan_indicator(const struct tg_plan *plan, const char *id,
					     struct tg_problem **owner);
/* The value to write for a value typed for indicator ind (NULL: any
 * indicator): "0,33", "0.33", "33 %" (a share: 0.33) or a count, as a
 * plain number (caller frees); NULL and an error in d, naming it what,
 * when it is not a number, a percentage for an indicator that is not a
 * share, or a share outside 0 to 1. */
char *tg_indicator_value(const struct tg_indicator *ind, const char *typed, const char *what,
			 struct tg_diags *d);

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

/* ---- situation import (lib/import-situation.c) ------------------------- */

/* A survey export (CSV) into one source's picture (trygg-situation(1),
 * import).  The caller fills the first five fields; tg_situation_import_read
 * reads the file a record at a time, checks the header and every row
 * (every error reported as FILE:LINE:COLUMN, the first 100 kept), and
 * combines the rows of one problem and group into one item, in the order
 * of their first rows: the memory held grows with the items and areas,
 * not the rows.  The file's own errors (malformed, not valid text) are
 * reported alone.  tg_situation_import then brings the picture up to date
 * (the areas must be the district's), the items' places into ids, one a
 * line ("survey:3").  tg_situation_import_release frees what read made,
 * also after an error. */
struct tg_situation_rows;
struct tg_situation_import {
	const char *path;              /* the CSV file */
	const char *encoding;          /* NULL for UTF-8, else an iconv name */
	enum tg_group group;           /* of rows without one */
	int source;                    /* tg_source_names */
	const char *date;              /* the block's date, or NULL */
	char *ignored;                 /* read fills: the columns it ignores,
					* "'Kommentar', 'X'", or NULL */
	struct tg_situation_rows *rows;
};
enum tg_status tg_situation_import_read(struct tg_situation_import *im, struct tg_diags *d);
enum tg_status tg_situation_import(struct tg_edit *e, const struct tg_situation_import *im,
				   struct buf *ids, struct tg_diags *d);
void tg_situation_import_release(struct tg_situation_import *im);
/* The group a survey names: boende/residents, näringsidkare/businesses,
 * föreningar/associations, in any case. */
bool tg_survey_group(const char *s, enum tg_group *g);

#endif
