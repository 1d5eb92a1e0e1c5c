#!/bin/bash
# plan set, followup set and followup rm on a trygg/1 file (DESIGN.md §7:
# a write to a version-1 file writes version 1): P, M, F and S with =,
# +=, -= and KEY=; no history and no follow-up id are written; keys,
# indicators and promises of trygg/2 are refused with a hint to migrate,
# and the file is not changed; follow-up IDs are places.
. "$SRCDIR/tests/lib.sh"

example_ws
f=ws/districts/angered.yaml
cp $f before.yaml

expect "P: causes+= a value with a comma, whole" 0 trygg -C ws plan set Angered P6 \
	"causes+=Mörkt, öde och kallt"
expect_stdout_is "… prints the ID" "P6"
expect "P: causes-= one whole, subgoals= a list, goal=" 0 trygg -C ws plan set Angered P6 \
	"causes-=Stängda butiker och lokaler gör centrummiljön öde" \
	"subgoals=Färre bränder, Fler vuxna ute" "goal=Lugn i centrum"
expect "M: status (Swedish), responsible+= and -=, due=" 0 trygg -C ws plan set Angered P6.M2 \
	status=pågår responsible+=Bostadsbolaget responsible-=Polisen due= --date 2015-01-05
expect_stdout_is "… prints the ID" "P6.M2"
expect "M: strategic_areas=3,7 (numbers at a bare comma)" 0 trygg -C ws plan set Angered P6.M2 \
	strategic_areas=3,7
expect "S: title= and areas-=" 0 trygg -C ws plan set Angered S1 "title=Nedskräpning och skräp" \
	areas-=Rannebergen
expect_stdout_is "… prints the ID" "S1"
expect "F: followup set by place" 0 trygg -C ws followup set Angered P7.F1 "effect=Färre klagomål, och lugnare kvällar"
expect_stdout_is "… prints the ID" "P7.F1"

check "the result checks clean" "$TRYGG" -C ws check
check "still trygg/1: no history, no follow-up id" sh -c "grep -q '^schema: trygg/1' $f && ! grep -q 'history' $f && ! grep -q '      - id: P7.F' $f"
check "PyYAML reads exactly the intended data" python3 - before.yaml $f <<'PY'
import sys, yaml
a, b = (yaml.load(open(p, encoding='utf-8'), Loader=yaml.SafeLoader) for p in sys.argv[1:])
pr = {p['id']: p for p in a['problems']}
p6 = pr['P6']
p6['causes'].append('Mörkt, öde och kallt')
p6['causes'].remove('Stängda butiker och lokaler gör centrummiljön öde')
p6['subgoals'] = ['Färre bränder', 'Fler vuxna ute']
p6['goal'] = 'Lugn i centrum'
m2 = [m for m in p6['measures'] if m['id'] == 'P6.M2'][0]
m2['status'] = 'ongoing'
m2['responsible'] = [r for r in m2['responsible'] + ['Bostadsbolaget'] if r != 'Polisen']
m2.pop('due', None)
m2['strategic_areas'] = [3, 7]
s1 = a['situation']['joint'][0]
s1['title'] = 'Nedskräpning och skräp'
s1['areas'].remove('Rannebergen')
pr['P7']['followups'][0]['effect'] = 'Färre klagomål, och lugnare kvällar'
assert a == b, [(k, a[k], b[k]) for k in a if a[k] != b[k]]
PY
check "every comment of the file is kept" python3 - before.yaml $f <<'PY'
import sys
a = open(sys.argv[1], encoding='utf-8').read().split('\n')
b = open(sys.argv[2], encoding='utf-8').read()
for l in a:
    if '#' in l and l.strip().startswith('#'):
        assert l in b, l
PY

# trygg/2 keys and items: refused, naming migrate; nothing changes
cp $f kept.yaml
v2() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws plan set Angered "$@"
	expect_stderr "$desc: names migrate" "$msg"
	expect_stderr "$desc: … and the command" "(run 'trygg migrate' to move it to trygg/2)"
	expect_same "$desc: the file is unchanged" kept.yaml $f
}
v2 "a measure's areas" "key 'areas' in a measure is new in schema trygg/2, and this file says 'schema: trygg/1'" \
	P6.M1 areas+=Rannebergen
v2 "a problem's description" "key 'description' in a problem is new in schema trygg/2" P6 description=x
v2 "a follow-up's by" "key 'by' in a follow-up is new in schema trygg/2" P7.F1 by=Polisen
v2 "a joint item's decision" "key 'decision' in a joint item is new in schema trygg/2" S1 decision=watch
v2 "an indicator by ID" "indicators have IDs from schema trygg/2 on, and this file says 'schema: trygg/1'" \
	P6.I1 unit=share
v2 "a promise" "promises need schema trygg/2, and this file says 'schema: trygg/1'" L1 text=x
expect "a required key: exit 2" 2 trygg -C ws plan set Angered P6.M2 text=
expect_stderr "… says why" "'text' is required and cannot be removed"
expect_same "… and changes nothing" kept.yaml $f

# follow-up IDs are places in trygg/1: removing one moves those after it
expect "a second follow-up of P7" 0 trygg -C ws followup record Angered --problem P7 --date 2015-03-01 \
	--done "Fartgupp byggda"
expect_stdout_is "… is P7.F2, by its place" "P7.F2"
expect "followup rm P7.F1" 0 trygg -C ws followup rm Angered P7.F1
expect_stdout_is "… prints the ID" "P7.F1"
expect "the one that was P7.F2 is now P7.F1" 0 trygg -C ws followup set Angered P7.F1 done=Alla
check "… it was" python3 -c 'import sys, yaml
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
fu = [p for p in d["problems"] if p["id"] == "P7"][0]["followups"]
assert [(str(x["date"]), x["done"]) for x in fu] == [("2015-03-01", "Alla")], fu' $f
expect "followup rm of an ID that is no follow-up's: exit 2" 2 trygg -C ws followup rm Angered P7.M1
expect_stderr "… says so" "'P7.M1' is not a follow-up's ID"
expect "followup rm of a follow-up that is not there: exit 2" 2 trygg -C ws followup rm Angered P7.F5
expect_stderr "… says so" "no follow-up 'P7.F5' in Angered"

done_testing
