#!/bin/bash
# followup set and followup rm on a trygg/2 file (DESIGN.md §7, §8): a
# follow-up changed or removed by its stable ID; the others keep theirs,
# and a new one gets the number after the highest; only a follow-up's
# form of ID is taken; bad input changes nothing.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
cp $f before.yaml

expect "a new follow-up" 0 trygg -C ws followup record Angered --problem P6 --date 2015-05-01 --done "Maj"
expect_stdout_is "… is P6.F4, after the highest" "P6.F4"
expect "followup rm P6.F1" 0 trygg -C ws followup rm Angered P6.F1
expect_stdout_is "… prints its ID" "P6.F1"
check "the others keep their IDs" python3 -c 'import sys, yaml
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
fu = d["problems"][0]["followups"]
assert [x["id"] for x in fu] == ["P6.F3", "P6.F4"], fu
assert fu[1]["done"] == "Maj", fu' $f
check "the comment of P6.F3 stays on its line" grep -q '      - id: P6.F3                         # P6.F2 was removed: IDs stay' $f
expect "followup set by the ID it kept" 0 trygg -C ws followup set Angered P6.F4 "measures=P6.M1, P6.M23" \
	"effect=Lugnare, enligt boende" by=Polisen
expect_stdout_is "… prints its ID" "P6.F4"
expect "followup set: -= one measure, clear by" 0 trygg -C ws followup set Angered P6.F4 measures-=P6.M23 by=
expect "a new follow-up after a removal" 0 trygg -C ws followup record Angered --problem P6 --date 2015-06-01
expect_stdout_is "… is P6.F5: no ID is given twice while a higher one is there" "P6.F5"
check "PyYAML reads the follow-ups" python3 - before.yaml $f <<'PY'
import sys, yaml, datetime
a, b = (yaml.load(open(p, encoding='utf-8'), Loader=yaml.SafeLoader) for p in sys.argv[1:])
fa = a['problems'][0]['followups']
want = [fa[1],
        {'id': 'P6.F4', 'date': datetime.date(2015, 5, 1), 'measures': ['P6.M1'], 'done': 'Maj',
         'effect': 'Lugnare, enligt boende'},
        {'id': 'P6.F5', 'date': datetime.date(2015, 6, 1)}]
assert b['problems'][0]['followups'] == want, b['problems'][0]['followups']
del a['problems'][0]['followups'], b['problems'][0]['followups']
assert a == b
PY
expect "the file checks clean" 0 trygg -C ws check

trygg -C ws plan add-problem Angered --title Klotter >/dev/null
trygg -C ws plan add-measure Angered --problem P7 --text Sanera --phase 1 >/dev/null
cp $f kept.yaml
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws followup "$@"
	expect_stderr "$desc: says why" "$msg"
	expect_same "$desc: the file is unchanged" kept.yaml $f
}
bad "set on a measure's ID" "'P6.M1' is not a follow-up's ID (P6.F1: the problem's ID, .F and a number)" \
	set Angered P6.M1 done=x
bad "rm of a removed follow-up" "no follow-up 'P6.F1' in Angered" rm Angered P6.F1
bad "rm of a problem's ID" "'P6' is not a follow-up's ID" rm Angered P6
bad "a measure of another problem" "'P7.M1' is not a measure of P6" set Angered P6.F3 measures+=P7.M1
bad "a key follow-ups do not have" "a follow-up has no key 'status'" set Angered P6.F3 status=done
bad "its date removed" "'date' is required and cannot be removed" set Angered P6.F3 date=
bad "a bad date" "date is not a valid date: '2015-13-01'" set Angered P6.F3 date=2015-13-01
bad "set without a pair" "followup set needs D, ID and at least one KEY=VALUE" set Angered P6.F3
bad "rm with two IDs" "followup rm takes D and ID" rm Angered P6.F3 P6.F4
bad "set does not take --date" "unknown option '--date'" set Angered P6.F3 done=x --date 2015-01-01
expect "followup set --help" 0 trygg followup set --help
expect_stdout "… shows its usage" "usage: trygg followup set D P.F<n>"

done_testing
