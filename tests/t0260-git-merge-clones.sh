#!/bin/bash
# Two clones of one workspace edit one district; git pull merges them
# with trygg's merge driver (trygg-git(7), DESIGN.md §10).
. "$SRCDIR/tests/lib.sh"

export HOME=$TMP GIT_CONFIG_NOSYSTEM=1
export PATH="$(dirname "$TRYGG"):$PATH"
git config --global user.name "Test Person"
git config --global user.email test@example.org
git config --global init.defaultBranch main
git config --global pull.rebase false
F=districts/angered.yaml

expect "init --git" 0 trygg init --example --git ws
check ".gitattributes names the driver" grep -qx 'districts/\*.yaml merge=trygg' ws/.gitattributes
check ".gitignore leaves out the index" grep -qx '.trygg/' ws/.gitignore
check "the driver is registered" test "$(git -C ws config merge.trygg.driver)" = 'trygg merge-file %O %A %B --path %P'
git -C ws add -A && git -C ws commit -qm start
git clone -q --bare ws origin.git
git clone -q origin.git a
git clone -q origin.git b
expect "git setup in a clone" 0 trygg -C b git setup
expect "git setup in the other" 0 trygg -C a git setup
expect "git setup twice adds nothing" 0 trygg -C a git setup
check "one attributes line" test "$(grep -c 'merge=trygg' a/.gitattributes)" = 1
check "one ignore line" test "$(grep -c '^.trygg/$' a/.gitignore)" = 1
trygg init plain >/dev/null 2>&1
expect "git setup outside git: exit 2" 2 trygg -C plain git setup

# A: a measure and a follow-up naming it, a due date changed
run trygg -C a plan add-measure Angered --problem P6 --text "Nattvandring i centrum" --phase 1
check "A's measure took P6.M26" test "$(cat "$TMP/.out")" = P6.M26
trygg -C a followup record Angered --problem P6 --measure P6.M26 --done "Nattvandrare ute" --date 2015-02-01 >/dev/null
trygg -C a plan set Angered P6.M2 due=2015-03-31 >/dev/null
git -C a commit -qam "A's edits"
git -C a push -q origin main

# B: a measure that takes the same ID, a follow-up naming it, another
# field of the same measure, a comment above an item it did not change
run trygg -C b plan add-measure Angered --problem P6 --text "Belysning vid torget" --phase 2
check "B's measure took P6.M26 too" test "$(cat "$TMP/.out")" = P6.M26
trygg -C b followup record Angered --problem P6 --measure P6.M26 --done "Lamporna uppsatta" --date 2015-02-02 >/dev/null
trygg -C b plan set Angered P6.M2 status=ongoing >/dev/null
python3 - b/$F <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
i = s.index('      - id: P6.M3\n')
open(p, 'w', encoding='utf-8').write(s[:i] + '      # B: the landlord pays for this one\n' + s[i:])
PY
git -C b commit -qam "B's edits"

expect "git pull merges without a conflict" 0 git -C b pull -q origin main
expect_stderr "the renumbering is told" "THEIRS's new P6.M26 is now P6.M27"
check "no markers" sh -c "! grep -q '^<<<<<<<' b/$F"
expect "trygg check is clean" 0 trygg -C b check
check "B's comment is there" grep -q '# B: the landlord pays for this one' b/$F
check "the example's own comments are there" grep -q 'Kör `trygg check` efter varje handpåläggning' b/$F
check "both measures, unique IDs, references right" python3 - b/$F <<'PY'
import sys, yaml
d = yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.SafeLoader)
p6 = [p for p in d['problems'] if p['id'] == 'P6'][0]
ids = [m['id'] for p in d['problems'] for m in p.get('measures', [])]
assert len(ids) == len(set(ids)), ids
by_text = {m['text']: m for m in p6['measures']}
a, b = by_text['Nattvandring i centrum'], by_text['Belysning vid torget']
assert b['id'] == 'P6.M26' and a['id'] == 'P6.M27', (a, b)
fu = {f.get('done'): f for f in p6['followups']}
assert fu['Nattvandrare ute']['measures'] == ['P6.M27'], fu['Nattvandrare ute']
assert fu['Lamporna uppsatta']['measures'] == ['P6.M26'], fu['Lamporna uppsatta']
m2 = [m for m in p6['measures'] if m['id'] == 'P6.M2'][0]
assert str(m2['due']) == '2015-03-31' and m2['status'] == 'ongoing', m2
PY
git -C b push -q origin main
expect "A pulls B's merge: a fast-forward" 0 git -C a pull -q origin main
expect_same "both clones hold the same file" a/$F b/$F

# The same key set two ways: a conflict around that key, which check names
trygg -C a plan set Angered P6.M4 status=cancelled >/dev/null
trygg -C a plan add-measure Angered --problem P2 --text "Läxhjälp" --phase 2 >/dev/null
git -C a commit -qam "A cancels M4"
git -C a push -q origin main
trygg -C b plan set Angered P6.M4 status=done >/dev/null
trygg -C b plan set Angered P6.M5 due=2016-01-31 >/dev/null
git -C b commit -qam "B finishes M4"
expect "git pull stops at the conflict" 1 git -C b pull -q origin main
check "markers around that key alone" python3 - b/$F <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = lines.index('<<<<<<< ours')
assert lines[i + 1].strip() == 'status: done', lines[i:i + 5]
assert lines[i + 2] == '=======', lines[i:i + 5]
assert lines[i + 3].strip() == 'status: cancelled', lines[i:i + 5]
assert lines[i + 4] == '>>>>>>> theirs', lines[i:i + 5]
assert sum(l.startswith('<<<<<<<') for l in lines) == 1
PY
check "the other changes merged" sh -c "grep -q 'Läxhjälp' b/$F && grep -q 'due: 2016-01-31' b/$F"
expect "trygg check reports the conflict" 1 trygg -C b check
expect_stderr "at the marker's line" "error: a merge conflict starts here"

done_testing
