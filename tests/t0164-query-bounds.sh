#!/bin/bash
# Item 30: trygg query is bounded in time (10 s unless --timeout SECS) and
# in SQLite's memory (256 MiB), each with a clear error and exit 2; a
# query within the bounds runs.  (No timing is asserted: `timeout` only
# keeps a regression from hanging the suite.)
. "$SRCDIR/tests/lib.sh"

example_ws
expect "the index is built" 0 trygg -C ws index
forever="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"

expect "an endless recursive query, --timeout 1" 2 timeout 15 "$TRYGG" -C ws query --timeout 1 "$forever"
expect_stderr "says it hit the time limit" "ran longer than 1 s, its time limit"
expect_stderr "says how to change it" "--timeout SECS"
expect "the same with the default limit of 10 s" 2 timeout 20 "$TRYGG" -C ws query "$forever"
expect_stderr "names the default" "ran longer than 10 s, its time limit"
expect "a bounded recursive query within --timeout 1" 0 trygg -C ws query --timeout 1 \
	"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT count(*) AS n FROM c"
expect_stdout "runs" "1000"

# memory: SQLite's heap is limited to 256 MiB; a 200 MiB value fits
expect "a 200 MiB blob fits" 0 trygg -C ws query "SELECT length(randomblob(200 * 1024 * 1024)) AS n"
expect_stdout "its length" "209715200"
expect "a 300 MiB blob does not" 2 timeout 20 "$TRYGG" -C ws query "SELECT length(randomblob(300 * 1024 * 1024)) AS n"
expect_stderr "says it hit the memory limit" "more than 256 MiB of memory, its limit"
expect "a blob of 1e9 bytes neither" 2 timeout 10 "$TRYGG" -C ws query "SELECT length(randomblob(1e9))"
expect_stderr "with the same message" "more than 256 MiB of memory"

# --timeout takes plain decimal seconds
expect "--timeout 0.5" 0 trygg -C ws query --timeout 0.5 "SELECT 1 AS one"
expect "--timeout 0: no limit" 0 trygg -C ws query --timeout 0 "SELECT 1 AS one"
for bad in '' 0x10 -1 1e3 ' 5' 5s nan inf 86401; do
	expect "--timeout '$bad' is refused" 2 trygg -C ws query --timeout "$bad" "SELECT 1"
	expect_stderr "naming the option ('$bad')" "--timeout takes"
done
done_testing
