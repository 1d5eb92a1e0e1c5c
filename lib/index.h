/*
 * index.h: the SQLite index of a workspace, .trygg/index.sqlite.
 *
 * The plan files are the truth; the index is derived from them and answers
 * cross-district questions fast.  Its schema (tables, and the views that
 * are its stable interface) is documented in trygg-index(7); its version is
 * TG_INDEX_VERSION, kept in PRAGMA user_version, and an index of another
 * version is rebuilt.
 *
 * The protocol of a read command:
 *
 *	tg_index_open(ws, TG_INDEX_WRITE, &ix, d);   creates or repairs it
 *	tg_index_refresh(ix, cfg, &opts, &stats, d); brings it up to date
 *	tg_index_free(ix);
 *	tg_index_open(ws, TG_INDEX_READ, &ix, d);    read-only, reads only
 *	tg_index_ls(ix, &q, &cur, d);                or _search, _query
 *	while (tg_cursor_step(cur, &row, d) == TG_OK && row) … tg_cursor_text …
 *	tg_cursor_free(cur);
 *	tg_index_free(ix);
 *
 * A refresh is one transaction: a file whose size and mtime are unchanged
 * is not read (unless its mtime is too recent to trust: then its content
 * hash decides); a changed file is parsed and its rows replaced; a deleted
 * file's rows go.  A file that fails to load is reported in d, its old rows
 * stay, flagged stale, and the refresh returns TG_EDATA after indexing the
 * rest.  Files are read one at a time, so memory does not grow with the
 * number of districts.  The database is in WAL mode with a busy timeout, so
 * a refresh and readers in other processes do not disturb each other.
 *
 * Strings a cursor returns live until its next step.  The handles are
 * owned by the caller and freed with their *_free (NULL is a no-op).
 */
#ifndef TRYGG_INDEX_H
#define TRYGG_INDEX_H

#include "trygg.h"

#define TG_INDEX_VERSION 10
#define TG_INDEX_APP_ID 0x54727967     /* "Tryg" in PRAGMA application_id */
#define TG_INDEX_PATH ".trygg/index.sqlite"  /* below the workspace root */

/* day_counts: a district's counts that change with the day a report is
 * for, each a step function of the day.  A row's id is the district's
 * range (file id << 32), what << TG_DAY_BITS, and the day's key; the count
 * as of a day is in the row with the largest id from the range's start of
 * what up to the day's key (none: 0). */
enum tg_day_count {
	TG_DC_OVERDUE,     /* open measures due before the day */
	TG_DC_ON_TRACK,    /* indicators on track on the day */
	TG_DC_INDICATORS,  /* all indicators, at key 0 */
	TG_DC_CHARTED,     /* indicators with a baseline and a target, at key 0 */
};
#define TG_DAY_BITS 28
/* The key of a day (tg_day_number): days since 0000-03-01, from 0 to
 * 2^TG_DAY_BITS - 2. */
long long tg_day_key(long day);

struct tg_index;
struct tg_cursor;

enum tg_index_mode {
	TG_INDEX_READ,     /* read-only; statements that write are refused */
	TG_INDEX_WRITE,    /* for tg_index_refresh; creates the file, and
			    * replaces one that is not a valid index */
};

/* Open the index of ws.  It is ws->root/.trygg/index.sqlite when the user
 * may write .trygg/ (or create it); else the one in the user's cache
 * (tg_index_cache_path): always for TG_INDEX_WRITE, which creates its
 * folders (0700), and for TG_INDEX_READ when there is one there, so that
 * read commands work in a workspace they may only read.
 * TG_INDEX_READ: TG_ENOINPUT when there is no index, TG_EDATA when the
 * file is not an index of this version (refresh it).  TG_INDEX_WRITE: a
 * file that is not an SQLite database, or another application's, is
 * deleted and created anew with a warning in d; TG_ECREAT when neither
 * place can be written. */
enum tg_status tg_index_open(const struct tg_workspace *ws, enum tg_index_mode mode,
			     struct tg_index **out, struct tg_diags *d);
void tg_index_free(struct tg_index *ix);
/* Absolute path of the index file. */
const char *tg_index_path(const struct tg_index *ix);
/* Is the index in the user's cache, not in the workspace (see
 * tg_index_open)? */
bool tg_index_in_cache(const struct tg_index *ix);
/* Where the index of the workspace at root (an absolute path) is kept
 * when its user may not write root/.trygg/ (caller frees; NULL when there
 * is no cache folder, neither $XDG_CACHE_HOME nor $HOME being an absolute
 * path): $XDG_CACHE_HOME/trygg/NAME-HASH/index.sqlite, NAME the folder's
 * name as tg_slug makes it (at most 40 bytes), HASH the FNV-1a hash of
 * root in 16 hex digits; $XDG_CACHE_HOME defaults to $HOME/.cache. */
char *tg_index_cache_path(const char *root);

/* What happened to each file in a refresh (for --verbose). */
enum tg_index_event {
	TG_IX_UNCHANGED,   /* size and mtime as indexed: not read */
	TG_IX_SAME,        /* read (changed stat or racy), same content */
	TG_IX_ADDED,
	TG_IX_UPDATED,
	TG_IX_REMOVED,
	TG_IX_FAILED,      /* did not load: old rows kept, flagged stale */
};

struct tg_index_opts {
	bool rebuild;      /* drop everything and index every file */
	/* called once per plan file (path absolute; may be NULL) */
	void (*progress)(void *arg, enum tg_index_event ev, const char *path);
	void *arg;
};

struct tg_index_stats {
	size_t files;      /* plan files in districts/ */
	size_t by_event[TG_IX_FAILED + 1];
	bool created;      /* there was no index file before */
	bool rebuilt;      /* the schema was made anew (new, --rebuild,
			    * another version, or a damaged file) */
};

/* Bring the index up to date with the workspace's files (see above).
 * cfg is the workspace's loaded trygg.yaml.  TG_OK, TG_EDATA when a plan
 * file failed to load (the rest is indexed), TG_EBUSY when another process
 * kept the index locked too long, TG_EIO or TG_ECREAT on I/O trouble. */
enum tg_status tg_index_refresh(struct tg_index *ix, const struct tg_config *cfg,
				const struct tg_index_opts *opts,
				struct tg_index_stats *stats, struct tg_diags *d);

/* ---- reading: cursors over the rows of one statement ------------------ */

/* TG_VLIST, TG_VNUMLIST: a list of texts or of numbers of a listing
 * (tg_index_ls), its items joined by U+001F */
enum tg_vtype { TG_VNULL, TG_VINT, TG_VREAL, TG_VTEXT, TG_VBLOB, TG_VLIST, TG_VNUMLIST };

/* Run one SQL statement (TG_INDEX_READ only).  params are "NAME=VALUE"
 * strings bound as text to :NAME, @NAME or $NAME (or ?N by its number).
 * Refused with TG_EUSAGE and a clear message: more than one statement, a
 * statement that would write (INSERT, UPDATE, DELETE, DROP, CREATE,
 * ATTACH, PRAGMA with a value, …), a parameter without a value or a value
 * for no parameter; SQL errors are TG_EUSAGE too. */
enum tg_status tg_index_query(struct tg_index *ix, const char *sql,
			      const char *const *params, size_t n_params,
			      struct tg_cursor **out, struct tg_diags *d);

/* The bounds of a statement someone wrote (trygg query), from now on: its
 * run stops after seconds (0: no limit), and SQLite's heap, in the whole
 * process, may not grow beyond TG_QUERY_HEAP_LIMIT bytes.  A statement
 * that goes beyond either fails (in tg_index_query or tg_cursor_step)
 * with TG_EUSAGE and a message that names the limit. */
#define TG_QUERY_TIMEOUT 10                  /* seconds, trygg query's default */
#define TG_QUERY_HEAP_LIMIT (256LL << 20)    /* 256 MiB */
void tg_index_bound(struct tg_index *ix, double seconds);

size_t tg_cursor_ncols(const struct tg_cursor *c);
const char *tg_cursor_name(const struct tg_cursor *c, size_t col);
/* Move to the next row: *row is false at the end. */
enum tg_status tg_cursor_step(struct tg_cursor *c, bool *row, struct tg_diags *d);
/* The value of col in the current row as text (NULL for SQL NULL; a blob
 * as x'…' hex). */
const char *tg_cursor_text(struct tg_cursor *c, size_t col);
/* The same, and its type in *type: one look at the value for both. */
const char *tg_cursor_value(struct tg_cursor *c, size_t col, enum tg_vtype *type);
/* The value of col as a number (0 for NULL or text that is none), without
 * the round trip through text that tg_cursor_text makes of numbers. */
double tg_cursor_num(struct tg_cursor *c, size_t col);
enum tg_vtype tg_cursor_type(struct tg_cursor *c, size_t col);
void tg_cursor_free(struct tg_cursor *c);

/* ---- cross-district listings (trygg ls) ------------------------------ */

enum tg_ls_what { TG_LS_MEASURES, TG_LS_PROBLEMS, TG_LS_FOLLOWUPS, TG_LS_INDICATORS,
		  TG_LS_PROMISES };
/* measures problems followups indicators promises */
extern const char *const tg_ls_names[];

/* Filters combine with AND; a zero field does not filter.  A filter that
 * does not apply to the listing (phase for problems) is ignored: the
 * command line refuses it. */
struct tg_ls {
	enum tg_ls_what what;
	const char *const *districts;  /* by name or file stem, any case */
	size_t n_districts;
	int phase;                     /* measures: 1..3 */
	unsigned statuses;             /* measures: bits 1 << tg_mstatus */
	const char *responsible;       /* measures: a party, any case */
	int strategic_area;            /* measures (own or the problem's),
					* problems */
	enum tg_term term;             /* measures */
	enum tg_mkind kind;            /* measures */
	const char *overdue;           /* measures: due before this date and
					* neither done nor cancelled */
	const char *area;              /* measures (their own local areas or
					* their problem's), problems: a local
					* area, any case */
	int initiative;                /* measures (own or the problem's),
					* problems: one of the Police's
					* initiatives, by id */
	bool off_track;                /* indicators: verdict off_track or
					* not_met today; promises: outcome
					* partly or not_met today */
	unsigned outcomes;             /* promises: bits 1 << tg_outcome of
					* their outcome today */
	const char *active;            /* promises: from on or before this
					* date, to on or after it */
	const char *sort;              /* one of tg_ls_sort_keys(what) */
	bool descending;
	long long rank_from, rank_to;  /* only the districts of these places
					* in name order (1, 2, …); 0: no bound */
};

/* The number of districts in the index. */
enum tg_status tg_index_count_districts(struct tg_index *ix, long long *n,
					struct tg_diags *d);

/* A number that changes whenever the index's content does (every write
 * of the index changes its files' rows), for two connections to tell
 * whether they read the same index. */
enum tg_status tg_index_fingerprint(struct tg_index *ix, unsigned long long *fp,
				    struct tg_diags *d);

/* Read the index as it is now until tg_index_hold_end: every query in
 * between sees the same index (one read transaction). */
enum tg_status tg_index_hold(struct tg_index *ix, struct tg_diags *d);
void tg_index_hold_end(struct tg_index *ix);

/* The view a listing reads (measures_v, problems_v, followups_v,
 * indicators_v, promises_v) and the
 * keys it sorts by (NULL-terminated); the default order is by district in
 * Swedish order, then as in the files. */
const char *tg_ls_view(enum tg_ls_what what);
const char *const *tg_ls_sort_keys(enum tg_ls_what what);

/* The rows of the view that pass q, every column of the view.  An unknown
 * district or sort key is TG_EUSAGE. */
enum tg_status tg_index_ls(struct tg_index *ix, const struct tg_ls *q,
			   struct tg_cursor **out, struct tg_diags *d);

/* ---- full-text search (trygg search) -------------------------------- */

struct tg_search {
	const char *text;              /* words; a trailing * makes a prefix */
	const char *const *districts;
	size_t n_districts;
	long limit;                    /* 0: no limit */
};

/* Problem titles, causes, goals, sub-goals, measures and follow-ups that
 * hold every word, best first.  Columns: district, id, kind, text, score. */
enum tg_status tg_index_search(struct tg_index *ix, const struct tg_search *q,
			       struct tg_cursor **out, struct tg_diags *d);

#endif
