#!/bin/bash
# The bounds of docs/security.md at their edge: files of exactly the size
# limit (16 MiB) in the worst shapes known.  Heavy: suite 'slow'.
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/t.yaml
max=16777216

# a hang guard, not a timing: the fixed code needs a few seconds here
guard=25
[ "${TRYGG_SANITIZE:-none}" = none ] || guard=250
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

# as many pairs as a file may hold (TG_MAX_NODES counts keys and values),
# with the same key of 64 bytes and values of 70, in one flow mapping on
# one line
awk -v max=$max 'BEGIN { h = "schema: trygg/1\ndistrict: X\nareas: [Norr]\nx-d: {";
	printf "%s", h; n = length(h); k = sprintf("%064d", 0); v = sprintf("%070d", 1)
	p = k ": " v; while (n + 2 * length(p) + 4 < max) { printf "%s, ", p; n += length(p) + 2 }
	print p "}" }' >"$f"
pad "$f"
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
dups=$(( $(grep -o ': 0' "$f" | wc -l) - 1 ))
expect "$dups duplicate keys: exit 1" 1 timeout $guard "$TRYGG" -C ws check "$f"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" "t.yaml: error: and $((dups - 100)) more errors"

# as many unknown keys of 64 bytes on one line (each with a suggestion to
# look for)
awk -v max=$max 'BEGIN { h = "{schema: trygg/1, district: X, areas: [Norr]";
	printf "%s", h; n = length(h); v = sprintf("%070d", 1)
	for (i = 0; ; i++) { k = sprintf(", k%063d: %s", i, v); if (n + length(k) + 4 > max) break
		printf "%s", k; n += length(k) }
	print "}"; print i > "keys" }' >"$f"
pad "$f"
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
keys=$(cat keys)
expect "$keys unknown keys: exit 1" 1 timeout $guard "$TRYGG" -C ws check "$f"
check "100 messages and one line for the rest" [ "$(count_errors)" = 101 ]
expect_stderr "the rest are counted" "t.yaml: error: and $((keys - 100)) more errors"

done_testing
