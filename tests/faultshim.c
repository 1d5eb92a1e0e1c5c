/*
 * faultshim: an LD_PRELOAD library that makes the Nth call of one system
 * call fail, the way SQLite's I/O error tests do.
 *
 *   TRYGG_FAULT=write:3:ENOSPC   the 3rd write() to a file (not stdout or
 *                                stderr) fails with ENOSPC
 *   TRYGG_FAULT=fsync:1:EIO      the 1st fsync() fails with EIO
 *   TRYGG_FAULT=rename:1:EIO     the 1st rename() fails
 *   TRYGG_NO_TMPFILE=1           open() with O_TMPFILE fails with EOPNOTSUPP,
 *                                as on a file system without it
 *   TRYGG_FAULT_COUNT=FILE       append "write N", "fsync N", "rename N"
 *                                at exit: how many calls there were
 *   TRYGG_BEFORE_THREAD=CMD      run the shell command CMD once, before the
 *                                first thread starts, with LD_PRELOAD and
 *                                this variable unset: to write the index
 *                                between the reads of two connections.
 *                                The command runs in the thread that
 *                                starts the first thread, so use it where
 *                                that is the main thread (--no-refresh)
 *   TRYGG_AFTER_READ=NAME:CMD    run the shell command CMD once, when a
 *                                read() first reaches the end of a file
 *                                whose path ends in NAME (LD_PRELOAD and
 *                                this variable unset): to change the file
 *                                just after it was read, as an editor's
 *                                save may
 */
#define _GNU_SOURCE
/* open and open64 both, under their own names (the build's
 * _FILE_OFFSET_BITS=64 would make open a second open64) */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

enum { OP_WRITE, OP_FSYNC, OP_RENAME, NOPS };
static const char *const names[NOPS] = { "write", "fsync", "rename" };
static unsigned long calls[NOPS];
static int fail_op = -1;
static unsigned long fail_at;
static int fail_errno = EIO;

__attribute__((constructor)) static void setup(void)
{
	const char *spec = getenv("TRYGG_FAULT");
	if (!spec)
		return;
	char op[16] = "", err[16] = "EIO";
	unsigned long n = 0;
	if (sscanf(spec, "%15[a-z]:%lu:%15s", op, &n, err) < 2)
		return;
	for (int i = 0; i < NOPS; i++)
		if (!strcmp(op, names[i]))
			fail_op = i;
	fail_at = n;
	fail_errno = !strcmp(err, "ENOSPC") ? ENOSPC : !strcmp(err, "EDQUOT") ? EDQUOT : EIO;
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("TRYGG_FAULT_COUNT");
	FILE *f = path ? fopen(path, "a") : NULL;
	if (!f)
		return;
	for (int i = 0; i < NOPS; i++)
		fprintf(f, "%s %lu\n", names[i], calls[i]);
	fclose(f);
}

/* The next definition of a symbol, the C library's; without it the shim
 * cannot work, so stop at once rather than call through NULL. */
static void *next(const char *name)
{
	void *sym = dlsym(RTLD_NEXT, name);
	if (!sym)
		abort();
	return sym;
}

static int should_fail(int op)
{
	calls[op]++;
	if (op == fail_op && calls[op] == fail_at) {
		errno = fail_errno;
		return 1;
	}
	return 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))next("write");
	if (fd > 2 && should_fail(OP_WRITE))
		return -1;
	return real(fd, buf, n);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))next("fsync");
	if (should_fail(OP_FSYNC))
		return -1;
	return real(fd);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))next("rename");
	if (should_fail(OP_RENAME))
		return -1;
	return real(from, to);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
	if (!real)
		real = (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))
			next("pthread_create");
	const char *cmd = getenv("TRYGG_BEFORE_THREAD");
	if (cmd) {
		char *copy = strdup(cmd);
		unsetenv("TRYGG_BEFORE_THREAD");
		unsetenv("LD_PRELOAD");
		if (!copy || system(copy) != 0)
			abort();
		free(copy);
	}
	return real(t, attr, fn, arg);
}

/* open and open64 (what open is with _FILE_OFFSET_BITS=64): the same. */
static int open_as(const char *name, const char *path, int flags, mode_t mode)
{
	if ((flags & O_TMPFILE) == O_TMPFILE && getenv("TRYGG_NO_TMPFILE")) {
		errno = EOPNOTSUPP;
		return -1;
	}
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))next(name);
	return real(path, flags, mode);
}

#define OPEN_MODE(flags, mode)                                          \
	do {                                                            \
		if ((flags) & (O_CREAT | O_TMPFILE)) {                  \
			va_list ap;                                     \
			va_start(ap, flags);                            \
			mode = (mode_t)va_arg(ap, unsigned);            \
			va_end(ap);                                     \
		}                                                       \
	} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_as("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_as("open64", path, flags, mode);
}

/* TRYGG_AFTER_READ: the end of the file named reached, run the command. */
static void after_read(int fd)
{
	const char *spec = getenv("TRYGG_AFTER_READ");
	const char *colon = spec ? strchr(spec, ':') : NULL;
	if (!colon)
		return;
	char proc[64], path[PATH_MAX];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(proc, path, sizeof path - 1);
	size_t want = (size_t)(colon - spec);
	if (n < (ssize_t)want)
		return;
	path[n] = '\0';
	if (strncmp(path + n - want, spec, want))
		return;
	char *cmd = strdup(colon + 1);
	unsetenv("TRYGG_AFTER_READ");
	unsetenv("LD_PRELOAD");
	if (!cmd || system(cmd) != 0)
		abort();
	free(cmd);
}

ssize_t read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, void *, size_t))next("read");
	ssize_t r = real(fd, buf, n);
	if (r == 0 && fd > 2)
		after_read(fd);
	return r;
}
