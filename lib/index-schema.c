/*
 * index-schema: the text of the index's schema: its tables, views and
 * indexes (trygg-index(7)), and the district's place in Swedish order.
 */
#include "index-build.h"
#include "fts-sv.h"

/* The rows of the district whose file has id D have the ids
 * [D << ROW_BITS, (D + 1) << ROW_BITS) in every table below: a district's
 * rows are found and deleted by a range of the primary key, with no index
 * on district_id to keep up, and a full build appends to every table.
 * (A file's rows are far fewer: 16 MiB of YAML and at most 1,000 areas
 * a list.)  ROW_BITS is in index-int.h; IN_DISTRICT writes 2^32 out. */

const char *const tgi_district_tables[TGI_N_DISTRICT_TABLES + 1] = {
	"areas", "situation", "situation_areas", "problems", "causes",
	"subgoals", "indicators", "problem_areas", "measures", "responsible",
	"measure_areas", "followups", "followup_measures", "readings", "texts",
	"measure_counts", "area_counts", "day_counts", "verdicts", "places",
	"initiative_links", "promises", "outcomes", NULL,
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
	"  coalesce(m.overdue_after < date('now', 'localtime'), 0) AS overdue,\n" \
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
	"    AND m.overdue_after < date('now', 'localtime')) AS overdue,\n" \
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

/* An indicator's verdict as of today: §7's, computed when the file is
 * indexed (lib/cycle.c) for every day on which it may change. */
#define VERDICT_TODAY \
	"(SELECT v.verdict FROM verdicts v WHERE v.indicator_id = i.id\n" \
	"    AND v.from_date <= date('now', 'localtime') ORDER BY v.from_date DESC LIMIT 1)"

#define INDICATORS_COLS \
	"d.name AS district, p.pid AS problem,\n" \
	"  i.name AS name, i.baseline AS baseline, i.baseline_date AS baseline_date,\n" \
	"  i.target AS target, i.target_date AS target_date,\n" \
	"  i.latest AS latest, i.latest_date AS latest_date, i.seq AS seq,\n" \
	"  i.iid AS id, i.unit AS unit, i.direction AS direction, i.source AS source,\n" \
	"  " VERDICT_TODAY " AS verdict,\n" \
	"  f.path AS file, f.stale AS stale"
#define INDICATORS_FROM \
	"\n  FROM districts d JOIN files f ON f.id = d.id\n" \
	"  JOIN indicators i ON " IN_DISTRICT("i") "\n" \
	"  JOIN problems p ON p.id = i.problem_id"

/* A promise's outcome as of today: the latest by date (ties: the later
 * in the file), col of it. */
#define OUTCOME_TODAY(col) \
	"(SELECT o." col " FROM outcomes o WHERE o.promise_id = l.id\n" \
	"    AND o.date <= date('now', 'localtime') ORDER BY o.date DESC, o.seq DESC LIMIT 1)"

#define PROMISES_COLS \
	"d.name AS district, l.lid AS id, l.text AS text,\n" \
	"  l.date_from AS \"from\", l.date_to AS \"to\", l.signatories AS signatories,\n" \
	"  l.measures AS measures, " OUTCOME_TODAY("status") " AS outcome,\n" \
	"  " OUTCOME_TODAY("date") " AS outcome_date,\n" \
	"  " OUTCOME_TODAY("text") " AS outcome_text,\n" \
	"  (SELECT count(*) FROM outcomes o WHERE o.promise_id = l.id) AS outcomes,\n" \
	"  l.seq AS seq, f.path AS file, f.stale AS stale"
#define PROMISES_FROM \
	"\n  FROM districts d JOIN files f ON f.id = d.id\n" \
	"  JOIN promises l ON " IN_DISTRICT("l")

/* the full-text index, with its tokenizer's table of words (fts-sv.h) */
#define FTS_SQL \
	"CREATE VIRTUAL TABLE texts_fts USING fts5(text, content='texts',\n" \
	"  content_rowid='id', tokenize='trygg_sv');\n" FTS_SV_WORDS_SQL

const char tgi_schema_sql[] =
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
	"  note TEXT, sources TEXT NOT NULL, n_sources INTEGER NOT NULL,\n"
	"  decision TEXT, rank INTEGER, rationale TEXT, decided_date TEXT, decided_by TEXT);\n"
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
	"  latest REAL, latest_date TEXT, iid TEXT, unit TEXT, direction TEXT, source TEXT);\n"
	"CREATE TABLE verdicts (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  indicator_id INTEGER NOT NULL, from_date TEXT NOT NULL, verdict TEXT);\n"
	"CREATE TABLE problem_areas (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, area INTEGER NOT NULL);\n"
	"CREATE TABLE measures (\n"
	"  id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, mid TEXT NOT NULL, seq INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL, phase INTEGER NOT NULL, term TEXT, kind TEXT,\n"
	"  status TEXT NOT NULL, due TEXT, responsible TEXT NOT NULL,\n"
	"  strategic_areas TEXT NOT NULL, open INTEGER NOT NULL, overdue_after TEXT,\n"
	"  parties TEXT NOT NULL);\n"
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
	"  followup_id INTEGER, seq INTEGER NOT NULL,\n"
	"  indicator TEXT NOT NULL, value REAL NOT NULL, problem_id INTEGER NOT NULL,\n"
	"  indicator_id INTEGER, date TEXT NOT NULL, note TEXT);\n"
	"CREATE TABLE places (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, measure_id INTEGER, seq INTEGER NOT NULL,\n"
	"  area TEXT NOT NULL, inherited INTEGER NOT NULL);\n"
	"CREATE TABLE initiative_links (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  problem_id INTEGER NOT NULL, measure_id INTEGER, initiative INTEGER NOT NULL,\n"
	"  inherited INTEGER NOT NULL);\n"
	"CREATE TABLE promises (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  lid TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, date_from TEXT,\n"
	"  date_to TEXT, signatories TEXT NOT NULL, signers TEXT NOT NULL,\n"
	"  measures TEXT NOT NULL);\n"
	"CREATE TABLE outcomes (id INTEGER PRIMARY KEY, district_id INTEGER NOT NULL,\n"
	"  promise_id INTEGER NOT NULL, seq INTEGER NOT NULL, date TEXT NOT NULL,\n"
	"  status TEXT NOT NULL, text TEXT);\n"
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
	"CREATE TABLE initiatives (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
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
	"  s.seq AS seq, f.path AS file, f.stale AS stale, s.decision AS decision,\n"
	"  s.rank AS rank, s.rationale AS rationale, s.decided_date AS decided_date,\n"
	"  s.decided_by AS decided_by,\n"
	"  s.source = 'joint' AND s.decision = 'prioritised' AND NOT EXISTS (SELECT 1\n"
	"    FROM problems p WHERE " IN_DISTRICT("p") " AND p.situation = s.item)\n"
	"    AS unaddressed\n"
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
	"CREATE VIEW indicators_v AS SELECT " INDICATORS_COLS INDICATORS_FROM ";\n"
	"CREATE VIEW indicators_o AS SELECT " INDICATORS_COLS ORDER_COLS("i") INDICATORS_FROM ";\n"
	"CREATE VIEW measures_v AS SELECT " MEASURES_COLS MEASURES_FROM ";\n"
	"CREATE VIEW measures_o AS SELECT " MEASURES_COLS ORDER_COLS("m")
	"  , m.overdue_after AS overdue_after_, m.parties AS parties_" MEASURES_FROM ";\n"
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
	"  r.date AS date, r.indicator AS indicator, r.value AS value,\n"
	"  p.pid AS problem, i.iid AS indicator_id, r.note AS note\n"
	"  FROM readings r LEFT JOIN followups u ON u.id = r.followup_id\n"
	"  JOIN problems p ON p.id = r.problem_id LEFT JOIN indicators i ON i.id = r.indicator_id\n"
	"  JOIN districts d ON d.id = r.district_id;\n"
	"CREATE VIEW places_v AS SELECT d.name AS district, p.pid AS problem,\n"
	"  m.mid AS measure, a.area AS area, a.inherited AS inherited, a.seq AS seq\n"
	"  FROM places a JOIN problems p ON p.id = a.problem_id\n"
	"  LEFT JOIN measures m ON m.id = a.measure_id JOIN districts d ON d.id = a.district_id;\n"
	"CREATE VIEW promises_v AS SELECT " PROMISES_COLS PROMISES_FROM ";\n"
	"CREATE VIEW promises_o AS SELECT " PROMISES_COLS ORDER_COLS("l")
	"  , l.signers AS signers_" PROMISES_FROM ";\n"
	"CREATE VIEW outcomes_v AS SELECT d.name AS district, l.lid AS promise,\n"
	"  o.date AS date, o.status AS status, o.text AS text, o.seq AS seq\n"
	"  FROM outcomes o JOIN promises l ON l.id = o.promise_id\n"
	"  JOIN districts d ON d.id = o.district_id;\n"
	"CREATE VIEW initiatives_v AS SELECT d.name AS district, p.pid AS problem,\n"
	"  m.mid AS measure, a.initiative AS initiative, n.name AS name,\n"
	"  a.inherited AS inherited\n"
	"  FROM initiative_links a JOIN problems p ON p.id = a.problem_id\n"
	"  LEFT JOIN measures m ON m.id = a.measure_id JOIN districts d ON d.id = a.district_id\n"
	"  LEFT JOIN initiatives n ON n.id = a.initiative;\n";

/* Each district's place in Swedish order of the names, for trygg ls. */
const char tgi_rank_sql[] =
	"UPDATE districts SET rank = o.n FROM (SELECT id, row_number()\n"
	"  OVER (ORDER BY name COLLATE sv, id) AS n FROM districts) AS o\n"
	"  WHERE o.id = districts.id AND districts.rank IS NOT o.n";

/* Made after the rows when the whole index is built (faster than keeping
 * them up to date row by row). */
const char tgi_index_sql[] =
	"CREATE INDEX districts_name ON districts(name);\n"
	"CREATE INDEX districts_rank ON districts(rank);\n"
	/* problems_v's overdue count */
	"CREATE INDEX measures_p ON measures(problem_id);\n"
	/* the overdue report's open measures, by district and due date */
	"CREATE INDEX measures_late ON measures(district_id, overdue_after)\n"
	"  WHERE overdue_after IS NOT NULL;\n"
	/* an indicator's verdict as of a day (indicators_v) */
	"CREATE INDEX verdicts_i ON verdicts(indicator_id, from_date);\n"
	/* a promise's outcome as of a day (promises_v) */
	"CREATE INDEX outcomes_l ON outcomes(promise_id, date);\n"
	/* ls --initiative */
	"CREATE INDEX initiative_links_i ON initiative_links(initiative);\n"
	/* the overdue report's responsible parties */
	"CREATE INDEX responsible_m ON responsible(measure_id);\n";

/* The full-text index alone, for a full build made beside the index
 * (lib/ftsbuild.c). */
const char tgi_fts_sql[] = FTS_SQL;
