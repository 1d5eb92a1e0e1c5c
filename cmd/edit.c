/* trygg edit: the plan file in $VISUAL or $EDITOR, checked before it is
 * saved, as crontab -e and visudo do. */
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: trygg edit D [--dry-run] [--lock-timeout SECS]\n"
	"\n"
	"Open district D's plan file in $VISUAL or $EDITOR (else sensible-editor,\n"
	"else vi) on a copy.  When the editor exits, the copy is checked; on errors\n"
	"you may edit again or abandon.  A valid copy replaces the file through the\n"
	"same lock and rename as every write.  If the file changed meanwhile,\n"
	"nothing is written and your copy is kept.  With --dry-run, the change is\n"
	"shown as a unified diff and not written.\n";

static int run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	/* neither: Debian's choice (the `editor` alternative), else vi */
	const char *script = "exec $0 \"$1\"";
	if (!ed || !*ed) {
		ed = "vi";
		script = "command -v sensible-editor >/dev/null && exec sensible-editor \"$1\"; exec $0 \"$1\"";
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* the editor variable may hold options: let the shell split it */
		execl("/bin/sh", "sh", "-c", script, ed, path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Ask on the terminal (or stdin): edit again? */
static bool again(void)
{
	FILE *tty = fopen("/dev/tty", "r+");
	FILE *in = tty ? tty : stdin, *out = tty ? tty : stderr;
	bool yes = false;
	for (;;) {
		fputs("trygg: (e)dit again or (a)bandon your changes? ", out);
		fflush(out);
		char line[64];
		if (!fgets(line, sizeof line, in))
			break;
		if (line[0] == 'e' || line[0] == 'E') {
			yes = true;
			break;
		}
		if (line[0] == 'a' || line[0] == 'A' || line[0] == 'q')
			break;
	}
	if (tty)
		fclose(tty);
	return yes;
}

static enum tg_status write_copy(const char *path, const struct buf *b, struct tg_diags *d)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(b->s, 1, b->len, f) != b->len || fclose(f)) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot write: %s", strerror(errno));
		return TG_ECREAT;
	}
	return TG_OK;
}

int cmd_edit(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct opt opts[] = { WRITE_OPTS, OPT_END };
	struct write_opts w;
	write_opts_init(&w);
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	p.w = &w;
	while (opt_next(&p) != -1)
		;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs != 1)
		return usage_error(usage, "edit takes one district");
	int status = need_workspace(ctx);
	if (status)
		return status;
	const char *district = p.args[0];

	struct tg_diags d = TG_DIAGS_INIT;
	struct buf orig = BUF_INIT, edited = BUF_INIT;
	char *path = tg_workspace_district_path(ctx->ws, district, &d);
	enum tg_status st = path ? tg_read_file(path, TG_MAX_FILE, &orig, &d) : TG_ENOINPUT;
	char *dir = NULL, *copy = NULL;
	if (!st) {
		const char *tmp = getenv("TMPDIR");
		char *tmpl = xasprintf("%s/trygg-edit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		dir = mkdtemp(tmpl) ? tmpl : (free(tmpl), NULL);
		if (!dir) {
			tg_diag_add(&d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "cannot make a folder for the copy: %s", strerror(errno));
			st = TG_ECREAT;
		} else {
			/* the same name, so the editor knows it is YAML */
			copy = xasprintf("%s/%s", dir, strrchr(path, '/') + 1);
			st = write_copy(copy, &orig, &d);
		}
	}
	print_diags(&d);
	tg_diags_release(&d);
	bool keep_copy = false;
	while (!st) {
		int rc = run_editor(copy);
		if (rc != 0) {
			error("the editor exited with status %d; nothing written (your copy: %s)", rc, copy);
			keep_copy = true;
			st = TG_EUSAGE;
			break;
		}
		st = tg_read_file(copy, TG_MAX_FILE, &edited, &d);
		if (st)
			break;
		if (edited.len == orig.len && !memcmp(edited.s, orig.s, orig.len)) {
			fprintf(stderr, "trygg: no changes\n");
			break;
		}
		struct tg_plan *p;
		st = tg_plan_parse(path, edited.s, edited.len, ctx->cfg, &p, &d);
		tg_plan_free(p);
		if (st == TG_EDATA) {
			/* point at the copy's lines: that is the file the user edits */
			for (size_t i = 0; i < d.n; i++) {
				free(d.v[i].path);
				d.v[i].path = xstrdup(copy);
			}
			print_diags(&d);
			tg_diags_release(&d);
			if (again()) {
				st = TG_OK;
				continue;
			}
			say("abandoned; %s is unchanged", display_path(path));
			break;
		}
		tg_diags_keep_errors(&d);
		print_diags(&d);
		tg_diags_release(&d);
		if (st)
			break;
		if (w.dry_run) {
			struct buf diff = BUF_INIT;
			char *a = xasprintf("a/%s", display_path(path)), *b = xasprintf("b/%s", display_path(path));
			tg_diff(&diff, a, orig.s, orig.len, b, edited.s, edited.len);
			fwrite(diff.s, 1, diff.len, stdout);
			buf_release(&diff);
			free(a);
			free(b);
			break;
		}
		/* write through the lock, if the file is still the one we copied */
		struct tg_lock *lk;
		struct buf now = BUF_INIT;
		bool written = false;
		st = tg_lock_acquire(path, w.lock_timeout, &lk, &d);
		if (!st)
			st = tg_lock_read(lk, &now, &d);
		if (!st && (now.len != orig.len || memcmp(now.s, orig.s, orig.len))) {
			tg_diag_add(&d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "changed while you were editing; nothing written. Your version "
				    "is in %s", copy);
			keep_copy = true;
			st = TG_EBUSY;
		}
		struct tg_autocommit *ac = NULL;
		if (!st && ctx->cfg->autocommit)
			st = tg_autocommit_begin(ctx->ws->root, path, w.lock_timeout, &ac, &d);
		if (!st)
			st = tg_lock_commit(lk, edited.s, edited.len, &d);
		if (!st && ac) {
			char *msg = commit_message(ctx, district, NULL);
			st = tg_autocommit_commit(ac, msg, &d);
			free(msg);
			written = true;
		}
		tg_autocommit_free(ac);
		if (st && !keep_copy && !written) {
			keep_copy = true;
			tg_diag_add(&d, TG_SEV_NOTE, NULL, 0, 0, NULL, 0, 0, "your version is in %s", copy);
		}
		tg_lock_release(lk);
		buf_release(&now);
		print_diags(&d);
		tg_diags_release(&d);
		break;
	}
	if (copy && !keep_copy) {
		unlink(copy);
		rmdir(dir);
	}
	free(copy);
	free(dir);
	free(path);
	buf_release(&orig);
	buf_release(&edited);
	return st;
}
