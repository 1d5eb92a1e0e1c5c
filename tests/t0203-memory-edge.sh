#!/bin/bash
# The memory bound of docs/security.md at its edge: files of 16 MiB (the
# size limit) and files at the limit of 250,000 values, in the worst
# shapes known, with the address space the documented bound allows:
# 96 MiB + 2 x the file to read it (check, index), 96 MiB + 4 x the file
# to write it; and what the index reads ahead on other threads stays
# within 64 MiB (issue 19, item 26).  Heavy: suite 'slow'.  Not under
# AddressSanitizer or valgrind.
. "$SRCDIR/tests/lib.sh"

skip_under_memory_tools

empty_ws
f=ws/districts/testby.yaml
max=16777216

# bounded FACTOR CMD...: CMD with 96 MiB + FACTOR x the plan file's size
# of address space (KiB for ulimit -v), on one thread: a thread reserves
# 72 MiB of address space (its stack and malloc arena) it does not use
bounded() {
	local room=$((98304 + $1 * $(stat -c %s "$f") / 1024))
	shift
	(ulimit -v $room; export TRYGG_THREADS=0; exec timeout 60 "$@")
}

# pad FILE [SIZE]: fill FILE up to exactly SIZE bytes ($max) with a comment
pad() {
	local size to=${2:-$max}
	size=$(stat -c %s "$1")
	if [ $((to - size)) -ge 2 ]; then
		{ printf '#'; head -c $((to - size - 2)) /dev/zero | tr '\0' ' '; echo; } >>"$1"
	elif [ $((to - size)) = 1 ]; then
		echo >>"$1"
	fi
}

head4='schema: trygg/1\ndistrict: Testby\nareas: [Norr]\nproblems: []\n'

# as many values as a file may hold (250,000), each as long as fits in 16 MiB
long_values() {
	printf "$head4" >"$f"
	awk 'BEGIN { printf "x-a: ["; for (i = 0; i < 249000; i++) printf "%s%064d", i ? ", " : "", i; print "]" }' >>"$f"
	pad "$f" "$@"
}
long_values
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
expect "249,000 values of 64 bytes: check passes" 0 bounded 2 "$TRYGG" -C ws check
expect "and index" 0 bounded 2 "$TRYGG" -C ws index
# a write needs room for what it adds
long_values $((max - 200))
expect "a write to it" 0 bounded 4 "$TRYGG" -C ws plan add-problem Testby --title Ny
expect_stdout "makes its problem" "P1"

# as many values as a file may hold, one letter each: 0.5 MB
printf "$head4" >"$f"
awk 'BEGIN { printf "x-a: ["; for (i = 0; i < 249980; i++) printf "a,"; print "a]" }' >>"$f"
expect "249,981 values of one letter: check passes" 0 bounded 2 "$TRYGG" -C ws check
expect "and index" 0 bounded 2 "$TRYGG" -C ws index
expect "and a write" 0 bounded 4 "$TRYGG" -C ws plan add-problem Testby --title Ny

# as many values as a file may hold, in 1,600 problems of 20 measures,
# each a part of the model: 1.2 MB
printf 'schema: trygg/1\ndistrict: Testby\nareas: [Norr]\nproblems:\n' >"$f"
awk 'BEGIN { for (p = 1; p <= 1600; p++) { printf "  - id: P%d\n    title: a\n    measures: [", p
	for (m = 1; m <= 20; m++) printf "%s{id: P%d.M%d, text: a, phase: 1}", (m > 1 ? ", " : ""), p, m
	print "]" } }' >>"$f"
expect "32,000 measures: check passes" 0 bounded 2 "$TRYGG" -C ws check
expect "and index" 0 bounded 2 "$TRYGG" -C ws index --rebuild
expect "and a write" 0 bounded 4 "$TRYGG" -C ws plan add-measure Testby --problem P1 --text Ny --phase 1
expect_stdout "makes its measure" "P1.M21"

# 16 MiB of two-byte letters in 255 texts of 64 KiB
printf "$head4" >"$f"
LC_ALL=C awk 'BEGIN { s = "ö"; while (length(s) < 65520) s = s s; s = substr(s, 1, 65520)
	print "x-t:"; for (i = 0; i < 255; i++) print "  - " s }' >>"$f"
pad "$f"
check "the file is 16 MiB" [ "$(stat -c %s "$f")" = $max ]
expect "16 MiB of 'ö': check passes" 0 bounded 2 "$TRYGG" -C ws check
expect "and index" 0 bounded 2 "$TRYGG" -C ws index

# 8 million one-letter values: over the limit of values, refused early
printf "$head4" >"$f"
awk -v max=$max 'BEGIN { printf "x-a: ["; n = 70; while (n + 4 < max) { printf "a,"; n += 2 } print "a]" }' >>"$f"
pad "$f"
expect "8 million values: refused" 1 bounded 2 "$TRYGG" -C ws check
expect_stderr "at the value over the limit" \
	"testby.yaml:5:499983: error: more than 250000 values in one file"

# 2.4 million duplicate keys: the same
printf "$head4" >"$f"
awk -v max=$max 'BEGIN { printf "x-d: {"; n = 70; while (n + 14 < max) { printf "ab: 1, "; n += 7 } print "ab: 1}" }' >>"$f"
pad "$f"
expect "2.4 million duplicate keys: refused" 1 bounded 2 "$TRYGG" -C ws check
expect_stderr "at the value over the limit" "error: more than 250000 values in one file"

# the index reads files ahead on other threads: sixteen files of 250,000
# values each on sixteen threads take no more memory than one file and
# 64 MiB read ahead.  Measured as resident memory, not under ulimit -v.
rm -f "$f"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
	printf 'schema: trygg/1\ndistrict: T%s\nareas: [Norr]\nproblems: []\n' $i >ws/districts/t$i.yaml
	awk 'BEGIN { printf "x-a: ["; for (i = 0; i < 249980; i++) printf "a,"; print "a]" }' >>ws/districts/t$i.yaml
done
# peak_rss CMD...: run CMD, print its maximum resident set in KiB
peak_rss() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
expect "sixteen files of 250,000 values: index" 0 peak_rss env TRYGG_THREADS=16 "$TRYGG" -C ws index --rebuild
rss=$(cat "$TMP/.out")
check "in at most 96 + 64 MiB of memory ($rss KiB)" [ "$rss" -le $((98304 + 65536)) ]

done_testing
