#!/bin/bash
# trygg log: the history of a district or one item, from git.
. "$SRCDIR/tests/lib.sh"

example_ws
expect "outside git: exit 2" 2 trygg -C ws log angered
expect_stderr "says so" "is not in a git repository; trygg log reads the history from git"
command -v git >/dev/null || done_testing
commit() { git -C ws -c user.name="$1" -c user.email=x@example.org commit -qam "$2" --date=2015-01-0"$3"T12:00:00 >/dev/null; }
git -C ws init -q
git -C ws add -A
commit "Anna Svensson" "Första planen" 1
trygg -C ws plan set angered P6.M4 status=done >/dev/null
trygg -C ws followup record angered --problem P6 --measure P6.M4 --done "Väktare inhyrda" --date 2015-01-10 >/dev/null
commit "Karl Polis" "Väktare på plats" 2
trygg -C ws plan add-measure angered --problem P2 --text "Nytt jobbtorg" --phase 2 >/dev/null
commit "Anna Svensson" "Jobbtorg" 3

expect "log of a district" 0 trygg -C ws log angered
expect_stdout "a commit line: date, author, subject" " Karl Polis: Väktare på plats"
expect_stdout "a status change" "P6.M4    status: ongoing → done"
expect_stdout "a follow-up" "P6.F2    follow-up 2015-01-10: Väktare inhyrda"
expect_stdout "an added measure" "P2.M4    added: Nytt jobbtorg"
expect_stdout "the first commit adds the problems" "P6       added: Social oro i Rannebergen centrum"
expect "log of one measure" 0 trygg -C ws log angered P6.M4
check "only its commits: the change and its creation" test "$(grep -c ': ' "$TMP/.out")" = 4
expect_stdout "its change" "P6.M4    status: ongoing → done"
check "nothing about other items" sh -c "! grep -q 'P2.M4' '$TMP/.out'"
expect "log of a problem" 0 trygg -C ws log angered P6
expect_stdout "includes its measures" "P6.M4    status: ongoing → done"
expect_stdout "and its follow-ups" "P6.F2"
expect "an ID never changed" 0 trygg -C ws log angered P99
expect_no_stdout "prints no commit"
expect "an unknown district: exit 66" 66 trygg -C ws log nowhere

done_testing
