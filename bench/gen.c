/*
 * gen: write a deterministic trygg workspace for benchmarks.
 *
 *   gen DIR city|nation|large [SEED]
 *
 * city: 10 districts; nation: 3,000 districts; each with three situation
 * pictures, a joint picture, 40 problems of 5 measures and 2 follow-ups,
 * Swedish text and comments (about 90 KB a file).  large: one district of
 * about 1 MB (for edit timings).  The same SEED gives the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: small, fast, the same everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static unsigned pick(unsigned n)
{
	return rnd() % n;
}

static const char *const nouns[] = { "nedskräpning", "skadegörelse", "klotter", "mopedåkning",
	"narkotikaförsäljning", "inbrott", "bilbränder", "otrygghet", "ungdomsbrottslighet",
	"buller", "trafikolyckor", "belysning", "våld i offentlig miljö", "stölder", "hot mot anställda",
	"oro på torget", "missbruk", "cykelstölder", "skolfrånvaro", "arbetslöshet" };
static const char *const places[] = { "torget", "centrum", "skolgården", "hållplatsen", "parken",
	"gångtunneln", "fritidsgården", "biblioteket", "idrottsplatsen", "köpcentret" };
static const char *const verbs[] = { "Öka", "Förbättra", "Samordna", "Utveckla", "Förstärka",
	"Följa upp", "Kartlägga", "Förebygga", "Minska", "Främja" };
static const char *const objects[] = { "närvaron av vuxna kvällstid", "belysningen längs gångvägar",
	"dialogen med boende", "samverkan med föreningar", "uppföljningen av anmälningar",
	"städningen efter helger", "kontakten med föräldrar", "insatserna mot langning",
	"trygghetsvandringar", "fritidsutbudet för unga" };
static const char *const owners[] = { "Polisen", "Bostadsbolaget", "Trafikkontoret",
	"Park- och naturförvaltningen", "Fritid och kultur", "Skolan" };
static const char *const statuses[] = { "proposed", "planned", "ongoing", "done", "done", "cancelled" };
static const char *const terms[] = { "short", "long", "mobilisation" };
static const char *const kinds[] = { "situational", "social" };
static const char *const sources[] = { "police", "district", "survey" };

struct out {
	FILE *f;
	const char *path;
};

static void p(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vfprintf(o->f, fmt, ap) < 0) {
		fprintf(stderr, "gen: %s: %s\n", o->path, strerror(errno));
		exit(1);
	}
	va_end(ap);
}

static void date(char *buf, int year)
{
	sprintf(buf, "%d-%02u-%02u", year + (int)pick(2), 1 + pick(12), 1 + pick(28));
}

static void district(const char *dir, int n, int problems, uint64_t seed)
{
	char path[4096], name[64];
	snprintf(name, sizeof name, "Stadsdel %04d", n);
	snprintf(path, sizeof path, "%s/districts/stadsdel-%04d.yaml", dir, n);
	rng_state = seed * 1000003u + (uint64_t)n * 7919u + 1;
	struct out o = { fopen(path, "w"), path };
	if (!o.f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	p(&o, "# Trygg i %s – genererad plan (benchmark, frö %llu)\n", name, (unsigned long long)seed);
	p(&o, "schema: trygg/1\ndistrict: %s\n", name);
	p(&o, "areas: [Norra, Södra, Östra, Västra, Centrum, Älvsidan]\n\n");
	static const char *const areas[] = { "Norra", "Södra", "Östra", "Västra", "Centrum", "Älvsidan" };
	p(&o, "# Lägesbilden: Polisen, stadsdelen och trygghetsmätningen\nsituation:\n");
	for (int s = 0; s < 3; s++) {
		p(&o, "  %s:\n    date: 2014-%02d-15\n", sources[s], 9 + s);
		if (s == 2)
			p(&o, "    respondents: {residents: %u, businesses: %u, associations: %u}\n",
			  400 + pick(600), 20 + pick(40), 5 + pick(20));
		p(&o, "    problems:\n");
		for (int i = 0; i < 8; i++) {
			unsigned t = (unsigned)(i * 2 + s) % 20;
			p(&o, "      - title: %s vid %s\n", nouns[t], places[(i + s) % 10]);
			p(&o, "        areas: [%s, %s]\n", areas[pick(3)], areas[3 + pick(3)]);
			if (s == 2)
				p(&o, "        group: residents\n        share: 0.%02u\n", 10 + pick(80));
			else if (s == 0)
				p(&o, "        index: %u.%u\n", pick(6), pick(10));
		}
	}
	p(&o, "  joint:\n");
	for (int j = 1; j <= 12; j++)
		p(&o, "    - id: S%d\n      title: Gemensamt problem %d – %s\n      areas: [%s]\n"
		      "      sources: [police, survey]\n", j, j, nouns[j % 20], areas[j % 6]);
	p(&o, "\n# Åtgärdsplanen\nproblems:\n");
	for (int i = 1; i <= problems; i++) {
		char d1[16], d2[16];
		p(&o, "  - id: P%d\n    title: %s vid %s (%d)\n", i, nouns[pick(20)], places[pick(10)], i);
		if (i % 3 == 0)
			p(&o, "    situation: S%d\n", 1 + pick(12));
		p(&o, "    causes:\n      - Brist på %s\n      - Få vuxna kring %s\n", objects[pick(10)],
		  places[pick(10)]);
		p(&o, "    goal: Färre boende upplever %s som ett stort problem.\n", nouns[pick(20)]);
		p(&o, "    indicators:\n      - name: Andel otrygga %d\n"
		      "        baseline: {value: 0.%02u, date: 2014-10-01}\n"
		      "        target: {value: 0.%02u, date: 2016-10-01}\n", i, 40 + pick(30), 10 + pick(20));
		p(&o, "    subgoals: [Halverad %s, Tryggare %s]\n", nouns[pick(20)], places[pick(10)]);
		p(&o, "    strategic_areas: [%u, %u]\n", 1 + pick(5), 6 + pick(5));
		p(&o, "    measures:\n");
		for (int m = 1; m <= 5; m++) {
			date(d1, 2014);
			p(&o, "      # åtgärd %d\n", m);
			p(&o, "      - id: P%d.M%d\n        text: %s %s vid %s\n", i, m, verbs[pick(10)],
			  objects[pick(10)], places[pick(10)]);
			p(&o, "        phase: %u\n        term: %s\n        kind: %s\n", 1 + pick(3),
			  terms[pick(3)], kinds[pick(2)]);
			p(&o, "        responsible: [%s, Stadsdelen]\n", owners[pick(6)]);
			p(&o, "        due: %s\n        status: %s\n", d1, statuses[pick(6)]);
		}
		p(&o, "    followups:\n");
		for (int f = 0; f < 2; f++) {
			date(d2, 2015);
			p(&o, "      - date: %s\n        measures: [P%d.M%u]\n", d2, i, 1 + pick(5));
			p(&o, "        done: %s %s.\n        effect: Mindre %s enligt boende.\n",
			  verbs[pick(10)], objects[pick(10)], nouns[pick(20)]);
			p(&o, "        indicators: {Andel otrygga %d: 0.%02u}\n", i, 20 + pick(40));
		}
	}
	if (fclose(o.f)) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen DIR city|nation|large [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	uint64_t seed = argc == 4 ? strtoull(argv[3], NULL, 10) : 42;
	int districts, problems = 40;
	if (!strcmp(argv[2], "city"))
		districts = 10;
	else if (!strcmp(argv[2], "nation"))
		districts = 3000;
	else if (!strcmp(argv[2], "large"))
		districts = 1, problems = 420;
	else {
		fprintf(stderr, "gen: scale is city, nation or large\n");
		return 2;
	}
	char path[4096];
	mkdir(dir, 0777);
	snprintf(path, sizeof path, "%s/districts", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/trygg.yaml", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f, "# genererad arbetsyta (benchmark)\nschema: trygg/1\ncity: Riket\nlanguage: sv\n"
		   "strategic_areas:\n");
	for (int i = 1; i <= 10; i++)
		fprintf(f, "  - {id: %d, name: Strategiskt område %d}\n", i, i);
	fprintf(f, "organisations: [Polisen, Bostadsbolaget, Trafikkontoret, Park- och naturförvaltningen,"
		   " Fritid och kultur, Skolan, Stadsdelen]\n");
	fclose(f);
	for (int n = 1; n <= districts; n++)
		district(dir, n, problems, seed);
	return 0;
}
