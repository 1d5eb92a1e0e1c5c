#!/bin/bash
# Item 14: a text value on the command line that a plan file cannot hold
# (C1 controls U+0080-U+009F, U+FFFE, U+FFFF, invalid UTF-8) is a usage
# error that names the option, exit 2, nothing written; not exit 65 with
# a message about a line of a file that was never written.
. "$SRCDIR/tests/lib.sh"

example_ws
cp ws/districts/angered.yaml angered.before

bad=(
	'\xc2\x80:U+0080' '\xc2\x85:U+0085' '\xc2\x9b:U+009B' '\xc2\x9f:U+009F'
	'\xef\xbf\xbe:U+FFFE' '\xef\xbf\xbf:U+FFFF'
	'\xff:a byte 0xFF' '\x80:a lone continuation byte' '\xed\xa0\x80:a surrogate'
	'\xc0\xaf:an overlong sequence' '\xe2\x82:a cut sequence'
)
for b in "${bad[@]}"; do
	v=$(printf "a${b%%:*}b")
	what=${b#*:}
	expect "--title with $what" 2 trygg -C ws plan add-problem Angered --title "$v"
	expect_stderr "names --title ($what)" "--title"
done
expect_stderr "says what is wrong" "not allowed in a text"
expect_same "nothing written" angered.before ws/districts/angered.yaml
cp angered.before ws/districts/angered.yaml

v=$(printf 'a\xc2\x9bb')
expect "--title=VALUE joined" 2 trygg -C ws plan add-problem Angered "--title=$v"
expect_stderr "names --title" "--title"
expect "a list item (--responsible)" 2 trygg -C ws plan add-measure Angered --problem P1 --text x --phase 1 --responsible "$v"
expect_stderr "names --responsible" "--responsible"
expect "plan set KEY=VALUE" 2 trygg -C ws plan set Angered P1 "title=$v"
expect_stderr "names the key" "'title'"
expect "situation add --title" 2 trygg -C ws situation add Angered --source police --title "$v"
expect_stderr "names it" "--title"
expect "followup record --done" 2 trygg -C ws followup record Angered --problem P1 --done "$v"
expect_stderr "names --done" "--done"
expect "district add NAME" 2 trygg -C ws district add "$v"
expect_stderr "names NAME" "NAME"
check "no district file made" test "$(ls ws/districts | wc -l)" = 2
expect_same "still nothing written" angered.before ws/districts/angered.yaml

# what is not text is not checked: a file name may hold any byte
expect "--output to a file whose name is not UTF-8" 0 trygg -C ws report plan Angered --output "$(printf 'r\xff.txt')"
check "the report is there" test -s "$(printf 'r\xff.txt')"
# and good text passes
expect "Swedish letters, emoji and a tab" 0 trygg -C ws plan add-problem Angered --dry-run --title "$(printf 'Åäö 😀\tx')"
done_testing
