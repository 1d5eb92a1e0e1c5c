/* Where the index of a workspace lives: .trygg/ below it when its user may
 * write there, else the user's cache (index.h, trygg-index(7)). */
#include "index-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_NAME_MAX 40     /* bytes of the readable part of an entry's name */

/* May the user write the index below root: .trygg/ and the index in it
 * when they are there, root when .trygg/ is not? */
static bool workspace_writable(const char *root)
{
	char *dir = xasprintf("%s/.trygg", root);
	char *file = xasprintf("%s/%s", root, TG_INDEX_PATH);
	bool ok;
	if (access(dir, F_OK) == 0)
		ok = access(dir, W_OK | X_OK) == 0 &&
		     (access(file, F_OK) != 0 || access(file, W_OK) == 0);
	else
		ok = errno == ENOENT && access(root, W_OK | X_OK) == 0;
	free(dir);
	free(file);
	return ok;
}

/* $XDG_CACHE_HOME, or $HOME/.cache; NULL when neither is an absolute
 * path (the XDG base directory rules ignore a relative one). */
static char *cache_home(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	if (x && x[0] == '/')
		return xstrdup(x);
	const char *h = getenv("HOME");
	if (h && h[0] == '/')
		return xasprintf("%s%s.cache", h, h[1] ? "/" : "");
	return NULL;
}

char *tg_index_cache_path(const char *root)
{
	char *home = cache_home();
	if (!home)
		return NULL;
	const char *base = strrchr(root, '/');
	char *name = tg_slug(base ? base + 1 : root);
	if (strlen(name) > CACHE_NAME_MAX)
		name[CACHE_NAME_MAX] = '\0';
	size_t len = strlen(name);
	while (len && name[len - 1] == '-')
		name[--len] = '\0';
	char *path = xasprintf("%s/trygg/%s-%016llx/index.sqlite", home,
			       *name ? name : "workspace", tg_hash64(root, strlen(root)));
	free(name);
	free(home);
	return path;
}

char *tgi_ix_locate(const char *root, enum tg_index_mode mode, bool *in_cache)
{
	*in_cache = false;
	if (!workspace_writable(root)) {
		char *cache = tg_index_cache_path(root);
		struct stat st;
		if (cache && (mode == TG_INDEX_WRITE || stat(cache, &st) == 0)) {
			*in_cache = true;
			return cache;
		}
		free(cache);
	}
	return xasprintf("%s/%s", root, TG_INDEX_PATH);
}

/* mkdir -p of the folder that holds path, each new folder private to its
 * user (0700, as the XDG rules ask of the cache); 0 or an errno. */
int tgi_ix_make_cache_folders(const char *path)
{
	char *p = xstrdup(path);
	int err = 0;
	char *slash = strrchr(p, '/');
	if (slash)
		*slash = '\0';
	for (char *s = p + 1; !err; s++) {
		bool end = *s == '\0';
		if (*s != '/' && !end)
			continue;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			err = errno;
		else if (stat(p, &st) < 0)
			err = errno;
		else if (!S_ISDIR(st.st_mode))
			err = ENOTDIR;
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return err;
}
