#!/bin/bash
# The bounds of docs/security.md at their edge: files of exactly the size
# limit (16 MiB) in the worst shapes known.  Heavy: suite 'slow'.
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/t.yaml
max=16777216

# a hang guard, not a timing: the fixed code needs a few seconds here
guard=25
[ -z "${TRYGG_VALGRIND:-}" ] || guard=3000

# pad FILE: fill FILE up to exactly $max bytes with a comment line
pad() {
	local size
	size=$(stat -c %s "$1")
	if [ $((max - size)) -ge 2 ]; then
		{ printf '#'; head -c $((max - size - 2)) /dev/zero | tr '\0' ' '; echo; } >>"$1"
	elif [ $((max - size)) = 1 ]; then
		echo >>"$1"
	fi
}

count_errors() {
	grep -c '^trygg: [^ ]*t\.yaml[:0-9]*: error: ' "$TMP/.err"
}

# 2.4 million pairs with the same key in one flow mapping, on one line
awk -v max=$max 'BEGIN { h = "schema: trygg/1\ndistrict: X\nareas: [Norr]\nx-d: {";
	printf "%s", h; n = length(h)
	while (n + 7 + 7 + 2 < max) { printf "ab: 1, "; n += 7 }
	print "ab: 1}" }' >"$f"
pad "$f"
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
dups=$(( $(grep -o 'ab: ' "$f" | wc -l) - 1 ))
expect "$dups duplicate keys: exit 1" 1 timeout $guard "$TRYGG" -C ws check "$f"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" "t.yaml: error: and $((dups - 100)) more errors"

# 1.4 million unknown keys on one line
awk -v max=$max 'BEGIN { h = "{schema: trygg/1, district: X, areas: [Norr]";
	printf "%s", h; n = length(h)
	for (i = 0; ; i++) { k = sprintf(", k%d: 1", i); if (n + length(k) + 4 > max) break
		printf "%s", k; n += length(k) }
	print "}"; print i > "keys" }' >"$f"
pad "$f"
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
keys=$(cat keys)
expect "$keys unknown keys: exit 1" 1 timeout $guard "$TRYGG" -C ws check "$f"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" "t.yaml: error: and $((keys - 100)) more errors"

done_testing
