/*
 * gitcommit: autocommit (DESIGN.md §10).  A write of a plan file in a
 * workspace with `autocommit: true` is committed while the file's lock is
 * held, the file alone (`git commit --only`, so what else is staged stays
 * staged), with a message naming the command and the IDs.  A file that
 * differs from git's HEAD before the write (hand edits, or a file git does
 * not have yet) is committed first, as it is, as its own commit.
 *
 * The commits of trygg's writers are serialized by an flock() on
 * <git dir>/trygg-autocommit, taken after the file's lock (always in that
 * order, so no two writers wait for each other) and held from the check
 * for hand edits to the write's commit; the kernel drops it when a process
 * dies.  git's own index.lock, which another git command may hold, is
 * waited for up to the write's lock timeout.
 */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

struct tg_autocommit {
	char *root;            /* git runs here (-C) */
	char *path;            /* the file, as given */
	char *rel;             /* the file, relative to root */
	char *index_lock;      /* git's index.lock */
	double deadline;
	int fd;                /* the flock()ed <git dir>/trygg-autocommit */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* git -C root args…: its exit status (-1: it could not run). */
static int git(const struct tg_autocommit *ac, const char *const *args, struct buf *out)
{
	const char *argv[24] = { "git", "-C", ac->root };
	size_t n = 3;
	for (; args[n - 3] && n < 23; n++)
		argv[n] = args[n - 3];
	argv[n] = NULL;
	return tg_run(argv, out);
}

/* path relative to root, or NULL when it is not inside it. */
static char *relative(const char *root, const char *path)
{
	size_t l = strlen(root);
	while (l > 1 && root[l - 1] == '/')
		l--;
	if (!strncmp(path, root, l) && path[l] == '/')
		return xstrdup(path + l + 1);
	if (path[0] != '/')
		return xstrdup(path);
	return NULL;
}

/* git args, again while git's index is busy (its index.lock is there) or
 * once more at once (another git may have just let it go), until the
 * deadline.  0, or git's last status. */
static int git_waiting(const struct tg_autocommit *ac, const char *const *args)
{
	int quick = 2;
	for (;;) {
		while (access(ac->index_lock, F_OK) == 0 && now() < ac->deadline)
			pause_ms(20);
		int r = git(ac, args, NULL);
		if (r == 0 || r < 0)
			return r;
		bool busy = access(ac->index_lock, F_OK) == 0;
		if ((!busy && quick-- <= 0) || now() >= ac->deadline)
			return r;
	}
}

static int commit(const struct tg_autocommit *ac, const char *msg)
{
	const char *author = getenv("TRYGG_AUTHOR");
	char *a = author && *author ? xasprintf("--author=%s", author) : NULL;
	const char *args[] = { "commit", "-q", "--no-edit", "-m", msg, "--only",
			       a ? a : "--", a ? "--" : ac->rel, a ? ac->rel : NULL, NULL };
	int r = git_waiting(ac, args);
	free(a);
	return r;
}

enum tg_status tg_autocommit_begin(const char *root, const char *path, double timeout,
				   struct tg_autocommit **out, struct tg_diags *d)
{
	*out = NULL;
	struct tg_autocommit *ac = xcalloc(1, sizeof *ac);
	ac->fd = -1;
	ac->root = xstrdup(root);
	ac->path = xstrdup(path);
	ac->rel = relative(root, path);
	ac->deadline = now() + timeout;
	struct buf paths = BUF_INIT, st = BUF_INIT;
	const char *where[] = { "rev-parse", "--git-path", "index.lock", "--git-path",
				"trygg-autocommit", NULL };
	enum tg_status ret = TG_OK;
	if (!ac->rel || git(ac, where, &paths) != 0) {
		tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
			    "autocommit is on, but the workspace is in no git repository: "
			    "nothing is committed");
		goto none;
	}
	char *nl = strchr(paths.s, '\n'), *nl2 = nl ? strchr(nl + 1, '\n') : NULL;
	if (!nl || !nl2) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "autocommit: git does not say where its repository is");
		ret = TG_EIO;
		goto none;
	}
	*nl = *nl2 = '\0';
	ac->index_lock = paths.s[0] == '/' ? xstrdup(paths.s) : xasprintf("%s/%s", root, paths.s);
	char *mine = nl[1] == '/' ? xstrdup(nl + 1) : xasprintf("%s/%s", root, nl + 1);
	ac->fd = open(mine, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	free(mine);
	while (ac->fd >= 0 && flock(ac->fd, LOCK_EX | LOCK_NB) < 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || now() >= ac->deadline) {
			close(ac->fd);
			ac->fd = -1;
			break;
		}
		pause_ms(10);
	}
	if (ac->fd < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "autocommit: another trygg is committing and did not finish in time");
		ret = TG_EBUSY;
		goto none;
	}
	/* hand edits: the file differs from HEAD (or git does not have it) */
	const char *status[] = { "status", "--porcelain", "-z", "--untracked-files=all", "--",
				 ac->rel, NULL };
	if (git(ac, status, &st) != 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "autocommit: git status does not run here");
		ret = TG_EIO;
		goto none;
	}
	if (st.len) {
		const char *add[] = { "add", "--", ac->rel, NULL };
		char *msg = xasprintf("hand edits to %s", ac->rel);
		int r = st.s[0] == '?' ? git_waiting(ac, add) : 0;
		if (r == 0)
			r = commit(ac, msg);
		free(msg);
		if (r != 0) {
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "autocommit: git could not commit the hand edits of the file "
				    "(run 'git commit' there to see why); nothing written");
			ret = TG_EIO;
			goto none;
		}
	}
	buf_release(&paths);
	buf_release(&st);
	*out = ac;
	return TG_OK;
none:
	buf_release(&paths);
	buf_release(&st);
	tg_autocommit_free(ac);
	return ret;
}

enum tg_status tg_autocommit_commit(struct tg_autocommit *ac, const char *msg,
				    struct tg_diags *d)
{
	if (commit(ac, msg) == 0)
		return TG_OK;
	tg_diag_add(d, TG_SEV_ERROR, ac->path, 0, 0, NULL, 0, 0,
		    "the file is written, but git could not commit it (run 'git commit' "
		    "there to see why); commit it by hand, do not run the command again");
	return TG_EIO;
}

void tg_autocommit_free(struct tg_autocommit *ac)
{
	if (!ac)
		return;
	if (ac->fd >= 0)
		close(ac->fd);     /* and the flock with it */
	free(ac->root);
	free(ac->path);
	free(ac->rel);
	free(ac->index_lock);
	free(ac);
}
