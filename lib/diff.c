/* diff: a unified diff of two texts, for --dry-run.  Edits touch few lines
 * of large files, so the common head and tail are cut first and the LCS
 * table is built only for what is left. */
#include "priv.h"

#include <stdlib.h>
#include <string.h>

struct tgi_line *tgi_split_lines(const char *s, size_t len, size_t *n)
{
	size_t alloc = 64;
	struct tgi_line *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
		if (*n == alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		v[(*n)++] = (struct tgi_line){ s + i, l, tg_hash64(s + i, l) };
		i += l;
	}
	return v;
}

bool tgi_line_eq(const struct tgi_line *a, const struct tgi_line *b)
{
	return a->h == b->h && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

enum op { KEEP, DEL, INS };

static void emit(struct buf *out, char mark, const struct tgi_line *l)
{
	buf_addc(out, mark);
	buf_add(out, l->s, l->len);
	if (!l->len || l->s[l->len - 1] != '\n')
		buf_adds(out, "\n\\ No newline at end of file\n");
}

void tg_diff(struct buf *out, const char *a_name, const char *a, size_t alen,
	     const char *b_name, const char *b, size_t blen)
{
	size_t na, nb;
	struct tgi_line *la = tgi_split_lines(a, alen, &na), *lb = tgi_split_lines(b, blen, &nb);
	size_t pre = 0, suf = 0;
	while (pre < na && pre < nb && tgi_line_eq(&la[pre], &lb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre && tgi_line_eq(&la[na - 1 - suf], &lb[nb - 1 - suf]))
		suf++;
	size_t ma = na - pre - suf, mb = nb - pre - suf;
	/* the script: ops over the whole texts */
	enum op *ops = xmalloc((na + nb + 1) * sizeof *ops);
	size_t nops = 0;
	for (size_t i = 0; i < pre; i++)
		ops[nops++] = KEEP;
	if ((double)(ma + 1) * (double)(mb + 1) <= 16e6) {
		unsigned *t = xcalloc((ma + 1) * (mb + 1), sizeof *t);
#define T(i, j) t[(i) * (mb + 1) + (j)]
		for (size_t i = ma; i-- > 0;)
			for (size_t j = mb; j-- > 0;)
				T(i, j) = tgi_line_eq(&la[pre + i], &lb[pre + j]) ? T(i + 1, j + 1) + 1
					  : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
		size_t i = 0, j = 0;
		while (i < ma || j < mb) {
			if (i < ma && j < mb && tgi_line_eq(&la[pre + i], &lb[pre + j])) {
				ops[nops++] = KEEP; i++; j++;
			} else if (i < ma && (j == mb || T(i + 1, j) >= T(i, j + 1))) {
				ops[nops++] = DEL; i++;
			} else {
				ops[nops++] = INS; j++;
			}
		}
#undef T
		free(t);
	} else {
		for (size_t i = 0; i < ma; i++)
			ops[nops++] = DEL;
		for (size_t j = 0; j < mb; j++)
			ops[nops++] = INS;
	}
	for (size_t i = 0; i < suf; i++)
		ops[nops++] = KEEP;

	if (ma || mb) {
		buf_addf(out, "--- %s\n+++ %s\n", a_name, b_name);
	}
	const size_t ctx = 3;
	size_t k = 0, ai = 0, bi = 0;
	while (k < nops) {
		/* find the next change */
		size_t c = k, ca = ai, cb = bi;
		while (c < nops && ops[c] == KEEP) {
			c++; ca++; cb++;
		}
		if (c == nops)
			break;
		size_t back = ca - ai < ctx ? ca - ai : ctx;
		if (c - k < back)
			back = c - k;
		size_t hs = c - back, ha = ca - back, hb = cb - back;
		/* extend while changes are within 2*ctx of each other */
		size_t e = c, keeps = 0;
		for (size_t q = c; q < nops; q++) {
			if (ops[q] == KEEP) {
				if (++keeps > 2 * ctx)
					break;
			} else {
				keeps = 0;
				e = q + 1;
			}
		}
		size_t he = e;
		for (size_t q = 0; q < ctx && he < nops && ops[he] == KEEP; q++)
			he++;
		size_t cnta = 0, cntb = 0;
		for (size_t q = hs; q < he; q++) {
			cnta += ops[q] != INS;
			cntb += ops[q] != DEL;
		}
		buf_addf(out, "@@ -%zu,%zu +%zu,%zu @@\n", cnta ? ha + 1 : ha, cnta,
			 cntb ? hb + 1 : hb, cntb);
		size_t x = ha, y = hb;
		for (size_t q = hs; q < he; q++) {
			if (ops[q] == KEEP) {
				emit(out, ' ', &la[x]); x++; y++;
			} else if (ops[q] == DEL) {
				emit(out, '-', &la[x]); x++;
			} else {
				emit(out, '+', &lb[y]); y++;
			}
		}
		k = he;
		ai = x;
		bi = y;
	}
	free(ops);
	free(la);
	free(lb);
}
