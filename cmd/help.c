#include "cmd.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: trygg help [COMMAND|kom-igång]\n"
	"\n"
	"Show the manual page of trygg or of one command, as 'man trygg-COMMAND'\n"
	"does; prints the page's text when man is not installed.  'trygg help\n"
	"kom-igång' shows trygg-kom-igang(7), a guide in Swedish through one cycle.\n";

/* Run man quietly to see whether it knows the page. */
static bool man_knows(const char *page)
{
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(127);
		execlp("man", "man", "-w", page, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The page relative to this executable, or NULL: <bin>/../share/man/manS/
 * when installed; in a build folder (it has meson-info/), the pages built
 * in <build>/man/ beside <build>/cmd/trygg.  Never an absolute path fixed
 * at build time: in a packaged binary that names a folder, perhaps under
 * /tmp, that anyone may create. */
static char *page_near_binary(const char *page, const char *sect)
{
	bool in_build;
	char *exe = exe_dir(&in_build);
	if (!exe)
		return NULL;
	char *tries[3] = {
		xasprintf("%s/../share/man/man%s/%s.%s", exe, sect, page, sect),
		xasprintf("%s/../share/man/man%s/%s.%s.gz", exe, sect, page, sect),
		in_build ? xasprintf("%s/../man/%s.%s", exe, page, sect) : NULL,
	};
	free(exe);
	struct stat st;
	char *found = NULL;
	for (size_t i = 0; i < 3; i++) {
		if (!found && tries[i] && stat(tries[i], &st) == 0 && S_ISREG(st.st_mode))
			found = realpath(tries[i], NULL);
		free(tries[i]);
	}
	return found;
}

/* The page's text built into the binary (its scdoc source), or NULL. */
static const char *built_in_text(const char *page, const char *sect)
{
	size_t len = strlen(page);
	for (const struct man_text *m = man_texts; m->name; m++)
		if (!strncmp(m->name, page, len) && m->name[len] == '.' &&
		    !strcmp(m->name + len + 1, sect))
			return m->text;
	return NULL;
}

int cmd_help(int argc, char **argv, struct cmd_ctx *ctx)
{
	(void)ctx;
	static const struct opt opts[] = { OPT_END };
	struct opt_parser p = OPT_PARSER(argc, argv, opts, usage);
	while (opt_next(&p) != -1)
		;
	if (p.status)
		return OPT_STATUS(p.status);
	if (p.nargs > 1)
		return usage_error(usage, "help takes one COMMAND");
	/* on the stack: a child forked to ask man (man_knows) ends with no
	 * allocation of ours left behind */
	char page[128];
	/* the Swedish guide, trygg-kom-igang(7), by its Swedish name too */
	bool guide = p.nargs == 1 && (!strcmp(p.args[0], "kom-igång") ||
				      !strcmp(p.args[0], "kom-igang"));
	if (guide) {
		snprintf(page, sizeof page, "trygg-kom-igang");
	} else if (p.nargs == 1) {
		if (!find_command(p.args[0]))
			return usage_error(usage, "'%s' is not a trygg command", p.args[0]);
		snprintf(page, sizeof page, "trygg-%s", p.args[0]);
	} else {
		snprintf(page, sizeof page, "trygg");
	}
	fflush(stdout);
	/* a command's page is in section 1, but trygg index is described
	 * with the index's schema in trygg-index(7) */
	const char *sect = guide || (p.nargs == 1 && !strcmp(p.args[0], "index")) ? "7" : "1";
	/* the page that belongs to this binary, then one man finds by name */
	char *near = page_near_binary(page, sect);
	if (near)
		execlp("man", "man", "-l", near, (char *)NULL);
	free(near);
	if (man_knows(page))
		execlp("man", "man", page, (char *)NULL);
	/* no man: print the page's source, which reads as plain text */
	const char *text = built_in_text(page, sect);
	if (text)
		fputs(text, stdout);
	else
		error("no manual page for '%s'", page);
	return text ? 0 : TG_ENOINPUT;
}
