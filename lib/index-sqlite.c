/*
 * index-sqlite: what trygg adds to each SQLite connection (the Swedish
 * collations, lower() and upper(), the tokenizer) and what SQLite's codes
 * mean as a tg_status.
 */
#include "index-build.h"
#include "fts-sv.h"

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
void tgi_register_functions(sqlite3 *db, bool analyze)
{
	tgi_fts_sv_register(db, analyze);
	static int up = 1;
	sqlite3_create_collation(db, "sv", SQLITE_UTF8, NULL, coll_sv);
	sqlite3_create_collation(db, "sv_ci", SQLITE_UTF8, NULL, coll_sv_ci);
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	sqlite3_create_function(db, "lower", 1, flags, NULL, fn_case, NULL, NULL);
	sqlite3_create_function(db, "upper", 1, flags, &up, fn_case, NULL, NULL);
}

/* ---- errors ------------------------------------------------------------- */

bool tgi_is_damage(int rc)
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

enum tg_status tgi_ix_status(int rc)
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

enum tg_status tgi_ix_fail(struct tg_index *ix, struct tg_diags *d, int rc,
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
	else if (tgi_is_damage(rc))
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "the index is damaged (%s); build it anew with 'trygg index --rebuild'",
			    msg);
	else
		tg_diag_add(d, TG_SEV_ERROR, ix->path, 0, 0, NULL, 0, 0,
			    "%s: %s", doing, msg);
	return tgi_ix_status(rc);
}
