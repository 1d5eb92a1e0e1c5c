/*
 * diff3: a three-way merge of lines, for carrying one side's comment and
 * layout changes into a text merged by model (lib/gitmerge-text.c).  Each
 * side is matched to the base line by line (Myers' O(ND) difference, the
 * common head and tail cut first); base lines matched in both sides are
 * stable, and between two stable lines the side that changed something
 * wins, both when they changed it the same way, and a conflict otherwise.
 * Changes that touch neighbouring lines are a conflict: the caller falls
 * back to git's line merge then.
 */
#include "gitmerge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The most differences a side may have from the base before it counts as
 * too different to match (the trace of the search grows with its square). */
#define DMAX 2000

#define NONE SIZE_MAX

/* m[i]: the line of b that line i of a is matched to, or NONE.  false
 * when they differ in more than DMAX lines. */
static bool match(const struct tgi_line *a, size_t na, const struct tgi_line *b, size_t nb, size_t *m)
{
	for (size_t i = 0; i < na; i++)
		m[i] = NONE;
	size_t pre = 0, suf = 0;
	while (pre < na && pre < nb && tgi_line_eq(&a[pre], &b[pre])) {
		m[pre] = pre;
		pre++;
	}
	while (suf < na - pre && suf < nb - pre && tgi_line_eq(&a[na - 1 - suf], &b[nb - 1 - suf])) {
		m[na - 1 - suf] = nb - 1 - suf;
		suf++;
	}
	long n = (long)(na - pre - suf), k_m = (long)(nb - pre - suf);
	if (!n || !k_m)
		return true;
	a += pre;
	b += pre;
	long max = n + k_m, lim = max < DMAX ? max : DMAX;
	long *v = xcalloc((size_t)(2 * max + 3), sizeof *v), off = max + 1;
	int32_t **trace = xcalloc((size_t)lim + 1, sizeof *trace);
	long found = -1;
	for (long d = 0; d <= lim && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1]
											 : v[off + k - 1] + 1;
			long y = x - k;
			while (x < n && y < k_m && tgi_line_eq(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= k_m) {
				found = d;
				break;
			}
		}
		trace[d] = xmalloc((size_t)(2 * d + 1) * sizeof **trace);
		for (long k = -d; k <= d; k++)
			trace[d][k + d] = (int32_t)v[off + k];
	}
	if (found >= 0) {
		long x = n, y = k_m;
		for (long d = found; d > 0; d--) {
			const int32_t *pv = trace[d - 1] + (d - 1);   /* pv[k], k in -(d-1) … d-1 */
			long k = x - y;
			long pk = k == -d || (k != d && pv[k - 1] < pv[k + 1]) ? k + 1 : k - 1;
			long px = pv[pk], py = px - pk;
			long sx = pk == k + 1 ? px : px + 1, sy = sx - k;
			while (x > sx && y > sy) {
				x--;
				y--;
				m[pre + (size_t)x] = pre + (size_t)y;
			}
			x = px;
			y = py;
		}
		while (x > 0 && y > 0) {
			x--;
			y--;
			m[pre + (size_t)x] = pre + (size_t)y;
		}
	}
	for (long d = 0; d <= lim; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return found >= 0;
}

static bool same(const struct tgi_line *a, size_t na, const struct tgi_line *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!tgi_line_eq(&a[i], &b[i]))
			return false;
	return true;
}

static void put(struct buf *out, const struct tgi_line *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_add(out, v[i].s, v[i].len);
}

bool tg_lines_merge3(const char *base, size_t blen, const char *ours, size_t olen,
		     const char *theirs, size_t tlen, struct buf *out)
{
	size_t nb, no, nt;
	struct tgi_line *lb = tgi_split_lines(base, blen, &nb), *lo = tgi_split_lines(ours, olen, &no),
		    *lt = tgi_split_lines(theirs, tlen, &nt);
	size_t *mo = xmalloc((nb + 1) * sizeof *mo), *mt = xmalloc((nb + 1) * sizeof *mt);
	bool ok = match(lb, nb, lo, no, mo) && match(lb, nb, lt, nt, mt);
	buf_reset(out);
	size_t i = 0, j = 0, k = 0;
	while (ok && (i < nb || j < no || k < nt)) {
		if (i < nb && mo[i] == j && mt[i] == k) {
			put(out, &lo[j], 1);
			i++;
			j++;
			k++;
			continue;
		}
		size_t i2 = i;
		while (i2 < nb && (mo[i2] == NONE || mt[i2] == NONE))
			i2++;
		size_t j2 = i2 < nb ? mo[i2] : no, k2 = i2 < nb ? mt[i2] : nt;
		const struct tgi_line *b = &lb[i], *o = &lo[j], *t = &lt[k];
		size_t cb = i2 - i, co = j2 - j, ct = k2 - k;
		if (same(o, co, b, cb))
			put(out, t, ct);
		else if (same(t, ct, b, cb) || same(o, co, t, ct))
			put(out, o, co);
		else
			ok = false;
		i = i2;
		j = j2;
		k = k2;
	}
	free(mo);
	free(mt);
	free(lb);
	free(lo);
	free(lt);
	return ok;
}
