/*
 * t0313: every Swedish input word of DESIGN.md §9's table gives the
 * contract's value (tg_schema_value), typed as written, in capitals and
 * without its accents; the contract's values themselves too; NFC
 * (tg_nfc) and the key words match by (tg_word_key).  Also the messages'
 * msgid and arguments (tg_msg_render, lib/msg.c).  TAP on stdout.
 */
#include "priv.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n, failed;

static void is(const char *got, const char *want, const char *what)
{
	int good = got && !strcmp(got, want);
	printf("%sok %d - %s\n", good ? "" : "not ", ++n, what);
	if (!good) {
		failed = 1;
		printf("#   got: '%s', wanted '%s'\n", got ? got : "(null)", want);
	}
}

static const char *const table[][3] = {
	{ "status", "föreslagen", "proposed" }, { "status", "planerad", "planned" },
	{ "status", "pågår", "ongoing" }, { "status", "klar", "done" },
	{ "status", "avbruten", "cancelled" },
	{ "term", "kortsiktig", "short" }, { "term", "långsiktig", "long" },
	{ "term", "social mobilisering", "mobilisation" },
	{ "kind", "situationell", "situational" }, { "kind", "social", "social" },
	{ "decision", "prioriterad", "prioritised" }, { "decision", "bevakas", "watch" },
	{ "decision", "ej prioriterad", "not_prioritised" },
	{ "outcome", "uppfyllt", "met" }, { "outcome", "delvis", "partly" },
	{ "outcome", "ej uppfyllt", "not_met" },
	{ "unit", "andel", "share" }, { "unit", "antal", "count" }, { "unit", "index", "index" },
	{ "unit", "takt", "rate" },
	{ "direction", "ner", "down" }, { "direction", "upp", "up" },
	{ "source", "polisen", "police" }, { "source", "stadsdelen", "district" },
	{ "source", "omvärlden", "survey" },
	{ "group", "boende", "residents" }, { "group", "näringsidkare", "businesses" },
	{ "group", "föreningar", "associations" },
};

/* s in capitals (ASCII and å ä ö é), and without its accents */
static void upper(const char *s, char *out)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC3 && s[1]) {
			*out++ = s[0];
			*out++ = (char)((unsigned char)s[1] - 0x20);
			s++;
		} else {
			*out++ = (char)((*s >= 'a' && *s <= 'z') ? *s - 32 : *s);
		}
	}
	*out = '\0';
}

static void plain(const char *s, char *out)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC3 && s[1]) {
			unsigned char c = (unsigned char)s[1];
			*out++ = c == 0xA5 || c == 0xA4 ? 'a' : c == 0xB6 ? 'o' : c == 0xA9 ? 'e' : '?';
			s++;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static void words(void)
{
	char buf[64], what[160];
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		const char *key = table[i][0], *sv = table[i][1], *value = table[i][2];
		snprintf(what, sizeof what, "%s '%s' is %s", key, sv, value);
		is(tg_schema_value(key, sv), value, what);
		upper(sv, buf);
		snprintf(what, sizeof what, "%s '%s' is %s", key, buf, value);
		is(tg_schema_value(key, buf), value, what);
		plain(sv, buf);
		snprintf(what, sizeof what, "%s '%s' is %s", key, buf, value);
		is(tg_schema_value(key, buf), value, what);
		snprintf(what, sizeof what, "%s '%s' is itself", key, value);
		is(tg_schema_value(key, value), value, what);
	}
	is(tg_schema_value("decision", "ej_prioriterad"), "not_prioritised", "ej_prioriterad");
	is(tg_schema_value("decision", "NOT PRIORITISED"), "not_prioritised", "NOT PRIORITISED");
	/* "pa\u030Agar": a decomposed å, as a Mac types it */
	is(tg_schema_value("status", "pa\xCC\x8Ag\xC3\xA5r"), "ongoing", "pågår typed decomposed");
	is(tg_schema_value("status", "finished") ? "found" : "none", "none", "another word is none");
	is(tg_schema_value("colour", "red") ? "found" : "none", "none", "another key is none");
}

static void nfc(void)
{
	char *s = tg_nfc("Va\xCC\x88stra Hisingen");
	is(s, "V\xC3\xA4stra Hisingen", "NFC composes a decomposed ä");
	free(s);
	s = tg_nfc("plain ASCII");
	is(s, "plain ASCII", "ASCII is left as it is");
	free(s);
	s = tg_nfc("bad \xFF byte");
	is(s, "bad \xFF byte", "invalid UTF-8 is left as it is");
	free(s);
	s = tg_word_key("  Ej_Prioriterad ");
	is(s, "ej prioriterad", "the key of a word: folded, one space, trimmed");
	free(s);
}

static void msg(const char *want, const char *what, tg_translate_fn *tr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void msg(const char *want, const char *what, tg_translate_fn *tr, const char *fmt, ...)
{
	struct tg_msg m;
	va_list ap;
	va_start(ap, fmt);
	tg_msg_vset(&m, fmt, ap);
	va_end(ap);
	struct buf b = BUF_INIT;
	tg_msg_render(&b, &m, tr);
	is(b.s, want, what);
	buf_release(&b);
	tg_msg_release(&m);
}

static const char *swap(const char *msgid)
{
	if (!strcmp(msgid, "%s then %d"))
		return "%2$d före %1$s";
	if (!strcmp(msgid, " (did you mean '%s'?)"))
		return " (menade du '%s'?)";
	if (!strcmp(msgid, "a measure"))
		return "en åtgärd";
	return msgid;
}

static void messages(void)
{
	msg("x then 7", "a message in English", NULL, "%s then %d", "x", 7);
	msg("7 före x", "translated, the arguments by number", swap, "%s then %d", "x", 7);
	msg("0.50 100% 'ab' 12345678901 -3 2a", "the conversions", NULL, "%.2f 100%% '%.*s' %zu %ld %x",
	    0.5, 2, "abc", (size_t)12345678901ULL, -3L, 42u);
	msg("key 'x' in en åtgärd (menade du 'y'?)", "phrases inside a message are translated", swap,
	    "key '%s' in %s%s", "x", "a measure", " (did you mean 'y'?)");
}

int main(void)
{
	words();
	nfc();
	messages();
	printf("1..%d\n", n);
	return failed;
}
