#!/bin/bash
# Schema trygg/2 in the index (trygg-index(7)): indicators and their
# readings as numbers with §7's verdicts, the local areas and initiatives
# of problems and measures, the joint picture's decisions; trygg ls
# indicators [--off-track] and ls measures|problems --area/--initiative.
# On the invented version-2 workspace tests/fixtures/schema2, whose
# Lundby has an indicator of every verdict.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg

# ids ARGS...: the "district id" pairs ls ARGS lists as csv, one a line.
ids() {
	run "$TRYGG" -C ws ls "$@" --format csv
	python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(r["district"] + " " + r["id"])' "$TMP/.out"
}
expect_ids() {
	local desc=$1 want=$2
	shift 2
	ids "$@" >got
	printf '%s\n' "$want" | sed '/^$/d' >want
	if [ "$code" = 0 ] && cmp -s want got; then
		ok "$desc"
	else
		not_ok "$desc" "ls $*: exit $code" "$(diff want got)" "$(head -c 1000 "$TMP/.err")"
	fi
}
q() {
	"$TRYGG" -C ws query --format csv "$1" 2>/dev/null | sed 1d
}

expect "ls indicators" 0 trygg -C ws ls indicators
expect_stdout_is "every indicator, with its verdict today" \
"district  problem  id     name                                          latest  target  verdict
Angered   P6       P6.I1  Andel boende som känner sig otrygga ute sent    0.33     0.3  not_met
Lundby    P1       P1.I1  Anmälda inbrott i källarförråd per år           90.0    60.0  on_track
Lundby    P1       P1.I2  Andel boende som låser sitt förråd              0.45     0.7  off_track
Lundby    P1       P1.I3  Trygghetsindex i Eriksberg                       4.2     4.0  met
Lundby    P1       P1.I4  Inbrott per 1000 lägenheter                     10.0     8.0  not_met
Lundby    P1       P1.I5  Andel förråd med nya lås                                 0.9  no_reading
Lundby    P1       P1.I6  Antal grannsamverkansgrupper                     6.0          "
expect "ls indicators --format csv" 0 trygg -C ws ls indicators --district lundby --format csv
expect_stdout "every column of indicators_v, numbers as numbers" \
'"district","problem","name","baseline","baseline_date","target","target_date","latest","latest_date","seq","id","unit","direction","source","verdict","file","stale"
"Lundby","P1","Anmälda inbrott i källarförråd per år","120","2020-01-01","60","2099-01-01","90","2021-01-01","1","P1.I1","count","down","Polisens anmälningsstatistik","on_track","districts/lundby.yaml","0"'
expect "ls indicators --format json" 0 trygg -C ws ls indicators --district angered --format json
check "json numbers are numbers, the latest of own and follow-up readings" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["items"][0]
assert r["baseline"] == 0.38 and r["target"] == 0.3 and r["latest"] == 0.33, r
assert r["latest_date"] == "2015-10-01" and r["verdict"] == "not_met", r' "$TMP/.out"

expect_ids "--off-track: off_track and not_met" "Angered P6.I1
Lundby P1.I2
Lundby P1.I4" indicators --off-track
expect_ids "--sort verdict: not_met, off_track, no_reading, on_track, met, none" "Angered P6.I1
Lundby P1.I4
Lundby P1.I2
Lundby P1.I5
Lundby P1.I1
Lundby P1.I3
Lundby P1.I6" indicators --sort verdict
expect_ids "--sort -name, in Swedish order" "Lundby P1.I3
Lundby P1.I4
Lundby P1.I6
Lundby P1.I1
Lundby P1.I5
Lundby P1.I2
Angered P6.I1" indicators --sort -name

expect_ids "--area: a measure's own areas, or its problem's" "Lundby P1.M1
Lundby P1.M2" measures --area lindholmen
expect_ids "--area with å, ä, ö in any case" "Angered P6.M1
Angered P6.M23" measures --area RANNEBERGEN
expect_ids "--area of problems: their own" "Lundby P1" problems --area Eriksberg
expect_ids "--initiative: a measure's own initiatives, or its problem's" "Angered P6.M23
Lundby P1.M1" measures --initiative 2
expect_ids "--area and --initiative combine" "Lundby P1.M2" measures --area Lindholmen --initiative 3
expect_ids "--initiative of problems" "Angered P6" problems --initiative 3
expect_ids "an area no measure has" "" measures --area Nowhere

expect "--initiative that trygg.yaml lacks" 2 trygg -C ws ls measures --initiative 9
expect_stderr "says so" "--initiative 9 is not one of the Police's initiatives in trygg.yaml"
expect "--initiative that is no number" 2 trygg -C ws ls measures --initiative tre
expect_stderr "says so" "--initiative must be a number, not 'tre'"
expect "--off-track on measures" 2 trygg -C ws ls measures --off-track
expect_stderr "says so" "--off-track applies to indicators and promises only"
expect "--area on follow-ups" 2 trygg -C ws ls followups --area Rannebergen
expect_stderr "says so" "--area does not apply to followups"
expect "--phase on indicators" 2 trygg -C ws ls indicators --phase 1
expect "a misspelt kind" 2 trygg -C ws ls indicator
expect_stderr "is suggested" "did you mean 'indicators'"

# the views, for sqlite3 and Python
check "readings_v: own readings and follow-ups', dated, by indicator ID" test \
	"$(q "SELECT followup, date, indicator_id, value, note FROM readings_v WHERE district = 'Angered'")" = \
	',"2015-10-01","P6.I1","0.33","Mätning hösten 2015"
"P6.F1","2014-11-20","P6.I1","0.35",
"P6.F3","2015-03-01","P6.I1","0.34",'
check "situation_v: the decisions, and a prioritised item no problem answers" test \
	"$(q "SELECT id, decision, rank, decided_date, decided_by, unaddressed FROM situation_v WHERE source = 'joint'")" = \
	'"S2","prioritised","1","2014-11-03","Styrgruppen","1"
"S3","watch",,,,"0"'
check "verdicts: a step per change, from the C rules" test \
	"$(q "SELECT v.from_date, v.verdict FROM verdicts v JOIN indicators i ON i.id = v.indicator_id WHERE i.iid = 'P6.I1' ORDER BY v.from_date")" = \
	'"","no_reading"
"2014-11-20","on_track"
"2016-10-01","not_met"'
check "places_v and initiatives_v say what is inherited" test \
	"$(q "SELECT p.measure, p.area, p.inherited, i.initiative, i.inherited FROM places_v p JOIN initiatives_v i ON i.district = p.district AND i.measure = p.measure WHERE p.district = 'Lundby' ORDER BY 1, 2")" = \
	'"P1.M1","Eriksberg","1","2","1"
"P1.M1","Lindholmen","1","2","1"
"P1.M2","Lindholmen","0","3","0"'
check "the views read in Python's sqlite3, without trygg's functions" python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for v in ("indicators_v", "readings_v", "places_v", "initiatives_v", "situation_v", "measures_v", "problems_v"):
    c.execute("SELECT * FROM " + v).fetchall()
n = c.execute("SELECT count(*) FROM indicators_v WHERE verdict IN (\"off_track\", \"not_met\")").fetchone()[0]
assert n == 3, n' ws/.trygg/index.sqlite

# a refresh replaces a district's verdicts, places and readings
sed -i 's/value: 0.45, note: Efter flytten av förråden/value: 0.6, note: Nya lås/' ws/districts/lundby.yaml
expect_ids "an edited reading changes the verdict at the next refresh" "Angered P6.I1
Lundby P1.I4" indicators --off-track
check "the district's verdicts are replaced, not added to" test \
	"$(q "SELECT v.from_date, v.verdict FROM verdicts v JOIN indicators i ON i.id = v.indicator_id WHERE i.iid = 'P1.I2' ORDER BY v.id")" = \
	'"","no_reading"
"2021-01-01","on_track"
"2099-01-01","not_met"'
check "and its readings" test "$(q "SELECT count(*) FROM readings_v WHERE district = 'Lundby'")" = '"6"'

# an index of the version before is rebuilt with these columns
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 7"); c.commit()' ws/.trygg/index.sqlite
expect "an index of version 7 is rebuilt" 0 trygg -C ws ls indicators --off-track --format csv
check "and answers" test "$(sed 1d "$TMP/.out" | wc -l)" = 2

done_testing
