#!/bin/bash
# CSV encodings (issue 19, item 29): a UTF-8 file named windows-1252 is an
# error unless forced (--encoding ENC!), not mojibake; a UTF-16 file with a
# byte order mark is read as UTF-16; a header column that is not known but
# near a known one is an error, never dropped without a word.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
cp $a before.yaml
survey() {
	expect "$1" "$2" trygg -C ws situation import angered --source survey "${@:3}"
}

# a UTF-8 export, given as windows-1252
printf 'område;grupp;problem;andel\nGårdsten;boende;Skänk;12 %%\n' >utf8.csv
survey "UTF-8 read as windows-1252: exit 65" 65 utf8.csv --encoding windows-1252
expect_stderr "says it is UTF-8, at the first non-ASCII character" \
	"utf8.csv:1:4: error: this file is UTF-8, not windows-1252 (leave out --encoding, or write --encoding 'windows-1252!' to convert it anyway)"
expect_same "nothing written" before.yaml $a
survey "the same for iso-8859-1" 65 utf8.csv --encoding ISO-8859-1
expect_same "nothing written" before.yaml $a
cp before.yaml $a
printf 'problem,text,phase\nP1,Mer belysning på gångvägar,1\n' >m8.csv
expect "plan import too: exit 65" 65 trygg -C ws plan import angered m8.csv --encoding windows-1252
expect_stderr "with the same message" "m8.csv:2:19: error: this file is UTF-8, not windows-1252"
expect_same "nothing written" before.yaml $a
cp before.yaml $a

# forced: converted as asked (an ASCII header, mojibake in the cells)
printf 'area;group;problem;share\nHammarkullen;boende;Skänk;12 %%\n' >forced.csv
survey "--encoding 'windows-1252!' forces the conversion" 0 forced.csv --encoding 'windows-1252!'
check "the bytes read as windows-1252" grep -q 'title: SkÃ¤nk' $a
cp before.yaml $a
# ASCII only: windows-1252 and UTF-8 are the same text
printf 'problem;andel\nSkadegörelse;0,2\n' | iconv -f utf-8 -t windows-1252 >cp.csv
survey "a real windows-1252 file still reads" 0 cp.csv --encoding windows-1252
check "as UTF-8" grep -q 'title: Skadegörelse$' $a
cp before.yaml $a
printf 'problem;andel\nBuller;0,2\n' >ascii.csv
survey "an ASCII file given as windows-1252 reads" 0 ascii.csv --encoding windows-1252
cp before.yaml $a

# a mojibake header is not dropped: it is near a known column
cp before.yaml $a
printf 'omr\xc3\xa5de;problem\nHj\xc3\xa4llbo;Buller\n' >moji.csv
survey "a forced mojibake header: exit 65" 65 moji.csv --encoding 'windows-1252!'
expect_stderr "names the column and what it is near" "moji.csv:1:1: error: unknown column 'omrÃ¥de' (did you mean 'område'?)"
expect_same "nothing written" before.yaml $a
cp before.yaml $a
printf 'problem;omrde\nBuller;Hjällbo\n' >typo.csv
survey "a misspelt column: exit 65" 65 typo.csv
expect_stderr "with a suggestion" "typo.csv:1:2: error: unknown column 'omrde' (did you mean 'omrade'?)"
expect_same "nothing written" before.yaml $a
cp before.yaml $a
printf 'problem;område;area\nBuller;Hjällbo;Gårdsten\n' >twice.csv
survey "the same column twice: exit 65" 65 twice.csv
expect_stderr "names both" "twice.csv:1:3: error: the column 'area' is column 2 too"
expect_same "nothing written" before.yaml $a

# UTF-16 with a byte order mark, as Excel's "Unicode text" saves it: read
cp before.yaml $a
printf 'område\tgrupp\tproblem\tandel\r\nGårdsten\tboende\tSkänk\t12 %%\r\n' >u8.csv
survey "the UTF-8 file" 0 u8.csv
cp $a want.yaml
cp before.yaml $a
iconv -f utf-8 -t utf-16 u8.csv >u16.csv
check "the test file starts with a UTF-16 LE BOM" [ "$(head -c2 u16.csv | od -An -tx1 | tr -d ' ')" = fffe ]
survey "UTF-16 LE with a BOM, no --encoding" 0 u16.csv
expect_same "reads as the UTF-8 file does" want.yaml $a
cp before.yaml $a
{ printf '\xfe\xff'; iconv -f utf-8 -t utf-16be u8.csv; } >u16be.csv
survey "UTF-16 BE with a BOM" 0 u16be.csv
expect_same "reads as the UTF-8 file does" want.yaml $a
cp before.yaml $a
survey "UTF-16 with --encoding utf-16" 0 u16.csv --encoding utf-16
expect_same "reads as the UTF-8 file does" want.yaml $a
cp before.yaml $a
survey "a UTF-16 file given as windows-1252: exit 65" 65 u16.csv --encoding windows-1252
expect_stderr "says what the file is" "u16.csv:1:1: error: this file starts with a UTF-16 byte order mark, not windows-1252 text (leave out --encoding)"
expect_same "nothing written" before.yaml $a
iconv -f utf-8 -t utf-16le u8.csv >u16nobom.csv
survey "UTF-16 LE without a BOM: exit 65" 65 u16nobom.csv
expect_stderr "tells how to read it" "u16nobom.csv:1:1: error: this looks like UTF-16 text without a byte order mark; try --encoding utf-16le"
survey "with --encoding utf-16le" 0 u16nobom.csv --encoding utf-16le
expect_same "reads as the UTF-8 file does" want.yaml $a
cp before.yaml $a

# plan import reads UTF-16 too
iconv -f utf-8 -t utf-16 m8.csv >m16.csv
expect "plan import of UTF-16 with a BOM" 0 trygg -C ws plan import angered m16.csv
check "the text as UTF-8" grep -q 'text: Mer belysning på gångvägar' $a

done_testing
