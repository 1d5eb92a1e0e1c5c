#!/bin/bash
# Issue 18 item 6: appending after a block scalar that keeps its trailing
# line breaks (|+, >+) never adds a line to it: the blank line that
# separates items is left out there, since the scalar's own blank lines are
# part of its value.
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
situation: {}
problems:
- id: P1
  title: Buller

- id: P2
  title: Klotter
  goal: |+
    Inget klotter.

Y
cp $f orig.yaml
expect "add-problem after a |+ scalar, items separated by blank lines" 0 \
	trygg -C ws plan add-problem testby --title Mörker
check "the goal keeps its value" pyload $f 'assert d["problems"][1]["goal"] == "Inget klotter.\n\n", repr(d["problems"][1]["goal"])'
check "the new problem is there" pyload $f 'assert d["problems"][2] == {"id": "P3", "title": "Mörker"}, d["problems"]'

# a |+ scalar without trailing blank lines: no blank line may follow it
cat >$f <<'Y'
schema: trygg/1
district: Testby
areas: [Norr, Söder]
situation: {}
problems:
- id: P1
  title: Buller

- id: P2
  title: Klotter
  goal: >+
    Inget klotter.
Y
expect "add-problem after a >+ scalar with no blank line" 0 trygg -C ws plan add-problem testby --title Mörker
check "the new problem is there" pyload $f 'assert d["problems"][2]["title"] == "Mörker"'
check "the goal keeps its value" pyload $f 'assert d["problems"][1]["goal"] == "Inget klotter.\n", repr(d["problems"][1]["goal"])'
expect "check passes" 0 trygg -C ws check

# a measure after a |+ text in a list with blank lines between items
cat >$f <<'Y'
schema: trygg/1
district: Testby
areas: [Norr, Söder]
situation: {}
problems:
- id: P1
  title: Buller
  measures:
  - id: P1.M1
    text: Vakt
    phase: 1

  - id: P1.M2
    phase: 2
    text: |+
      Kameror.

Y
expect "add-measure after a |+ text" 0 trygg -C ws plan add-measure testby --problem P1 --text Ljus --phase 3
check "PyYAML reads both" pyload $f '
m = d["problems"][0]["measures"]
assert m[1]["text"] == "Kameror.\n\n" and m[2]["text"] == "Ljus", m'

done_testing
