#!/bin/bash
# trygg promise add|record (DESIGN.md §7, §8): the next free L<n>, the keys
# in the schema's order, outcomes appended with Swedish words taken; the
# rest of a commented file unchanged; every bad input refused with exit 2
# and the file untouched, a version-1 file with a hint to migrate; the
# examples of trygg-promise(1) run.
. "$SRCDIR/tests/lib.sh"

rm -rf ws && cp -R "$SRCDIR/tests/fixtures/schema2" ws
f=ws/districts/angered.yaml
# comments around the list the commands append to, and at the very end
sed -i 's/^promises:$/# Medborgarlöften, undertecknade av polis och stadsdel\npromises:   # see trygg-plan(5)/' $f
printf '# sista raden: en kommentar\n' >>$f
cp $f before.yaml

expect "promise add" 0 trygg -C ws promise add Angered \
	--text "Vi lovar bättre belysning: gångvägarna i Hjällbo" --from 2017-01-01 --to 2017-12-31 \
	--signatory Lokalpolisområdeschef --signatory "Park, natur och trafik" \
	--measure P6.M23 --measure P6.M1
expect_stdout_is "… prints the next free ID alone" "L2"
expect "a second one, without signatories or measures" 0 trygg -C ws promise add angered \
	--text "Trygga skolvägar" --from 2018-01-01 --to 2018-01-01
expect_stdout_is "… is L3" "L3"
expect "record an outcome with a Swedish word" 0 trygg -C ws promise record Angered L2 \
	--status Delvis --date 2017-06-30 --text "Hälften av gångvägarna"
expect_no_stdout "… prints nothing"
expect "record on the hand-written L1, 'ej uppfyllt'" 0 trygg -C ws promise record Angered L1 \
	--status "ej uppfyllt" --date 2016-12-31
expect "record not_met without text" 0 trygg -C ws promise record Angered L2 --status not_met \
	--date 2017-12-31
expect "record met" 0 trygg -C ws promise record Angered L3 --status UPPFYLLT --date 2018-01-01
expect "the file checks" 0 trygg -C ws check

check "PyYAML (SafeLoader) reads the promises written" python3 - $f <<'PY'
import sys, yaml
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
def s(x):
    if isinstance(x, dict):
        return {k: s(v) for k, v in x.items()}
    if isinstance(x, list):
        return [s(v) for v in x]
    return str(x)
want = [
    {"id": "L1",
     "text": "Vi lovar att polis och stadsdel är synliga i Rannebergen centrum varje fredag kväll",
     "from": "2016-01-01", "to": "2016-12-31",
     "signatories": ["Lokalpolisområdeschef", "Stadsdelsdirektör"], "measures": ["P6.M1"],
     "outcomes": [{"date": "2016-06-30", "status": "partly", "text": "Synliga de flesta fredagar"},
                  {"date": "2016-12-31", "status": "not_met"}]},
    {"id": "L2", "text": "Vi lovar bättre belysning: gångvägarna i Hjällbo",
     "from": "2017-01-01", "to": "2017-12-31",
     "signatories": ["Lokalpolisområdeschef", "Park, natur och trafik"],
     "measures": ["P6.M23", "P6.M1"],
     "outcomes": [{"date": "2017-06-30", "status": "partly", "text": "Hälften av gångvägarna"},
                  {"date": "2017-12-31", "status": "not_met"}]},
    {"id": "L3", "text": "Trygga skolvägar", "from": "2018-01-01", "to": "2018-01-01",
     "outcomes": [{"date": "2018-01-01", "status": "met"}]},
]
got = s(d["promises"])
assert got == want, got
# the keys in the order of trygg-plan(5)
assert list(d["promises"][1]) == ["id", "text", "from", "to", "signatories", "measures", "outcomes"]
PY
check "no line of the file was removed or changed, only lines added" \
	sh -c "! diff before.yaml $f | grep -q '^[<|-]'"
check "the comments stay" sh -c "grep -qx '# sista raden: en kommentar' $f &&
	grep -q '^promises:   # see trygg-plan(5)' $f && grep -q '^# Medborgarlöften' $f"

# bad inputs: exit 2, a clear message, the file untouched
cp $f good.yaml
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws "$@"
	expect_stderr "$desc: says so" "$msg"
	expect_same "$desc: file unchanged" good.yaml $f
}
bad "--to before --from" "the promise ends (2019-01-01) before it starts (2019-02-01)" \
	promise add Angered --text T --from 2019-02-01 --to 2019-01-01
bad "an unknown measure" "no measure 'P6.M99' in Angered" \
	promise add Angered --text T --from 2019-01-01 --to 2019-02-01 --measure P6.M99
bad "a bad --from" "--from is not a valid date: '2019-02-30'" \
	promise add Angered --text T --from 2019-02-30 --to 2019-03-01
bad "no --to" "promise add needs --text, --from and --to" \
	promise add Angered --text T --from 2019-02-01
bad "a bad status" "--status has a bad value 'bra' (expected one of: met, partly, not_met)" \
	promise record Angered L1 --status bra
bad "no --status" "promise record needs --status" promise record Angered L1
bad "an unknown promise" "Angered has no promise 'L9' (its promises: L1, L2, L3)" \
	promise record Angered L9 --status met
bad "a near miss" "has no promise 'L22' (did you mean 'L2'?)" promise record Angered L22 --status met
bad "a bad --date" "--date is not a valid date: '17-06-30'" \
	promise record Angered L1 --status met --date 17-06-30
expect "an unknown district" 66 trygg -C ws promise record Nowhere L1 --status met
expect_same "… file unchanged" good.yaml $f

# a version-1 file: a write to it writes version 1 only, so it is refused
rm -rf v1 && cp -R "$EXAMPLES" v1 && rm -rf v1/.trygg
cp v1/districts/angered.yaml v1.yaml
expect "add to a version-1 file: exit 2" 2 trygg -C v1 promise add Angered --text T \
	--from 2017-01-01 --to 2017-12-31
expect_stderr "… names trygg migrate" "citizen promises need schema trygg/2, and this file says 'schema: trygg/1' (run 'trygg migrate' to move it to trygg/2)"
expect "record in a version-1 file: exit 2" 2 trygg -C v1 promise record Angered L1 --status met
expect_stderr "… the same" "run 'trygg migrate'"
expect_same "… and the file is unchanged" v1.yaml v1/districts/angered.yaml

expect "--dry-run" 0 trygg -C ws promise record Angered L3 --status partly --date 2018-02-01 --dry-run
expect_stdout "… shows the change" "+      - date: 2018-02-01"
expect_same "… and writes nothing" good.yaml $f

# the examples of trygg-promise(1), in a fresh copy of the fixture
rm -rf ex && cp -R "$SRCDIR/tests/fixtures/schema2" ex
check "trygg-promise(1)'s examples run and print what it shows" python3 - \
	"$SRCDIR/man/trygg-promise.1.scd" "$TRYGG" ex <<'PY'
import shlex, subprocess, sys
page, trygg, ws = sys.argv[1:]
text = open(page, encoding="utf-8").read().split("# EXAMPLES", 1)[1]
n = 0
for block in text.split("```")[1::2]:
    lines = block.strip("\n").split("\n")
    cmd = []
    while lines:
        line = lines.pop(0)
        cmd.append(line.rstrip("\\").strip())
        if not line.endswith("\\\\"):
            break
    words = shlex.split(" ".join(cmd).lstrip("$ "))
    assert words[0] == "trygg", words
    r = subprocess.run([trygg, "-C", ws] + words[1:], capture_output=True, text=True)
    want = "".join(l + "\n" for l in lines)
    assert r.returncode == 0 and r.stdout == want, (words, r.returncode, r.stdout, r.stderr)
    n += 1
assert n == 2, n
PY

done_testing
