#!/bin/bash
# --color=auto|always|never and NO_COLOR; never an escape in a pipe or file.
. "$SRCDIR/tests/lib.sh"

example_ws
esc=$'\x1b['
has_esc() { grep -qF "$esc" "$TMP/.out"; }

expect "in a pipe" 0 trygg -C ws report overdue --as-of 2015-06-01
check "no colour in a pipe" sh -c "! grep -qF '$esc' '$TMP/.out'"
expect "--color=always" 0 trygg -C ws report overdue --as-of 2015-06-01 --color=always
check "colours" has_esc
expect "--color=always beats NO_COLOR" 0 env NO_COLOR=1 "$TRYGG" --color=always -C ws report overview --as-of 2015-06-01
check "colours" has_esc
expect "--color=never" 0 trygg -C ws report overview --as-of 2015-06-01 --color=never
check "no colour" sh -c "! grep -qF '$esc' '$TMP/.out'"
expect "--color=always with --output" 0 trygg -C ws report overview --as-of 2015-06-01 --color=always --output ov.txt
check "never colours a file" sh -c "! grep -qF '$esc' ov.txt"
expect "--color=always --format md" 0 trygg -C ws report plan angered --format md --color=always
check "never colours markdown" sh -c "! grep -qF '$esc' '$TMP/.out'"
expect "a bad --color" 2 trygg --color=sometimes -C ws report overview
expect_stderr "says what it takes" "--color takes auto, always or never, not 'sometimes'"

if command -v script >/dev/null; then
	expect "auto on a terminal" 0 script -qec "'$TRYGG' -C ws report overdue --as-of 2015-06-01" /dev/null
	check "colours" has_esc
	expect "auto on a terminal with NO_COLOR" 0 env NO_COLOR=1 script -qec "'$TRYGG' -C ws report overdue --as-of 2015-06-01" /dev/null
	check "no colour" sh -c "! grep -qF '$esc' '$TMP/.out'"
	# TERM=dumb: a terminal that cannot show colour (Emacs' shell, scripts)
	expect "auto on a terminal with TERM=dumb" 0 env TERM=dumb script -qec "'$TRYGG' -C ws report overdue --as-of 2015-06-01" /dev/null
	check "no colour" sh -c "! grep -qF '$esc' '$TMP/.out'"
	expect "--color=always with TERM=dumb" 0 env TERM=dumb "$TRYGG" --color=always -C ws report overdue --as-of 2015-06-01
	check "colours" has_esc
fi

done_testing
