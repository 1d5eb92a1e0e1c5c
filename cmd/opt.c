#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static bool has_own_help(const struct opt *o)
{
	for (; o->name; o++)
		if (!strcmp(o->name, "help"))
			return true;
	return false;
}

static const struct opt *find_long(const struct opt *o, const char *name, size_t len)
{
	for (; o->name; o++)
		if (*o->name && strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

static const struct opt *find_short(const struct opt *o, char c)
{
	for (; o->name; o++)
		if (o->key == (unsigned char)c)
			return o;
	return NULL;
}

/* "--" then white space before any '=': no option, an operand (SQL that
 * starts with a comment). */
static bool sql_word(const char *w)
{
	if (strncmp(w, "--", 2))
		return false;
	for (const char *c = w + 2; *c && *c != '='; c++)
		if (strchr(" \t\r\n\f\v", *c))
			return true;
	return false;
}

const char *opt_word(const struct opt_parser *p)
{
	static char word[64];
	if (*p->opt->name)
		snprintf(word, sizeof word, "--%s", p->opt->name);
	else
		snprintf(word, sizeof word, "-%c", p->opt->key);
	return word;
}

static int help(struct opt_parser *p)
{
	opt_help(stdout, p->usage, p->opts);
	p->status = -1;
	return -1;
}

static int unknown(struct opt_parser *p, const char *word, size_t len)
{
	const struct opt *sib = p->others && word[1] == '-' ? find_long(p->others, word + 2, len - 2)
							   : NULL;
	if (sib) {
		p->status = usage_error(p->usage, "%s does not take --%s", p->verb, sib->name);
		return -1;
	}
	const char *names[64];
	char buf[64][40];
	size_t n = 0;
	for (const struct opt *o = p->opts; o->name && n < 63; o++) {
		if (!*o->name)
			continue;
		snprintf(buf[n], sizeof buf[n], "--%s", o->name);
		names[n] = buf[n];
		n++;
	}
	names[n] = NULL;
	char *name = xasprintf("%.*s", (int)len, word);
	struct buf hint = BUF_INIT;
	p->status = usage_error(p->usage, "unknown option '%s'%s", word,
				word[1] == '-' ? did_you_mean(&hint, name, names) : "");
	buf_release(&hint);
	free(name);
	return -1;
}

/* A typed value in NFC (DESIGN.md §9): "Va\u0308stra Hisingen" typed on a
 * Mac is the "Västra Hisingen" of the files.  The copies made live as
 * long as the program, as argv does. */
static const char *nfc(const char *s)
{
	static char **made;
	static size_t n;
	char *m;
	s = tg_nfc_const(s, &m);
	if (m) {
		made = xrealloc(made, (n + 1) * sizeof *made);
		made[n++] = m;
	}
	return s;
}

/* --lang, which every command takes (cmd/lang.c), in its table or not. */
static const struct opt lang_opt = OPT_STRING("lang", 0, "L", NULL);

static int take_lang(struct opt_parser *p, const struct opt *o, const char *value)
{
	if (!lang_set(value, true) && o == &lang_opt) {
		p->status = usage_error(p->usage, "--lang takes sv or en, not '%s'", value);
		return -1;
	}
	return o->key;
}

/* The option o with its value: checked, or handled here (write and read
 * options); its key, or 0 to go on, or -1. */
static int take(struct opt_parser *p, const struct opt *o, const char *value)
{
	p->opt = o;
	p->value = value;
	if (value && p->check_text && !(o->flags & OPT_FILE)) {
		char what[80];
		snprintf(what, sizeof what, "option '%s'", opt_word(p));
		if ((p->status = check_text(p->usage, what, value)))
			return -1;
	}
	if (value && !(o->flags & OPT_FILE))
		p->value = value = nfc(value);
	if ((p->w && write_option(p->w, o->key, value, p->usage, &p->status)) ||
	    (p->r && read_option(p->r, o->key, value, p->usage, &p->status)))
		return p->status ? -1 : 0;
	if (!strcmp(o->name, "lang"))
		return take_lang(p, o, value);
	return o->key;
}

static int missing(struct opt_parser *p, const struct opt *o, const char *word)
{
	p->status = usage_error(p->usage, "option '%s' needs %s", word,
				o->needs ? o->needs : "a value");
	return -1;
}

static int next_short(struct opt_parser *p)
{
	char c = *p->cluster++;
	const struct opt *o = find_short(p->opts, c);
	if (!o && c == 'h' && !has_own_help(p->opts))
		return help(p);
	char word[3] = { '-', c, '\0' };
	if (!o)
		return unknown(p, word, 2);
	const char *value = NULL;
	if (o->arg != OPT_NONE && *p->cluster) {
		value = p->cluster;
		p->cluster = "";
	} else if (o->arg == OPT_VALUE) {
		if (p->i >= p->argc)
			return missing(p, o, word);
		value = p->argv[p->i++];
	}
	int k = take(p, o, value);
	if (!*p->cluster)
		p->cluster = NULL;
	return k;
}

static int next_long(struct opt_parser *p, const char *w)
{
	const char *name = w + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct opt *o = find_long(p->opts, name, len);
	if (!o && !eq && !strcmp(name, "help") && !has_own_help(p->opts))
		return help(p);
	if (!o && !p->first_operand_ends && len == 4 && !strncmp(name, "lang", 4))
		o = &lang_opt;
	if (!o)
		return unknown(p, w, len + 2);
	if (eq && o->arg == OPT_NONE) {
		p->status = usage_error(p->usage, "option '--%s' takes no value", o->name);
		return -1;
	}
	const char *value = eq ? eq + 1 : NULL;
	if (!eq && o->arg == OPT_VALUE) {
		if (p->i >= p->argc)
			return missing(p, o, w);
		value = p->argv[p->i++];
	}
	return take(p, o, value);
}

int opt_next(struct opt_parser *p)
{
	while (!p->status) {
		int k;
		if (p->cluster) {
			if ((k = next_short(p)))
				return k;
			continue;
		}
		if (p->i >= p->argc)
			break;
		char *w = p->argv[p->i++];
		bool operand = p->no_more || w[0] != '-' || !w[1] || (p->sql_words && sql_word(w));
		if (operand && p->first_operand_ends) {
			p->i--;
			break;
		}
		if (operand) {
			p->argv[1 + p->nargs++] = w;
		} else if (!strcmp(w, "--")) {
			p->no_more = true;
		} else if (w[1] != '-') {
			p->cluster = w + 1;
		} else if ((k = next_long(p, w))) {
			return k;
		}
	}
	if (p->first_operand_ends) {
		p->args = p->argv + p->i;
		p->nargs = p->argc - p->i;
	} else {
		p->args = p->argv + 1;
	}
	p->opt = NULL;
	p->value = NULL;
	return -1;
}

/* Print text from column col, wrapped before column 80. */
static void wrap(FILE *f, const char *text, int col, int at)
{
	while (*text) {
		const char *end = text + strlen(text);
		if (at + (end - text) > 79) {
			const char *cut = text + (79 - at);
			while (cut > text && *cut != ' ')
				cut--;
			if (cut > text)
				end = cut;
		}
		fprintf(f, "%.*s\n", (int)(end - text), text);
		text = *end ? end + 1 : end;
		if (*text)
			fprintf(f, "%*s", at = col, "");
	}
}

static int left(const struct opt *o, bool shorts, char *out, size_t n)
{
	char sh[8] = "";
	const char *m = o->meta ? o->meta : "";
	if (!*o->name)
		return snprintf(out, n, "  -%c%s%s", o->key, *m ? " " : "", m);
	if (o->key < 0x100)
		snprintf(sh, sizeof sh, "-%c, ", o->key);
	else if (shorts)
		strcpy(sh, "    ");
	if (o->arg == OPT_MAYBE)
		return snprintf(out, n, "  %s--%s[=%s]", sh, o->name, m);
	return snprintf(out, n, "  %s--%s%s%s", sh, o->name, *m ? " " : "", m);
}

static void list(FILE *f, const struct opt *opts, unsigned group)
{
	bool shorts = false;
	int col = 0;
	char l[128];
	for (const struct opt *o = opts; o->name; o++)
		if (o->help && (o->flags & OPT_WRITE) == group && o->key < 0x100)
			shorts = true;
	for (const struct opt *o = opts; o->name; o++) {
		int len = o->help && (o->flags & OPT_WRITE) == group ? left(o, shorts, l, sizeof l) : 0;
		if (len > col)
			col = len;
	}
	col = (col < 24 ? col : 24) + 3;
	for (const struct opt *o = opts; o->name; o++) {
		if (!o->help || (o->flags & OPT_WRITE) != group)
			continue;
		int len = left(o, shorts, l, sizeof l);
		if (len + 2 > col)
			fprintf(f, "%s\n%*s", l, col, "");
		else
			fprintf(f, "%s%*s", l, col - len, "");
		wrap(f, o->help, col, col);
	}
}

void opt_help(FILE *f, const char *usage, const struct opt *opts)
{
	bool any = false, write = false;
	for (const struct opt *o = opts; o->name; o++) {
		any |= o->help && !(o->flags & OPT_WRITE);
		write |= o->help && (o->flags & OPT_WRITE);
	}
	fputs(usage, f);
	if (any) {
		fputc('\n', f);
		list(f, opts, 0);
	}
	if (write) {
		fputs("\nWRITE OPTIONS:\n", f);
		list(f, opts, OPT_WRITE);
	}
}
