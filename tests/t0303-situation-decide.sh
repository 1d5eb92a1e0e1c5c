#!/bin/bash
# situation decide (DESIGN.md §7, §8): the analysis step on a joint item
# of a version-2 plan; only the keys of the decision change, comments and
# other keys stay, a later merge keeps them; version-1 files, unknown items
# and bad values are refused and change nothing.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
cp $f before.yaml

expect "decide with every option" 0 trygg -C ws situation decide Angered S3 \
	--decision prioritised --rank 2 --rationale "Oro kvällstid, nämnd av polis och stadsdel" \
	--date 2014-11-10 --by Styrgruppen
expect_no_stdout "… prints nothing: it creates no item"
cat >want.diff <<'D'
@@ -27 +27,4 @@
-      decision: watch
+      decision: prioritised
+      rank: 2
+      rationale: "Oro kvällstid, nämnd av polis och stadsdel"
+      decided: {date: 2014-11-10, by: Styrgruppen}
D
diff -U0 before.yaml $f | tail -n +3 >got.diff
check "… changes the decision's lines and nothing else" cmp -s want.diff got.diff
expect "the file passes check" 0 trygg -C ws check
check "PyYAML reads the decision" python3 -c 'import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
j = [x for x in d["situation"]["joint"] if x["id"] == "S3"][0]
assert j["decision"] == "prioritised" and j["rank"] == 2, j
assert j["decided"] == {"date": __import__("datetime").date(2014, 11, 10), "by": "Styrgruppen"}, j' $f

expect "the Swedish word, in another case" 0 trygg -C ws situation decide Angered S2 --decision "Ej Prioriterad"
check "… stores the contract's value, dated today" grep -q "decision: not_prioritised" $f
check "… dated today, and by no one named" grep -q "decided: {date: $(date -u +%F)}" $f

cp $f kept.yaml
expect "merge again" 0 trygg -C ws situation merge Angered
check "… keeps every decision, rank and rationale" python3 -c 'import sys, yaml
a, b = (yaml.load(open(p), Loader=yaml.SafeLoader) for p in sys.argv[1:])
for x, y in zip(a["situation"]["joint"], b["situation"]["joint"]):
    for k in ("decision", "rank", "rationale", "decided"):
        assert x.get(k) == y.get(k), (k, x, y)' kept.yaml $f

cp $f before.yaml
expect "an unknown joint item" 2 trygg -C ws situation decide Angered S4 --decision watch
expect_stderr "… is named, with the items there are" "Angered has no joint item 'S4' (its joint items: S2, S3)"
expect "a bad --decision" 2 trygg -C ws situation decide Angered S3 --decision kanske
expect_stderr "… lists the values" "--decision has a bad value 'kanske' (expected one of: prioritised, watch, not_prioritised)"
expect "no --decision" 2 trygg -C ws situation decide Angered S3 --rank 1
expect "a bad --rank" 2 trygg -C ws situation decide Angered S3 --decision watch --rank 0
expect "a bad --date" 2 trygg -C ws situation decide Angered S3 --decision watch --date 2014-13-01
expect_same "none of them changed the file" before.yaml $f

cp -r "$EXAMPLES" v1
rm -rf v1/.trygg
cp v1/districts/angered.yaml v1.yaml
expect "a version-1 file is refused" 2 trygg -C v1 situation decide Angered S1 --decision watch
expect_stderr "… with a hint to migrate" "the analysis step needs schema trygg/2, and this file says 'schema: trygg/1' (run 'trygg migrate' to move it to trygg/2)"
expect_same "… and is not changed" v1.yaml v1/districts/angered.yaml

expect "--dry-run" 0 trygg -C ws situation decide Angered S3 --decision watch --dry-run
expect_stdout "… shows the change" "+      decision: watch"
expect_same "… and writes nothing" before.yaml $f

done_testing
