/* edit-remove: removing list items and keys, reordering a list, by
 * splicing (see lib/edit.c). */
#include "edit-int.h"

#include <stdlib.h>
#include <string.h>

/* The comma after pos in a flow collection: past spaces, line breaks and
 * comments; or `limit` when there is none before it. */
static size_t comma_after(const struct tg_edit *e, size_t pos, size_t limit)
{
	const char *s = e->text.s;
	for (size_t p = pos; p < limit; p++) {
		if (s[p] == ',')
			return p;
		if (s[p] == '#')
			while (p + 1 < limit && s[p + 1] != '\n' && s[p + 1] != '\r')
				p++;
		else if (!strchr(" \t\r\n", s[p]))
			break;
	}
	return limit;
}

static bool has_break(const struct tg_edit *e, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++)
		if (e->text.s[p] == '\n' || e->text.s[p] == '\r')
			return true;
	return false;
}

/* Only spaces between the start of pos's line and pos? */
static bool starts_line(const struct tg_edit *e, size_t pos)
{
	for (size_t p = tgi_line_start(e, pos); p < pos; p++)
		if (e->text.s[p] != ' ' && e->text.s[p] != '\t')
			return false;
	return true;
}

/* What to cut to remove item `index` of a flow list: the item and one
 * comma, and the item's line when it has one of its own; a comment line
 * between items stays. */
static void flow_remove(struct tg_edit *e, const struct tg_node *seq, size_t index, size_t *pos,
			size_t *end, struct buf *ins)
{
	const struct tg_node *it = seq->kids[index];
	*pos = it->start;
	*end = it->end;
	if (seq->n == 1)
		return;
	if (index + 1 < seq->n) {
		const struct tg_node *next = seq->kids[index + 1];
		size_t comma = comma_after(e, it->end, next->start);
		if (comma == next->start || !has_break(e, comma, next->start)) {
			*end = next->start;
			return;
		}
		/* the next item is on a later line: cut up to the comma, and
		 * the rest of the line when nothing but a comment is on it */
		*end = comma + 1;
		size_t eol = tgi_line_after(e, comma);
		if (starts_line(e, it->start) && !has_break(e, it->start, comma)) {
			*pos = tgi_line_start(e, it->start);
			*end = eol;
		}
		return;
	}
	const struct tg_node *prev = seq->kids[index - 1];
	size_t comma = comma_after(e, prev->end, it->start);
	if (comma == it->start || !has_break(e, comma, it->start)) {
		*pos = prev->end;
		return;
	}
	/* the last item on a later line: cut the comma and the item, keep
	 * what is between them */
	*pos = comma;
	buf_add(ins, e->text.s + comma + 1, it->start - comma - 1);
}

enum tg_status tg_edit_remove(struct tg_edit *e, const struct tg_node *seq,
			      size_t index, struct tg_diags *d)
{
	if (e->n_pend && !(seq = tgi_settle(e, seq, d)))
		return TG_EDATA;
	struct change ch = tgi_change_at(CH_REMOVE, seq, NULL, NULL, index);
	const struct tg_node *it = seq->kids[index];
	struct buf ins = BUF_INIT;
	size_t pos, end;
	if (seq->style == TG_FLOW) {
		flow_remove(e, seq, index, &pos, &end, &ins);
	} else if (seq->n == 1) {
		/* the list's only item: leave `key: []` */
		const struct tg_node *knode = tgi_key_of(seq);
		if (!knode) {
			tg_diag_add(d, TG_SEV_ERROR, e->path, 0, 0, NULL, 0, 0,
				    "cannot remove the only item of this list");
			return TG_EDATA;
		}
		/* the rest of the key's line and the lines above the item
		 * (comments) stay */
		pos = knode->end;
		size_t colon = tgi_after_colon(e, knode), from = tgi_item_line(e, it);
		end = tgi_line_after(e, it->tail);
		buf_adds(&ins, ": []");
		buf_add(&ins, e->text.s + colon, from - colon);
	} else {
		pos = tgi_line_start(e, it->start);
		end = tgi_line_after(e, it->tail);
		/* one blank line between items stays one blank line */
		if (tgi_blank_line_before(e, it->start) && end < e->text.len &&
		    (e->text.s[end] == '\n' || e->text.s[end] == '\r'))
			end = tgi_line_after(e, end);
	}
	tgi_splice(e, pos, end - pos, &ins);
	buf_release(&ins);
	return tgi_reparse(e, &ch, 1, d);
}

enum tg_status tg_edit_unset(struct tg_edit *e, const struct tg_node *map,
			     const char *key, struct tg_diags *d)
{
	if (e->n_pend && !(map = tgi_settle(e, map, d)))
		return TG_EDATA;
	const struct tg_node *v = tg_map_get(map, key);
	if (!v)
		return TG_OK;
	const struct tg_node *k = tgi_key_of(v);
	struct change ch = tgi_change_at(CH_UNSET, map, key, NULL, 0);
	size_t i = 0;
	while (map->kids[i] != k)
		i++;
	size_t pos, end;
	struct buf none = BUF_INIT;
	if (map->style == TG_FLOW) {
		if (map->n == 2) {
			pos = k->start;
			end = v->end;
		} else if (i + 2 < map->n) {
			pos = k->start;
			end = map->kids[i + 2]->start;
		} else {
			pos = map->kids[i - 1]->end;
			end = v->end;
		}
	} else if (map->n == 2) {
		tg_diag_node(d, TG_SEV_ERROR, e->plan->doc, k,
			     "cannot remove '%s', the only key of its mapping", key);
		return TG_EDATA;
	} else {
		pos = tgi_line_start(e, k->start);
		end = tgi_line_after(e, tg_node_null(v) && v->len == 0 ? k->end : v->tail);
		if (i == 0) {
			/* the first key shares its line with the item's dash: keep
			 * the dash, move the next key up to it */
			pos = k->start;
			end = map->kids[2]->start;
		}
	}
	tgi_splice(e, pos, end - pos, &none);
	return tgi_reparse(e, &ch, 1, d);
}

/* The text of a block list's item k: from the line after the previous
 * item (for the first, after its key's line) to the end of its own lines,
 * so that it holds the comment and blank lines above the item. */
static void block_item_span(const struct tg_edit *e, const struct tg_node *seq, size_t k,
			    size_t *from, size_t *to)
{
	const struct tg_node *knode = tgi_key_of(seq);
	if (k)
		*from = tgi_insert_point(e, seq->kids[k - 1]);
	else if (knode && knode->end <= seq->kids[0]->start)
		*from = tgi_line_after(e, knode->end);
	else
		*from = tgi_line_start(e, seq->kids[0]->start);
	*to = tgi_insert_point(e, seq->kids[k]);
}

enum tg_status tg_edit_reorder(struct tg_edit *e, const struct tg_node *seq,
			       const size_t *order, struct tg_diags *d)
{
	if (e->n_pend && !(seq = tgi_settle(e, seq, d)))
		return TG_EDATA;
	struct change ch = tgi_change_at(CH_REORDER, seq, NULL, NULL, 0);
	ch.order = order;
	if (seq->kind != TG_SEQ || seq->n < 2)
		return TG_OK;
	struct buf ins = BUF_INIT;
	size_t pos, end, n = seq->n;
	if (seq->style == TG_FLOW) {
		/* the items change places, the separators (and comments) stay */
		pos = seq->kids[0]->start;
		end = seq->kids[n - 1]->end;
		for (size_t k = 0; k < n; k++) {
			const struct tg_node *it = seq->kids[order[k]];
			buf_add(&ins, e->text.s + it->start, it->end - it->start);
			if (k + 1 < n)
				buf_add(&ins, e->text.s + seq->kids[k]->end,
					seq->kids[k + 1]->start - seq->kids[k]->end);
		}
	} else {
		size_t to;
		block_item_span(e, seq, 0, &pos, &to);
		block_item_span(e, seq, n - 1, &to, &end);
		bool final_eol = end > pos && tgi_is_break(e->text.s[end - 1]);
		for (size_t k = 0; k < n; k++) {
			size_t from;
			block_item_span(e, seq, order[k], &from, &to);
			buf_add(&ins, e->text.s + from, to - from);
			if (!final_eol && order[k] == n - 1)
				buf_adds(&ins, e->eol);
		}
		if (!final_eol)
			ins.len -= strlen(e->eol);
	}
	tgi_splice(e, pos, end - pos, &ins);
	buf_release(&ins);
	return tgi_reparse(e, &ch, 1, d);
}
