/*
 * buf: the one growable byte buffer of trygg.
 *
 * A buf is always a valid NUL-terminated string: initialise it with BUF_INIT
 * (or buf_init) and buf->s is "" until something is appended.  Appending
 * grows the storage; allocation failure ends the process through
 * tg_oom(), the one place where it is handled: it calls the handler the
 * program set (trygg's says so and exits 74), or else aborts without a
 * word, since the library never prints.  buf_detach hands the
 * storage to the caller (free() it) and leaves the buf empty again;
 * buf_release frees it.
 */
#ifndef TRYGG_BUF_H
#define TRYGG_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *s;
	size_t len;
	size_t cap;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Replace len bytes at pos with data (dlen bytes). */
void buf_splice(struct buf *b, size_t pos, size_t len, const void *data, size_t dlen);

/* Allocation helpers that never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void tg_oom(void);
/* The function tg_oom() calls; it must not return. */
void tg_set_oom_handler(void (*handler)(void));

#endif
