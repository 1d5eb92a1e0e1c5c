/*
 * edit-int.h: what the edit's modules share, and no one else:
 * lib/edit.c (opening, positions, rendering, set and append),
 * lib/edit-verify.c (checking a change by parsing it again) and
 * lib/edit-remove.c (remove, unset, reorder).  Names shared between them
 * carry the prefix tgi_.
 */
#ifndef TRYGG_EDIT_INT_H
#define TRYGG_EDIT_INT_H

#include "priv.h"

struct tg_edit {
	char *path;
	const struct tg_config *cfg;
	struct {                      /* the text: plan->doc's bytes, or pending */
		const char *s;
		size_t len;
	} text;
	char *pending;                /* spliced, not yet parsed */
	bool changed;                 /* a splice changed a byte */
	struct tg_plan *plan;
	const char *eol;
	struct tgi_span { size_t from, to; } *spans;  /* the bytes the last */
	size_t n_spans, spans_alloc;                  /* splices wrote, in order */
	bool batch;                   /* appends wait for tg_edit_flush */
	struct tgi_append *pend;      /* the appends waiting (lib/edit-batch.c) */
	size_t n_pend, pend_alloc;
};

/* What an operation means to do, at the node `path` leads to. */
struct change {
	enum { CH_SET, CH_UNSET, CH_APPEND, CH_APPENDS, CH_REMOVE, CH_REORDER, CH_RENAME } op;
	size_t path[TG_MAX_DEPTH + 2];
	size_t depth;
	const char *key;              /* SET, UNSET, APPEND */
	const struct tg_val *val;     /* SET: the value; APPEND: the item;
				       * APPENDS: a list of the items */
	size_t index;                 /* REMOVE */
	const size_t *order;          /* REORDER: new item k is old order[k] */
	bool first;                   /* SET of a new key: as the first pair */
	const char *to;               /* RENAME: key becomes to */
};

/* Parse the spliced text again and check that it is the old tree with
 * exactly the changes chs[0..n) (sorted by path; none on a path through
 * another's node, except that a SET may have changes inside the other
 * pairs of its mapping); the new tree replaces the old one. */
enum tg_status tgi_reparse(struct tg_edit *e, const struct change *chs, size_t n,
			   struct tg_diags *d);

/* An append's splice, and how a next item to the same list continues it
 * (lib/edit.c computes it, lib/edit-batch.c keeps it waiting). */
struct tgi_append {
	size_t pos, del;
	struct buf ins;
	enum { CONT_NONE, CONT_BLOCK, CONT_FLOW } cont;
	size_t dash, off;             /* CONT_BLOCK: the items' columns */
	bool blank;                   /* CONT_BLOCK: a blank line between items */
	struct change ch;             /* waiting: CH_APPENDS of items */
	const struct tg_node *map;    /* waiting: the mapping, key (owned) */
	char *key;
	struct tg_val *items;         /* waiting appends: the items */
	struct tg_val *val;           /* a waiting set: the value */
};
enum tg_status tgi_append_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
				 const struct tg_val *item, struct tgi_append *a,
				 struct tg_diags *d);
void tgi_append_more(struct tg_edit *e, struct tgi_append *a, const struct tg_val *item);
/* Apply the waiting appends (lib/edit-batch.c). */
enum tg_status tgi_flush(struct tg_edit *e, struct tg_diags *d);
/* Before an operation at node n: apply the waiting appends and find n in
 * the new tree (by its path: appends only add kids at the end).  NULL
 * after an error. */
const struct tg_node *tgi_settle(struct tg_edit *e, const struct tg_node *n, struct tg_diags *d);
void tgi_batch_free(struct tg_edit *e);
/* tg_edit_set in a batch, its splice a (computed against the text as it
 * is) made: wait beside the others (taking v and a's text) when it
 * neither overlaps nor touches a waiting change, nor is its node inside
 * one's or one's inside its; else false, and nothing is taken. */
/* A waiting change pushed as it is, without the rule of the others
 * (trygg migrate's changes, made to be verified together). */
void tgi_batch_push(struct tg_edit *e, const struct tgi_append *a);
/* The splices of a set (*now: one a batch does not hold back), of a new
 * key put first in its mapping, and of a key renamed (lib/edit.c). */
enum tg_status tgi_set_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
			      const struct tg_val *v, struct tgi_append *a, bool *now,
			      struct tg_diags *d);
void tgi_first_splice(struct tg_edit *e, const struct tg_node *map, const char *key,
		      const struct tg_val *v, struct tgi_append *a);
void tgi_rename_splice(struct tg_edit *e, const struct tg_node *map, size_t pair,
		       const char *to, struct tgi_append *a);
bool tgi_batch_set(struct tg_edit *e, const struct tg_node *map, const char *key,
		   struct tg_val *v, struct tgi_append *a);
/* tg_edit_append in a batch: the item waits, joined to a waiting append
 * to the same list when there is one. */
enum tg_status tgi_batch_append(struct tg_edit *e, const struct tg_node *map, const char *key,
				struct tg_val *item, struct tg_diags *d);
void tgi_add_span(struct tg_edit *e, size_t from, size_t to);
size_t tgi_node_path(const struct tg_node *n, size_t *idx, size_t max);

void tgi_set_text(struct tg_edit *e, const struct tg_plan *plan);

/* Does node n hold value v? */
bool tgi_holds(const struct tg_node *n, const struct tg_val *v);

/* Lines end in LF, CRLF or CR alone, as YAML says. */
bool tgi_is_break(char c);

size_t tgi_line_start(const struct tg_edit *e, size_t pos);

/* The start of the line after the one holding pos (a position at the very
 * start of a line, as a block scalar's end is, already is one). */
size_t tgi_line_after(const struct tg_edit *e, size_t pos);

/* Where new lines go after node n: after the line holding its last scalar.
 * A block scalar (| or >) ends after its trailing blank lines; new lines go
 * before those, unless its header keeps them (|+, >+). */
size_t tgi_insert_point(const struct tg_edit *e, const struct tg_node *n);

bool tgi_blank_line_before(const struct tg_edit *e, size_t pos);

/* A change of the given kind at node n. */
struct change tgi_change_at(int op, const struct tg_node *n, const char *key,
			    const struct tg_val *val, size_t index);

void tgi_splice(struct tg_edit *e, size_t pos, size_t del, const struct buf *ins);

/* Where the value of a null key goes: just after its colon. */
size_t tgi_after_colon(const struct tg_edit *e, const struct tg_node *key);

/* The key node whose value is n, or NULL. */
const struct tg_node *tgi_key_of(const struct tg_node *n);

/* The start of the line of block list item n's dash. */
size_t tgi_item_line(const struct tg_edit *e, const struct tg_node *n);

#endif
