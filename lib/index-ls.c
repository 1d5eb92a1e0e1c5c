/*
 * index-ls: the listings of `trygg ls` (lib/index.h): a view's rows that
 * pass the filters, in the order of the files or by a sort key.
 */
#include "index-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tg_ls_names[] = { "measures", "problems", "followups", "indicators",
	"promises", NULL };

struct sort_key {
	const char *name;
	const char *expr;        /* NULL: the default order */
	bool nulls_last;
};

static const struct sort_key measure_keys[] = {
	{ "district", NULL, false }, { "id", NULL, false },
	{ "phase", "v.phase", false },
	{ "term", "CASE v.term WHEN 'short' THEN 1 WHEN 'long' THEN 2"
		  " WHEN 'mobilisation' THEN 3 END", true },
	{ "kind", "v.kind COLLATE sv", true },
	{ "status", "CASE v.status WHEN 'proposed' THEN 0 WHEN 'planned' THEN 1"
		    " WHEN 'ongoing' THEN 2 WHEN 'done' THEN 3 ELSE 4 END", false },
	{ "due", "v.due", true },
	{ "responsible", "v.responsible COLLATE sv", false },
	{ "text", "v.text COLLATE sv", false },
	{ NULL, NULL, false },
};

static const struct sort_key problem_keys[] = {
	{ "district", NULL, false }, { "id", NULL, false },
	{ "title", "v.title COLLATE sv", false },
	{ "measures", "v.measures", false }, { "open", "v.open", false },
	{ "overdue", "v.overdue", false }, { "followups", "v.followups", false },
	{ NULL, NULL, false },
};

static const struct sort_key followup_keys[] = {
	{ "district", NULL, false }, { "id", NULL, false },
	{ "date", "v.date", false },
	{ NULL, NULL, false },
};

static const struct sort_key indicator_keys[] = {
	{ "district", NULL, false }, { "id", NULL, false },
	{ "name", "v.name COLLATE sv", false },
	{ "verdict", "CASE v.verdict WHEN 'not_met' THEN 0 WHEN 'off_track' THEN 1"
		     " WHEN 'no_reading' THEN 2 WHEN 'on_track' THEN 3 WHEN 'met' THEN 4 END", true },
	{ NULL, NULL, false },
};

static const struct sort_key promise_keys[] = {
	{ "district", NULL, false }, { "id", NULL, false },
	{ "from", "v.\"from\"", true }, { "to", "v.\"to\"", true },
	{ "outcome", "CASE v.outcome WHEN 'not_met' THEN 0 WHEN 'partly' THEN 1"
		     " WHEN 'met' THEN 2 END", true },
	{ NULL, NULL, false },
};

static const struct sort_key *const sort_tables[] = { measure_keys, problem_keys, followup_keys,
						      indicator_keys, promise_keys };

const char *tg_ls_view(enum tg_ls_what what)
{
	static const char *const views[] = { "measures_v", "problems_v", "followups_v",
					     "indicators_v", "promises_v" };
	return views[what];
}

/* The columns of a listing that are lists (trygg-ls(1): arrays in JSON),
 * as their items joined by U+001F (TG_VLIST).  The views join them with
 * ", ", which IDs and numbers cannot hold but names can: responsible
 * parties come from their own table (an item's own U+001F a space). */
static const struct ls_list {
	enum tg_ls_what what;
	const char *name, *expr;
	bool numbers;
} ls_lists[] = {
	/* a measure's parties, joined so when it was indexed (index-rows.c) */
	{ TG_LS_MEASURES, "responsible", "v.parties_", false },
	{ TG_LS_MEASURES, "strategic_areas", "replace(v.strategic_areas, ', ', char(31))", true },
	{ TG_LS_PROBLEMS, "strategic_areas", "replace(v.strategic_areas, ', ', char(31))", true },
	{ TG_LS_FOLLOWUPS, "measures", "replace(v.measures, ', ', char(31))", false },
	{ TG_LS_PROMISES, "signatories", "v.signers_", false },
	{ TG_LS_PROMISES, "measures", "replace(v.measures, ', ', char(31))", false },
};

/* "v.a, v.b, …": the columns of the listing what, for a select from its
 * view's _o twin; the lists (ls_lists) marked in *lists, a bit a column. */
static int view_columns(sqlite3 *db, enum tg_ls_what what, struct buf *b,
			unsigned long long *lists, unsigned long long *numbers)
{
	sqlite3_stmt *st;
	char *q = xasprintf("SELECT * FROM %s", tg_ls_view(what));
	int rc = sqlite3_prepare_v2(db, q, -1, &st, NULL);
	free(q);
	if (rc != SQLITE_OK)
		return rc;
	*lists = *numbers = 0;
	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i), *expr = NULL;
		bool num = false;
		for (size_t k = 0; k < sizeof ls_lists / sizeof *ls_lists; k++)
			if (ls_lists[k].what == what && !strcmp(ls_lists[k].name, name)) {
				expr = ls_lists[k].expr;
				num = ls_lists[k].numbers;
			}
		if (expr && i < 64)
			*lists |= 1ULL << i;
		if (expr && num && i < 64)
			*numbers |= 1ULL << i;
		if (expr && i < 64)
			buf_addf(b, "%s%s AS \"%s\"", i ? ", " : "", expr, name);
		else
			buf_addf(b, "%sv.\"%s\"", i ? ", " : "", name);
	}
	return sqlite3_finalize(st);
}

const char *const *tg_ls_sort_keys(enum tg_ls_what what)
{
	static const char *names[5][16];
	if (!names[what][0]) {
		const struct sort_key *k = sort_tables[what];
		for (size_t i = 0; k[i].name; i++)
			names[what][i] = k[i].name;
	}
	return names[what];
}

/* The filters of promises: outcome today, active on a day. */
static void where_promises(struct sqlq *q, const struct tg_ls *f)
{
	unsigned want = f->outcomes, behind = 1u << TG_PARTLY | 1u << TG_NOT_MET;
	if (f->off_track)
		want = want ? want & behind : behind;
	if ((f->outcomes || f->off_track) && !want)
		buf_adds(&q->sql, " AND 0");
	else if (want) {
		buf_adds(&q->sql, " AND v.outcome IN (");
		for (int k = TG_MET, first = 1; k <= TG_NOT_MET; k++)
			if (want & (1u << k)) {
				buf_adds(&q->sql, first ? "" : ", ");
				tgi_ix_q_val(q, false, 0, tg_outcome_names[k]);
				first = 0;
			}
		buf_addc(&q->sql, ')');
	}
	if (f->active) {
		buf_adds(&q->sql, " AND (v.\"from\" IS NULL OR v.\"from\" <= ");
		tgi_ix_q_val(q, false, 0, f->active);
		buf_adds(&q->sql, ") AND (v.\"to\" IS NULL OR v.\"to\" >= ");
		tgi_ix_q_val(q, false, 0, f->active);
		buf_addc(&q->sql, ')');
	}
}

/* The filters of f other than the districts and their ranks, as
 * " AND …" terms on the _o view v. */
static void where_filters(struct sqlq *q, const struct tg_ls *f)
{
	if (f->what == TG_LS_MEASURES) {
		if (f->phase) {
			buf_adds(&q->sql, " AND v.phase = ");
			tgi_ix_q_val(q, true, f->phase, NULL);
		}
		if (f->statuses) {
			buf_adds(&q->sql, " AND v.status IN (");
			bool first = true;
			for (int s = 0; s < TG_NSTATUS; s++)
				if (f->statuses & (1u << s)) {
					buf_adds(&q->sql, first ? "" : ", ");
					tgi_ix_q_val(q, false, 0, tg_status_names[s]);
					first = false;
				}
			buf_addc(&q->sql, ')');
		}
		if (f->responsible) {
			buf_adds(&q->sql, " AND (v.district, v.id) IN (SELECT district, measure"
				 " FROM responsible_v WHERE party = ");
			tgi_ix_q_val(q, false, 0, f->responsible);
			buf_adds(&q->sql, " COLLATE sv_ci)");
		}
		if (f->strategic_area) {
			buf_adds(&q->sql, " AND (v.district, v.id) IN (SELECT district, measure"
				 " FROM measure_areas_v WHERE strategic_area = ");
			tgi_ix_q_val(q, true, f->strategic_area, NULL);
			buf_addc(&q->sql, ')');
		}
		if (f->term) {
			buf_adds(&q->sql, " AND v.term = ");
			tgi_ix_q_val(q, false, 0, tg_term_names[f->term]);
		}
		if (f->kind) {
			buf_adds(&q->sql, " AND v.kind = ");
			tgi_ix_q_val(q, false, 0, tg_kind_names[f->kind]);
		}
		if (f->overdue) {
			buf_adds(&q->sql, " AND v.overdue_after_ < ");
			tgi_ix_q_val(q, false, 0, f->overdue);
		}
	} else if (f->what == TG_LS_PROBLEMS && f->strategic_area) {
		buf_adds(&q->sql, " AND (v.district, v.id) IN (SELECT d.name, p.pid"
			 " FROM problem_areas a JOIN problems p ON p.id = a.problem_id"
			 " JOIN districts d ON d.id = a.district_id WHERE a.area = ");
		tgi_ix_q_val(q, true, f->strategic_area, NULL);
		buf_addc(&q->sql, ')');
	} else if (f->what == TG_LS_INDICATORS && f->off_track) {
		buf_adds(&q->sql, " AND v.verdict IN ('off_track', 'not_met')");
	} else if (f->what == TG_LS_PROMISES) {
		where_promises(q, f);
	}
	if (f->what == TG_LS_MEASURES || f->what == TG_LS_PROBLEMS) {
		/* a problem's own rows have no measure */
		const char *sel = f->what == TG_LS_MEASURES ? "measure" : "problem";
		const char *own = f->what == TG_LS_MEASURES ? "" : " AND measure IS NULL";
		if (f->area) {
			buf_addf(&q->sql, " AND (v.district, v.id) IN (SELECT district, %s"
				 " FROM places_v WHERE area = ", sel);
			tgi_ix_q_val(q, false, 0, f->area);
			buf_addf(&q->sql, " COLLATE sv_ci%s)", own);
		}
		if (f->initiative) {
			buf_addf(&q->sql, " AND (v.district, v.id) IN (SELECT district, %s"
				 " FROM initiatives_v WHERE initiative = ", sel);
			tgi_ix_q_val(q, true, f->initiative, NULL);
			buf_addf(&q->sql, "%s)", own);
		}
	}
}

enum tg_status tg_index_ls(struct tg_index *ix, const struct tg_ls *f,
			   struct tg_cursor **out, struct tg_diags *d)
{
	*out = NULL;
	const struct sort_key *key = NULL;
	for (const struct sort_key *k = sort_tables[f->what]; k->name; k++)
		if (f->sort && !strcmp(k->name, f->sort))
			key = k;
	if (f->sort && !key) {
		struct buf hint = BUF_INIT;
		tg_diag_add(d, TG_SEV_ERROR, NULL, 0, 0, NULL, 0, 0,
			    "cannot sort %s by '%s'%s", tg_ls_names[f->what], f->sort,
			    tg_did_you_mean(&hint, f->sort, tg_ls_sort_keys(f->what)));
		buf_release(&hint);
		return TG_EUSAGE;
	}
	struct sqlq q = { .sql = BUF_INIT };
	buf_adds(&q.sql, "SELECT ");
	unsigned long long lists, numbers;
	int rc = view_columns(ix->db, f->what, &q.sql, &lists, &numbers);
	if (rc != SQLITE_OK) {
		buf_release(&q.sql);
		return tgi_ix_fail(ix, d, rc, "cannot read the index");
	}
	/* the _o view: the same rows, and the order of the files in rank_,
	 * did_, row_ (which the indexes give without a sort) */
	buf_addf(&q.sql, " FROM %.*s_o v WHERE 1", (int)strlen(tg_ls_view(f->what)) - 2,
		 tg_ls_view(f->what));
	char **slugs = xcalloc(f->n_districts + 1, sizeof *slugs);
	enum tg_status st = tgi_ix_q_districts(ix, &q, "v.district", "name", f->districts, f->n_districts, slugs, d);
	where_filters(&q, f);
	if (f->rank_from) {
		buf_adds(&q.sql, " AND v.rank_ >= ");
		tgi_ix_q_val(&q, true, f->rank_from, NULL);
	}
	if (f->rank_to) {
		buf_adds(&q.sql, " AND v.rank_ <= ");
		tgi_ix_q_val(&q, true, f->rank_to, NULL);
	}
	const char *dir = f->descending ? " DESC" : "";
	buf_adds(&q.sql, " ORDER BY ");
	if (key && key->expr) {
		if (key->nulls_last)
			buf_addf(&q.sql, "(%s) IS NULL, ", key->expr);
		buf_addf(&q.sql, "%s%s, v.rank_, v.did_, v.row_", key->expr, dir);
	} else {
		buf_addf(&q.sql, "v.rank_%s, v.did_%s, v.row_%s", dir, dir, dir);
	}
	if (st == TG_OK) {
		st = tgi_ix_q_run(ix, &q, out, d);
		if (st == TG_OK) {
			(*out)->lists = lists;
			(*out)->numbers = numbers;
		}
	} else {
		buf_release(&q.sql);
		free(q.v);
	}
	for (size_t i = 0; i < f->n_districts; i++)
		free(slugs[i]);
	free(slugs);
	return st;
}
