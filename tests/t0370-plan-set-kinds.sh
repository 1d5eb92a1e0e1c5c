#!/bin/bash
# plan set on every kind of ID of a trygg/2 file (DESIGN.md §8): P, M, I,
# F, S, L with KEY=VALUE, KEY+=VALUE, KEY-=VALUE (a value holding ", "
# taken whole) and KEY=; each prints its ID; PyYAML reads the result to
# the data computed from the old file; comments and x- keys stay, and no
# line outside the changes moves; bad input changes no byte.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
# comments and x- keys of the user's own, in the items that change
python3 - $f <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
t = t.replace("    areas: [Rannebergen]\n", "    areas: [Rannebergen]            # bara centrum\n    x-kontakt: Kim, kvällstid\n", 1)
t = t.replace("        responsible: [Polisen, SDF Angered]\n",
              "        # vilka som gör det\n        responsible: [Polisen, SDF Angered]\n        x-budget: 20000   # kronor\n", 1)
t = t.replace("    signatories: [Lokalpolisområdeschef, Stadsdelsdirektör]\n",
              "    signatories: [Lokalpolisområdeschef, Stadsdelsdirektör]   # undertecknat\n", 1)
open(p, 'w', encoding='utf-8').write(t)
PY
expect "the fixture with comments checks clean" 0 trygg -C ws check
cp $f before.yaml

# P: a list set, a value with ", " appended and removed whole, trygg/2 keys
expect "P: causes= sets a list, split at ', '" 0 trygg -C ws plan set Angered P6 \
	"causes=Trängsel vid torget, Få vuxna ute"
expect_stdout_is "… prints the ID" "P6"
expect "P: causes+= appends a value with a comma whole" 0 trygg -C ws plan set Angered P6 \
	"causes+=Mörkt, öde och kallt"
expect_stdout_is "… prints the ID" "P6"
expect "P: causes-= removes one whole" 0 trygg -C ws plan set Angered P6 "causes-=Trängsel vid torget"
expect "P: areas+=, initiatives-= (the last), description=, goal=" 0 trygg -C ws plan set Angered P6 \
	areas+=Hjällbo initiatives-=3 "description=Oro i centrum." "goal=Lugn i centrum"
expect "P: description= clears an optional key" 0 trygg -C ws plan set Angered P6 description=

# M: lists of text, Swedish words, clearing
expect "M: responsible+= and -=, due=, term (Swedish)" 0 trygg -C ws plan set Angered P6.M1 \
	"responsible+=Bostadsbolaget" "responsible-=SDF Angered" due=2015-01-31 term=långsiktig
expect_stdout_is "… prints the ID" "P6.M1"
expect "M: areas= sets a list, initiatives+=" 0 trygg -C ws plan set Angered P6.M23 \
	"areas=Rannebergen, Hjällbo" initiatives+=3
expect "M: due= clears, origin=plan" 0 trygg -C ws plan set Angered P6.M1 due= origin=plan

# I: an indicator's source is text (not the source enum), its unit typed in Swedish
expect "I: unit=antal, direction=upp, source=polisen" 0 trygg -C ws plan set Angered P6.I1 \
	unit=antal direction=upp source=polisen
expect_stdout_is "… prints the ID" "P6.I1"

# F, through plan set too
expect "F: measures-=, by=, done=" 0 trygg -C ws plan set Angered P6.F1 measures-=P6.M23 \
	"by=Polisen, SDF Angered och Bostadsbolaget" "done=Närvaro, varje fredag."
expect_stdout_is "… prints the ID" "P6.F1"
expect "F: effect= clears" 0 trygg -C ws plan set Angered P6.F1 effect=

# S: the analysis keys, an enum list
expect "S: decision (Swedish), rank, rationale, sources-=" 0 trygg -C ws plan set Angered S2 \
	decision=bevakas rank=2 "rationale=Minskar, men finns kvar" sources-=survey
expect_stdout_is "… prints the ID" "S2"
expect "S: share as a percentage" 0 trygg -C ws plan set Angered S3 "share=12 %"

# L: lists of names and IDs
expect "L: signatories+=, measures+=, measures-=, to=" 0 trygg -C ws plan set Angered L1 \
	"signatories+=Kommunpolis, Angered" measures+=P6.M23 measures-=P6.M1 to=2017-06-30
expect_stdout_is "… prints the ID" "L1"

check "the result checks clean" "$TRYGG" -C ws check
check "PyYAML reads exactly the intended data" python3 - before.yaml $f <<'PY'
import sys, yaml, datetime
a, b = (yaml.load(open(p, encoding='utf-8'), Loader=yaml.SafeLoader) for p in sys.argv[1:])
p6 = a['problems'][0]
p6['causes'] = ['Få vuxna ute', 'Mörkt, öde och kallt']
p6['areas'] = ['Rannebergen', 'Hjällbo']
p6['initiatives'] = []
del p6['description']
p6['goal'] = 'Lugn i centrum'
m1, m23 = p6['measures']
m1['responsible'] = ['Polisen', 'Bostadsbolaget']
m1['term'] = 'long'
m1['origin'] = 'plan'
m23['areas'] = ['Rannebergen', 'Hjällbo']
m23['initiatives'] = [2, 3]
i1 = p6['indicators'][0]
i1.update(unit='count', direction='up', source='polisen')
f1 = p6['followups'][0]
f1.update(measures=['P6.M1'], by='Polisen, SDF Angered och Bostadsbolaget', done='Närvaro, varje fredag.')
del f1['effect']
s2, s3 = a['situation']['joint']
s2.update(decision='watch', rank=2, rationale='Minskar, men finns kvar', sources=['police'])
s3['share'] = 0.12
l1 = a['promises'][0]
l1['signatories'].append('Kommunpolis, Angered')
l1['measures'] = ['P6.M23']
l1['to'] = datetime.date(2017, 6, 30)
assert a == b, (a, b)
PY
check "comments and x- keys stay, each on its line" python3 - before.yaml $f <<'PY'
import sys
a = open(sys.argv[1], encoding='utf-8').read().split('\n')
b = open(sys.argv[2], encoding='utf-8').read().split('\n')
for l in a:
    if l.lstrip().startswith('#') or l.lstrip().startswith('x-'):
        assert l in b, l
PY
check "no other line changed: the old lines are all there, in order, but the changed ones" \
	python3 - before.yaml $f <<'PY'
import sys
a = open(sys.argv[1], encoding='utf-8').read().split('\n')
b = open(sys.argv[2], encoding='utf-8').read().split('\n')
changed = ('causes', 'areas:', 'initiatives:', 'description:', 'Social oro i Rannebergen centrum under',
           'goal:', 'responsible:', 'due:', 'term:', 'unit:', 'direction:', 'source:', 'measures:',
           'by:', 'done:', 'effect:', 'decision:', 'rank:', 'rationale:', 'sources:', 'share:',
           'signatories:', 'to:', 'origin:')
rest = [l for l in a if not l.strip().startswith(changed)]
it = iter(b)
missing = [l for l in rest if not any(l == m for m in it)]
assert not missing, missing
PY

# Bad input: a clear error, exit 2, and not a byte changed
cp $f kept.yaml
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws plan set Angered "$@"
	expect_stderr "$desc: says why" "$msg"
	expect_same "$desc: the file is unchanged" kept.yaml $f
}
bad "a required key of P" "'title' is required and cannot be removed" P6 title=
bad "a required key of M" "'phase' is required and cannot be removed" P6.M1 phase=
bad "a required key of I" "'name' is required and cannot be removed" P6.I1 name=
bad "a required key of F" "'date' is required and cannot be removed" P6.F1 date=
bad "a required key of S" "'title' is required and cannot be removed" S2 title=
bad "a required key of L" "'text' is required and cannot be removed" L1 text=
bad "an unknown key, with a suggestion" "a measure has no key 'responsable' (did you mean 'responsible'?)" \
	P6.M1 responsable=Polisen
bad "a key set by its own command" "an indicator has no key 'readings'" P6.I1 readings=1
bad "-= of an item not in the list" "P6.M1 has no 'Skolan' in responsible" P6.M1 responsible-=Skolan
bad "-= takes the value whole: a part of an item is not it" "L1 has no 'Lokalpolisområdeschef, Stadsdelsdirektör' in signatories" \
	L1 "signatories-=Lokalpolisområdeschef, Stadsdelsdirektör"
bad "+= on a key that is no list" "'goal' is not a list: use goal=VALUE" P6 goal+=Mer
bad "a bad enum word" "unit has a bad value 'liter'" P6.I1 unit=liter
bad "a bad date" "to is not a valid date: '2016-02-30'" L1 to=2016-02-30
bad "a share over 1" "share takes a number from 0 to 1, not '1.5'" S2 share=1.5
bad "a rank that is no whole number" "rank takes a whole number from 1 to 1000000, not 'två'" S2 rank=två
bad "an area the district does not have" "area 'Rannebergen C' is not one of the district's areas (did you mean 'Rannebergen'?)" \
	P6 "areas+=Rannebergen C"
bad "an initiative trygg.yaml does not list" "initiative 9 is not one of the initiatives in trygg.yaml" \
	P6.M1 initiatives+=9
bad "a follow-up's measure of another problem or none" "no measure 'P7.M1' in Angered" P6.F1 measures+=P7.M1
bad "a promise's measure that does not exist" "no measure 'P6.M9' in Angered" L1 measures=P6.M1,P6.M9
bad "a situation item that does not exist" "no joint situation item 'S9' in Angered" P6 situation=S9
bad "an ID that does not exist" "no indicator 'P6.I7' in Angered" P6.I7 unit=count
bad "a follow-up that does not exist" "no follow-up 'P6.F2' in Angered" P6.F2 done=x
bad "a promise that does not exist" "no promise 'L4' in Angered" L4 text=x
bad "no ID" "'Q1' is not an ID (the forms: P6, P6.M3, P6.I1, P6.F1, S2, L1)" Q1 text=x
bad "a pair without a key" "'+=x' is not KEY=VALUE, KEY+=VALUE, KEY-=VALUE or KEY=" P6 +=x
bad "one bad pair of several: nothing is written" "'title' is required" P6 goal=Ny title=

expect "--dry-run prints the diff" 0 trygg -C ws plan set Angered P6 "causes+=Ny, orsak" --dry-run
expect_stdout "… of the new item" '"Mörkt, öde och kallt", "Ny, orsak"]'
expect_same "… and writes nothing" kept.yaml $f

done_testing
