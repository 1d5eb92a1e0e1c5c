#!/bin/bash
# Item 8: a write keeps the plan file's owner and group.  A write by root
# (cron) to a file owned by another user left it root:root, and its owner
# could no longer save it.  Where the owner cannot be kept (a user who is
# not root writing another's file), the write says so with a warning.
. "$SRCDIR/tests/lib.sh"

if [ "$(id -u)" != 0 ] || ! setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$TRYGG" --version >/dev/null 2>&1; then
	ok "a write keeps the owner # SKIP needs root and setpriv"
	done_testing
fi
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

example_ws
a=ws/districts/angered.yaml
chmod a+rx "$TMP" ws
chown nobody:www-data ws/districts
chown nobody:www-data $a
chmod 640 $a

expect "root writes nobody's file" 0 trygg -C ws plan set angered P6.M2 status=ongoing
check "…it is still nobody:www-data" test "$(stat -c %U:%G $a)" = nobody:www-data
check "…with its mode" test "$(stat -c %a $a)" = 640
expect "…and nobody can still save it" 0 as_nobody "$TRYGG" -C ws plan set angered P6.M2 status=done
expect_stderr "…it cannot keep a group nobody is not in, and says so" \
	"warning: cannot keep the group www-data (Operation not permitted)"
check "…the file is nobody's" test "$(stat -c %U:%G $a)" = nobody:nogroup
chgrp www-data $a

# root writes through a symbolic link: the target keeps its owner
chown -h root:root ws/districts
mkdir shared
chown nobody:www-data shared
mv $a shared/angered.yaml
ln -s ../../shared/angered.yaml $a
expect "root writes nobody's file through a link" 0 trygg -C ws plan set angered P6.M2 status=planned
check "…the target is still nobody:www-data" test "$(stat -c %U:%G shared/angered.yaml)" = nobody:www-data
rm $a
mv shared/angered.yaml $a

# nobody writes root's file in a folder it may write: the file becomes
# nobody's (only root may give a file away), and the write says so
chown root:root $a
chmod 666 $a
chown nobody:nogroup ws/districts
cp $a before.yaml
expect "nobody writes root's file" 0 as_nobody "$TRYGG" -C ws plan set angered P6.M2 status=ongoing
expect_stderr "…with a warning that the owner is not kept" \
	"warning: cannot keep the owner root:root (the file is now nobody's: Operation not permitted)"
check "…the change is written" sh -c "! cmp -s before.yaml $a"
check "…and its mode kept" test "$(stat -c %a $a)" = 666

done_testing
