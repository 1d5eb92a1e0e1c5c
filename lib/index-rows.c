/*
 * index-rows: a district plan as rows of the index's tables, and the
 * counts the overview adds up, written with statements prepared once per
 * refresh (lib/index-build.h).
 */
#include "index-build.h"
#include "ftsbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		    " areas, survey_group, share, police_index, note, sources, n_sources,"
		    " decision, rank, rationale, decided_date, decided_by, id)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
			" baseline_date, target, target_date, latest, latest_date, iid, unit,"
			" direction, source, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_PAREA] = "INSERT INTO problem_areas (district_id, problem_id, area, id)"
		    " VALUES (?, ?, ?, ?)",
	[S_MEASURE] = "INSERT INTO measures (district_id, problem_id, mid, seq, text, phase,"
		      " term, kind, status, due, responsible, strategic_areas, open, overdue_after,"
		      " parties, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_RESP] = "INSERT INTO responsible (district_id, measure_id, seq, party, id)"
		   " VALUES (?, ?, ?, ?, ?)",
	[S_MAREA] = "INSERT INTO measure_areas (district_id, measure_id, area, inherited, id)"
		    " VALUES (?, ?, ?, ?, ?)",
	[S_FOLLOWUP] = "INSERT INTO followups (district_id, problem_id, fid, seq, date,"
		       " measures, done, effect, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_FMEASURE] = "INSERT INTO followup_measures (district_id, followup_id, seq, measure, id)"
		       " VALUES (?, ?, ?, ?, ?)",
	[S_READING] = "INSERT INTO readings (district_id, followup_id, seq, indicator, value,"
		      " problem_id, indicator_id, date, note, id)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
	[S_VERDICT] = "INSERT INTO verdicts (district_id, indicator_id, from_date, verdict, id)"
		      " VALUES (?, ?, ?, ?, ?)",
	[S_PLACE] = "INSERT INTO places (district_id, problem_id, measure_id, seq, area,"
		    " inherited, id) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[S_ILINK] = "INSERT INTO initiative_links (district_id, problem_id, measure_id,"
		    " initiative, inherited, id) VALUES (?, ?, ?, ?, ?, ?)",
	[S_INIT] = "INSERT INTO initiatives VALUES (?, ?)",
	[S_PROMISE] = "INSERT INTO promises (district_id, lid, seq, text, date_from, date_to,"
		      " signatories, signers, measures, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_OUTCOME] = "INSERT INTO outcomes (district_id, promise_id, seq, date, status, text, id)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?)",
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

/* v, or NULL for 0 (a row ID or a rank that is not there) */
static void bind_id(struct refresh *r, sqlite3_stmt *st, int i, long long v)
{
	if (!r->rc && (v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i)) != SQLITE_OK)
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

/* The parties as trygg ls gives them (a list: TG_VLIST), joined by U+001F,
 * a party's own U+001F a space. */
static const char *parties_join(struct buf *b, const struct tg_strlist *l)
{
	buf_reset(b);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(b, '\x1f');
		for (const char *c = l->v[i]; *c; c++)
			buf_addc(b, *c == '\x1f' ? ' ' : *c);
	}
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
		tgi_fts_build_add(r->fts, id, text);
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
void tgi_prepare_writes(struct refresh *r)
{
	if (r->prepared || r->rc)
		return;
	r->prepared = true;
	for (int i = 0; i < S_N && !r->rc; i++)
		r->rc = sqlite3_prepare_v3(r->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					   &r->st[i], NULL);
	for (size_t i = 0; tgi_district_tables[i] && !r->rc; i++) {
		char *q = xasprintf("DELETE FROM %s WHERE id BETWEEN ?1 AND ?2", tgi_district_tables[i]);
		r->rc = sqlite3_prepare_v3(r->db, q, -1, SQLITE_PREPARE_PERSISTENT, &r->del[i], NULL);
		free(q);
	}
}

void tgi_delete_district(struct refresh *r, long long did)
{
	long long from = did << ROW_BITS, to = from + (1LL << ROW_BITS) - 1;
	bind_int(r, r->st[S_FTS_DEL], 1, from);
	bind_int(r, r->st[S_FTS_DEL], 2, to);
	run(r, r->st[S_FTS_DEL]);
	for (size_t i = 0; tgi_district_tables[i]; i++) {
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
			bool decided = joint && j->decision;
			bind_text(r, st, 14, decided ? tg_decision_names[j->decision - 1] : NULL);
			bind_id(r, st, 15, joint ? j->rank : 0);
			bind_text(r, st, 16, joint ? j->rationale : NULL);
			bind_text(r, st, 17, joint ? j->decided_date : NULL);
			bind_text(r, st, 18, joint ? j->decided_by : NULL);
			long long sid = add_row(r, st);
			add_list(r, sa, did, sid, al, NULL, NULL);
			if (joint) {
				add_text(r, did, "joint", j->id, j->title);
				add_text(r, did, "decision", j->id, j->rationale);
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

/* Parameters 1 to 3: the district, the problem and the measure (NULL
 * for mid 0, a row of the problem's own). */
static void bind_owner(struct refresh *r, sqlite3_stmt *st, long long did, long long pid,
		       long long mid)
{
	bind_int(r, st, 1, did);
	bind_int(r, st, 2, pid);
	bind_id(r, st, 3, mid);
}

/* The local areas and the initiatives of a problem (mid 0) or of a
 * measure, which without its own has its problem's (inherited). */
static void insert_places(struct refresh *r, long long did, long long pid, long long mid,
			  const struct tg_strlist *areas, bool areas_inherited,
			  const struct tg_intlist *inits, bool inits_inherited)
{
	for (size_t i = 0; i < areas->n; i++) {
		sqlite3_stmt *st = r->st[S_PLACE];
		bind_owner(r, st, did, pid, mid);
		bind_int(r, st, 4, (long long)i + 1);
		bind_text(r, st, 5, areas->v[i]);
		bind_int(r, st, 6, areas_inherited);
		add_row(r, st);
	}
	for (size_t i = 0; i < inits->n; i++) {
		sqlite3_stmt *st = r->st[S_ILINK];
		bind_owner(r, st, did, pid, mid);
		bind_int(r, st, 4, inits->v[i]);
		bind_int(r, st, 5, inits_inherited);
		add_row(r, st);
	}
}

static void insert_measure(struct refresh *r, long long did, long long pid,
			   const struct tg_problem *pr, const struct tg_measure *m,
			   long long seq)
{
	struct buf areas = BUF_INIT, parties = BUF_INIT;
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
	bind_int(r, st, 13, tg_measure_is_open(m));
	bind_text(r, st, 14, tg_measure_overdue_after(m));
	bind_text(r, st, 15, parties_join(&parties, &m->responsible));
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
	insert_places(r, did, pid, mid, m->areas.n ? &m->areas : &pr->areas, !m->areas.n,
		      m->initiatives.n ? &m->initiatives : &pr->initiatives, !m->initiatives.n);
	add_text(r, did, "measure", m->id, m->text);
	buf_release(&areas);
	buf_release(&parties);
}

/* A reading of indicator ind_id (0: none of the problem's) of problem
 * pid, from a follow-up (fid) or the indicator's own (fid 0). */
static void insert_reading(struct refresh *r, long long did, long long pid, long long fid,
			   long long seq, const char *name, long long ind_id,
			   const char *date, double value, const char *note)
{
	sqlite3_stmt *st = r->st[S_READING];
	bind_int(r, st, 1, did);
	bind_id(r, st, 2, fid);
	bind_int(r, st, 3, seq);
	bind_text(r, st, 4, name);
	bind_real(r, st, 5, true, value);
	bind_int(r, st, 6, pid);
	bind_id(r, st, 7, ind_id);
	bind_text(r, st, 8, date);
	bind_text(r, st, 9, note);
	add_row(r, st);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* An indicator's verdict (lib/cycle.c) from every day on which it may
 * change, its readings' days and its target's: a row where it changes,
 * the first from '' (every day before). */
static void insert_verdicts(struct refresh *r, long long did, long long ind_id,
			    const struct tg_problem *pr, const struct tg_indicator *in)
{
	size_t n = 0;
	const char **days = xmalloc((in->n_readings + pr->n_followups + 1) * sizeof *days);
	for (size_t i = 0; i < in->n_readings; i++)
		days[n++] = in->readings[i].date;
	for (size_t i = 0; i < pr->n_followups; i++)
		if (pr->followups[i].date && pr->followups[i].n_readings)
			days[n++] = pr->followups[i].date;
	if (in->target.set && in->target.date)
		days[n++] = in->target.date;
	qsort(days, n, sizeof *days, cmp_str);
	int last = -1;
	for (size_t i = 0; i <= n; i++) {
		if (i && i < n && !strcmp(days[i], days[i - 1]))
			continue;
		/* before every day: as of a day before them all */
		const char *from = i ? days[i - 1] : "";
		enum tg_verdict v = tg_indicator_verdict(pr, in, i ? from : "0000-01-01", NULL);
		if ((int)v == last)
			continue;
		last = (int)v;
		sqlite3_stmt *st = r->st[S_VERDICT];
		bind_int(r, st, 1, did);
		bind_int(r, st, 2, ind_id);
		bind_text(r, st, 3, from);
		bind_text(r, st, 4, v == TG_V_NONE ? NULL : tg_verdict_names[v]);
		add_row(r, st);
	}
	free(days);
}

static void insert_followup(struct refresh *r, long long did, long long pid,
			    const struct tg_problem *pr, const struct tg_followup *f,
			    size_t k, long long seq, const long long *ind_ids)
{
	char buf[64];
	const char *fid = tg_followup_id(pr, k, buf, sizeof buf);
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
		long long ind_id = 0;
		for (size_t k = 0; k < pr->n_indicators; k++)
			if (pr->indicators[k].name && !strcmp(pr->indicators[k].name, f->readings[i].name))
				ind_id = ind_ids[k];
		insert_reading(r, did, pid, id, (long long)i + 1, f->readings[i].name, ind_id,
			       f->date, f->readings[i].value, NULL);
	}
	add_text(r, did, "followup", fid, f->done);
	add_text(r, did, "effect", fid, f->effect);
}

static void insert_problem(struct refresh *r, long long did, const struct tg_problem *pr,
			   long long seq, long long *mseq, long long *fseq)
{
	size_t open = 0;
	for (size_t i = 0; i < pr->n_measures; i++)
		if (tg_measure_is_open(&pr->measures[i]))
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
	long long *ind_ids = xcalloc(pr->n_indicators + 1, sizeof *ind_ids);
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
		struct tg_dated latest;
		bool has = tg_indicator_latest(pr, in, NULL, &latest);
		bind_real(r, is, 9, has, has ? latest.value : 0);
		bind_text(r, is, 10, has ? latest.date : NULL);
		bind_text(r, is, 11, in->id);
		bind_text(r, is, 12, in->unit ? tg_unit_names[in->unit - 1] : NULL);
		bind_text(r, is, 13, in->direction ? tg_direction_names[in->direction - 1] : NULL);
		bind_text(r, is, 14, in->source);
		ind_ids[i] = add_row(r, is);
		insert_verdicts(r, did, ind_ids[i], pr, in);
		for (size_t k = 0; k < in->n_readings; k++)
			insert_reading(r, did, pid, 0, (long long)k + 1, in->name, ind_ids[i],
				       in->readings[k].date, in->readings[k].value,
				       in->readings[k].note);
	}
	insert_places(r, did, pid, 0, &pr->areas, false, &pr->initiatives, false);
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
		insert_followup(r, did, pid, pr, &pr->followups[i], i, ++*fseq, ind_ids);
	free(ind_ids);
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
	size_t by[TG_NPHASES + 1][TG_NSTATUS] = { { 0 } };
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
			by[m->phase >= 1 && m->phase <= TG_NPHASES ? m->phase : 0][m->status]++;
			const char *after = tg_measure_overdue_after(m);
			if (after)
				due[n_due++] = tg_day_key(tg_day_number(after)) + 1;
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
			struct tg_dated rd;
			if (tg_indicator_latest(pr, in, NULL, &rd))
				latest = (struct tg_point){ true, rd.value, rd.date };
			long u = tg_track_until(&in->baseline, &in->target, &latest);
			if (u != TG_NEVER)
				until[n_until++] = u == TG_ALWAYS ? 1LL << TG_DAY_BITS
								 : tg_day_key(u) + 1;
			n_charted += in->baseline.set && in->target.set;
		}
	}
	for (int ph = 0; ph <= TG_NPHASES; ph++)
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

/* A citizen promise and its outcomes; its text is searched. */
static void insert_promise(struct refresh *r, long long did, const struct tg_promise *l,
			   long long seq)
{
	sqlite3_stmt *st = r->st[S_PROMISE];
	struct buf sig = BUF_INIT, meas = BUF_INIT;
	bind_int(r, st, 1, did);
	bind_text(r, st, 2, l->id);
	bind_int(r, st, 3, seq);
	bind_text(r, st, 4, l->text);
	bind_text(r, st, 5, l->from);
	bind_text(r, st, 6, l->to);
	bind_text(r, st, 7, strlist_join(&r->scratch, &l->signatories));
	bind_text(r, st, 8, parties_join(&sig, &l->signatories));
	bind_text(r, st, 9, strlist_join(&meas, &l->measures));
	long long lid = add_row(r, st);
	buf_release(&sig);
	buf_release(&meas);
	add_text(r, did, "promise", l->id, l->text);
	for (size_t i = 0; i < l->n_outcomes; i++) {
		const struct tg_outcome_entry *o = &l->outcomes[i];
		st = r->st[S_OUTCOME];
		bind_int(r, st, 1, did);
		bind_int(r, st, 2, lid);
		bind_int(r, st, 3, (long long)i + 1);
		bind_text(r, st, 4, o->date);
		bind_text(r, st, 5, tg_outcome_names[o->status]);
		bind_text(r, st, 6, o->text);
		add_row(r, st);
	}
}

void tgi_insert_district(struct refresh *r, long long did, const char *rel,
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
	for (size_t i = 0; i < p->n_promises; i++)
		insert_promise(r, did, &p->promises[i], (long long)i + 1);
	insert_counts(r, did, p);
	free(slug);
	free(stem);
	free(file_slug);
}

void tgi_insert_config(struct refresh *r)
{
	tgi_prepare_writes(r);
	tgi_exec(r->db, "DELETE FROM strategic_areas; DELETE FROM phases; DELETE FROM organisations;"
		 " DELETE FROM initiatives");
	const struct tg_config *c = r->cfg;
	for (size_t i = 0; i < c->n_areas; i++) {
		bind_int(r, r->st[S_SA], 1, c->areas[i].id);
		bind_text(r, r->st[S_SA], 2, c->areas[i].name);
		run(r, r->st[S_SA]);
	}
	for (size_t i = 0; i < c->n_inits; i++) {
		bind_int(r, r->st[S_INIT], 1, c->inits[i].id);
		bind_text(r, r->st[S_INIT], 2, c->inits[i].name);
		run(r, r->st[S_INIT]);
	}
	for (int i = 1; i <= TG_NPHASES; i++) {
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

void tgi_write_filerow(struct refresh *r, long long id, const char *rel,
			  const struct filerow *f, const char *error)
{
	tgi_prepare_writes(r);
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

void tgi_event(struct refresh *r, enum tg_index_event ev, const char *path)
{
	r->stats->by_event[ev]++;
	if (r->opts && r->opts->progress)
		r->opts->progress(r->opts->arg, ev, path);
}

void tgi_remove_file(struct refresh *r, const struct filerow *old)
{
	tgi_prepare_writes(r);
	char *path = xasprintf("%s/%s", r->ix->root, old->path);
	tgi_delete_district(r, old->id);
	bind_int(r, r->st[S_FILE_DEL], 1, old->id);
	run(r, r->st[S_FILE_DEL]);
	tgi_event(r, TG_IX_REMOVED, path);
	free(path);
}
