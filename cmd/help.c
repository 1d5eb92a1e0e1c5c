#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: trygg help [COMMAND]\n"
	"\n"
	"Show the manual page of trygg or of one command, as 'man trygg-COMMAND'\n"
	"does; prints the page's text when man is not installed.\n";

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

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

int cmd_help(int argc, char **argv, struct cmd_ctx *ctx)
{
	(void)ctx;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return show_usage(usage);
	if (argc > 2)
		return usage_error(usage, "help takes one COMMAND");
	char *page;
	if (argc == 2) {
		if (!find_command(argv[1]))
			return usage_error(usage, "'%s' is not a trygg command", argv[1]);
		page = xasprintf("trygg-%s", argv[1]);
	} else {
		page = xstrdup("trygg");
	}
	fflush(stdout);
	/* the installed page, then the one built beside this binary */
	if (man_knows(page))
		execlp("man", "man", page, (char *)NULL);
	/* a command's page is in section 1, but trygg index is described
	 * with the index's schema in trygg-index(7) */
	const char *sect = argc == 2 && !strcmp(argv[1], "index") ? "7" : "1";
	char *built = xasprintf("%s/%s.%s", TRYGG_BUILD_MANDIR, page, sect);
	if (exists(built) && man_knows(built))
		execlp("man", "man", "-l", built, (char *)NULL);
	/* no man: print the page's source, which reads as plain text */
	char *src = xasprintf("%s/%s.%s.scd", TRYGG_SRC_MANDIR, page, sect);
	struct tg_diags d = TG_DIAGS_INIT;
	struct buf b = BUF_INIT;
	int status = tg_read_file(src, 1 << 20, &b, &d);
	if (status) {
		tg_diags_release(&d);
		error("no manual page for '%s' (install trygg, or read man/%s.%s.scd)", page, page,
		      sect);
	} else {
		fwrite(b.s, 1, b.len, stdout);
	}
	buf_release(&b);
	tg_diags_release(&d);
	free(src);
	free(built);
	free(page);
	return status ? TG_ENOINPUT : 0;
}
