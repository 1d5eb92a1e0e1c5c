/*
 * strict: YAML that libyaml 0.2.5 accepts and the YAML spec refuses.
 *
 * libyaml's scanner is lax in a few places that stricter readers are not:
 * a '#' right after a token starts a comment, the lines of a flow
 * collection or of quoted text may sit at any indentation (tabs
 * included), a block scalar's leading empty lines may be longer than its
 * first line, and a lone '-' is a value in a flow collection.  These
 * checks look at the bytes around the positions libyaml reports, so each
 * byte of a file is looked at a bounded number of times.  Each returns
 * false with the offending byte in *at and the reason in msg.
 */
#include "priv.h"

#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool blank_or_break(char c)
{
	return blank(c) || c == '\n' || c == '\r';
}

static const char comment_msg[] = "a comment needs a space or tab before its '#'";

bool tg_strict_gap(const char *s, size_t first, size_t from, size_t to, size_t *at,
		   struct buf *msg)
{
	for (size_t i = from; i < to; i++) {
		bool line_start = i == first || s[i - 1] == '\n' || s[i - 1] == '\r';
		/* a tag directive's prefix may hold '#': it is a URI */
		if (line_start && !strncmp(s + i, "%TAG", 4) && blank(s[i + 4])) {
			while (i < to && s[i] != '\n')
				i++;
			continue;
		}
		if (s[i] != '#')
			continue;
		if (!line_start && !blank_or_break(s[i - 1])) {
			*at = i;
			buf_adds(msg, comment_msg);
			return false;
		}
		while (i < to && s[i] != '\n')
			i++;
	}
	return true;
}

/* The spaces that begin the line at ls, and whether nothing else is on it. */
static size_t indent_of(const char *s, size_t len, size_t ls, bool *empty)
{
	size_t i = ls;
	while (i < len && s[i] == ' ')
		i++;
	size_t k = i;
	while (k < len && blank(s[k]))
		k++;
	*empty = k >= len || s[k] == '\n' || s[k] == '\r';
	return i - ls;
}

bool tg_strict_lines(const char *s, size_t len, size_t start, size_t end, unsigned need,
		     const char *what, bool flow, unsigned line, size_t *at, struct buf *msg)
{
	if (!need)
		return true;
	for (const char *nl = memchr(s + start, '\n', end - start); nl;
	     nl = memchr(nl + 1, '\n', end - (size_t)(nl + 1 - s))) {
		size_t ls = (size_t)(nl + 1 - s);
		if (ls >= end)
			break;
		bool empty;
		size_t k = indent_of(s, len, ls, &empty);
		if (empty || k >= need)
			continue;
		/* in a flow collection a comment line needs no indentation */
		size_t c = ls + k;
		while (c < len && blank(s[c]))
			c++;
		if (flow && s[c] == '#')
			continue;
		*at = ls + k;
		buf_addf(msg, "this line continues the %s begun on line %u and must be indented"
			 " by at least %u space%s", what, line, need, need == 1 ? "" : "s");
		if (s[ls + k] == '\t')
			buf_adds(msg, "; tabs cannot indent YAML, use spaces");
		return false;
	}
	return true;
}

/* The offset of the line after the one at i (len at the end). */
static size_t next_line(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);
	return nl ? (size_t)(nl - s) + 1 : len;
}

bool tg_strict_block_scalar(const char *s, size_t len, size_t start, unsigned need,
			    size_t *at, struct buf *msg)
{
	size_t i = start + 1;           /* past '|' or '>' */
	bool explicit = false;
	while (i < len && (s[i] == '+' || s[i] == '-' || (s[i] >= '1' && s[i] <= '9'))) {
		explicit |= s[i] != '+' && s[i] != '-';
		i++;
	}
	if (i < len && s[i] == '#') {
		*at = i;
		buf_adds(msg, comment_msg);
		return false;
	}
	if (explicit)
		return true;
	/* with its indentation found from its first line that is not empty,
	 * no empty line before that may have more spaces */
	size_t first = next_line(s, len, i), ls = first, most = 0;
	bool empty = true;
	size_t k = 0;
	for (; ls < len; ls = next_line(s, len, ls)) {
		k = indent_of(s, len, ls, &empty);
		if (!empty)
			break;
		if (k > most)
			most = k;
	}
	if (empty || k < need || most <= k)
		return true;
	for (ls = first; indent_of(s, len, ls, &empty) <= k; ls = next_line(s, len, ls))
		;
	*at = ls;
	buf_addf(msg, "this empty line at the start of a block scalar has more spaces (%zu)"
		 " than its first line that is not empty (%zu)", indent_of(s, len, ls, &empty), k);
	return false;
}
