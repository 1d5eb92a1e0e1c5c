/*
 * t0292: the small rules of the format, each defined once in lib/: the
 * hash, joining names, the phrasing of a suggestion, an open and an
 * overdue measure, a strategic area and an organisation of trygg.yaml,
 * the phases.  TAP on stdout.
 */
#include "priv.h"

#include <stdio.h>
#include <string.h>

static int n, failed;

static void ok(int cond, const char *what, const char *got)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
	if (!cond) {
		failed = 1;
		printf("#   got: '%s'\n", got ? got : "(null)");
	}
}

static void is(const char *got, const char *want, const char *what)
{
	ok(got && !strcmp(got, want), what, got);
}

static void hashes(void)
{
	char got[40];
	/* the published FNV-1a test vectors */
	snprintf(got, sizeof got, "%08x", (unsigned)tg_hash32("", 0));
	is(got, "811c9dc5", "FNV-1a 32 of nothing is its offset basis");
	snprintf(got, sizeof got, "%08x", (unsigned)tg_hash32("a", 1));
	is(got, "e40c292c", "FNV-1a 32 of 'a'");
	snprintf(got, sizeof got, "%08x", (unsigned)tg_hash32("foobar", 6));
	is(got, "bf9cf968", "FNV-1a 32 of 'foobar'");
	snprintf(got, sizeof got, "%016llx", tg_hash64("", 0));
	is(got, "cbf29ce484222325", "FNV-1a 64 of nothing is its offset basis");
	snprintf(got, sizeof got, "%016llx", tg_hash64("a", 1));
	is(got, "af63dc4c8601ec8c", "FNV-1a 64 of 'a'");
	snprintf(got, sizeof got, "%016llx", tg_hash64("foobar", 6));
	is(got, "85944171f73967e8", "FNV-1a 64 of 'foobar'");
	snprintf(got, sizeof got, "%08x", (unsigned)tg_hash32("\xc3\xa5", 2));
	is(got, "1a9de275", "FNV-1a 32 takes bytes above 0x7f as unsigned");
}

static void names(void)
{
	struct buf b = BUF_INIT;
	tg_names_join(&b, tg_term_names);
	is(b.s, "short, long, mobilisation", "names joined, the empty name skipped");
	buf_reset(&b);
	tg_names_join(&b, (const char *[]){ NULL });
	is(b.s, "", "no names: nothing");
	buf_reset(&b);
	tg_names_join(&b, (const char *[]){ "", "", NULL });
	is(b.s, "", "only empty names: nothing, no stray comma");
	buf_adds(&b, "keys: ");
	tg_names_join(&b, (const char *[]){ "a", "", "b", NULL });
	is(b.s, "keys: a, b", "joined names are appended, a skipped name leaves no gap");
	buf_release(&b);
}

static void suggestions(void)
{
	static const char *const keys[] = { "responsible", "status", "strategic_areas", NULL };
	struct buf b = BUF_INIT;
	is(tg_did_you_mean(&b, "responsable", keys), " (did you mean 'responsible'?)",
	   "a close word is suggested in the one phrasing");
	is(b.s, " (did you mean 'responsible'?)", "the phrase is the buffer's text");
	is(tg_did_you_mean(&b, "colour", keys), "", "no close word: nothing, the buffer emptied");
	is(tg_did_you_mean(&b, "statsu", keys), " (did you mean 'status'?)",
	   "a second suggestion replaces the first");
	is(tg_did_you_mean(&b, "x", (const char *[]){ NULL }), "", "no words: nothing");
	buf_release(&b);
}

static void measures(void)
{
	static const int open[TG_NSTATUS] = { 1, 1, 1, 0, 0 };
	for (int s = 0; s < TG_NSTATUS; s++) {
		char what[80];
		snprintf(what, sizeof what, "a measure that is %s is %s", tg_status_names[s],
			 open[s] ? "open" : "not open");
		struct tg_measure m = { .status = (enum tg_mstatus)s };
		ok(tg_measure_is_open(&m) == open[s] && tg_status_is_open(m.status) == open[s],
		   what, NULL);
	}
	struct tg_measure m = { .status = TG_ONGOING, .due = "2026-03-31" };
	ok(tg_measure_overdue(&m, "2026-04-01"), "open and due before the day: overdue", NULL);
	ok(!tg_measure_overdue(&m, "2026-03-31"), "due on the day itself: not yet overdue", NULL);
	ok(!tg_measure_overdue(&m, "2026-03-30"), "due after the day: not overdue", NULL);
	m.status = TG_DONE;
	ok(!tg_measure_overdue(&m, "2027-01-01"), "done: never overdue", NULL);
	m.status = TG_CANCELLED;
	ok(!tg_measure_overdue(&m, "2027-01-01"), "cancelled: never overdue", NULL);
	m.status = TG_PROPOSED;
	m.due = NULL;
	ok(!tg_measure_overdue(&m, "2027-01-01"), "no due date: never overdue", NULL);
}

static struct tg_config *config(const char *text)
{
	struct tg_config *cfg = NULL;
	struct tg_diags d = TG_DIAGS_INIT;
	enum tg_status st = tg_config_parse("trygg.yaml", text, strlen(text), &cfg, &d);
	ok(st == TG_OK && cfg, "a trygg.yaml for the checks loads", d.n ? d.v[0].msg : NULL);
	tg_diags_release(&d);
	return cfg;
}

static void workspace(void)
{
	struct tg_config *cfg = config(
		"schema: trygg/1\n"
		"city: Göteborg\n"
		"strategic_areas:\n"
		"  - {id: 1, name: Trygghet}\n"
		"  - {id: 4, name: Skola}\n"
		"organisations: [Polisen, Räddningstjänsten, Stadsdelsförvaltningen]\n");
	if (!cfg)
		return;
	ok(tg_config_has_area(cfg, 1) && tg_config_has_area(cfg, 4),
	   "the listed strategic areas exist", NULL);
	ok(!tg_config_has_area(cfg, 2) && !tg_config_has_area(cfg, 0) &&
	   !tg_config_has_area(cfg, -4), "others do not", NULL);
	ok(tg_config_has_organisation(cfg, "Polisen"), "an organisation as written is known", NULL);
	ok(tg_config_has_organisation(cfg, "polisen") &&
	   tg_config_has_organisation(cfg, "STADSDELSFÖRVALTNINGEN"),
	   "letter case aside, also beyond ASCII", NULL);
	ok(!tg_config_has_organisation(cfg, "Polis"), "another name is not known", NULL);
	struct buf b = BUF_INIT;
	tg_organisation_warning(&b, cfg, "Polisn", true);
	is(b.s, "'Polisn' is not a known organisation (did you mean 'Polisen'?)",
	   "the warning suggests a close organisation");
	tg_organisation_warning(&b, cfg, "Kyrkan", true);
	is(b.s, "'Kyrkan' is not a known organisation (add it to 'organisations' in trygg.yaml)",
	   "with none close it says how to add one (the buffer emptied first)");
	tg_organisation_warning(&b, cfg, "Polisn", false);
	is(b.s, "'Polisn' is not a known organisation (add it to 'organisations' in trygg.yaml)",
	   "without a search for a suggestion");
	buf_release(&b);
	tg_config_free(cfg);

	cfg = config("schema: trygg/1\ncity: Malmö\n");
	if (!cfg)
		return;
	ok(tg_config_has_organisation(cfg, "Vem som helst"),
	   "a workspace that lists no organisations knows every name", NULL);
	ok(!tg_config_has_area(cfg, 1), "nor strategic areas: none exists", NULL);
	tg_config_free(cfg);
}

static void phases(void)
{
	size_t k = 0;
	while (tg_phase_values[k])
		k++;
	ok(k == TG_NPHASES, "tg_phase_values has TG_NPHASES values", NULL);
	char want[4];
	int good = 1;
	for (int i = 0; i < TG_NPHASES; i++) {
		snprintf(want, sizeof want, "%d", i + 1);
		good &= !strcmp(tg_phase_values[i], want);
	}
	ok(good, "the phases are written 1 to TG_NPHASES", NULL);
}

int main(void)
{
	hashes();
	names();
	suggestions();
	measures();
	workspace();
	phases();
	printf("1..%d\n", n);
	return failed;
}
