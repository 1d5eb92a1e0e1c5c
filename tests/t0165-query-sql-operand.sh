#!/bin/bash
# Item 32: an SQL operand that starts with a comment ('-- …') is SQL, not
# an option, and '--' ends the options; SQL on standard input is limited
# to 1 MiB (a longer one is refused, exit 2).
. "$SRCDIR/tests/lib.sh"

example_ws
expect "the index is built" 0 trygg -C ws index

expect "SQL that starts with '-- comment'" 0 trygg -C ws query $'-- how many districts\nSELECT count(*) AS n FROM districts_v'
expect_stdout_is "runs it" $'n\n2'
expect "a comment without a space ('--note')" 0 trygg -C ws query $'--note: districts\nSELECT count(*) AS n FROM districts_v'
expect_stdout "runs it too" "2"
expect "options after it" 0 trygg -C ws query $'-- comment\nSELECT 1 AS one' --format csv
expect_stdout_is "are still options" $'"one"\n"1"'
expect "after --" 0 trygg -C ws query --format csv -- $'-- comment\nSELECT 1 AS one'
expect_stdout_is "the operand after -- is the SQL" $'"one"\n"1"'
expect "plain SQL after --" 0 trygg -C ws query -- "SELECT 2 AS two"
expect_stdout "runs" "2"
expect "an unknown option is still one" 2 trygg -C ws query --bogus "SELECT 1"
expect_stderr "named" "unknown option '--bogus'"

# standard input: up to 1 MiB
pad() { head -c "$1" /dev/zero | tr '\0' ' '; }
{ pad $((1048576 - 20)); printf 'SELECT 1 AS one'; } >near.sql
{ pad 1048576; printf 'SELECT 1 AS one'; } >over.sql
check "near.sql is just under 1 MiB" test "$(wc -c <near.sql)" -le 1048576
expect "SQL of just under 1 MiB on stdin" 0 sh -c '"$TRYGG" -C ws query - <near.sql'
expect_stdout "runs" "one"
expect "SQL of more than 1 MiB on stdin" 2 sh -c '"$TRYGG" -C ws query - <over.sql'
expect_stderr "is refused with the limit" "longer than 1 MiB"
expect "an endless stdin is not read to its end" 2 sh -c 'yes "SELECT 1;" | timeout 20 "$TRYGG" -C ws query -'
done_testing
