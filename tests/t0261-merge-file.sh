#!/bin/bash
# trygg merge-file by hand: three copies of a plan file merged item by
# item (trygg-merge-file(1), DESIGN.md §10); git's line merge when a side
# does not load.
. "$SRCDIR/tests/lib.sh"

command -v git >/dev/null || { not_ok "git is installed (trygg merge-file runs it)"; done_testing; }
F=districts/angered.yaml
trygg init --example base >/dev/null 2>&1
cp -R base ours
cp -R base theirs

# The example of trygg-merge-file(1), and more: both sides add to one
# list of responsible parties, THEIRS adds a comment above an item
run trygg -C ours plan add-measure Angered --problem P6 --text "Nattvandring" --phase 1
check "OURS's measure took P6.M26" test "$(cat .out)" = P6.M26
trygg -C ours plan set Angered P6.M1 "responsible=Polisen, SDF Angered, Bostadsbolaget" >/dev/null
run trygg -C theirs plan add-measure Angered --problem P6 --text "Belysning" --phase 2
check "THEIRS's took P6.M26 too" test "$(cat .out)" = P6.M26
trygg -C theirs followup record Angered --problem P6 --measure P6.M26 --done "Lamporna uppe" --date 2015-02-02 >/dev/null
trygg -C theirs plan set Angered P6.M1 due=2015-01-31 "responsible=Polisen, SDF Angered, Fältgruppen" >/dev/null
sed -i 's/^      - id: P6\.M3$/      # THEIRS: asked the landlord\n&/' theirs/$F
check "THEIRS's comment is in place" grep -q '# THEIRS: asked the landlord' theirs/$F

cp ours/$F ours-before.yaml
expect "merge-file merges: exit 0" 0 trygg merge-file base/$F ours/$F theirs/$F
expect_no_stdout "nothing on stdout"
expect_stderr "the renumbering is told" \
	"trygg: ours/districts/angered.yaml: THEIRS's new P6.M26 is now P6.M27 (both sides added a P6.M26)"
expect "the result checks clean" 0 trygg check ours/$F
check "THEIRS's comment came along" grep -q '# THEIRS: asked the landlord' ours/$F
check "the comment stands above P6.M3" python3 - ours/$F <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = lines.index('      # THEIRS: asked the landlord')
assert lines[i + 1] == '      - id: P6.M3', lines[i:i + 2]
PY
check "both sides' changes, IDs and references right" python3 - ours/$F <<'PY'
import sys, yaml
d = yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.SafeLoader)
p6 = [p for p in d['problems'] if p['id'] == 'P6'][0]
ids = [m['id'] for p in d['problems'] for m in p.get('measures', [])]
assert len(ids) == len(set(ids)), ids
m = {x['id']: x for x in p6['measures']}
assert m['P6.M26']['text'] == 'Nattvandring' and m['P6.M27']['text'] == 'Belysning', m
assert m['P6.M1']['responsible'] == ['Polisen', 'SDF Angered', 'Bostadsbolaget', 'Fältgruppen'], m['P6.M1']
assert str(m['P6.M1']['due']) == '2015-01-31', m['P6.M1']
fu = [f for f in p6['followups'] if f.get('done') == 'Lamporna uppe']
assert len(fu) == 1 and fu[0]['measures'] == ['P6.M27'], fu
PY
check "OURS's bytes are kept outside the merged changes" python3 - ours-before.yaml ours/$F <<'PY'
import sys
a = open(sys.argv[1], encoding='utf-8').read().split('\n')
b = open(sys.argv[2], encoding='utf-8').read().split('\n')
# every line of OURS is still there, in order, except P6.M1's due and responsible
rest = [l for l in a if not l.startswith('        due: 2014-11-15') and 'Bostadsbolaget' not in l]
it = iter(b)
assert all(any(l == m for m in it) for l in rest)
PY

# The same key set two ways: the markers around that key, sized by -L
cp base/$F o.yaml
cp base/$F t.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (ours)/' o.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (theirs)/' t.yaml
sed -i '0,/^        due: 2014-11-15$/s//        due: 2014-12-01/' t.yaml
expect "a conflict: exit 1" 1 trygg merge-file base/$F o.yaml t.yaml -L 10 --path $F
expect_stderr "named, by --path" "trygg: $F: 1 conflict: both sides set the same key"
check "markers of 10 around the key alone" python3 - o.yaml <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = lines.index('<' * 10 + ' ours')
assert lines[i + 1] == '        text: Uppställning av polisen husbil (ours)', lines[i:i + 5]
assert lines[i + 2] == '=' * 10, lines[i:i + 5]
assert lines[i + 3] == '        text: Uppställning av polisen husbil (theirs)', lines[i:i + 5]
assert lines[i + 4] == '>' * 10 + ' theirs', lines[i:i + 5]
assert sum(l.startswith('<<<<<<<') for l in lines) == 1
PY
check "THEIRS's other change merged" grep -q '        due: 2014-12-01' o.yaml
expect "check names the markers" 1 trygg check o.yaml
expect_stderr "with their line" "o.yaml:$(grep -n '^<<<<<<<<<< ours' o.yaml | cut -d: -f1):1: error: a merge conflict starts here"

# A side that does not load: git's own line merge, with its markers, exit 1
cp base/$F o.yaml
cp base/$F t.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (ours)/' o.yaml
sed -i 's/^        text: Uppställning av polisen husbil.*/        text: [Uppställning/' t.yaml
git merge-file -p o.yaml base/$F t.yaml >want.yaml
sed -i 's/^<<<<<<< o.yaml$/<<<<<<< ours/; s/^>>>>>>> t.yaml$/>>>>>>> theirs/' want.yaml
expect "a side that does not load: exit 1" 1 trygg merge-file base/$F o.yaml t.yaml
expect_stderr "says why" "warning: did not find expected"
expect_stderr "and what it did" "o.yaml: merged line by line by git; resolve the conflicts it marked"
expect_same "OURS holds git's line merge" want.yaml o.yaml

cp base/$F o.yaml
sed -i 's/^        text: Uppställning av polisen husbil.*/        text: [Uppställning/' t.yaml
expect "a clean line merge that does not load: exit 1" 1 trygg merge-file base/$F o.yaml t.yaml
expect_stderr "says it is no valid plan" "merged line by line by git, and the result is no valid plan"
expect_same "OURS holds THEIRS's lines" t.yaml o.yaml

# Nothing written on a bad command line or a missing input
cp base/$F o.yaml
expect "a missing input: exit 66" 66 trygg merge-file nowhere.yaml o.yaml t.yaml
expect_stderr "named" "trygg: nowhere.yaml: error: cannot open"
expect_same "OURS untouched" base/$F o.yaml
expect "two files: exit 2" 2 trygg merge-file base/$F o.yaml
expect_stderr "says so" "merge-file takes three files: BASE OURS THEIRS"
expect "a bad marker size: exit 2" 2 trygg merge-file -L 0 base/$F o.yaml t.yaml
expect_same "OURS still untouched" base/$F o.yaml

# --path comes from a pulled commit (git's %P): safe for a terminal
P=$'x\e[31m.yaml'
cp base/$F t.yaml
cp base/$F o.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (ours)/' o.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (theirs)/' t.yaml
expect "a conflict named by a --path with an ESC: exit 1" 1 trygg merge-file base/$F o.yaml t.yaml --path "$P"
expect_stderr "the conflict told" ": 1 conflict: both sides set the same key"
check "no ESC byte in its messages" sh -c "! grep -qP '\x1b' '$TMP/.err'"
cp base/$F o.yaml
cp base/$F t.yaml
sed -i 's/^\(        text: Uppställning av polisen husbil\).*/\1 (ours)/' o.yaml
sed -i 's/^        text: Uppställning av polisen husbil.*/        text: [Uppställning/' t.yaml
expect "a line merge named by it: exit 1" 1 trygg merge-file base/$F o.yaml t.yaml --path "$P"
expect_stderr "told" "merged line by line by git; resolve the conflicts it marked"
check "no ESC byte there either" sh -c "! grep -qP '\x1b' '$TMP/.err'"

# trygg git setup names the workspace, whose path may hold anything
W=$'w\e[31ms'
cp -R base "$W"
git -C "$W" init -q
expect "git setup in a workspace whose path has an ESC" 0 trygg -C "$W" git setup
expect_stderr "says what it did" "now merge with 'trygg merge-file'"
check "no ESC byte in it" sh -c "! grep -qP '\x1b' '$TMP/.err'"

done_testing
