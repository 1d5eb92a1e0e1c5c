/* priv.h: helpers shared inside libtrygg, not part of its interface. */
#ifndef TRYGG_PRIV_H
#define TRYGG_PRIV_H

#include "trygg.h"

#include <stdint.h>

/* " (did you mean '%s'?)": the msgid of a suggestion (lib/msg.c). */
const char *tgi_dym_fmt(void);

/* HTML for text and attribute values: < > & " ' as entities, controls
 * other than tab and newline as a space (lib/out/html.c). */
void tgi_html_esc(struct buf *b, const char *s);

/* An arena: many small allocations freed at once. */
struct tg_arena;
struct tg_arena *tg_arena_new(void);
void tg_arena_free(struct tg_arena *a);
void *tg_arena_alloc(struct tg_arena *a, size_t n);    /* zeroed */
char *tg_arena_strndup(struct tg_arena *a, const char *s, size_t n);
/* The most memory that reading and parsing a file of len bytes may take
 * (its bytes, its tree and its model, within TG_MAX_NODES): what the
 * index reads ahead is bounded by this sum, not by bytes alone. */
size_t tg_doc_cost(size_t len);

/* tg_doc_parse and tg_plan_parse of src (malloc()ed, NUL-terminated),
 * which the document takes over instead of copying: freed with it, or at
 * once when the parse fails. */
enum tg_status tg_doc_parse_owned(const char *path, char *src, size_t len,
				  struct tg_doc **out, struct tg_diags *d);
enum tg_status tg_plan_parse_owned(const char *path, char *src, size_t len,
				   const struct tg_config *cfg, struct tg_plan **out,
				   struct tg_diags *d);


/* FNV-1a of len bytes at data (lib/hash.c): 32 bits for the tables of
 * words in memory, 64 for the content hash of a file. */
uint32_t tg_hash32(const void *data, size_t len);
unsigned long long tg_hash64(const void *data, size_t len);

/* A line of a text (its newline included) and its tg_hash64, for the line
 * diffs (lib/diff.c, lib/diff3.c). */
struct tgi_line {
	const char *s;
	size_t len;
	unsigned long long h;
};
/* The lines of s[0..len) (free() the array); the last may lack its newline. */
struct tgi_line *tgi_split_lines(const char *s, size_t len, size_t *n);
/* The same bytes? (the hashes first) */
bool tgi_line_eq(const struct tgi_line *a, const struct tgi_line *b);

/* Today, YYYY-MM-DD, local time, into out (returned). */
const char *tgi_today(char out[11]);
/* Follow-up id (P6.F1: its own ID in trygg/2, its place in trygg/1) of
 * plan p, and its problem in *owner (may be NULL); NULL when none. */
const struct tg_followup *tgi_plan_followup(const struct tg_plan *p, const char *id,
					    const struct tg_problem **owner);
/* Is id of a follow-up's form (P6.F1)?  The second: an error when not. */
bool tgi_is_followup_id(const char *id);
enum tg_status tgi_want_followup(const char *id, struct tg_diags *d);
/* A new measure's history: one entry, of status (NULL: proposed), dated
 * date (NULL: today).  lib/op-set.c. */
struct tg_val *tgi_history_new(const char *date, const char *status);
/* Measure id's status set to status (a contract value; NULL: the key
 * removed, which is proposed); a change recorded by tg_op_history, dated
 * date (NULL: today). */
enum tg_status tgi_measure_status(struct tg_edit *e, const char *id, const char *status,
				  const char *date, struct tg_diags *d);

/* An empty plain scalar, `~` or `null`: a key that says nothing. */
bool tg_node_null(const struct tg_node *n);

/* Line (1-based) and character column (1-based) of byte offset off. */
/* The key merge matches titles by: folded, or a synonym group's (merge.c). */
char *tgi_merge_title_key(const struct tg_config *cfg, const char *title);
/* Levenshtein's distance on bytes, a swap of neighbours one edit
 * (lib/diag.c); (size_t)-1 when either is over 64 bytes. */
size_t tgi_distance(const char *a, const char *b);
void tg_locate(const char *src, size_t len, size_t off, unsigned *line,
	       unsigned *col);

/* A pipe: work(arg, i) runs for the items i = 0 … n-1, in order, on
 * `threads` worker threads (lib/pipe.c), while the caller takes the
 * results in the same order: tg_pipe_wait(p, i) returns when item i is
 * done, tg_pipe_release(p, i) says the caller is through with it.  Workers
 * run ahead by a few items, and by at most `budget` in cost[] (one item is
 * always allowed).  With no threads, tg_pipe_wait does the work itself.
 * tg_pipe_end stops the workers (an item being done is finished) and
 * frees the pipe. */
struct tg_pipe;
struct tg_pipe *tg_pipe_start(size_t n, void (*work)(void *arg, size_t i), void *arg,
			      const size_t *cost, size_t budget, int threads);
void tg_pipe_wait(struct tg_pipe *p, size_t i);
void tg_pipe_release(struct tg_pipe *p, size_t i);
void tg_pipe_end(struct tg_pipe *p);

/* The example workspace, built in (examples/embed.py writes it): each
 * file's path in the workspace and its bytes; a NULL path ends the list. */
struct tg_example_file {
	const char *path;
	const unsigned char *data;
	size_t len;
};
extern const struct tg_example_file tg_example_files[];

/* lib/readfile.c: two states of a file show the same content (device,
 * inode, size, modification time); the kind of a file that is no regular
 * one ("a named pipe"), for messages. */
struct stat;
bool tg_same_state(const struct stat *a, const struct stat *b);
const char *tg_file_kind(unsigned mode);

/* lib/lockfile.c: give the new file or folder fd the owner and group of
 * orig, the one it replaces (root may; a user only a group of theirs).
 * What cannot be kept is a warning about path, unless d is NULL; true
 * when both are kept. */
bool tg_keep_owner(int fd, const char *path, const struct stat *orig, struct tg_diags *d);

/* Is the file at path still as it was read (st, from tg_read_file_st), and
 * was it then no half-written version?  TG_SETTLED when it is the same
 * file in the same state (inode, size, mtime, ctime) and no process has it
 * open for writing (a read lease, see readfile.c); TG_CHANGED when it is
 * not (read it again); TG_WRITING when a process kept it open for writing
 * for half a second of waiting.  Where that cannot be known, a file that
 * changed (mtime or ctime) less than TG_SETTLE_NS ago is waited for until
 * it is that old, then looked at again. */
#define TG_SETTLE_NS (50LL * 1000000LL)
enum tg_settled { TG_SETTLED, TG_CHANGED, TG_WRITING };
enum tg_settled tg_file_settled(const char *path, const struct stat *st);

/* Checks for YAML that libyaml 0.2.5 accepts and the YAML spec refuses
 * (lib/strict.c), on the bytes of the NUL-terminated text s around the
 * positions libyaml reports.  Each returns false with the offending byte
 * in *at and the reason in msg.
 *   gap: no '#' right after a token in bytes [from, to) between events
 *        (first: the first byte of the text, after any BOM);
 *   lines: each line that begins inside [start, end) and continues `what`
 *        (a flow collection, or quoted text), begun on line `line`, has at
 *        least `need` spaces (in a flow collection, comment lines need none);
 *   block_scalar: the header of the '|' or '>' scalar at start, and its
 *        leading empty lines against its first line of text. */
bool tg_strict_gap(const char *s, size_t first, size_t from, size_t to, size_t *at,
		   struct buf *msg);
bool tg_strict_lines(const char *s, size_t len, size_t start, size_t end, unsigned need,
		     const char *what, bool flow, unsigned line, size_t *at, struct buf *msg);
bool tg_strict_block_scalar(const char *s, size_t len, size_t start, unsigned need,
			    size_t *at, struct buf *msg);

/* The IDs of the items an edit batch holds back (lib/edit-batch.c):
 * pointers into them, in a new array of *n. */
const char **tgi_batch_ids(const struct tg_edit *e, size_t *n);

/* The indicator of pr a follow-up's reading names: by its ID, or by its
 * name (trygg/1 names them so; trygg/2 takes both); NULL for none
 * (lib/model.c). */
const struct tg_indicator *tgi_reading_indicator(const struct tg_problem *pr, const char *key);

#endif
