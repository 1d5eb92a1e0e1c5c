#!/bin/bash
# plan import is one edit batch (lib/edit-batch.c): 8,000 rows into the
# example in under 2 s (issue 20), the same bytes and IDs as the same rows
# imported in two runs, and a file that check passes.
. "$SRCDIR/tests/lib.sh"

example_ws
cp -r ws ws2
rows() {     # rows $1..$2: measures spread over P1..P8, every column
	awk -v from="$1" -v to="$2" 'BEGIN {
		print "problem,text,phase,term,kind,responsible,due,status,strategic_areas,id"
		split("short long mobilisation", t, " ")
		for (r = from; r <= to; r++)
			printf "P%d,\"Åtgärd %d, med komma\",%d,%s,social,Polisen;Skolan,2015-0%d-01,planned,%s,\n",
				r % 8 + 1, r, r % 3 + 1, t[r % 3 + 1], r % 9 + 1, r % 5 ? "" : "1;3"
	}'
}
rows 1 8000 >all.csv
rows 1 3000 >first.csv
rows 3001 8000 >second.csv

t0=$(date +%s%N)
expect "8,000 rows land" 0 trygg -C ws plan import angered all.csv
t1=$(date +%s%N)
cp "$TMP/.out" all.ids
ms=$(( (t1 - t0) / 1000000 ))
if [ "${TRYGG_SANITIZE:-none}" = none ]; then
	check "in under 2 s ($ms ms)" test $ms -lt 2000
fi
check "8,000 IDs, each once" test "$(sort -u all.ids | wc -l)" = 8000
expect "the file passes check" 0 trygg -C ws check ws/districts/angered.yaml

expect "the first 3,000 rows" 0 trygg -C ws2 plan import angered first.csv
cp "$TMP/.out" two.ids
expect "then the other 5,000" 0 trygg -C ws2 plan import angered second.csv
cat "$TMP/.out" >>two.ids
expect_same "the same IDs as one import" all.ids two.ids
expect_same "the same bytes as one import" ws/districts/angered.yaml ws2/districts/angered.yaml

done_testing
