/*
 * model-int.h: what the model's loaders share, and no one else:
 * lib/model-read.c (typed values read from nodes), lib/model.c (the
 * district plan) and lib/config.c (the workspace file, trygg.yaml).
 *
 * Every reader reports at the node it concerns and goes on, so `trygg
 * check` lists all problems of a file in one run; each returns what it
 * read, or NULL / false / -1 when the node holds nothing usable.
 */
#ifndef TRYGG_MODEL_INT_H
#define TRYGG_MODEL_INT_H

#include "priv.h"
#include "schema.h"


struct ctx {
	struct tg_doc *doc;
	struct tg_diags *d;
	struct tg_arena *a;
	const struct tg_config *cfg;
	unsigned version;             /* the file's schema: 1 or 2 */
};

#define ERR(c, n, ...) tg_diag_node((c)->d, TG_SEV_ERROR, (c)->doc, (n), __VA_ARGS__)
#define WARN(c, n, ...) tg_diag_node((c)->d, TG_SEV_WARNING, (c)->doc, (n), __VA_ARGS__)

/* What a node is, for messages: "a mapping", "a list", "text", "nothing". */
const char *tgi_md_what(const struct tg_node *n);
/* Is n of kind (the value of key)? Reports when it is not. */
bool tgi_md_want(struct ctx *c, const struct tg_node *n, enum tg_kind kind,
	     const char *key);
/* The index of key k among node's keys (schema.h); -1 for a user's "x-"
 * key, -2 (reported) for an unknown key in where. */
int tgi_md_key_index(struct ctx *c, const struct tg_node *k,
		 const struct tg_schema_node *node, const char *where);
/* Report each required key of node whose bit (its index) is not in seen. */
void tgi_md_require(struct ctx *c, const struct tg_node *map, unsigned seen,
		const struct tg_schema_node *node, const char *where);
/* Text, required (tgi_md_text) or perhaps empty (tgi_md_opt_text: NULL). */
const char *tgi_md_text(struct ctx *c, const struct tg_node *n, const char *key);
const char *tgi_md_opt_text(struct ctx *c, const struct tg_node *n, const char *key);
/* A date YYYY-MM-DD, or NULL. */
const char *tgi_md_date(struct ctx *c, const struct tg_node *n, const char *key);
/* A number from min to max into *out. */
bool tgi_md_number(struct ctx *c, const struct tg_node *n, const char *key,
	       double min, double max, double *out);
/* A whole number from min to max into *out. */
bool tgi_md_integer(struct ctx *c, const struct tg_node *n, const char *key,
		long min, long max, int *out);
/* The index of the value among the NULL-ended names ("" never matches). */
int tgi_md_enumeration(struct ctx *c, const struct tg_node *n, const char *key,
		   const char *const *names);
/* A list of text, or of whole numbers from 1 to max, into *out. */
void tgi_md_strlist(struct ctx *c, const struct tg_node *n, const char *key,
		struct tg_strlist *out);
void tgi_md_intlist(struct ctx *c, const struct tg_node *n, const char *key,
		long max, struct tg_intlist *out);
/* The root's 'schema', when there is one, is one this trygg reads: sets
 * c->version (the newest when the key is missing or wrong). */
void tgi_md_check_schema(struct ctx *c, const struct tg_node *root);
/* The document's root is a mapping (what_file names the file's kind). */
bool tgi_md_root_map(struct ctx *c, const char *what_file);

/* The end of a message about a bad ID whose number is too long. */
#define TOO_LONG ", an ID number has at most 9 digits"

/* Shared by the plan's readers (lib/model.c, lib/model-situation.c). */
/* Each area of l is one of the plan's areas, when it lists them. */
void tgi_check_areas(struct ctx *c, const struct tg_plan *p, const struct tg_strlist *l);
/* A mapping of two keys of node (decided {date, by}, period {from, to}):
 * the first's value to *a, the second's to *b; dates checked as dates. */
void tgi_load_pair(struct ctx *c, const struct tg_node *n, const char *key,
		   const struct tg_schema_node *node, const char **a, const char **b);
/* plan.situation: the three pictures and the joint one. */
void tgi_load_situation(struct ctx *c, struct tg_plan *p, const struct tg_node *n);

#endif
