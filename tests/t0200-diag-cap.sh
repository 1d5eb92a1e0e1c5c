#!/bin/bash
# Many problems in one file: the first 100 messages are shown, then one
# line says how many more there are; each message costs the same however
# long the line it is on (issue 19, item 25).
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/t.yaml

# stderr_lacks TEXT: the last stderr does not contain TEXT
stderr_lacks() {
	! grep -qF -- "$1" "$TMP/.err"
}

# count_errors: the number of error lines about t.yaml in the last stderr
count_errors() {
	grep -c '^trygg: [^ ]*t\.yaml[:0-9]*: error: ' "$TMP/.err"
}

# 20,001 pairs with the same key in one flow mapping, on one line
awk 'BEGIN { print "schema: trygg/1"; print "district: X"; print "areas: [Norr]";
	printf "x-d: {"; for (i = 0; i < 20000; i++) printf "ab: 1, "; print "ab: 1}" }' >"$f"
cp "$f" before.yaml
expect "20,000 duplicate keys: exit 1" 1 trygg -C ws check "$f"
expect_stderr "the first duplicate is located" \
	"t.yaml:4:14: error: duplicate key 'ab' (first at line 4)"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" \
	"t.yaml: error: and 19900 more errors (trygg shows the first 100 messages of a file)"
expect_same "the file is unchanged" before.yaml "$f"

# 20,000 unknown keys (each with a suggestion to look for) on one line
awk 'BEGIN { printf "{schema: trygg/1, district: X, areas: [Norr]";
	for (i = 0; i < 20000; i++) printf ", k%d: 1", i; print "}" }' >"$f"
expect "20,000 unknown keys: exit 1" 1 trygg -C ws check "$f"
expect_stderr "the first unknown key is located" \
	"t.yaml:1:47: error: unknown key 'k0' in a district plan"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" \
	"t.yaml: error: and 19900 more errors (trygg shows the first 100 messages of a file)"

# messages on lines of their own keep their excerpt and caret
{
	echo 'schema: trygg/1'
	echo 'district: X'
	echo 'areas: [Norr]'
	for i in $(seq 1 150); do echo "k$i: 1"; done
} >"$f"
expect "150 unknown keys on lines of their own: exit 1" 1 trygg -C ws check "$f"
expect_stderr "the first is located" "t.yaml:4:1: error: unknown key 'k1' in a district plan"
expect_stderr "with the line it is on" "  k1: 1"
expect_stderr "the 100th is shown" "t.yaml:103:1: error: unknown key 'k100' in a district plan"
check "the 101st is not" stderr_lacks "unknown key 'k101'"
expect_stderr "the rest are counted" \
	"t.yaml: error: and 50 more errors (trygg shows the first 100 messages of a file)"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]

# exactly 100: all shown, no line about more
head -n 103 "$f" >g && mv g "$f"
expect "100 unknown keys: exit 1" 1 trygg -C ws check "$f"
check "all 100 are shown" [ "$(count_errors)" = 100 ]
check "and no line about more" stderr_lacks 'more errors'

# a file's cap does not hide the next file's messages
cp "$f" ws/districts/u.yaml
awk 'BEGIN { print "schema: trygg/1"; print "district: Y"; print "areas: [Norr]";
	for (i = 0; i < 300; i++) print "k" i ": 1" }' >ws/districts/t.yaml
printf 'schema: trygg/1\ndistrict: Z\nareas: [Norr]\nbad: 1\n' >ws/districts/v.yaml
expect "three bad files: exit 1" 1 trygg -C ws check
expect_stderr "the next file's message is there" "v.yaml:4:1: error: unknown key 'bad' in a district plan"
expect_stderr "the capped file says how many more" "t.yaml: error: and 200 more errors"
expect_stderr "the file of exactly 100 is whole" "u.yaml:103:1: error: unknown key 'k100'"

done_testing
