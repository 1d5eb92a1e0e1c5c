#!/bin/bash
# plan rm and plan import.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
cp $a orig.yaml

# rm
expect "rm of a problem with measures is refused" 2 trygg -C ws plan rm angered P1
expect_stderr "and says how" "use --force"
expect_same "nothing changed" orig.yaml $a
expect "rm of a measure a follow-up names is refused" 2 trygg -C ws plan rm angered P6.M1
expect_stderr "names the follow-up" "error: the follow-up of 2014-11-20 names P6.M1"
expect_same "nothing changed" orig.yaml $a
n_before=$(grep -c 'P6\.M1[],]' $a)
expect "rm --force of a named measure" 0 trygg -C ws plan rm angered P6.M1 --force
expect_stdout_is "prints the removed ID" "P6.M1"
check "the measure is gone" sh -c "! grep -q 'id: P6.M1$' $a"
check "…and its mention in the follow-up" sh -c "! grep -q 'P6\.M1[],]' $a"
check "other measures stay" grep -q 'id: P6.M2$' $a
expect "the file passes check" 0 trygg -C ws check $a
diff orig.yaml $a >changed.txt
check "only the measure's 8 lines and the mention went" test "$(grep -c '^<' changed.txt)" = 9
check "one line came: the mention without P6.M1" sh -c \
	"grep '^>' changed.txt | grep -qx '>         measures: \[P6.M2, P6.M23, P6.M3, P6.M24, P6.M5, P6.M7, P6.M25\]'"
check "comments before the next measure stay" cmp -s <(grep -c '#' orig.yaml) <(grep -c '#' $a)

expect "rm of a measure" 0 trygg -C ws plan rm angered P1.M1
expect "rm of a problem's measures one by one" 0 sh -c \
	'for m in $(grep -o "id: P1\.M[0-9]*" ws/districts/angered.yaml | cut -d" " -f2); do "$TRYGG" -C ws plan rm angered $m >/dev/null || exit 1; done'
expect "then rm of the empty problem" 0 trygg -C ws plan rm angered P1
check "P1 is gone" sh -c "! grep -q 'id: P1$' $a"
expect "rm --force of a problem with measures" 0 trygg -C ws plan rm angered P2 --force
expect "the file passes check" 0 trygg -C ws check $a
expect "rm of a missing ID" 2 trygg -C ws plan rm angered P99

# import
cp $a before-import.yaml
printf '\xef\xbb\xbfproblem;text;phase;term;responsible;due;status\r\n' >m.csv
printf 'P3;"Samtal; med ""unga""";2;long;"Polisen; SDF Angered";2015-05-01;planned\r\n' >>m.csv
printf 'P3;"Två\r\nrader";1;short;;;\r\n' >>m.csv
printf 'P5;Kameror;3;;;;\r\n' >>m.csv
expect "import of three measures" 0 trygg -C ws plan import angered m.csv
check "prints three IDs" test "$(wc -l <"$TMP/.out")" = 3
expect_stdout "the first new ID" "P3.M"
expect_stdout "the third new ID" "P5.M"
check "quotes and the separator inside a field survive" grep -qx '        text: Samtal; med "unga"' $a
check "a responsible list split on ;" grep -q 'responsible: \[Polisen, SDF Angered\]' $a
check "a quoted newline" grep -q 'text: "Två\\nrader"' $a
expect "the file passes check" 0 trygg -C ws check $a

cp $a before-bad.yaml
printf 'problem,text,phase,due\nP3,ok,1,2015-01-01\nP3,bad,4,2015-01-01\nP77,x,1,\nP3,y,2,2015-13-01\n' >bad.csv
expect "a bad import: exit 65" 65 trygg -C ws plan import angered bad.csv
expect_stderr "row 3, column 3" "bad.csv:3:3: error: phase has a bad value '4'"
expect_stderr "row 4, column 1" "bad.csv:4:1: error: no problem 'P77' in Angered"
expect_stderr "row 5, column 4" "bad.csv:5:4: error: due is not a valid date: '2015-13-01'"
expect_same "no row landed" before-bad.yaml $a
# every bad id is reported with its cell, beside the other rows' errors
printf 'problem,text,phase,id\nP7,a,1,P6.M99\nP7,b,1,P7.M01\nP7,c,1,P7.M90\nP7,d,1,P7.M90\n' >ids.csv
printf 'P7,e,9,\nP7,f,1,P7.M1\nP7,g,1,P7.M4294967297\n' >>ids.csv
expect "bad ids: exit 65" 65 trygg -C ws plan import angered ids.csv
expect_stderr "another problem's id" "ids.csv:2:4: error: id 'P6.M99' is not of the form P7.M<number>"
expect_stderr "a leading zero" "ids.csv:3:4: error: id 'P7.M01' is not of the form P7.M<number>"
expect_stderr "an id asked twice" "ids.csv:5:4: error: id 'P7.M90' is asked for in row 4 too"
expect_stderr "with the other errors" "ids.csv:6:3: error: phase has a bad value '9'"
expect_stderr "an id in the file" "ids.csv:7:4: error: id 'P7.M1' is taken in Angered"
expect_stderr "a number too large" "ids.csv:8:4: error: id 'P7.M4294967297' is not of the form P7.M<number>"
check "no error names the plan file" sh -c "! grep -q 'angered.yaml' '$TMP/.err'"
expect_same "nothing written" before-bad.yaml $a
# a number asked for later is not given to an earlier row
printf 'problem,text,phase,id\nP7,a,1,\nP7,b,1,P7.M4\n' >later.csv
expect "an id asked for after a row without one" 0 trygg -C ws plan import angered later.csv
expect_stdout_is "the row without one gets the next free number" "$(printf "P7.M5\nP7.M4")"
cp before-bad.yaml $a
printf 'problem,txt,phase\nP3,x,1\n' >bad2.csv
expect "an unknown column: exit 65" 65 trygg -C ws plan import angered bad2.csv
expect_stderr "suggests the name" "bad2.csv:1:2: error: unknown column 'txt' (did you mean 'text'?)"
printf 'problem,text,phase,id,ID\nP3,x,1,,P3.M9\n' >twice.csv
expect "a column named twice: exit 65" 65 trygg -C ws plan import angered twice.csv
expect_stderr "names both" "twice.csv:1:5: error: the column 'id' is column 4 too"
printf 'problem,text,phase\nP3,"open\n' >bad3.csv
expect "an unterminated quote: exit 65" 65 trygg -C ws plan import angered bad3.csv
expect_stderr "says so" "bad3.csv:2:1: error: malformed CSV"
expect_same "nothing written" before-bad.yaml $a
printf 'problem;text;phase;strategic_areas\nP3;x;1;3;7\n' >ragged.csv
expect "a row with more fields than the header: exit 65" 65 trygg -C ws plan import angered ragged.csv
expect_stderr "points at the extra field" "ragged.csv:2:5: error: this row has 5 fields, the header 4"
expect_same "nothing written" before-bad.yaml $a
printf 'problem,text,phase\nP3,Bj\xf6rk,1\n' >latin1.csv
expect "a Latin-1 file: exit 65" 65 trygg -C ws plan import angered latin1.csv
expect_stderr "suggests --encoding" "latin1.csv:2:6: error: not valid UTF-8; if the file comes from a spreadsheet, try --encoding windows-1252"
expect "…which reads it" 0 trygg -C ws plan import angered latin1.csv --encoding windows-1252
check "as UTF-8" grep -q 'text: Björk' $a

done_testing
