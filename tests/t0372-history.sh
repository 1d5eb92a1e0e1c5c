#!/bin/bash
# A measure's history as DESIGN.md §7 gives it: one entry when trygg makes
# the measure (dated --date or today), one at each status change of plan
# set (--date or today) and of followup record (the follow-up's date);
# none when the status stays; for a measure without history the status it
# had first, undated.  A --date before the last entry is refused; a
# trygg/1 file gets no history.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
today=$(date +%F)
# measures written by hand, without history: one planned, one without status
python3 - $f <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
t = t.replace("    followups:\n", """      - id: P6.M2
        text: Väktare i centrum
        phase: 1
        status: planned
      - id: P6.M3
        text: Möten med boende
        phase: 2
      - id: P6.M4
        text: Fritidsgård öppen på kvällar
        phase: 2
        status: ongoing
    followups:
""", 1)
open(p, 'w', encoding='utf-8').write(t)
PY
expect "the fixture checks clean" 0 trygg -C ws check

history() {  # history ID EXPECTED-PYTHON-LIST
	python3 -c 'import sys, yaml, datetime
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
m = [m for p in d["problems"] for m in p.get("measures", []) if m["id"] == sys.argv[2]][0]
D = lambda s: datetime.date.fromisoformat(s)
want = eval(sys.argv[3])
got = m.get("history")
assert got == want, (got, want)
if want: assert m.get("status", "proposed") == want[-1]["status"], m' $f "$1" "$2"
}

expect "add-measure --date" 0 trygg -C ws plan add-measure Angered --problem P6 --text "Ny belysning" \
	--phase 2 --date 2015-02-01
expect_stdout_is "… prints its ID" "P6.M24"
check "… its history: made, proposed, on that day" history P6.M24 \
	'[{"date": D("2015-02-01"), "status": "proposed"}]'
expect "add-measure --status, no --date" 0 trygg -C ws plan add-measure Angered --problem P6 --text "Kameror" \
	--phase 1 --status ongoing
check "… made ongoing, today" history P6.M25 "[{'date': D('$today'), 'status': 'ongoing'}]"

expect "set status --date" 0 trygg -C ws plan set Angered P6.M24 status=ongoing --date 2015-03-01
expect_stdout_is "… prints the ID" "P6.M24"
check "… adds the change on that day" history P6.M24 \
	'[{"date": D("2015-02-01"), "status": "proposed"}, {"date": D("2015-03-01"), "status": "ongoing"}]'
cp $f kept.yaml
expect "set the same status again" 0 trygg -C ws plan set Angered P6.M24 status=pågår --date 2015-03-05
expect_same "… is no change: no entry, no byte" kept.yaml $f
expect "set status without --date" 0 trygg -C ws plan set Angered P6.M24 status=done
check "… the change is dated today" history P6.M24 \
	"[{'date': D('2015-02-01'), 'status': 'proposed'}, {'date': D('2015-03-01'), 'status': 'ongoing'}, {'date': D('$today'), 'status': 'done'}]"

expect "set status of a measure without history" 0 trygg -C ws plan set Angered P6.M2 status=ongoing \
	--date 2015-01-10
check "… first the status it had, undated, then the new one" history P6.M2 \
	'[{"status": "planned"}, {"date": D("2015-01-10"), "status": "ongoing"}]'
expect "set status of a measure without status or history" 0 trygg -C ws plan set Angered P6.M3 \
	status=planned --date 2015-01-11
check "… it had been proposed" history P6.M3 \
	'[{"status": "proposed"}, {"date": D("2015-01-11"), "status": "planned"}]'
expect "status= removes the key: back to proposed" 0 trygg -C ws plan set Angered P6.M3 status= \
	--date 2015-01-12
check "… an entry of proposed" history P6.M3 \
	'[{"status": "proposed"}, {"date": D("2015-01-11"), "status": "planned"}, {"date": D("2015-01-12"), "status": "proposed"}]'

expect "followup record marks measures done" 0 trygg -C ws followup record Angered --problem P6 \
	--measure P6.M1 --measure P6.M4 --measure P6.M23 --date 2015-04-01 --done "Klart"
expect_stdout_is "… prints the follow-up's new ID, after the highest" "P6.F4"
check "… on a measure with history: one entry, the follow-up's date" history P6.M1 \
	'[{"status": "planned"}, {"date": D("2014-12-01"), "status": "ongoing"}, {"date": D("2015-04-01"), "status": "done"}]'
check "… on one without: the old status undated, then done" history P6.M4 \
	'[{"status": "ongoing"}, {"date": D("2015-04-01"), "status": "done"}]'
check "… on one already done: nothing" history P6.M23 '[{"date": D("2014-11-20"), "status": "done"}]'
check "the file checks clean" "$TRYGG" -C ws check

cp $f kept.yaml
expect "a --date before the last entry: exit 2" 2 trygg -C ws plan set Angered P6.M2 status=done \
	--date 2015-01-09
expect_stderr "… says why" "the history of P6.M2 has an entry of 2015-01-10: its status cannot change on 2015-01-09, before that"
expect_same "… and changes nothing" kept.yaml $f
expect "a follow-up dated before a measure's last entry: exit 2" 2 trygg -C ws followup record Angered \
	--problem P6 --measure P6.M2 --date 2015-01-01
expect_same "… changes nothing" kept.yaml $f
expect "a bad --date: exit 2" 2 trygg -C ws plan set Angered P6.M2 status=done --date 2015-02-30
expect_stderr "… says why" "--date is not a valid date: '2015-02-30' (expected YYYY-MM-DD)"
expect "a bad --date of add-measure: exit 2" 2 trygg -C ws plan add-measure Angered --problem P6 \
	--text x --phase 1 --date igår
expect_same "… change nothing" kept.yaml $f

# trygg/1: the same commands write no history
example_ws
v1=ws/districts/angered.yaml
expect "v1: add-measure --date" 0 trygg -C ws plan add-measure Angered --problem P6 --text "Ny" --phase 1 \
	--date 2015-02-01
expect "v1: set status --date" 0 trygg -C ws plan set Angered P6.M2 status=cancelled --date 2015-02-02
expect "v1: followup record" 0 trygg -C ws followup record Angered --problem P6 --measure P6.M3 \
	--date 2015-02-03
check "v1: no history anywhere, and no status added to the new measure" \
	sh -c "! grep -q history $v1 && grep -q 'id: P6.M26' $v1 && ! grep -A3 'id: P6.M26' $v1 | grep -q status"

done_testing
