/*
 * index: the derived SQLite index of a workspace (see index.h and
 * trygg-index(7)).
 *
 * A refresh runs in one write transaction (BEGIN IMMEDIATE, so two
 * refreshes queue behind each other and the second finds little to do).
 * It merges two sorted lists: the plan files on disk and the files the
 * index knows.  Per file it compares size and mtime (ns) with what was
 * indexed; when they match and the mtime lies well before the moment the
 * file was last checked, the file is not read.  When the mtime is within
 * TG_RACY_NS of that moment, a later write could have kept size and mtime
 * (git's "racily clean" case), so the content hash decides.  Statements are
 * prepared once per refresh and reused.
 */
#include "index-int.h"
#include "fts-sv.h"
#include "ftsbuild.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TG_RACY_NS (2LL * 1000000000LL)   /* coarse clocks, FAT's 2 s mtime */
#define BUSY_MS 10000
#define LOAD_BUDGET (64u << 20) /* memory of plan files read ahead (tg_doc_cost) */
#define LOAD_TRIES 5            /* reads of a file that changes while read */
#define CONFIG_PATH "trygg.yaml"

/* ---- schema ----------------------------------------------------------- */

/* The rows of the district whose file has id D have the ids
 * [D << ROW_BITS, (D + 1) << ROW_BITS) in every table below: a district's
 * rows are found and deleted by a range of the primary key, with no index
 * on district_id to keep up, and a full build appends to every table.
 * (A file's rows are far fewer: 16 MiB of YAML and at most 1,000 areas
 * a list.)  ROW_BITS is in index-int.h; IN_DISTRICT writes 2^32 out. */

static const char *const district_tables[] = {
	"areas", "situation", "situation_areas", "problems", "causes",
	"subgoals", "indicators", "problem_areas", "measures", "responsible",
	"measure_areas", "followups", "followup_measures", "readings", "texts",
	"measure_counts", "area_counts", "day_counts", NULL,
};

/* The rows of district d, by their ids (ROW_BITS). */
#define IN_DISTRICT(t) \
	t ".id BETWEEN d.id * 4294967296 AND d.id * 4294967296 + 4294967295"

/* The views trygg ls reads: each public view's columns, and two more for
 * the order of the files (the districts in Swedish order, then the rows
 * in the order of the file) that an index gives without sorting. */
#define ORDER_COLS(t) ", d.rank AS rank_, d.id AS did_, " t ".id AS row_"

#define MEASURES_COLS \
	"d.name AS district, p.pid AS problem,\n" \
	"  p.title AS problem_title, m.mid AS id, m.text AS text, m.phase AS phase,\n" \
	"  ph.name AS phase_name, m.term AS term, m.kind AS kind, m.status AS status,\n" \
	"  m.due AS due, m.responsible AS responsible,\n" \
	"  m.strategic_areas AS strategic_areas,\n" \
	"  (m.due IS NOT NULL AND m.due < date('now', 'localtime')\n" \
	"    AND m.status <> 'done' AND m.status <> 'cancelled') AS overdue,\n" \
	"  m.seq AS seq, f.path AS file, f.stale AS stale"
#define MEASURES_FROM \
	"\n  FROM districts d JOIN files f ON f.id = d.id\n" \
	"  JOIN measures m ON " IN_DISTRICT("m") "\n" \
	"  JOIN problems p ON p.id = m.problem_id LEFT JOIN phases ph ON ph.id = m.phase"

#define PROBLEMS_COLS \
	"d.name AS district, p.pid AS id,\n" \
	"  p.title AS title, p.situation AS situation, p.goal AS goal,\n" \
	"  p.strategic_areas AS strategic_areas, p.n_measures AS measures,\n" \
	"  p.n_open AS open,\n" \
	"  (SELECT count(*) FROM measures m WHERE m.problem_id = p.id\n" \
	"    AND m.due < date('now', 'localtime')\n" \
	"    AND m.status NOT IN ('done', 'cancelled')) AS overdue,\n" \
	"  p.n_followups AS followups, p.seq AS seq, f.path AS file, f.stale AS stale"
#define PROBLEMS_FROM \
	"\n  FROM districts d JOIN files f ON f.id = d.id\n" \
	"  JOIN problems p ON " IN_DISTRICT("p")

#define FOLLOWUPS_COLS \
	"d.name AS district, p.pid AS problem,\n" \
	"  p.title AS problem_title, u.fid AS id, u.date AS date,\n" \
	"  u.measures AS measures, u.done AS done, u.effect AS effect,\n" \
	"  u.seq AS seq, f.path AS file, f.stale AS stale"
#define FOLLOWUPS_FROM \
	"\n  FROM districts d JOIN files f ON f.id = d.id\n" \
	"  JOIN followups u ON " IN_DISTRICT("u") "\n" \
	"  JOIN problems p ON p.id = u.problem_id"

/* the full-text index, with its tokenizer's table of words (fts-sv.h) */
#define FTS_SQL \
	"CREATE VIRTUAL TABLE texts_fts USING fts5(text, content='texts',\n" \
	"  content_rowid='id', tokenize='trygg_sv');\n" FTS_SV_WORDS_SQL

static const char schema_sql[] =
	"CREATE TABLE files (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL UNIQUE,\n"
	"  size INTEGER NOT NULL,\n"
	"  mtime_ns INTEGER NOT NULL,\n"
	"  hash INTEGER NOT NULL,\n"
	"  checked_ns INTEGER NOT NULL,\n"
	"  stale INTEGER NOT NULL DEFAULT 0,\n"
	"  error TEXT);\n"
	"CREATE TABLE districts (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL, name TEXT NOT NULL,\n"
	"  slug TEXT NOT NULL, file_slug TEXT NOT NULL, areas TEXT NOT NULL,\n"
	"  rank INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE areas (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL, name TEXT NOT NULL);\n"
	"CREATE TABLE situation (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL, source TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL, item TEXT, title TEXT NOT NULL, date TEXT,\n"
	"  areas TEXT NOT NULL, survey_group TEXT, share REAL, police_index REAL,\n"
	"  note TEXT, sources TEXT NOT NULL, n_sources INTEGER NOT NULL);\n"
	"CREATE TABLE situation_areas (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  situation_id INTEGER NOT NULL, seq INTEGER NOT NULL, area TEXT NOT NULL);\n"
	"CREATE TABLE problems (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL, pid TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL, title TEXT NOT NULL, situation TEXT, goal TEXT,\n"
	"  strategic_areas TEXT NOT NULL, n_measures INTEGER NOT NULL,\n"
	"  n_open INTEGER NOT NULL, n_followups INTEGER NOT NULL);\n"
	"CREATE TABLE causes (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL);\n"
	"CREATE TABLE subgoals (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL);\n"
	"CREATE TABLE indicators (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,\n"
	"  baseline REAL, baseline_date TEXT, target REAL, target_date TEXT,\n"
	"  latest REAL, latest_date TEXT);\n"
	"CREATE TABLE problem_areas (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, area INTEGER NOT NULL);\n"
	"CREATE TABLE measures (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, mid TEXT NOT NULL, seq INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL, phase INTEGER NOT NULL, term TEXT, kind TEXT,\n"
	"  status TEXT NOT NULL, due TEXT, responsible TEXT NOT NULL,\n"
	"  strategic_areas TEXT NOT NULL);\n"
	"CREATE TABLE responsible (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  measure_id INTEGER NOT NULL, seq INTEGER NOT NULL, party TEXT NOT NULL);\n"
	"CREATE TABLE measure_areas (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  measure_id INTEGER NOT NULL, area INTEGER NOT NULL,\n"
	"  inherited INTEGER NOT NULL);\n"
	"CREATE TABLE followups (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, fid TEXT NOT NULL, seq INTEGER NOT NULL,\n"
	"  date TEXT NOT NULL, measures TEXT NOT NULL, done TEXT, effect TEXT);\n"
	"CREATE TABLE followup_measures (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  followup_id INTEGER NOT NULL, seq INTEGER NOT NULL, measure TEXT NOT NULL);\n"
	"CREATE TABLE readings (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  followup_id INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
	"  indicator TEXT NOT NULL, value REAL NOT NULL);\n"
	"CREATE TABLE texts (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL, ref TEXT NOT NULL, seq INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL);\n"
	/* what the overview adds up, counted when a district is indexed */
	"CREATE TABLE measure_counts (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  phase INTEGER NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL);\n"
	"CREATE TABLE area_counts (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  area INTEGER NOT NULL, n INTEGER NOT NULL);\n"
	"CREATE TABLE day_counts (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  n INTEGER NOT NULL);\n"
	FTS_SQL
	"CREATE TABLE strategic_areas (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
	"CREATE TABLE phases (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
	"CREATE TABLE organisations (seq INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
	/* the views: the stable interface, documented in trygg-index(7) */
	"CREATE VIEW districts_v AS SELECT d.name AS district, d.areas AS areas,\n"
	"  (SELECT count(*) FROM problems p WHERE " IN_DISTRICT("p") ") AS problems,\n"
	"  (SELECT count(*) FROM measures m WHERE " IN_DISTRICT("m") ") AS measures,\n"
	"  f.path AS file, f.stale AS stale, f.error AS error\n"
	"  FROM districts d JOIN files f ON f.id = d.id;\n"
	"CREATE VIEW situation_v AS SELECT d.name AS district, s.source AS source,\n"
	"  s.item AS id, s.title AS title, s.areas AS areas, s.sources AS sources,\n"
	"  s.n_sources AS n_sources, s.share AS share, s.police_index AS police_index,\n"
	"  s.survey_group AS survey_group, s.note AS note, s.date AS date,\n"
	"  s.seq AS seq, f.path AS file, f.stale AS stale\n"
	"  FROM situation s JOIN districts d ON d.id = s.district_id\n"
	"  JOIN files f ON f.id = d.id;\n"
	"CREATE VIEW problems_v AS SELECT " PROBLEMS_COLS PROBLEMS_FROM ";\n"
	"CREATE VIEW problems_o AS SELECT " PROBLEMS_COLS ORDER_COLS("p") PROBLEMS_FROM ";\n"
	"CREATE VIEW causes_v AS SELECT d.name AS district, p.pid AS problem,\n"
	"  c.seq AS seq, c.text AS text FROM causes c\n"
	"  JOIN problems p ON p.id = c.problem_id JOIN districts d ON d.id = c.district_id;\n"
	"CREATE VIEW subgoals_v AS SELECT d.name AS district, p.pid AS problem,\n"
	"  s.seq AS seq, s.text AS text FROM subgoals s\n"
	"  JOIN problems p ON p.id = s.problem_id JOIN districts d ON d.id = s.district_id;\n"
	"CREATE VIEW indicators_v AS SELECT d.name AS district, p.pid AS problem,\n"
	"  i.name AS name, i.baseline AS baseline, i.baseline_date AS baseline_date,\n"
	"  i.target AS target, i.target_date AS target_date,\n"
	"  i.latest AS latest, i.latest_date AS latest_date, i.seq AS seq\n"
	"  FROM indicators i JOIN problems p ON p.id = i.problem_id\n"
	"  JOIN districts d ON d.id = i.district_id;\n"
	"CREATE VIEW measures_v AS SELECT " MEASURES_COLS MEASURES_FROM ";\n"
	"CREATE VIEW measures_o AS SELECT " MEASURES_COLS ORDER_COLS("m") MEASURES_FROM ";\n"
	"CREATE VIEW responsible_v AS SELECT d.name AS district, m.mid AS measure,\n"
	"  r.party AS party, r.seq AS seq FROM responsible r\n"
	"  JOIN measures m ON m.id = r.measure_id JOIN districts d ON d.id = r.district_id;\n"
	"CREATE VIEW measure_areas_v AS SELECT d.name AS district, m.mid AS measure,\n"
	"  a.area AS strategic_area, s.name AS name, a.inherited AS inherited\n"
	"  FROM measure_areas a JOIN measures m ON m.id = a.measure_id\n"
	"  JOIN districts d ON d.id = a.district_id\n"
	"  LEFT JOIN strategic_areas s ON s.id = a.area;\n"
	"CREATE VIEW followups_v AS SELECT " FOLLOWUPS_COLS FOLLOWUPS_FROM ";\n"
	"CREATE VIEW followups_o AS SELECT " FOLLOWUPS_COLS ORDER_COLS("u") FOLLOWUPS_FROM ";\n"
	"CREATE VIEW readings_v AS SELECT d.name AS district, u.fid AS followup,\n"
	"  u.date AS date, r.indicator AS indicator, r.value AS value\n"
	"  FROM readings r JOIN followups u ON u.id = r.followup_id\n"
	"  JOIN districts d ON d.id = r.district_id;\n";

/* Each district's place in Swedish order of the names, for trygg ls. */
static const char rank_sql[] =
	"UPDATE districts SET rank = o.n FROM (SELECT id, row_number()\n"
	"  OVER (ORDER BY name COLLATE sv, id) AS n FROM districts) AS o\n"
	"  WHERE o.id = districts.id AND districts.rank IS NOT o.n";

/* Made after the rows when the whole index is built (faster than keeping
 * them up to date row by row). */
static const char index_sql[] =
	"CREATE INDEX districts_name ON districts(name);\n"
	"CREATE INDEX districts_rank ON districts(rank);\n"
	/* problems_v's overdue count */
	"CREATE INDEX measures_p ON measures(problem_id);\n"
	/* the overdue report's open measures, by district and due date */
	"CREATE INDEX measures_late ON measures(district_id, due)\n"
	"  WHERE status NOT IN ('done', 'cancelled');\n"
	/* the overdue report's responsible parties */
	"CREATE INDEX responsible_m ON responsible(measure_id);\n";

/* ---- collations and functions ------------------------------------------ */

static int coll_sv(void *u, int al, const void *a, int bl, const void *b)
{
	(void)u;
	return tg_collate_sv(a, (size_t)al, b, (size_t)bl);
}

/* Equal when equal after case folding; else in Swedish order. */
static int coll_sv_ci(void *u, int al, const void *a, int bl, const void *b)
{
	(void)u;
	const char *pa = a, *ea = pa + al, *pb = b, *eb = pb + bl;
	while (pa < ea && pb < eb)
		if (tg_fold(tg_utf8_next(&pa, ea)) != tg_fold(tg_utf8_next(&pb, eb)))
			return tg_collate_sv(a, (size_t)al, b, (size_t)bl);
	if (pa < ea || pb < eb)
		return tg_collate_sv(a, (size_t)al, b, (size_t)bl);
	return 0;
}

static unsigned upper_of(unsigned c)
{
	static unsigned short up[0x500];
	static bool made;
	if (!made) {
		for (unsigned u = 0x4FF; u > 0; u--) {
			unsigned f = tg_fold(u);
			if (f != u && f < 0x500)
				up[f] = (unsigned short)u;
		}
		made = true;
	}
	return c < 0x500 && up[c] ? up[c] : c;
}

/* lower() and upper() that know Swedish (and other Latin) letters;
 * SQLite's own fold ASCII only. */
static void fn_case(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	bool up = sqlite3_user_data(cx) != NULL;
	struct buf b = BUF_INIT;
	const char *p = s, *end = s + len;
	while (p < end) {
		unsigned c = tg_utf8_next(&p, end);
		tg_utf8_put(&b, up ? upper_of(c) : tg_fold(c));
	}
	sqlite3_result_text(cx, b.s, (int)b.len, SQLITE_TRANSIENT);
	buf_release(&b);
}

/* On every connection: the collations, lower() and upper(), and the
 * tokenizer (analyze: for a connection that writes the index). */
static void register_functions(sqlite3 *db, bool analyze)
{
	fts_sv_register(db, analyze);
	static int up = 1;
	sqlite3_create_collation(db, "sv", SQLITE_UTF8, NULL, coll_sv);
	sqlite3_create_collation(db, "sv_ci", SQLITE_UTF8, NULL, coll_sv_ci);
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	sqlite3_create_function(db, "lower", 1, flags, NULL, fn_case, NULL, NULL);
	sqlite3_create_function(db, "upper", 1, flags, &up, fn_case, NULL, NULL);
}

/* ---- errors ------------------------------------------------------------- */

static bool is_damage(int rc)
{
	rc &= 0xFF;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* SQLite ran out of memory, or of address space for its mappings. */
static bool is_nomem(int rc, int ext)
{
	return (rc & 0xFF) == SQLITE_NOMEM || ext == SQLITE_IOERR_NOMEM ||
	       ext == SQLITE_IOERR_SHMMAP || ext == SQLITE_IOERR_MMAP;
}

enum tg_status ix_status(int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return TG_EBUSY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return TG_EDATA;
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return TG_ECREAT;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_NOMEM:
		return TG_EIO;
	default:
		return TG_EUSAGE;
	}
}

enum tg_status ix_fail(struct tg_index *ix, struct tg_diags *d, int rc,
		       const char *doing)
{
	/* the failure may be another connection's (the full-text index is
	 * built on one of its own): then this one's message is "not an error" */
	const char *msg = ix->db && sqlite3_errcode(ix->db) != SQLITE_OK ? sqlite3_errmsg(ix->db)
									 : sqlite3_errstr(rc);
	ix->last_rc = rc;
	if ((rc & 0xFF) == SQLITE_BUSY)
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "the index is busy (another trygg holds it); try again");
	else if (is_nomem(rc, ix->db ? sqlite3_extended_errcode(ix->db) : rc))
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0, "%s: out of memory",
			    doing);
	else if (is_damage(rc))
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "the index is damaged (%s); build it anew with 'trygg index --rebuild'",
			    msg);
	else
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "%s: %s", doing, msg);
	return ix_status(rc);
}

/* ---- opening ------------------------------------------------------------ */

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

long long ix_query_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt *st;
	long long v = 0;
	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK)
		return 0;
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*rc = SQLITE_OK;
	} else if (*rc == SQLITE_DONE) {
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return v;
}

static void remove_files(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

static int open_db(struct tg_index *ix)
{
	int flags = ix->mode == TG_INDEX_READ ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(ix->path, &ix->db,
				 flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(ix->db, 0);
	sqlite3_busy_timeout(ix->db, BUSY_MS);
	register_functions(ix->db, ix->mode != TG_INDEX_READ);
	return SQLITE_OK;
}

static void close_db(struct tg_index *ix)
{
	sqlite3_close(ix->db);
	ix->db = NULL;
}

int ix_open_reader(const struct tg_index *ix, sqlite3 **db, bool immutable)
{
	struct buf uri = BUF_INIT;
	buf_adds(&uri, "file:");
	for (const char *p = ix->path; *p; p++)
		if (strchr("%?#", *p) || (unsigned char)*p < 0x20)
			buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	if (immutable)
		buf_adds(&uri, "?immutable=1");
	int rc = sqlite3_open_v2(uri.s, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				 SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	buf_release(&uri);
	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return rc;
	}
	sqlite3_extended_result_codes(*db, 0);
	sqlite3_busy_timeout(*db, BUSY_MS);
	fts_sv_register(*db, false);
	return SQLITE_OK;
}

/* Open the index file read as it is, without the -wal and -shm files
 * that WAL mode keeps beside it (SQLite's immutable=1). */
static int open_immutable(struct tg_index *ix)
{
	int rc = ix_open_reader(ix, &ix->db, true);
	if (rc != SQLITE_OK)
		return rc;
	ix->immutable = true;
	register_functions(ix->db, false);
	return SQLITE_OK;
}

/* Is the index's WAL in use: a -wal file beside it that is not empty? */
static bool wal_in_use(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool used = stat(wal, &st) == 0 && st.st_size > 0;
	free(wal);
	return used;
}

/* Is the open file one we can use?  SQLITE_OK, or the code that says it is
 * damaged (SQLITE_NOTADB also for another application's database). */
static int check_file(struct tg_index *ix)
{
	int rc;
	long long app = ix_query_int(ix->db, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return rc;
	long long tables = ix_query_int(ix->db, "SELECT count(*) FROM sqlite_schema", &rc);
	if (rc != SQLITE_OK)
		return rc;
	if (app != TG_INDEX_APP_ID && tables > 0)
		return SQLITE_NOTADB;
	return SQLITE_OK;
}

/* The index (or its folder, what) at path cannot be made: err says why,
 * and where it is a right the user lacks, who can. */
static enum tg_status cannot_create(struct tg_diags *d, const char *path, const char *what,
				    int err)
{
	tg_diag_add(d, TG_SEV_ERROR, path, 0, 0, NULL, 0, 0, "cannot create the %s: %s%s",
		    what, strerror(err), err == EACCES || err == EPERM || err == EROFS ?
		    " (the index is built by someone who may write to the workspace, "
		    "with trygg index)" : "");
	return TG_ECREAT;
}

/* Make the folder of the index at path, dir (.trygg/ below the
 * workspace): TG_OK, or TG_ECREAT with why in d. */
static enum tg_status make_folder(const char *dir, const char *path, struct tg_diags *d)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return cannot_create(d, dir, "index folder", errno);
	struct stat st;
	if (stat(path, &st) < 0 && access(dir, W_OK) < 0)
		return cannot_create(d, path, "index", errno);
	return TG_OK;
}

/* The same for an index in the user's cache: when its folders cannot be
 * made, d says why the workspace's .trygg/ could not be used either. */
static enum tg_status make_cache_folder(const struct tg_index *ix, struct tg_diags *d)
{
	int err = ix_make_cache_folders(ix->path);
	if (!err)
		return TG_OK;
	char *dir = xasprintf("%s/.trygg", ix->root);
	char *path = xasprintf("%s/%s", ix->root, TG_INDEX_PATH);
	make_folder(dir, path, d);
	free(dir);
	free(path);
	tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
		    "cannot create the index in the cache folder either: %s", strerror(err));
	return TG_ECREAT;
}

static enum tg_status open_write(struct tg_index *ix, struct tg_diags *d)
{
	struct stat st;
	ix->created = stat(ix->path, &st) < 0;
	enum tg_status made;
	if (ix->in_cache) {
		made = make_cache_folder(ix, d);
	} else {
		char *dir = xasprintf("%s/.trygg", ix->root);
		made = make_folder(dir, ix->path, d);
		free(dir);
	}
	if (made)
		return made;
	for (int attempt = 0; attempt < 2; attempt++) {
		int rc = open_db(ix);
		if (rc == SQLITE_OK)
			rc = check_file(ix);
		if (rc == SQLITE_OK) {
			int jrc;
			sqlite3_stmt *js;
			jrc = sqlite3_prepare_v2(ix->db, "PRAGMA journal_mode", -1, &js, NULL);
			bool wal = false;
			if (jrc == SQLITE_OK && sqlite3_step(js) == SQLITE_ROW)
				wal = !strcmp((const char *)sqlite3_column_text(js, 0), "wal");
			sqlite3_finalize(js);
			if (!wal)
				rc = exec(ix->db, "PRAGMA journal_mode = WAL");
			if (rc == SQLITE_OK)
				rc = exec(ix->db, "PRAGMA synchronous = NORMAL;"
					  " PRAGMA cache_size = -16384");
		}
		if (rc == SQLITE_OK)
			return TG_OK;
		if (!is_damage(rc) || attempt > 0)
			return ix_fail(ix, d, rc, "cannot open the index");
		close_db(ix);
		tg_diag_add(d, TG_SEV_WARNING, ix->path, 0, 0, NULL, 0, 0,
			    "not a valid index (%s); building it anew", sqlite3_errstr(rc));
		remove_files(ix->path);
	}
	return TG_OK;
}

static enum tg_status open_read(struct tg_index *ix, struct tg_diags *d)
{
	struct stat st;
	if (stat(ix->path, &st) < 0) {
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "no index here (run 'trygg index')");
		return TG_ENOINPUT;
	}
	int rc = open_db(ix);
	if (rc != SQLITE_OK)
		return ix_fail(ix, d, rc, "cannot open the index");
	rc = check_file(ix);
	if ((rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) && !wal_in_use(ix->path)) {
		/* a workspace we may read but not write: SQLite cannot make
		 * the -shm file beside the index; with no WAL in use either,
		 * no one is writing it, and the file is read as it is */
		close_db(ix);
		rc = open_immutable(ix);
		if (rc != SQLITE_OK)
			return ix_fail(ix, d, rc, "cannot open the index");
		rc = check_file(ix);
	}
	if (rc == SQLITE_OK) {
		long long v = ix_query_int(ix->db, "PRAGMA user_version", &rc);
		if (rc == SQLITE_OK && v != TG_INDEX_VERSION) {
			tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
				    "the index has version %lld, not %d (run 'trygg index')",
				    v, TG_INDEX_VERSION);
			return TG_EDATA;
		}
	}
	if (rc != SQLITE_OK)
		return ix_fail(ix, d, rc, "cannot read the index");
	sqlite3_db_config(ix->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(ix->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	exec(ix->db, "PRAGMA query_only = 1");
	sqlite3_set_authorizer(ix->db, ix_authorize, ix);
	return TG_OK;
}

enum tg_status tg_index_open(const struct tg_workspace *ws, enum tg_index_mode mode,
			     struct tg_index **out, struct tg_diags *d)
{
	struct tg_index *ix = xcalloc(1, sizeof *ix);
	ix->mode = mode;
	ix->root = xstrdup(ws->root);
	ix->districts_dir = xstrdup(ws->districts_dir);
	ix->path = ix_locate(ws->root, mode, &ix->in_cache);
	enum tg_status st = mode == TG_INDEX_READ ? open_read(ix, d) : open_write(ix, d);
	if (st != TG_OK) {
		tg_index_free(ix);
		ix = NULL;
	}
	*out = ix;
	return st;
}

void tg_index_free(struct tg_index *ix)
{
	if (!ix)
		return;
	tg_index_hold_end(ix);
	close_db(ix);
	free(ix->path);
	free(ix->root);
	free(ix->districts_dir);
	free(ix);
}

const char *tg_index_path(const struct tg_index *ix)
{
	return ix->path;
}

bool tg_index_in_cache(const struct tg_index *ix)
{
	return ix->in_cache;
}

unsigned long long tg_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long long h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- a refresh ---------------------------------------------------------- */

enum {
	S_FILE_INS, S_FILE_UPD, S_FILE_DEL,
	S_DISTRICT, S_DISTRICT_DEL, S_AREA, S_SITEM, S_SAREA, S_PROBLEM, S_CAUSE, S_SUBGOAL,
	S_INDICATOR, S_PAREA, S_MEASURE, S_RESP, S_MAREA, S_FOLLOWUP, S_FMEASURE,
	S_READING, S_TEXT, S_MCOUNT, S_ACOUNT, S_DCOUNT, S_FTS, S_FTS_DEL, S_SA, S_PHASE, S_ORG,
	S_N
};

static const char *const stmt_sql[S_N] = {
	[S_FILE_INS] = "INSERT INTO files (path, size, mtime_ns, hash, checked_ns, stale, error)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?)",
	[S_FILE_UPD] = "UPDATE files SET size = ?2, mtime_ns = ?3, hash = ?4, checked_ns = ?5,"
		       " stale = ?6, error = ?7 WHERE id = ?1",
	[S_FILE_DEL] = "DELETE FROM files WHERE id = ?",
	[S_DISTRICT] = "INSERT INTO districts (id, district_id, name, slug, file_slug, areas)"
		       " VALUES (?1, ?1, ?2, ?3, ?4, ?5)",
	[S_DISTRICT_DEL] = "DELETE FROM districts WHERE id = ?",
	[S_AREA] = "INSERT INTO areas (district_id, seq, name, id) VALUES (?, ?, ?, ?)",
	[S_SITEM] = "INSERT INTO situation (district_id, source, seq, item, title, date,"
		    " areas, survey_group, share, police_index, note, sources, n_sources, id)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_SAREA] = "INSERT INTO situation_areas (district_id, situation_id, seq, area, id)"
		    " VALUES (?, ?, ?, ?, ?)",
	[S_PROBLEM] = "INSERT INTO problems (district_id, pid, seq, title, situation, goal,"
		      " strategic_areas, n_measures, n_open, n_followups, id)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_CAUSE] = "INSERT INTO causes (district_id, problem_id, seq, text, id)"
		    " VALUES (?, ?, ?, ?, ?)",
	[S_SUBGOAL] = "INSERT INTO subgoals (district_id, problem_id, seq, text, id)"
		      " VALUES (?, ?, ?, ?, ?)",
	[S_INDICATOR] = "INSERT INTO indicators (district_id, problem_id, seq, name, baseline,"
			" baseline_date, target, target_date, latest, latest_date, id)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_PAREA] = "INSERT INTO problem_areas (district_id, problem_id, area, id)"
		    " VALUES (?, ?, ?, ?)",
	[S_MEASURE] = "INSERT INTO measures (district_id, problem_id, mid, seq, text, phase,"
		      " term, kind, status, due, responsible, strategic_areas, id)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_RESP] = "INSERT INTO responsible (district_id, measure_id, seq, party, id)"
		   " VALUES (?, ?, ?, ?, ?)",
	[S_MAREA] = "INSERT INTO measure_areas (district_id, measure_id, area, inherited, id)"
		    " VALUES (?, ?, ?, ?, ?)",
	[S_FOLLOWUP] = "INSERT INTO followups (district_id, problem_id, fid, seq, date,"
		       " measures, done, effect, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_FMEASURE] = "INSERT INTO followup_measures (district_id, followup_id, seq, measure, id)"
		       " VALUES (?, ?, ?, ?, ?)",
	[S_READING] = "INSERT INTO readings (district_id, followup_id, seq, indicator, value, id)"
		      " VALUES (?, ?, ?, ?, ?, ?)",
	[S_TEXT] = "INSERT INTO texts (district_id, kind, ref, seq, text, id)"
		   " VALUES (?, ?, ?, ?, ?, ?)",
	[S_MCOUNT] = "INSERT INTO measure_counts (district_id, phase, status, n, id)"
		     " VALUES (?, ?, ?, ?, ?)",
	[S_ACOUNT] = "INSERT INTO area_counts (district_id, area, n, id) VALUES (?, ?, ?, ?)",
	[S_DCOUNT] = "INSERT INTO day_counts (district_id, n, id) VALUES (?, ?, ?)",
	[S_FTS] = "INSERT INTO texts_fts (rowid, text) VALUES (?, ?)",
	/* an external-content FTS5 table reads the words to remove from its
	 * content table: delete here before the rows of texts go */
	[S_FTS_DEL] = "DELETE FROM texts_fts WHERE rowid IN"
		      " (SELECT id FROM texts WHERE id BETWEEN ?1 AND ?2)",
	[S_SA] = "INSERT INTO strategic_areas VALUES (?, ?)",
	[S_PHASE] = "INSERT INTO phases VALUES (?, ?)",
	[S_ORG] = "INSERT INTO organisations VALUES (?, ?)",
};

struct filerow {
	long long id, size, mtime_ns, checked_ns;
	unsigned long long hash;
	bool stale;
	bool has_rows;          /* a district's rows are in the index */
	char *path;             /* relative to the workspace */
};

struct refresh {
	struct tg_index *ix;
	sqlite3 *db;
	const struct tg_config *cfg;
	const struct tg_index_opts *opts;
	struct tg_index_stats *stats;
	struct tg_diags *d;
	sqlite3_stmt *st[S_N];
	sqlite3_stmt *del[sizeof district_tables / sizeof *district_tables];
	int rc;                 /* the first SQLite error, sticky */
	long long now;
	struct buf text;        /* the file being indexed */
	struct buf scratch;
	long long seq_text;
	long long row_id, row_end;  /* the last id given, the end of the range */
	const char *path;           /* the file being indexed */
	bool force;                 /* read every file (trygg.yaml changed) */
	struct job **loads;         /* the files to read, for load_job */
	struct fts_build *fts;      /* a full build's full-text index, or NULL */
	bool prepared;              /* st and del are made */
};

/* Binding and running: every call is a no-op once an error is recorded. */
static void bind_text(struct refresh *r, sqlite3_stmt *st, int i, const char *s)
{
	if (!r->rc && (s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
			 : sqlite3_bind_null(st, i)) != SQLITE_OK)
		r->rc = sqlite3_errcode(r->db);
}

static void bind_int(struct refresh *r, sqlite3_stmt *st, int i, long long v)
{
	if (!r->rc && sqlite3_bind_int64(st, i, v) != SQLITE_OK)
		r->rc = sqlite3_errcode(r->db);
}

static void bind_real(struct refresh *r, sqlite3_stmt *st, int i, bool set, double v)
{
	if (!r->rc && (set ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i)) != SQLITE_OK)
		r->rc = sqlite3_errcode(r->db);
}

/* Run a bound statement; returns the new row's id. */
static long long run(struct refresh *r, sqlite3_stmt *st)
{
	if (r->rc)
		return 0;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		r->rc = rc;
		return 0;
	}
	return sqlite3_last_insert_rowid(r->db);
}

/* Insert a row of the district being indexed: its id, the next of the
 * district's range, is the statement's last parameter. */
static long long add_row(struct refresh *r, sqlite3_stmt *st)
{
	if (r->rc)
		return 0;
	if (++r->row_id == r->row_end) {
		tg_diag_add(r->d, TG_SEV_ERROR, r->path, 0, 0, NULL, 0, 0,
			    "too many rows for the index (more than 2^%d)", ROW_BITS);
		r->rc = SQLITE_TOOBIG;
		return 0;
	}
	bind_int(r, st, sqlite3_bind_parameter_count(st), r->row_id);
	return run(r, st);
}

static const char *strlist_join(struct buf *b, const struct tg_strlist *l)
{
	buf_reset(b);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
	return b->s;
}

static const char *intlist_join(struct buf *b, const struct tg_intlist *l)
{
	buf_reset(b);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%d", i ? ", " : "", l->v[i]);
	return b->s;
}

static void add_text(struct refresh *r, long long did, const char *kind, const char *ref,
		     const char *text)
{
	if (!text || !*text)
		return;
	sqlite3_stmt *st = r->st[S_TEXT];
	bind_int(r, st, 1, did);
	bind_text(r, st, 2, kind);
	bind_text(r, st, 3, ref);
	bind_int(r, st, 4, ++r->seq_text);
	bind_text(r, st, 5, text);
	long long id = add_row(r, st);
	if (r->fts && !r->rc)
		fts_build_add(r->fts, id, text);
	if (r->stats->rebuilt)
		return;          /* by r->fts, or made at the end */
	bind_int(r, r->st[S_FTS], 1, id);
	bind_text(r, r->st[S_FTS], 2, text);
	run(r, r->st[S_FTS]);
}

/* A row (district, parent, place, item) per item of l, by st; with kind,
 * each item is also a text of that kind for search. */
static void add_list(struct refresh *r, sqlite3_stmt *st, long long did, long long parent,
		     const struct tg_strlist *l, const char *kind, const char *ref)
{
	for (size_t i = 0; i < l->n; i++) {
		bind_int(r, st, 1, did);
		bind_int(r, st, 2, parent);
		bind_int(r, st, 3, (long long)i + 1);
		bind_text(r, st, 4, l->v[i]);
		add_row(r, st);
		if (kind)
			add_text(r, did, kind, ref, l->v[i]);
	}
}

/* The statements that write, made before the first write: a refresh that
 * finds nothing changed makes none. */
static void prepare_writes(struct refresh *r)
{
	if (r->prepared || r->rc)
		return;
	r->prepared = true;
	for (int i = 0; i < S_N && !r->rc; i++)
		r->rc = sqlite3_prepare_v3(r->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					   &r->st[i], NULL);
	for (size_t i = 0; district_tables[i] && !r->rc; i++) {
		char *q = xasprintf("DELETE FROM %s WHERE id BETWEEN ?1 AND ?2", district_tables[i]);
		r->rc = sqlite3_prepare_v3(r->db, q, -1, SQLITE_PREPARE_PERSISTENT, &r->del[i], NULL);
		free(q);
	}
}

static void delete_district(struct refresh *r, long long did)
{
	long long from = did << ROW_BITS, to = from + (1LL << ROW_BITS) - 1;
	bind_int(r, r->st[S_FTS_DEL], 1, from);
	bind_int(r, r->st[S_FTS_DEL], 2, to);
	run(r, r->st[S_FTS_DEL]);
	for (size_t i = 0; district_tables[i]; i++) {
		bind_int(r, r->del[i], 1, from);
		bind_int(r, r->del[i], 2, to);
		run(r, r->del[i]);
	}
	bind_int(r, r->st[S_DISTRICT_DEL], 1, did);
	run(r, r->st[S_DISTRICT_DEL]);
}

static void insert_situation(struct refresh *r, long long did, const struct tg_plan *p)
{
	struct buf areas = BUF_INIT;
	long long seq = 0;
	sqlite3_stmt *st = r->st[S_SITEM], *sa = r->st[S_SAREA];
	for (int s = 0; s <= TG_NSOURCES; s++) {
		bool joint = s == TG_NSOURCES;
		size_t n = joint ? p->n_joint : p->sources[s].n_items;
		for (size_t i = 0; i < n; i++) {
			const struct tg_sitem *it = joint ? NULL : &p->sources[s].items[i];
			const struct tg_joint *j = joint ? &p->joint[i] : NULL;
			const struct tg_strlist *al = joint ? &j->areas : &it->areas;
			buf_reset(&r->scratch);
			int n_sources = 1;
			if (joint) {
				n_sources = 0;
				for (int k = 0; k < TG_NSOURCES; k++)
					if (j->sources & (1u << k))
						buf_addf(&r->scratch, "%s%s", n_sources++ ? ", " : "",
							 tg_source_names[k]);
			} else {
				buf_adds(&r->scratch, tg_source_names[s]);
			}
			bind_int(r, st, 1, did);
			bind_text(r, st, 2, joint ? "joint" : tg_source_names[s]);
			bind_int(r, st, 3, ++seq);
			bind_text(r, st, 4, joint ? j->id : NULL);
			bind_text(r, st, 5, joint ? j->title : it->title);
			bind_text(r, st, 6, joint ? NULL : p->sources[s].date);
			bind_text(r, st, 7, strlist_join(&areas, al));
			bind_text(r, st, 8, !joint && it->group ? tg_group_names[it->group] : NULL);
			bind_real(r, st, 9, joint ? j->has_share : it->has_share,
				  joint ? j->share : it->share);
			bind_real(r, st, 10, !joint && it->has_index, joint ? 0 : it->index);
			bind_text(r, st, 11, joint ? NULL : it->note);
			bind_text(r, st, 12, r->scratch.s);
			bind_int(r, st, 13, n_sources);
			long long sid = add_row(r, st);
			add_list(r, sa, did, sid, al, NULL, NULL);
			if (joint) {
				add_text(r, did, "joint", j->id, j->title);
				/* schema trygg/2: the joint item's decision's
				 * rationale, kind "decision", goes here */
			} else {
				char ref[32];
				snprintf(ref, sizeof ref, "%s:%zu", tg_source_names[s], i + 1);
				add_text(r, did, "situation", ref, it->title);
				add_text(r, did, "note", ref, it->note);
			}
		}
	}
	buf_release(&areas);
}

static void insert_measure(struct refresh *r, long long did, long long pid,
			   const struct tg_problem *pr, const struct tg_measure *m,
			   long long seq)
{
	struct buf areas = BUF_INIT;
	bool inherited = m->strategic_areas.n == 0;
	const struct tg_intlist *al = inherited ? &pr->strategic_areas : &m->strategic_areas;
	sqlite3_stmt *st = r->st[S_MEASURE];
	bind_int(r, st, 1, did);
	bind_int(r, st, 2, pid);
	bind_text(r, st, 3, m->id);
	bind_int(r, st, 4, seq);
	bind_text(r, st, 5, m->text);
	bind_int(r, st, 6, m->phase);
	bind_text(r, st, 7, m->term ? tg_term_names[m->term] : NULL);
	bind_text(r, st, 8, m->kind ? tg_kind_names[m->kind] : NULL);
	bind_text(r, st, 9, tg_status_names[m->status]);
	bind_text(r, st, 10, m->due);
	bind_text(r, st, 11, strlist_join(&r->scratch, &m->responsible));
	bind_text(r, st, 12, intlist_join(&areas, al));
	long long mid = add_row(r, st);
	add_list(r, r->st[S_RESP], did, mid, &m->responsible, NULL, NULL);
	for (size_t i = 0; i < al->n; i++) {
		sqlite3_stmt *as = r->st[S_MAREA];
		bind_int(r, as, 1, did);
		bind_int(r, as, 2, mid);
		bind_int(r, as, 3, al->v[i]);
		bind_int(r, as, 4, inherited);
		add_row(r, as);
	}
	add_text(r, did, "measure", m->id, m->text);
	buf_release(&areas);
}

static void insert_followup(struct refresh *r, long long did, long long pid,
			    const struct tg_problem *pr, const struct tg_followup *f,
			    size_t k, long long seq)
{
	char fid[64];
	snprintf(fid, sizeof fid, "%s.F%zu", pr->id, k + 1);
	sqlite3_stmt *st = r->st[S_FOLLOWUP];
	bind_int(r, st, 1, did);
	bind_int(r, st, 2, pid);
	bind_text(r, st, 3, fid);
	bind_int(r, st, 4, seq);
	bind_text(r, st, 5, f->date);
	bind_text(r, st, 6, strlist_join(&r->scratch, &f->measures));
	bind_text(r, st, 7, f->done);
	bind_text(r, st, 8, f->effect);
	long long id = add_row(r, st);
	add_list(r, r->st[S_FMEASURE], did, id, &f->measures, NULL, NULL);
	for (size_t i = 0; i < f->n_readings; i++) {
		sqlite3_stmt *rd = r->st[S_READING];
		bind_int(r, rd, 1, did);
		bind_int(r, rd, 2, id);
		bind_int(r, rd, 3, (long long)i + 1);
		bind_text(r, rd, 4, f->readings[i].name);
		bind_real(r, rd, 5, true, f->readings[i].value);
		add_row(r, rd);
	}
	add_text(r, did, "followup", fid, f->done);
	add_text(r, did, "effect", fid, f->effect);
}

static void insert_problem(struct refresh *r, long long did, const struct tg_problem *pr,
			   long long seq, long long *mseq, long long *fseq)
{
	size_t open = 0;
	for (size_t i = 0; i < pr->n_measures; i++)
		if (pr->measures[i].status != TG_DONE && pr->measures[i].status != TG_CANCELLED)
			open++;
	sqlite3_stmt *st = r->st[S_PROBLEM];
	bind_int(r, st, 1, did);
	bind_text(r, st, 2, pr->id);
	bind_int(r, st, 3, seq);
	bind_text(r, st, 4, pr->title);
	bind_text(r, st, 5, pr->situation);
	bind_text(r, st, 6, pr->goal);
	bind_text(r, st, 7, intlist_join(&r->scratch, &pr->strategic_areas));
	bind_int(r, st, 8, (long long)pr->n_measures);
	bind_int(r, st, 9, (long long)open);
	bind_int(r, st, 10, (long long)pr->n_followups);
	long long pid = add_row(r, st);
	add_text(r, did, "problem", pr->id, pr->title);
	add_list(r, r->st[S_CAUSE], did, pid, &pr->causes, "cause", pr->id);
	add_text(r, did, "goal", pr->id, pr->goal);
	add_list(r, r->st[S_SUBGOAL], did, pid, &pr->subgoals, "subgoal", pr->id);
	for (size_t i = 0; i < pr->n_indicators; i++) {
		const struct tg_indicator *in = &pr->indicators[i];
		sqlite3_stmt *is = r->st[S_INDICATOR];
		bind_int(r, is, 1, did);
		bind_int(r, is, 2, pid);
		bind_int(r, is, 3, (long long)i + 1);
		bind_text(r, is, 4, in->name);
		bind_real(r, is, 5, in->baseline.set, in->baseline.value);
		bind_text(r, is, 6, in->baseline.set ? in->baseline.date : NULL);
		bind_real(r, is, 7, in->target.set, in->target.value);
		bind_text(r, is, 8, in->target.set ? in->target.date : NULL);
		const char *when;
		const struct tg_reading *rd = tg_latest_reading(pr, in->name, &when);
		bind_real(r, is, 9, rd != NULL, rd ? rd->value : 0);
		bind_text(r, is, 10, rd ? when : NULL);
		add_row(r, is);
	}
	for (size_t i = 0; i < pr->strategic_areas.n; i++) {
		sqlite3_stmt *as = r->st[S_PAREA];
		bind_int(r, as, 1, did);
		bind_int(r, as, 2, pid);
		bind_int(r, as, 3, pr->strategic_areas.v[i]);
		add_row(r, as);
	}
	for (size_t i = 0; i < pr->n_measures; i++)
		insert_measure(r, did, pid, pr, &pr->measures[i], ++*mseq);
	for (size_t i = 0; i < pr->n_followups; i++)
		insert_followup(r, did, pid, pr, &pr->followups[i], i, ++*fseq);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

long long tg_day_key(long day)
{
	long long key = (long long)day + 719468, max = (1LL << TG_DAY_BITS) - 2;
	return key < 0 ? 0 : key > max ? max : key;
}

static int cmp_key(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* From day key on, the count what of district did is n. */
static void add_day_count(struct refresh *r, long long did, enum tg_day_count what,
			  long long key, size_t n)
{
	sqlite3_stmt *st = r->st[S_DCOUNT];
	bind_int(r, st, 1, did);
	bind_int(r, st, 2, (long long)n);
	bind_int(r, st, 3, (did << ROW_BITS) + ((long long)what << TG_DAY_BITS) + key);
	run(r, st);
}

/* The steps of a count from keys, sorted: each key where it changes, with
 * the count from there on (up: how many keys are at or below it; down:
 * the start, then how many are above it). */
static void add_steps(struct refresh *r, long long did, enum tg_day_count what,
		      long long *keys, size_t n, bool up)
{
	qsort(keys, n, sizeof *keys, cmp_key);
	if (!up && n)
		add_day_count(r, did, what, 0, n);
	for (size_t i = 0; i < n; i++)
		if ((i + 1 == n || keys[i + 1] != keys[i]) && keys[i] < 1LL << TG_DAY_BITS)
			add_day_count(r, did, what, keys[i], up ? i + 1 : n - i - 1);
}

/* What the overview adds up, counted when a district is indexed: its
 * measures by phase and status, and by strategic area (their own, or
 * their problem's); and the counts that depend on the day (index.h): open
 * measures are overdue from the day after they are due, an indicator is
 * on track until the day after its last day on track (tg_track_until). */
static void insert_counts(struct refresh *r, long long did, const struct tg_plan *p)
{
	size_t by[4][TG_NSTATUS] = { { 0 } };
	size_t *areas = NULL, nareas = 0;
	size_t n_measures = 0, n_inds = 0, n_due = 0, n_until = 0, n_charted = 0;
	for (size_t i = 0; i < p->n_problems; i++) {
		n_measures += p->problems[i].n_measures;
		n_inds += p->problems[i].n_indicators;
	}
	long long *due = xmalloc((n_measures + 1) * sizeof *due);
	long long *until = xmalloc((n_inds + 1) * sizeof *until);
	for (size_t i = 0; i < p->n_problems; i++) {
		const struct tg_problem *pr = &p->problems[i];
		for (size_t k = 0; k < pr->n_measures; k++) {
			const struct tg_measure *m = &pr->measures[k];
			by[m->phase >= 1 && m->phase <= 3 ? m->phase : 0][m->status]++;
			if (m->due && m->status != TG_DONE && m->status != TG_CANCELLED)
				due[n_due++] = tg_day_key(tg_day_number(m->due)) + 1;
			const struct tg_intlist *al = m->strategic_areas.n ? &m->strategic_areas
									  : &pr->strategic_areas;
			for (size_t a = 0; a < al->n; a++) {
				size_t id = al->v[a] > 0 ? (size_t)al->v[a] : 0;
				if (id >= nareas) {
					areas = xrealloc(areas, (id + 1) * sizeof *areas);
					memset(areas + nareas, 0, (id + 1 - nareas) * sizeof *areas);
					nareas = id + 1;
				}
				areas[id]++;
			}
		}
		for (size_t k = 0; k < pr->n_indicators; k++) {
			const struct tg_indicator *in = &pr->indicators[k];
			struct tg_point latest = { false, 0, NULL };
			const struct tg_reading *rd = tg_latest_reading(pr, in->name, &latest.date);
			if (rd)
				latest.set = true, latest.value = rd->value;
			long u = tg_track_until(&in->baseline, &in->target, &latest);
			if (u != TG_NEVER)
				until[n_until++] = u == TG_ALWAYS ? 1LL << TG_DAY_BITS
								 : tg_day_key(u) + 1;
			n_charted += in->baseline.set && in->target.set;
		}
	}
	for (int ph = 0; ph < 4; ph++)
		for (int st = 0; st < TG_NSTATUS; st++) {
			if (!by[ph][st])
				continue;
			sqlite3_stmt *mc = r->st[S_MCOUNT];
			bind_int(r, mc, 1, did);
			bind_int(r, mc, 2, ph);
			bind_text(r, mc, 3, tg_status_names[st]);
			bind_int(r, mc, 4, (long long)by[ph][st]);
			add_row(r, mc);
		}
	for (size_t a = 0; a < nareas; a++) {
		if (!areas[a])
			continue;
		sqlite3_stmt *ac = r->st[S_ACOUNT];
		bind_int(r, ac, 1, did);
		bind_int(r, ac, 2, (long long)a);
		bind_int(r, ac, 3, (long long)areas[a]);
		add_row(r, ac);
	}
	add_steps(r, did, TG_DC_OVERDUE, due, n_due, true);
	add_steps(r, did, TG_DC_ON_TRACK, until, n_until, false);
	if (n_inds)
		add_day_count(r, did, TG_DC_INDICATORS, 0, n_inds);
	if (n_charted)
		add_day_count(r, did, TG_DC_CHARTED, 0, n_charted);
	free(areas);
	free(due);
	free(until);
}

static void insert_district(struct refresh *r, long long did, const char *rel,
			    const struct tg_plan *p)
{
	r->row_id = did << ROW_BITS;
	r->row_end = r->row_id + (1LL << ROW_BITS);
	r->path = rel;
	char *slug = tg_slug(p->district);
	const char *base = base_name(rel);
	char *stem = xstrndup(base, strlen(base) - 5);    /* less ".yaml" */
	char *file_slug = tg_slug(stem);
	sqlite3_stmt *st = r->st[S_DISTRICT];
	bind_int(r, st, 1, did);
	bind_text(r, st, 2, p->district);
	bind_text(r, st, 3, slug);
	bind_text(r, st, 4, file_slug);
	bind_text(r, st, 5, strlist_join(&r->scratch, &p->areas));
	run(r, st);
	for (size_t i = 0; i < p->areas.n; i++) {
		sqlite3_stmt *as = r->st[S_AREA];
		bind_int(r, as, 1, did);
		bind_int(r, as, 2, (long long)i + 1);
		bind_text(r, as, 3, p->areas.v[i]);
		add_row(r, as);
	}
	insert_situation(r, did, p);
	long long mseq = 0, fseq = 0;
	r->seq_text = 0;
	for (size_t i = 0; i < p->n_problems; i++)
		insert_problem(r, did, &p->problems[i], (long long)i + 1, &mseq, &fseq);
	insert_counts(r, did, p);
	free(slug);
	free(stem);
	free(file_slug);
}

static void insert_config(struct refresh *r)
{
	prepare_writes(r);
	exec(r->db, "DELETE FROM strategic_areas; DELETE FROM phases; DELETE FROM organisations");
	const struct tg_config *c = r->cfg;
	for (size_t i = 0; i < c->n_areas; i++) {
		bind_int(r, r->st[S_SA], 1, c->areas[i].id);
		bind_text(r, r->st[S_SA], 2, c->areas[i].name);
		run(r, r->st[S_SA]);
	}
	for (int i = 1; i <= 3; i++) {
		if (!c->phase_names[i])
			continue;
		bind_int(r, r->st[S_PHASE], 1, i);
		bind_text(r, r->st[S_PHASE], 2, c->phase_names[i]);
		run(r, r->st[S_PHASE]);
	}
	for (size_t i = 0; i < c->organisations.n; i++) {
		bind_int(r, r->st[S_ORG], 1, (long long)i + 1);
		bind_text(r, r->st[S_ORG], 2, c->organisations.v[i]);
		run(r, r->st[S_ORG]);
	}
}

static void write_filerow(struct refresh *r, long long id, const char *rel,
			  const struct filerow *f, const char *error)
{
	prepare_writes(r);
	sqlite3_stmt *st = r->st[id ? S_FILE_UPD : S_FILE_INS];
	if (id)
		bind_int(r, st, 1, id);
	else
		bind_text(r, st, 1, rel);
	bind_int(r, st, 2, f->size);
	bind_int(r, st, 3, f->mtime_ns);
	bind_int(r, st, 4, (long long)f->hash);
	bind_int(r, st, 5, f->checked_ns);
	bind_int(r, st, 6, f->stale);
	bind_text(r, st, 7, error);
	run(r, st);
}

/* Move the messages of src to d: all, or only the errors. */
static void move_diags(struct tg_diags *d, struct tg_diags *src, bool errors_only)
{
	for (size_t i = 0; i < src->n; i++) {
		struct tg_diag *g = &src->v[i];
		if (errors_only && g->sev != TG_SEV_ERROR) {
			free(g->path);
			free(g->msg);
			free(g->excerpt);
			continue;
		}
		if (d->n == d->alloc) {
			d->alloc = d->alloc ? 2 * d->alloc : 8;
			d->v = xrealloc(d->v, d->alloc * sizeof *d->v);
		}
		d->v[d->n++] = *g;
		if (g->sev == TG_SEV_ERROR)
			d->errors++;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->alloc = src->errors = 0;
}

static void event(struct refresh *r, enum tg_index_event ev, const char *path)
{
	r->stats->by_event[ev]++;
	if (r->opts && r->opts->progress)
		r->opts->progress(r->opts->arg, ev, path);
}

static bool stat_file(const char *path, struct filerow *f)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	f->size = (long long)st.st_size;
	f->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	return true;
}

static bool racy(const struct filerow *f)
{
	return f->mtime_ns + TG_RACY_NS > f->checked_ns;
}

/* What a refresh does with a plan file, in path order. */
enum step { STEP_LOAD, STEP_UNCHANGED, STEP_REMOVE };

struct job {
	enum step step;
	const char *path, *rel;     /* as listed; relative to the workspace */
	const struct filerow *old;  /* what the index knows; NULL: a new file */
	struct filerow now;         /* its size and mtime now; once read, as read */
	/* STEP_LOAD: what load_job found, maybe on a worker thread */
	bool same;                  /* the content hash is what was indexed */
	bool read;                  /* the text was read; read_st: in what state */
	struct stat read_st;
	enum tg_status st;
	struct buf text;
	struct tg_plan *plan;
	struct tg_diags diags;
};

/* The step for a file on disk; old is what the index knows (NULL for a
 * new file).  false: nothing to do (a new file gone already). */
static bool plan_step(struct refresh *r, struct job *j, const char *path, const char *rel,
		      const struct filerow *old)
{
	*j = (struct job){ .path = path, .rel = rel, .old = old, .text = BUF_INIT,
			   .diags = TG_DIAGS_INIT };
	if (!stat_file(path, &j->now)) {
		struct stat st;
		if (lstat(path, &st) < 0) {    /* gone between the listing and now */
			j->step = STEP_REMOVE;
			return old != NULL;
		}
		/* there, but no file to read (a link to nowhere, a loop, a
		 * folder, a device, a named pipe): the load fails and says
		 * why; the rows of its last good version are kept */
		j->step = STEP_LOAD;
		return true;
	}
	if (old && !r->force && !old->stale && old->size == j->now.size &&
	    old->mtime_ns == j->now.mtime_ns && !racy(old))
		j->step = STEP_UNCHANGED;
	else
		j->step = STEP_LOAD;
	return true;
}

/* Read, hash and parse a file (maybe on a worker thread: no SQLite here). */
static void load_file(struct refresh *r, struct job *j)
{
	j->st = tg_read_file_st(j->path, TG_MAX_FILE, &j->text, &j->read_st, &j->diags);
	j->read = j->st == TG_OK;
	if (j->read) {
		j->now.size = (long long)j->read_st.st_size;
		j->now.mtime_ns = (long long)j->read_st.st_mtim.tv_sec * 1000000000LL +
				  j->read_st.st_mtim.tv_nsec;
	}
	j->now.hash = j->st == TG_OK ? tg_hash64(j->text.s, j->text.len) : 0;
	j->same = j->st == TG_OK && j->old && !r->force && !j->old->stale &&
		  j->old->hash == j->now.hash;
	if (j->st == TG_OK && !j->same)
		j->st = tg_plan_parse(j->path, j->text.s, j->text.len, r->cfg, &j->plan,
				      &j->diags);
}

static void load_job(void *arg, size_t i)
{
	struct refresh *r = arg;
	load_file(r, r->loads[i]);
}

static void free_job(struct job *j)
{
	tg_plan_free(j->plan);
	j->plan = NULL;
	buf_release(&j->text);
	tg_diags_release(&j->diags);
}

/* Make sure what load_job read is a whole version of the file, as it is
 * now (see tg_file_settled): a file that changed since, or that a process
 * has open for writing, is read again, LOAD_TRIES times at most; then it
 * fails to load as busy.  Neither a part of a file rewritten in place nor
 * the error it gave is indexed. */
static void settle(struct refresh *r, struct job *j)
{
	enum tg_settled s;
	for (int tries = 1; j->read && (s = tg_file_settled(j->path, &j->read_st)) != TG_SETTLED;
	     tries++) {
		struct filerow now = j->now;
		free_job(j);
		if (tries == LOAD_TRIES) {
			j->st = TG_EBUSY;
			j->read = j->same = false;
			if (s == TG_WRITING)
				tg_diag_add(&j->diags, TG_SEV_ERROR, j->path, 0, 0, NULL, 0, 0,
					    "another process has it open for writing; try again");
			else
				tg_diag_add(&j->diags, TG_SEV_ERROR, j->path, 0, 0, NULL, 0, 0,
					    "changed while it was read, %d times; is something "
					    "writing it? try again", LOAD_TRIES);
			return;
		}
		j->now = now;
		load_file(r, j);
	}
}

/* Put what load_job found into the index. */
static void apply_load(struct refresh *r, struct job *j)
{
	settle(r, j);
	prepare_writes(r);
	const struct filerow *old = j->old;
	j->now.checked_ns = r->now;
	if (j->same) {
		write_filerow(r, old->id, j->rel, &j->now, NULL);
		event(r, TG_IX_SAME, j->path);
		return;
	}
	if (j->st != TG_OK) {
		const struct tg_diag *first = NULL;
		for (size_t i = 0; i < j->diags.n && !first; i++)
			if (j->diags.v[i].sev == TG_SEV_ERROR)
				first = &j->diags.v[i];
		char *msg = first ? xasprintf("%u:%u: %s", first->line, first->col, first->msg)
				  : xstrdup("cannot be loaded");
		/* a stale row describes the version whose rows the index keeps:
		 * its size, mtime (the date of the overview's figures) and hash */
		struct filerow kept = j->now;
		kept.stale = true;
		if (old && old->has_rows) {
			kept.size = old->size;
			kept.mtime_ns = old->mtime_ns;
			kept.hash = old->hash;
		}
		write_filerow(r, old ? old->id : 0, j->rel, &kept, msg);
		free(msg);
		/* warnings are for `trygg check` */
		move_diags(r->d, &j->diags, true);
		if (old && old->has_rows)
			tg_diag_add(r->d, TG_SEV_WARNING, j->path, 0, 0, NULL, 0, 0,
				    "the index keeps the rows of this file's last good version");
		event(r, TG_IX_FAILED, j->path);
		return;
	}
	long long id = old ? old->id : 0;
	write_filerow(r, id, j->rel, &j->now, NULL);
	if (!id)
		id = sqlite3_last_insert_rowid(r->db);
	else
		delete_district(r, id);
	insert_district(r, id, j->rel, j->plan);
	event(r, old ? TG_IX_UPDATED : TG_IX_ADDED, j->path);
}

static void remove_file(struct refresh *r, const struct filerow *old)
{
	prepare_writes(r);
	char *path = xasprintf("%s/%s", r->ix->root, old->path);
	delete_district(r, old->id);
	bind_int(r, r->st[S_FILE_DEL], 1, old->id);
	run(r, r->st[S_FILE_DEL]);
	event(r, TG_IX_REMOVED, path);
	free(path);
}

/* The steps, in path order: the files on disk and the files the index
 * knows, both sorted, merged. */
static struct job *list_jobs(struct refresh *r, char **files, size_t nfiles,
			     const struct filerow *rows, size_t nrows, size_t *njobs)
{
	struct job *jobs = xcalloc(nfiles + nrows + 1, sizeof *jobs);
	size_t n = 0, i = 0, j = 0, plen = strlen(r->ix->root) + 1;
	while (i < nfiles || j < nrows) {
		int c = i == nfiles ? 1 : j == nrows ? -1 : strcmp(files[i] + plen, rows[j].path);
		if (c > 0) {
			jobs[n++] = (struct job){ .step = STEP_REMOVE, .old = &rows[j++] };
			continue;
		}
		if (plan_step(r, &jobs[n], files[i], files[i] + plen, c ? NULL : &rows[j]))
			n++;
		i++;
		j += c == 0;
	}
	*njobs = n;
	return jobs;
}

/* Take the steps.  The files to read are read and parsed on worker
 * threads, in order, while this thread writes the rows of the ones
 * before. */
static void run_jobs(struct refresh *r, struct job *jobs, size_t njobs)
{
	size_t nloads = 0, *cost = xcalloc(njobs + 1, sizeof *cost);
	r->loads = xcalloc(njobs + 1, sizeof *r->loads);
	for (size_t k = 0; k < njobs; k++)
		if (jobs[k].step == STEP_LOAD) {
			cost[nloads] = tg_doc_cost((size_t)jobs[k].now.size);
			r->loads[nloads++] = &jobs[k];
		}
	struct tg_pipe *pipe = tg_pipe_start(nloads, load_job, r, cost, LOAD_BUDGET,
					     nloads > 1 ? tg_pipe_threads() : 0);
	for (size_t k = 0, l = 0; k < njobs && !r->rc; k++) {
		struct job *j = &jobs[k];
		switch (j->step) {
		case STEP_LOAD:
			tg_pipe_wait(pipe, l);
			apply_load(r, j);
			free_job(j);
			tg_pipe_release(pipe, l++);
			break;
		case STEP_UNCHANGED:
			event(r, TG_IX_UNCHANGED, j->path);
			break;
		case STEP_REMOVE:
			remove_file(r, j->old);
			break;
		}
	}
	tg_pipe_end(pipe);
	for (size_t k = 0; k < njobs; k++)      /* read, but not used: an error */
		free_job(&jobs[k]);
	free(cost);
	free(r->loads);
}

/* By path, byte by byte (SQLite's BINARY, as the listing is sorted). */
static int filerow_order(const void *a, const void *b)
{
	return strcmp(((const struct filerow *)a)->path, ((const struct filerow *)b)->path);
}

/* The rows of files, sorted by path (the config's row apart). */
static struct filerow *load_filerows(struct refresh *r, size_t *n, struct filerow *config)
{
	sqlite3_stmt *st;
	size_t alloc = 16;
	struct filerow *v = xmalloc(alloc * sizeof *v);
	*n = 0;
	memset(config, 0, sizeof *config);
	/* in the table's order, sorted by path below: ORDER BY path went
	 * through the path index, a seek of the table for each file */
	r->rc = sqlite3_prepare_v2(r->db, "SELECT f.id, size, mtime_ns, hash, checked_ns, stale,"
				   " path, d.id IS NOT NULL FROM files f"
				   " LEFT JOIN districts d ON d.id = f.id",
				   -1, &st, NULL);
	if (r->rc)
		return v;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct filerow f;
		f.id = sqlite3_column_int64(st, 0);
		f.size = sqlite3_column_int64(st, 1);
		f.mtime_ns = sqlite3_column_int64(st, 2);
		f.hash = (unsigned long long)sqlite3_column_int64(st, 3);
		f.checked_ns = sqlite3_column_int64(st, 4);
		f.stale = sqlite3_column_int(st, 5);
		f.path = xstrdup((const char *)sqlite3_column_text(st, 6));
		f.has_rows = sqlite3_column_int(st, 7);
		if (!strcmp(f.path, CONFIG_PATH)) {
			free(config->path);
			*config = f;
			continue;
		}
		if (*n == alloc)
			v = xrealloc(v, (alloc *= 2) * sizeof *v);
		v[(*n)++] = f;
	}
	if (rc != SQLITE_DONE)
		r->rc = rc;
	sqlite3_finalize(st);
	/* a full build writes them in path order: mostly there is nothing to do */
	for (size_t i = 1; i < *n; i++)
		if (filerow_order(&v[i - 1], &v[i]) > 0) {
			qsort(v, *n, sizeof *v, filerow_order);
			break;
		}
	return v;
}

/* Has trygg.yaml changed since it was indexed?  Records its new state. */
static bool config_changed(struct refresh *r, const struct filerow *old)
{
	char *path = xasprintf("%s/%s", r->ix->root, CONFIG_PATH);
	struct filerow now = { 0 };
	bool changed = true;
	if (stat_file(path, &now)) {
		if (old->id && old->size == now.size && old->mtime_ns == now.mtime_ns &&
		    !racy(old)) {
			changed = false;
		} else {
			struct tg_diags fd = TG_DIAGS_INIT;
			if (tg_read_file(path, TG_MAX_FILE, &r->text, &fd) == TG_OK)
				now.hash = tg_hash64(r->text.s, r->text.len);
			tg_diags_release(&fd);
			now.checked_ns = r->now;
			changed = !old->id || old->hash != now.hash;
			write_filerow(r, old->id, CONFIG_PATH, &now, NULL);
		}
	}
	free(path);
	return changed;
}

/* The tables and views, in an empty database. */
static int make_schema(sqlite3 *db)
{
	int rc = exec(db, schema_sql);
	if (rc == SQLITE_OK) {
		char *q = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
					  TG_INDEX_VERSION, TG_INDEX_APP_ID);
		rc = exec(db, q);
		sqlite3_free(q);
	}
	return rc;
}

/* Bring ix->db up to date in one transaction; with stats->rebuilt, fill
 * it from nothing.  *committed: the transaction was committed (also when
 * a plan file failed to load: TG_EDATA). */
static enum tg_status update(struct tg_index *ix, const struct tg_config *cfg,
			     const struct tg_index_opts *opts, struct tg_index_stats *stats,
			     struct fts_build *fts, struct tg_diags *d, bool *committed)
{
	struct refresh r = { .ix = ix, .db = ix->db, .cfg = cfg, .opts = opts,
			     .stats = stats, .d = d, .now = now_ns(), .fts = fts,
			     .text = BUF_INIT, .scratch = BUF_INIT };
	*committed = false;
	int rc = exec(ix->db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return ix_fail(ix, d, rc, "cannot lock the index");
	if (stats->rebuilt)
		rc = make_schema(ix->db);
	if (rc != SQLITE_OK) {
		exec(ix->db, "ROLLBACK");
		return ix_fail(ix, d, rc, "cannot set up the index");
	}
	size_t nrows = 0, nfiles = 0;
	struct filerow config = { 0 };
	struct filerow *rows = r.rc ? NULL : load_filerows(&r, &nrows, &config);
	struct tg_workspace ws = { .root = ix->root, .districts_dir = ix->districts_dir };
	char **files;
	/* districts/ unreadable: change nothing (an empty list would remove
	 * every district) and say so */
	enum tg_status listed = tg_workspace_list(&ws, &files, &nfiles, d);
	if (!r.rc && rows && cfg && config_changed(&r, &config)) {
		insert_config(&r);
		r.force = true;
	}
	stats->files = nfiles;
	size_t njobs = 0;
	struct job *jobs = r.rc || listed ? NULL : list_jobs(&r, files, nfiles, rows, nrows, &njobs);
	run_jobs(&r, jobs, njobs);
	free(jobs);
	for (size_t k = 0; k < nfiles; k++)
		free(files[k]);
	free(files);
	for (size_t k = 0; k < nrows; k++)
		free(rows[k].path);
	free(rows);
	free(config.path);
	for (int k = 0; k < S_N; k++)
		sqlite3_finalize(r.st[k]);
	for (size_t k = 0; district_tables[k]; k++)
		sqlite3_finalize(r.del[k]);
	buf_release(&r.text);
	buf_release(&r.scratch);
	if (!r.rc && listed) {
		exec(ix->db, "ROLLBACK");
		return listed;
	}
	if (!r.rc && (stats->rebuilt || stats->by_event[TG_IX_ADDED] ||
		      stats->by_event[TG_IX_UPDATED] || stats->by_event[TG_IX_REMOVED]))
		r.rc = exec(ix->db, rank_sql);
	if (!r.rc && stats->rebuilt && !fts)
		r.rc = exec(ix->db, "INSERT INTO texts_fts (texts_fts) VALUES ('rebuild')");
	if (!r.rc)
		r.rc = fts_sv_save(ix->db);     /* the words the texts brought */
	if (!r.rc && stats->rebuilt)
		r.rc = exec(ix->db, index_sql);
	if (!r.rc)
		r.rc = exec(ix->db, "COMMIT");
	if (r.rc) {
		int code = r.rc;
		enum tg_status st = ix_fail(ix, d, code, "cannot update the index");
		exec(ix->db, "ROLLBACK");
		return st;
	}
	*committed = true;
	return stats->by_event[TG_IX_FAILED] ? TG_EDATA : TG_OK;
}

/* Put the full-text index that ftsbuild made in the database at path in
 * place of db's (empty) one: the same table, so the same shadow tables. */
static int copy_fts(sqlite3 *db, const char *path)
{
	static const char *const shadow[] = { "data", "idx", "docsize", "config" };
	char *q = sqlite3_mprintf("ATTACH %Q AS fts", path);
	int rc = exec(db, q);
	sqlite3_free(q);
	if (rc != SQLITE_OK)
		return rc;
	rc = exec(db, "BEGIN");
	if (rc == SQLITE_OK)
		rc = exec(db, "INSERT INTO main.words SELECT * FROM fts.words");
	for (size_t i = 0; i < 4 && rc == SQLITE_OK; i++) {
		q = sqlite3_mprintf("DELETE FROM main.texts_fts_%s;"
				    " INSERT INTO main.texts_fts_%s SELECT * FROM fts.texts_fts_%s",
				    shadow[i], shadow[i], shadow[i]);
		rc = exec(db, q);
		sqlite3_free(q);
	}
	if (rc == SQLITE_OK)
		rc = exec(db, "COMMIT");
	else
		exec(db, "ROLLBACK");
	int drc = exec(db, "DETACH fts");
	return rc != SQLITE_OK ? rc : drc;
}

/* Remove what full builds that did not finish (the process was killed)
 * left beside the index: path.fts-PID of a process that is gone. */
static void remove_leftovers(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	char *prefix = xasprintf("%s.fts-", base);
	size_t n = strlen(prefix);
	DIR *dp = opendir(slash ? dir : ".");
	for (struct dirent *e; dp && (e = readdir(dp));) {
		char *end;
		if (strncmp(e->d_name, prefix, n) || !isdigit((unsigned char)e->d_name[n]))
			continue;
		long pid = strtol(e->d_name + n, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		char *old = xasprintf("%s/%s", slash ? dir : ".", e->d_name);
		unlink(old);
		free(old);
	}
	if (dp)
		closedir(dp);
	free(prefix);
	free(dir);
}

/* A full build: the index is made from nothing in a temporary database
 * (no journal: if it fails it is simply gone), then copied over the index
 * page by page in one transaction.  Readers see the old index until then,
 * and the old tables need not be dropped row by row first. */
static enum tg_status rebuild(struct tg_index *ix, const struct tg_config *cfg,
			      const struct tg_index_opts *opts, struct tg_index_stats *stats,
			      struct tg_diags *d)
{
	sqlite3 *real = ix->db;
	int rc = sqlite3_open_v2("", &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		register_functions(ix->db, true);
		rc = exec(ix->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			  " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384");
	}
	if (rc != SQLITE_OK) {
		enum tg_status st = ix_fail(ix, d, rc, "cannot make a temporary database");
		sqlite3_close(ix->db);
		ix->db = real;
		return st;
	}
	stats->rebuilt = true;
	/* the words the index being replaced has analysed are not analysed
	 * again (fts-sv.h) */
	int vrc;
	sqlite3 *old = ix_query_int(real, "PRAGMA user_version", &vrc) == TG_INDEX_VERSION &&
		       vrc == SQLITE_OK ? real : NULL;
	/* the full-text index on a thread of its own, in a file beside the
	 * index (ATTACH needs a name); without threads, it is made at the end */
	remove_leftovers(ix->path);
	char *fts_path = xasprintf("%s.fts-%ld", ix->path, (long)getpid());
	unlink(fts_path);
	struct fts_build *fts = tg_pipe_threads() > 0 ? fts_build_start(fts_path, FTS_SQL, old, &rc)
						      : NULL;
	if (!fts && old)
		fts_sv_reuse(ix->db, old);
	bool built;
	enum tg_status st = update(ix, cfg, opts, stats, fts, d, &built);
	rc = fts ? fts_build_finish(fts) : SQLITE_OK;
	if (built && fts && rc == SQLITE_OK)
		rc = copy_fts(ix->db, fts_path);
	unlink(fts_path);
	free(fts_path);
	if (built && rc != SQLITE_OK) {
		st = ix_fail(ix, d, rc, "cannot make the full-text index");
		built = false;
	}
	sqlite3 *fresh = ix->db;
	ix->db = real;
	if (built) {
		sqlite3_backup *b = sqlite3_backup_init(real, "main", fresh, "main");
		rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(real);
		int frc = sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			rc = frc;
		if (rc != SQLITE_OK)
			st = ix_fail(ix, d, rc, "cannot write the index");
	}
	sqlite3_close(fresh);
	return st;
}

static enum tg_status refresh_once(struct tg_index *ix, const struct tg_config *cfg,
				   const struct tg_index_opts *opts,
				   struct tg_index_stats *stats, struct tg_diags *d)
{
	int rc;
	long long version = ix_query_int(ix->db, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return ix_fail(ix, d, rc, "cannot read the index");
	if ((opts && opts->rebuild) || version != TG_INDEX_VERSION)
		return rebuild(ix, cfg, opts, stats, d);
	bool committed;
	return update(ix, cfg, opts, stats, NULL, d, &committed);
}

/* Say once that the words of a refresh were analysed without the Swedish
 * dictionary, when they were (undict: the count before it). */
static void warn_undictionaried(struct tg_diags *d, unsigned long undict)
{
	const char *where;
	if (fts_sv_undictionaried(&where) == undict)
		return;
	char *path = xasprintf("%s/sv_SE.dic", where);
	tg_diag_add(d, TG_SEV_WARNING, path, 0, 0, NULL, 0, 0,
		    "no Swedish dictionary (hunspell-sv): search finds word forms by "
		    "their Snowball stems only, and no parts of compounds "
		    "(install hunspell-sv, or set TRYGG_HUNSPELL_DIR, then 'trygg index --rebuild')");
	free(path);
}

enum tg_status tg_index_refresh(struct tg_index *ix, const struct tg_config *cfg,
				const struct tg_index_opts *opts,
				struct tg_index_stats *stats, struct tg_diags *d)
{
	struct tg_index_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	stats->created = ix->created;
	if (ix->mode != TG_INDEX_WRITE) {
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "the index is open read-only");
		return TG_EUSAGE;
	}
	struct tg_diags first = TG_DIAGS_INIT;
	ix->last_rc = SQLITE_OK;
	const char *where;
	unsigned long undict = fts_sv_undictionaried(&where);
	enum tg_status st = refresh_once(ix, cfg, opts, stats, &first);
	bool damaged = st == TG_EDATA && is_damage(ix->last_rc);
	if (!damaged) {
		warn_undictionaried(&first, undict);
		move_diags(d, &first, false);
		return st;
	}
	/* the file is damaged inside: start from an empty one */
	tg_diags_release(&first);
	tg_diag_add(d, TG_SEV_WARNING, ix->path, 0, 0, NULL, 0, 0,
		    "the index is damaged; building it anew");
	close_db(ix);
	remove_files(ix->path);
	st = open_write(ix, d);
	if (st != TG_OK)
		return st;
	memset(stats, 0, sizeof *stats);
	st = refresh_once(ix, cfg, opts, stats, d);
	warn_undictionaried(d, undict);
	return st;
}
