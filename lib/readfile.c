/*
 * readfile: a whole file read into memory, and which file that was.
 *
 * open() never waits: a named pipe or a device where a file is expected
 * would block in open() until someone writes to it, so the file is opened
 * with O_NONBLOCK and refused unless fstat() on that descriptor says it is
 * a regular file.  The identity of what was read (device, inode, size,
 * modification and status change times) comes from the same descriptor,
 * before and after the read: when they differ, or the bytes read are not
 * the size, the file changed while it was read and it is read again, a
 * few times, then refused as busy.
 *
 * That does not see a file rewritten in place (truncated, then written,
 * as `cat >` and some editors do) that is read whole between two of its
 * writer's writes: the empty file, or a prefix of the new text, is stable
 * while it is read, and a prefix of a plan is often a valid plan with
 * fewer rows.  Its content cannot tell; the kernel can: a read lease
 * (fcntl F_SETLEASE, Linux) is granted only while no process has the file
 * open for writing.  tg_file_settled takes one and gives it back at once;
 * a text read from a file that nobody had open for writing then, and that
 * did not change since, is a whole version of it, however slow the writer.
 * Where no lease can be had (a file of another user, a file system without
 * leases, another system), time is the only hint: a file changed less
 * than TG_SETTLE_NS ago is looked at again once it is that old.
 */
#define _GNU_SOURCE  /* F_SETLEASE, F_SETSIG */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { READ_TRIES = 5 };
/* How long tg_file_settled waits for a writer to close the file: 0.5 s */
enum { WRITER_WAITS = 50 };
#define WRITER_WAIT_NS (10LL * 1000000LL)

bool tg_same_state(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static long long ns(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The same state, and no change of any other kind (the status change
 * time moves on every write, also one that sets the mtime back). */
static bool same_read_state(const struct stat *a, const struct stat *b)
{
	return tg_same_state(a, b) && ns(a->st_ctim) == ns(b->st_ctim);
}

static void nap(long long nsec)
{
	struct timespec ts = { (time_t)(nsec / 1000000000LL), (long)(nsec % 1000000000LL) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Has some process the file of fd (open read-only) open for writing?
 * 1 yes, 0 no, -1 cannot tell.  Were the lease broken in the moment it is
 * held (a writer opening the file), the kernel would signal this process:
 * SIGURG, which is ignored unless handled (trygg does not handle it). */
static int open_for_writing(int fd)
{
#if defined(F_SETLEASE) && defined(F_SETSIG)
	if (fcntl(fd, F_SETSIG, SIGURG) < 0)
		return -1;
	if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
		fcntl(fd, F_SETLEASE, F_UNLCK);
		return 0;
	}
	return errno == EAGAIN ? 1 : -1;
#else
	(void)fd;
	return -1;
#endif
}

/* The same file as st, in the same state. */
static bool still(int fd, const struct stat *st)
{
	struct stat now;
	return fstat(fd, &now) == 0 && same_read_state(st, &now);
}

enum tg_settled tg_file_settled(const char *path, const struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return TG_CHANGED;
	enum tg_settled res = TG_CHANGED;
	int w = still(fd, st) ? open_for_writing(fd) : 0;
	for (int i = 0; w == 1 && i < WRITER_WAITS; i++) {
		nap(WRITER_WAIT_NS);
		if (!still(fd, st))
			goto out;
		w = open_for_writing(fd);
	}
	if (w == 1) {
		res = TG_WRITING;
		goto out;
	}
	if (w < 0) {    /* no lease: wait until the state read is TG_SETTLE_NS old */
		long long last = ns(st->st_mtim) > ns(st->st_ctim) ? ns(st->st_mtim)
								   : ns(st->st_ctim);
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		long long age = ns(now) - last;
		if (age < TG_SETTLE_NS)     /* a time ahead of the clock: one wait */
			nap(age < 0 ? TG_SETTLE_NS : TG_SETTLE_NS - age);
	}
	if (still(fd, st))
		res = TG_SETTLED;
out:
	close(fd);
	return res;
}

const char *tg_file_kind(unsigned mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a named pipe" :
	       S_ISCHR(mode) || S_ISBLK(mode) ? "a device" : S_ISSOCK(mode) ? "a socket" :
	       "not a file";
}

/* Read fd from its start into b; st: its state after.  TG_OK, or
 * TG_EBUSY when it changed meanwhile, or an error in d. */
static enum tg_status read_once(int fd, const char *path, size_t limit, struct buf *b,
				struct stat *st, struct tg_diags *d)
{
	struct stat before;
	if (fstat(fd, &before) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot read: %s",
			    strerror(errno));
		return TG_EIO;
	}
	if ((unsigned long long)before.st_size > limit) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "file is %lld bytes, over the limit of %zu bytes",
			    (long long)before.st_size, limit);
		return TG_EDATA;
	}
	buf_reset(b);
	if (b->cap < (size_t)before.st_size + 2) {
		/* the size and a byte to see the end: buf_grow would round up
		 * to a power of two, up to twice the file */
		buf_release(b);
		b->cap = (size_t)before.st_size + 2;
		b->s = xmalloc(b->cap);
		b->s[0] = '\0';
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot read: %s",
			    strerror(errno));
		return TG_EIO;
	}
	for (;;) {
		if (b->len > limit) {
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "file is over the limit of %zu bytes", limit);
			return TG_EDATA;
		}
		if (b->cap - b->len < 2)          /* it grew meanwhile */
			buf_grow(b, 65536);
		ssize_t r = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "cannot read: %s", strerror(errno));
			return TG_EIO;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
		b->s[b->len] = '\0';
	}
	if (fstat(fd, st) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot read: %s",
			    strerror(errno));
		return TG_EIO;
	}
	return same_read_state(&before, st) && (unsigned long long)st->st_size == b->len
		       ? TG_OK : TG_EBUSY;
}

enum tg_status tg_read_file_st(const char *path, size_t limit, struct buf *b,
			       struct stat *st, struct tg_diags *d)
{
	struct stat local;
	if (!st)
		st = &local;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "cannot open: %s", strerror(errno));
		return TG_ENOINPUT;
	}
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		int err = errno;
		bool known = fstat(fd, st) == 0;
		if (known && S_ISDIR(st->st_mode))
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "is a directory, not a file");
		else if (known)
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "not a regular file (%s)", tg_file_kind(st->st_mode));
		else
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
				    "cannot read: %s", strerror(err));
		close(fd);
		return known ? TG_ENOINPUT : TG_EIO;
	}
	enum tg_status rs = TG_EBUSY;
	for (int i = 0; i < READ_TRIES && rs == TG_EBUSY; i++)
		rs = read_once(fd, path, limit, b, st, d);
	close(fd);
	if (rs == TG_EBUSY)
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "changed while it was read, %d times; is something writing it? "
			    "try again", READ_TRIES);
	return rs;
}

enum tg_status tg_read_file(const char *path, size_t limit, struct buf *b,
			    struct tg_diags *d)
{
	return tg_read_file_st(path, limit, b, NULL, d);
}
