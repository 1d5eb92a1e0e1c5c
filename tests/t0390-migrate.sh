#!/bin/bash
# trygg migrate (DESIGN.md §7, §8): version-1 plan files become version 2
# with nothing else changed: every comment and x- key kept, the data as
# PyYAML reads it the old data plus the IDs and the readings by ID (the
# expected data computed in Python from the old file); twice changes
# nothing; --dry-run, --all, a version-2 file, bad use.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
v=ws/districts/vastra-hisingen.yaml
cp $a angered.v1
cp $v vastra.v1

expect "--dry-run" 0 trygg -C ws migrate Angered --dry-run
expect_stdout "prints the diff" "+schema: trygg/2"
expect_same "…and writes nothing" angered.v1 $a

expect "migrate Angered" 0 trygg -C ws migrate Angered
expect_no_stdout "prints nothing"
expect "the file passes check" 0 trygg -C ws check $a
check "it says schema trygg/2" grep -qx 'schema: trygg/2' $a
check "Västra Hisingen is untouched" cmp -s vastra.v1 $v

cat >expect.py <<'PY'
import sys, yaml
def load(p):
    return yaml.load(open(p, encoding="utf-8"), Loader=yaml.SafeLoader)
old, new = load(sys.argv[1]), load(sys.argv[2])
old["schema"] = "trygg/2"
for pr in old.get("problems", []):
    ids = {}
    for k, ind in enumerate(pr.get("indicators", []) or []):
        ind.setdefault("id", "%s.I%d" % (pr["id"], k + 1))
        ids[ind["name"]] = ind["id"]
    for k, fu in enumerate(pr.get("followups", []) or []):
        fu.setdefault("id", "%s.F%d" % (pr["id"], k + 1))
        if isinstance(fu.get("indicators"), dict):
            fu["indicators"] = {ids.get(n, n): x for n, x in fu["indicators"].items()}
if old != new:
    import json
    print(json.dumps(old, default=str)[:3000]); print(json.dumps(new, default=str)[:3000])
    sys.exit(1)
# the IDs come first in their mappings, where new items have them
for pr in new.get("problems", []):
    for it in (pr.get("indicators") or []) + (pr.get("followups") or []):
        assert list(it)[0] == "id", it
PY
check "PyYAML reads the old data plus the IDs and readings by ID" python3 expect.py angered.v1 $a
diff angered.v1 $a >changes.txt
check "only the lines of the change: the schema, a line per ID, the readings" \
	test "$(grep -c '^<' changes.txt)" = "$(grep -c -e '^< schema' -e '^<       - ' -e '^<         indicators: {' changes.txt)"
check "every comment is kept" test "$(grep -c '#' angered.v1)" = "$(grep -c '#' $a)"
check "the indicators of follow-ups are named by ID" grep -q 'indicators: {P6.I1: 0.33}' $a

cp $a angered.v2
expect "migrate twice" 0 trygg -C ws migrate Angered
expect_same "…changes nothing" angered.v2 $a

expect "migrate --all" 0 trygg -C ws migrate --all
check "Västra Hisingen is version 2" grep -qx 'schema: trygg/2' $v
expect_same "Angered stays as it was" angered.v2 $a
expect "the workspace passes check" 0 trygg -C ws check
check "PyYAML: Västra Hisingen's data plus the IDs" python3 expect.py vastra.v1 $v

# follow-up IDs are stable from now on: a follow-up recorded gets the next
expect "followup record after migrate" 0 trygg -C ws followup record Angered --problem P6 \
	--measure P6.M2 --done 'Städdag' --date 2015-09-01 --indicator 'P6.I1=0,31'
expect_stdout_is "prints P6.F2" "P6.F2"
expect "…and the file passes check" 0 trygg -C ws check $a
check "…with its id first" grep -q "^      - id: P6.F2$" $a

# bad use
expect "no district" 2 trygg -C ws migrate
expect "a district and --all" 2 trygg -C ws migrate Angered --all
expect "an unknown district" 66 trygg -C ws migrate Bergsjön

done_testing
