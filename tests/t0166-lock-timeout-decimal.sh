#!/bin/bash
# Item 32: --lock-timeout takes plain decimal seconds; '', hex, exponents,
# signs, spaces, units, nan and inf are refused (exit 2, named).
. "$SRCDIR/tests/lib.sh"

example_ws
cp ws/districts/angered.yaml before.yaml
for good in 0 10 0.5 86400; do
	expect "--lock-timeout $good" 0 trygg -C ws plan add-problem Angered --title x --dry-run --lock-timeout "$good"
done
for bad in '' 0x10 1e1 ' 5' '+5' 5s nan inf; do
	expect "--lock-timeout '$bad' is refused" 2 trygg -C ws plan add-problem Angered --title x --dry-run --lock-timeout "$bad"
	expect_stderr "naming the option ('$bad')" "--lock-timeout takes"
done
expect "--lock-timeout -1 is refused" 2 trygg -C ws plan add-problem Angered --title x --lock-timeout -1
expect "so is more than a day" 2 trygg -C ws plan add-problem Angered --title x --lock-timeout 86401
expect "report --output --lock-timeout 0x10 too" 2 trygg -C ws report plan Angered --output r.txt --lock-timeout 0x10
expect_same "nothing written" before.yaml ws/districts/angered.yaml
done_testing
