#!/bin/bash
# Text typed on any system matches (DESIGN.md §9): a name typed in NFD (as
# a Mac types it) matches the NFC name in the file, a typed text is
# written in NFC, and text columns are as wide as their grapheme clusters.
. "$SRCDIR/tests/lib.sh"

nfd() { printf '%b' "$1"; }   # nfd 'Va\xcc\x88stra': a + combining diaeresis
trygg init ws >/dev/null 2>&1
cd ws || exit 1
trygg district add "Västra Hisingen" --area Hjällbo >/dev/null 2>&1
f=districts/vastra-hisingen.yaml
check "the file is there" test -f $f

expect "a district typed in NFD" 0 trygg plan add-problem "$(nfd 'Va\xcc\x88stra Hisingen')" \
	--title "$(nfd 'Sko\xcc\x88tsel av gro\xcc\x88nytor')"
expect_stdout_is "prints the new ID" "P1"
check "the title is written in NFC" grep -q "title: Skötsel av grönytor" $f
check "no NFD in the file" sh -c "! grep -q \"\$(printf 'o\\xcc\\x88')\" $f"
expect "in any case, NFD" 0 trygg plan add-measure "$(nfd 'va\xcc\x88stra hisingen')" --problem P1 \
	--text "Gräsklippning" --phase 1 --responsible "$(nfd 'SDF Va\xcc\x88stra Hisingen')"
expect "an area typed in NFD" 0 trygg situation add "Västra Hisingen" --source police \
	--title Skräp --area "$(nfd 'Hja\xcc\x88llbo')"
check "matches the area" grep -q "areas: \[Hjällbo\]" $f
expect "plan set with an NFD value" 0 trygg plan set "Västra Hisingen" P1.M1 \
	"text=$(nfd 'Gra\xcc\x88sklippning varje vecka')"
check "written in NFC" grep -q "text: Gräsklippning varje vecka" $f
printf 'problem;text;phase\nP1;%b;2\n' 'Be\xcc\x88lysning' >../in.csv
expect "plan import of an NFD cell" 0 trygg plan import "Västra Hisingen" ../in.csv
check "written in NFC" grep -q "text: Bëlysning" $f
expect "ls --district typed in NFD" 0 trygg ls problems --district "$(nfd 'Va\xcc\x88stra Hisingen')" --format csv
expect_stdout "finds the district" "Skötsel"

# a title written by hand in NFD: its column as wide as it looks
sed -i "s/title: Skötsel av grönytor/title: $(nfd 'Sko\xcc\x88tsel av gro\xcc\x88nytor')/" $f
check "the file now holds NFD" grep -q "$(nfd 'Sko\xcc\x88tsel')" $f
expect "ls problems" 0 trygg ls problems
python3 - "$TMP/.out" >widths.txt <<'PY'
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    print(len(unicodedata.normalize("NFC", line)))
PY
check "every line of the table as wide (its last column is numbers)" \
	test "$(sort -u widths.txt | wc -l)" = 1
printf 'schema: trygg/1\ndistrict: X\nareas: [A]\nproblems:\n  - id: P1\n    title: "\xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"\n' >districts/x.yaml
expect "a wide title" 0 trygg ls problems --district X
python3 - "$TMP/.out" >widths.txt <<'PY'
import sys, unicodedata
def width(s):
    w = 0
    for ch in unicodedata.normalize("NFC", s):
        if unicodedata.combining(ch) or 0x1F3FB <= ord(ch) <= 0x1F3FF:
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    print(width(line))
PY
check "East Asian characters and an emoji with its skin tone: two columns each" \
	test "$(sort -u widths.txt | wc -l)" = 1

done_testing
