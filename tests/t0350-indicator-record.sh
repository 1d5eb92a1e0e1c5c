#!/bin/bash
# trygg indicator add|record, and followup record with --indicator ID=V and
# --added (DESIGN.md §7, §8): the IDs printed, the data PyYAML reads back
# (computed here from the file before), every other byte of the file kept
# (comments and x- keys too: the changes only insert lines), bad input
# refused with exit 2 and the file unchanged; a trygg/1 file gets trygg/1
# keys only, or a clear refusal naming trygg migrate; the readings show in
# report indicators and ls indicators; in trygg batch the IDs count the
# lines before (an indicator or problem an earlier line made).
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
# the user's own key and comments inside the problem that changes
sed -i 's/^    initiatives: \[3\]$/    initiatives: [3]\n    x-owner: Trygghetssamordnaren   # vår egen nyckel\n    # indikatorerna följs upp varje höst/' $f
expect "the fixture with an x- key is valid" 0 trygg -C ws check

# only_inserted OLD NEW: NEW is OLD with lines inserted, no line of OLD
# changed or gone (so every comment, x- key and blank line is kept).
only_inserted() {
	! diff "$1" "$2" | grep -q '^<'
}

# same_data OLD NEW PYTHON: PyYAML's SafeLoader reads NEW as OLD's data
# changed by PYTHON, which changes `d` (the old data) in place.
same_data() {
	python3 - "$1" "$2" "$3" <<'PY'
import datetime, sys, yaml
D = datetime.date.fromisoformat
load = lambda p: yaml.load(open(p, encoding="utf-8"), Loader=yaml.SafeLoader)
d, new = load(sys.argv[1]), load(sys.argv[2])
P = {p["id"]: p for p in d["problems"]}
exec(sys.argv[3])
if d != new:
    print("expected:", d, "\ngot:", new, sep="\n")
    sys.exit(1)
PY
}

# ---- indicator add -----------------------------------------------------
cp $f before.yaml
expect "indicator add" 0 trygg -C ws indicator add Angered --problem P6 \
	--name "Anmälda brott i centrum per år" --unit count --direction down \
	--baseline 120@2014-01-01 --target 90@2016-12-31 --source "Polisens statistik"
expect_stdout_is "it prints the new ID" "P6.I2"
check "only lines inserted" only_inserted before.yaml $f
check "PyYAML reads the new indicator" same_data before.yaml $f '
P["P6"]["indicators"].append({"id": "P6.I2", "name": "Anmälda brott i centrum per år",
    "unit": "count", "direction": "down", "source": "Polisens statistik",
    "baseline": {"value": 120, "date": D("2014-01-01")},
    "target": {"value": 90, "date": D("2016-12-31")}})'

cp $f before.yaml
expect "indicator add with Swedish words and a percentage" 0 trygg -C ws indicator add angered \
	--problem P6 --name "Andel som känner sig trygga" --unit andel --direction upp \
	--baseline "38 %@2014-10-01" --target 0,5
expect_stdout_is "the next ID" "P6.I3"
check "PyYAML reads the share" same_data before.yaml $f '
P["P6"]["indicators"].append({"id": "P6.I3", "name": "Andel som känner sig trygga",
    "unit": "share", "direction": "up",
    "baseline": {"value": 0.38, "date": D("2014-10-01")}, "target": {"value": 0.5}})'

expect "indicator add --dry-run" 0 trygg -C ws indicator add angered --problem P6 --name Z \
	--unit index --direction up --dry-run
expect_stdout "--dry-run prints the diff" "+      - id: P6.I4"
expect_same "--dry-run writes nothing" before.yaml before.yaml
cp $f after-dry.yaml
expect "another add after a dry run" 0 trygg -C ws indicator add angered --problem P6 --name Z \
	--unit index --direction up --dry-run
expect_same "the file is as before the dry runs" after-dry.yaml $f

# ---- indicator record --------------------------------------------------
cp $f before.yaml
expect "indicator record" 0 trygg -C ws indicator record Angered P6.I1 0,29 --date 2016-01-01 \
	--note "Mätning hösten 2016"
expect_no_stdout "a reading prints nothing"
check "only lines inserted by record" only_inserted before.yaml $f
check "PyYAML reads the reading" same_data before.yaml $f '
P["P6"]["indicators"][0]["readings"].append({"date": D("2016-01-01"), "value": 0.29,
    "note": "Mätning hösten 2016"})'
cp $f before.yaml
expect "a reading as a percentage" 0 trygg -C ws indicator record angered P6.I1 "27 %" \
	--date 2016-06-01
expect "a count" 0 trygg -C ws indicator record angered P6.I2 104 --date 2015-12-31
expect "a reading made the first of its list" 0 trygg -C ws indicator record angered P6.I3 0.41 \
	--date 2015-10-01
check "PyYAML reads the three readings" same_data before.yaml $f '
I = P["P6"]["indicators"]
I[0]["readings"].append({"date": D("2016-06-01"), "value": 0.27})
I[1]["readings"] = [{"date": D("2015-12-31"), "value": 104}]
I[2]["readings"] = [{"date": D("2015-10-01"), "value": 0.41}]'
expect "the file is valid" 0 trygg -C ws check

# ---- bad input: exit 2, the file unchanged --------------------------------
cp $f before.yaml
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws "$@"
	expect_stderr "$desc: says so" "$msg"
	expect_no_stdout "$desc: prints no ID"
	expect_same "$desc: the file is unchanged" before.yaml $f
}
bad "an unknown problem" "no problem 'P9' in Angered" \
	indicator add angered --problem P9 --name X --unit count --direction down
bad "a bad unit" "--unit has a bad value 'kilo'" \
	indicator add angered --problem P6 --name X --unit kilo --direction down
bad "a bad direction" "--direction has a bad value 'sideways'" \
	indicator add angered --problem P6 --name X --unit count --direction sideways
bad "no --unit" "indicator add needs --unit" \
	indicator add angered --problem P6 --name X --direction down
bad "a bad baseline value" "--baseline is not a number: '3,3,3'" \
	indicator add angered --problem P6 --name X --unit count --direction down --baseline 3,3,3@2014-01-01
bad "a bad baseline date" "--baseline has a bad date '2014-13-01'" \
	indicator add angered --problem P6 --name X --unit count --direction down --baseline 3@2014-13-01
bad "a percentage for a count" "is a percentage, '40 %', but P6.I2 is not a share" \
	indicator record angered P6.I2 "40 %"
bad "a name taken" "P6 already has an indicator named 'Andel som känner sig trygga' (P6.I3)" \
	indicator add angered --problem P6 --name "Andel som känner sig trygga" --unit share --direction up
bad "a bad reading value" "the value is not a number: '3,3,3'" \
	indicator record angered P6.I1 3,3,3 --date 2016-01-01
bad "a bad reading date" "--date is not a valid date: '2016-02-30'" \
	indicator record angered P6.I1 0,3 --date 2016-02-30
bad "a share above 1" "the value is a share, from 0 to 1, not '33'" \
	indicator record angered P6.I1 33
bad "an unknown indicator" "no indicator 'P6.I9' in Angered" \
	indicator record angered P6.I9 0,3
bad "record without a value" "indicator record takes a district, an indicator ID and a value" \
	indicator record angered P6.I1
bad "a bad --indicator value" "--indicator P6.I1 is not a number: '3,3,3'" \
	followup record angered --problem P6 --indicator P6.I1=3,3,3
bad "an unknown --indicator" "P6 has no indicator 'P6.I7'" \
	followup record angered --problem P6 --indicator P6.I7=3
bad "--added without --phase" "--added needs --phase" \
	followup record angered --problem P6 --added "Extra städning"
bad "--phase without --added" "--phase is the phase of the measure --added names" \
	followup record angered --problem P6 --phase 2
bad "--added with a bad phase" "phase has a bad value '4'" \
	followup record angered --problem P6 --added "Extra städning" --phase 4

# ---- followup record: --indicator by ID and by name, --added --------------
cp $f before.yaml
expect "followup record --indicator ID=V" 0 trygg -C ws followup record angered --problem P6 \
	--measure P6.M1 --indicator P6.I1=0,33 --indicator P6.I2=98 --date 2016-03-01 --done Klart
expect_stdout_is "it prints the next stable ID (P6.F3 is the highest)" "P6.F4"
check "only lines inserted, but the status" \
	test "$(diff before.yaml $f | grep -c '^<')" = 1
check "PyYAML reads the follow-up, the status and its history" same_data before.yaml $f '
P["P6"]["followups"].append({"id": "P6.F4", "date": D("2016-03-01"), "measures": ["P6.M1"],
    "done": "Klart", "indicators": {"P6.I1": 0.33, "P6.I2": 98}})
m = P["P6"]["measures"][0]
m["status"] = "done"
m["history"].append({"date": D("2016-03-01"), "status": "done"})'

cp $f before.yaml
expect "followup record --indicator NAME=V" 0 trygg -C ws followup record angered --problem P6 \
	--indicator "Andel boende som känner sig otrygga ute sent=0.30" --date 2016-05-01
expect_stdout_is "its ID" "P6.F5"
check "a name is written as the ID in a trygg/2 file" same_data before.yaml $f '
P["P6"]["followups"].append({"id": "P6.F5", "date": D("2016-05-01"),
    "indicators": {"P6.I1": 0.3}})'

cp $f before.yaml
expect "followup record --added" 0 trygg -C ws followup record angered --problem P6 \
	--added "Extra städning av centrum" --phase 2 --date 2016-06-15 --effect "Renare"
expect_stdout_is "it prints the follow-up's ID, then the measure's" "P6.F6
P6.M24"
check "only lines inserted by --added" only_inserted before.yaml $f
check "PyYAML reads the measure with origin followup" same_data before.yaml $f '
P["P6"]["measures"].append({"id": "P6.M24", "text": "Extra städning av centrum", "phase": 2,
    "origin": "followup", "status": "done",
    "history": [{"date": D("2016-06-15"), "status": "done"}]})
P["P6"]["followups"].append({"id": "P6.F6", "date": D("2016-06-15"), "measures": ["P6.M24"],
    "effect": "Renare"})'
expect "the file is valid" 0 trygg -C ws check
check "the x- key and the comments are there" grep -q 'x-owner: Trygghetssamordnaren   # vår egen nyckel' $f

# ---- the readings in the reports -------------------------------------------
expect "a reading of the latest date" 0 trygg -C ws indicator record angered P6.I1 0,25 \
	--date 2017-01-01
expect "report indicators" 0 trygg -C ws report indicators angered --format csv
expect_stdout "report indicators shows the latest reading" \
	'"Angered","P6","P6.I1","Andel boende som känner sig otrygga ute sent","share","down","0.38","2014-10-01","0.25","2017-01-01","0.3","2016-10-01","met"'
expect_stdout "and the count's" '"P6.I2","Anmälda brott i centrum per år","count","down","120","2014-01-01","98","2016-03-01"'
expect "ls indicators" 0 trygg -C ws ls indicators --district Angered --format csv
expect_stdout "ls indicators shows the latest reading" "P6.I1"
expect_stdout "ls indicators shows its value" "0.25"

# ---- in trygg batch: IDs past the lines before, in one write ----------------
rm -rf bws && cp -r "$SRCDIR/tests/fixtures/schema2" bws && rm -rf bws/.trygg
cat >batch.txt <<'EOF'
indicator add angered --problem P6 --name A --unit count --direction down
indicator add angered --problem P6 --name B --unit andel --direction upp
indicator record angered P6.I3 "40 %" --date 2020-01-01
plan add-problem angered --title Ny
indicator add angered --problem P7 --name C --unit index --direction up
followup record angered --problem P7 --added X --phase 1 --date 2020-02-02 --indicator P7.I1=3
followup record angered --problem P7 --added Y --phase 1 --date 2020-02-03
EOF
cp bws/districts/angered.yaml before.yaml
expect "a batch of indicator and follow-up lines" 0 sh -c '"$TRYGG" -C bws batch <batch.txt'
expect_stdout_is "each line's IDs" "P6.I2
P6.I3
ok
P7
P7.I1
P7.F1 P7.M1
P7.F2 P7.M2"
f=bws/districts/angered.yaml
check "PyYAML reads the batch's items" same_data before.yaml $f '
I = P["P6"]["indicators"]
I.append({"id": "P6.I2", "name": "A", "unit": "count", "direction": "down"})
I.append({"id": "P6.I3", "name": "B", "unit": "share", "direction": "up",
    "readings": [{"date": D("2020-01-01"), "value": 0.4}]})
h = lambda day: [{"date": D(day), "status": "done"}]
d["problems"].append({"id": "P7", "title": "Ny",
    "indicators": [{"id": "P7.I1", "name": "C", "unit": "index", "direction": "up"}],
    "measures": [
        {"id": "P7.M1", "text": "X", "phase": 1, "origin": "followup", "status": "done",
         "history": h("2020-02-02")},
        {"id": "P7.M2", "text": "Y", "phase": 1, "origin": "followup", "status": "done",
         "history": h("2020-02-03")}],
    "followups": [
        {"id": "P7.F1", "date": D("2020-02-02"), "measures": ["P7.M1"], "indicators": {"P7.I1": 3}},
        {"id": "P7.F2", "date": D("2020-02-03"), "measures": ["P7.M2"]}]})'
expect "the batch's file is valid" 0 trygg -C bws check

# ---- a trygg/1 file: trygg/1 keys only, or a refusal naming trygg migrate ---
example_ws
f=ws/districts/angered.yaml
cp $f before.yaml
bad "indicator add on trygg/1" "need schema trygg/2, and this file says 'schema: trygg/1' (run 'trygg migrate'" \
	indicator add angered --problem P3 --name X --unit count --direction down
bad "indicator record on trygg/1" "readings of an indicator need schema trygg/2" \
	indicator record angered P3.I1 5
expect_stderr "it says how to record a reading in trygg/1" "followup record D --problem P --indicator NAME=VALUE"
bad "an indicator ID in a trygg/1 follow-up" "P3 has no indicator 'P3.I1'" \
	followup record angered --problem P3 --indicator P3.I1=50
expect_stderr "it names trygg migrate" "run 'trygg migrate' to give them IDs"

expect "followup record --added on trygg/1" 0 trygg -C ws followup record angered --problem P3 \
	--measure P3.M1 --indicator "Antal misstänkta under 18 år per kvartal=50" \
	--added "Nattvandring i Hjällbo" --phase 1 --date 2015-01-01
expect_stdout_is "the follow-up's ID by its place, then the measure's" "P3.F2
P3.M5"
expect_stderr "a warning that origin is not written" "P3.M5 is written without 'origin: followup'"
check "PyYAML reads trygg/1 keys only" same_data before.yaml $f '
P["P3"]["measures"].append({"id": "P3.M5", "text": "Nattvandring i Hjällbo", "phase": 1,
    "status": "done"})
P["P3"]["measures"][0]["status"] = "done"
P["P3"]["followups"].append({"date": D("2015-01-01"), "measures": ["P3.M1", "P3.M5"],
    "indicators": {"Antal misstänkta under 18 år per kvartal": 50}})'
check "no trygg/2 key written" sh -c "! diff before.yaml $f | grep -E '^>.*(origin|history|id: P3.F)'"
expect "the trygg/1 file is valid" 0 trygg -C ws check

done_testing
