#!/bin/bash
# Swedish words for enumerated values wherever a value is typed
# (DESIGN.md §9), in any case and with or without accents, stored as the
# contract's English value; Swedish headings in plan import.  (Every word
# of the table: t0313-words-unit.)
. "$SRCDIR/tests/lib.sh"

trygg init ws >/dev/null 2>&1
cd ws || exit 1
trygg district add Angered --area Hjällbo >/dev/null 2>&1
trygg plan add-problem Angered --title Nedskräpning >/dev/null 2>&1
trygg plan add-measure Angered --problem P1 --text "Städdag" --phase 1 >/dev/null 2>&1
f=districts/angered.yaml

# plan set KEY=VALUE: each status word, then term and kind
for w in föreslagen:proposed Planerad:planned pågår:ongoing PAGAR:ongoing KLAR:done avbruten:cancelled; do
	expect "status=${w%%:*}" 0 trygg plan set Angered P1.M1 "status=${w%%:*}"
	check "stores status: ${w#*:}" grep -q "status: ${w#*:}\$" "$f"
done
for w in kortsiktig:short långsiktig:long "social mobilisering:mobilisation" Langsiktig:long; do
	expect "term=${w%%:*}" 0 trygg plan set Angered P1.M1 "term=${w%%:*}"
	check "stores term: ${w#*:}" grep -q "term: ${w#*:}\$" "$f"
done
for w in situationell:situational Social:social; do
	expect "kind=${w%%:*}" 0 trygg plan set Angered P1.M1 "kind=${w%%:*}"
	check "stores kind: ${w#*:}" grep -q "kind: ${w#*:}\$" "$f"
done
expect "a word that is none" 2 trygg plan set Angered P1.M1 status=färdig
expect_stderr "is refused" "status has a bad value 'färdig'"

# add-measure's options
expect "add-measure --status pågår --term kortsiktig --kind social" 0 \
	trygg plan add-measure Angered --problem P1 --text "Trygghetsvandring" --phase 2 \
	--status pågår --term kortsiktig --kind social
check "stores them in English" grep -qz "status: ongoing" "$f"

# ls --status, --term, --kind
expect "ls --status pågår" 0 trygg ls measures --status pågår --format csv
expect_stdout "lists the ongoing measure" "Trygghetsvandring"
expect "ls --status KLAR --term Kortsiktig" 0 trygg ls measures --status KLAR --term Kortsiktig
expect "ls --kind situationell" 0 trygg ls measures --kind situationell --format csv

# followup record --status
expect "followup record --status klar" 0 \
	trygg followup record Angered --problem P1 --measure P1.M2 --status klar --done "Gjort"
check "stores done" grep -q "status: done" "$f"

# situation add --source and --group
expect "situation add --source omvärlden --group boende" 0 \
	trygg situation add Angered --source omvärlden --title Skräp --group Boende --share 0.4
check "stores survey" grep -q "^  survey:" "$f"
check "stores residents" grep -q "group: residents" "$f"
expect "situation add --source polisen" 0 trygg situation add Angered --source POLISEN --title Skräp
check "stores police" grep -q "^  police:" "$f"
expect "situation add --source stadsdelen" 0 trygg situation add Angered --source stadsdelen --title Skräp
check "stores district" grep -q "^  district:" "$f"
expect "situation add --group näringsidkare" 0 \
	trygg situation add Angered --source survey --title Klotter --group naringsidkare
check "stores businesses" grep -q "group: businesses" "$f"

# situation decide --decision, in a file of version 2 (the analysis step)
trygg district add Backa >/dev/null 2>&1
sed -i 's|^schema: trygg/1|schema: trygg/2|' districts/backa.yaml
trygg situation add Backa --source polisen --title Skräp >/dev/null 2>&1
trygg situation merge Backa >/dev/null 2>&1
expect "situation decide --decision 'Ej prioriterad'" 0 \
	trygg situation decide Backa S1 --decision "Ej prioriterad"
check "stores not_prioritised" grep -q "decision: not_prioritised" districts/backa.yaml
expect "situation decide --decision bevakas" 0 trygg situation decide Backa S1 --decision bevakas
check "stores watch" grep -q "decision: watch" districts/backa.yaml

# plan import with Swedish headings (and Swedish values)
printf 'Problem;Åtgärd;Fas;Ansvar;Klart senast;Status;Sikt\nP1;Belysning i parken;2;SDF Angered;2015-03-31;planerad;långsiktig\n' >../import.csv
expect "plan import with Swedish headings" 0 trygg plan import Angered ../import.csv
expect_stdout "prints the new ID" "P1.M3"
check "stores the text" grep -q "text: Belysning i parken" "$f"
check "stores the due date" grep -q "due: 2015-03-31" "$f"
check "stores planned" grep -qz "Belysning i parken.*status: planned" "$f"
printf 'problem;ATGARD;fas\nP1;Städning;1\n' >../import2.csv
expect "headings in any case, without accents" 0 trygg plan import Angered ../import2.csv
printf 'Problem;Åtgärder;Fas\nP1;X;1\n' >../import3.csv
expect "another heading is an error" 65 trygg plan import Angered ../import3.csv
expect_stderr "names it" "unknown column 'Åtgärder'"

done_testing
