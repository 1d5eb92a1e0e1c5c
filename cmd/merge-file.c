/* trygg merge-file: merge two sides' edits of one plan file, by hand or
 * as git's merge driver (trygg-merge-file(1), DESIGN.md §10). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: trygg merge-file BASE OURS THEIRS [--path P] [-L N]\n"
	"\n"
	"Merge the changes from BASE to THEIRS into OURS, item by item, keyed by\n"
	"IDs and key names; the result replaces OURS.  New items of THEIRS that\n"
	"took an ID OURS also took are renumbered (printed on stderr).  A key\n"
	"both sides set to different values is a conflict, marked around that key.\n"
	"Exit 0: merged; 1: conflicts left in OURS.\n";

static int write_ours(const char *path, const struct buf *text, struct tg_diags *d)
{
	struct tg_lock *lk = NULL;
	struct buf old = BUF_INIT;
	enum tg_status st = tg_lock_acquire(path, 10, &lk, d);
	if (!st)
		st = tg_lock_read(lk, &old, d);
	if (!st)
		st = tg_lock_commit(lk, text->s, text->len, d);
	tg_lock_release(lk);
	buf_release(&old);
	return st;
}

int cmd_merge_file(int argc, char **argv, struct cmd_ctx *ctx)
{
	enum { OPT_PATH = 0x300 };
	static const struct opt opts[] = {
		OPT_STRING("path", OPT_PATH, "P", "the file's path in the repository, for messages"),
		OPT_STRING("marker-size", 'L', "N", "the length of conflict markers (default 7)"),
		OPT_END,
	};
	(void)ctx;
	const char *name = NULL;
	int marker = 7, o;
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while ((o = opt_next(&p)) != -1) {
		if (o == OPT_PATH) {
			name = p.value;
		} else {
			char *end;
			long n = strtol(p.value, &end, 10);
			if (*end || n < 1 || n > 40)
				return usage_error(usage, "--marker-size takes a number from 1 to 40, "
						   "not '%s'", p.value);
			marker = (int)n;
		}
	}
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 3)
		return usage_error(usage, "merge-file takes three files: BASE OURS THEIRS");
	const char *ours = p.args[1];
	if (!name)
		name = ours;
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_merge3 m;
	tg_merge3_init(&m);
	enum tg_status st = tg_merge_file(p.args[0], ours, p.args[2], name, marker, &m, &d);
	if (st == TG_OK || st == TG_FINDINGS) {
		enum tg_status w = write_ours(ours, &m.text, &d);
		if (w)
			st = w;
	}
	print_diags(&d);
	/* name comes from git (%P), a path in a pulled commit: say() makes
	 * it safe for a terminal */
	for (const char *p = m.renames.s; *p;) {
		const char *sp = strchr(p, ' '), *nl = strchr(p, '\n');
		say("%s: THEIRS's new %.*s is now %.*s (both sides added a %.*s)",
			name, (int)(sp - p), p, (int)(nl - sp - 1), sp + 1, (int)(sp - p), p);
		p = nl + 1;
	}
	if (st == TG_FINDINGS && m.line_merge && m.conflicts)
		say("%s: merged line by line by git; resolve the conflicts "
			"it marked", name);
	else if (st == TG_FINDINGS && m.line_merge)
		say("%s: merged line by line by git, and the result is no "
			"valid plan: correct it ('trygg check')", name);
	else if (st == TG_FINDINGS)
		say("%s: %zu conflict%s: both sides set the same key; "
			"resolve %s and delete the markers", name, m.conflicts,
			m.conflicts == 1 ? "" : "s", m.conflicts == 1 ? "it" : "them");
	tg_merge3_release(&m);
	tg_diags_release(&d);
	return st;
}
