#!/bin/bash
# Item 32: when the plan file is written but the new ID (or district
# add's path) cannot be printed (standard output is a full disk), the exit
# status is 74 and the message says that the file was written, so that a
# retrying script does not add the measure twice.
. "$SRCDIR/tests/lib.sh"

[ -w /dev/full ] || { echo "1..0 # SKIP no /dev/full"; exit 0; }
not_in() { ! grep -q -- "$1" "$2"; }
example_ws
expect "add-measure > /dev/full" 74 sh -c '"$TRYGG" -C ws plan add-measure Angered --problem P6 --text "Till fulla disken" --phase 1 >/dev/full'
check "the measure is in the file" grep -q "Till fulla disken" ws/districts/angered.yaml
expect_stderr "the message says the file was written" "districts/angered.yaml was written"
check "and says it once" test "$(grep -c 'standard output' "$TMP/.err")" = 1
check "the measure is in the file once" test "$(grep -c 'Till fulla disken' ws/districts/angered.yaml)" = 1
expect "a dry run > /dev/full" 74 sh -c '"$TRYGG" -C ws plan add-problem Angered --title y --dry-run >/dev/full'
check "does not say it wrote" not_in "was written" "$TMP/.err"
expect "district add > /dev/full" 74 sh -c '"$TRYGG" -C ws district add Kortedala >/dev/full'
check "the plan file is there" test -f ws/districts/kortedala.yaml
expect_stderr "the message says the file was written" "districts/kortedala.yaml was written"
check "and says it once" test "$(grep -c 'standard output' "$TMP/.err")" = 1
done_testing
