#!/bin/bash
# A NUL byte in a CSV cell (issue 18, item 11): an error at FILE:row:col,
# exit 65, nothing written; never a cell silently cut at the NUL.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
cp $a before.yaml


printf 'problem;område;andel\nSk\0nk;Gårdsten;0,2\n' >nul.csv
expect "situation import: a NUL in a cell, exit 65" 65 trygg -C ws situation import angered --source survey nul.csv
expect_stderr "names the row and column" "nul.csv:2:1: error: a NUL byte in this cell"
expect_same "nothing written" before.yaml $a

printf 'problem;område;andel\nSkänk;Gårdsten;0,2\n"Buller\nnatt\0tid";Hjällbo;0,1\n' >nul2.csv
expect "a NUL in a quoted cell over two lines, exit 65" 65 trygg -C ws situation import angered --source survey nul2.csv
expect_stderr "names the row the record starts on" "nul2.csv:3:1: error: a NUL byte in this cell"
expect_same "nothing written" before.yaml $a

printf 'problem;omr\0de\nSkänk;Gårdsten\n' >nulhead.csv
expect "a NUL in the header, exit 65" 65 trygg -C ws situation import angered --source survey nulhead.csv
expect_stderr "names the header cell" "nulhead.csv:1:2: error: a NUL byte in this cell"
expect_same "nothing written" before.yaml $a

printf 'problem,text,phase\nP1,Mer belysning\0 i parken,1\n' >measures.csv
expect "plan import: a NUL in a cell, exit 65" 65 trygg -C ws plan import angered measures.csv
expect_stderr "names the row and column" "measures.csv:2:2: error: a NUL byte in this cell"
expect_same "nothing written" before.yaml $a
printf 'problem,text,phase\nP1,Mer belysning,1\0\n' >measures2.csv
expect "plan import: a NUL at the end of a line, exit 65" 65 trygg -C ws plan import angered measures2.csv
expect_stderr "names the last column" "measures2.csv:2:3: error: a NUL byte in this cell"
expect_same "nothing written" before.yaml $a

done_testing
