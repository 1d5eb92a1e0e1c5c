#!/bin/bash
# trygg query: read-only SQL over the index's views, parameters, the output
# formats, Swedish collation, refused writes, and a refresh running while
# another process queries.
. "$SRCDIR/tests/lib.sh"

example_ws

# The steering group's question, as in trygg-query(1).
overdue_sql="SELECT district, id, due, responsible, text FROM measures_v
 WHERE phase = 1 AND due < :date AND status NOT IN ('done', 'cancelled')
   AND (district, id) IN (SELECT district, measure FROM responsible_v
                          WHERE party = 'Polisen')
 ORDER BY district COLLATE sv, seq"
expect "the overdue question" 0 trygg -C ws query "$overdue_sql" --param date=2015-06-01
expect_stdout "a header" "district         id     due         responsible"
expect_stdout "Angered's" "Angered          P4.M1  2015-03-31  Polisen"
expect_stdout "Västra Hisingen's" "Västra Hisingen  P3.M2  2015-01-31  Polisen, Familjebostäder"
check "five in all" test "$(wc -l <"$TMP/.out")" = 6
expect "the same from ls" 0 trygg -C ws ls measures --phase 1 --responsible Polisen \
	--overdue=2015-06-01 --format csv
check "five rows" test "$(sed 1d "$TMP/.out" | wc -l)" = 5

expect "measures per strategic area" 0 trygg -C ws query \
	"SELECT strategic_area, name, count(*) AS measures FROM measure_areas_v
	 GROUP BY strategic_area ORDER BY strategic_area" --format csv
expect_stdout "area 7" '"7","Otrygghet och utsatthet för brott","32"'
expect "named by all three sources" 0 trygg -C ws query \
	"SELECT district, id, title FROM situation_v WHERE source = 'joint' AND n_sources = 3
	 ORDER BY district COLLATE sv" --format csv
expect_stdout "littering in Angered" '"Angered","S1","Nedskräpning"'

# Parameters.
expect ":NAME" 0 trygg -C ws query "SELECT :a || '-' || @b || '-' || \$c AS x" \
	--param a=1 --param b=två --param c=3
expect_stdout_is ":NAME, @NAME, \$NAME" "x
1-två-3"
expect "?N by number" 0 trygg -C ws query "SELECT ?1 + ?2 AS sum" --param 1=40 --param 2=2
expect_stdout "text values compare as numbers with numbers" "42"
expect "a parameter without a value" 2 trygg -C ws query "SELECT :x"
expect_stderr "names it" "parameter :x has no value"
expect "a value for no parameter" 2 trygg -C ws query "SELECT 1" --param x=1
expect_stderr "says so" "the statement has no parameter 'x'"
expect "--param without =" 2 trygg -C ws query "SELECT :x" --param x
expect_stderr "says so" "--param takes NAME=VALUE"

# Formats and types.
expect "JSON" 0 trygg -C ws query "SELECT 1 AS i, 0.5 AS r, NULL AS n, 'a\"b' || char(10, 1) AS s,
	x'00ff' AS b, 'Öst' AS t" --format json
expect_stdout_is "numbers as numbers, null, control characters escaped" \
	'{"format": "trygg", "version": 1, "kind": "query", "items": [
  {"i": 1, "r": 0.5, "n": null, "s": "a\"b\n\u0001", "b": "x'"'"'00ff'"'"'", "t": "Öst"}
]}'
expect "CSV" 0 trygg -C ws query "SELECT -5 AS n, '-5' AS t, '=1+1' AS f, '@x' AS a, NULL AS z,
	'' AS e" --format csv
expect_stdout_is "a header; text that looks like a formula neutralised, numbers not" \
	"\"n\",\"t\",\"f\",\"a\",\"z\",\"e\"
\"-5\",\"'-5\",\"'=1+1\",\"'@x\",,\"\""
expect "integers at their limits" 0 trygg -C ws query "SELECT -9223372036854775807 - 1 AS lo,
	9223372036854775807 AS hi, 0 AS z, -1 AS m, 10 AS t, 1e3 AS r" --format csv
expect_stdout_is "written in full, as SQLite writes them" "\"lo\",\"hi\",\"z\",\"m\",\"t\",\"r\"
\"-9223372036854775808\",\"9223372036854775807\",\"0\",\"-1\",\"10\",\"1000.0\""
expect "Markdown" 0 trygg -C ws query "SELECT 'a|b' AS x, 2 AS n" --format md
expect_stdout_is "a table" "| x | n |
|---|---:|
| a\\|b | 2 |"
expect "text" 0 trygg -C ws query "SELECT 'Åsa' AS namn, 10 AS n UNION ALL SELECT 'Ö', 2"
expect_stdout_is "aligned by characters" "namn   n
Åsa   10
Ö      2"

# Swedish order and case.
expect "COLLATE sv" 0 trygg -C ws query "SELECT group_concat(v, ' ') AS v FROM
	(SELECT column1 AS v FROM (VALUES ('ö'), ('Å'), ('z'), ('ä'), ('a'), ('Ä'), ('o'))
	 ORDER BY v COLLATE sv)"
expect_stdout_is "… z å ä ö, case-insensitive first, lower case first" "v
a o z Å ä Ä ö"
expect "lower() and upper()" 0 trygg -C ws query "SELECT lower('ÅÄÖ É') AS l, upper('åäö é') AS u"
expect_stdout "know Swedish letters" "åäö é  ÅÄÖ É"
expect "COLLATE sv_ci" 0 trygg -C ws query "SELECT 'Öst' = 'öST' COLLATE sv_ci AS same"
expect_stdout "equal in any case" "1"

# SQL from standard input.
expect "SQL from stdin" 0 sh -c 'echo "SELECT count(*) AS n FROM measures_v" | "$TRYGG" -C ws query -'
expect_stdout_is "is run" " n
60"

# Writes are refused, with exit 2, and the index stays as it was.
expect "index" 0 trygg -C ws index
cp ws/.trygg/index.sqlite before.sqlite
refuse() {
	expect "refused: $1" 2 trygg -C ws query --no-refresh "$1"
	expect_stderr "says why: $1" "$2"
}
refuse "DELETE FROM measures" "refused: DELETE statements are not allowed; the index is read-only"
refuse "UPDATE measures SET status = 'done'" "refused: UPDATE statements are not allowed"
refuse "INSERT INTO files (path) VALUES ('x')" "refused: INSERT statements are not allowed"
refuse "DROP VIEW measures_v" "refused: DROP statements are not allowed"
refuse "DROP TABLE measures" "refused: DROP statements are not allowed"
refuse "CREATE TABLE x (a)" "refused: CREATE statements are not allowed"
refuse "CREATE TEMP TABLE x (a)" "refused: CREATE statements are not allowed"
refuse "ATTACH 'other.db' AS o" "refused: ATTACH statements are not allowed"
refuse "PRAGMA user_version = 7" "refused: PRAGMA user_version with a value is not allowed"
refuse "PRAGMA journal_mode = DELETE" "refused: PRAGMA journal_mode with a value"
refuse "PRAGMA writable_schema = 1" "refused: PRAGMA writable_schema with a value"
refuse "SELECT load_extension('x')" "refused: function load_extension() is not allowed"
refuse "WITH d AS (SELECT 1) DELETE FROM files" "refused: DELETE statements are not allowed"
refuse "INSERT INTO texts_fts (texts_fts) VALUES ('rebuild')" "refused: INSERT statements"
refuse "BEGIN" "refused: BEGIN statements are not allowed"
refuse "VACUUM" "refused: VACUUM statements are not allowed"
refuse "SELECT 1; DELETE FROM measures" "one statement at a time"
refuse "UPDATE sqlite_master SET sql = ''" "sqlite_master may not be modified"
expect_same "the index is unchanged" before.sqlite ws/.trygg/index.sqlite
expect "and still answers" 0 trygg -C ws query "SELECT count(*) AS n FROM measures_v"
expect_stdout_is "in full" " n
60"
expect "reading pragmas is fine" 0 trygg -C ws query "PRAGMA user_version" --format csv
expect_stdout_is "the schema version" "\"user_version\"
\"$(sed -n 's/^#define TG_INDEX_VERSION //p' "$SRCDIR/lib/index.h")\""
expect "PRAGMA table_info" 0 trygg -C ws query "PRAGMA table_info(measures_v)" --format csv
expect_stdout "lists the view's columns" '"overdue"'
expect "an SQL error" 2 trygg -C ws query "SELEKT 1"
expect_stderr "is SQLite's message" "SQL: near \"SELEKT\": syntax error"
expect "no such table" 2 trygg -C ws query "SELECT * FROM nosuch"
expect_stderr "says so" "no such table: nosuch"
expect "no SQL" 2 trygg -C ws query ""
expect_stderr "says so" "no SQL statement given"
expect "two arguments" 2 trygg -C ws query "SELECT 1" "SELECT 2"
expect_stderr "asks for one" "give the SQL as one argument"

# A refresh while another process reads: neither fails.
{
	for _ in 1 2 3 4 5 6 7 8; do
		"$TRYGG" -C ws index --rebuild || echo "rebuild failed: $?"
	done >rebuild.log 2>&1
} &
bad=0
for i in $(seq 1 16); do
	if [ $((i % 2)) = 0 ]; then nr=--no-refresh; else nr=; fi
	# shellcheck disable=SC2086
	out=$("$TRYGG" -C ws query $nr "SELECT count(*) FROM measures_v" --format csv 2>&1) ||
		{ bad=1; echo "# query $i failed: $out"; }
	[ "$out" = '"count(*)"
"60"' ] || { bad=1; echo "# query $i: $out"; }
	sed -i "s/Hyra in .*väktare/Hyra in väktare $i/" ws/districts/angered.yaml
done
wait
check "every query during rebuilds succeeded with whole answers" test "$bad" = 0
check "every rebuild succeeded" test ! -s rebuild.log
expect "the last edit is there" 0 trygg -C ws search väktare
expect_stdout "after the rebuilds" "Hyra in väktare 16"

if [ -w /dev/full ]; then
	expect "a failed write is exit 74" 74 sh -c '"$TRYGG" -C ws query "SELECT * FROM measures_v" >/dev/full'
fi

# A workspace the user may read but not write (another user's, a
# read-only mount), and no cache folder to keep an index of one's own in
# (t0244 has one): SQLite cannot make the -shm file beside the index, and
# the index is read as it is.  Root may write anywhere: run as nobody.
example_ws
expect "an index" 0 trygg -C ws index
check "and no WAL files once it is closed" test ! -e ws/.trygg/index.sqlite-shm
chmod -R a+rX,a-w ws
chmod a+rx "$TMP"
as_reader() { env HOME=/nonexistent XDG_CACHE_HOME= "$@"; }
if [ "$(id -u)" = 0 ]; then
	as_reader() {
		HOME=/nonexistent XDG_CACHE_HOME= \
			setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	}
fi
if ! as_reader "$TRYGG" --version >/dev/null 2>&1; then
	# the build is where nobody may not go (a private home folder)
	ok "a workspace read-only to its user # SKIP cannot run trygg as nobody"
	chmod -R u+w ws
	done_testing
fi
expect "--no-refresh reads it" 0 as_reader "$TRYGG" -C ws ls measures --no-refresh --format csv
expect_stdout "whole" '"Angered","P6","Social oro i Rannebergen centrum","P6.M4","Hyra in väktare"'
expect "a read with a refresh reads it too" 0 as_reader "$TRYGG" -C ws search väktare
expect_stdout "the hit" "Hyra in väktare"
expect_stderr "saying it could not update it" "cannot update the index (not allowed to write it); using it as it is"
expect "a query" 0 as_reader "$TRYGG" -C ws query --no-refresh "SELECT count(*) AS n FROM measures_v" --format csv
expect_stdout_is "counts" '"n"
"60"'
check "and nothing is written beside it" test ! -e ws/.trygg/index.sqlite-shm -a ! -e ws/.trygg/index.sqlite-wal
chmod -R u+w ws

# without an index, and no right to make one: exit 73, saying who can
rm -r ws/.trygg
chmod -R a-w ws
expect "no index and no right to make one: exit 73" 73 as_reader "$TRYGG" -C ws ls measures
expect_stderr "says how it gets one" "cannot create the index folder: Permission denied (the index is built by someone who may write to the workspace, with trygg index)"
check "nothing made" test ! -e ws/.trygg
chmod -R u+w ws
mkdir ws/.trygg
chmod -R a-w ws
expect "an index folder without the index, no right to write it: exit 73" 73 as_reader "$TRYGG" -C ws ls measures
expect_stderr "says so too" "ws/.trygg/index.sqlite: error: cannot create the index: Permission denied (the index is built by"
chmod -R u+w ws

done_testing
