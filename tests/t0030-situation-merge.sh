#!/bin/bash
# situation merge: the data-file cases in tests/merge (NAME.in.yaml ->
# NAME.expected.yaml), each merged twice; the second merge changes nothing.
. "$SRCDIR/tests/lib.sh"

trygg init ws >/dev/null 2>&1
sed -i 's/^synonyms: \[\]/synonyms:\n  - [Nedskräpning, Skräp]/' ws/trygg.yaml
for in in "$SRCDIR"/tests/merge/*.in.yaml; do
	name=$(basename "$in" .in.yaml)
	f=ws/districts/$name.yaml
	cp "$in" "$f"
	expect "$name: merge" 0 trygg -C ws situation merge "$name"
	expect_same "$name: the joint picture is as expected" "$SRCDIR/tests/merge/$name.expected.yaml" "$f"
	expect "$name: merge again" 0 trygg -C ws situation merge "$name"
	expect_same "$name: merging twice changes nothing" "$SRCDIR/tests/merge/$name.expected.yaml" "$f"
	expect "$name: the result passes check" 0 trygg -C ws check "$f"
done

cp "$SRCDIR/tests/merge/dropped.in.yaml" ws/districts/dropped.yaml
expect "an item no source names, linked from a problem" 0 trygg -C ws situation merge dropped
expect_stderr "stays, with a warning naming the problem" "dropped.yaml:20:7: warning: S2 'Klotter' is named by no source any more; it stays, with sources: [], as P1 links to it"
expect_stdout_is "prints the joint IDs" "S1
S3
S2"

# the example workspace's joint pictures are what the rule gives
example_ws
cp -R ws before
expect "merge --all on the example" 0 trygg -C ws situation merge --all
check "the example's joint pictures already follow the rule" diff -r before/districts ws/districts
expect "--dry-run prints nothing when nothing changes" 0 trygg -C ws situation merge --all --dry-run
expect_no_stdout "no diff"
expect "situation show" 0 trygg -C ws situation show angered
expect_stdout "shows the joint picture" "Gemensam problembeskrivning"
expect_stdout "with the sources of each item" "Källor: Polisens lägesbild, Stadsdelens lägesbild,"
cp "$TMP/.out" show.txt
expect "report situation" 0 trygg -C ws report situation angered
expect_same "show is the situation report" show.txt "$TMP/.out"
expect "situation show --format json" 0 trygg -C ws situation show angered --format json
expect_stdout "joint rows" '"source": "joint", "id": "S1"'
expect "merge needs D or --all" 2 trygg -C ws situation merge
expect "not both" 2 trygg -C ws situation merge angered --all

done_testing
