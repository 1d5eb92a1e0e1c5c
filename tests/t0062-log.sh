#!/bin/bash
# trygg log: the history of a district or one item, from git.
. "$SRCDIR/tests/lib.sh"

example_ws
expect "outside git: exit 2" 2 trygg -C ws log angered
expect_stderr "says so" "is not in a git repository; trygg log reads the history from git"
command -v git >/dev/null || done_testing
commit() { git -C ws -c user.name="$1" -c user.email=x@example.org commit -qam "$2" --date=2015-01-0"$3"T12:00:00 >/dev/null; }
git -C ws init -q
git -C ws add -A
commit "Anna Svensson" "Första planen" 1
trygg -C ws plan set angered P6.M4 status=done >/dev/null
trygg -C ws followup record angered --problem P6 --measure P6.M4 --done "Väktare inhyrda" --date 2015-01-10 >/dev/null
commit "Karl Polis" "Väktare på plats" 2
trygg -C ws plan add-measure angered --problem P2 --text "Nytt jobbtorg" --phase 2 >/dev/null
commit "Anna Svensson" "Jobbtorg" 3

expect "log of a district" 0 trygg -C ws log angered
expect_stdout "a commit line: date, author, subject" " Karl Polis: Väktare på plats"
expect_stdout "a status change" "P6.M4    status: ongoing → done"
expect_stdout "a follow-up" "P6.F2    follow-up 2015-01-10: Väktare inhyrda"
expect_stdout "an added measure" "P2.M4    added: Nytt jobbtorg"
expect_stdout "the first commit adds the problems" "P6       added: Social oro i Rannebergen centrum"
expect "log of one measure" 0 trygg -C ws log angered P6.M4
check "only its commits: the change and its creation" test "$(grep -c ': ' "$TMP/.out")" = 4
expect_stdout "its change" "P6.M4    status: ongoing → done"
check "nothing about other items" sh -c "! grep -q 'P2.M4' '$TMP/.out'"
expect "log of a problem" 0 trygg -C ws log angered P6
expect_stdout "includes its measures" "P6.M4    status: ongoing → done"
expect_stdout "and its follow-ups" "P6.F2"
expect "an ID never changed" 0 trygg -C ws log angered P99
expect_no_stdout "prints no commit"
expect "an unknown district: exit 66" 66 trygg -C ws log nowhere

# --since and --until: the author dates, both ends included
expect "--since" 0 trygg -C ws log angered --since 2015-01-02
check "the commits of and after that day" test "$(grep -c '^2015-' "$TMP/.out")" = 2
check "not the first" sh -c "! grep -q 'Första planen' '$TMP/.out'"
expect "--until" 0 trygg -C ws log angered --until 2015-01-02
check "the commits up to that day" test "$(grep -c '^2015-' "$TMP/.out")" = 2
check "not the last" sh -c "! grep -q 'Jobbtorg' '$TMP/.out'"
expect "both, one day" 0 trygg -C ws log --since 2015-01-02 --until 2015-01-02 angered P6.M4
expect_stdout "that day's change" "P6.M4    status: ongoing → done"
check "one commit" test "$(grep -c '^2015-' "$TMP/.out")" = 1
expect "a bad date: exit 2" 2 trygg -C ws log angered --since yesterday
expect_stderr "names the option" "--since takes a date YYYY-MM-DD, not 'yesterday'"
expect "a bad format: exit 2" 2 trygg -C ws log angered --format csv

# Following the file across a rename
git -C ws mv districts/angered.yaml districts/angered-nordost.yaml
commit "Anna Svensson" "Nytt filnamn" 4
trygg -C ws plan set angered P2.M4 status=done >/dev/null
commit "Karl Polis" "Jobbtorget klart" 5
expect "log after a rename" 0 trygg -C ws log angered
expect_stdout "the commit after it" "P2.M4    status: – → done"
expect_stdout "the commits before it" "P6.M4    status: ongoing → done"
expect_stdout "the first commit" "Första planen"
check "the rename itself changes nothing" sh -c "grep -A1 'Nytt filnamn' '$TMP/.out' | tail -1 | grep -q '^2015-'"

# --format json: one item per commit, the changes a list of lines
expect "--format json" 0 trygg -C ws log angered --format json --since 2015-01-02
check "the objects" python3 - "$TMP/.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding='utf-8'))['items']
assert [c['subject'] for c in v] == ['Jobbtorget klart', 'Nytt filnamn', 'Jobbtorg', 'Väktare på plats'], v
assert list(v[0]) == ['date', 'commit', 'author', 'subject', 'path', 'changes'], v[0]
assert v[0]['path'] == 'districts/angered-nordost.yaml' and v[3]['path'] == 'districts/angered.yaml', v
assert v[0]['changes'] == ['P2.M4    status: – → done'] and v[1]['changes'] == [], v
assert 'P6.M4    status: ongoing → done' in v[3]['changes'], v[3]
assert v[3]['date'] == '2015-01-02' and v[3]['author'] == 'Karl Polis' and len(v[3]['commit']) == 40, v[3]
PY

# A path git would quote (non-ASCII): git log -z, the path as it is
git -C ws mv districts/angered-nordost.yaml districts/ängered.yaml
commit "Anna Svensson" "Med prickar" 6
expect "log after a rename to ängered.yaml" 0 trygg -C ws log Angered
expect_stdout "the commits before it" "P6.M4    status: ongoing → done"
check "no version taken for failing check" sh -c "! grep -q 'does not pass check' '$TMP/.out'"
expect "--format json after it" 0 trygg -C ws log Angered --format json
check "the plain paths" python3 - "$TMP/.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding='utf-8'))['items']
assert v[0]['subject'] == 'Med prickar' and v[0]['path'] == 'districts/ängered.yaml', v[0]
assert v[1]['path'] == 'districts/angered-nordost.yaml', v[1]
assert 'P6.M4    status: ongoing → done' in [l for c in v for l in c['changes']], v
PY

# A merge commit that changed the file is listed (its change against the
# first parent)
git -C ws checkout -q -b side
trygg -C ws plan set Angered P6.M1 status=ongoing >/dev/null
commit "Karl Polis" "P6.M1 igen" 7
git -C ws checkout -q -
trygg -C ws plan set Angered P6.M2 status=ongoing >/dev/null
commit "Anna Svensson" "P6.M2 igen" 8
git -C ws -c user.name="Anna Svensson" -c user.email=x@example.org merge -q --no-ff -m "merge side" side >/dev/null 2>&1
check "the merge is a merge commit" sh -c 'git -C ws rev-parse -q --verify HEAD^2 >/dev/null'
expect "log with a merge" 0 trygg -C ws log Angered
expect_stdout "the merge listed" " Anna Svensson: merge side"
check "with the side's change" sh -c "grep -A1 ': merge side' '$TMP/.out' | grep -q 'P6.M1    status: done → ongoing'"

# Author and subject come from anyone's commit: safe for a terminal
trygg -C ws plan set Angered P6.M3 status=ongoing >/dev/null
commit $'Mal\e[31mlory' $'R\e]0;x\aöd' 9
expect "log with an ESC in author and subject" 0 trygg -C ws log Angered
expect_stdout "the commit is listed" "P6.M3    status: done → ongoing"
check "no ESC byte reaches the terminal" sh -c "! grep -qP '\x1b|\x07' '$TMP/.out'"
expect "--format json with it" 0 trygg -C ws log Angered --format json
check "JSON keeps the author as it is, escaped" python3 - "$TMP/.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding='utf-8'))['items']
assert v[0]['author'] == 'Mal\x1b[31mlory', v[0]
PY

# Separator bytes in an author or subject (git passes them through) shift
# no field: the date, hash, author and subject stay each their own
trygg -C ws plan set Angered P6.M5 status=ongoing >/dev/null
commit $'a\x1fb\x1ec' $'Del\x1fa\x1eett' 9
expect "log with separator bytes in author and subject" 0 trygg -C ws log Angered --format json
check "each field as it is" python3 - "$TMP/.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding='utf-8'))['items']
c = v[0]
assert c['author'] == 'a\x1fb\x1ec' and c['subject'] == 'Del\x1fa\x1eett', c
assert c['date'] == '2015-01-09' and len(c['commit']) == 40, c
assert c['changes'] == ['P6.M5    status: done → ongoing'], c
assert v[1]['author'] == 'Mal\x1b[31mlory', v[1]
PY
expect "the text form too" 0 trygg -C ws log Angered P6.M5
check "the commit line: date, hash, author, subject" python3 -c '
import re, sys
l = open(sys.argv[1], encoding="utf-8").readline()
assert re.fullmatch(r"2015-01-09 [0-9a-f]{7,} a\\x1Fb\\x1Ec: Del\\x1Fa\\x1Eett\n", l), l
' "$TMP/.out"
expect_stdout "its change" "P6.M5    status: done → ongoing"

# A commit whose author git cannot read (a NUL byte, possible only in a
# hand-made object): an error, not fields taken from the wrong places
trygg -C ws plan set Angered P6.M6 status=ongoing >/dev/null
git -C ws add -A
printf 'tree %s\nparent %s\nauthor Ny\0ll <x@example.org> 1420804800 +0000\ncommitter c <x@example.org> 1420804800 +0000\n\nNUL i namnet\n' \
	"$(git -C ws write-tree)" "$(git -C ws rev-parse HEAD)" >raw
git -C ws update-ref HEAD "$(git -C ws hash-object -t commit -w --literally --stdin <raw)"
expect "a commit git cannot read the author of: exit 65" 65 trygg -C ws log Angered
expect_stderr "says so" "git's log of it does not read as expected; stopped after 0 commits"

done_testing
