#!/bin/bash
# Item 22: a named pipe where a plan file or a CSV file is expected never
# blocks a command in open(): it is refused as "not a regular file" (exit
# 66, input missing, as for any plan or CSV file that cannot be opened).
# Before, check, district ls, report plan, situation merge --all and every
# write to the district waited forever for a writer to the pipe.
. "$SRCDIR/tests/lib.sh"

example_ws
mkfifo ws/districts/x.yaml
mkfifo pipe.csv

# each run is cut off after 30 s (60 s under valgrind, which starts
# slowly): 124 is "blocked".  A blocked open() waits forever, so the limit
# only has to stay above what a run takes on a loaded machine (ls builds
# the index first: 3 s was too little at a load of 50).
limit=30
[ -n "${TRYGG_VALGRIND:-}" ] && limit=60
t() { timeout "$limit" "$TRYGG" "$@"; }

expect "check" 66 t -C ws check
expect_stderr "…names the pipe" "x.yaml: error: not a regular file (a named pipe)"
expect "check of the pipe" 66 t -C ws check ws/districts/x.yaml
expect "district ls" 66 t -C ws district ls
expect_stderr "…names the pipe" "x.yaml: error: not a regular file (a named pipe)"
expect "report plan x" 66 t -C ws report plan x
expect "situation merge --all" 66 t -C ws situation merge --all
expect "plan add-problem x" 66 t -C ws plan add-problem x --title Prov
expect "plan import of a pipe" 66 t -C ws plan import angered pipe.csv
expect_stderr "…names the pipe" "pipe.csv: error: not a regular file (a named pipe)"
expect "situation import of a pipe" 66 t -C ws situation import angered --source survey pipe.csv
expect "a write elsewhere is not held up" 0 t -C ws plan set angered P6.M2 status=ongoing
expect "nor is ls, which says the pipe is no plan file (exit 65)" 65 t -C ws ls measures --district angered
expect_stderr "…naming the pipe" "x.yaml: error: not a regular file (a named pipe)"
check "the pipe is still a pipe" test -p ws/districts/x.yaml

done_testing
