#include "priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tg_diags_release(struct tg_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
		tg_msg_release(&d->v[i].m);
		free(d->v[i].excerpt);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = d->errors = 0;
	d->run = d->more = d->more_errors = 0;
}

static const char *const sev_names[] = { N_("error"), N_("warning"), N_("note") };

void tg_diag_format(struct buf *b, const struct tg_diag *g, const char *path,
		    tg_translate_fn *tr)
{
	if (path) {
		tg_term_safe(b, path, strlen(path), TG_WS_ESCAPE);
		if (g->line)
			buf_addf(b, ":%u:%u", g->line, g->col);
		buf_adds(b, ": ");
	}
	buf_addf(b, "%s: ", tr ? tr(sev_names[g->sev]) : sev_names[g->sev]);
	struct buf m = BUF_INIT;
	if (g->m.fmt)
		tg_msg_render(&m, &g->m, tr);
	else
		buf_adds(&m, g->msg);
	tg_term_safe(b, m.s, m.len, TG_WS_ESCAPE);
	buf_release(&m);
	buf_addc(b, '\n');
	if (!g->excerpt)
		return;
	buf_adds(b, "  ");
	const char *p = g->excerpt, *end = p + strlen(p);
	tg_term_safe(b, p, (size_t)(end - p), TG_WS_KEEP);
	/* the caret under the column'th character as shown; tabs stay tabs */
	buf_adds(b, "\n  ");
	struct buf one = BUF_INIT;
	for (unsigned c = 1; c < g->col && p < end; c++) {
		const char *q = p;
		tg_utf8_next(&p, end);
		buf_reset(&one);
		tg_term_safe(&one, q, (size_t)(p - q), TG_WS_KEEP);
		if (*q == '\t')
			buf_addc(b, '\t');
		else
			for (size_t w = tg_utf8_width(one.s, one.len); w > 0; w--)
				buf_addc(b, ' ');
	}
	buf_release(&one);
	buf_adds(b, "^\n");
}

#define EXCERPT_MAX 500   /* a longer line is not quoted */

static bool line_break(char c)
{
	return c == '\n' || c == '\r';
}

/* The line around byte at, or NULL when it is longer than EXCERPT_MAX:
 * the cost is that of the excerpt, however long the line. */
static char *excerpt_at(const char *src, size_t len, size_t at)
{
	if (!src || at > len)
		return NULL;
	size_t a = at, b = at;
	size_t stop = at > EXCERPT_MAX ? at - EXCERPT_MAX - 1 : 0;
	while (a > stop && !line_break(src[a - 1]))
		a--;
	if (a > 0 && !line_break(src[a - 1]))
		return NULL;
	while (b < len && b - a <= EXCERPT_MAX && !line_break(src[b]))
		b++;
	if (b - a > EXCERPT_MAX)
		return NULL;
	return xstrndup(src + a, b - a);
}

static struct tg_diag *slot(struct tg_diags *d)
{
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 8;
		d->v = xrealloc(d->v, d->alloc * sizeof *d->v);
	}
	return &d->v[d->n++];
}

static bool same_path(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool tg_diag_wanted(const struct tg_diags *d, const char *path)
{
	return !d->n || !same_path(d->v[d->n - 1].path, path) || d->run < TG_MAX_DIAGS;
}

#define MORE_MSG 128

/* Count a message that is not kept, in the last message of the list. */
static void count_more(struct tg_diags *d, enum tg_severity sev, const char *path)
{
	struct tg_diag *g;
	if (!d->more) {
		char *copy = path ? xstrdup(path) : NULL;
		g = slot(d);
		*g = (struct tg_diag){ .sev = sev, .path = copy, .msg = xmalloc(MORE_MSG) };
	}
	g = &d->v[d->n - 1];
	d->more++;
	if (sev == TG_SEV_ERROR) {
		d->more_errors++;
		d->errors++;
		g->sev = TG_SEV_ERROR;
	}
	tg_msg_release(&g->m);
	if (d->more_errors == d->more)
		tg_msg_set(&g->m, N_("and %zu more errors (trygg shows the first %d messages of a file)"),
			   d->more, TG_MAX_DIAGS);
	else
		tg_msg_set(&g->m, N_("and %zu more messages (trygg shows the first %d messages of a file)"),
			   d->more, TG_MAX_DIAGS);
	struct buf b = BUF_INIT;
	tg_msg_render(&b, &g->m, NULL);
	snprintf(g->msg, MORE_MSG, "%s", b.s);
	buf_release(&b);
}

static void diag_vadd(struct tg_diags *d, enum tg_severity sev, const char *path,
		      unsigned line, unsigned col, const char *src, size_t srclen,
		      size_t at, const char *fmt, va_list ap)
{
	if (d->n && same_path(d->v[d->n - 1].path, path)) {
		if (d->run >= TG_MAX_DIAGS) {
			count_more(d, sev, path);
			return;
		}
		d->run++;
	} else {
		d->run = 1;
		d->more = d->more_errors = 0;
	}
	struct tg_diag *g = slot(d);
	struct buf b = BUF_INIT;
	va_list cp;
	va_copy(cp, ap);
	tg_msg_vset(&g->m, fmt, cp);
	va_end(cp);
	buf_vaddf(&b, fmt, ap);
	g->sev = sev;
	g->path = path ? xstrdup(path) : NULL;
	g->line = line;
	g->col = col;
	g->msg = buf_detach(&b);
	g->excerpt = line ? excerpt_at(src, srclen, at) : NULL;
	if (sev == TG_SEV_ERROR)
		d->errors++;
}

void tg_diag_add(struct tg_diags *d, enum tg_severity sev, const char *path,
		 unsigned line, unsigned col, const char *src, size_t srclen,
		 size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, path, line, col, src, srclen, at, fmt, ap);
	va_end(ap);
}

void tg_diag_node(struct tg_diags *d, enum tg_severity sev,
		  const struct tg_doc *doc, const struct tg_node *n,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (n)
		diag_vadd(d, sev, doc->path, n->line, n->col, doc->src, doc->len,
			  n->start, fmt, ap);
	else
		diag_vadd(d, sev, doc->path, 1, 1, doc->src, doc->len, 0, fmt, ap);
	va_end(ap);
}

void tg_locate(const char *src, size_t len, size_t off, unsigned *line,
	       unsigned *col)
{
	unsigned l = 1, c = 1;
	size_t i = 0;
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
		i = 3;
	for (; i < off && i < len; i++) {
		unsigned char ch = (unsigned char)src[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if (ch == '\r') {
			if (i + 1 < len && src[i + 1] == '\n')
				continue;
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* The optimal string alignment distance on bytes (keys are ASCII):
 * Levenshtein's, with a swap of two neighbours as one edit, so that 'gaol'
 * is one edit from 'goal'.  (size_t)-1 past 64 bytes. */
size_t tgi_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t rows[3][65];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *tg_suggest(const char *word, const char *const *words)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (; *words; words++) {
		size_t dist = tgi_distance(word, *words);
		if (dist < bestd) {
			bestd = dist;
			best = *words;
		}
	}
	size_t len = strlen(word);
	size_t limit = len <= 2 ? 0 : len < 5 ? 1 : len < 9 ? 2 : 3;
	return bestd <= limit ? best : NULL;
}

const char *tg_did_you_mean(struct buf *b, const char *word, const char *const *words)
{
	buf_reset(b);
	const char *s = tg_suggest(word, words);
	if (s)
		buf_addf(b, tgi_dym_fmt(), s);
	return b->s;
}

void tg_names_join(struct buf *b, const char *const *names)
{
	bool first = true;
	for (; *names; names++) {
		if (!**names)
			continue;
		buf_addf(b, "%s%s", first ? "" : ", ", *names);
		first = false;
	}
}

/* After messages were dropped or moved: the last file's run, uncounted. */
static void restart_run(struct tg_diags *d)
{
	d->run = d->more = d->more_errors = 0;
	for (size_t i = d->n; i > 0 && same_path(d->v[i - 1].path, d->v[d->n - 1].path); i--)
		d->run++;
}

void tg_diags_keep_errors(struct tg_diags *d)
{
	/* the message that counts the rest is the last one while there is a rest */
	bool counted = d->more && d->v[d->n - 1].sev == TG_SEV_ERROR;
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].sev == TG_SEV_ERROR) {
			d->v[k++] = d->v[i];
			continue;
		}
		free(d->v[i].path);
		free(d->v[i].msg);
		tg_msg_release(&d->v[i].m);
		free(d->v[i].excerpt);
	}
	d->n = k;
	if (!counted)
		restart_run(d);
}

void tg_diags_append(struct tg_diags *d, struct tg_diags *from)
{
	for (size_t i = 0; i < from->n; i++)
		*slot(d) = from->v[i];
	d->errors += from->errors;
	if (from->more) {
		d->run = from->run;
		d->more = from->more;
		d->more_errors = from->more_errors;
	} else if (from->n) {
		restart_run(d);
	}
	free(from->v);
	from->v = NULL;
	from->n = from->alloc = from->errors = 0;
	from->run = from->more = from->more_errors = 0;
}
