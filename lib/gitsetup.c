/*
 * gitsetup: make a workspace's git clone merge plan files with trygg
 * (DESIGN.md §10): .gitattributes names the driver for the plan files,
 * .gitignore leaves out the derived index, and the clone's own config
 * (which git never copies) says how to run the driver.
 */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int tg_run(const char *const *argv, struct buf *out)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(fds[1], 1);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 2);
		}
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(255);
	}
	close(fds[1]);
	if (out)
		buf_reset(out);
	char chunk[65536];
	for (;;) {
		ssize_t r = read(fds[0], chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out)
			buf_add(out, chunk, (size_t)r);
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 255)
		return -1;
	return WEXITSTATUS(status);
}

/* Add line to the file at root/name unless a line says it already. */
static enum tg_status add_line(const char *root, const char *name, const char *line,
			       const char *comment, struct tg_diags *d)
{
	char *path = xasprintf("%s/%s", root, name);
	struct buf b = BUF_INIT;
	struct tg_diags q = TG_DIAGS_INIT;
	enum tg_status st = tg_read_file(path, 1u << 20, &b, &q);
	tg_diags_release(&q);
	bool have = false;
	size_t l = strlen(line);
	for (const char *p = b.s; !have && (p = strstr(p, line)); p += l)
		have = (p == b.s || p[-1] == '\n') && (p[l] == '\n' || p[l] == '\r' || !p[l]);
	st = TG_OK;
	if (!have) {
		struct buf add = BUF_INIT;
		buf_addf(&add, "%s%s%s\n", b.len && b.s[b.len - 1] != '\n' ? "\n" : "", comment, line);
		FILE *f = fopen(path, "a");
		bool bad = !f || fwrite(add.s, 1, add.len, f) != add.len;
		if (f && fclose(f) != 0)
			bad = true;
		buf_release(&add);
		if (bad) {
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot write: %s",
				    strerror(errno));
			st = TG_ECREAT;
		}
	}
	buf_release(&b);
	free(path);
	return st;
}

enum tg_status tg_git_setup(const char *root, bool init, struct tg_diags *d)
{
	struct buf out = BUF_INIT;
	const char *is_repo[] = { "git", "-C", root, "rev-parse", "--git-dir", NULL };
	int r = tg_run(is_repo, &out);
	if (r != 0 && init) {
		const char *gi[] = { "git", "-C", root, "init", "-q", NULL };
		r = tg_run(gi, NULL);
	}
	enum tg_status st = TG_OK;
	if (r < 0) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0, "git could not run: is it installed?");
		st = TG_EIO;
	} else if (r != 0) {
		tg_diag_add(d, TG_SEV_ERROR, root, 0, 0, NULL, 0, 0,
			    "is not in a git repository: 'git init' or 'git clone' first, or "
			    "'trygg init --git'");
		st = TG_EUSAGE;
	}
	if (!st)
		st = add_line(root, ".gitattributes", "districts/*.yaml merge=trygg",
			      "# plan files merge item by item: trygg-git(7)\n", d);
	if (!st)
		st = add_line(root, ".gitignore", ".trygg/", "# the index is derived from the plan files\n", d);
	const char *const cfg[][7] = {
		{ "git", "-C", root, "config", "merge.trygg.name",
		  "trygg: plan files item by item, keyed by IDs", NULL },
		{ "git", "-C", root, "config", "merge.trygg.driver",
		  "trygg merge-file %O %A %B --path %P", NULL },
	};
	for (size_t i = 0; !st && i < 2; i++)
		if (tg_run(cfg[i], NULL) != 0) {
			tg_diag_add(d, TG_SEV_ERROR, root, 0, 0, NULL, 0, 0,
				    "git config could not register the merge driver");
			st = TG_EIO;
		}
	buf_release(&out);
	return st;
}
