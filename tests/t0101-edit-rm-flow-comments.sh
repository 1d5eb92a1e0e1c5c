#!/bin/bash
# Issue 18 item 3: `plan rm` of an item of a flow list that spans several
# lines removes the item and its comma, never a comment line beside it.
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/testby.yaml
cat >$f <<'Y'
schema: trygg/1
district: Testby
areas: [Norr, Söder]
situation: {}
problems:
- id: P1
  title: Buller
  measures:
  - {id: P1.M1, text: Vakt, phase: 1}
  - {id: P1.M2, text: Kameror, phase: 2}
  - {id: P1.M3, text: Ljus, phase: 3}
  followups:
  - date: 2015-01-01
    measures: [P1.M1,
      # the cameras came late
      P1.M2]
  - date: 2015-02-01
    measures: [P1.M1,  # first
      # lights, then cameras
      P1.M3, P1.M2]
Y
cp $f orig.yaml

expect "rm of a measure named last in a multi-line flow list" 0 \
	trygg -C ws plan rm testby P1.M2 --force
check "the comment line above the removed last item stays" grep -qx '      # the cameras came late' $f
check "the comment line in the other follow-up stays" grep -qx '      # lights, then cameras' $f
check "the end-of-line comment stays" grep -q 'P1.M1,  # first' $f
check "the measure is gone" sh -c "! grep -q 'P1.M2' $f"
check "PyYAML reads it as meant" python3 -c '
import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
f = d["problems"][0]["followups"]
assert [x["measures"] for x in f] == [["P1.M1"], ["P1.M1", "P1.M3"]], f' $f
expect "check passes" 0 trygg -C ws check

expect "rm of a measure named first, the next on a later line" 0 \
	trygg -C ws plan rm testby P1.M1 --force
check "the comment above the next item stays" grep -qx '      # lights, then cameras' $f
check "the comment line of the first follow-up stays" grep -qx '      # the cameras came late' $f
check "PyYAML reads it as meant" python3 -c '
import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
f = d["problems"][0]["followups"]
assert [x["measures"] for x in f] == [[], ["P1.M3"]], f' $f
expect "check passes" 0 trygg -C ws check

done_testing
