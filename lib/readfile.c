/*
 * readfile: a whole file read into memory, and which file that was.
 *
 * open() never waits: a named pipe or a device where a file is expected
 * would block in open() until someone writes to it, so the file is opened
 * with O_NONBLOCK and refused unless fstat() on that descriptor says it is
 * a regular file.  The identity of what was read (device, inode, size,
 * modification time) comes from the same descriptor, before and after the
 * read: when they differ, or the bytes read are not the size, the file
 * changed while it was read (rewritten in place, as `cat >` and some
 * editors do) and it is read again, a few times, then refused as busy.
 */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { READ_TRIES = 5 };

bool tg_same_state(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
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
	buf_grow(b, (size_t)before.st_size);
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
	return tg_same_state(&before, st) && (unsigned long long)st->st_size == b->len
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
