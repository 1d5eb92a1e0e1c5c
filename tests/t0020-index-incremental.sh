#!/bin/bash
# The index (.trygg/index.sqlite): counts equal the files', hand edits show
# up in the next read command without 'trygg index' (also two edits in one
# mtime tick), deleted and broken files, a damaged or missing index, and
# --rebuild.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
v=ws/districts/vastra-hisingen.yaml

# q SQL: run a query as CSV without the header (and without refreshing
# when NOREFRESH is set).
q() {
	run "$TRYGG" -C ws query ${NOREFRESH:+--no-refresh} --format csv "$1"
	sed 1d "$TMP/.out" | tr -d '"'
}

# Counts from the files themselves, per district: problems, measures,
# follow-ups.
counts() {
	for f in "$a" "$v"; do
		printf '%s,%s,%s,%s\n' "$(sed -n 's/^district: //p' "$f")" \
			"$(grep -cE '^  - id: P[0-9]+ *$' "$f")" \
			"$(grep -cE '^ +- id: P[0-9]+\.M[0-9]+ *$' "$f")" \
			"$(grep -cE '^ +- date: ' "$f")"
	done
}

expect "index builds the index" 0 trygg -C ws index
expect_no_stdout "quietly"
check "in .trygg/index.sqlite" test -s ws/.trygg/index.sqlite
counts >want
q "SELECT district, problems, measures,
	(SELECT count(*) FROM followups_v f WHERE f.district = d.district)
	FROM districts_v d ORDER BY district COLLATE sv" >got
expect_same "counts in the index equal the counts in the files" want got
check "the example has 8 problems and 47 measures in Angered" grep -qx 'Angered,8,47,4' got
expect "ls measures" 0 trygg -C ws ls measures --format csv
check "one row per measure of the files" test "$(sed 1d "$TMP/.out" | wc -l)" = 60
expect "ls problems" 0 trygg -C ws ls problems --format csv
check "one row per problem of the files" test "$(sed 1d "$TMP/.out" | wc -l)" = 12
# the schema version is lib/index.h's, which trygg-index(7) states
version=$(sed -n 's/^#define TG_INDEX_VERSION //p' "$SRCDIR/lib/index.h")
check "the user_version is the schema version" test "$(q 'PRAGMA user_version')" = "$version"
check "trygg-index(7) states it" grep -q "user_version\* holds the version of the schema, \*$version\*" \
	"$SRCDIR/man/trygg-index.7.scd"

expect "index --verbose" 0 trygg -C ws index --verbose
expect_stdout "names each file" "unchanged  ws/districts/angered.yaml"
expect_stdout "and a summary" "2 files: 0 added, 0 updated, 2 unchanged, 0 removed, 0 failed"

# A file edited by hand shows up in the next ls, without 'trygg index'.
sed -i 's/^        text: Hyra in väktare$/        text: Hyra in fler väktare/' "$a"
expect "ls after a hand edit" 0 trygg -C ws ls measures --district angered --format csv
expect_stdout "shows the edit" "Hyra in fler väktare"
expect "index --verbose after the edit" 0 trygg -C ws index --verbose
expect_stdout "the edited file was read already" "unchanged  ws/districts/angered.yaml"

# Edited twice within one mtime tick: the second edit keeps size and
# mtime, but the index looked at the file within that tick, so the content
# hash decides ("racily clean").  The mtime is set a minute ahead, so that
# the index looks "within the tick" however slowly this test runs (as
# under valgrind).
expect "index" 0 trygg -C ws index
status_p1m1() {
	expect "$1" 0 trygg -C ws query \
		"SELECT status FROM measures_v WHERE district = 'Angered' AND id = 'P1.M1'"
}
sed -i '0,/^        status: ongoing$/s//        status: planned/' "$a"
touch -d '+1 minute' "$a"
touch -r "$a" ref
status_p1m1 "query after the first edit"
expect_stdout "sees it" "planned"
size=$(stat -c %s "$a")
sed -i '0,/^        status: planned$/s//        status: done   /' "$a"
touch -r ref "$a"
check "the second edit kept the size" test "$(stat -c %s "$a")" = "$size"
check "and the mtime, to the nanosecond" test "$(stat -c %y "$a")" = "$(stat -c %y ref)"
status_p1m1 "query after a second edit with the same size and mtime"
expect_stdout "sees it too" "done"

# An old mtime is trusted: a file changed behind trygg's back with the same
# size and mtime is not read (that is the price of a stat per file) until
# --rebuild.
touch -d '2020-01-01 12:00:00' "$v"
expect "index with an old mtime" 0 trygg -C ws index
sed -i 's/Dålig belysning/Dålig belysnin_/' "$v"
touch -d '2020-01-01 12:00:00' "$v"
expect "query" 0 trygg -C ws query "SELECT title FROM problems_v WHERE id = 'P4'
	AND district = 'Västra Hisingen'"
expect_stdout "an unchanged size and old mtime: not read" "Dålig belysning"
expect "index --rebuild" 0 trygg -C ws index --rebuild --verbose
expect_stdout "reads every file" "added      ws/districts/vastra-hisingen.yaml"
expect_stdout "and says so" "index rebuilt"
expect "query" 0 trygg -C ws query "SELECT title FROM problems_v WHERE id = 'P4'
	AND district = 'Västra Hisingen'"
expect_stdout "sees the change" "Dålig belysnin_"

# A new district appears; a deleted one disappears.
sed 's/^district: Angered$/district: Kortedala/' "$a" >ws/districts/kortedala.yaml
expect "ls with a new district" 0 trygg -C ws ls problems --district kortedala --format csv
check "lists its problems" test "$(sed 1d "$TMP/.out" | wc -l)" = 8
rm ws/districts/kortedala.yaml
expect "ls after the file is deleted" 2 trygg -C ws ls problems --district kortedala
expect_stderr "the district is gone" "no district 'kortedala'"
check "and its rows" test "$(q "SELECT count(*) FROM measures_v WHERE district = 'Kortedala'")" = 0
check "and its text" test "$(q "SELECT count(*) FROM texts WHERE district_id NOT IN
	(SELECT id FROM districts)")" = 0

# A broken file is reported; the rest is indexed; its old rows stay.
cp "$v" v.good
sed -i 's/^        phase: 1$/        phase: fyra/' "$v"
sed -i 's/Hyra in fler väktare/Hyra in ännu fler väktare/' "$a"
expect "index with a broken file: exit 65" 65 trygg -C ws index
expect_stderr "names file, line and column" "ws/districts/vastra-hisingen.yaml:"
expect_stderr "and what is wrong" "error: "
expect_stderr "says the old rows are kept" "the index keeps the rows of this file's last good version"
expect "ls goes on with exit 65" 65 trygg -C ws ls measures --format csv
expect_stdout "the rest was indexed" "Hyra in ännu fler väktare"
expect_stdout "the broken file's old rows are kept" "Västra Hisingen"
check "flagged stale" test "$(NOREFRESH=1 q "SELECT stale FROM districts_v
	WHERE district = 'Västra Hisingen'")" = 1
check "with the error" grep -q "vastra-hisingen" <<<"$(NOREFRESH=1 q "SELECT file FROM districts_v WHERE error IS NOT NULL")"
cp v.good "$v"
expect "fixed: exit 0" 0 trygg -C ws index
check "no longer stale" test "$(q "SELECT stale FROM districts_v
	WHERE district = 'Västra Hisingen'")" = 0
printf 'schema: trygg/1\ndistrict: [\n' >ws/districts/trasig.yaml
expect "a new file that never loaded: exit 65" 65 trygg -C ws ls problems --format csv
expect_stderr "is reported with its place" "ws/districts/trasig.yaml:3:1: error:"
check "the others are listed" test "$(sed 1d "$TMP/.out" | wc -l)" = 12
rm ws/districts/trasig.yaml
# A file added later comes after the others in the index's table but
# before them by path: the refresh puts them in order again.
sed 's/^district: Västra Hisingen$/district: Askim/' "$v" >ws/districts/askim.yaml
expect "a new file first by path" 0 trygg -C ws index --verbose
expect_stdout "is added" "added      ws/districts/askim.yaml"
expect "and then" 0 trygg -C ws index --verbose
expect_stdout "nothing changed" "3 files: 0 added, 0 updated, 3 unchanged, 0 removed, 0 failed"
rm ws/districts/askim.yaml
expect "removed" 0 trygg -C ws index --verbose
expect_stdout "is removed" "2 files: 0 added, 0 updated, 2 unchanged, 1 removed, 0 failed"

# The index deleted, damaged or of another version is rebuilt.
rm -rf ws/.trygg
expect "ls without an index" 0 trygg -C ws ls problems --format csv
expect_stderr "warns in one line" "warning: there was no index; building"
check "and lists" test "$(sed 1d "$TMP/.out" | wc -l)" = 12
printf 'this is not a database\n' >ws/.trygg/index.sqlite
rm -f ws/.trygg/index.sqlite-wal ws/.trygg/index.sqlite-shm
expect "ls with junk for an index" 0 trygg -C ws ls problems --format csv
expect_stderr "warns" "not a valid index"
check "and lists" test "$(sed 1d "$TMP/.out" | wc -l)" = 12
check "the warning is one line" test "$(wc -l <"$TMP/.err")" = 1
head -c 100000 /dev/urandom >ws/.trygg/index.sqlite
expect "ls with random bytes for an index" 0 trygg -C ws ls measures --format csv
check "lists" test "$(sed 1d "$TMP/.out" | wc -l)" = 60
head -c 100000 /dev/urandom >ws/.trygg/index.sqlite
expect "--no-refresh with a damaged index builds it all the same" 0 \
	trygg -C ws ls measures --no-refresh --format csv
check "and lists" test "$(sed 1d "$TMP/.out" | wc -l)" = 60
expect "index" 0 trygg -C ws index
python3 -c 'import os, sys
n = os.path.getsize(sys.argv[1]) // 4096
with open(sys.argv[1], "r+b") as f:
    f.seek(2 * 4096); f.write(os.urandom((n - 2) * 4096))' ws/.trygg/index.sqlite
expect "index --rebuild with an index damaged inside" 0 trygg -C ws index --rebuild
expect_stderr "warns" "building it anew"
check "and all is there" test "$(q 'SELECT count(*) FROM measures_v')" = 60
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit()' \
	ws/.trygg/index.sqlite
expect "an index of another version" 0 trygg -C ws ls measures --format csv
check "is rebuilt" test "$(q 'PRAGMA user_version')" = "$version"
check "and lists" test "$(q 'SELECT count(*) FROM measures_v')" = 60

# --no-refresh uses the index as it is.
sed -i 's/Hyra in ännu fler väktare/Hyra in väktare/' "$a"
expect "--no-refresh" 0 trygg -C ws ls measures --no-refresh --district angered
expect_stdout "shows the index as it was" "Hyra in ännu fler väktare"
expect "without it" 0 trygg -C ws ls measures --district angered
expect_stdout "the edit" "Hyra in väktare"

expect "help index" 0 env MANPAGER=cat PAGER=cat "$TRYGG" help index
expect_stdout "shows trygg-index(7), the schema" "measures_v"
expect "index takes no arguments" 2 trygg -C ws index angered
expect "index outside a workspace" 2 sh -c 'cd / && "$TRYGG" index'

# Many files are read and parsed on worker threads while the rows are
# written in order: the index is the same with no worker, one or many.
for i in $(seq -w 1 40); do
	sed "s/^district: .*/district: Distrikt $i/" "$a" > "ws/districts/d$i.yaml"
done
sed -i 's/^      title: \(.*\)$/      title: [\1/' ws/districts/d17.yaml    # broken
dump() {
	for view in districts_v problems_v measures_v followups_v situation_v readings_v; do
		q "SELECT * FROM $view ORDER BY district, seq" | grep -v '^ws/' || true
	done
	q "SELECT district, id FROM (SELECT d.name AS district, t.ref AS id, t.seq AS seq
	   FROM texts_fts JOIN texts t ON t.id = texts_fts.rowid JOIN districts d ON
	   d.id = t.district_id WHERE texts_fts MATCH 'väktare') ORDER BY district, seq"
}
for n in 0 1 4; do
	expect "index --rebuild with $n worker threads" 65 env TRYGG_THREADS=$n "$TRYGG" -C ws index --rebuild
	expect_stderr "reports the broken file ($n)" "ws/districts/d17.yaml:"
	dump > "$TMP/dump-$n"
done
check "one worker: the same index as none" cmp "$TMP/dump-0" "$TMP/dump-1"
check "four workers: the same index as none" cmp "$TMP/dump-0" "$TMP/dump-4"
check "with every district but the broken one" \
	test "$(q 'SELECT count(*) FROM districts_v')" = 41
check "the texts are found" grep -q "^Distrikt 40,P" "$TMP/dump-0"
# The full-text index is built with FTS5 settings of its own (larger
# segments, fewer merges), which the index does not keep: the refreshes
# after it have FTS5's defaults.
check "the index keeps none of the build's FTS5 settings" \
	test "$(q 'SELECT group_concat(k) FROM texts_fts_config')" = version
# A file in the middle changes: its rows, and only its, are replaced.
sed -i 's/Hyra in väktare/Hyra in fler väktare/' ws/districts/d20.yaml
expect "index after an edit in the middle" 65 env TRYGG_THREADS=4 "$TRYGG" -C ws index
dump > "$TMP/dump-edit"
check "changes the rows of that district only" \
	test "$(diff "$TMP/dump-0" "$TMP/dump-edit" | grep -c '^[<>]')" -gt 0 -a \
	"$(diff "$TMP/dump-0" "$TMP/dump-edit" | grep '^[<>]' | grep -vc 'Distrikt 20')" = 0
rm ws/districts/d*.yaml

# A build killed before its end leaves its full-text file (.fts-PID): the
# next full build removes it when that process is gone, not while it runs.
dead=4000000
while kill -0 $dead 2>/dev/null; do dead=$((dead + 1)); done
: >ws/.trygg/index.sqlite.fts-$dead
: >ws/.trygg/index.sqlite.fts-$$
expect "a full build" 0 trygg -C ws index --rebuild
check "removes the file of a build that was killed" test ! -e ws/.trygg/index.sqlite.fts-$dead
check "keeps the file of a build that still runs" test -e ws/.trygg/index.sqlite.fts-$$
check "and leaves no file of its own" \
	test "$(ls ws/.trygg | grep -c fts-)" = 1

done_testing
