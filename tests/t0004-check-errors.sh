#!/bin/bash
# check: one case per kind of error, each with its exact line:col.
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/t.yaml


check_bad "YAML syntax error" 3:9 "mapping values are not allowed in this context" <<'Y'
schema: trygg/1
district: X
areas: a: b
Y

check_bad "tab as indentation" 4:1 "found character that cannot start any token" <<'Y'
schema: trygg/1
district: X
problems:
	- id: P1
Y

check_bad "wrong type: text where a list is expected" 3:8 "'areas' must be a list, found text" <<'Y'
schema: trygg/1
district: X
areas: Hjällbo
Y

check_bad "wrong type: list where text is expected" 2:11 "'district' must be text, found a list" <<'Y'
schema: trygg/1
district: [X]
Y

check_bad "two letters swapped: one edit, a suggestion" 5:5 "unknown key 'gaol' in a problem (did you mean 'goal'?)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    gaol: Tryggare
    title: T
Y

check_bad "unknown key with a suggestion" 9:9 "unknown key 'responsable' in a measure (did you mean 'responsible'?)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    measures:
      - id: P1.M1
        text: Gör något
        responsable: [Polisen]
        phase: 1
Y

check_bad "duplicate key" 3:1 "duplicate key 'district' (first at line 2)" <<'Y'
schema: trygg/1
district: X
district: Y
Y

check_bad "missing required key" 4:5 "a problem is missing required key 'title'" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
Y

check_bad "missing schema" 1:1 "the plan is missing required key 'schema'" <<'Y'
district: X
Y

check_bad "bad phase" 9:16 "'phase' has a bad value '4' (expected one of: 1, 2, 3)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    measures:
      - id: P1.M1
        text: Gör något
        phase: 4
Y

check_bad "bad status" 10:17 "'status' has a bad value 'finished' (expected one of: proposed, planned, ongoing, done, cancelled)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    measures:
      - id: P1.M1
        text: Gör något
        phase: 1
        status: finished
Y

check_bad "bad date" 10:14 "'due' is not a valid date: '2014-13-01' (expected YYYY-MM-DD)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    measures:
      - id: P1.M1
        text: Gör något
        phase: 1
        due: 2014-13-01
Y

check_bad "29 February of a common year" 6:24 "'date' is not a valid date: '2015-02-29'" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    followups: [{date: 2015-02-29}]
Y

check_bad "duplicate problem id" 6:9 "duplicate id 'P1' (first at line 4)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: A
  - id: P1
    title: B
Y

check_bad "a measure id outside its problem" 7:13 "bad id 'P2.M1' for a measure of P1" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: A
    measures:
      - id: P2.M1
        text: x
        phase: 1
Y

check_bad "situation link that does not resolve" 6:16 "'situation' names 'S9', which is not an item of situation.joint" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P6
    title: A
    situation: S9
Y

check_bad "follow-up naming a missing measure" 12:27 "follow-up names 'P6.M7', which is not a measure of P6" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P6
    title: A
    measures:
      - id: P6.M1
        text: x
        phase: 1
    followups:
      - date: 2014-11-20
        measures: [P6.M1, P6.M7]
Y

check_bad "strategic area outside the programme" 6:26 "strategic area 11 is not in the programme (trygg.yaml lists 10 areas)" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: A
    strategic_areas: [3, 11]
Y

check_bad "area not among the district's" 7:39 "area 'Hjällbo' is not one of the district's areas" <<'Y'
schema: trygg/1
district: X
areas: [Norr, Söder]
situation:
  survey:
    problems:
      - {title: Nedskräpning, areas: [Hjällbo]}
Y

check_bad "share over 1" 7:38 "'share' must be between 0 and 1, found 41" <<'Y'
schema: trygg/1
district: X
areas: [Norr]
situation:
  survey:
    problems:
      - {title: Nedskräpning, share: 41}
Y

check_bad "an anchor" 3:8 "anchor '&a' refused" <<'Y'
schema: trygg/1
district: X
areas: &a [Norr]
Y

check_bad "an alias" 4:8 "alias '*a' refused" <<'Y'
schema: trygg/1
district: X
x-list: [Norr]
areas: *a
Y

check_bad "a tag" 2:11 "tag 'tag:yaml.org,2002:str' refused" <<'Y'
schema: trygg/1
district: !!str X
Y

check_bad "two documents" 3:1 "more than one document in the file" <<'Y'
schema: trygg/1
district: X
---
schema: trygg/1
Y

check_bad "a collection as a key" 3:3 "a key must be a plain scalar" <<'Y'
schema: trygg/1
district: X
? [a, b]
: c
Y

printf 'schema: trygg/1\ndistrict: Bj\xf6rk\n' >"$f.in"
check_bad "invalid UTF-8 (a Latin-1 ö)" 2:13 "invalid UTF-8 byte sequence" <"$f.in"

printf 'schema: trygg/1\ndistrict: \xc3\xb6\xc3\xb6 \xc0\xaf\n' >"$f.in"
check_bad "overlong UTF-8 after two ö" 2:14 "invalid UTF-8 byte sequence" <"$f.in"

printf 'schema: trygg/1\ndistrict: X\n\tfoo: 1\n' >"$f"
expect "a tab in indentation: exit 1" 1 trygg -C ws check "$f"
expect_stderr "hints that tabs cannot indent" "; tabs cannot indent YAML, use spaces"

printf '\xff\xfes\x00c\x00h\x00' >"$f.in"
check_bad "a UTF-16 file" 1:1 "file is UTF-16; trygg reads UTF-8 only" <"$f.in"

printf 'schema: trygg/1\ndistrict: X\x00Y\n' >"$f.in"
check_bad "a NUL byte" 2:12 "file contains a NUL byte" <"$f.in"

printf '\xef\xbb\xbfschema: trygg/1\ndistrict: X\nfoo: 1\n' >"$f.in"
check_bad "errors after a BOM are placed right" 3:1 "unknown key 'foo' in a district plan" <"$f.in"

printf 'schema: trygg/1\r\ndistrict: X\r\narea: [Norr]\r\n' >"$f.in"
check_bad "CRLF line ends" 3:1 "unknown key 'area' in a district plan (did you mean 'areas'?)" <"$f.in"

{ echo 'schema: trygg/1'; echo 'district: X'; printf 'x-deep: '; for i in $(seq 40); do printf '['; done; echo; } >"$f.in"
check_bad "nesting deeper than the limit" 3:40 "nesting deeper than the limit of 32 levels" <"$f.in"

# 100,000 levels: refused fast, not after libyaml's quadratic crawl
{ echo 'schema: trygg/1'; printf 'x: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } >"$f"
expect "nesting 100,000 deep is refused" 1 timeout 10 "$TRYGG" -C ws check "$f"
expect_stderr "with the depth message" "nesting deeper than the limit"

truncate -s 17M "$f"
expect "a file over the size limit" 1 trygg -C ws check "$f"
expect_stderr "says the limit" "over the limit of 16777216 bytes"
rm -f "$f"

{ echo 'schema: trygg/1'; echo 'district: X'; printf 'x-long: '; head -c 70000 /dev/zero | tr '\0' 'a'; echo; } >"$f.in"
check_bad "a scalar over the limit" 3:9 "text is longer than the limit of 65536 bytes" <"$f.in"

# regressions found by fuzzing
printf '{}' >"$f"
expect "a file that is only {}" 1 trygg -C ws check "$f"
expect_stderr "says what is missing" "t.yaml:1:1: error: the plan is missing required key 'schema'"
printf 'schema: trygg/1\ndistrict: X\nproblems: [{id: P1' >"$f"
expect "an error at the end of a file without a final line break" 1 trygg -C ws check "$f"
expect_stderr "is placed on the last line, not past it" "t.yaml:3:19: error: did not find expected ',' or '}'"

cat >"$f" <<'Y'
schema: trygg/1
district: X
x-mine: {anything: [goes, here]}
problems:
  - id: P1
    title: T
    x-note: fri text
    measures:
      - {id: P1.M1, text: x, phase: 1, x-ref: 42}
Y
expect "x- keys are accepted anywhere" 0 trygg -C ws check "$f"

cat >"$f" <<'Y'
schema: trygg/1
district: X
areas: [Norr]
problems:
  - id: P1
    titel: T
    measures:
      - {id: P1.M1, text: x, phase: 5}
  - id: P1
    title: U
Y
expect "several errors: exit 1" 1 trygg -C ws check "$f"
expect_stderr "reports the first" "t.yaml:6:5: error: unknown key 'titel' in a problem (did you mean 'title'?)"
expect_stderr "and the second" "t.yaml:8:37: error: 'phase' has a bad value '5'"
expect_stderr "and the third" "t.yaml:9:9: error: duplicate id 'P1' (first at line 5)"
expect_stderr "and the missing title" "t.yaml:5:5: error: a problem is missing required key 'title'"
expect_stderr "with an excerpt and a caret" "      - {id: P1.M1, text: x, phase: 5}"

expect "a missing file: exit 66" 66 trygg -C ws check ws/districts/none.yaml
expect_stderr "says it cannot open" "cannot open: No such file or directory"
expect "a directory: exit 66" 66 trygg -C ws check ws/districts
expect_stderr "says it is a directory" "is a directory"

cat >"$f" <<'Y'
schema: trygg/1
district: X
problems:
  - id: P1
    title: T
    measures:
      - {id: P1.M1, text: x, phase: 1, responsible: [Polis]}
Y
expect "an unknown organisation is a warning, not an error" 0 trygg -C ws check "$f"
expect_stderr "with a suggestion" "t.yaml:7:54: warning: 'Polis' is not a known organisation (did you mean 'Polisen'?)"

cp ws/trygg.yaml ws/trygg.yaml.orig
sed -i 's/^language: sv.*/language: fi/' ws/trygg.yaml
expect "a bad trygg.yaml fails check" 1 trygg -C ws check
expect_stderr "names the value" "ws/trygg.yaml:5:11: error: 'language' has a bad value 'fi' (expected one of: sv, en)"
# Two files with the same district name (in another case): the second is
# warned about, naming the first; neither fails.
example_ws
sed 's/^district: Angered/district: ANGERED/' ws/districts/angered.yaml >ws/districts/z-angered.yaml
expect "the same district name in two files is a warning" 0 trygg -C ws check
expect_stderr "at the second file's name, naming the first" \
	"ws/districts/z-angered.yaml:6:11: warning: district 'ANGERED' is also in ws/districts/angered.yaml"
expect "also among the files given" 0 trygg -C ws check ws/districts/angered.yaml ws/districts/z-angered.yaml
expect_stderr "the same warning" "district 'ANGERED' is also in ws/districts/angered.yaml"
expect "one file alone" 0 trygg -C ws check ws/districts/z-angered.yaml
check "has no other to clash with" test ! -s "$TMP/.err"

done_testing
