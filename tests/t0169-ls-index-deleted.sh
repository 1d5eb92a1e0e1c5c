#!/bin/bash
# Item 32: the index deleted while `ls` brings it up to date is built
# again, not exit 66: the index is derived from the files.
. "$SRCDIR/tests/lib.sh"

export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
example_ws
expect "the index is built" 0 trygg -C ws ls measures
cp "$TMP/.out" all.txt
touch -d '2001-01-01' ws/districts/*.yaml   # so that ls reads them again
expect "the index deleted as ls reads the last plan file" 0 env LD_PRELOAD="$FAULTSHIM" \
	TRYGG_AFTER_READ="vastra-hisingen.yaml:rm -f '$TMP/ws/.trygg/index.sqlite' '$TMP/ws/.trygg/index.sqlite-wal' '$TMP/ws/.trygg/index.sqlite-shm'" \
	"$TRYGG" -C ws ls measures
expect_same "lists every measure" all.txt "$TMP/.out"
check "the index is there again" test -f ws/.trygg/index.sqlite
done_testing
