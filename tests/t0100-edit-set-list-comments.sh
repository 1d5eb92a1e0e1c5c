#!/bin/bash
# Issue 18 item 2: `plan set` of a list (responsible=, strategic_areas=) on a
# block list keeps the bytes of the items it keeps, their end-of-line
# comments and the comment lines between them; only what changes changes.
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
  - id: P1.M1
    text: Vakt
    phase: 1
    responsible:
    - Polisen   # polisen har ansvar
    # stadsdelen sköter kvällarna
    - SDF Angered  # stadsdelen
    - Fastighetsägare   # tas bort
    strategic_areas:
      - 3   # möts
      - 7   # otrygghet
    status: ongoing  # sist
Y
cp $f orig.yaml

expect "set responsible on a commented block list" 0 \
	trygg -C ws plan set testby P1.M1 "responsible=Polisen, SDF Angered, Bostadsbolaget"
cat >want.yaml <<'Y'
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
    responsible:
    - Polisen   # polisen har ansvar
    # stadsdelen sköter kvällarna
    - SDF Angered  # stadsdelen
    - Bostadsbolaget
    strategic_areas:
      - 3   # möts
      - 7   # otrygghet
    status: ongoing  # sist
Y
expect_same "the kept items keep their comments; the removed one is replaced" want.yaml $f

expect "set strategic_areas: one kept, one new before it" 0 \
	trygg -C ws plan set testby P1.M1 strategic_areas=4,7
check "the kept area keeps its comment" grep -qx '      - 7   # otrygghet' $f
check "the new area is in the list's style" grep -qx '      - 4' $f
check "the removed area is gone" sh -c "! grep -q '# möts' $f"
check "the new one comes first" test "$(grep -n -e '^      - 4$' -e '# otrygghet' $f | cut -d: -f1 | tr '\n' ' ')" = "18 19 "

expect "reorder: the items move with their comments" 0 \
	trygg -C ws plan set testby P1.M1 "responsible=SDF Angered, Polisen, Bostadsbolaget"
check "the comment of a moved-past item survives" grep -qx '    - Polisen   # polisen har ansvar' $f
check "the comment line stays" grep -qx '    # stadsdelen sköter kvällarna' $f
check "the item stays" grep -qx '    - SDF Angered  # stadsdelen' $f

expect "the same list again changes nothing" 0 \
	trygg -C ws plan set testby P1.M1 "responsible=SDF Angered, Polisen, Bostadsbolaget"
cp $f same.yaml
expect "… and once more" 0 trygg -C ws plan set testby P1.M1 "responsible=SDF Angered, Polisen, Bostadsbolaget"
expect_same "byte-identical" same.yaml $f
expect "the result passes check" 0 trygg -C ws check
check "PyYAML reads it" python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)' $f

done_testing
