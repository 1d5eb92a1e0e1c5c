#!/bin/bash
# Every command's options come from one table (cmd/opt.h): the words are
# read once, left to right, and an option that takes a value takes the
# next word whatever it is; --color is a global option before the
# command word; an unknown option is named with the nearest known one;
# '--' ends the options; --help lists every option of the table.
. "$SRCDIR/tests/lib.sh"

example_ws
cp ws/districts/angered.yaml angered.before

# a value that looks like an option is the value
expect "plan set title=--help" 0 trygg -C ws plan set Angered P1 title=--help --dry-run
expect_stdout "the diff sets the title --help" '+    title: "--help"'
expect "add-measure --text --help" 0 trygg -C ws plan add-measure Angered --problem P1 \
	--phase 1 --text --help --dry-run
expect_stdout "the text is --help" 'text: "--help"'
expect "--opt=VALUE" 0 trygg -C ws plan add-problem Angered --title=--dry-run --dry-run
expect_stdout "the title is --dry-run" 'title: "--dry-run"'
expect_same "nothing written" angered.before ws/districts/angered.yaml

# -- ends the options
expect "-- then an option's name" 2 trygg -C ws plan add-problem Angered --dry-run -- --title
expect_stderr "it is an operand" "add-problem takes one district"
expect "search for the word --district" 0 trygg -C ws search -- --district
expect_no_stdout "finds nothing"

# --color before the command word, of any command
expect "--color=never before ls" 0 trygg --color=never -C ws ls measures --district Angered
expect_stdout "lists" "P1.M1"
expect "--color never: never is no value of it" 2 trygg --color never -C ws ls measures
expect_stderr "never is taken for the command" "'never' is not a trygg command"
expect "--color after a value-taking option of report" 0 trygg -C ws report overdue \
	--as-of 2015-06-01 --output --color
check "--color is the output file's name" test -s ./--color

# unknown options, missing values, values of options that take none: 2
expect "a misspelt option" 2 trygg -C ws check --quite
expect_stderr "is named with the nearest" "unknown option '--quite' (did you mean '--quiet'?)"
expect "a misspelt option of ls" 2 trygg -C ws ls measures --statu done
expect_stderr "suggests --status" "unknown option '--statu' (did you mean '--status'?)"
expect "an abbreviation is not the option" 2 trygg -C ws ls measures --stat done
expect_stderr "but suggests it" "(did you mean '--status'?)"
expect "--dry-run=yes" 2 trygg -C ws plan add-problem Angered --title T --dry-run=yes
expect_stderr "takes no value" "option '--dry-run' takes no value"
expect "a value missing at the end" 2 trygg -C ws plan add-problem Angered --title
expect_stderr "says so" "option '--title' needs a value"
expect_same "nothing written" angered.before ws/districts/angered.yaml

# short options
expect "-qh: -q then -h" 0 trygg check -qh
expect_stdout "help" "usage: trygg check"
expect "-Cws" 0 trygg -Cws district ls
expect_stdout "lists" "Angered"

# --help lists every option of the table
expect "search --help" 0 trygg search --help
expect_stdout "lists --no-refresh" "  --no-refresh"
expect_stdout "lists --format-version" "  --format-version 1"
expect "plan add-measure --help" 0 trygg plan add-measure --help
expect_stdout "lists --problem" "  --problem P"
expect_stdout "and the write options" "  --lock-timeout SECS"
done_testing
