#!/bin/bash
# Item 19 of issue 18: the plan's CSV and JSON have a row for a problem
# without measures; the text reports wrap every line at 78 columns,
# counted in the width a terminal gives the characters (Swedish letters
# one column each however many bytes, CJK and emoji two), the measures'
# status and Ansvar lines too.
. "$SRCDIR/tests/lib.sh"

# the widest line of a file, in terminal columns
cat >width.py <<'P'
import sys, unicodedata
def w(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me', 'Cf'):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1
print(max((sum(w(c) for c in l) for l in open(sys.argv[1], encoding='utf-8').read().split('\n')), default=0))
P
widest() { python3 width.py "$1"; }

empty_ws
cat >ws/districts/testby.yaml <<'Y'
schema: trygg/1
district: Testby
areas: [Norr]
problems:
  - id: P1
    title: Ett problem med åtgärder
    measures:
      - id: P1.M1
        text: Åtgärd
        phase: 1
        due: 2015-01-01
        responsible: [Park- och naturförvaltningen, Trafikkontoret, Bostadsbolaget, Stadsdelsförvaltningen Örgryte-Härlanda, Polisen]
      - id: P1.M2
        text: åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö
        phase: 2
      - id: P1.M3
        text: 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全 安全安全
        phase: 3
        responsible: [🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓, 🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓, 🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓, 🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓]
  - id: P2
    title: Ett problem utan åtgärder
    causes: [En orsak]
    goal: Ett mål
  - id: P3
    title: Ett till med åtgärd
    measures:
      - {id: P3.M1, text: Sista, phase: 1}
Y
expect "the plan passes check" 0 trygg -C ws check

expect "plan csv" 0 trygg -C ws report plan testby --format csv --as-of 2015-06-01
check "a row per measure" grep -q '^"Testby","P1",.*"P1.M3"' "$TMP/.out"
expect_stdout "and one for the problem without measures, its measure columns no value" \
	'"Testby","P2","Ett problem utan åtgärder","En orsak","Ett mål","",,,,,,,,'
check "in the file's order" sh -c "grep -o '^\"Testby\",\"P[0-9]\"' '$TMP/.out' | uniq | tr -d '\n' | grep -qx '\"Testby\",\"P1\"\"Testby\",\"P2\"\"Testby\",\"P3\"'"
expect "plan json" 0 trygg -C ws report plan testby --format json --as-of 2015-06-01
check "has the problem without measures, with no measure" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["items"]
p2 = [r for r in rows if r["problem"] == "P2"]
assert len(p2) == 1, p2
r = p2[0]
assert r["measure"] is None and r["phase"] is None and r["overdue"] is None, r
assert r["responsible"] is None and r["subgoals"] == [], r
assert r["goal"] == "Ett mål" and r["causes"] == ["En orsak"], r
' "$TMP/.out"

expect "plan text" 0 trygg -C ws report plan testby --as-of 2015-06-01
check "the Ansvar line is there" grep -q 'Ansvar: Park- och' "$TMP/.out"
check "no line wider than 78 columns (was $(widest "$TMP/.out"))" test "$(widest "$TMP/.out")" -le 78
expect_stdout "the status and Ansvar line wraps, its rest indented under the text" \
	"               [föreslagen, 2015-01-01, FÖRSENAD] Ansvar: Park- och
               naturförvaltningen, Trafikkontoret, Bostadsbolaget,"
expect_stdout "a line of Swedish letters is filled by characters, not bytes" \
	"      P1.M2    åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö"

expect "followup text" 0 trygg -C ws report followup testby --as-of 2015-06-01
check "followup: no line wider than 78 columns (was $(widest "$TMP/.out"))" test "$(widest "$TMP/.out")" -le 78

# the example's reports, every district
example_ws
for kind in plan followup situation overdue; do
	case $kind in overdue) who= ;; *) who=--all ;; esac
	expect "example: $kind text" 0 trygg -C ws report $kind $who --as-of 2015-06-01
	check "example: $kind: no line wider than 78 columns (was $(widest "$TMP/.out"))" \
		test "$(widest "$TMP/.out")" -le 78
done

done_testing
