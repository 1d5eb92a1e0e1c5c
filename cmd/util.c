#include "cmd.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

const char *display_path(const char *path)
{
	static char cwd[PATH_MAX];
	static size_t len;
	if (!path)
		return NULL;
	if (!len && getcwd(cwd, sizeof cwd))
		len = strlen(cwd);
	if (len > 1 && !strncmp(path, cwd, len) && path[len] == '/')
		return path + len + 1;
	return path;
}

bool stdout_failure_told;
const char *msg_origin;
bool msg_quiet;

/* "trygg: ", and "stdin:12: " for a line of a batch. */
static void msg_start(struct buf *b)
{
	buf_adds(b, "trygg: ");
	if (msg_origin)
		buf_addf(b, "%s: ", msg_origin);
}

void print_diags(const struct tg_diags *d)
{
	if (msg_quiet)
		return;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		buf_reset(&b);
		msg_start(&b);
		tg_diag_format(&b, &d->v[i], display_path(d->v[i].path), tr);
		fputs(b.s, stderr);
	}
	buf_release(&b);
}

/* "trygg: " and the message, made safe for a terminal: the values in it
 * (file names, option values) may come from anywhere. */
static void vsay(const char *sev, const char *fmt, va_list ap)
{
	if (msg_quiet)
		return;
	struct buf m = BUF_INIT, b = BUF_INIT;
	buf_vaddf(&m, _(fmt), ap);
	msg_start(&b);
	if (sev)
		buf_addf(&b, "%s: ", _(sev));
	tg_term_safe(&b, m.s, m.len, TG_WS_ESCAPE);
	buf_addc(&b, '\n');
	fputs(b.s, stderr);
	buf_release(&m);
	buf_release(&b);
}

void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(NULL, fmt, ap);
	va_end(ap);
}

void print_safe(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;
	tg_term_safe(&b, s, strlen(s), TG_WS_ESCAPE);
	fwrite(b.s, 1, b.len, f);
	buf_release(&b);
}

void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(N_("error"), fmt, ap);
	va_end(ap);
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(N_("warning"), fmt, ap);
	va_end(ap);
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(N_("error"), fmt, ap);
	va_end(ap);
	if (!msg_origin && !msg_quiet)    /* a batch's line: the message alone */
		fprintf(stderr, "%s", usage);
	return TG_EUSAGE;
}

const char *did_you_mean(struct buf *b, const char *word, const char *const *words)
{
	buf_reset(b);
	const char *s = tg_suggest(word, words);
	if (s)
		buf_addf(b, _(" (did you mean '%s'?)"), s);
	return b->s;
}

int show_usage(const char *usage)
{
	fputs(usage, stdout);
	return 0;
}

int run_verb(const char *noun, const struct verb *verbs, const char *usage,
	     int argc, char **argv, struct cmd_ctx *ctx)
{
	if (argc < 2)
		return usage_error(usage, "'trygg %s' needs a verb", noun);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return show_usage(usage);
	for (const struct verb *v = verbs; v->name; v++)
		if (!strcmp(v->name, argv[1])) {
			ctx->verb = v->name;
			return v->fn(argc - 1, argv + 1, ctx);
		}
	const char *names[32];
	size_t n = 0;
	for (const struct verb *v = verbs; v->name && n < 31; v++)
		names[n++] = v->name;
	names[n] = NULL;
	struct buf hint = BUF_INIT;
	int st = usage_error(usage, "'%s' is not a verb of 'trygg %s'%s", argv[1], noun,
			     did_you_mean(&hint, argv[1], names));
	buf_release(&hint);
	return st;
}

int need_workspace(struct cmd_ctx *ctx)
{
	if (ctx->cfg)
		return 0;
	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st = ctx->ws ? TG_OK : tg_workspace_find(ctx->dir, &ctx->ws, &d);
	if (!st)
		st = tg_config_load(ctx->ws->config_path, &ctx->cfg, &d);
	print_diags(&d);
	tg_diags_release(&d);
	return st;
}

int check_text(const char *usage, const char *what, const char *value)
{
	size_t len = strlen(value), at = tg_text_check(value, len);
	if (at == len)
		return 0;
	const char *p = value + at;
	if (tg_utf8_check(p, len - at) == 0)
		return usage_error(usage, "%s: invalid UTF-8 (byte 0x%02X at byte %zu) is not allowed "
				   "in a text", what, (unsigned char)*p, at + 1);
	unsigned c = tg_utf8_next(&p, value + len);
	return usage_error(usage, "%s: U+%04X (at byte %zu) is not allowed in a text: no C1 "
			   "control character (U+0080 to U+009F), nor U+FFFE or U+FFFF", what, c,
			   at + 1);
}

enum color_mode color_mode = COLOR_AUTO;

bool use_color(void)
{
	if (color_mode != COLOR_AUTO)
		return color_mode == COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
}

bool set_color(const char *when)
{
	if (!when || !strcmp(when, "always"))
		color_mode = COLOR_ALWAYS;
	else if (!strcmp(when, "never"))
		color_mode = COLOR_NEVER;
	else if (!strcmp(when, "auto"))
		color_mode = COLOR_AUTO;
	else {
		error("--color takes auto, always or never, not '%s'", when);
		return false;
	}
	return true;
}

bool parse_seconds(const char *s, double max, double *out)
{
	size_t digits = strspn(s, "0123456789");
	const char *p = s + digits;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		digits += frac;
		p += 1 + frac;
	}
	if (*p || !digits)
		return false;
	double t = strtod(s, NULL);
	if (t > max)
		return false;
	*out = t;
	return true;
}

int sink_stdout(void *arg, struct buf *b)
{
	(void)arg;
	fwrite(b->s, 1, b->len, stdout);
	buf_reset(b);
	return ferror(stdout) ? TG_EIO : 0;
}

/* The terminal's width: $COLUMNS, else the terminal's, else 80. */
static size_t terminal_width(void)
{
	const char *cols = getenv("COLUMNS");
	if (cols && *cols) {
		char *end;
		long v = strtol(cols, &end, 10);
		if (!*end && v > 0 && v < 100000)
			return (size_t)v;
	}
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct tg_table *stdout_table(enum tg_format fmt, const char *kind)
{
	static struct buf out = BUF_INIT;
	struct tg_table *t = tg_table_new(fmt, kind, &out);
	tg_table_sink(t, sink_stdout, NULL);
	if (isatty(STDOUT_FILENO))
		tg_table_width(t, terminal_width());
	return t;
}

const char *const listing_format_names[] = { "text", "json", "csv", "md", NULL };

bool parse_listing_format(const char *usage, const char *arg, enum tg_format *fmt, int *status)
{
	int f;
	if (!parse_enum(arg, listing_format_names, &f)) {
		*status = bad_value(usage, "--format", arg, listing_format_names);
		return false;
	}
	parse_enum(arg, tg_format_names, &f);
	*fmt = (enum tg_format)f;
	return true;
}

int check_format_version(const char *usage, const char *arg)
{
	_Static_assert(TG_FORMAT_VERSION == 1, "the message below names the version");
	if (strcmp(arg, "1"))
		return usage_error(usage, "--format-version %s is not known (this trygg writes "
				   "version 1)", arg);
	return 0;
}

char *exe_dir(bool *in_build)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	char *build = xasprintf("%s/../meson-info", exe);
	struct stat st;
	*in_build = stat(build, &st) == 0 && S_ISDIR(st.st_mode);
	free(build);
	return xstrdup(exe);
}
