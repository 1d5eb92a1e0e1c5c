/*
 * site: every report as a static site for an intranet (trygg report site).
 *
 * The pages are written into a new folder beside DIR, each file fsynced;
 * then that folder takes DIR's place in one rename (renameat2's
 * RENAME_EXCHANGE when DIR exists), so a reader sees the old site or the
 * new one, never a mix; the old one is removed after.  A DIR that holds
 * anything is replaced only when it holds the marker file a site has, so a
 * mistyped DIR never loses a person's files.
 */
#define _GNU_SOURCE  /* renameat2 */
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER ".trygg-site"

static const char marker_text[] =
	"This folder is written by `trygg report site`: every run replaces all of it.\n";

void tgi_site_page(struct buf *b, const char *file, bool href)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".yaml"))
		n -= 5;
	buf_adds(b, "districts/");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)base[i];
		if (!href || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			buf_addc(b, (char)c);
		else
			buf_addf(b, "%%%02X", c);
	}
	buf_adds(b, ".html");
}

/* Where the site goes: DIR's folder and name, and what DIR is now. */
struct target {
	char *path;                   /* DIR, a link followed, no trailing '/' */
	char *parent, *name;
	bool exists;
	mode_t mode;                  /* of the new folder */
	struct stat orig;             /* DIR, when it exists: its owner and group stay */
	bool owner_told;              /* a warning said they cannot */
	char *tmp;                    /* the folder being built, or NULL */
};

static enum tg_status fail(struct tg_diags *d, const char *path, int err, const char *what)
{
	tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "%s: %s", what, strerror(err));
	return err == EIO || err == ENOSPC || err == EDQUOT ? TG_EIO : TG_ECREAT;
}

/* Does folder path hold nothing, or a site (the marker)? */
static enum tg_status replaceable(const char *path, struct tg_diags *d)
{
	DIR *dir = opendir(path);
	if (!dir)
		return fail(d, path, errno, "cannot read folder");
	bool marker = false, other = false;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!strcmp(e->d_name, MARKER))
			marker = true;
		else
			other = true;
	}
	closedir(dir);
	if (other && !marker) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "folder is not empty and holds no site (no " MARKER "): not replacing it");
		return TG_ECREAT;
	}
	return TG_OK;
}

static enum tg_status target_init(struct target *t, const char *dir, struct tg_diags *d)
{
	memset(t, 0, sizeof *t);
	struct stat st;
	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* a link stays: the folder it names is replaced */
		t->path = realpath(dir, NULL);
		if (!t->path)
			return fail(d, dir, errno, "cannot follow the link");
	} else {
		t->path = xstrdup(dir);
	}
	size_t n = strlen(t->path);
	while (n > 1 && t->path[n - 1] == '/')
		t->path[--n] = '\0';
	char *slash = strrchr(t->path, '/');
	t->name = xstrdup(slash ? slash + 1 : t->path);
	t->parent = slash == t->path ? xstrdup("/")
		    : slash ? xasprintf("%.*s", (int)(slash - t->path), t->path) : xstrdup(".");
	if (!*t->name || !strcmp(t->name, ".") || !strcmp(t->name, "..")) {
		tg_diag_add(d, TG_SEV_ERROR, dir, 0, 0, NULL, 0, 0,
			    "name the site's folder by its name (not '.', '..' or '/')");
		return TG_ECREAT;
	}
	mode_t mask = umask(0);
	umask(mask);
	t->mode = 0777 & ~mask;
	if (stat(t->path, &st) < 0) {
		if (errno != ENOENT)
			return fail(d, t->path, errno, "cannot stat");
		return TG_OK;
	}
	if (!S_ISDIR(st.st_mode)) {
		tg_diag_add(d, TG_SEV_ERROR, dir, 0, 0, NULL, 0, 0,
			    "is %s, not a folder: the site needs a folder of its own",
			    S_ISREG(st.st_mode) ? "a file" : tg_file_kind(st.st_mode));
		return TG_ECREAT;
	}
	t->exists = true;
	t->orig = st;
	t->mode = st.st_mode & 07777;
	return replaceable(t->path, d);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

/* Remove the folder path and everything in it. */
static bool remove_tree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

static enum tg_status sync_path(const char *path, int flags, struct tg_diags *d)
{
	int fd = open(path, flags | O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0) {
		enum tg_status st = fail(d, path, errno, "cannot sync");
		if (fd >= 0)
			close(fd);
		return st;
	}
	close(fd);
	return TG_OK;
}

/* Give fd, a new file or folder of the site, DIR's owner and group (as
 * lockfile.c does for a file it replaces); what cannot be kept is said
 * once, about DIR. */
static void keep_owner(struct target *t, int fd, struct tg_diags *d)
{
	if (t->exists && !tg_keep_owner(fd, t->path, &t->orig, t->owner_told ? NULL : d))
		t->owner_told = true;
}

/* Write b as the new file t->tmp/name, synced. */
static enum tg_status write_page(struct target *t, const char *name, const struct buf *b,
				 struct tg_diags *d)
{
	char *path = xasprintf("%s/%s", t->tmp, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd >= 0)
		keep_owner(t, fd, d);
	size_t off = 0;
	while (fd >= 0 && off < b->len) {
		ssize_t w = write(fd, b->s + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		off += (size_t)w;
	}
	enum tg_status st = TG_OK;
	if (fd < 0 || off < b->len || fsync(fd) < 0)
		st = fail(d, path, errno, "cannot write");
	if (fd >= 0 && close(fd) < 0 && !st)
		st = fail(d, path, errno, "cannot write");
	free(path);
	return st;
}

/* The start of a page: the frame, and links to the site's city-wide pages
 * (up: the way from the page to the site's top, "" or "../"). */
static void page_open(const struct rctx *r, const char *title, const char *up)
{
	tgi_html_open(r, title);
	buf_addf(r->out, "<nav><a href=\"%sindex.html\">%s</a><a href=\"%soverdue.html\">%s</a></nav>\n",
		 up, tgi_lbl(r, L_OVERVIEW_TITLE), up, tgi_lbl(r, L_OVERDUE_TITLE));
}

/* A district's page: its plan, follow-up and situation picture, and its
 * citizen promises when it has any. */
static void district_page(struct rctx *r, const struct tg_plan *p)
{
	struct buf *b = r->out;
	struct buf title = BUF_INIT;
	buf_addf(&title, "Trygg i %s", p->district);
	page_open(r, title.s, "../");
	buf_adds(b, "<h1>");
	tgi_html_esc(b, title.s);
	buf_addf(b, "</h1>\n<p class=\"meta\">%s ", tgi_lbl(r, L_AS_OF));
	tgi_put_date(r, b, r->as_of);
	buf_addf(b, "</p>\n<nav><a href=\"#plan\">%s</a><a href=\"#followup\">%s</a>"
		    "<a href=\"#situation\">%s</a>", tgi_lbl(r, L_PLAN_TITLE),
		 tgi_lbl(r, L_FOLLOWUP_TITLE), tgi_lbl(r, L_SITUATION_TITLE));
	if (p->n_promises)
		buf_addf(b, "<a href=\"#promises\">%s</a>", tgi_lbl(r, L_PROMISES));
	buf_adds(b, "</nav>\n");
	buf_addf(b, "<h2 id=\"plan\">%s</h2>\n", tgi_lbl(r, L_PLAN_TITLE));
	tgi_report_plan(r, TG_FMT_HTML, p);
	buf_addf(b, "<h2 id=\"followup\">%s</h2>\n", tgi_lbl(r, L_FOLLOWUP_TITLE));
	tgi_report_followup(r, TG_FMT_HTML, p);
	buf_addf(b, "<h2 id=\"situation\">%s</h2>\n", tgi_lbl(r, L_SITUATION_TITLE));
	tgi_report_situation(r, TG_FMT_HTML, p);
	if (p->n_promises) {
		buf_addf(b, "<h2 id=\"promises\">%s</h2>\n", tgi_lbl(r, L_PROMISES));
		tgi_report_promises(r, TG_FMT_HTML, p);
	}
	tgi_html_close(r);
	buf_release(&title);
}

bool tgi_site_has_page(const struct rctx *r, const char *file)
{
	if (!r->n_no_page)
		return true;
	struct buf page = BUF_INIT;
	tgi_site_page(&page, file, false);
	bool has = true;
	for (size_t i = 0; i < r->n_no_page && has; i++)
		has = strcmp(r->no_page[i], page.s) != 0;
	buf_release(&page);
	return has;
}

/* Every page into folder t->tmp.  A plan file that fails to load has no
 * page and no link (*unread): the index lists its district from the last
 * rows it has, marked, as the overview does. */
static enum tg_status build(struct target *t, const struct tg_workspace *ws,
			    const struct tg_config *cfg, struct tg_index *ix,
			    const struct tg_report_opts *o, bool *unread, struct tg_diags *d)
{
	struct buf b = BUF_INIT;
	struct rctx r = { &b, cfg, o->english, o->as_of, false, true, 3, true, NULL, 0, false };
	struct overview_data ov = { 0 };
	struct late *late = NULL;
	size_t n_late = 0;
	char *sub = xasprintf("%s/districts", t->tmp);
	enum tg_status st = mkdir(sub, t->mode) < 0 ? fail(d, sub, errno, "cannot create folder") : TG_OK;
	if (!st && t->exists) {
		int fd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			st = fail(d, sub, errno, "cannot open folder");
		else
			keep_owner(t, fd, d), close(fd);
	}
	char **files = NULL;
	size_t n = 0;
	if (!st)
		st = tg_workspace_list(ws, &files, &n, d);
	for (size_t i = 0; i < n; i++) {
		struct tg_plan *p = NULL;
		struct tg_diags pd = TG_DIAGS_INIT;
		/* every file is loaded, so that every error is told; warnings
		 * are check's */
		enum tg_status pst = tg_plan_load(files[i], cfg, &p, &pd);
		tg_diags_keep_errors(&pd);
		if (!(pst == TG_EDATA && o->loads_told))
			tg_diags_append(d, &pd);
		tg_diags_release(&pd);
		struct buf page = BUF_INIT;
		tgi_site_page(&page, files[i], false);
		if (pst == TG_EDATA) {
			*unread = true;
			r.no_page = xrealloc(r.no_page, (r.n_no_page + 1) * sizeof *r.no_page);
			r.no_page[r.n_no_page++] = buf_detach(&page);
		} else if (!st && pst) {
			st = pst;
		} else if (!st) {
			buf_reset(&b);
			district_page(&r, p);
			st = write_page(t, page.s, &b, d);
		}
		buf_release(&page);
		tg_plan_free(p);
		free(files[i]);
	}
	free(files);
	if (!st)
		st = tgi_overview_load(ix, o->as_of, NULL, &ov, d);
	if (!st) {
		struct buf title = BUF_INIT;
		buf_reset(&b);
		buf_addf(&title, "Trygg i %s — %s", cfg && cfg->city ? cfg->city : tgi_lbl(&r, L_CITY),
			 tgi_lbl(&r, L_OVERVIEW_TITLE));
		page_open(&r, title.s, "");
		tgi_report_overview(&r, TG_FMT_HTML, &ov);
		tgi_html_close(&r);
		buf_release(&title);
		st = write_page(t, "index.html", &b, d);
	}
	if (!st)
		st = tgi_overdue_load(ix, &r, NULL, &late, &n_late, d);
	if (!st) {
		buf_reset(&b);
		page_open(&r, tgi_lbl(&r, L_OVERDUE_TITLE), "");
		tgi_report_overdue(&r, TG_FMT_HTML, late, n_late);
		tgi_html_close(&r);
		st = write_page(t, "overdue.html", &b, d);
	}
	if (!st) {
		buf_reset(&b);
		buf_adds(&b, marker_text);
		st = write_page(t, MARKER, &b, d);
	}
	if (!st)
		st = sync_path(sub, O_DIRECTORY, d);
	if (!st)
		st = sync_path(t->tmp, O_DIRECTORY, d);
	for (size_t i = 0; i < r.n_no_page; i++)
		free(r.no_page[i]);
	free(r.no_page);
	tgi_overview_release(&ov);
	tgi_late_release(late, n_late);
	buf_release(&b);
	free(sub);
	return st;
}

/* Put the built folder in DIR's place; the old site goes after. */
static enum tg_status swap(struct target *t, struct tg_diags *d)
{
	if (!t->exists) {
		if (rename(t->tmp, t->path) < 0)
			return fail(d, t->path, errno, "cannot create the site");
		free(t->tmp);
		t->tmp = NULL;
		return sync_path(t->parent, O_DIRECTORY, d);
	}
	if (renameat2(AT_FDCWD, t->tmp, AT_FDCWD, t->path, RENAME_EXCHANGE) < 0) {
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			return fail(d, t->path, errno, "cannot replace the site");
		/* a file system without the exchange: two renames, and for a
		 * moment no DIR */
		char *old = xasprintf("%s/.%s.old.XXXXXX", t->parent, t->name);
		if (!mkdtemp(old) || rmdir(old) < 0 || rename(t->path, old) < 0) {
			enum tg_status st = fail(d, t->path, errno, "cannot replace the site");
			free(old);
			return st;
		}
		if (rename(t->tmp, t->path) < 0) {
			enum tg_status st = fail(d, t->path, errno, "cannot replace the site");
			if (rename(old, t->path) < 0)
				tg_diag_add(d, TG_SEV_ERROR, old, 0, 0, NULL, 0, 0,
					    "the old site is here: %s", strerror(errno));
			free(old);
			return st;
		}
		free(t->tmp);
		t->tmp = old;
	}
	/* t->tmp now holds the old site */
	enum tg_status st = sync_path(t->parent, O_DIRECTORY, d);
	if (!remove_tree(t->tmp))
		tg_diag_add(d, TG_SEV_WARNING, t->tmp, 0, 0, NULL, 0, 0,
			    "cannot remove the old site: %s", strerror(errno));
	free(t->tmp);
	t->tmp = NULL;
	return st;
}

enum tg_status tg_report_site(const struct tg_workspace *ws, const struct tg_config *cfg,
			      struct tg_index *ix, const char *dir,
			      const struct tg_report_opts *o, struct tg_diags *d)
{
	struct target t;
	enum tg_status st = target_init(&t, dir, d);
	if (!st) {
		t.tmp = xasprintf("%s/.%s.tmp.XXXXXX", t.parent, t.name);
		if (!mkdtemp(t.tmp)) {
			st = fail(d, t.path, errno, "cannot create a temporary folder beside it");
			free(t.tmp);
			t.tmp = NULL;
		} else {
			/* the owner and group first: fchown() may clear set-ID bits */
			int fd = open(t.tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0)
				st = fail(d, t.tmp, errno, "cannot open the temporary folder");
			else if (keep_owner(&t, fd, d), fchmod(fd, t.mode) < 0)
				st = fail(d, t.tmp, errno, "cannot set the folder's mode");
			if (fd >= 0)
				close(fd);
		}
	}
	bool unread = false;
	if (!st)
		st = build(&t, ws, cfg, ix, o, &unread, d);
	if (!st)
		st = swap(&t, d);
	/* published, and the exit status says a district could not be read */
	if (!st && unread)
		st = TG_EDATA;
	if (t.tmp)
		remove_tree(t.tmp);
	free(t.tmp);
	free(t.path);
	free(t.parent);
	free(t.name);
	return st;
}
