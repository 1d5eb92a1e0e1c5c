#!/bin/bash
# Item 13: no pre-scan of argv changes what an option receives.  --color
# is a global option before the command, and an option of `trygg report`
# (the one command that colours) parsed with its other options; a word
# "--color" elsewhere is a value like any other.
. "$SRCDIR/tests/lib.sh"

example_ws
cp ws/districts/angered.yaml angered.before

expect "--title --color --dry-run" 0 trygg -C ws plan add-problem Angered --title --color --dry-run
expect_stdout "the title is --color" 'title: "--color"'
expect_same "--dry-run was not taken for the title: nothing written" angered.before ws/districts/angered.yaml
cp angered.before ws/districts/angered.yaml
expect "--title --color=never --dry-run" 0 trygg -C ws plan add-problem Angered --title --color=never --dry-run
expect_stdout "the title is --color=never" 'title: "--color=never"'
expect_same "nothing written" angered.before ws/districts/angered.yaml
cp angered.before ws/districts/angered.yaml
expect "search for --color after --" 0 trygg -C ws search -- --color
expect "--color after a command that does not colour" 2 trygg -C ws ls measures --color=never
expect_stderr "is an unknown option of it" "unknown option '--color=never'"

# where it belongs, it still works
expect "--color=always before the command" 0 trygg --color=always -C ws report overdue --as-of 2015-06-01
expect_stdout "colours" $'\e['
expect "-C then --color=always before the command" 0 trygg -C ws --color=always report overdue --as-of 2015-06-01
expect_stdout "colours too" $'\e['
expect "--color=always among report's options" 0 trygg -C ws report overdue --as-of 2015-06-01 --color=always
expect_stdout "colours there" $'\e['
expect "--color alone among report's options" 0 trygg -C ws report overdue --color --as-of 2015-06-01
expect_stdout "means always" $'\e['
expect "report's --color=never wins over the global one" 0 trygg --color=always -C ws report overdue --as-of 2015-06-01 --color=never
check "no colour" sh -c '! grep -q "$(printf "\033")" "$TMP/.out"'
expect "a bad --color of report" 2 trygg -C ws report overdue --color=sometimes
expect_stderr "says what it takes" "--color takes auto, always or never, not 'sometimes'"
done_testing
