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
	size_t new_from, new_to;      /* the bytes the last splice wrote */
};

/* What an operation means to do, at the node `path` leads to. */
struct change {
	enum { CH_SET, CH_UNSET, CH_APPEND, CH_REMOVE, CH_REORDER } op;
	size_t path[TG_MAX_DEPTH + 2];
	size_t depth;
	const char *key;              /* SET, UNSET, APPEND */
	const struct tg_val *val;     /* SET: the value; APPEND: the item */
	size_t index;                 /* REMOVE */
	const size_t *order;          /* REORDER: new item k is old order[k] */
};

enum tg_status tgi_reparse(struct tg_edit *e, const struct change *ch, struct tg_diags *d);

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
