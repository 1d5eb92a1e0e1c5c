#!/bin/bash
# Item 32: `index --rebuild` that cannot write (a file size limit, as a
# full disk) exits 74 with SQLite's reason, never "not an error".
. "$SRCDIR/tests/lib.sh"

not_in() { ! grep -q -- "$1" "$2"; }
example_ws
expect "the index is built" 0 trygg -C ws index
expect "--rebuild with writes limited to 50 KiB" 74 bash -c 'trap "" XFSZ; ulimit -f 50; exec "$TRYGG" -C ws index --rebuild'
check "no message says 'not an error'" not_in "not an error" "$TMP/.err"
expect_stderr "says it is a disk's problem" "disk"
expect "the index is whole afterwards" 0 trygg -C ws ls problems
done_testing
