#!/bin/bash
# Item 27 of issue 18: one rule for every text a person reads on a
# terminal.  C0 controls, DEL, C1 controls (U+009B is a CSI) and the bidi
# overrides and isolates (U+202A-202E, U+2066-2069) are shown escaped
# (\x1B, \x9B, \u202E) in the text output of reports, district ls, ls and
# query, and in every diagnostic: its message, its file name and its
# excerpt (with the caret still under the column).
. "$SRCDIR/tests/lib.sh"

# the last run's stdout (or stderr: no_raw_err) holds no ESC, BEL, C1 CSI,
# RLO or LRI byte sequence
no_raw() {
	! grep -qaF -e "$(printf '\033')" -e "$(printf '\007')" -e "$(printf '\302\233')" \
		-e "$(printf '\342\200\256')" -e "$(printf '\342\201\246')" "${1:-$TMP/.out}"
}
no_raw_err() {
	no_raw "$TMP/.err"
}

empty_ws
cat >ws/districts/ond.yaml <<'Y'
schema: trygg/1
district: "Ond\e[31mby\u202E\x9b"
areas: [Norr]
problems:
  - id: P1
    title: "Titel \x9b2J \u202Eabc \u2066x\u2069 \x7f"
    measures:
      - {id: P1.M1, text: "Text \e]8;;http://x/\e\\länk \x9b31m \u202Eevil", phase: 1, due: 2015-01-01}
Y
expect "the plan passes check" 0 trygg -C ws check

for kind in plan followup situation; do
	expect "report $kind text" 0 trygg -C ws report $kind ond --as-of 2015-06-01
	check "report $kind: nothing raw" no_raw
	expect_stdout "report $kind: the district's name in the heading, escaped" 'Trygg i Ond\x1B[31mby\u202E\x9B'
done
expect "report overdue text" 0 trygg -C ws report overdue --as-of 2015-06-01
check "report overdue: nothing raw" no_raw
expect_stdout "report overdue: the text's controls escaped" '\x1B]8;;http://x/\x1B\länk \x9B31m \u202Eevil'

expect "district ls" 0 trygg -C ws district ls
check "district ls: nothing raw" no_raw
expect_stdout "district ls: the name escaped" 'Ond\x1B[31mby\u202E\x9B'

expect "ls measures" 0 trygg -C ws ls measures
check "ls: nothing raw" no_raw
expect_stdout "ls: the district escaped" 'Ond\x1B[31mby\u202E\x9B'
expect_stdout "ls: the text escaped" 'Text \x1B]8;;http://x/\x1B\länk \x9B31m \u202Eevil'
expect "ls problems" 0 trygg -C ws ls problems
check "ls problems: nothing raw" no_raw
expect_stdout "ls problems: C1, bidi isolates and DEL escaped" 'Titel \x9B2J \u202Eabc \u2066x\u2069 \x7F'
expect "query text" 0 trygg -C ws query "SELECT 'a' || char(27) || '[2J' || char(155) || char(8238) || char(8294) || 'b' AS t"
check "query: nothing raw" no_raw
expect_stdout "query: shown escaped" 'a\x1B[2J\x9B\u202E\u2066b'
expect "query json keeps the text" 0 trygg -C ws query --format json "SELECT char(27, 155, 8238) AS t"
expect_stdout "as JSON escapes" '"\u001b'

# diagnostics: a decoded key in a message
cat >ws/districts/bad.yaml <<'Y'
schema: trygg/1
district: Bad
areas: [Norr]
problems:
  - {id: P1, title: "x", "ti\e[2Jtle": 1}
Y
expect "an unknown key with an escape in it" 1 trygg -C ws check ws/districts/bad.yaml
expect_stderr "is reported" "unknown key"
check "the message holds nothing raw" no_raw_err
expect_stderr "the key shown escaped" "'ti\\x1B[2Jtle'"

# an excerpt with a raw right-to-left override before the error's column
printf 'schema: trygg/1\ndistrict: Bad\nareas: [Norr]\nproblems:\n  - {id: P1, title: \342\200\256abc, bogus: 1}\n' >ws/districts/bad.yaml
expect "an unknown key after a raw RLO" 1 trygg -C ws check ws/districts/bad.yaml
check "the excerpt holds nothing raw" no_raw_err
expect_stderr "the excerpt shows it escaped" '  - {id: P1, title: \u202Eabc, bogus: 1}'
check "the caret is under the key in the escaped excerpt" grep -qx -- "$(printf '%*s^' 33 '')" "$TMP/.err"
rm ws/districts/bad.yaml

# a file name with an escape in it
esc=$(printf '\033')
printf 'schema: trygg/1\ndistrict: [\n' >"ws/districts/x${esc}[31m.yaml"
expect "a broken file with an escape in its name" 1 trygg -C ws check
check "its name holds nothing raw" no_raw_err
expect_stderr "its name shown escaped" 'x\x1B[31m.yaml'
rm "ws/districts/x${esc}[31m.yaml"

# a CSV cell in a message
printf 'problem,text,phase\nP1,hej,\033[31m\n' >m.csv
expect "a bad CSV cell with an escape" 65 trygg -C ws plan import testby m.csv
check "the message holds nothing raw" no_raw_err
expect_stderr "the cell shown escaped" "'\\x1B[31m'"

# a lock file's host name, in the warning that takes the lock over
printf '999999 ev\033[31mil\342\200\256\n' >ws/districts/testby.yaml.lock
expect "a stale lock left on another host is taken over" 0 trygg -C ws plan add-problem testby --title x --lock-timeout 0
check "the host name holds nothing raw" no_raw_err
expect_stderr "the host name shown escaped" 'ev\x1B[31mil\u202E'
rm ws/districts/testby.yaml.lock

# an option's value echoed in a usage error
expect "a bad --format value with an escape" 2 trygg -C ws ls measures --format "$(printf 'x\033[2J')"
check "the usage error holds nothing raw" no_raw_err

done_testing
