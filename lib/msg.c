/* A message as the library says it: its msgid (an English printf format)
 * and its arguments, each already text; the command line translates the
 * msgid and puts the arguments into the translation (tg_msg_render). */
#include "priv.h"
#include "schema.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* One conversion of a printf format, from its '%': its length, the
 * argument it names ("%2$s": 2; 0: the next one), its length modifier
 * ("hh" as 'H', "ll" as 'q') and its letter. */
struct conv {
	size_t len;
	unsigned pos;
	char mod, type;
	int stars;
};

static bool parse_conv(const char *p, struct conv *c)
{
	const char *q = p + 1;
	*c = (struct conv){ 0 };
	const char *digits = q;
	unsigned n = 0;
	while (*q >= '0' && *q <= '9')
		n = n * 10 + (unsigned)(*q++ - '0');
	if (q > digits && *q == '$')
		c->pos = n, q++;
	else
		q = digits;
	q += strspn(q, "-+ #0'");
	if (*q == '*')
		c->stars++, q++;
	else
		q += strspn(q, "0123456789");
	if (*q == '.') {
		q++;
		if (*q == '*')
			c->stars++, q++;
		else
			q += strspn(q, "0123456789");
	}
	if (q[0] == 'h' && q[1] == 'h')
		c->mod = 'H', q += 2;
	else if (q[0] == 'l' && q[1] == 'l')
		c->mod = 'q', q += 2;
	else if (*q && strchr("hlLzjt", *q))
		c->mod = *q++;
	if (!*q || !strchr("diouxXcsfFeEgGaAp", *q))
		return false;
	c->type = *q++;
	c->len = (size_t)(q - p);
	return true;
}

/* The text of one conversion spec (the '%…' of length len, with no
 * "n$") applied to the next value of ap. */
static char *format_one(const char *spec, size_t len, const struct conv *c, va_list *ap)
{
	char f[64];
	if (len >= sizeof f)
		len = sizeof f - 1;
	memcpy(f, spec, len);
	f[len] = '\0';
	int w1 = c->stars > 0 ? va_arg(*ap, int) : 0, w2 = c->stars > 1 ? va_arg(*ap, int) : 0;
#define ONE(T)                                                                            \
	do {                                                                              \
		T v = va_arg(*ap, T);                                                     \
		return c->stars == 2 ? xasprintf(f, w1, w2, v)                            \
		       : c->stars ? xasprintf(f, w1, v) : xasprintf(f, v);                \
	} while (0)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	switch (c->type) {
	case 'd': case 'i': case 'c':
		switch (c->mod) {
		case 'l': ONE(long);
		case 'q': ONE(long long);
		case 'z': ONE(ssize_t);
		case 'j': ONE(intmax_t);
		case 't': ONE(ptrdiff_t);
		default: ONE(int);
		}
	case 'o': case 'u': case 'x': case 'X':
		switch (c->mod) {
		case 'l': ONE(unsigned long);
		case 'q': ONE(unsigned long long);
		case 'z': ONE(size_t);
		case 'j': ONE(uintmax_t);
		case 't': ONE(ptrdiff_t);
		default: ONE(unsigned);
		}
	case 's': ONE(const char *);
	case 'p': ONE(void *);
	default:
		if (c->mod == 'L')
			ONE(long double);
		ONE(double);
	}
#pragma GCC diagnostic pop
#undef ONE
}

/* The one phrasing of a suggestion, a message of its own inside another. */
static const char dym_fmt[] = N_(" (did you mean '%s'?)");
static const char dym_head[] = " (did you mean '";

const char *tgi_dym_fmt(void)
{
	return dym_fmt;
}

/* An argument that is a phrase of its own is kept as such, to be
 * translated with the message: a suggestion made by tg_did_you_mean (the
 * phrase and its word), or the name of a node of the schema. */
static struct tg_msg *as_phrase(const char *s)
{
	/* how messages name a node of the schema ("a measure"): a phrase */
	if (s[0] == 'a' && (s[1] == ' ' || s[1] == 'n'))
		for (const struct tg_schema_node *const *n = tg_schema_nodes; *n; n++)
			if (!strcmp(s, (*n)->what)) {
				struct tg_msg *m = xcalloc(1, sizeof *m);
				m->fmt = (*n)->what;
				return m;
			}
	size_t len = strlen(s), head = sizeof dym_head - 1;
	if (len < head + 3 || strncmp(s, dym_head, head) || strcmp(s + len - 3, "'?)"))
		return NULL;
	struct tg_msg *m = xcalloc(1, sizeof *m);
	m->fmt = dym_fmt;
	m->nargs = 1;
	m->args = xcalloc(1, sizeof *m->args);
	m->args[0].text = xstrndup(s + head, len - head - 3);
	return m;
}

void tg_msg_vset(struct tg_msg *m, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	m->fmt = fmt;
	m->nargs = 0;
	m->args = NULL;
	size_t alloc = 0;
	for (const char *p = fmt; (p = strchr(p, '%')); ) {
		struct conv c;
		if (p[1] == '%') {
			p += 2;
			continue;
		}
		if (!parse_conv(p, &c))
			break;
		if (m->nargs == alloc) {
			alloc = alloc ? 2 * alloc : 4;
			m->args = xrealloc(m->args, alloc * sizeof *m->args);
		}
		struct tg_msgarg *a = &m->args[m->nargs++];
		a->text = format_one(p, c.len, &c, &cp);
		a->sub = c.type == 's' ? as_phrase(a->text) : NULL;
		p += c.len;
	}
	va_end(cp);
}

void tg_msg_set(struct tg_msg *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tg_msg_vset(m, fmt, ap);
	va_end(ap);
}

void tg_msg_release(struct tg_msg *m)
{
	for (size_t i = 0; i < m->nargs; i++) {
		free(m->args[i].text);
		if (m->args[i].sub) {
			tg_msg_release(m->args[i].sub);
			free(m->args[i].sub);
		}
	}
	free(m->args);
	m->args = NULL;
	m->nargs = 0;
}

void tg_msg_render(struct buf *b, const struct tg_msg *m, tg_translate_fn *tr)
{
	const char *p = tr ? tr(m->fmt) : m->fmt;
	size_t next = 0;
	for (const char *pct; (pct = strchr(p, '%')); ) {
		buf_add(b, p, (size_t)(pct - p));
		struct conv c;
		if (pct[1] == '%') {
			buf_addc(b, '%');
			p = pct + 2;
			continue;
		}
		if (!parse_conv(pct, &c)) {
			buf_addc(b, '%');
			p = pct + 1;
			continue;
		}
		size_t i = c.pos ? c.pos - 1 : next++;
		if (i < m->nargs) {
			const struct tg_msgarg *a = &m->args[i];
			if (a->sub)
				tg_msg_render(b, a->sub, tr);
			else
				buf_adds(b, a->text);
		}
		p = pct + c.len;
	}
	buf_adds(b, p);
}
