/*
 * doc: YAML bytes -> a tree of tg_node with byte positions.
 *
 * We work on libyaml's event stream, never on its document API: that way
 * anchors and aliases are refused before they can expand, nesting depth is
 * counted as it grows, and every node gets byte offsets that the editor can
 * splice at.  libyaml's marks count characters (a BOM is skipped, not
 * counted), so marks are mapped to bytes through a table of the byte
 * offset of every 64th character (none for ASCII text).  A file holds at
 * most TG_MAX_NODES values, which bounds its tree's memory.
 */
#define _DEFAULT_SOURCE  /* madvise(MADV_HUGEPAGE) */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* ---- arena -------------------------------------------------------------- */

struct chunk {
	struct chunk *next;
	size_t used, size;
	bool mapped;             /* a huge chunk: munmap, not free */
	max_align_t data[];
};

struct tg_arena {
	struct chunk *head;
	size_t grow;             /* the size of the next chunk */
};

/* Chunks double from 32 KiB to 2 MiB.  Parsing a large file touches
 * megabytes of fresh memory, and on this kind of machine a page fault
 * costs microseconds: chunks of 2 MiB are aligned to 2 MiB and offered to
 * the kernel as one huge page (a fault of its own, where 4 KiB pages would
 * take 512).  Small files keep small chunks. */
#define CHUNK_FIRST ((size_t)32 << 10)
#define CHUNK_HUGE ((size_t)2 << 20)

struct tg_arena *tg_arena_new(void)
{
	struct tg_arena *a = xcalloc(1, sizeof(struct tg_arena));
	a->grow = CHUNK_FIRST;
	return a;
}

void tg_arena_free(struct tg_arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		if (c->mapped)
			munmap(c, CHUNK_HUGE);
		else
			free(c);
	}
	free(a);
}

/* A chunk of CHUNK_HUGE bytes, aligned so that it can be one huge page.
 * Mapped here rather than by aligned_alloc(), which keeps the slack of its
 * alignment mapped: twice the address space, that `ulimit -v` counts. */
static void *huge_chunk(void)
{
	size_t size = CHUNK_HUGE;
	char *p = mmap(NULL, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		tg_oom();
	char *a = p + ((size - (uintptr_t)p % size) % size);
	if (a > p)
		munmap(p, (size_t)(a - p));
	munmap(a + size, size - (size_t)(a - p));
#ifdef MADV_HUGEPAGE  /* a hint only: where there is none, plain pages */
	madvise(a, size, MADV_HUGEPAGE);
#endif
	return a;
}

static struct chunk *new_chunk(struct tg_arena *a, size_t n)
{
	size_t size = a->grow - sizeof(struct chunk);
	struct chunk *c;
	bool mapped = false;
	if (n > size) {
		size = n;
		c = xmalloc(sizeof *c + size);
	} else if (a->grow == CHUNK_HUGE) {
		c = huge_chunk();
		mapped = true;
	} else {
		c = xmalloc(a->grow);
		a->grow *= 2;
	}
	c->mapped = mapped;
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	return c;
}

/* n bytes at a multiple of align (a power of two), not cleared */
static void *arena_take(struct tg_arena *a, size_t n, size_t align)
{
	struct chunk *c = a->head;
	size_t skip = c ? (0 - c->used) & (align - 1) : 0;
	if (!c || c->size - c->used < n + skip) {
		c = new_chunk(a, n);
		skip = 0;
	}
	void *p = (char *)c->data + c->used + skip;
	c->used += skip + n;
	return p;
}

void *tg_arena_alloc(struct tg_arena *a, size_t n)
{
	return memset(arena_take(a, n, sizeof(max_align_t)), 0, n);
}

/* Strings need no alignment: packing them keeps a parsed file's tree
 * smaller, and so faster to build (fewer fresh pages to fault in). */
char *tg_arena_strndup(struct tg_arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- parsing -------------------------------------------------------------- */

struct frame {
	struct tg_node *node;
	size_t base;            /* first child in the kids stack */
};

/* Every CHECK_EVERY characters, the byte offset of the character: a mark
 * (a character index) maps to a byte by walking at most CHECK_EVERY - 1
 * characters from the checkpoint before it, and the table takes 4 bytes
 * per CHECK_EVERY characters of the text. */
#define CHECK_EVERY 64

struct parser {
	struct tg_doc *doc;
	struct tg_diags *d;
	size_t bom;
	uint32_t *check;        /* byte offsets of characters 0, CHECK_EVERY, … */
	size_t ncheck;
	size_t last_index, last_byte;   /* the mark byte_at found last */
	bool ascii;             /* one byte per character: no table needed */
	size_t nodes;           /* made so far, for TG_MAX_NODES */
	struct frame stack[TG_MAX_DEPTH + 1];
	size_t depth;
	struct tg_node **kids;
	size_t nkids, kids_alloc;
	size_t scan;            /* bytes before it were checked for comments */
};

/* Find the text's checkpoints (none when it is all ASCII, where a mark's
 * index plus the BOM is its byte offset).  The text is valid UTF-8; most
 * plan text is ASCII, and skipping it eight bytes at a time is cheap. */
static void map_wide(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->doc->src;
	size_t len = p->doc->len, chars = 0, i = p->bom;
	p->ascii = true;
	for (; i + 8 <= len && p->ascii; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		p->ascii = !(w & 0x8080808080808080ull);
	}
	for (; i < len && p->ascii; i++)
		p->ascii = s[i] < 0x80;
	if (p->ascii)
		return;
	p->check = xmalloc((len / CHECK_EVERY + 2) * sizeof *p->check);
	for (i = p->bom; i < len; chars++) {
		if (chars % CHECK_EVERY == 0)
			p->check[p->ncheck++] = (uint32_t)i;
		i += s[i] < 0x80 ? 1 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
	}
	p->last_index = 0;
	p->last_byte = p->check[0];
}

/* The byte offset of mark index `index`: from the checkpoint before it,
 * or from the mark found last when that is nearer (marks mostly move
 * forward, a few characters at a time). */
static size_t byte_at(struct parser *p, size_t index)
{
	const unsigned char *s = (const unsigned char *)p->doc->src;
	size_t len = p->doc->len;
	if (p->ascii) {
		size_t at = p->bom + index;
		return at < len ? at : len;
	}
	size_t c = index / CHECK_EVERY;
	if (c >= p->ncheck)
		return len;
	size_t from = c * CHECK_EVERY, at = p->check[c];
	if (p->last_index >= from && p->last_index <= index)
		from = p->last_index, at = p->last_byte;
	for (size_t k = index - from; k > 0 && at < len; k--)
		at += s[at] < 0x80 ? 1 : s[at] < 0xE0 ? 2 : s[at] < 0xF0 ? 3 : 4;
	p->last_index = index;
	p->last_byte = at;
	return at < len ? at : len;
}

static void error_at_mark(struct parser *p, yaml_mark_t m, const char *fmt,
			  const char *what)
{
	struct tg_doc *doc = p->doc;
	size_t at = byte_at(p, m.index);
	unsigned line = (unsigned)m.line + 1, col = (unsigned)m.column + 1;
	/* at the end of a file without a final line break libyaml's mark is on
	 * a line the file does not have: place it at the end instead */
	if (at >= doc->len)
		tg_locate(doc->src, doc->len, doc->len, &line, &col);
	tg_diag_add(p->d, TG_SEV_ERROR, doc->path, line, col, doc->src, doc->len, at, fmt, what);
}

static void error_at_byte(struct parser *p, size_t off, const char *msg)
{
	unsigned line, col;
	tg_locate(p->doc->src, p->doc->len, off, &line, &col);
	tg_diag_add(p->d, TG_SEV_ERROR, p->doc->path, line, col, p->doc->src,
		    p->doc->len, off, "%s", msg);
}

static void push_kid(struct parser *p, struct tg_node *n)
{
	if (p->nkids == p->kids_alloc) {
		p->kids_alloc = p->kids_alloc ? 2 * p->kids_alloc : 64;
		p->kids = xrealloc(p->kids, p->kids_alloc * sizeof *p->kids);
	}
	p->kids[p->nkids++] = n;
}

static struct tg_node *new_node(struct parser *p, enum tg_kind kind,
				const yaml_event_t *ev)
{
	struct tg_node *n = tg_arena_alloc(p->doc->arena, sizeof *n);
	n->kind = kind;
	n->line = (unsigned)ev->start_mark.line + 1;
	n->col = (unsigned)ev->start_mark.column + 1;
	n->start = byte_at(p, ev->start_mark.index);
	return n;
}

static int cmp_keys(const void *a, const void *b)
{
	const struct tg_node *x = *(struct tg_node *const *)a;
	const struct tg_node *y = *(struct tg_node *const *)b;
	int c = strcmp(x->str, y->str);
	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void report_duplicate(struct parser *p, const struct tg_node *first,
			     const struct tg_node *again)
{
	tg_diag_node(p->d, TG_SEV_ERROR, p->doc, again,
		     "duplicate key '%s' (first at line %u)", again->str,
		     first->line);
}

static bool same_text(const struct tg_node *a, const struct tg_node *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static void check_duplicates(struct parser *p, struct tg_node *map)
{
	size_t pairs = map->n / 2;
	if (pairs <= 16) {
		for (size_t i = 1; i < pairs; i++)
			for (size_t j = 0; j < i; j++)
				if (same_text(map->kids[2 * i], map->kids[2 * j])) {
					report_duplicate(p, map->kids[2 * j], map->kids[2 * i]);
					break;
				}
		return;
	}
	struct tg_node **keys = xmalloc(pairs * sizeof *keys);
	for (size_t i = 0; i < pairs; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, pairs, sizeof *keys, cmp_keys);
	for (size_t i = 1; i < pairs; i++)
		if (!strcmp(keys[i]->str, keys[i - 1]->str))
			report_duplicate(p, keys[i - 1], keys[i]);
	free(keys);
}

/* Attach a finished node to its parent (or make it the root). */
static bool attach(struct parser *p, struct tg_node *n)
{
	if (p->depth == 0) {
		p->doc->root = n;
		return true;
	}
	struct frame *f = &p->stack[p->depth - 1];
	bool is_key = f->node->kind == TG_MAP && (p->nkids - f->base) % 2 == 0;
	if (is_key && n->kind != TG_SCALAR) {
		tg_diag_node(p->d, TG_SEV_ERROR, p->doc, n,
			     "a key must be a plain scalar, not a collection");
		return false;
	}
	push_kid(p, n);
	return true;
}

static bool refuse_extras(struct parser *p, const yaml_event_t *ev,
			  const yaml_char_t *anchor, const yaml_char_t *tag,
			  bool implicit)
{
	if (anchor) {
		error_at_mark(p, ev->start_mark,
			      "anchor '&%s' refused: trygg files use no anchors or aliases",
			      (const char *)anchor);
		return false;
	}
	if (tag && !implicit) {
		error_at_mark(p, ev->start_mark,
			      "tag '%s' refused: write the value plainly or quote it",
			      (const char *)tag);
		return false;
	}
	return true;
}

static enum tg_style scalar_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return TG_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return TG_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return TG_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return TG_FOLDED;
	default: return TG_PLAIN;
	}
}

/* The spaces a line that continues a flow collection or quoted text needs
 * here: more than the indentation of the innermost block collection. */
static unsigned need_here(const struct parser *p, size_t depth)
{
	for (size_t i = depth; i-- > 0;)
		if (p->stack[i].node->style == TG_BLOCK)
			return p->stack[i].node->col;
	return 0;
}

/* YAML that libyaml accepts and the spec refuses (lib/strict.c). */
static bool strict_event(struct parser *p, const yaml_event_t *ev)
{
	const char *s = p->doc->src;
	size_t len = p->doc->len, at = 0;
	size_t from = byte_at(p, ev->start_mark.index), to = byte_at(p, ev->end_mark.index);
	unsigned need = need_here(p, p->depth), line = (unsigned)ev->start_mark.line + 1;
	struct buf msg = BUF_INIT;
	/* a document's start holds its directives */
	size_t gap_end = ev->type == YAML_DOCUMENT_START_EVENT ? to : from;
	bool ok = gap_end <= p->scan || tg_strict_gap(s, p->bom, p->scan, gap_end, &at, &msg);
	if (to > p->scan)
		p->scan = to;
	bool in_flow = p->depth && p->stack[p->depth - 1].node->style == TG_FLOW;
	if (ok && ev->type == YAML_SCALAR_EVENT) {
		switch (ev->data.scalar.style) {
		case YAML_PLAIN_SCALAR_STYLE:
			if (in_flow && ev->data.scalar.length == 1 && s[from] == '-' &&
			    ev->data.scalar.value[0] == '-') {
				at = from;
				buf_adds(&msg, "'-' alone is not a value in a flow collection; quote it: \"-\"");
				ok = false;
			}
			break;
		case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
			ok = tg_strict_lines(s, len, from, to, need, "quoted text", false, line, &at, &msg);
			break;
		case YAML_LITERAL_SCALAR_STYLE:
		case YAML_FOLDED_SCALAR_STYLE:
			ok = (s[from] != '|' && s[from] != '>') ||
			     tg_strict_block_scalar(s, len, from, need, &at, &msg);
			break;
		default:
			break;
		}
	}
	/* a flow collection in block context: its lines, nested ones included */
	if (ok && in_flow && (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) &&
	    (p->depth == 1 || p->stack[p->depth - 2].node->style != TG_FLOW)) {
		const struct tg_node *n = p->stack[p->depth - 1].node;
		ok = tg_strict_lines(s, len, n->start, to, need_here(p, p->depth - 1),
				     n->kind == TG_MAP ? "mapping" : "list", true, n->line, &at, &msg);
	}
	if (!ok)
		error_at_byte(p, at, msg.s);
	buf_release(&msg);
	return ok;
}

/* One more node: within TG_MAX_NODES, which bounds the tree's memory. */
static bool count_node(struct parser *p, const yaml_event_t *ev)
{
	if (++p->nodes <= TG_MAX_NODES)
		return true;
	error_at_mark(p, ev->start_mark, "more than %s values in one file (each key, text,"
		      " list and mapping counts one)", "250000");
	return false;
}

/* Handle one event; false stops the parse. */
static bool on_event(struct parser *p, yaml_event_t *ev, int *docs)
{
	struct tg_node *n;
	if (!strict_event(p, ev))
		return false;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			error_at_mark(p, ev->start_mark, "%s",
				      "more than one document in the file; a trygg file holds one");
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		error_at_mark(p, ev->start_mark,
			      "alias '*%s' refused: trygg files use no anchors or aliases",
			      (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		if (!refuse_extras(p, ev, ev->data.scalar.anchor, ev->data.scalar.tag,
				   ev->data.scalar.plain_implicit ||
				   ev->data.scalar.quoted_implicit))
			return false;
		if (!count_node(p, ev))
			return false;
		if (ev->data.scalar.length > TG_MAX_SCALAR) {
			error_at_mark(p, ev->start_mark,
				      "text is longer than the limit of %s bytes", "65536");
			return false;
		}
		n = new_node(p, TG_SCALAR, ev);
		n->style = scalar_style(ev->data.scalar.style);
		n->str = tg_arena_strndup(p->doc->arena, (const char *)ev->data.scalar.value,
					  ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		/* the file has no NUL byte (check_encoding): only an escape in a
		 * double-quoted scalar (\0, \x00, \u0000) can make one */
		if (n->style == TG_DOUBLE && memchr(n->str, '\0', n->len)) {
			error_at_mark(p, ev->start_mark, "%s",
				      "text contains a NUL character");
			return false;
		}
		n->end = n->tail = byte_at(p, ev->end_mark.index);
		return attach(p, n);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool map = ev->type == YAML_MAPPING_START_EVENT;
		const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor
						: ev->data.sequence_start.anchor;
		const yaml_char_t *tag = map ? ev->data.mapping_start.tag
					     : ev->data.sequence_start.tag;
		int implicit = map ? ev->data.mapping_start.implicit
				   : ev->data.sequence_start.implicit;
		if (!refuse_extras(p, ev, anchor, tag, implicit))
			return false;
		if (!count_node(p, ev))
			return false;
		if (p->depth >= TG_MAX_DEPTH) {
			error_at_mark(p, ev->start_mark,
				      "nesting deeper than the limit of %s levels", "32");
			return false;
		}
		n = new_node(p, map ? TG_MAP : TG_SEQ, ev);
		bool flow = map ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
				: ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		n->style = flow ? TG_FLOW : TG_BLOCK;
		p->stack[p->depth].node = n;
		p->stack[p->depth].base = p->nkids;
		p->depth++;
		return true;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct frame *f = &p->stack[--p->depth];
		n = f->node;
		n->n = p->nkids - f->base;
		n->kids = tg_arena_alloc(p->doc->arena, (n->n ? n->n : 1) * sizeof *n->kids);
		if (n->n)      /* p->kids is NULL until a first node is pushed */
			memcpy(n->kids, p->kids + f->base, n->n * sizeof *n->kids);
		for (size_t i = 0; i < n->n; i++)
			n->kids[i]->parent = n;
		p->nkids = f->base;
		n->end = byte_at(p, ev->end_mark.index);
		if (n->style == TG_FLOW || n->n == 0)
			n->tail = n->end;
		else
			n->tail = n->kids[n->n - 1]->tail;
		if (n->kind == TG_MAP)
			check_duplicates(p, n);
		return attach(p, n);
	}
	default:
		return true;
	}
}

static void yaml_error(struct parser *p, yaml_parser_t *yp)
{
	if (yp->error == YAML_MEMORY_ERROR)
		tg_oom();
	const char *problem = yp->problem ? yp->problem : "cannot parse YAML";
	struct buf msg = BUF_INIT;
	buf_adds(&msg, problem);
	if (yp->context)
		buf_addf(&msg, " (%s at line %zu)", yp->context, yp->context_mark.line + 1);
	if (yp->error == YAML_READER_ERROR) {
		error_at_byte(p, yp->problem_offset, msg.s);
	} else {
		/* a tab where indentation is expected is a common slip */
		size_t at = byte_at(p, yp->problem_mark.index);
		const char *s = p->doc->src;
		size_t ls = at;
		while (ls > 0 && s[ls - 1] != '\n')
			ls--;
		for (size_t i = ls; i < p->doc->len && (s[i] == ' ' || s[i] == '\t'); i++)
			if (s[i] == '\t') {
				buf_adds(&msg, "; tabs cannot indent YAML, use spaces");
				break;
			}
		error_at_mark(p, yp->problem_mark, "%s", msg.s);
	}
	buf_release(&msg);
}

static bool check_encoding(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->doc->src;
	size_t len = p->doc->len;
	const char *enc = NULL;
	if (len >= 4 && ((s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) ||
			 (s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)))
		enc = "UTF-32";
	else if (len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE)))
		enc = "UTF-16";
	else if (len >= 2 && (s[0] == 0 || s[1] == 0) && len % 2 == 0 && (s[0] | s[1]))
		enc = "UTF-16";
	if (enc) {
		tg_diag_add(p->d, TG_SEV_ERROR, p->doc->path, 1, 1, NULL, 0, 0,
			    "file is %s; trygg reads UTF-8 only (convert it with: iconv -f %s -t UTF-8)",
			    enc, enc);
		return false;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		p->bom = 3;
	size_t bad = tg_utf8_check(p->doc->src, len);
	if (bad < len) {
		error_at_byte(p, bad, "invalid UTF-8 byte sequence");
		return false;
	}
	const char *nul = memchr(p->doc->src, '\0', len);
	if (nul) {
		error_at_byte(p, (size_t)(nul - p->doc->src), "file contains a NUL byte");
		return false;
	}
	map_wide(p);
	return true;
}

/* A new document of len bytes at path, src not yet set.  A large file's
 * tree takes several times its size: its arena starts with huge chunks. */
static struct tg_doc *new_doc(const char *path, size_t len)
{
	struct tg_doc *doc = xcalloc(1, sizeof *doc);
	doc->path = xstrdup(path);
	doc->len = len;
	doc->arena = tg_arena_new();
	if (len >= CHUNK_HUGE / 16)
		doc->arena->grow = CHUNK_HUGE;
	return doc;
}

/* A merge left conflict markers (lines starting with seven or more '<'
 * or '>', as git and trygg merge-file write them): each is named as such,
 * before the YAML parser calls it a syntax error. */
static bool check_markers(struct parser *p)
{
	const char *s = p->doc->src;
	size_t len = p->doc->len;
	bool found = false;
	for (size_t ls = 0; ls < len;) {
		const char *nl = memchr(s + ls, '\n', len - ls);
		size_t e = nl ? (size_t)(nl - s) : len, k = ls;
		while (k < e && s[k] == s[ls] && (s[ls] == '<' || s[ls] == '>'))
			k++;
		if (k - ls >= 7 && (k == e || s[k] == ' ' || s[k] == '\r')) {
			unsigned line, col;
			tg_locate(s, len, ls, &line, &col);
			tg_diag_add(p->d, TG_SEV_ERROR, p->doc->path, line, col, s, len, ls,
				    s[ls] == '<'
				    ? "a merge conflict starts here: both sides of a merge changed the same "
				      "key; keep one side's lines and delete the markers '<<<<<<<', "
				      "'=======' and '>>>>>>>'"
				    : "a merge conflict ends here (a '>>>>>>>' marker)");
			found = true;
		}
		ls = e + 1;
	}
	return !found;
}

/* Parse doc->src into doc's tree; the document is freed on failure. */
static enum tg_status parse_doc(struct tg_doc *doc, struct tg_doc **out,
				struct tg_diags *d)
{
	*out = NULL;
	size_t errors = d->errors;
	struct parser p = { .doc = doc, .d = d };
	if (doc->len > TG_MAX_FILE) {
		tg_diag_add(d, TG_SEV_ERROR, doc->path, 0, 0, NULL, 0, 0,
			    "file is %zu bytes, over the limit of %u bytes", doc->len,
			    TG_MAX_FILE);
		tg_doc_free(doc);
		return TG_EDATA;
	}
	if (!check_encoding(&p) || !check_markers(&p)) {
		free(p.check);
		tg_doc_free(doc);
		return TG_EDATA;
	}
	p.scan = p.bom;
	yaml_parser_t yp;
	if (!yaml_parser_initialize(&yp))
		tg_oom();
	yaml_parser_set_input_string(&yp, (const unsigned char *)doc->src, doc->len);
	int docs = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&yp, &ev)) {
			yaml_error(&p, &yp);
			break;
		}
		bool go = on_event(&p, &ev, &docs);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (!go || end)
			break;
	}
	yaml_parser_delete(&yp);
	free(p.kids);
	free(p.check);
	if (d->errors > errors) {
		tg_doc_free(doc);
		return TG_EDATA;
	}
	*out = doc;
	return TG_OK;
}

enum tg_status tg_doc_parse(const char *path, const char *src, size_t len,
			    struct tg_doc **out, struct tg_diags *d)
{
	struct tg_doc *doc = new_doc(path, len);
	if (len <= TG_MAX_FILE)
		doc->src = tg_arena_strndup(doc->arena, src, len);
	return parse_doc(doc, out, d);
}

enum tg_status tg_doc_parse_owned(const char *path, char *src, size_t len,
				  struct tg_doc **out, struct tg_diags *d)
{
	struct tg_doc *doc = new_doc(path, len);
	doc->src = doc->heap_src = src;
	return parse_doc(doc, out, d);
}

enum tg_status tg_doc_load(const char *path, struct tg_doc **out,
			   struct tg_diags *d)
{
	struct buf b = BUF_INIT;
	*out = NULL;
	enum tg_status st = tg_read_file(path, TG_MAX_FILE, &b, d);
	if (st != TG_OK) {
		buf_release(&b);
		return st;
	}
	struct tg_doc *doc = new_doc(path, b.len);
	doc->src = doc->heap_src = buf_detach(&b);
	return parse_doc(doc, out, d);
}

/* A value takes at most this much: node, text, place in its parent, its
 * part of the model (measured: 116 bytes a value of one letter). */
#define VALUE_COST 160

size_t tg_doc_cost(size_t len)
{
	size_t values = len / 2 + 2;   /* `a,` is the densest value */
	return len + (values < TG_MAX_NODES ? values : TG_MAX_NODES) * VALUE_COST;
}

void tg_doc_free(struct tg_doc *doc)
{
	if (!doc)
		return;
	free(doc->path);
	free(doc->heap_src);
	tg_arena_free(doc->arena);
	free(doc);
}

struct tg_node *tg_map_get(const struct tg_node *map, const char *key)
{
	if (!map || map->kind != TG_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->kids[i]->str, key))
			return map->kids[i + 1];
	return NULL;
}

bool tg_node_null(const struct tg_node *n)
{
	return n->kind == TG_SCALAR && n->style == TG_PLAIN &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null"));
}
