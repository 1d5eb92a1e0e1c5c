#!/bin/bash
# Memory runs out: a clear message and exit 74, never an abort, and no
# file changed (issue 19, item 26).  Under `ulimit -v`, so not under
# AddressSanitizer (it reserves terabytes of address space) or valgrind.
. "$SRCDIR/tests/lib.sh"

skip_under_memory_tools

empty_ws
f=ws/districts/testby.yaml
# a valid plan of 8 MiB: 200,000 texts of 40 bytes under an x- key
awk 'BEGIN { print "schema: trygg/1"; print "district: Testby"; print "areas: [Norr]";
	print "problems: []"; printf "x-a: [";
	for (i = 0; i < 200000; i++) printf "%s%040d", i ? ", " : "", i; print "]" }' >>"$f.new"
mv "$f.new" "$f"
expect "the big plan is valid" 0 trygg -C ws check
cp "$f" before.yaml

# tight: run CMD... with 28 MB of address space
tight() {
	(ulimit -v 28000; exec "$@")
}

expect "check: exit 74" 74 tight "$TRYGG" -C ws check
expect_stderr "check: says memory ran out" "trygg: error: out of memory"
expect "index: exit 74" 74 tight "$TRYGG" -C ws index
expect_stderr "index: says memory ran out" "out of memory"
expect "a write: exit 74" 74 tight "$TRYGG" -C ws plan add-problem Testby --title Ny
expect_stderr "a write: says memory ran out" "trygg: error: out of memory"
check "no lock or temporary file is left" [ "$(ls -A ws/districts)" = testby.yaml ]
expect_same "the plan file is untouched" before.yaml "$f"
rm -f ws/districts/testby.yaml.lock

# with room enough, the same commands work
expect "check with room: exit 0" 0 trygg -C ws check
expect "a write with room: exit 0" 0 trygg -C ws plan add-problem Testby --title Ny
expect_stdout "it prints the new ID" "P1"

# memory running out anywhere in an index, in Hunspell's C++ too (its
# std::bad_alloc aborted): exit 0 or 74 under any ulimit -v, never 134
awk 'BEGIN { print "schema: trygg/1"; print "district: Testby"; print "areas: [Norr]"; print "problems:"
	for (p = 1; p <= 300; p++) { printf "  - id: P%d\n    title: otrygghet vid torget %d\n    measures:\n", p, p
		for (m = 1; m <= 10; m++) printf "      - {id: P%d.M%d, text: Förstärka insatserna mot langning vid hållplatserna %d, phase: 1}\n", p, m, m } }' >"$f.new"
mv "$f.new" "$f"
expect "a plan of 3,000 measures is valid" 0 trygg -C ws check
cp "$f" before.yaml
bad=
for mb in $(seq 24 12 216); do
	rm -rf ws/.trygg
	(ulimit -v $((mb * 1024)); exec "$TRYGG" -C ws index) >/dev/null 2>&1
	code=$?
	case $code in 0|74) ;; *) bad="$bad $mb:$code" ;; esac
done
check "index in 24 to 216 MB: exit 0 or 74 each time${bad:+ (MB:exit$bad)}" [ -z "$bad" ]
expect_same "and the plan file untouched" before.yaml "$f"

done_testing
