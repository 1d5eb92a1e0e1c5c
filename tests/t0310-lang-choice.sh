#!/bin/bash
# The language of what a person reads (DESIGN.md §9, trygg(1) LANGUAGE):
# --lang, then TRYGG_LANG, then the workspace's language:, then Swedish;
# never LANG (cron runs with LANG=C); the workspace found after -C and
# TRYGG_DIR, before the command's options are read.  The catalogue is the
# one built beside the binary.
. "$SRCDIR/tests/lib.sh"
unset TRYGG_LOCALEDIR

sv="okänd nyckel"
en="unknown key"
trygg init ws >/dev/null 2>&1
printf 'schema: trygg/1\ndistrict: X\nareas: [A]\nproblms: []\n' >bad.yaml

expect "a workspace with language: sv" 1 env LANG=C LC_ALL=C "$TRYGG" -C ws check "$TMP/bad.yaml"
expect_stderr "speaks Swedish under LANG=C" "$sv"
expect_stderr "the suggestion too" "menade du 'problems'?"
expect_stderr "the severity too" ": fel: "
expect "--lang en before the command" 1 trygg --lang en -C ws check "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "--lang en after the command" 1 "$TRYGG" -C ws check --lang en "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "TRYGG_LANG=en" 1 env TRYGG_LANG=en "$TRYGG" -C ws check "$TMP/bad.yaml"
expect_stderr "speaks English" "$en 'problms' in a district plan (did you mean 'problems'?)"
expect "--lang sv wins over TRYGG_LANG=en" 1 env TRYGG_LANG=en "$TRYGG" --lang sv -C ws check "$TMP/bad.yaml"
expect_stderr "speaks Swedish" "$sv"
expect "a bad TRYGG_LANG" 2 env TRYGG_LANG=de "$TRYGG" -C ws check "$TMP/bad.yaml"
expect_stderr "says what it takes" "TRYGG_LANG"
expect "a bad --lang" 2 "$TRYGG" -C ws check --lang de "$TMP/bad.yaml"

sed -i 's/^language: sv/language: en/' ws/trygg.yaml
expect "a workspace with language: en" 1 "$TRYGG" -C ws check "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "found through TRYGG_DIR" 1 env TRYGG_DIR="$TMP/ws" "$TRYGG" check "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "found from the current folder" 1 sh -c 'cd ws/districts && "$TRYGG" check "$0"' "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "--lang sv wins over the workspace" 1 trygg -C ws --lang sv check "$TMP/bad.yaml"
expect_stderr "speaks Swedish" "$sv"
expect "a usage error, before the command's options are read" 2 trygg -C ws ls --bogus
expect_stderr "in the workspace's language" "unknown option"

mkdir out
expect "outside a workspace: Swedish" 1 sh -c 'cd out && "$TRYGG" check "$0"' "$TMP/bad.yaml"
expect_stderr "speaks Swedish" "$sv"
expect "outside a workspace, TRYGG_LANG=en" 1 sh -c 'cd out && TRYGG_LANG=en "$TRYGG" check "$0"' "$TMP/bad.yaml"
expect_stderr "speaks English" "$en"
expect "an empty environment: Swedish" 2 env -i "$TRYGG" plna
expect_stderr "in Swedish" "inget trygg-kommando"
expect "--help stays English" 0 trygg --lang sv check --help
expect_stdout "English" "usage: trygg check"

done_testing
