#!/bin/bash
# Item 32: a line break or a tab in a plan file's name cannot forge lines
# or fields in district ls and index --verbose: they are shown escaped
# (\x0A, \x09), one line per plan file, five fields in district ls.
. "$SRCDIR/tests/lib.sh"

example_ws
forged=$'x\nForged\t9 areas\t9 problems\t9 measures\tdistricts/forged.yaml\ny.yaml'
forged=${forged//\//-}                  # no '/' in a file name
sed 's/^district: Angered$/district: Lövgärdet/' ws/districts/angered.yaml >"ws/districts/$forged"
check "the plan file with a line break and tabs in its name is there" test -f "ws/districts/$forged"
shown='x\x0AForged\x099 areas\x099 problems\x099 measures\x09districts-forged.yaml\x0Ay.yaml'

expect "district ls" 0 trygg -C ws district ls
check "one line per plan file" test "$(wc -l <"$TMP/.out")" = 3
check "five fields on every line" test -z "$(awk -F '\t' 'NF != 5' "$TMP/.out")"
expect_stdout "the name shown escaped" "$shown"
check "no line starts with the forged text" test -z "$(grep -a '^Forged\|^y\.yaml' "$TMP/.out")"
expect "district ls --format json" 0 trygg -C ws district ls --format json
expect_stdout "JSON keeps the name, in JSON's escapes" 'x\nForged\t9 areas'

expect "index --verbose" 0 trygg -C ws index --verbose
check "one line per plan file and the summary" test "$(wc -l <"$TMP/.out")" = 4
expect_stdout "the name shown escaped" "added      ws/districts/$shown"
check "no line starts with the forged text" test -z "$(grep -a '^Forged\|^y\.yaml' "$TMP/.out")"
expect_stdout "the summary counts three files" "3 files: 3 added"
done_testing
