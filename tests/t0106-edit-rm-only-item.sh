#!/bin/bash
# Removing the only item of a block list leaves `key: []` and keeps the
# comment on the key's line and the comment lines above the item (found by
# the property test, t0110).
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
  measures:   # the key's comment
  # above the only measure
  - id: P1.M1   # on the measure's line
    text: Vakt
    phase: 1
  # after the measure
  followups: []
Y
cat >want.yaml <<'Y'
schema: trygg/1
district: Testby
areas: [Norr, Söder]
situation: {}
problems:
- id: P1
  title: Buller
  measures: []   # the key's comment
  # above the only measure
  # after the measure
  followups: []
Y
expect "rm of the only measure" 0 trygg -C ws plan rm testby P1.M1
expect_same "the comments that were not on the measure's lines stay" want.yaml $f
expect "check passes" 0 trygg -C ws check

done_testing
