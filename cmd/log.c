/* trygg log: the history of a district, or of one problem or measure, read
 * from git: for each commit that touched the plan file, what changed in
 * terms of the plan (`P6.M2 status: planned → done`). */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg log D [ID] [--since DATE] [--until DATE] [--format text|json]\n"
	"                 [--format-version 1]\n"
	"\n"
	"When the workspace is kept in git: the commits that changed district D's\n"
	"plan file (date, commit, author, subject) and what each changed, item by\n"
	"item, following the file across renames.  With ID (P6, P6.M2, S3), only\n"
	"the changes to that item.\n";

/* Run git in dir with args; its stdout in out.  Returns git's exit status
 * (or -1 when it could not run). */
static int git(struct buf *out, const char *dir, const char *const *args)
{
	const char *argv[32] = { "git", "-C", dir };
	size_t n = 3;
	for (; args[n - 3] && n < 31; n++)
		argv[n] = args[n - 3];
	argv[n] = NULL;
	return tg_run(argv, out);
}

/* A value as one line of text: lists joined with ", ". */
static void flat(struct buf *b, const struct tg_val *v)
{
	if (!v) {
		buf_adds(b, "–");
	} else if (v->kind == TG_V_LIST) {
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_adds(b, ", ");
			flat(b, v->kids[i]);
		}
	} else if (v->kind == TG_V_MAP) {
		buf_addc(b, '{');
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			buf_addf(b, "%s%s: ", i ? ", " : "", v->kids[i]->str);
			flat(b, v->kids[i + 1]);
		}
		buf_addc(b, '}');
	} else {
		buf_adds(b, v->str);
	}
}

static bool wanted(const char *id, const char *filter)
{
	if (!filter)
		return true;
	size_t l = strlen(filter);
	return !strncmp(id, filter, l) && (id[l] == '\0' || id[l] == '.');
}

/* Lines "ID  key: old → new" for the keys of two mappings (skip: keys
 * compared elsewhere). */
static void diff_fields(struct buf *b, const char *id, const struct tg_node *a,
			const struct tg_node *c, const char *const *skip)
{
	struct tg_val *va = tg_val_from_node(a), *vc = tg_val_from_node(c);
	const struct tg_val *sides[2] = { va, vc };
	for (int side = 0; side < 2; side++) {
		const struct tg_val *m = sides[side];
		for (size_t i = 0; m && i + 1 < m->n; i += 2) {
			const char *key = m->kids[i]->str;
			bool skipped = false;
			for (const char *const *s = skip; *s && !skipped; s++)
				skipped = !strcmp(*s, key);
			/* each key once: from the old side, or new keys from the new */
			if (skipped || (side == 1 && tg_val_get(va, key)))
				continue;
			const struct tg_val *x = tg_val_get(va, key), *y = tg_val_get(vc, key);
			if (x && y && tg_val_equal(x, y))
				continue;
			buf_addf(b, "    %-8s %s: ", id, key);
			flat(b, x);
			buf_adds(b, " → ");
			flat(b, y);
			buf_addc(b, '\n');
		}
	}
	tg_val_free(va);
	tg_val_free(vc);
}

static const struct tg_measure *measure_in(const struct tg_problem *p, const char *id)
{
	for (size_t i = 0; p && i < p->n_measures; i++)
		if (p->measures[i].id && !strcmp(p->measures[i].id, id))
			return &p->measures[i];
	return NULL;
}

static void diff_plans(struct buf *b, const struct tg_plan *old, const struct tg_plan *new,
		       const char *filter)
{
	static const char *const problem_skip[] = { "id", "measures", "followups", NULL };
	static const char *const measure_skip[] = { "id", NULL };
	const struct tg_plan *sides[2] = { old, new };
	for (int side = 0; side < 2; side++) {
		const struct tg_plan *pl = sides[side];
		for (size_t i = 0; pl && i < pl->n_problems; i++) {
			const struct tg_problem *p = &pl->problems[i];
			const struct tg_problem *o = old ? tg_plan_problem(old, p->id) : NULL;
			const struct tg_problem *n = new ? tg_plan_problem(new, p->id) : NULL;
			if (side == 1 && o)
				continue;
			if (!o || !n) {
				const char *what = o ? "removed" : "added";
				if (wanted(p->id, filter))
					buf_addf(b, "    %-8s %s: %s\n", p->id, what, p->title);
				else
					for (size_t j = 0; j < p->n_measures; j++)
						if (wanted(p->measures[j].id, filter))
							buf_addf(b, "    %-8s %s: %s\n", p->measures[j].id, what,
								 p->measures[j].text);
				continue;
			}
			if (wanted(p->id, filter) && (!filter || !strcmp(filter, p->id) || !strchr(filter, '.')))
				diff_fields(b, p->id, o->node, n->node, problem_skip);
			for (int ms = 0; ms < 2; ms++) {
				const struct tg_problem *mp = ms ? n : o;
				for (size_t j = 0; j < mp->n_measures; j++) {
					const struct tg_measure *m = &mp->measures[j];
					const struct tg_measure *mo = measure_in(o, m->id), *mn = measure_in(n, m->id);
					if ((ms == 1 && mo) || !wanted(m->id, filter))
						continue;
					if (!mo || !mn)
						buf_addf(b, "    %-8s %s: %s\n", m->id, mo ? "removed" : "added", m->text);
					else
						diff_fields(b, m->id, mo->node, mn->node, measure_skip);
				}
			}
			for (size_t f = o->n_followups; f < n->n_followups && wanted(p->id, filter) &&
			     (!filter || !strchr(filter, '.')); f++) {
				const struct tg_followup *fu = &n->followups[f];
				char buf[TG_ID_SIZE];
				const char *id = tg_followup_id(n, f, buf, sizeof buf);
				buf_addf(b, "    %-8s follow-up %s", id, fu->date ? fu->date : "");
				if (fu->done)
					buf_addf(b, ": %s", fu->done);
				buf_addc(b, '\n');
			}
		}
	}
	/* the joint picture */
	for (int side = 0; side < 2; side++) {
		const struct tg_plan *pl = sides[side];
		for (size_t i = 0; pl && i < pl->n_joint; i++) {
			const struct tg_joint *j = &pl->joint[i];
			bool in_old = false, in_new = false;
			for (size_t k = 0; old && k < old->n_joint; k++)
				in_old |= old->joint[k].id && !strcmp(old->joint[k].id, j->id);
			for (size_t k = 0; new && k < new->n_joint; k++)
				in_new |= new->joint[k].id && !strcmp(new->joint[k].id, j->id);
			if (in_old != in_new && (side == 0 ? in_old : in_new) && wanted(j->id, filter))
				buf_addf(b, "    %-8s %s: %s\n", j->id, in_old ? "removed" : "added", j->title);
		}
	}
}

static struct tg_plan *plan_at(const char *root, const char *rev, const char *path,
			       const struct tg_config *cfg)
{
	struct buf spec = BUF_INIT, text = BUF_INIT;
	buf_addf(&spec, "%s:%s", rev, path);
	const char *args[] = { "show", spec.s, NULL };
	struct tg_plan *p = NULL;
	if (git(&text, root, args) == 0) {
		struct tg_diags d = TG_DIAGS_INIT;
		tg_plan_parse(path, text.s, text.len, cfg, &p, &d);
		tg_diags_release(&d);
	}
	buf_release(&spec);
	buf_release(&text);
	return p;
}

static const char *const log_formats[] = { "text", "json", NULL };

/* One commit of git log -z --follow --name-status: its fields, and the
 * file's path in it and in its parent (they differ across a rename). */
struct commit {
	char *f[5];           /* hash, short hash, date, author, subject */
	char *path, *old_path;
};

/* The next NUL-terminated field at *p (before end), or NULL. */
static char *field(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *z = memchr(s, '\0', (size_t)(end - s));
	if (!z)
		return NULL;
	*p = z + 1;
	return s;
}

static bool all_hex(const char *s, size_t min, size_t max)
{
	size_t n = strspn(s, "0123456789abcdef");
	return !s[n] && n >= min && n <= max;
}

/* Parse the commit at *p, as git log -z writes the format below: "\x1e",
 * the five fields each ending in NUL (an author or subject may hold any
 * other byte), then, after a newline, the status, NUL, the path or, for a
 * rename or copy, the old and new paths, each ending in NUL.  With -z git
 * quotes no path.  1: a commit (c->path NULL when it has no file line);
 * 0: the end; -1: output that does not have that shape. */
static int parse_commit(char **p, char *end, struct commit *c)
{
	if (*p >= end)
		return 0;
	if (**p != '\x1e')
		return -1;
	(*p)++;
	c->path = c->old_path = NULL;
	for (int k = 0; k < 5; k++)
		if (!(c->f[k] = field(p, end)))
			return -1;
	if (!all_hex(c->f[0], 40, 64) || !all_hex(c->f[1], 4, 64) || !tg_is_date(c->f[2]))
		return -1;
	while (*p < end && **p == '\n')
		(*p)++;
	if (*p >= end || **p == '\x1e')
		return 1;
	char *st = field(p, end);
	char *one = st ? field(p, end) : NULL;
	char *two = one && (*st == 'R' || *st == 'C') ? field(p, end) : NULL;
	if (!one || ((*st == 'R' || *st == 'C') && !two))
		return -1;
	c->old_path = one;
	c->path = two ? two : one;
	return 1;
}

int cmd_log(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_SINCE = 0x300, OPT_UNTIL };
	static const struct opt opts[] = {
		OPT_STRING("since", OPT_SINCE, "DATE", "only commits authored on DATE (YYYY-MM-DD) "
			   "or later"),
		OPT_STRING("until", OPT_UNTIL, "DATE", "only commits authored on DATE or earlier"),
		OPT_STRING("format", OPT_FORMAT, "F", "text (default) or json: one object per commit"),
		OPT_STRING("format-version", OPT_FORMAT_VERSION, "1", "the JSON contract's version "
			   "(the only one so far)"),
		OPT_END,
	};
	const char *since = NULL, *until = NULL;
	int status = 0, o, fmt = 0;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_FORMAT) {
			if (!parse_enum(p.value, log_formats, &fmt))
				p.status = bad_value(usage, "--format", p.value, log_formats);
		} else if (o == OPT_FORMAT_VERSION) {
			p.status = check_format_version(usage, p.value);
		} else if (!tg_is_date(p.value)) {
			p.status = usage_error(usage, "%s takes a date YYYY-MM-DD, not '%s'",
					       opt_word(&p), p.value);
		} else if (o == OPT_SINCE) {
			since = p.value;
		} else {
			until = p.value;
		}
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs < 1 || p.nargs > 2)
		return usage_error(usage, "log takes D and an optional ID");
	int wst = need_workspace(ctx);
	if (wst)
		return wst;
	const char *filter = p.nargs == 2 ? p.args[1] : NULL;
	struct tg_diags d = TG_DIAGS_INIT;
	char *path = tg_workspace_district_path(ctx->ws, p.args[0], &d);
	print_diags(&d);
	tg_diags_release(&d);
	if (!path)
		return TG_ENOINPUT;
	const char *root = ctx->ws->root;
	struct buf out = BUF_INIT, prefix = BUF_INIT, log = BUF_INIT;
	const char *top[] = { "rev-parse", "--show-prefix", NULL };
	struct tg_table *t = NULL;
	if (git(&prefix, root, top) != 0) {
		error("%s is not in a git repository; trygg log reads the history from git "
		      "(git init, then commit the plan files)", display_path(root));
		status = TG_EUSAGE;
		goto done;
	}
	if (prefix.len && prefix.s[prefix.len - 1] == '\n')
		prefix.s[--prefix.len] = '\0';
	char *rel = xasprintf("%sdistricts/%s", prefix.s, strrchr(path, '/') + 1);
	const char *args[] = { "log", "-z", "--follow", "--name-status",
		"--diff-merges=first-parent",
		"--format=%x1e%H%x00%h%x00%ad%x00%an%x00%s", "--date=short",
		"--", rel + prefix.len, NULL };
	git(&log, root, args);
	if (fmt == 1) {
		t = stdout_table(TG_FMT_JSON, "log");
		tg_table_cols(t, "date:d commit author subject path changes:l");
	}
	size_t shown = 0;
	char *at = log.s, *end = log.s + log.len;
	struct commit c;
	int got;
	while ((got = parse_commit(&at, end, &c)) == 1) {
		if (!c.path)
			continue;
		if ((since && strcmp(c.f[2], since) < 0) || (until && strcmp(c.f[2], until) > 0))
			continue;
		char *parent = xasprintf("%s^", c.f[0]);
		struct tg_plan *old = plan_at(root, parent, c.old_path, ctx->cfg);
		struct tg_plan *new = plan_at(root, c.f[0], c.path, ctx->cfg);
		struct buf changes = BUF_INIT;
		if (!new)
			buf_adds(&changes, "    (this version does not pass check)\n");
		else
			diff_plans(&changes, old, new, filter);
		if (changes.len || !filter) {
			if (t) {
				/* the changes, a line each, without their indent */
				const char **lines = xcalloc(changes.len + 1, sizeof *lines);
				size_t n = 0;
				for (char *l = changes.s; *l;) {
					char *e = strchr(l, '\n');
					if (e)
						*e = '\0';
					lines[n++] = l + strspn(l, " ");
					l = e ? e + 1 : l + strlen(l);
				}
				tg_table_row(t, (struct tg_cell[]){ TG_DATE(c.f[2]), TG_TEXT(c.f[0]),
					     TG_TEXT(c.f[3]), TG_TEXT(c.f[4]), TG_TEXT(c.path),
					     TG_LIST(lines, n) });
				free(lines);
			} else {
				/* author, subject and the plan's text come from
				 * anyone's commit: safe for a terminal */
				buf_addf(&out, "%s %s ", c.f[2], c.f[1]);
				tg_term_safe(&out, c.f[3], strlen(c.f[3]), TG_WS_SPACE);
				buf_adds(&out, ": ");
				tg_term_safe(&out, c.f[4], strlen(c.f[4]), TG_WS_SPACE);
				buf_addc(&out, '\n');
				tg_term_safe(&out, changes.s, changes.len, TG_WS_KEEP);
			}
			shown++;
		}
		buf_release(&changes);
		tg_plan_free(old);
		tg_plan_free(new);
		free(parent);
	}
	if (got < 0) {
		/* what was shown stays; the rest would be guesswork */
		error("%s: git's log of it does not read as expected; stopped after %zu commit%s",
		      display_path(path), shown, shown == 1 ? "" : "s");
		status = TG_EDATA;
	} else if (!shown)
		say("no commits change %s%s%s", display_path(path), filter ? " for " : "",
		    filter ? filter : "");
	int wst2 = t ? tg_table_finish(t) : (fwrite(out.s, 1, out.len, stdout), 0);
	if (wst2)
		status = wst2;
	free(rel);
done:
	tg_table_free(t);
	buf_release(&out);
	buf_release(&prefix);
	buf_release(&log);
	free(path);
	return status;
}
