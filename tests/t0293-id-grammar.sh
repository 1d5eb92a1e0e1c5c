#!/bin/bash
# One ID grammar for files and options (trygg-plan(5), IDS AND REFERENCES):
# a letter, then a number from 1 without sign or leading zero, of at most
# 9 digits.  A file holding a longer number is refused as --id refuses it,
# and new IDs stop, with an error, before they would leave the grammar.
. "$SRCDIR/tests/lib.sh"

trygg init ws >/dev/null 2>&1
plan() {
	cat >ws/districts/provby.yaml <<Y
schema: trygg/1
district: Provby
problems:
- id: $1
  title: Klotter
  measures:
  - id: $2
    text: Sanera
    phase: 1
Y
}

plan P999999999 P999999999.M999999999
expect "nine digits are an ID" 0 trygg -C ws check ws/districts/provby.yaml
expect "--id refuses ten digits" 2 trygg -C ws plan add-problem provby --title x --id P1000000000
expect_stderr "… naming the form" "id 'P1000000000' is not of the form P<number>"
cp ws/districts/provby.yaml before.yaml

expect "a new problem after P999999999: exit 65" 65 trygg -C ws plan add-problem provby --title Nytt
expect_stderr "… saying the numbers are used up" "error: no new ID after P999999999: an ID has at most 9 digits"
expect "a new measure after P999999999.M999999999: exit 65" 65 \
	trygg -C ws plan add-measure provby --problem P999999999 --text Ny --phase 1
expect_stderr "… saying so" "error: no new ID after P999999999.M999999999"
expect_same "the file is untouched" before.yaml ws/districts/provby.yaml

plan P12345678901 P12345678901.M1
expect "a problem ID of 11 digits in a file: exit 1" 1 trygg -C ws check ws/districts/provby.yaml
expect_stderr "… at its place, with the limit" \
	"provby.yaml:4:7: error: bad id 'P12345678901' for a problem (expected P<number>, e.g. P1, an ID number has at most 9 digits)"

plan P1 P1.M1000000000
expect "a measure ID of 10 digits in a file: exit 1" 1 trygg -C ws check ws/districts/provby.yaml
expect_stderr "… with the limit" "bad id 'P1.M1000000000' for a measure of P1 (expected P1.M<number>, e.g. P1.M1, an ID number has at most 9 digits)"
cp ws/districts/provby.yaml before.yaml
expect "and an edit of such a file is refused: exit 65" 65 \
	trygg -C ws plan set provby P1 title=Ny
expect_same "… the file untouched" before.yaml ws/districts/provby.yaml

done_testing
