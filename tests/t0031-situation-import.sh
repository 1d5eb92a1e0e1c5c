#!/bin/bash
# situation import: the survey exports people have.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml

# A Swedish spreadsheet export: BOM, ';', CRLF, Swedish headers, decimal commas
printf '\xef\xbb\xbfOmråde;Grupp;Problem;Andel;Antal;Kommentar\r\n' >sv.csv
printf 'Hjällbo;Boende;Nedskräpning;41 %%;812;x\r\n' >>sv.csv
printf 'Lövgärdet;boende;Nedskräpning;0,38;812;\r\n' >>sv.csv
printf 'Samtliga;Boende;Trafikproblem;46%%;812;\r\n' >>sv.csv
printf 'Rannebergen;Näringsidkare;"Stölder; inbrott";55,5 %%;40;\r\n' >>sv.csv
printf 'Hjällbo;Näringsidkare;"Stölder; inbrott";0,5;40;\r\n' >>sv.csv
expect "import of a Swedish export" 0 trygg -C ws situation import angered --source survey sv.csv --date 2014-10-02
expect_stdout_is "prints each item's place" "survey:2
survey:1
survey:4"
expect_stderr "notes the ignored column" "note: sv.csv: ignoring column 'Kommentar'"
check "rows of one problem and group combine, areas in file order" \
	grep -q 'areas: \[Rannebergen, Hjällbo\]' $a
check "the highest share is kept (55,5 % -> 0.555)" grep -q 'share: 0.555' $a
check "group in English" grep -q 'group: businesses' $a
check "respondents recorded" grep -q 'businesses: 40' $a
check "'Samtliga' means every area" grep -A1 'title: Trafikproblem' $a | grep -q 'Hjällbo, Hammarkullen, Gårdsten, Lövgärdet, Rannebergen'
check "the date set" grep -q 'date: 2014-10-02' $a
expect "the file passes check" 0 trygg -C ws check $a
cp $a once.yaml
expect "importing the same file again" 0 trygg -C ws situation import angered --source survey sv.csv --date 2014-10-02
expect_same "changes nothing" once.yaml $a

# English headers, commas, quoted newlines, no BOM
printf 'problem,area,group,share\n"Buller\nnattetid",Hjällbo,residents,0.12\n' >en.csv
expect "English headers and a quoted newline" 0 trygg -C ws situation import angered --source survey en.csv
check "the newline kept" grep -q 'title: "Buller\\nnattetid"' $a

# Windows-1252
printf 'omr\xe5de;grupp;problem;andel\r\nG\xe5rdsten;boende;Sk\xe4nk;12 %%\r\n' >cp1252.csv
cp $a before.yaml
expect "a Windows-1252 file without --encoding: exit 65" 65 trygg -C ws situation import angered --source survey cp1252.csv
expect_stderr "suggests --encoding" "cp1252.csv:1:4: error: not valid UTF-8; if the file comes from a spreadsheet, try --encoding windows-1252"
expect_same "nothing written" before.yaml $a
expect "with --encoding windows-1252" 0 trygg -C ws situation import angered --source survey cp1252.csv --encoding windows-1252
check "read as UTF-8" grep -q 'title: Skänk' $a

# a tab-separated file with an index column
printf 'problem\tområde\tindex\nMopedåkning\tGårdsten\t3,4\n' >tab.csv
expect "tab-separated with a 0-6 index" 0 trygg -C ws situation import angered --source police tab.csv
check "the index written" grep -q 'index: 3.4' $a

# bad rows: FILE:row:col, exit 65, nothing written
cp $a before.yaml
printf 'problem;område;andel;grupp\nA;Hjällbo;0,2;boende\nB;Hjällbo;140 %%;boende\n;Hjällbo;0,1;boende\nC;Hjällbo;0,1;grannar\nD;Mars;0,1;boende\n' >bad.csv
expect "bad rows: exit 65" 65 trygg -C ws situation import angered --source survey bad.csv
expect_stderr "a share over 100 %" "bad.csv:3:3: error: share must be 0.41, 0,41, 41 % or the like, from 0 to 1, not '140 %'"
expect_stderr "an empty problem" "bad.csv:4:1: error: problem is empty"
expect_stderr "an unknown group" "bad.csv:5:4: error: unknown group 'grannar'"
expect_same "nothing written" before.yaml $a
printf 'problem;område;andel;grupp\rA;Hjällbo;0,2;boende\rB;Hjällbo;140 %%;boende\r' >cr.csv
expect "a CSV with CR-only line ends (old Mac): bad row" 65 trygg -C ws situation import angered --source survey cr.csv
expect_stderr "the row's own line" "cr.csv:3:3: error: share must be"
printf 'problem;område\nD;Mars\n' >area.csv
expect "an area the district lacks: exit 65" 65 trygg -C ws situation import angered --source survey area.csv
expect_stderr "names the row" "area.csv:2:2: error: area 'Mars' is not one of Angered's areas"
printf 'titel?;område\nx;y\n' >nohead.csv
expect "no problem column: exit 65" 65 trygg -C ws situation import angered --source survey nohead.csv
expect_stderr "lists the header found" "nohead.csv:1:1: error: the header has no column 'problem' (found: titel?,område)"
printf 'problem;område\n"open;Hjällbo\n' >quote.csv
expect "an unterminated quote: exit 65" 65 trygg -C ws situation import angered --source survey quote.csv
expect_same "nothing written" before.yaml $a
expect "a missing file: exit 66" 66 trygg -C ws situation import angered --source survey none.csv

done_testing
