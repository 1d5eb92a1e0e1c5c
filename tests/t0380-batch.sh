#!/bin/bash
# trygg batch (DESIGN.md §11): the same bytes as the commands run one by
# one; one line out per line in; a bad line costs its file all its lines
# and nothing else (unless --all-or-nothing); an empty batch, a dry run;
# two batches over the same files at once both land.
. "$SRCDIR/tests/lib.sh"

example_ws
cp -R ws one
a=ws/districts/angered.yaml
v=ws/districts/vastra-hisingen.yaml
cp $a angered.orig
cp $v vastra.orig

# the commands, for the batch and one by one; a later line names the IDs
# an earlier one made (P9, P9.M1)
cat >cmds.txt <<'EOF'
# nightly: statuses from the city's case system
plan add-problem Angered --title 'Otrygghet vid "torget"' --cause 'Mörkt, och öde' --goal 'Fler trygga'

plan add-measure Angered --problem P9 --text "Belysning på torget" --phase 1 --responsible 'SDF Angered'
plan set Angered P9.M1 status=pågår due=2016-05-31   # a comment after the words
plan set "Västra Hisingen" P1.M1 status=done
followup record Angered --problem P6 --measure P6.M2 --done 'Städdag i Hjällbo' --date 2015-06-01
plan rm Angered P1.M1
plan add-measure Angered --problem P9 --text Kameror\ vid\ entrén --phase 2
EOF
expect "a batch of 7 commands over two files" 0 sh -c '"$TRYGG" -C ws batch <cmds.txt'
cp "$TMP/.out" batch.out
check "one line out per command, in input order" \
	test "$(cat batch.out)" = "$(printf 'P9\nP9.M1\nP9.M1\nP1.M1\nP6.F2\nP1.M1\nP9.M2')"

# one by one, in a copy made before
grep -v '^#' cmds.txt | grep . | sed 's/   # .*//' >each.txt
: >each.out
while IFS= read -r line; do
	eval "set -- $line"
	"$TRYGG" -C one "$@" >>each.out 2>>each.err || echo "failed: $line" >>each.err
done <each.txt
check "the commands one by one all worked" test ! -s each.err
expect_same "…and printed the same IDs" each.out batch.out
expect_same "Angered: the same bytes as one by one" one/districts/angered.yaml $a
expect_same "Västra Hisingen: the same bytes as one by one" \
	one/districts/vastra-hisingen.yaml $v
expect "the files pass check" 0 trygg -C ws check
check "PyYAML's SafeLoader reads the quotes as written" python3 -c '
import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
p = [p for p in d["problems"] if p["id"] == "P9"][0]
assert p["title"] == "Otrygghet vid \"torget\"", p["title"]
assert p["causes"] == ["Mörkt, och öde"], p["causes"]
assert [m["text"] for m in p["measures"]] == ["Belysning på torget", "Kameror vid entrén"]
assert p["measures"][0]["status"] == "ongoing"
' $a
check "every comment of Angered is kept" \
	test "$(grep -c '#' angered.orig)" = "$(grep -c '#' $a)"

# a bad line: its file gets none of its lines, the other file all of its
cp $a angered.before
cp $v vastra.before
cat >bad.txt <<'EOF'
plan set Angered P6.M2 status=planned
plan set "Västra Hisingen" P1.M2 status=cancelled
plan set Angered P6.M99 status=done
plan set Angered P6.M3 status=done
EOF
expect "a bad line: exit 65" 65 sh -c '"$TRYGG" -C ws batch <bad.txt'
expect_stdout_is "'-' for each line of the file not written" "$(printf -- '-\nP1.M2\n-\n-')"
expect_stderr "the error names the line" "stdin:3: error:"
expect_same "Angered is untouched" angered.before $a
check "Västra Hisingen got its line" grep -q 'status: cancelled' $v
check "…and only that" test "$(diff vastra.before $v | grep -c '^>')" = 1

# --all-or-nothing: nothing at all
cp $v vastra.before
expect "--all-or-nothing with a bad line: exit 65" 65 sh -c \
	'sed "s/P1.M2 status=cancelled/P1.M2 status=planned/" bad.txt | "$TRYGG" -C ws batch --all-or-nothing'
expect_stdout_is "every line '-'" "$(printf -- '-\n-\n-\n-')"
expect_same "Angered untouched" angered.before $a
expect_same "Västra Hisingen untouched" vastra.before $v
printf 'plan set Angered P6.M2 status=planned\nplan set "Västra Hisingen" P1.M2 status=planned\n' >good.txt
expect "--all-or-nothing, every line good" 0 sh -c '"$TRYGG" -C ws batch --all-or-nothing <good.txt'
expect_stdout_is "both IDs" "$(printf 'P6.M2\nP1.M2')"
check "both files written" sh -c "grep -q 'status: planned' $v && ! cmp -s angered.before $a"
check "no lock or temporary file is left" \
	sh -c '! ls -a ws/districts | grep -q -e "\.lock" -e "\.tmp\."'

# words that are no write command, quotes not closed, an unknown district
cp $a angered.before
printf 'ls measures\nplan set Angered P6.M2 "status=ongoing\nplan set Bergsjön P1.M1 status=done\n' >odd.txt
expect "lines that cannot run: exit 65" 65 sh -c '"$TRYGG" -C ws batch <odd.txt'
expect_stdout_is "three '-'" "$(printf -- '-\n-\n-')"
expect_stderr "a read command is refused" "stdin:1: error: 'ls measures' is not a write command"
expect_stderr "an open quote is named" "stdin:2: error: a quote (\") is not closed"
expect_stderr "an unknown district is named" "stdin:3: error:"
expect_same "nothing changed" angered.before $a
expect "a line's own --dry-run is refused" 65 sh -c \
	'echo "plan set Angered P6.M2 status=ongoing --dry-run" | "$TRYGG" -C ws batch'
expect_stderr "…saying why" "--dry-run is an option of trygg batch"

# no input, only comments: nothing printed, nothing changed
expect "an empty batch" 0 sh -c '"$TRYGG" -C ws batch </dev/null'
expect_no_stdout "prints nothing"
expect "comments and blank lines only" 0 sh -c 'printf "# x\n\n   \n" | "$TRYGG" -C ws batch'
expect_no_stdout "prints nothing"
expect_same "nothing changed" angered.before $a

# --dry-run: one diff per file, nothing written
expect "--dry-run" 0 sh -c 'sed s/planned/ongoing/ good.txt | "$TRYGG" -C ws batch --dry-run'
expect_stdout "a diff of Angered" "+++ b/ws/districts/angered.yaml"
check "no result lines" sh -c "! grep -qx 'P6.M2' '$TMP/.out'"
expect_same "nothing changed" angered.before $a

# two batches at once over the same two files, named in opposite orders:
# the files are locked in one order, so both land in full
for i in $(seq 1 20); do
	echo "plan add-measure Angered --problem P6 --text 'A $i' --phase 1"
	echo "plan add-measure 'Västra Hisingen' --problem P1 --text 'A $i' --phase 1"
done >x.txt
for i in $(seq 1 20); do
	echo "plan add-measure 'Västra Hisingen' --problem P1 --text 'B $i' --phase 1"
	echo "plan add-measure Angered --problem P6 --text 'B $i' --phase 1"
done >y.txt
"$TRYGG" -C ws batch <x.txt >x.out 2>x.err &
"$TRYGG" -C ws batch <y.txt >y.out 2>y.err
wait $!
check "both batches land (40 IDs each)" test "$(grep -c '\.M' x.out y.out | cut -d: -f2 | tr '\n' ' ')" = "40 40 "
check "every measure is in the files" test "$(grep -c "text: [AB] [0-9]" $a $v | cut -d: -f2 | tr '\n' ' ')" = "40 40 "
expect "the files pass check" 0 trygg -C ws check

# a version-2 file: every kind of line, interleaved, the same bytes as
# one by one; lines that name what earlier lines made or changed
rm -rf v2b v2e && cp -R "$SRCDIR/tests/fixtures/schema2" v2b && cp -R v2b v2e
cat >v2.txt <<'EOF'
plan add-measure Angered --problem P6 --text 'Kvällsvandring' --phase 1 --date 2016-01-04
plan set Angered P6.M1 status=ongoing --date 2016-01-05
indicator add Angered --problem P6 --name 'Anmälda skadegörelsebrott' --unit count --direction down --baseline 40@2015-01-01
plan set Angered P6.M24 status=done responsible+='Bostadsbolaget, Rannebergen' --date 2016-01-06
indicator record Angered P6.I2 31 --date 2016-01-31
followup record Angered --problem P6 --measure P6.M24 --done 'Klart' --date 2016-02-01 --indicator P6.I2=29
plan set Angered P6.M1 status=done --date 2016-02-02
followup set Angered P6.F4 effect='Färre anmälningar'
plan add-problem Angered --title 'Buskörning med moped' --cause 'Få kontroller'
plan add-measure Angered --problem P7 --text 'Kontroller' --phase 1
plan set Angered P7.M1 responsible=Polisen due=2016-05-31
promise add Angered --text 'Vi syns på torget' --from 2016-01-01 --to 2016-12-31 --measure P7.M1
promise record Angered L2 --status delvis --date 2016-06-30
situation decide Angered S3 --decision watch --date 2016-02-03
followup rm Angered P6.F1
indicator add Angered --problem P7 --name 'Klagomål på buskörning' --unit count --direction down
district set Angered areas+=Lärjedalen
plan set Angered P7 areas=Lärjedalen
plan add-measure Angered --problem P7 --text 'Mopedkontroll vid skolan' --phase 1
plan set Angered L2 measures+=P7.M2
EOF
expect "every kind of line in one batch" 0 sh -c '"$TRYGG" -C v2b batch <v2.txt'
cp "$TMP/.out" v2b.out
: >v2e.out
while IFS= read -r line; do
	eval "set -- $line"
	"$TRYGG" -C v2e "$@" >line.out 2>line.err || { echo "failed: $line"; cat line.err; } >>v2e.err
	if [ -s line.out ]; then tr '\n' ' ' <line.out | sed 's/ $//' >>v2e.out; echo >>v2e.out
	else echo ok >>v2e.out; fi
done <v2.txt
check "one by one, every line worked" sh -c "test ! -s v2e.err || { cat v2e.err; false; }"
expect_same "the batch prints what they print, in order" v2e.out v2b.out
expect_same "the same bytes as one by one" v2e/districts/angered.yaml v2b/districts/angered.yaml
expect "the file passes check" 0 trygg -C v2b check

# autocommit: a batch is one commit per file written, naming its IDs
if command -v git >/dev/null; then
	example_ws
	printf '\nautocommit: true\n' >>ws/trygg.yaml
	git -C ws init -q && git -C ws config user.name "Anna Svensson" &&
		git -C ws config user.email anna@example.org && git -C ws add -A &&
		git -C ws commit -qm "Första planen"
	printf 'plan set Angered P6.M2 status=planned\nplan add-measure Angered --problem P6 --text Ljus --phase 1\nplan set "Västra Hisingen" P1.M2 status=planned\n' >ac.txt
	expect "a batch with autocommit" 0 sh -c '"$TRYGG" -C ws batch <ac.txt'
	check "two commits more, one per file" test "$(git -C ws rev-list --count HEAD)" = 3
	check "each names the batch and its IDs" sh -c \
		'git -C ws log --format=%s | grep -qx "batch Angered P6.M2 P6.M26" && git -C ws log --format=%s | grep -qx "batch Västra Hisingen P1.M2"'
	check "the tree is clean" test -z "$(git -C ws status --porcelain)"
fi

# a version-2 file: the analysis step in a batch prints "ok"
rm -rf ws2 && cp -R "$SRCDIR/tests/fixtures/schema2" ws2
printf 'situation decide Angered S2 --decision watch --date 2016-01-10\n' >d.txt
expect "situation decide in a batch" 0 sh -c '"$TRYGG" -C ws2 batch <d.txt'
expect_stdout_is "prints ok for a command that prints nothing" "ok"

done_testing
