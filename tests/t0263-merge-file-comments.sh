#!/bin/bash
# trygg merge-file keeps either side's comment- and layout-only changes
# (DESIGN.md §10), also when the merge goes by model because both sides
# added a measure (the same new ID, so git's line merge conflicts); what
# it cannot keep ends in git's own line merge with markers and exit 1,
# never a silent loss with exit 0.
. "$SRCDIR/tests/lib.sh"

command -v git >/dev/null || { not_ok "git is installed (trygg merge-file runs it)"; done_testing; }
F=districts/angered.yaml
trygg init --example base >/dev/null 2>&1

# Fresh OURS (o) and THEIRS (t); with "add", each adds a measure to P6
pair() {
	rm -rf o t
	cp -R base o
	cp -R base t
	if [ "${1:-}" = add ]; then
		trygg -C o plan add-measure Angered --problem P6 --text Nattvandring --phase 1 >/dev/null
		trygg -C t plan add-measure Angered --problem P6 --text Belysning --phase 2 >/dev/null
	fi
}

# git's own line merge of the three, with the labels merge-file gives
line_merge() {
	git merge-file -p -L ours -L base -L theirs o/$F base/$F t/$F >want.yaml
}

# THEIRS's comment and layout changes, each on a line OURS leaves alone
theirs_edits() {
	sed -i -e 's/^\(    title: Social oro i Rannebergen centrum\)$/\1  # t: en ny radslutskommentar/' \
		-e 's/^\(    causes: *\)# x-beskrivning ovan/\1# t: ändrad kommentar, x-beskrivning ovan/' \
		-e 's/^      # Kortsiktigt$/      # Kortsiktigt (ändrad av t)/' \
		-e '/^  # Polisens lägesbild/d' \
		-e 's/^    goal: \(Ett tryggt Rannebergen centrum.*\)$/    goal: "\1"/' "$1"
}

# OURS's, likewise
ours_edits() {
	sed -i -e 's/^\(        text: Uppställning av polisen husbil (Polis\/Sdf)\)$/\1  # o: radslut/' \
		-e 's/^  # Stadsdelens lägesbild.*/  # o: stadsdelens bild, omskriven/' \
		-e '/^  # Omvärldens lägesbild/d' \
		-e "s/^        text: \(Planera hur fritidssituationen ska se ut i området\)$/        text: '\1'/" "$1"
}

# The merge by model without any comment change: what the rest builds on
pair add
expect "both sides add a measure: merged by model, exit 0" 0 trygg merge-file base/$F o/$F t/$F
check "THEIRS's measure renumbered" grep -q '^      - id: P6.M27$' o/$F
cp o/$F plain.yaml

# Both sides' comment and layout changes on lines the other leaves alone
pair add
theirs_edits t/$F
ours_edits o/$F
cp plain.yaml want.yaml
theirs_edits want.yaml
ours_edits want.yaml
check "THEIRS's edits made" sh -c "! cmp -s t/$F base/$F"
expect "comment and layout changes of both sides: exit 0" 0 trygg merge-file base/$F o/$F t/$F
check "OURS's end-of-line comment kept" grep -qx '        text: Uppställning av polisen husbil (Polis/Sdf)  # o: radslut' o/$F
check "OURS's edited comment line kept" grep -qx '  # o: stadsdelens bild, omskriven' o/$F
check "OURS's deleted comment line stays deleted" sh -c "! grep -q '^  # Omvärldens lägesbild' o/$F"
check "OURS's quoting kept" grep -qx "        text: 'Planera hur fritidssituationen ska se ut i området'" o/$F
check "THEIRS's edited comment line, once" test "$(grep -c '^      # Kortsiktigt (ändrad av t)$' o/$F)" = 1
check "THEIRS's new end-of-line comment kept" grep -qx '    title: Social oro i Rannebergen centrum  # t: en ny radslutskommentar' o/$F
check "THEIRS's edited end-of-line comment, once" test "$(grep -c '# t: ändrad kommentar, x-beskrivning ovan' o/$F)" = 1
check "and the old one gone" test "$(grep -c '# x-beskrivning ovan' o/$F)" = 0
check "and not beside the old one" test "$(grep -c '^      # Kortsiktigt$' o/$F)" = 0
check "THEIRS's deleted comment line stays deleted" sh -c "! grep -q '^  # Polisens lägesbild' o/$F"
check "THEIRS's quoting kept" grep -qx '    goal: "Ett tryggt Rannebergen centrum där boende, butiker och myndighetsanställda kan vistas utan hot och skadegörelse."' o/$F
expect_same "byte for byte: the merge by model plus both sides' edits" want.yaml o/$F
expect "the result checks clean" 0 trygg check o/$F

# THEIRS's quoting and a change of the same item's other key
pair add
sed -i '0,/^        text: Uppställning av polisen husbil (Polis\/Sdf)$/s//        text: "Uppställning av polisen husbil (Polis\/Sdf)"/' t/$F
trygg -C t plan set Angered P6.M2 status=ongoing >/dev/null
expect "quoting beside a changed key: exit 0" 0 trygg merge-file base/$F o/$F t/$F
check "the changed key merged" test "$(sed -n '/^      - id: P6.M2$/,/^      - id: P6.M3$/p' o/$F | grep -c '^        status: ongoing$')" = 1
check "the quoting kept" grep -qx '        text: "Uppställning av polisen husbil (Polis/Sdf)"' o/$F

# OURS's end-of-line comment on a line whose value THEIRS changed: both
pair add
sed -i '0,/^        due: 2014-11-15$/s//        due: 2014-11-15  # o: datum/' o/$F
trygg -C t plan set Angered P6.M1 due=2015-01-31 >/dev/null
expect "a comment beside the other's new value: exit 0" 0 trygg merge-file base/$F o/$F t/$F
check "value and comment on one line" grep -qx '        due: 2015-01-31  # o: datum' o/$F

# What cannot be kept: git's line merge with its markers, exit 1
# - end-of-line comments added to one line two ways (no model change)
pair
sed -i 's/^\(    title: Social oro i Rannebergen centrum\)$/\1  # o: min/' o/$F
sed -i 's/^\(    title: Social oro i Rannebergen centrum\)$/\1  # t: min/' t/$F
line_merge
expect "one line's comment two ways: exit 1" 1 trygg merge-file base/$F o/$F t/$F
expect_stderr "says why" "warning: a change to comments or layout could not be kept beside the other side's changes"
expect_stderr "told as git's line merge" "merged line by line by git; resolve the conflicts it marked"
expect_same "OURS holds git's line merge" want.yaml o/$F

# - one comment line edited two ways, with a merge by model
pair add
sed -i 's/^      # Kortsiktigt$/      # Kortsiktigt (o)/' o/$F
sed -i 's/^      # Kortsiktigt$/      # Kortsiktigt (t)/' t/$F
line_merge
expect "a comment line edited two ways: exit 1" 1 trygg merge-file base/$F o/$F t/$F
expect_same "git's line merge" want.yaml o/$F

# - THEIRS's comment on a line whose value OURS changed
pair add
trygg -C o plan set Angered P6.M2 "text=Husbilen står vid torget" >/dev/null
sed -i 's/^\(        text: Uppställning av polisen husbil (Polis\/Sdf)\)$/\1  # t: kommentar/' t/$F
line_merge
expect "THEIRS's comment on OURS's changed line: exit 1" 1 trygg merge-file base/$F o/$F t/$F
expect_same "git's line merge" want.yaml o/$F
check "THEIRS's comment is there" grep -q '# t: kommentar' o/$F

# - THEIRS's comment above an item OURS removed
pair add
trygg -C o plan rm Angered P6.M4 >/dev/null
sed -i 's/^      - id: P6\.M4$/      # t: om P6.M4\n&/' t/$F
line_merge
expect "THEIRS's comment above an item OURS removed: exit 1" 1 trygg merge-file base/$F o/$F t/$F
expect_same "git's line merge" want.yaml o/$F
check "the comment is there" grep -q '# t: om P6.M4' o/$F

done_testing
