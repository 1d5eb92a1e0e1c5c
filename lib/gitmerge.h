/* gitmerge.h: what the two halves of the three-way merge of a plan file
 * share (lib/gitmerge.c merges the models and applies the result through
 * lib/edit.c; lib/gitmerge-text.c runs git's line merge, carries THEIRS's
 * comments and writes conflict markers). */
#ifndef TRYGG_GITMERGE_H
#define TRYGG_GITMERGE_H

#include "priv.h"

/* One step from a node to a node below it. */
struct mstep {
	enum { MS_KEY, MS_ITEM, MS_POS } kind;
	const char *key;      /* MS_KEY: the key; MS_ITEM: the identity field */
	const char *value;    /* MS_ITEM: the identity's value */
	size_t pos;           /* MS_POS: the item's index */
};

#define MPATH_MAX (TG_MAX_DEPTH + 2)

struct mpath {
	struct mstep s[MPATH_MAX];
	size_t n;
};

/* A key (or list item) both sides changed, each its own way. */
struct mconflict {
	struct mpath at;       /* leads to the value or item in conflict */
};

/* The node path leads to below root, or NULL; nodes[k] (when not NULL,
 * MPATH_MAX + 1 long) gets the node reached after k steps. */
const struct tg_node *tgi_mpath_resolve(const struct tg_node *root, const struct mpath *p,
				    const struct tg_node **nodes);
/* The path from the root to n (keyed list items by their identity). */
void tgi_mpath_of(const struct tg_node *n, struct mpath *p);
/* The field that identifies the items of a list (seq of maps), or NULL
 * when they are matched by position. */
const char *tgi_mlist_key(const struct tg_node *seq);

struct mconflicts {
	struct mconflict *v;
	size_t n, alloc;
	struct tg_val *keep[3];   /* the trees the paths point into */
};
void tgi_mconflicts_release(struct mconflicts *cf);

/* Merge by model: *e (OURS, opened as an edit of path; it may be replaced)
 * gets THEIRS's changes against base; the keys both sides changed their own
 * way go to cf, for the markers; THEIRS's items renumbered are noted in
 * renames, one "OLD NEW" a line.  TG_OK, or an error when a change could
 * not be applied. */
enum tg_status tg_merge_models(struct tg_edit **e, const char *path, const struct tg_doc *base,
			       const struct tg_doc *theirs, struct mconflicts *cf,
			       struct buf *renames, struct tg_diags *d);

/* Three-way merge of lines (lib/diff3.c): the changes from base to theirs
 * made to ours, into out.  false when a change of theirs touches lines
 * ours changed another way (or a side differs too much to match); out
 * then means nothing. */
bool tg_lines_merge3(const char *base, size_t blen, const char *ours, size_t olen,
		     const char *theirs, size_t tlen, struct buf *out);

/* id as THEIRS's renumbering made it (caller frees). */
char *tgi_mrename_fwd(const struct buf *renames, const char *id);

#endif
