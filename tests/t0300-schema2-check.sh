#!/bin/bash
# Schema trygg/2 (DESIGN.md §7): a plan file and trygg.yaml with every key
# of version 2 pass check and read the same in PyYAML; each rule of the
# new keys has its error at its line:col; a key of version 2 in a
# version-1 file says to run 'trygg migrate'; version-1 files read as
# before.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
expect "a version-2 workspace with every new key passes check" 0 trygg -C ws check
expect_no_stdout "check is silent on it"
check "PyYAML reads the plan and trygg.yaml" python3 -c 'import sys, yaml
for f in sys.argv[1:]: yaml.load(open(f), Loader=yaml.SafeLoader)' ws/trygg.yaml ws/districts/angered.yaml
expect "ls lists its measures" 0 trygg -C ws ls measures --format csv
expect_stdout "… with the measure carried out without a plan" "P6.M23"
expect "the plan report reads it" 0 trygg -C ws report plan Angered --as-of 2016-01-01
expect_stdout "… with its problem" "Social oro i Rannebergen centrum"
expect "ls lists the follow-ups" 0 trygg -C ws ls followups --format csv
expect_stdout "… the first by its ID" "P6.F1"
expect_stdout "… the second by its own ID, not by its place" "P6.F3"
expect "the follow-up report reads them" 0 trygg -C ws report followup Angered --format csv
expect_stdout "… the second by its own ID" "P6.F3"

check_bad "a key of version 2 in a version-1 file" 8:9 \
	"key 'history' in a measure is new in schema trygg/2, and this file says 'schema: trygg/1' (run 'trygg migrate' to move it to trygg/2)" <<'Y'
schema: trygg/1
district: T
problems:
  - id: P1
    title: T
    measures:
      - {id: P1.M1, text: X, phase: 1,
        history: [{status: done}]}
Y

check_bad "promises in a version-1 file" 3:1 \
	"key 'promises' in a district plan is new in schema trygg/2" <<'Y'
schema: trygg/1
district: T
promises: []
Y

check_bad "an unknown schema" 1:9 "unsupported schema 'trygg/3' (this trygg reads 'trygg/1' and 'trygg/2')" <<'Y'
schema: trygg/3
district: T
Y

check_bad "a bad decision" 6:18 "'decision' has a bad value 'yes' (expected one of: prioritised, watch, not_prioritised)" <<'Y'
schema: trygg/2
district: T
situation:
  joint:
    - {id: S1, title: T,
       decision: yes}
Y

check_bad "rank 0" 4:36 "'rank' must be a whole number from 1 to 1000000, found '0'" <<'Y'
schema: trygg/2
district: T
situation:
  joint: [{id: S1, title: T, rank: 0}]
Y

check_bad "only the first history entry may be undated" 10:38 \
	"only the first entry of 'history' may be without a date" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    measures:
      - id: P1.M1
        text: X
        phase: 1
        history: [{status: planned}, {status: done}]
Y

check_bad "an indicator ID under another problem" 6:23 \
	"bad id 'P2.I1' for an indicator of P1 (expected P1.I<number>, e.g. P1.I1)" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    indicators: [{id: P2.I1, name: N}]
Y

check_bad "a version-2 indicator without an ID" 7:9 "an indicator is missing required key 'id'" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    indicators:
      - name: N
Y

check_bad "a version-2 follow-up without an ID" 7:9 "a follow-up is missing required key 'id'" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    followups:
      - date: 2015-01-01
Y

check_bad "two follow-ups with one ID" 8:14 "duplicate id 'P1.F1' (first at line 7)" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    followups:
      - {id: P1.F1, date: 2015-01-01}
      - {id: P1.F1, date: 2015-02-01}
Y

check_bad "a reading of an unknown indicator ID" 7:60 \
	"follow-up names indicator 'P1.I2', which P1 does not define" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    indicators: [{id: P1.I1, name: N}]
    followups: [{id: P1.F1, date: 2015-01-01, indicators: {P1.I2: 3}}]
Y

check_bad "a reading without a value" 8:21 "a reading is missing required key 'value'" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    indicators:
      - {id: P1.I1, name: N,
         readings: [{date: 2015-01-01}]}
Y

check_bad "a bad unit" 6:45 "'unit' has a bad value 'procent' (expected one of: share, count, index, rate)" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    indicators: [{id: P1.I1, name: N, unit: procent}]
Y

check_bad "a problem's area not among the district's" 5:22 \
	"area 'Väster' is not one of the district's areas" <<'Y'
schema: trygg/2
district: T
areas: [Norr, Söder]
problems:
  - {id: P1, areas: [Väster], title: T}
Y

check_bad "by_area names an area the district does not list" 8:30 \
	"area 'Öster' is not one of the district's areas" <<'Y'
schema: trygg/2
district: T
areas: [Norr, Söder]
situation:
  survey:
    problems:
      - title: T
        by_area: {Norr: 0.2, Öster: 0.3}
Y

check_bad "a share by area above 1" 6:43 "'Norr' must be between 0 and 1, found 1.5" <<'Y'
schema: trygg/2
district: T
areas: [Norr]
situation:
  survey:
    problems: [{title: T, by_area: {Norr: 1.5}}]
Y

check_bad "a period that ends before it starts" 5:13 \
	"'period' ends (2014-01-01) before it starts (2014-06-01)" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    period: {from: 2014-06-01, to: 2014-01-01}
    title: T
Y

check_bad "an initiative trygg.yaml does not list" 7:35 \
	"initiative 9 is not in trygg.yaml (it lists 2 initiatives)" <<'Y'
schema: trygg/2
district: T
problems:
  - id: P1
    title: T
    measures:
      - {id: P1.M1, initiatives: [9], text: X, phase: 1}
Y

check_bad "a promise names a measure the plan does not have" 5:25 \
	"promise names 'P1.M9', which is not a measure of the plan" <<'Y'
schema: trygg/2
district: T
problems: [{id: P1, title: T}]
promises:
  - {id: L1, measures: [P1.M9], text: X}
Y

check_bad "a promise without text" 4:5 "a promise is missing required key 'text'" <<'Y'
schema: trygg/2
district: T
promises:
  - id: L1
Y

check_bad "a bad promise ID" 3:17 "bad id 'P1' for a promise (expected L<number>, e.g. L1)" <<'Y'
schema: trygg/2
district: T
promises: [{id: P1, text: X}]
Y

check_bad "a bad outcome" 4:61 "'status' has a bad value 'done' (expected one of: met, partly, not_met)" <<'Y'
schema: trygg/2
district: T
promises:
  - {id: L1, text: X, outcomes: [{date: 2016-01-01, status: done}]}
Y

check_bad "a promise that ends before it starts" 4:45 \
	"the promise ends (2016-01-01) before it starts (2016-06-01)" <<'Y'
schema: trygg/2
district: T
promises:
  - {id: L1, text: X, from: 2016-06-01, to: 2016-01-01}
Y

# trygg.yaml
cp ws/trygg.yaml good.yaml
badws() {
	local desc=$1 where=$2 msg=$3
	cat >ws/trygg.yaml
	expect "$desc: exit 1" 1 trygg -C ws check ws/trygg.yaml
	expect_stderr "$desc: at $where" "ws/trygg.yaml:$where: error: $msg"
	cp good.yaml ws/trygg.yaml
}
badws "version-1 initiatives (names) in a version-2 trygg.yaml" 2:15 \
	"'initiatives' must be a mapping, found text" <<'Y'
schema: trygg/2
initiatives: [Utredning]
Y
badws "groups in a version-1 trygg.yaml" 2:1 "key 'groups' in trygg.yaml is new in schema trygg/2" <<'Y'
schema: trygg/1
groups: []
Y
badws "two groups with one id" 4:5 "duplicate id in 'groups'" <<'Y'
schema: trygg/2
groups:
  - {id: styrgrupp, name: A}
  - {id: styrgrupp, name: B}
Y
cat >ws/trygg.yaml <<'Y'
schema: trygg/1
initiatives: [Utredning, Medborgarlöften och lokal samverkan]
Y
expect "version-1 initiatives (names) still read in a version-1 trygg.yaml" 0 trygg -C ws check ws/trygg.yaml
cp good.yaml ws/trygg.yaml

# version 1 beside version 2: the example workspace reads as before
expect "the example (version 1) passes check" 0 trygg -C "$EXAMPLES" check
expect_no_stdout "… silently"

done_testing
