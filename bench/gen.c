/*
 * gen: write a deterministic trygg workspace for benchmarks.
 *
 *   gen DIR city|nation|large [SEED] [--vocab N]
 *
 * city: 10 districts; nation: 3,000 districts; each with three situation
 * pictures, a joint picture, 40 problems of 5 measures and 2 follow-ups,
 * Swedish text and comments (about 90 KB a file).  large: one district of
 * about 1 MB (for edit timings).  The same SEED gives the same bytes.
 *
 * The texts are made of under a hundred distinct words.  With --vocab N,
 * each text also gets two to seven words of a vocabulary of N Swedish
 * words, every so many of the Hunspell dictionary sv_SE.dic (in
 * $TRYGG_HUNSPELL_DIR or /usr/share/hunspell), each as it is or in one of
 * its inflected forms that Hunspell accepts (-en, -et, -er, -ar, -erna
 * …): tens of thousands of distinct words at nation scale, as real plans
 * have.  The same dictionary, N and SEED give the same bytes; without
 * --vocab, the bytes are those of before.
 */
#include <errno.h>
#include <hunspell/hunspell.h>
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

/* The vocabulary of --vocab: n words, or none, each with its forms. */
static char **vocab;
static size_t n_vocab;

static const char *const endings[] = { "en", "et", "er", "ar", "or", "na", "erna", "arna",
	"orna", "s", "ens", "ets", "ade", "ning", "ningen" };
#define N_ENDINGS (sizeof endings / sizeof *endings)
static unsigned *forms;         /* per word: bit k, ending k is a word */

/* Take n words of the dictionary: the entries of lower-case letters only
 * (4 to 14 bytes), every so many, in the file's order. */
static void load_vocab(size_t n)
{
	const char *dir = getenv("TRYGG_HUNSPELL_DIR");
	char path[4096], line[256];
	snprintf(path, sizeof path, "%s/sv_SE.dic", dir && *dir ? dir : "/usr/share/hunspell");
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	size_t all = 0, alloc = 0;
	char **words = NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "/\n")] = '\0';
		size_t len = strlen(line);
		int ok = len >= 4 && len <= 14;
		for (size_t i = 0; i < len && ok; i++) {
			unsigned char c = (unsigned char)line[i];
			ok = (c >= 'a' && c <= 'z') || c >= 0x80;
		}
		if (!ok)
			continue;
		if (all == alloc) {
			alloc = alloc ? 2 * alloc : 65536;
			words = realloc(words, alloc * sizeof *words);
			if (!words)
				exit(1);
		}
		words[all++] = strdup(line);
	}
	fclose(f);
	if (all < n) {
		fprintf(stderr, "gen: %s: only %zu words\n", path, all);
		exit(1);
	}
	vocab = malloc(n * sizeof *vocab);
	forms = calloc(n, sizeof *forms);
	char aff[4096];
	snprintf(aff, sizeof aff, "%.*saff", (int)(strlen(path) - 3), path);
	Hunhandle *h = Hunspell_create(aff, path);
	for (size_t i = 0; i < n; i++) {
		vocab[i] = words[i * (all / n)];
		for (size_t k = 0; k < N_ENDINGS && h; k++) {
			snprintf(line, sizeof line, "%s%s", vocab[i], endings[k]);
			if (Hunspell_spell(h, line))
				forms[i] |= 1u << k;
		}
	}
	if (h)
		Hunspell_destroy(h);
	n_vocab = n;
	for (size_t i = 0; i < all; i++)
		if (i % (all / n) || i / (all / n) >= n)
			free(words[i]);
	free(words);
}

/* With --vocab: " – " and two to seven words of it; else "".  (Two
 * buffers in turn: two calls may be arguments of one call.) */
static const char *more(void)
{
	static char two[2][512];
	static int turn;
	char *b = two[turn ^= 1];
	if (!n_vocab)
		return "";
	size_t at = (size_t)snprintf(b, sizeof two[0], " –");
	for (unsigned k = 2 + pick(6); k > 0; k--) {
		unsigned w = pick((unsigned)n_vocab), e = pick(2 * N_ENDINGS);
		/* half as it is; else an ending it takes, if any */
		const char *end = e < N_ENDINGS && (forms[w] >> e & 1) ? endings[e] : "";
		at += (size_t)snprintf(b + at, sizeof two[0] - at, " %s%s", vocab[w], end);
	}
	return b;
}

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
			p(&o, "      - title: %s vid %s%s\n", nouns[t], places[(i + s) % 10], more());
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
		p(&o, "  - id: P%d\n    title: %s vid %s (%d)%s\n", i, nouns[pick(20)], places[pick(10)], i,
		  more());
		if (i % 3 == 0)
			p(&o, "    situation: S%d\n", 1 + pick(12));
		p(&o, "    causes:\n      - Brist på %s\n      - Få vuxna kring %s\n", objects[pick(10)],
		  places[pick(10)]);
		p(&o, "    goal: Färre boende upplever %s som ett stort problem%s.\n", nouns[pick(20)],
		  more());
		p(&o, "    indicators:\n      - name: Andel otrygga %d\n"
		      "        baseline: {value: 0.%02u, date: 2014-10-01}\n"
		      "        target: {value: 0.%02u, date: 2016-10-01}\n", i, 40 + pick(30), 10 + pick(20));
		p(&o, "    subgoals: [Halverad %s, Tryggare %s]\n", nouns[pick(20)], places[pick(10)]);
		p(&o, "    strategic_areas: [%u, %u]\n", 1 + pick(5), 6 + pick(5));
		p(&o, "    measures:\n");
		for (int m = 1; m <= 5; m++) {
			date(d1, 2014);
			p(&o, "      # åtgärd %d\n", m);
			p(&o, "      - id: P%d.M%d\n        text: %s %s vid %s%s\n", i, m, verbs[pick(10)],
			  objects[pick(10)], places[pick(10)], more());
			p(&o, "        phase: %u\n        term: %s\n        kind: %s\n", 1 + pick(3),
			  terms[pick(3)], kinds[pick(2)]);
			p(&o, "        responsible: [%s, Stadsdelen]\n", owners[pick(6)]);
			p(&o, "        due: %s\n        status: %s\n", d1, statuses[pick(6)]);
		}
		p(&o, "    followups:\n");
		for (int f = 0; f < 2; f++) {
			date(d2, 2015);
			p(&o, "      - date: %s\n        measures: [P%d.M%u]\n", d2, i, 1 + pick(5));
			p(&o, "        done: %s %s%s.\n        effect: Mindre %s enligt boende%s.\n",
			  verbs[pick(10)], objects[pick(10)], more(), nouns[pick(20)], more());
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
	if (argc >= 3 && !strcmp(argv[argc - 2], "--vocab")) {
		long n = strtol(argv[argc - 1], NULL, 10);
		if (n < 1 || n > 100000) {
			fprintf(stderr, "gen: --vocab takes 1 to 100000 words\n");
			return 2;
		}
		load_vocab((size_t)n);
		argc -= 2;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen DIR city|nation|large [SEED] [--vocab N]\n");
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
