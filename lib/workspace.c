#include "priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static struct tg_workspace *workspace_at(const char *root)
{
	struct tg_workspace *ws = xcalloc(1, sizeof *ws);
	ws->root = xstrdup(root);
	ws->config_path = xasprintf("%s/trygg.yaml", root);
	ws->districts_dir = xasprintf("%s/districts", root);
	return ws;
}

enum tg_status tg_workspace_find(const char *dir, struct tg_workspace **out,
				 struct tg_diags *d)
{
	*out = NULL;
	const char *from = dir ? dir : getenv("TRYGG_DIR");
	if (from && !*from)
		from = NULL;
	char path[PATH_MAX];
	if (!realpath(from ? from : ".", path)) {
		tg_diag_add(d, TG_SEV_ERROR, from ? from : ".", 0, 0, NULL, 0, 0,
			    "cannot open folder: %s", strerror(errno));
		return TG_EUSAGE;
	}
	for (;;) {
		char *cfg = xasprintf("%s/trygg.yaml", path);
		bool found = is_file(cfg);
		free(cfg);
		if (found) {
			*out = workspace_at(path);
			return TG_OK;
		}
		if (from)
			break;        /* -C and TRYGG_DIR name the workspace itself */
		char *slash = strrchr(path, '/');
		if (!slash || slash == path)
			break;
		*slash = '\0';
	}
	if (from)
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "'%s' is not a trygg workspace (no trygg.yaml there)", from);
	else
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "not in a trygg workspace (no trygg.yaml here or in any parent folder); "
			    "use -C DIR, set TRYGG_DIR, or create one with 'trygg init'");
	return TG_EUSAGE;
}

void tg_workspace_free(struct tg_workspace *ws)
{
	if (!ws)
		return;
	free(ws->root);
	free(ws->config_path);
	free(ws->districts_dir);
	free(ws);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **tg_workspace_districts(const struct tg_workspace *ws, size_t *n)
{
	struct tg_diags quiet = TG_DIAGS_INIT;
	char **v;
	tg_workspace_list(ws, &v, n, &quiet);
	tg_diags_release(&quiet);
	return v;
}

enum tg_status tg_workspace_list(const struct tg_workspace *ws, char ***out, size_t *n,
				 struct tg_diags *d)
{
	*n = 0;
	DIR *dir = opendir(ws->districts_dir);
	if (!dir) {
		/* a link to nowhere, a loop, a file: no list is no districts */
		int err = errno;
		tg_diag_add(d, TG_SEV_ERROR, ws->districts_dir, 0, 0, NULL, 0, 0,
			    "cannot open folder: %s", strerror(err));
		*out = xcalloc(1, sizeof(char *));
		return err == EIO ? TG_EIO : TG_ENOINPUT;
	}
	size_t alloc = 16, dl = strlen(ws->districts_dir);
	char **v = xmalloc(alloc * sizeof *v);
	struct dirent *e;
	for (;;) {
		errno = 0;
		if (!(e = readdir(dir)))
			break;
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l <= 5 || strcmp(e->d_name + l - 5, ".yaml"))
			continue;
		if (*n + 1 >= alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		/* dir/name (xasprintf took a fifth of a no-change refresh) */
		char *path = xmalloc(dl + l + 2);
		memcpy(path, ws->districts_dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, e->d_name, l + 1);
		v[(*n)++] = path;
	}
	int err = errno;
	closedir(dir);
	qsort(v, *n, sizeof *v, cmp_str);
	v[*n] = NULL;
	*out = v;
	if (err) {
		tg_diag_add(d, TG_SEV_ERROR, ws->districts_dir, 0, 0, NULL, 0, 0,
			    "cannot read folder: %s", strerror(err));
		return TG_EIO;
	}
	return TG_OK;
}

char *tg_slug(const char *name)
{
	struct buf b = BUF_INIT;
	const char *p = name, *end = name + strlen(name);
	bool dash = false;
	while (p < end) {
		unsigned c = tg_fold(tg_utf8_next(&p, end));
		char out = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out = (char)c;
		else if (c >= 0xE0 && c <= 0xFF) {
			static const char base[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
			out = base[c - 0xE0];
			if (out == '-')
				out = 0;
		}
		if (!out) {
			dash = b.len > 0;
			continue;
		}
		if (dash)
			buf_addc(&b, '-');
		dash = false;
		buf_addc(&b, out);
	}
	return buf_detach(&b);
}

/* The `district:` value of a plan file, read cheaply from its top level. */
static char *district_name(const char *path)
{
	struct tg_diags d = TG_DIAGS_INIT;
	struct tg_doc *doc;
	char *name = NULL;
	if (tg_doc_load(path, &doc, &d) == TG_OK) {
		const struct tg_node *n = tg_map_get(doc->root, "district");
		if (n && n->kind == TG_SCALAR)
			name = xstrdup(n->str);
		tg_doc_free(doc);
	}
	tg_diags_release(&d);
	return name;
}

char *tg_workspace_district_path(const struct tg_workspace *ws,
				 const char *name, struct tg_diags *d)
{
	char *slug = tg_slug(name);
	char *path = xasprintf("%s/%s.yaml", ws->districts_dir, slug);
	free(slug);
	if (is_file(path))
		return path;
	free(path);
	size_t n;
	char **files = tg_workspace_districts(ws, &n);
	char *found = NULL;
	/* A plan whose `district:` is the name, in any case.  When there is
	 * none, every plan's name has been read: the suggestion is the name
	 * the user would type, chosen by comparing slugs (case, accents and
	 * spaces folded alike on both sides), never a file name. */
	char **names = xcalloc(n + 1, sizeof *names);
	const char **slugs = xcalloc(n + 1, sizeof *slugs);
	for (size_t i = 0; i < n && !found; i++) {
		const char *base = strrchr(files[i], '/') + 1;
		slugs[i] = xasprintf("%.*s", (int)(strlen(base) - 5), base);
		names[i] = district_name(files[i]);
		if (names[i] && !tg_casecmp(names[i], name))
			found = xstrdup(files[i]);
	}
	if (!found) {
		slug = tg_slug(name);
		const char *s = tg_suggest(slug, slugs);
		free(slug);
		for (size_t i = 0; s && i < n; i++)
			if (slugs[i] == s) {
				s = names[i] ? names[i] : s;
				break;
			}
		if (s)
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "no district '%s' in this workspace (did you mean '%s'?)", name, s);
		else
			tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
				    "no district '%s' in this workspace (see 'trygg district ls')", name);
	}
	for (size_t i = 0; i < n; i++) {
		free(files[i]);
		free(names[i]);
		free((char *)slugs[i]);
	}
	free(files);
	free(names);
	free(slugs);
	return found;
}

/* trygg.yaml of a new workspace: schema trygg/2 (DESIGN.md §7), with the
 * city programme, the Police's initiatives and the seed's groups.  The
 * comments speak Swedish, as the workspace does (language: sv). */
static const char config_template[] =
	"# Arbetsytan för trygg: stadens program och det gemensamma ordförrådet.\n"
	"# En planfil per stadsdel ligger i districts/ (se trygg-plan(5)).\n"
	"schema: trygg/2\n"
	"city: %s\n"
	"language: sv                # språket i rapporter och meddelanden: sv | en\n"
	"\n"
	"# Stadens program för trygghetsfrämjande och brottsförebyggande arbete:\n"
	"# tio strategiska områden. Problem och åtgärder pekar på dem med nummer.\n"
	"strategic_areas:\n"
	"  - {id: 1, name: Barns och ungas uppväxt}\n"
	"  - {id: 2, name: Livsvillkor}\n"
	"  - {id: 3, name: Där människor möts – samspelet mellan människor och fysisk miljö}\n"
	"  - {id: 4, name: Lokalt engagemang}\n"
	"  - {id: 5, name: Risker för att utveckla kriminalitet}\n"
	"  - {id: 6, name: \"Alkohol, narkotika, dopning och tobak\"}\n"
	"  - {id: 7, name: Otrygghet och utsatthet för brott}\n"
	"  - {id: 8, name: Organisatoriskt samarbete och Partnerskap}\n"
	"  - {id: 9, name: Gemensamt lärande}\n"
	"  - {id: 10, name: Göteborgs Stad}\n"
	"\n"
	"# Polisens nio strategiska initiativ. Problem och åtgärder pekar på dem\n"
	"# med nummer (initiatives: [3]).\n"
	"initiatives:\n"
	"  - {id: 1, name: Regionledningscentraler (RLC) och geografisk indelning}\n"
	"  - {id: 2, name: Mer än hälften av resurserna i polisregionen ska återfinnas i lokalpolisområdet}\n"
	"  - {id: 3, name: Medborgarlöften och lokal samverkan}\n"
	"  - {id: 4, name: Utredningsverksamheten}\n"
	"  - {id: 5, name: Organiserad brottslighet}\n"
	"  - {id: 6, name: Grundläggande fri- och rättigheter}\n"
	"  - {id: 7, name: Mobila it-lösningar}\n"
	"  - {id: 8, name: Medborgarmötet (inkl PKC)}\n"
	"  - {id: 9, name: Medarbetardrivet utvecklingsarbete}\n"
	"\n"
	"# Faserna i den gemensamma åtgärdsplanen.\n"
	"phases:\n"
	"  - {id: 1, name: Reaktiv}\n"
	"  - {id: 2, name: Förebygga/Kontaktskapande}\n"
	"  - {id: 3, name: Nya utmaningar}\n"
	"\n"
	"# De tre lägesbilderna som slås ihop till en gemensam problembeskrivning.\n"
	"sources:\n"
	"  - {id: police, name: Polisens lägesbild}\n"
	"  - {id: district, name: Stadsdelens lägesbild}\n"
	"  - {id: survey, name: Omvärldens lägesbild}\n"
	"\n"
	"# Kända ansvariga. Ett annat namn i en plan ger en varning, inget fel.\n"
	"organisations: [Polisen]\n"
	"\n"
	"# Rubriker som betecknar samma problem när lägesbilderna slås ihop.\n"
	"synonyms: []\n"
	"\n"
	"# Andel öppna åtgärder efter sitt slutdatum som gör en stadsdel gul eller röd.\n"
	"thresholds: {yellow: 0.10, red: 0.25}\n";

static enum tg_status write_new_bytes(const char *path, const void *data, size_t len,
				      struct tg_diags *d)
{
	const char *text = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot create: %s",
			    strerror(errno));
		return errno == EEXIST ? TG_EUSAGE : TG_ECREAT;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot write: %s",
				    strerror(errno));
			close(fd);
			unlink(path);
			return TG_EIO;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot write: %s",
			    strerror(errno));
		unlink(path);
		return TG_EIO;
	}
	return TG_OK;
}

static enum tg_status write_new(const char *path, const char *text, struct tg_diags *d)
{
	return write_new_bytes(path, text, strlen(text), d);
}

static enum tg_status make_dir(const char *path, struct tg_diags *d)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return TG_OK;
	tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot create folder: %s",
		    strerror(errno));
	return TG_ECREAT;
}

/* The start of every new workspace: dir (made if missing) holds no
 * trygg.yaml yet; districts/ and a .gitignore (unless there is one). */
static enum tg_status init_start(const char *dir, struct tg_diags *d)
{
	enum tg_status st = make_dir(dir, d);
	if (st)
		return st;
	char *cfg = xasprintf("%s/trygg.yaml", dir);
	char *districts = xasprintf("%s/districts", dir);
	char *ignore = xasprintf("%s/.gitignore", dir);
	if (is_file(cfg)) {
		tg_diag_add(d, TG_SEV_ERROR, cfg, 0, 0, NULL, 0, 0,
			    "a workspace exists here already; not overwriting it");
		st = TG_EUSAGE;
	}
	if (!st)
		st = make_dir(districts, d);
	if (!st && !is_file(ignore))
		st = write_new(ignore, "# the index is derived from the plan files\n.trygg/\n", d);
	free(cfg);
	free(districts);
	free(ignore);
	return st;
}

enum tg_status tg_workspace_init(const char *dir, const char *city,
				 struct tg_diags *d)
{
	enum tg_status st = init_start(dir, d);
	if (st)
		return st;
	struct buf city_yaml = BUF_INIT;
	tg_yaml_text(&city_yaml, city);
	char *text = xasprintf(config_template, city_yaml.s);
	char *cfg = xasprintf("%s/trygg.yaml", dir);
	st = write_new(cfg, text, d);
	buf_release(&city_yaml);
	free(text);
	free(cfg);
	return st;
}

enum tg_status tg_workspace_init_example(const char *dir, struct tg_diags *d)
{
	enum tg_status st = init_start(dir, d);
	/* the plan files before trygg.yaml (last in the list): a failure
	 * leaves no workspace behind */
	for (const struct tg_example_file *f = tg_example_files; !st && f->path; f++) {
		char *path = xasprintf("%s/%s", dir, f->path);
		st = write_new_bytes(path, f->data, f->len, d);
		free(path);
	}
	return st;
}

char *tg_plan_template(const char *district, const char *const *areas,
		       size_t n_areas)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "# Trygg i ");
	buf_adds(&b, district);
	buf_adds(&b, ": lägesbilder, åtgärdsplan och uppföljning.\n"
		     "# Se trygg-plan(5) för varje nyckel.\n"
		     "schema: trygg/2\n"
		     "district: ");
	tg_yaml_text(&b, district);
	buf_adds(&b, "\nareas: [");
	for (size_t i = 0; i < n_areas; i++) {
		if (i)
			buf_adds(&b, ", ");
		tg_yaml_text(&b, areas[i]);
	}
	buf_adds(&b, "]\n"
		     "\n"
		     "# De tre lägesbilderna och den gemensamma (trygg situation merge).\n"
		     "situation: {}\n"
		     "\n"
		     "# Åtgärdsplanen: ett avsnitt per problem.\n"
		     "problems: []\n");
	return buf_detach(&b);
}

enum tg_status tg_workspace_add_district(const struct tg_workspace *ws,
					 const char *name, const char *const *areas,
					 size_t n_areas, char **path_out,
					 struct tg_diags *d)
{
	*path_out = NULL;
	char *slug = tg_slug(name);
	if (!*slug) {
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "district name '%s' has no letters or digits", name);
		free(slug);
		return TG_EUSAGE;
	}
	enum tg_status st = make_dir(ws->districts_dir, d);
	char *path = xasprintf("%s/%s.yaml", ws->districts_dir, slug);
	free(slug);
	if (!st && is_file(path)) {
		tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0,
			    "district '%s' exists already", name);
		st = TG_EUSAGE;
	}
	if (!st) {
		struct tg_diags quiet = TG_DIAGS_INIT;
		char *other = tg_workspace_district_path(ws, name, &quiet);
		tg_diags_release(&quiet);
		if (other) {
			tg_diag_add(d, TG_SEV_ERROR, other, 0, 0, NULL, 0, 0,
				    "district '%s' exists already", name);
			free(other);
			st = TG_EUSAGE;
		}
	}
	if (!st) {
		char *text = tg_plan_template(name, areas, n_areas);
		st = write_new(path, text, d);
		free(text);
	}
	if (st)
		free(path);
	else
		*path_out = path;
	return st;
}
