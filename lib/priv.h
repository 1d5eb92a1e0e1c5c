/* priv.h: helpers shared inside libtrygg, not part of its interface. */
#ifndef TRYGG_PRIV_H
#define TRYGG_PRIV_H

#include "trygg.h"

/* An arena: many small allocations freed at once. */
struct tg_arena;
struct tg_arena *tg_arena_new(void);
void tg_arena_free(struct tg_arena *a);
void *tg_arena_alloc(struct tg_arena *a, size_t n);    /* zeroed */
char *tg_arena_strndup(struct tg_arena *a, const char *s, size_t n);


/* An empty plain scalar, `~` or `null`: a key that says nothing. */
bool tg_node_null(const struct tg_node *n);

/* Line (1-based) and character column (1-based) of byte offset off. */
void tg_locate(const char *src, size_t len, size_t off, unsigned *line,
	       unsigned *col);

#endif
