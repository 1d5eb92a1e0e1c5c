/*
 * trygg.h: the public interface of libtrygg.
 *
 * Data flows one way: files -> tg_doc (a YAML tree with positions) ->
 * validated model (tg_plan, tg_config) -> edits, index, reports.  The
 * library never prints and never exits: it returns a tg_status and fills a
 * tg_diags list with located messages that the command line formats.
 *
 * Ownership: an x_new or x_load function returns a heap object that the caller
 * frees with the matching *_free (which accepts NULL).  Strings inside a
 * model point into its document and live as long as it does.
 */
#ifndef TRYGG_H
#define TRYGG_H

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "out.h"

/* Status codes double as the documented exit codes (trygg(1), EXIT STATUS). */
enum tg_status {
	TG_OK = 0,
	TG_FINDINGS = 1,   /* check found errors; report overdue --exit-code */
	TG_EUSAGE = 2,     /* bad command line, no workspace */
	TG_EDATA = 65,     /* bad data in an input file */
	TG_ENOINPUT = 66,  /* input missing or unreadable */
	TG_ECREAT = 73,    /* cannot create output */
	TG_EIO = 74,       /* I/O error */
	TG_EBUSY = 75,     /* lock busy, file changed meanwhile: try again */
};

/* Documented limits (trygg-plan(5), LIMITS). */
#define TG_MAX_FILE   (16u << 20)  /* bytes in one YAML file */
#define TG_MAX_DEPTH  32           /* nested collections */
#define TG_MAX_SCALAR (64u << 10)  /* bytes in one scalar */
#define TG_MAX_NODES  250000       /* values (keys, scalars, collections) in one file */

/* ---- diagnostics ------------------------------------------------------ */

enum tg_severity { TG_SEV_ERROR, TG_SEV_WARNING, TG_SEV_NOTE };

/* A message as the library says it, for the command line to translate
 * (DESIGN.md §9): fmt is the msgid, an English printf format that lives as
 * long as the program (a string literal); args are its arguments in
 * order, each already text, formatted by its conversion.  An argument
 * with a sub is a phrase of its own to translate (a suggestion, " (did you
 * mean 'W'?)"); its text is the English.  The library never translates:
 * N_() only marks a msgid for xgettext (po/meson.build). */
#define N_(s) s
struct tg_msg;
struct tg_msgarg {
	char *text;
	struct tg_msg *sub;   /* NULL, or the phrase this argument is */
};
struct tg_msg {
	const char *fmt;
	struct tg_msgarg *args;
	size_t nargs;
};
/* The translation of a msgid (the command line's gettext), or NULL: the
 * English. */
typedef const char *tg_translate_fn(const char *msgid);
/* m from fmt and its arguments (m's old content is not freed). */
void tg_msg_set(struct tg_msg *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tg_msg_vset(struct tg_msg *m, const char *fmt, va_list ap);
void tg_msg_release(struct tg_msg *m);
/* Append m to b: tr(fmt) (or fmt when tr is NULL) with each conversion
 * replaced by its argument's text, in order or by number ("%2$s"). */
void tg_msg_render(struct buf *b, const struct tg_msg *m, tg_translate_fn *tr);

struct tg_diag {
	enum tg_severity sev;
	char *path;        /* may be NULL */
	unsigned line;     /* 1-based; 0 when not located */
	unsigned col;      /* 1-based, in characters */
	char *msg;         /* the message in English */
	struct tg_msg m;   /* the message to translate */
	char *excerpt;     /* the source line, or NULL */
};

/* A list of messages.  It keeps the first TG_MAX_DIAGS messages about a
 * file (a run of messages with the same path); the rest are only counted,
 * in one last message "and N more errors" (an error when one of them is).
 * `errors` counts every error, kept or not. */
struct tg_diags {
	struct tg_diag *v;
	size_t n, alloc;
	size_t errors;
	size_t run;        /* messages about the last message's file */
	size_t more;       /* of these, those only counted */
	size_t more_errors;
};

#define TG_MAX_DIAGS 100   /* messages kept per file (trygg-check(1)) */
#define TG_DIAGS_INIT { NULL, 0, 0, 0, 0, 0, 0 }
void tg_diags_release(struct tg_diags *d);
/* g as a person reads it: "PATH:LINE:COL: error: MESSAGE\n" (path as
 * given, the file's name as shown to the user), then the excerpt and a
 * caret under the column; path, message and excerpt made safe for a
 * terminal (tg_term_safe), the caret under the column as shown.  The
 * severity's name and the message are translated through tr (NULL:
 * English). */
void tg_diag_format(struct buf *b, const struct tg_diag *g, const char *path,
		    tg_translate_fn *tr);
/* Add a message; src/srclen (may be NULL) give the text the excerpt is cut
 * from, at byte offset `at`. */
void tg_diag_add(struct tg_diags *d, enum tg_severity sev, const char *path,
		 unsigned line, unsigned col, const char *src, size_t srclen,
		 size_t at, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));
/* Would a message about path be kept (not only counted)?  Lets a caller
 * skip costly work, such as a suggestion, for a message nobody will see. */
bool tg_diag_wanted(const struct tg_diags *d, const char *path);
/* Move every message of from to the end of d (from is left empty). */
void tg_diags_append(struct tg_diags *d, struct tg_diags *from);
/* Drop the warnings and notes, keep the errors. */
void tg_diags_keep_errors(struct tg_diags *d);
/* Suggest the closest of `words` (NULL-terminated) to `word`, or NULL. */
const char *tg_suggest(const char *word, const char *const *words);
/* The one phrasing of a suggestion: " (did you mean 'W'?)" with W the
 * tg_suggest of word among words, or "" when none is close; written to b
 * (emptied first), whose text it returns. */
const char *tg_did_you_mean(struct buf *b, const char *word, const char *const *words);
/* Append the names (NULL-terminated; "" ones skipped) to b as one list,
 * "a, b, c": how a message lists the values allowed. */
void tg_names_join(struct buf *b, const char *const *names);

/* ---- YAML documents with positions ------------------------------------ */

enum tg_kind { TG_SCALAR, TG_MAP, TG_SEQ };

enum tg_style {          /* how a node is written in its file */
	TG_PLAIN, TG_SINGLE, TG_DOUBLE, TG_LITERAL, TG_FOLDED, /* scalars */
	TG_BLOCK, TG_FLOW,                                     /* collections */
};

struct tg_node {
	enum tg_kind kind;
	enum tg_style style;
	unsigned line, col;      /* 1-based start; col in characters */
	size_t start, end;       /* byte span in the source; a block
				  * collection's end is libyaml's late mark */
	size_t tail;             /* byte just past the last scalar inside */
	const char *str;         /* scalar value, NUL-terminated */
	size_t len;
	struct tg_node **kids;   /* seq: items; map: key, value, key, value … */
	size_t n;                /* number of kids (2 × pairs for a map) */
	struct tg_node *parent;  /* NULL for the root */
};

struct tg_doc {
	char *path;
	char *src;               /* the file's bytes, NUL-terminated */
	size_t len;
	struct tg_node *root;    /* NULL for an empty document */
	struct tg_arena *arena;  /* the tree's nodes and strings */
	char *heap_src;          /* src when not in the arena, else NULL */
};

/* Parse bytes (copied) into a tree.  Refuses anchors, aliases, tags,
 * complex keys, duplicate keys, several documents, non-UTF-8 text and input
 * over the limits; every refusal is a located error in d. */
enum tg_status tg_doc_parse(const char *path, const char *src, size_t len,
			    struct tg_doc **out, struct tg_diags *d);
/* Read a file and parse it (TG_ENOINPUT when it cannot be read). */
enum tg_status tg_doc_load(const char *path, struct tg_doc **out,
			   struct tg_diags *d);
void tg_doc_free(struct tg_doc *doc);
/* The value under `key` in a mapping, or NULL. */
struct tg_node *tg_map_get(const struct tg_node *map, const char *key);
/* Read a whole file into b (lib/readfile.c): TG_ENOINPUT when it cannot be
 * opened or is no regular file (a named pipe is never waited for),
 * TG_EDATA over limit, TG_EIO, TG_EBUSY when it kept changing while read. */
enum tg_status tg_read_file(const char *path, size_t limit, struct buf *b,
			    struct tg_diags *d);
/* The same, and *st: the state (fstat) of the file read, taken from the
 * descriptor read, unchanged from before the read to after it. */
struct stat;
enum tg_status tg_read_file_st(const char *path, size_t limit, struct buf *b,
			       struct stat *st, struct tg_diags *d);

/* Report a message at a node of doc (its line, column and excerpt). */
void tg_diag_node(struct tg_diags *d, enum tg_severity sev,
		  const struct tg_doc *doc, const struct tg_node *n,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- the model: lib/model.h (the typed plan and trygg.yaml) --------- */

#include "model.h"

/* ---- IDs (lib/ids.c; trygg-plan(5) IDS AND REFERENCES) ------------------
 * An ID number starts with a digit from 1 to 9, has no sign and at most
 * TG_ID_DIGITS digits, so that the next one is always a valid int.  A joint
 * item's ID is S<n>, a problem's P<n>, a measure's <problem>.M<n>, a
 * follow-up's <problem>.F<n>, an indicator's <problem>.I<n>, a promise's
 * L<n>. */
#define TG_ID_DIGITS 9
/* Room for any ID trygg makes: a follow-up's of a problem, NUL included. */
#define TG_ID_SIZE (2 * (TG_ID_DIGITS + 2) + 1)
/* Is id prefix followed by an ID number ("P6" for "P", "P6.M3" for "P6.M")? */
bool tg_id_is(const char *id, const char *prefix);
/* Has id a run of more than TG_ID_DIGITS digits (for messages)? */
bool tg_id_too_long(const char *id);
/* Is id <parent>.<letter><n>, an ID under the item parent (P6.M1, P6.I1)? */
bool tg_child_id_is(const char *id, const char *parent, char letter);
/* The number after prefix in id, or 0 when id is not prefix + an ID number. */
long tg_id_number(const char *id, const char *prefix);
/* id split at the digits it ends in ("P6.M26": 4, the length of "P6.M"),
 * and their number in *num (26), 0 when they are not an ID number. */
size_t tg_id_split(const char *id, long *num);
/* prefix + n ("S" and 4: "S4"); caller frees. */
char *tg_id_make(const char *prefix, long n);
/* One past the highest number among ids[0..n) (NULLs skipped) that have
 * the form prefix + number; 1 for none.  0 when that is past TG_ID_DIGITS. */
long tg_id_next(const char *const *ids, size_t n, const char *prefix);
/* The ID of the next new problem of plan (pr NULL) or of the next new
 * measure of pr (caller frees), also past the n_more IDs of more (new
 * items not yet in plan), or NULL when the numbers are used up (with an
 * error in d). */
char *tg_id_new(const struct tg_plan *plan, const struct tg_problem *pr,
		const char *const *more, size_t n_more, struct tg_diags *d);
/* The same for kind 'M', 'F' or 'I': a measure, follow-up or indicator
 * of pr (a problem when pr is NULL). */
char *tg_id_new_of(const struct tg_plan *plan, const struct tg_problem *pr, char kind,
		   const char *const *more, size_t n_more, struct tg_diags *d);
/* Is id free in plan: no problem, measure or joint item has it? */
bool tg_id_free(const struct tg_plan *plan, const char *id);
/* The ID of pr's follow-up k (from 0): its own (schema trygg/2, stable),
 * or P<n>.F<k+1> by its place (trygg/1), into buf of size n. */
const char *tg_followup_id(const struct tg_problem *pr, size_t k, char *buf, size_t n);

/* What a measure's state means (lib/measure.c), the one definition each:
 * open is neither done nor cancelled; an open measure's due date is the
 * day after which it is overdue (NULL: it never is, being closed or
 * without a due date); overdue as of the day as_of (YYYY-MM-DD) is that
 * day being after it.  The index stores the first two as the columns
 * "open" and "overdue_after" of measures, and its views and queries ask
 * those (trygg-index(7)). */
bool tg_status_is_open(enum tg_mstatus status);
bool tg_measure_is_open(const struct tg_measure *m);
const char *tg_measure_overdue_after(const struct tg_measure *m);
bool tg_measure_overdue(const struct tg_measure *m, const char *as_of);

enum tg_status tg_config_load(const char *path, struct tg_config **out,
			      struct tg_diags *d);
enum tg_status tg_config_parse(const char *path, const char *src, size_t len,
			       struct tg_config **out, struct tg_diags *d);
void tg_config_free(struct tg_config *cfg);
/* Is id one of the programme's strategic areas in trygg.yaml? */
bool tg_config_has_area(const struct tg_config *cfg, int id);
/* Is id one of the Police's initiatives trygg.yaml lists by id (trygg/2)? */
bool tg_config_has_initiative(const struct tg_config *cfg, int id);
/* Is name one of trygg.yaml's organisations (letter case aside)?  A
 * workspace that lists none knows every name. */
bool tg_config_has_organisation(const struct tg_config *cfg, const char *name);
/* The warning for a responsible party that tg_config_has_organisation
 * does not know, into b (emptied first): "'NAME' is not a known
 * organisation" and a suggestion, or how to add it; suggest false spares
 * the search for a suggestion (for a message that is only counted). */
void tg_organisation_warning(struct buf *b, const struct tg_config *cfg, const char *name,
			     bool suggest);

/* A decimal number with '.' or a decimal comma ("0,41"). */
bool tg_parse_decimal(const char *s, double *out);
/* A share from 0 to 1: "0.41", "0,41", "41%", "41 %", "41,5 %". */
bool tg_parse_share(const char *s, double *out);
/* A number as a person types it: "0.33", "0,33", "12", or a percentage
 * ("33 %", "33%", "33,5 %"), given as the share it is (0.33) with
 * *percent true. */
bool tg_parse_amount(const char *s, double *out, bool *percent);
/* v as a plan file writes a number: plain decimals, at most 15 significant
 * digits, no exponent for the values the schema allows ("0.33", "1200"). */
void tg_format_number(double v, char *out, size_t n);

/* Is s a valid calendar date written YYYY-MM-DD? */
bool tg_is_date(const char *s);

/* Days since 1970-01-01 of a valid YYYY-MM-DD. */
long tg_day_number(const char *s);

/* Schema trygg/2 over time (DESIGN.md §7; lib/cycle.c). */

/* The status of m as of date (NULL: now) into *out: that of its last
 * dated history entry on or before date, or of its undated first entry;
 * on and after the date of its last entry, and without history, its
 * status key.  False when every entry is dated after date: the measure
 * did not exist yet. */
bool tg_measure_status_as_of(const struct tg_measure *m, const char *date,
			     enum tg_mstatus *out);
/* The latest reading of ind as of date (NULL: any): its own readings and
 * the follow-ups' of its problem pr (dated by the follow-up). */
bool tg_indicator_latest(const struct tg_problem *pr, const struct tg_indicator *ind,
			 const char *as_of, struct tg_dated *out);
/* The way that is better for ind: its direction, else the way from its
 * baseline to its target, else none. */
enum tg_direction tg_indicator_direction(const struct tg_indicator *ind);
enum tg_verdict { TG_V_NONE, TG_V_NO_READING, TG_V_ON_TRACK, TG_V_OFF_TRACK, TG_V_MET,
		  TG_V_NOT_MET };
extern const char *const tg_verdict_names[];  /* "", no_reading, on_track, … */
/* The verdict on ind as of date: no_reading without a reading after the
 * baseline; without a target none (readings only); before the target's
 * date on_track when the latest reading is at least as good (by direction,
 * else the way from baseline to target) as the straight line from
 * baseline to target at the reading's date (without both dates: as the
 * baseline), else off_track; on and after it met or not_met against the
 * target.  *latest (may be NULL) gets the latest reading when there is one
 * after the baseline. */
enum tg_verdict tg_indicator_verdict(const struct tg_problem *pr, const struct tg_indicator *ind,
				     const char *as_of, struct tg_dated *latest);

/* The last day (tg_day_number) on which an indicator is on track: come as
 * far from baseline to latest as the time has from the baseline date to
 * the target date, or reached the target (TG_ALWAYS); TG_NEVER when it
 * lacks a value or a date to tell. */
#define TG_ALWAYS LONG_MAX
#define TG_NEVER LONG_MIN
long tg_track_until(const struct tg_point *baseline, const struct tg_point *target,
		    const struct tg_point *latest);

/* The joint picture the plan's three source pictures merge into, as a
 * value for situation.joint holding the keys merge owns: id, title, areas,
 * sources, share (DESIGN.md §4, §7; lib/merge.c).  A joint item no source
 * names any more is in it, with sources [], when a problem links to it or
 * it has a decision (with a warning); else it is left out. */
/* Likely synonyms that merge keeps apart (`situation merge --suggest`):
 * pairs of titles of the plan's situation pictures and joint picture that
 * name different problems by merge's rule but have the same Snowball stems,
 * or are a small edit apart, or one's single stem is a part of the other's
 * word (skräp, nedskräpning).  Each pair is appended to out as a line
 * "- [A, B]", ready for 'synonyms' in trygg.yaml; returns how many. */
size_t tg_merge_suggest(const struct tg_plan *plan, const struct tg_config *cfg,
			struct buf *out);
struct tg_val *tg_merge(const struct tg_plan *plan, const struct tg_config *cfg,
			struct tg_diags *d);

/* ---- the workspace ---------------------------------------------------- */

struct tg_workspace {
	char *root;                   /* absolute path of the folder */
	char *config_path;            /* root/trygg.yaml */
	char *districts_dir;          /* root/districts */
};

/* Find the workspace: dir (from -C) if given, else $TRYGG_DIR, else walk up
 * from the current folder.  TG_EUSAGE with a message when there is none. */
enum tg_status tg_workspace_find(const char *dir, struct tg_workspace **out,
				 struct tg_diags *d);
void tg_workspace_free(struct tg_workspace *ws);
/* The plan files of the workspace, sorted by name (free each and the
 * array): *out, always an array, and TG_OK, or an error in d when
 * districts/ cannot be listed (TG_ENOINPUT: missing, a link to nowhere, a
 * loop, not a folder; TG_EIO).  No list is never "no districts". */
enum tg_status tg_workspace_list(const struct tg_workspace *ws, char ***out, size_t *n,
				 struct tg_diags *d);
/* The same, errors ignored: for finding a district by name. */
char **tg_workspace_districts(const struct tg_workspace *ws, size_t *n);
/* Resolve a district named by its `district:` name or file name without
 * .yaml, case-insensitively and with å/ä/ö transliterated.  Returns the
 * path (caller frees) or NULL with a message. */
char *tg_workspace_district_path(const struct tg_workspace *ws,
				 const char *name, struct tg_diags *d);
/* File name stem for a district name: lower-case ASCII, å ä → a, ö → o,
 * runs of other characters → '-'. */
char *tg_slug(const char *name);
/* Write a new workspace into dir (created if missing). */
enum tg_status tg_workspace_init(const char *dir, const char *city,
				 struct tg_diags *d);
/* Write the example workspace (examples/goteborg, built into the library)
 * into dir, as tg_workspace_init writes a new one. */
enum tg_status tg_workspace_init_example(const char *dir, struct tg_diags *d);
/* Text of a new plan file. */
char *tg_plan_template(const char *district, const char *const *areas,
		       size_t n_areas);

/* Write a new plan file for district `name`; *path_out (caller frees) is
 * its path.  Refuses an existing district (TG_EUSAGE). */
enum tg_status tg_workspace_add_district(const struct tg_workspace *ws,
					 const char *name, const char *const *areas,
					 size_t n_areas, char **path_out,
					 struct tg_diags *d);

/* ---- values: content to write, and the model an edit intends -------- */

enum tg_vkind {
	TG_V_TEXT,     /* text: written plain when safe, else quoted */
	TG_V_RAW,      /* a date, number, id or enum value: written as it is */
	TG_V_LIST,
	TG_V_MAP,      /* kids alternate key, value */
};

struct tg_val {
	enum tg_vkind kind;
	char *str;
	struct tg_val **kids;
	size_t n, alloc;
};

struct tg_val *tg_val_text(const char *s);
/* The byte offset of the first character of s[0..len) that a text value
 * of a plan file may not hold, or len when there is none: invalid UTF-8,
 * a C1 control character (U+0080 to U+009F) or U+FFFE or U+FFFF (which
 * YAML does not allow in a file, and which the writer does not escape). */
size_t tg_text_check(const char *s, size_t len);
struct tg_val *tg_val_raw(const char *s);
struct tg_val *tg_val_list(void);
struct tg_val *tg_val_map(void);
/* Append item to a list (returns the list); the list owns item. */
struct tg_val *tg_val_push(struct tg_val *list, struct tg_val *item);
/* Set key in a map, replacing an old value or appending (returns map). */
struct tg_val *tg_val_put(struct tg_val *map, const char *key, struct tg_val *value);
struct tg_val *tg_val_get(const struct tg_val *map, const char *key);
void tg_val_free(struct tg_val *v);
/* The value a document node holds (positions and styles dropped). */
struct tg_val *tg_val_from_node(const struct tg_node *n);
bool tg_val_equal(const struct tg_val *a, const struct tg_val *b);
/* A new problem (measure false) or measure: the key id with the value id
 * first, then the keys of fields in the order trygg-plan(5) gives them
 * (the schema table); a key the item does not have is dropped.  Takes
 * fields over. */
struct tg_val *tg_val_new_item(bool measure, const char *id, struct tg_val *fields);

/* ---- editing plan files ---------------------------------------------- */

/* An edit of one plan file's text (see lib/edit.c for the method).  Each
 * operation splices the text, parses it again and checks that it holds
 * exactly the intended change; on any error the edit is spoiled and must
 * be dropped.  Nodes passed in must come from tg_edit_plan() as it is at
 * the time of the call: every operation makes a new plan. */
struct tg_edit;
enum tg_status tg_edit_open(const char *path, const char *src, size_t len,
			    const struct tg_config *cfg, struct tg_edit **out,
			    struct tg_diags *d);
void tg_edit_free(struct tg_edit *e);
const struct tg_plan *tg_edit_plan(const struct tg_edit *e);
const char *tg_edit_text(const struct tg_edit *e, size_t *len);
/* Did an operation change the text?  (The caller need not keep the text
 * it opened the edit with to compare.) */
bool tg_edit_changed(const struct tg_edit *e);
/* A batch (lib/edit-batch.c): from now on appends wait and are spliced,
 * parsed and verified together, by tg_edit_flush or before any other
 * operation.  Until then tg_edit_plan() and tg_edit_text() are as of the
 * last flush, without the waiting items, and nodes of that plan stay
 * valid (an operation's node may come from it).  Nothing waits unless
 * tg_edit_batch was called. */
void tg_edit_batch(struct tg_edit *e);
/* Apply the waiting appends (none: TG_OK); on an error the edit is
 * spoiled. */
enum tg_status tg_edit_flush(struct tg_edit *e, struct tg_diags *d);
/* A plan file of schema trygg/1 made trygg/2 (trygg-migrate(1)): the
 * schema line, follow-up and indicator IDs (P<n>.F<k>, P<n>.I<k>, in file
 * order, first in their mappings), follow-ups' readings named by ID;
 * nothing else.  A trygg/2 file is left as it is (lib/edit-migrate.c). */
enum tg_status tg_edit_migrate(struct tg_edit *e, struct tg_diags *d);
/* The plan to read item id in (and the items inside it), as
 * tg_edit_plan(), but with the changes a batch holds back applied first
 * when one of them is inside that item or makes it; NULL when applying
 * them failed (errors in d).  Operations find the items they change
 * through it, so that a batch's earlier lines are seen by its later. */
const struct tg_plan *tg_edit_plan_for(struct tg_edit *e, const char *id, struct tg_diags *d);
/* Set key of a mapping to v (taken over by the edit). */
enum tg_status tg_edit_set(struct tg_edit *e, const struct tg_node *map,
			   const char *key, struct tg_val *v, struct tg_diags *d);
/* Append item (taken over) to the list under key, creating it if absent. */
enum tg_status tg_edit_append(struct tg_edit *e, const struct tg_node *map,
			      const char *key, struct tg_val *item, struct tg_diags *d);
/* Remove key (and its value) from a mapping; nothing when it is absent. */
enum tg_status tg_edit_unset(struct tg_edit *e, const struct tg_node *map,
			     const char *key, struct tg_diags *d);
/* Remove item `index` of a list: its own lines go, others' comments stay. */
enum tg_status tg_edit_remove(struct tg_edit *e, const struct tg_node *seq,
			      size_t index, struct tg_diags *d);
/* Put the items of a list in a new order: item k becomes old item
 * order[k] (order holds each of 0 … n-1 once).  In block style each item
 * moves with the comment and blank lines above it. */
enum tg_status tg_edit_reorder(struct tg_edit *e, const struct tg_node *seq,
			       const size_t *order, struct tg_diags *d);

/* Bring situation.joint of the edit's plan to tg_merge's picture through
 * the operations above: items that go are removed, the keys merge owns are
 * set where they differ, new items appended, the list reordered.  Every
 * other key and every comment of an item stays; when nothing differs, no
 * byte changes. */
enum tg_status tg_edit_merge(struct tg_edit *e, const struct tg_config *cfg,
			     struct tg_diags *d);

/* The analysis step on joint item joint_id (`situation decide`): its
 * decision, and rank (when > 0), rationale and decided {date, by} (when
 * given), set through the edit operations.  TG_EUSAGE for a file of
 * schema trygg/1 or an unknown item. */
struct tg_decide {
	const char *joint_id;
	enum tg_decision decision;    /* not TG_DECISION_NONE */
	int rank;
	const char *rationale;
	const char *date, *by;
};
enum tg_status tg_edit_decide(struct tg_edit *e, const struct tg_decide *a, struct tg_diags *d);

/* ---- locked, atomic replacement of a file (protocol: lib/lockfile.c) -- */

struct tg_lock;
/* Take path.lock, waiting up to timeout seconds (TG_EBUSY after). */
enum tg_status tg_lock_acquire(const char *path, double timeout,
			       struct tg_lock **out, struct tg_diags *d);
/* Read the locked file and remember its identity. */
enum tg_status tg_lock_read(struct tg_lock *lk, struct buf *b, struct tg_diags *d);
/* Replace the file with data: temp file, fsync, unchanged-check, rename,
 * fsync of the folder.  TG_EBUSY when the file changed since tg_lock_read. */
enum tg_status tg_lock_commit(struct tg_lock *lk, const char *data, size_t len,
			      struct tg_diags *d);
/* tg_lock_commit in two steps, for many files replaced together
 * (trygg batch --all-or-nothing): prepare writes and syncs the temporary
 * file and checks the file is unchanged; install renames it into place
 * (checking again) and syncs the folder. */
enum tg_status tg_lock_prepare(struct tg_lock *lk, const char *data, size_t len,
			       struct tg_diags *d);
enum tg_status tg_lock_install(struct tg_lock *lk, struct tg_diags *d);
/* Remove the lock (and any temporary file); NULL is a no-op. */
void tg_lock_release(struct tg_lock *lk);

/* ---- merging two sides' edits of a plan file (lib/gitmerge*.c) ------- */

/* What a three-way merge made (DESIGN.md §10). */
struct tg_merge3 {
	struct buf text;       /* the merged file, with markers when conflicts */
	size_t conflicts;      /* keys (or items) marked as set two ways; with
	                          line_merge, the places git marked */
	bool line_merge;       /* text is git's line merge: no merge by model */
	struct buf renames;    /* THEIRS's renumbered items: "OLD NEW\n" each */
};
void tg_merge3_init(struct tg_merge3 *m);
void tg_merge3_release(struct tg_merge3 *m);
/* Merge the edits BASE -> THEIRS into OURS (files; name is the path shown
 * in messages), as trygg-merge-file(1) describes: git's line merge when it
 * is clean and valid, else item by item, keyed by IDs and key names.
 * TG_OK: m->text merged cleanly.  TG_FINDINGS: m->text holds conflict
 * markers of marker_size characters (m->line_merge when the merge by model
 * failed, d saying why).  Another status: nothing to write (an input
 * missing, git not runnable). */
enum tg_status tg_merge_file(const char *base, const char *ours, const char *theirs,
			     const char *name, int marker_size, struct tg_merge3 *m,
			     struct tg_diags *d);

/* The merge by model alone, on three texts, without git: what
 * tg_merge_file does when git's line merge is not clean or not valid.
 * TG_OK: m->text merged; TG_FINDINGS: with markers around m->conflicts
 * keys; another status: a side does not load, a change could not be
 * applied, or a side's change to comments or layout could not be kept
 * beside the other's changes, and m->text means nothing. */
enum tg_status tg_merge_texts(const char *base, size_t blen, const char *ours, size_t olen,
			      const char *theirs, size_t tlen, const char *name, int marker_size,
			      struct tg_merge3 *m, struct tg_diags *d);

/* Make the git clone the workspace at root is in merge plan files with
 * trygg (DESIGN.md §10): .gitattributes, .trygg/ in .gitignore (lines
 * added when missing), the driver in the clone's config.  With init, a
 * folder that is no repository becomes one (git init). */
enum tg_status tg_git_setup(const char *root, bool init, struct tg_diags *d);

/* ---- autocommit: each write a git commit (lib/gitcommit.c) ----------- */

/* A write's commit in the making (DESIGN.md §10).  The protocol, under the
 * lock of path, a file of the workspace at root:
 *  1. tg_autocommit_begin, before the file is written: when the file
 *     differs from git's HEAD (hand edits, or a file git does not have),
 *     it is committed as it is, "hand edits to districts/x.yaml".  *out is
 *     NULL, with a warning, when root is in no git repository; on an error
 *     (git fails) nothing is to be written.
 *  2. The file is written.
 *  3. tg_autocommit_commit commits that file alone (what else is staged
 *     stays staged) with message msg, as git's configured author or as
 *     TRYGG_AUTHOR ("Name <email>").  TG_EIO when git fails: the file is
 *     written but not committed.
 *  4. tg_autocommit_free (NULL is a no-op), then the file's lock goes.
 * git's busy index is waited for until timeout seconds after 1; trygg's
 * writers commit one at a time (an flock in the git directory). */
struct tg_autocommit;
enum tg_status tg_autocommit_begin(const char *root, const char *path, double timeout,
				   struct tg_autocommit **out, struct tg_diags *d);
enum tg_status tg_autocommit_commit(struct tg_autocommit *ac, const char *msg,
				    struct tg_diags *d);
void tg_autocommit_free(struct tg_autocommit *ac);

/* ---- unified diff ------------------------------------------------------ */

/* Append to out the unified diff (3 lines of context) from a to b. */
void tg_diff(struct buf *out, const char *a_name, const char *a, size_t alen,
	     const char *b_name, const char *b, size_t blen);

/* ---- CSV input (lib/csvin.c) ------------------------------------------ */

struct tg_csv_row {
	char **v;          /* fields, NUL-terminated strings */
	size_t n;
	size_t line;       /* the line the record starts on */
};

struct tg_csv {
	struct tg_csv_row *rows;   /* rows[0] is the header */
	size_t n, alloc;
	char sep;                  /* the separator found: , ; or tab */
};

/* Read a CSV file (encoding NULL for UTF-8, else an iconv name). */
enum tg_status tg_csv_read(const char *path, const char *encoding, struct tg_csv **out,
			   struct tg_diags *d);
/* The same on bytes in memory (copied); path only names them in messages. */
enum tg_status tg_csv_parse(const char *path, const char *src, size_t len,
			    const char *encoding, struct tg_csv **out, struct tg_diags *d);
void tg_csv_free(struct tg_csv *csv);
/* A CSV file read a record at a time, by the same rules: only the record
 * being read is held as fields (the file's text is held once, at most its
 * 64 MiB limit).  tg_csv_open reads and checks the text (encoding, BOM);
 * tg_csv_next gives the next record (the header first) in *row, owned by
 * the stream until the next call, or NULL at the end; an error in the file
 * (malformed, a NUL byte, a row wider than the header, a limit) goes into
 * the diags given to tg_csv_open and is TG_EDATA, for this call and every
 * later one.  tg_csv_close(NULL) is a no-op. */
struct tg_csv_stream;
enum tg_status tg_csv_open(const char *path, const char *encoding, struct tg_csv_stream **out,
			   struct tg_diags *d);
enum tg_status tg_csv_next(struct tg_csv_stream *s, const struct tg_csv_row **row);
char tg_csv_separator(const struct tg_csv_stream *s);
void tg_csv_close(struct tg_csv_stream *s);
/* The columns of trygg plan import, NULL-ended: problem, text, phase,
 * term, kind, responsible, due, status, strategic_areas, id. */
extern const char *const tg_plan_columns[];
/* The column a heading names: its name above or its Swedish heading
 * (problem, åtgärd, fas, sikt, typ, ansvar, klart senast, status,
 * strategiska områden, id), matched by tg_word_key; -1 for neither. */
int tg_plan_column(const char *heading);

/* ---- reports (lib/report) ----------------------------------------------- */

enum tg_report_kind { TG_REPORT_PLAN, TG_REPORT_FOLLOWUP, TG_REPORT_SITUATION,
		      TG_REPORT_OVERVIEW, TG_REPORT_OVERDUE,
		      TG_REPORT_SITE,          /* tg_report_site, not tg_report */
		      TG_REPORT_INDICATORS, TG_REPORT_PROMISES };
/* plan followup situation overview overdue site indicators promises */
extern const char *const tg_report_names[];

struct tg_report_opts {
	enum tg_report_kind kind;
	enum tg_format format;
	bool english;                /* else Swedish */
	const char *as_of;           /* "today", YYYY-MM-DD */
	bool color;                  /* ANSI colours in text output */
	bool loads_told;             /* site: the errors of plan files that fail
					to load are printed already (the index's) */
};

struct tg_index;

/* What a report reads: plan, followup and situation read plan files;
 * overview and overdue read the index (lib/index.h), all districts or the
 * one whose file (relative to the workspace) is `file`. */
struct tg_report_input {
	const struct tg_plan *const *plans;
	size_t n;
	struct tg_index *ix;
	const char *file;
};

/* Append a report to out (csv and json: a table of kind "report-KIND",
 * lib/out.h).  *overdue is the number of overdue measures found (overdue
 * kind).  TG_OK, or the index's error. */
enum tg_status tg_report(struct buf *out, const struct tg_report_input *in,
			 const struct tg_config *cfg, const struct tg_report_opts *o,
			 size_t *overdue, struct tg_diags *d);

/* Write every report as a static site into the folder dir (trygg report
 * site, lib/report/site.c): index.html (the overview), overdue.html and
 * districts/NAME.html per plan file (plan, follow-up, situation, and its
 * citizen promises when it has any), linked
 * by relative links.  The site is built in a new folder beside dir and
 * then takes dir's place in one rename; an existing dir must be empty or a
 * site made here (it holds the file .trygg-site), else TG_ECREAT and
 * nothing changes.  A plan file that fails to load has no page and no
 * link (the overview marks it from the index): the site is published and
 * the result is TG_EDATA.  ix: the index, up to date; o: english, as_of
 * and loads_told. */
enum tg_status tg_report_site(const struct tg_workspace *ws, const struct tg_config *cfg,
			      struct tg_index *ix, const char *dir,
			      const struct tg_report_opts *o, struct tg_diags *d);

/* ---- writing YAML ----------------------------------------------------- */

/* Can s be written as a plain scalar, also inside a flow list, and read
 * back as the same string by YAML 1.1 and 1.2 readers? */
bool tg_yaml_plain_ok(const char *s);
/* Append s as a double-quoted scalar. */
void tg_yaml_quoted(struct buf *b, const char *s);
/* Append s as text: plain when that is safe (also inside a flow
 * collection), else double-quoted. */
void tg_yaml_text(struct buf *b, const char *s);
/* The same for a value in block style (after "key: " in a block mapping or
 * "- " in a block list), where a '?' inside plain text is safe. */
void tg_yaml_block_text(struct buf *b, const char *s);

/* ---- UTF-8 ------------------------------------------------------------ */

/* Byte offset of the first invalid sequence, or len when s is valid. */
size_t tg_utf8_check(const char *s, size_t len);
/* Number of characters (code points) in s[0..len). */
size_t tg_utf8_len(const char *s, size_t len);
/* Columns a terminal gives s[0..len), by grapheme cluster (utf8proc): a
 * letter and its combining marks ("a" + U+0308) are one column, an East
 * Asian wide character or an emoji (with its modifiers and joiners) two;
 * invisible format characters none; ASCII one each. */
size_t tg_utf8_width(const char *s, size_t len);
/* The bytes of the longest start of s[0..len) that is whole grapheme
 * clusters and takes at most max columns. */
size_t tg_utf8_cut(const char *s, size_t len, size_t max);
/* Text made safe for a terminal; every text from a file, the index or
 * the command line that a person reads on a terminal goes through this
 * (reports, listings, diagnostics).  C0 controls, DEL and C1 controls are
 * shown as \xNN (an ESC as \x1B), the bidi embeddings, overrides and
 * isolates (U+202A-202E, U+2066-2069) as \uNNNN, and each byte that is
 * not part of valid UTF-8 as \xNN.  Tab and newline as ws says. */
enum tg_term_ws {
	TG_WS_ESCAPE,      /* shown as \x09 and \x0A like the other controls */
	TG_WS_KEEP,        /* kept as they are */
	TG_WS_SPACE,       /* each becomes a space (one-line text) */
};
void tg_term_safe(struct buf *b, const char *s, size_t len, enum tg_term_ws ws);
/* Is s[0..len) the same after tg_term_safe (whatever ws)?  A fast test
 * that may say false for some safe text, never true for unsafe. */
bool tg_term_plain(const char *s, size_t len);
/* Markdown for a table cell or a line of text: | and the characters of
 * markup (\ * _ ` [ ]) escaped with a backslash, < > & as HTML entities,
 * a newline as <br>, CR dropped, other controls (C0, DEL, C1) as a space.
 * The one Markdown escaper of reports and listings. */
void tg_md_escape(struct buf *b, const char *s);
/* Decode one code point at *p (advances *p); invalid bytes give U+FFFD. */
unsigned tg_utf8_next(const char **p, const char *end);
/* Append c encoded as UTF-8. */
void tg_utf8_put(struct buf *b, unsigned c);
/* Simple Unicode case folding for Latin, Greek and Cyrillic letters. */
unsigned tg_fold(unsigned c);
/* Fold case and collapse white space: the key two titles match by. */
char *tg_fold_title(const char *s);
/* Case-insensitive comparison with folding, of the NFC forms (0 when
 * equal). */
int tg_casecmp(const char *a, const char *b);
/* s in Unicode NFC (a copy; caller frees): how every typed value and
 * every compared name is taken (DESIGN.md §9), so that "Va\u0308stra" typed
 * on a Mac is "Västra" (lib/words.c, utf8proc).  Invalid UTF-8 comes back
 * as it is. */
char *tg_nfc(const char *s);
/* tg_nfc of s (malloc()ed), taking s over: s itself when it is NFC
 * already, else a new string and s is freed. */
char *tg_nfc_take(char *s);
/* s in NFC: s itself (and *made NULL) when it is NFC already, else a new
 * string that *made holds too, for the caller to free. */
const char *tg_nfc_const(const char *s, char **made);
/* The key a typed word matches by: NFC, case folded, accents dropped,
 * '_', '-' and runs of white space one space ("PÅGÅR", "pagar" and
 * "pågår" alike; "ej_prioriterad" and "ej prioriterad" alike). */
char *tg_word_key(const char *s);
bool tg_word_eq(const char *a, const char *b);
/* Swedish alphabetical order: … x y z å ä ö, case-insensitive first. */
int tg_collate_sv(const char *a, size_t alen, const char *b, size_t blen);

/* Worker threads to use: TRYGG_THREADS if it is a count (0: none), else
 * one per online processor; at most 16 (lib/pipe.c). */
int tg_pipe_threads(void);

/* Run argv[0] (found on PATH) with argv, stdin and stderr /dev/null,
 * stdout into out (unless NULL): its exit status, or -1 when it could not
 * run or died (lib/gitsetup.c). */
int tg_run(const char *const *argv, struct buf *out);

/* The operations of the write commands on an open edit: lib/op.h. */
#include "op.h"

#endif
