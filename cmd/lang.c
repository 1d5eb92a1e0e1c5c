/* The language of what a person reads (DESIGN.md §9), and its messages
 * through GNU gettext.
 *
 * The language is, first to last: --lang (before or after the command),
 * TRYGG_LANG, the workspace's `language:` (the workspace found after -C
 * and TRYGG_DIR, before the command's options are read), else Swedish.
 * LANG and LC_* never choose it: cron runs with LANG=C and must still get
 * Swedish.  gettext ignores LANGUAGE under the locale C, and a machine
 * often has no sv_SE locale: the messages' locale is set to C.UTF-8 (or
 * another UTF-8 one) and LANGUAGE to the language, which forces the
 * catalogue without any Swedish locale installed.
 *
 * The catalogue (trygg.mo) is found relative to the executable, never
 * through a path fixed at build time: <bin>/../po/ in a build folder (it
 * has meson-info/), else <bin>/TRYGG_LOCALEDIR_REL (the installed
 * share/locale); TRYGG_LOCALEDIR names another folder (the tests' pseudo
 * catalogue).  Without a catalogue the messages are English, strerror's
 * too. */
#include "cmd.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *lang = "sv";
static bool lang_told, ready, translating;

static char *locale_dir(void)
{
	const char *env = getenv("TRYGG_LOCALEDIR");
	if (env && *env)
		return xstrdup(env);
	bool in_build;
	char *exe = exe_dir(&in_build);
	if (!exe)
		return NULL;
	char *dir = in_build ? xasprintf("%s/../po", exe) : xasprintf("%s/%s", exe, TRYGG_LOCALEDIR_REL);
	free(exe);
	return dir;
}

static void start(void)
{
	ready = true;
	translating = false;
	if (!strcmp(lang, "en"))
		return;
	/* no catalogue: the English messages, strerror's too */
	char *dir = locale_dir();
	char *mo = dir ? xasprintf("%s/%s/LC_MESSAGES/trygg.mo", dir, lang) : NULL;
	struct stat st;
	bool found = mo && stat(mo, &st) == 0;
	free(mo);
	if (!found) {
		free(dir);
		return;
	}
	static const char *const utf8[] = { "C.UTF-8", "C.utf8", "sv_SE.UTF-8", "en_US.UTF-8", NULL };
	bool set = false;
	for (const char *const *l = utf8; *l && !set; l++)
		set = setlocale(LC_MESSAGES, *l) != NULL;
	if (set) {
		setenv("LANGUAGE", lang, 1);
		bindtextdomain("trygg", dir);
		bind_textdomain_codeset("trygg", "UTF-8");
		bind_textdomain_codeset("libc", "UTF-8");   /* strerror's */
		translating = true;
	}
	free(dir);
}

bool lang_valid(const char *l)
{
	return l && (!strcmp(l, "sv") || !strcmp(l, "en"));
}

bool lang_set(const char *l, bool told)
{
	if (!lang_valid(l))
		return false;
	if (lang_told && !told)
		return true;
	lang = !strcmp(l, "en") ? "en" : "sv";
	lang_told |= told;
	ready = false;
	return true;
}

bool lang_given(void)
{
	return lang_told;
}

const char *lang_current(void)
{
	return lang;
}

bool lang_english(void)
{
	return !strcmp(lang, "en");
}

const char *tr(const char *msgid)
{
	if (!ready)
		start();
	if (!translating || !msgid || !*msgid)
		return msgid;
	return dgettext("trygg", msgid);
}

const char *trn(const char *msgid, const char *plural, unsigned long n)
{
	if (!ready)
		start();
	if (!translating)
		return n == 1 ? msgid : plural;
	return dngettext("trygg", msgid, plural, n);
}
