#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty[1];

static void (*oom_handler)(void);

void tg_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

_Noreturn void tg_oom(void)
{
	if (oom_handler)
		oom_handler();
	abort(); /* no handler: the library does not print, the program speaks */
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		tg_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		tg_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		tg_oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void buf_init(struct buf *b)
{
	b->s = buf_empty;
	b->len = b->cap = 0;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->s);
	buf_init(b);
}

char *buf_detach(struct buf *b)
{
	char *s = b->cap ? b->s : xstrdup("");
	buf_init(b);
	return s;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = '\0';
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len)
		tg_oom();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (b->cap) {
		b->s = xrealloc(b->s, cap);
	} else {
		b->s = xmalloc(cap);
		b->s[0] = '\0';
	}
	b->cap = cap;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(b->s + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_splice(struct buf *b, size_t pos, size_t len, const void *data, size_t dlen)
{
	if (dlen > len)
		buf_grow(b, dlen - len);
	else
		buf_grow(b, 0);
	memmove(b->s + pos + dlen, b->s + pos + len, b->len - pos - len + 1);
	memcpy(b->s + pos, data, dlen);
	b->len = b->len - len + dlen;
}
