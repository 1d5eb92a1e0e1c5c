#!/bin/bash
# Write commands splice the file: comments, blank lines, key order, quoting,
# indentation, flow and block style and CRLF line ends stay byte-for-byte.
. "$SRCDIR/tests/lib.sh"

fx=$SRCDIR/tests/fixtures
trygg init ws >/dev/null 2>&1

# The same commands on a hand-written file; each prints the ID it made.
edits() {
	local f=ws/districts/provby.yaml
	expect "add-measure prints the new ID" 0 trygg -C ws plan add-measure provby --problem P1 \
		--text "Ny åtgärd: kväll" --phase 2 --responsible Polisen --due 2015-03-01
	expect_stdout_is "… and nothing else" "P1.M3"
	expect "add-measure into 'measures: []'" 0 trygg -C ws plan add-measure provby --problem P2 \
		--text Städdag --phase 3 --term mobilisation
	expect_stdout_is "P2.M1" "P2.M1"
	expect "set three fields of a measure" 0 trygg -C ws plan set provby P1.M1 status=done \
		due=2015-01-31 "responsible=Polisen, Bostadsbolaget"
	expect_stdout_is "prints the ID" "P1.M1"
	expect "set inside a flow mapping" 0 trygg -C ws plan set provby P1.M2 status=done \
		"text=Kameror vid torget"
	expect "KEY= removes a literal block scalar" 0 trygg -C ws plan set provby P1 goal=
	expect "followup record" 0 trygg -C ws followup record provby --problem P1 --measure P1.M3 \
		--done Gjort --effect "Lugnare torg" --date 2015-02-01
	expect_stdout_is "prints the follow-up's ID" "P1.F1"
	expect "situation add after a folded scalar" 0 trygg -C ws situation add provby --source police \
		--title Mopeder --area Söder
	expect_stdout_is "prints the item's place" "police:3"
	expect "situation add into a flow picture" 0 trygg -C ws situation add provby --source survey \
		--title no --share 30%
	expect "add-problem after a blank line" 0 trygg -C ws plan add-problem provby --title Trafik \
		--cause "Smala gator" --strategic-area 3
	expect_stdout_is "P3" "P3"
	expect "the result passes check" 0 trygg -C ws check "$f"
}

cp "$fx/rich.yaml" ws/districts/provby.yaml
edits
expect_same "only the intended lines changed (LF)" "$fx/rich-edited.yaml" ws/districts/provby.yaml

sed 's/$/\r/' "$fx/rich.yaml" >ws/districts/provby.yaml
sed 's/$/\r/' "$fx/rich-edited.yaml" >want-crlf.yaml
edits
expect_same "only the intended lines changed (CRLF kept)" want-crlf.yaml ws/districts/provby.yaml

# --dry-run: a diff on stdout, no change
cp "$fx/rich.yaml" ws/districts/provby.yaml
expect "--dry-run" 0 trygg -C ws plan set provby P1.M1 status=done --dry-run
expect_same "--dry-run changes nothing" "$fx/rich.yaml" ws/districts/provby.yaml
expect_stdout "--dry-run prints the removed line" "-    status: ongoing   # keep me"
expect_stdout "--dry-run prints the added line" "+    status: done   # keep me"
expect_stdout "--dry-run names the file" "+++ b/ws/districts/provby.yaml"
check "no lock left behind" test ! -e ws/districts/provby.yaml.lock

# regression (fuzz): a block scalar (| or >) replaced keeps its line break
cp "$fx/rich.yaml" ws/districts/provby.yaml
expect "set over a literal block scalar" 0 trygg -C ws plan set provby P1 "goal=Inget öppet"
check "the goal replaced on its own line" grep -qx '  goal: Inget öppet' ws/districts/provby.yaml
check "the next key stays on its line" grep -qx '  measures:' ws/districts/provby.yaml
check "only the block's lines changed" test "$(diff "$fx/rich.yaml" ws/districts/provby.yaml | grep -c '^[<>]')" = 4
expect "set over a folded block scalar" 0 trygg -C ws plan set provby P1 "goal=Igen"
cp "$fx/rich.yaml" ws/districts/provby.yaml

# bad values: a clear error, exit 2, no change
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws "$@"
	expect_stderr "$desc: says why" "$msg"
	expect_same "$desc: file unchanged" "$fx/rich.yaml" ws/districts/provby.yaml
}
bad "phase 4" "phase has a bad value '4' (expected one of: 1, 2, 3)" \
	plan add-measure provby --problem P1 --text x --phase 4
bad "status finished" "status has a bad value 'finished' (expected one of: proposed, planned, ongoing, done, cancelled)" \
	plan set provby P1.M1 status=finished
bad "a bad date" "due is not a valid date: '2015-02-30'" plan set provby P1.M1 due=2015-02-30
bad "an unknown key" "a measure has no key 'responsable' (did you mean 'responsible'?)" \
	plan set provby P1.M1 responsable=Polisen
bad "a missing problem" "no problem 'P9' in Provby" plan add-measure provby --problem P9 --text x --phase 1
bad "a missing measure" "no measure 'P1.M9' in Provby" plan set provby P1.M9 status=done
bad "a link to a missing joint item" "no joint situation item 'S99' in Provby" plan set provby P1 situation=S99
bad "a malformed --id" "id 'Q1' is not of the form P<number>" plan add-problem provby --title x --id Q1
bad "a taken id" "id 'P1.M1' is taken" plan add-measure provby --problem P1 --text x --phase 1 --id P1.M1
bad "an area the district lacks" "'Öster' is not one of Provby's areas" \
	situation add provby --source police --title x --area Öster
bad "a share over 100 %" "--share must be a share" situation add provby --source survey --title x --share 120%
bad "removing a required key" "'text' is required and cannot be removed" plan set provby P1.M1 text=
bad "a measure of another problem" "'P1.M1' is not a measure of P2" \
	followup record provby --problem P2 --measure P1.M1
expect "an unknown district: exit 66" 66 trygg -C ws plan set nowhere P1 status=done
expect_stderr "names it" "no district 'nowhere'"

# a broken file stops a write with its own location, exit 65
printf 'schema: trygg/1\ndistrict: Trasig\nproblems:\n  - id: P1\n    titel: x\n' >ws/districts/trasig.yaml
cp ws/districts/trasig.yaml before.yaml
expect "a write to a broken file: exit 65" 65 trygg -C ws plan add-problem trasig --title y
expect_stderr "with the file's error" "trasig.yaml:5:5: error: unknown key 'titel'"
expect_same "the broken file is untouched" before.yaml ws/districts/trasig.yaml

# text that YAML readers would take for something else is quoted
trygg -C ws district add Citat --area Norr >/dev/null
for t in no on yes '~' null 1e3 0x1F 2015-06-30 '12:30' '- dash' 'a: b' 'x #y' '"q"' "it's" '[x]' '{y}' '%p' '@a' '`b' '!c' '&d' '*e' '|f' '>g' ' lead' 'trail '; do
	expect "title '$t' written" 0 trygg -C ws plan add-problem citat --title "$t"
done
expect "…and the file still passes check" 0 trygg -C ws check ws/districts/citat.yaml
if python3 -c 'import yaml' 2>/dev/null; then
	check "PyYAML reads every title back as the same string" python3 - ws/districts/citat.yaml <<'PY'
import sys, yaml
want = ["no", "on", "yes", "~", "null", "1e3", "0x1F", "2015-06-30", "12:30", "- dash", "a: b",
        "x #y", '"q"', "it's", "[x]", "{y}", "%p", "@a", "`b", "!c", "&d", "*e", "|f", ">g",
        " lead", "trail "]
got = [p["title"] for p in yaml.safe_load(open(sys.argv[1]))["problems"]]
sys.exit(0 if got == want else print(got) or 1)
PY
fi

done_testing
