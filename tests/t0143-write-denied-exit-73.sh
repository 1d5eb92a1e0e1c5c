#!/bin/bash
# Item 16: output that cannot be created for lack of permission (EACCES,
# EPERM, EROFS) exits 73, as the manuals put "no permission" under 73; a
# rename refused so exited 74.  A sticky folder refuses a user's rename
# over another user's file even when the user may write the folder.
. "$SRCDIR/tests/lib.sh"

if [ "$(id -u)" != 0 ] || ! setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$TRYGG" --version >/dev/null 2>&1; then
	ok "a refused rename # SKIP needs root and setpriv"
	done_testing
fi
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

example_ws
a=ws/districts/angered.yaml
chmod a+rx "$TMP" ws
chmod 1777 ws/districts
chmod 666 $a
cp $a before.yaml
expect "nobody writes root's file in a sticky folder" 73 \
	as_nobody "$TRYGG" -C ws plan set angered P6.M2 status=ongoing
expect_stderr "…says the file cannot be replaced" "cannot replace the file: Operation not permitted"
expect_same "…the file is unchanged" before.yaml $a
check "…no lock or temporary file is left" test -z "$(ls -A ws/districts | grep -v '\.yaml$')"

mkdir -m 1777 pub
echo old >pub/report.html
chmod 666 pub/report.html
expect "an index" 0 trygg -C ws index
chmod -R a+rX ws
expect "report --output over root's file in a sticky folder" 73 \
	as_nobody "$TRYGG" -C ws report overview --all --format html --no-refresh --output pub/report.html
expect_stderr "…says the file cannot be replaced" "cannot replace the file: Operation not permitted"
check "…the old report is kept" grep -qx old pub/report.html
check "…nothing is left beside it" test "$(ls -A pub)" = report.html

done_testing
