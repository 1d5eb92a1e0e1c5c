#!/bin/bash
# Item 12: `-h` or `--help` as an option's value or as an operand is that
# value, not a request for help; the command runs with its workspace (it
# crashed with SIGSEGV when main skipped loading the workspace on seeing
# `-h` anywhere on the line).
. "$SRCDIR/tests/lib.sh"

example_ws
cp ws/districts/angered.yaml angered.before

expect "search for '-h' after --" 0 trygg -C ws search -- -h
expect "search for '--help' after --" 0 trygg -C ws search -- --help
expect "ls with --responsible -h" 0 trygg -C ws ls measures --responsible -h
expect "ls with --responsible --help" 0 trygg -C ws ls measures --responsible --help
expect_no_stdout "lists nobody called --help"
expect "add-problem --title -h --dry-run" 0 trygg -C ws plan add-problem Angered --title -h --dry-run
expect_stdout "the diff has the title -h" 'title: "-h"'
expect "add-problem --title --help --dry-run" 0 trygg -C ws plan add-problem Angered --title --help --dry-run
expect_stdout "the diff has the title --help" 'title: "--help"'
expect "report --output -h" 0 trygg -C ws report plan Angered --output -h
check "the report went to the file named -h" test -s ./-h
expect_same "no plan file changed" angered.before ws/districts/angered.yaml

# --help itself still needs no workspace, and still wins over a bad one
mkdir empty
expect "ls --help outside a workspace" 0 trygg -C empty ls --help
expect_stdout "shows the usage" "usage: trygg ls"
expect "plan add-problem --help outside a workspace" 0 trygg -C empty plan add-problem --help
expect_stdout "shows its usage" "usage: trygg plan"
expect "a command without a workspace still says so" 2 trygg -C empty ls measures
expect_stderr "names the folder" "not a trygg workspace"
done_testing
