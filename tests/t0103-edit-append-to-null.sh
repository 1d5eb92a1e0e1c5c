#!/bin/bash
# Issue 18 item 5: a list written as null (`~`, `null`, nothing) counts as
# absent (trygg-plan(5)); appending to it replaces the null with a list of
# the new item and keeps the comment on its line.
. "$SRCDIR/tests/lib.sh"

pyload() {
	python3 -c 'import sys, yaml; d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
exec(sys.argv[2])' "$@"
}

empty_ws
f=ws/districts/testby.yaml
cat >$f <<'Y'
schema: trygg/1
district: Testby
areas: [Norr, Söder]
situation:
  police:
    date: 2014-01-01
    problems: ~   # none yet
problems:
- id: P1
  title: Buller
  measures: ~
  followups: null  # later
- id: P2
  title: Klotter
  measures:
  # nothing yet
  followups: []
Y
expect "the file passes check" 0 trygg -C ws check

expect "add-measure to an empty 'measures:'" 0 trygg -C ws plan add-measure testby --problem P2 --text Tvätt --phase 2
expect "add-measure to 'measures: ~'" 0 trygg -C ws plan add-measure testby --problem P1 --text Vakt --phase 1
expect_stdout_is "prints its ID" "P1.M1"
expect "followup record to 'followups: null'" 0 trygg -C ws followup record testby --problem P1 \
	--done Gjort --date 2015-01-01
expect "situation add to 'problems: ~'" 0 trygg -C ws situation add testby --source police --title Mopeder
check "PyYAML reads the lists" pyload $f '
p = d["problems"]
assert [m["id"] for m in p[0]["measures"]] == ["P1.M1"], p
assert p[0]["followups"][0]["done"] == "Gjort", p
assert [m["id"] for m in p[1]["measures"]] == ["P2.M1"], p
assert d["situation"]["police"]["problems"] == [{"title": "Mopeder"}], d["situation"]'
check "the comments stay" sh -c "grep -q '# none yet' $f && grep -q '# later' $f && grep -q '# nothing yet' $f"
expect "the result passes check" 0 trygg -C ws check

printf 'schema: trygg/1\ndistrict: Testby\nareas: [Norr]\nsituation: {}\nproblems: ~\n' >$f
expect "add-problem to 'problems: ~' at the end of the file" 0 trygg -C ws plan add-problem testby --title Buller
check "PyYAML reads it" pyload $f 'assert d["problems"] == [{"id": "P1", "title": "Buller"}], d'

done_testing
