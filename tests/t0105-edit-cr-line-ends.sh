#!/bin/bash
# Issue 18 item 7: a file whose lines end in CR alone (old Mac style) passes
# check, so every write works on it too and keeps its line ends, as with
# LF and CRLF (trygg-plan(1), HOW FILES ARE CHANGED).
. "$SRCDIR/tests/lib.sh"

fx=$SRCDIR/tests/fixtures
trygg init ws >/dev/null 2>&1
f=ws/districts/provby.yaml

# the commands of t0010-edit-keeps-file.sh, whose result on LF is known
tr '\n' '\r' <"$fx/rich.yaml" >$f
tr '\n' '\r' <"$fx/rich-edited.yaml" >want-cr.yaml
expect "the CR file passes check" 0 trygg -C ws check "$f"
expect "add-measure" 0 trygg -C ws plan add-measure provby --problem P1 \
	--text "Ny åtgärd: kväll" --phase 2 --responsible Polisen --due 2015-03-01
expect "add-measure into 'measures: []'" 0 trygg -C ws plan add-measure provby --problem P2 \
	--text Städdag --phase 3 --term mobilisation
expect "set three fields of a measure" 0 trygg -C ws plan set provby P1.M1 status=done \
	due=2015-01-31 "responsible=Polisen, Bostadsbolaget"
expect "set inside a flow mapping" 0 trygg -C ws plan set provby P1.M2 status=done \
	"text=Kameror vid torget"
expect "KEY= removes a literal block scalar" 0 trygg -C ws plan set provby P1 goal=
expect "followup record" 0 trygg -C ws followup record provby --problem P1 --measure P1.M3 \
	--done Gjort --effect "Lugnare torg" --date 2015-02-01
expect "situation add after a folded scalar" 0 trygg -C ws situation add provby --source police \
	--title Mopeder --area Söder
expect "situation add into a flow picture" 0 trygg -C ws situation add provby --source survey \
	--title no --share 30%
expect "add-problem after a blank line" 0 trygg -C ws plan add-problem provby --title Trafik \
	--cause "Smala gator" --strategic-area 3
expect_same "only the intended lines changed, CR line ends kept" want-cr.yaml $f
check "no LF crept in" test "$(tr -cd '\n' <$f | wc -c)" = 0
expect "the result passes check" 0 trygg -C ws check "$f"

tr '\n' '\r' <"$fx/rich.yaml" >$f
expect "plan rm of a block list item" 0 trygg -C ws plan rm provby P1.M1
check "PyYAML reads the result" python3 -c '
import sys, yaml
d = yaml.load(open(sys.argv[1], newline=""), Loader=yaml.SafeLoader)
assert [m["id"] for m in d["problems"][0]["measures"]] == ["P1.M2"], d' $f

done_testing
