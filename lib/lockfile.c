/*
 * lockfile: the one way trygg replaces a file.
 *
 * The protocol, for a file F:
 *  1. Make F.lock, holding "PID HOST", and flock() it for as long as it is
 *     held: it is written without a name (O_TMPFILE; else under a name of
 *     its own), locked, then linked into place, which fails when one
 *     exists (make_lock).  Then wait (polling) up to the timeout.
 *     The rule: a lock whose file nobody holds an flock on is stale — every
 *     trygg writer holds one while it owns the lock, from before the lock
 *     has its name until after it is removed — and is taken over with a
 *     warning, whatever PID and host it names (a killed writer's PID may
 *     belong to another process by now).  A lock someone holds is
 *     respected, whatever PID it names.  Where flock() cannot be tried (a
 *     file system without it), nothing is proved and the lock is
 *     respected; so is a name that cannot be opened (a dangling link).
 *     Only a process holding a lock file's flock() removes it, and only
 *     while F.lock still names that file: two processes that find the
 *     same stale lock cannot both take it, nor take the lock the first of
 *     them made.
 *  2. Read F under the lock and remember its identity (device, inode, size,
 *     modification time), taken with fstat() on the descriptor read, the
 *     same before and after the read (lib/readfile.c).
 *  3. Write the new text to a temporary file beside F with F's permission
 *     bits, owner and group (a new F: what the umask leaves of 0666; an
 *     owner or group that cannot be kept is a warning), fsync it, and check that F on disk is still the file read in 2
 *     (an editor does not honour our lock; if someone saved in between, we
 *     stop and leave their version alone).
 *  4. rename() the temporary file over F, fsync the folder, remove the lock.
 * When F is a symbolic link, F is the file it points to (through any number
 * of links): the lock and the temporary file go beside that file, and the
 * link stays.
 * A failure at any step removes the temporary file and the lock and leaves F
 * as it was; an fsync error is reported, never retried.  SIGINT and SIGTERM
 * remove the lock and the temporary file before the process dies.
 */
#define _GNU_SOURCE  /* O_TMPFILE */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct tg_lock {
	char *path, *lock_path, *tmp_path, *dir;
	struct stat orig;
	bool have_orig;
	bool held;
	bool prepared;   /* tmp_path written and synced, not yet renamed */
	int fd;  /* the lock file, flock()ed while held; -1 when not */
	/* What a signal removes, copied here by arm() (the handler reads no
	 * pointer that free() may take): the lock and the temporary file. */
	char clean[2][PATH_MAX];
	struct tg_lock *next_armed;
	bool armed;
};

/* The locks a signal or an exit cleans up: a batch (trygg-batch(1)) holds
 * many at once.  The list changes with signals blocked. */
static struct tg_lock *volatile armed_locks;

static void clean_up(void)
{
	for (struct tg_lock *lk = armed_locks; lk; lk = lk->next_armed) {
		if (lk->clean[1][0])
			unlink(lk->clean[1]);
		if (lk->clean[0][0])
			unlink(lk->clean[0]);
	}
}

static void on_signal(int sig)
{
	clean_up();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* An exit while armed (memory ran out): the same cleanup. */
static void at_exit(void)
{
	clean_up();
}

static void block_signals(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

static void arm(struct tg_lock *lk)
{
	static bool installed;
	sigset_t old;
	block_signals(&old);
	snprintf(lk->clean[0], PATH_MAX, "%s", lk->held ? lk->lock_path : "");
	snprintf(lk->clean[1], PATH_MAX, "%s", lk->tmp_path ? lk->tmp_path : "");
	if (!lk->armed) {
		lk->next_armed = armed_locks;
		armed_locks = lk;
		lk->armed = true;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!installed) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		atexit(at_exit);
		installed = true;
	}
}

static void disarm(struct tg_lock *lk)
{
	if (!lk->armed)
		return;
	sigset_t old;
	block_signals(&old);
	struct tg_lock *volatile *pp = &armed_locks;
	while (*pp && *pp != lk)
		pp = &(*pp)->next_armed;
	if (*pp)
		*pp = lk->next_armed;
	lk->armed = false;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool read_small(int fd, char *out, size_t size)
{
	ssize_t n = pread(fd, out, size - 1, 0);
	if (n <= 0)
		return false;
	out[n] = '\0';
	return true;
}

/* The owner a lock's content "PID HOST" names, for messages. */
static void parse_owner(const char *content, long *pid_out, char *host_out, size_t hsize)
{
	char host[256];
	long pid;
	if (sscanf(content, "%ld %255s", &pid, host) != 2 || pid <= 0)
		return;
	*pid_out = pid;
	snprintf(host_out, hsize, "%s", host);
}

/* Failures that mean "may not create or replace" (exit 73), not I/O. */
static bool denied(int err)
{
	return err == EACCES || err == EPERM || err == EROFS;
}

enum owner { OWNER_LIVE, OWNER_DEAD, OWNER_GONE, OWNER_STUCK };

/* Remove what a stale lock's owner PID may have left beside the lock: its
 * temporary file and the lock's content it had not yet linked into place.
 * Both are written only by the lock's holder, and nobody holds it. */
static void remove_leftovers(const struct tg_lock *lk, long pid)
{
	const char *slash = strrchr(lk->path, '/');
	char *tmp = xasprintf("%s/.%s.tmp.%ld", lk->dir, slash ? slash + 1 : lk->path, pid);
	unlink(tmp);
	free(tmp);
	tmp = xasprintf("%s.%ld", lk->lock_path, pid);
	unlink(tmp);
	free(tmp);
}

/* Look at the lock that exists: the owner it names (PID and host, for the
 * message), and whether anyone holds its flock().  A lock nobody holds is
 * stale and is taken over here: with its flock() held, so that no other
 * process takes it at the same time, and only if F.lock still names the
 * file opened (another process may have taken it over and made its own
 * since).  What the owner left goes first, then its lock: killed in
 * between, we leave a lock that the next process takes over in turn,
 * never a stray file.
 * OWNER_DEAD: the stale lock is removed; make ours.
 * OWNER_GONE: the lock vanished or was taken; try again at once.
 * OWNER_STUCK: the lock is stale but cannot be removed (errno).
 * OWNER_LIVE: someone holds it, or its flock() cannot be tried. */
static enum owner look_at_lock(struct tg_lock *lk, long *pid, char *host, size_t hsize)
{
	/* read-write where we may: NFS gives an exclusive flock() only then;
	 * and never wait in open(), should someone have put a FIFO there */
	int fd = open(lk->lock_path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT)
		fd = open(lk->lock_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		/* gone, unless something that cannot be opened is there: a link
		 * that points nowhere holds the name as well as a lock does */
		struct stat st;
		return errno == ENOENT && lstat(lk->lock_path, &st) < 0 ? OWNER_GONE : OWNER_LIVE;
	}
	char seen[512];
	struct stat held, named;
	enum owner o = OWNER_LIVE;
	if (read_small(fd, seen, sizeof seen))
		parse_owner(seen, pid, host, hsize);
	/* EWOULDBLOCK: held.  Any other failure (a file system without
	 * flock()) proves nothing: the lock is respected. */
	if (fstat(fd, &held) == 0 && S_ISREG(held.st_mode) &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0) {
		o = OWNER_GONE;
		if (stat(lk->lock_path, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
			if (*pid)
				remove_leftovers(lk, *pid);
			if (unlink(lk->lock_path) == 0)
				o = OWNER_DEAD;
			else if (errno != ENOENT)
				o = OWNER_STUCK;
		}
	}
	int err = errno;
	close(fd);
	errno = err;
	return o;
}

/* The file path names, through symbolic links: replacing a link's target
 * keeps the link, as an editor does.  A link that points nowhere names the
 * file it points to, which the write then creates; after 40 links (a loop)
 * the path is used as it is. */
static char *follow_links(const char *path)
{
	char *p = xstrdup(path);
	for (int i = 0; i < 40; i++) {
		struct stat st;
		char target[PATH_MAX];
		if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
			return p;
		ssize_t n = readlink(p, target, sizeof target - 1);
		if (n <= 0)
			return p;
		target[n] = '\0';
		const char *slash = strrchr(p, '/');
		char *next = target[0] == '/' || !slash ? xstrdup(target) :
			     xasprintf("%.*s/%s", (int)(slash - p), p, target);
		free(p);
		p = next;
	}
	free(p);
	return xstrdup(path);
}

/* A file holding content, flock()ed, linked into place as F.lock; its
 * descriptor, or -1 with errno (EEXIST: a lock is there).  The lock
 * appears with its content and its flock() or not at all.  It is made
 * without a name (O_TMPFILE) and named by linkat(), which fails if one
 * exists, so a process killed on the way leaves nothing behind; where the
 * file system (or a missing /proc) does not allow that, it is written
 * under a name of its own, aside, and link()ed.  A file system without
 * flock() still has the lock; only a takeover cannot be proved safe. */
static int make_lock(const struct tg_lock *lk, const char *aside, const char *content)
{
	size_t len = strlen(content);
	int fd, err;
#ifdef O_TMPFILE
	fd = open(lk->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
	if (fd >= 0) {
		ssize_t w = write(fd, content, len);
		err = w < 0 ? errno : EIO;
		if (w == (ssize_t)len) {
			(void)flock(fd, LOCK_EX | LOCK_NB);
			char proc[64];
			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
			if (linkat(AT_FDCWD, proc, AT_FDCWD, lk->lock_path, AT_SYMLINK_FOLLOW) == 0)
				return fd;
			err = errno;
		}
		close(fd);
		errno = err;
		if (w != (ssize_t)len || err != ENOENT)   /* ENOENT: no /proc */
			return -1;
	}
#endif
	fd = open(aside, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, content, len);
	err = w < 0 ? errno : EIO;
	bool linked = false;
	if (w == (ssize_t)len) {
		(void)flock(fd, LOCK_EX | LOCK_NB);
		linked = link(aside, lk->lock_path) == 0;
		err = errno;
	}
	unlink(aside);
	if (linked)
		return fd;
	close(fd);
	errno = err;
	return -1;
}

enum tg_status tg_lock_acquire(const char *path, double timeout,
			       struct tg_lock **out, struct tg_diags *d)
{
	struct tg_lock *lk = xcalloc(1, sizeof *lk);
	lk->fd = -1;
	lk->path = follow_links(path);
	path = lk->path;
	lk->lock_path = xasprintf("%s.lock", path);
	const char *slash = strrchr(path, '/');
	lk->dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char me[256] = "";
	gethostname(me, sizeof me - 1);
	char *content = xasprintf("%ld %s\n", (long)getpid(), me[0] ? me : "localhost");
	char *aside = xasprintf("%s.%ld", lk->lock_path, (long)getpid());
	double deadline = now() + timeout;
	long wait = 5;
	int quick = 0;   /* tries again at once, bounded: the deadline holds */
	enum tg_status st = TG_EBUSY;
	*out = NULL;
	for (;;) {
		int fd = make_lock(lk, aside, content);
		if (fd >= 0) {
			lk->fd = fd;
			lk->held = true;
			arm(lk);
			free(content);
			free(aside);
			*out = lk;
			return TG_OK;
		}
		if (errno != EEXIST) {
			/* a folder we may not write to is "cannot create"; a failing
			 * write of the lock's content is an I/O error */
			bool no = denied(errno) || errno == ENOENT || errno == ENOTDIR;
			tg_diag_add(d, TG_SEV_ERROR, lk->lock_path, 0, 0, NULL, 0, 0,
				    "cannot create lock: %s", strerror(errno));
			st = no ? TG_ECREAT : TG_EIO;
			break;
		}
		long pid = 0;
		char host[256] = "";
		enum owner o = look_at_lock(lk, &pid, host, sizeof host);
		if (o == OWNER_STUCK) {
			/* no wait makes this go away; someone must remove it */
			tg_diag_add(d, TG_SEV_ERROR, lk->lock_path, 0, 0, NULL, 0, 0,
				    "a stale lock (nobody holds it) that cannot be removed: %s; "
				    "remove it if no trygg is running", strerror(errno));
			st = TG_ECREAT;
			break;
		}
		if (o == OWNER_DEAD) {
			if (pid)
				tg_diag_add(d, TG_SEV_WARNING, lk->lock_path, 0, 0, NULL, 0, 0,
					    "taking over a stale lock left by process %ld on %s "
					    "(nobody holds it)", pid, host);
			else
				tg_diag_add(d, TG_SEV_WARNING, lk->lock_path, 0, 0, NULL, 0, 0,
					    "taking over a stale lock (nobody holds it)");
			continue;
		}
		if (o == OWNER_GONE && quick++ < 100)
			continue;
		if (now() >= deadline) {
			if (pid)
				tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
					    "locked by process %ld on %s (%s); try again later", pid,
					    host, lk->lock_path);
			else
				tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
					    "locked (%s exists); try again later, or remove it if no "
					    "trygg is running", lk->lock_path);
			break;
		}
		sleep_ms(wait + rand() % 5);
		if (wait < 50)
			wait += 5;
	}
	free(content);
	free(aside);
	tg_lock_release(lk);
	return st;
}

/* The identity comes from the descriptor read (a stat() of the name
 * afterwards would describe an editor's save made in between). */
enum tg_status tg_lock_read(struct tg_lock *lk, struct buf *b, struct tg_diags *d)
{
	enum tg_status st = tg_read_file_st(lk->path, TG_MAX_FILE, b, &lk->orig, d);
	lk->have_orig = st == TG_OK;
	return st;
}

static enum tg_status io_error(struct tg_lock *lk, const char *what, const char *path,
			       struct tg_diags *d)
{
	int err = errno;
	tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "%s: %s; %s is unchanged",
		    what, strerror(err), lk->path);
	if (lk->tmp_path)
		unlink(lk->tmp_path);
	errno = err;
	return TG_EIO;
}

/* The names of a user and a group, or their numbers (copied: getpwuid()
 * and getgrgid() reuse their storage). */
static const char *user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);
	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%ld", (long)uid);
	return buf;
}

static const char *group_name(gid_t gid, char *buf, size_t size)
{
	struct group *gr = getgrgid(gid);
	if (gr)
		snprintf(buf, size, "%s", gr->gr_name);
	else
		snprintf(buf, size, "%ld", (long)gid);
	return buf;
}

/* Give the new file or folder fd the owner and group of orig, the one it
 * replaces.  Only root may give a file away, and a user only to a group of
 * theirs: what cannot be kept is said in a warning about path (none when d
 * is NULL), and the write goes on.  True when both are kept. */
bool tg_keep_owner(int fd, const char *path, const struct stat *orig, struct tg_diags *d)
{
	struct stat mine;
	if (fstat(fd, &mine) < 0 ||
	    (mine.st_uid == orig->st_uid && mine.st_gid == orig->st_gid))
		return true;
	if (fchown(fd, orig->st_uid, orig->st_gid) == 0)
		return true;
	int err = errno;
	bool group = mine.st_gid == orig->st_gid ||
		     fchown(fd, (uid_t)-1, orig->st_gid) == 0;
	if (!d)
		return false;
	char b1[64], b2[64], b3[64];
	const char *was = user_name(orig->st_uid, b1, sizeof b1);
	const char *now = user_name(mine.st_uid, b2, sizeof b2);
	const char *grp = group_name(orig->st_gid, b3, sizeof b3);
	if (mine.st_uid == orig->st_uid)
		tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
			    "cannot keep the group %s (%s)", grp, strerror(err));
	else if (group)
		tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
			    "cannot keep the owner %s (the file is now %s's: %s)", was, now,
			    strerror(err));
	else
		tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
			    "cannot keep the owner %s:%s (the file is now %s's: %s)", was, grp,
			    now, strerror(err));
	return false;
}

/* Is the file on disk still the one read under the lock?  (An editor
 * does not honour the lock.)  Else the temporary file goes. */
static enum tg_status unchanged(struct tg_lock *lk, struct tg_diags *d)
{
	struct stat now_st;
	if (lk->have_orig && (stat(lk->path, &now_st) < 0 || !tg_same_state(&now_st, &lk->orig))) {
		unlink(lk->tmp_path);
		tg_diag_add(d, TG_SEV_ERROR, lk->path, 0, 0, NULL, 0, 0,
			    "changed on disk while trygg was editing it (saved from an editor?); "
			    "nothing written, their version is kept: run the command again");
		return TG_EBUSY;
	}
	return TG_OK;
}

enum tg_status tg_lock_prepare(struct tg_lock *lk, const char *data, size_t len,
			       struct tg_diags *d)
{
	const char *base = strrchr(lk->path, '/');
	base = base ? base + 1 : lk->path;
	free(lk->tmp_path);
	lk->tmp_path = xasprintf("%s/.%s.tmp.%ld", lk->dir, base, (long)getpid());
	arm(lk);
	/* the file replaced gives its mode, owner and group; a new one gets
	 * what the umask leaves of 0666, as any file a program makes */
	struct stat cur;
	const struct stat *orig = lk->have_orig ? &lk->orig : NULL;
	if (!orig && stat(lk->path, &cur) == 0 && S_ISREG(cur.st_mode))
		orig = &cur;
	int fd = open(lk->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC,
		      orig ? 0600 : 0666);
	if (fd < 0) {
		bool no = denied(errno);
		io_error(lk, "cannot create a temporary file", lk->tmp_path, d);
		free(lk->tmp_path);
		lk->tmp_path = NULL;
		return no ? TG_ECREAT : TG_EIO;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			enum tg_status st = io_error(lk, "cannot write", lk->tmp_path, d);
			close(fd);
			return st;
		}
		off += (size_t)w;
	}
	if (orig)
		tg_keep_owner(fd, lk->path, orig, d);
	/* after fchown(), which may clear the set-ID bits */
	if ((orig && fchmod(fd, orig->st_mode & 07777) < 0) || fsync(fd) < 0) {
		enum tg_status st = io_error(lk, "cannot write", lk->tmp_path, d);
		close(fd);
		return st;
	}
	if (close(fd) < 0)
		return io_error(lk, "cannot write", lk->tmp_path, d);
	enum tg_status st = unchanged(lk, d);
	if (!st)
		lk->prepared = true;
	return st;
}

enum tg_status tg_lock_install(struct tg_lock *lk, struct tg_diags *d)
{
	if (!lk->prepared)
		return TG_EIO;
	lk->prepared = false;
	enum tg_status ust = unchanged(lk, d);
	if (ust)
		return ust;
	if (rename(lk->tmp_path, lk->path) < 0) {
		/* a sticky folder, an immutable file, a read-only mount */
		bool no = denied(errno);
		enum tg_status st = io_error(lk, "cannot replace the file", lk->path, d);
		return no ? TG_ECREAT : st;
	}
	free(lk->tmp_path);
	lk->tmp_path = NULL;
	arm(lk);
	int dfd = open(lk->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0) {
		/* the new file is in place; say that its durability is unsure */
		tg_diag_add(d, TG_SEV_ERROR, lk->dir, 0, 0, NULL, 0, 0,
			    "cannot sync the folder: %s; the change may not survive a crash",
			    strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return TG_EIO;
	}
	close(dfd);
	return TG_OK;
}

enum tg_status tg_lock_commit(struct tg_lock *lk, const char *data, size_t len,
			      struct tg_diags *d)
{
	enum tg_status st = tg_lock_prepare(lk, data, len, d);
	return st ? st : tg_lock_install(lk, d);
}

void tg_lock_release(struct tg_lock *lk)
{
	if (!lk)
		return;
	if (lk->tmp_path)
		unlink(lk->tmp_path);
	if (lk->held)
		unlink(lk->lock_path);
	if (lk->fd >= 0)
		close(lk->fd);
	disarm(lk);
	free(lk->path);
	free(lk->lock_path);
	free(lk->tmp_path);
	free(lk->dir);
	free(lk);
}
