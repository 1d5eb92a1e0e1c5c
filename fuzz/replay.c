/*
 * replay: run a fuzz target on files, without libFuzzer.
 *
 *   replay-TARGET FILE|DIR...
 *
 * Feeds each file (each file of each folder, in name order, skipping
 * dot-files) to LLVMFuzzerTestOneInput, in a buffer of exactly its size so
 * AddressSanitizer sees any read past the end.  A target abort()s on a
 * broken promise, so the process fails with it; replaying no file at all
 * fails too, so a lost corpus cannot pass.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t replayed;

static int feed(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return 1;
	}
	/* exactly the file's size, so a read past the end is an error */
	size_t len = (size_t)st.st_size;
	char *data = malloc(len ? len : 1);
	if (!data)
		abort();
	bool bad = fread(data, 1, len, f) != len;
	fclose(f);
	if (bad) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(data);
		return 1;
	}
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	replayed++;
	return 0;
}

static int skip_dots(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static int feed_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, skip_dots, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	int status = 0;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = malloc(l);
		if (!path)
			abort();
		snprintf(path, l, "%s/%s", dir, names[i]->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			status |= feed(path);
		free(path);
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			status |= feed_dir(argv[i]);
		else
			status |= feed(argv[i]);
	}
	printf("replayed %zu inputs\n", replayed);
	if (!replayed) {
		fprintf(stderr, "replay: no input to replay\n");
		return 1;
	}
	return status;
}
