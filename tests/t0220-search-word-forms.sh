#!/bin/bash
# trygg search finds Swedish word forms and the parts of compounds
# (DESIGN.md §9): every pair of the design, each by the ID of the item
# this test made with the second word; and no hit for unrelated words.
. "$SRCDIR/tests/lib.sh"

expect "init" 0 trygg init ws
expect "a district" 0 trygg -C ws district add Angered --area Hjällbo
add() { expect "$1" 0 trygg -C ws "${@:2}"; }
add "a problem title: bränder" plan add-problem angered --title "Bränder i källarförråd" \
	--goal "Polisens närvaro i området ökar"
add "a measure: åtgärder" plan add-measure angered --problem P1 --phase 1 \
	--text "Samordnade åtgärder i centrum"
add "a measure: bilbränder" plan add-measure angered --problem P1 --phase 2 \
	--text "Kartläggning av bilbränder"
add "a second problem" plan add-problem angered --title "Nedskräpning vid hållplatsen"
add "a measure: papperskorgar" plan add-measure angered --problem P2 --phase 1 \
	--text "Fler papperskorgar vid torget"
add "a measure: orossamtal" plan add-measure angered --problem P2 --phase 3 \
	--text "Orossamtal med vårdnadshavare"
add "a follow-up: klottret, gatubelysningen" followup record angered --problem P2 \
	--date 2026-05-01 --done "Klottret sanerades inom ett dygn" \
	--effect "Gatubelysningen lagad"
add "the Police's item: ungdomarna, and a note: föräldrar" situation add angered \
	--source police --title "Ungdomarna samlas sent" --note "Föräldrar saknas ute"
add "the survey's item: mopeder" situation add angered --source survey \
	--title "Mopeder på gångbanan" --share 0.4 --group residents
add "the district's item: skadegörelsen" situation add angered --source district \
	--title "Skadegörelsen ökar"
add "the joint picture" situation merge angered
expect "index" 0 trygg -C ws index

# found: search FIRST prints the row of the item (district, ID, kind, text)
found() {
	local word=$1 row=$2
	expect "search $word" 0 trygg -C ws search "$word" --format csv
	expect_stdout "'$word' finds ${row%%,*}" "\"Angered\",$row"
}
found åtgärd       '"P1.M1","measure","Samordnade åtgärder i centrum"'
found brand        '"P1","problem","Bränder i källarförråd"'
found brand        '"P1.M2","measure","Kartläggning av bilbränder"'
found papperskorg  '"P2.M1","measure","Fler papperskorgar vid torget"'
found klotter      '"P2.F1","followup","Klottret sanerades inom ett dygn"'
found ungdom       '"police:1","situation","Ungdomarna samlas sent"'
found moped        '"survey:1","situation","Mopeder på gångbanan"'
found förälder     '"police:1","note","Föräldrar saknas ute"'
found skadegörelse '"district:1","situation","Skadegörelsen ökar"'
found samtal       '"P2.M2","measure","Orossamtal med vårdnadshavare"'
found oro          '"P2.M2","measure","Orossamtal med vårdnadshavare"'
found belysning    '"P2.F1","effect","Gatubelysningen lagad"'
found polis        '"P1","goal","Polisens närvaro i området ökar"'
# the joint picture's items are searched too, by their IDs
expect "search skadegörelse" 0 trygg -C ws search skadegörelse --format csv
check "a joint item, by its ID" grep -Eq '^"Angered","S[0-9]+","joint","Skadegörelsen ökar",' \
	"$TMP/.out"

# and the other way round, the forms find their base form
found bränder      '"P1","problem","Bränder i källarförråd"'
found bilbrand     '"P1.M2","measure","Kartläggning av bilbränder"'
found gatubelysning '"P2.F1","effect","Gatubelysningen lagad"'
found föräldrarna  '"police:1","note","Föräldrar saknas ute"'
# a compound's other parts
found bil          '"P1.M2","measure","Kartläggning av bilbränder"'
found gata         '"P2.F1","effect","Gatubelysningen lagad"'
found korg         '"P2.M1","measure","Fler papperskorgar vid torget"'
# a phrase, and a prefix, go through the same analysis
found '"samordnad åtgärd"' '"P1.M1","measure","Samordnade åtgärder i centrum"'
expect "a phrase in another order" 0 trygg -C ws search '"åtgärder samordnade"'
expect_no_stdout "finds nothing"
found 'gatubel*'   '"P2.F1","effect","Gatubelysningen lagad"'
# a prefix matches the stems too: brand* finds bränder (stem brand)
found 'brand*'     '"P1","problem","Bränder i källarförråd"'
expect "a prefix that is no word's beginning" 0 trygg -C ws search 'brandl*'
expect_no_stdout "finds nothing"
# a query word no text holds gets its Snowball stem: åtgärdernas → åtgärd
found åtgärdernas  '"P1.M1","measure","Samordnade åtgärder i centrum"'

# Ten words unrelated to every text here, several of them inside its
# words (tal in samtal, dom in ungdomarna, ros in orossamtal, pappa
# beside papper): no hit.
for w in tal dom ros pappa lys skola cykel narkotika fotboll kyrka; do
	expect "search $w" 0 trygg -C ws search "$w"
	expect_no_stdout "'$w' finds nothing"
done
# the parts of a compound are found, but a compound does not find its
# parts' other compounds
expect "search orossamtal" 0 trygg -C ws search orossamtal --format csv
check "finds the one text" test "$(sed 1d "$TMP/.out" | wc -l)" = 1

# å, ä, ö stay letters: no stem or part folds them away
expect "search brånd" 0 trygg -C ws search brånd
expect_no_stdout "brånd finds nothing"

# Without the dictionary: Snowball stems alone, said once, never a failure.
cp -R ws ws2 && rm -rf ws2/.trygg
expect "index without the dictionary" 0 env TRYGG_HUNSPELL_DIR="$TMP/nowhere" "$TRYGG" -C ws2 index
expect_stderr "warns" "nowhere/sv_SE.dic: warning: no Swedish dictionary (hunspell-sv)"
check "once" test "$(grep -c 'no Swedish dictionary' "$TMP/.err")" = 1
expect "search åtgärd" 0 trygg -C ws2 search åtgärd --format csv --no-refresh
expect_stdout "Snowball: åtgärd finds åtgärder" '"P1.M1","measure","Samordnade åtgärder i centrum"'
expect "search bil" 0 trygg -C ws2 search bil --no-refresh
expect_no_stdout "no parts of compounds"
expect "a refresh with the dictionary" 0 trygg -C ws2 index
check "says nothing" test ! -s "$TMP/.err"

# A full build analyses only the words the index it replaces lacks, when
# the dictionary is the same (its folder, sizes and times): a dictionary
# changed behind the same size and time is not read again.
mkdir dict && cp /usr/share/hunspell/sv_SE.aff /usr/share/hunspell/sv_SE.dic dict/
cp -R ws ws3 && rm -rf ws3/.trygg
expect "index with a dictionary of its own" 0 env TRYGG_HUNSPELL_DIR="$TMP/dict" "$TRYGG" -C ws3 index
head -c "$(wc -c <dict/sv_SE.dic)" /dev/zero | tr '\0' ' ' >blank.dic
touch -r dict/sv_SE.dic blank.dic && cp -p blank.dic dict/sv_SE.dic
expect "index --rebuild" 0 env TRYGG_HUNSPELL_DIR="$TMP/dict" "$TRYGG" -C ws3 index --rebuild
expect "search brand" 0 trygg -C ws3 search brand --format csv --no-refresh
expect_stdout "the parts analysed before are kept" '"P1.M2","measure","Kartläggning av bilbränder"'
expect "index --rebuild with another dictionary" 0 env TRYGG_HUNSPELL_DIR="$TMP/nowhere" \
	"$TRYGG" -C ws3 index --rebuild
expect_stderr "analyses anew" "no Swedish dictionary"
expect "search brand" 0 trygg -C ws3 search brand --format csv --no-refresh
check "and the parts are gone" sh -c "! grep -q 'P1.M2' '$TMP/.out'"

done_testing
