#!/bin/bash
# Item 10: the identity of the plan file a write read is taken from the
# descriptor that was read (fstat), not from a stat() after reading: an
# editor's save by rename in between was overwritten silently.  Now the
# write sees the file changed, keeps the editor's version and exits 75.
. "$SRCDIR/tests/lib.sh"

export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
example_ws
a=ws/districts/angered.yaml
sed 's/^district: Angered$/district: Angered  # sparad i editorn/' $a >edited.yaml
check "the editor's version differs" sh -c "! cmp -s edited.yaml $a"

# just after trygg has read the plan file, an editor saves it by rename
save="cp $TMP/edited.yaml $TMP/ws/districts/.angered.yaml.swp && mv $TMP/ws/districts/.angered.yaml.swp $TMP/$a"
expect "a write whose file is saved by rename after reading: exit 75" 75 \
	env LD_PRELOAD="$FAULTSHIM" TRYGG_AFTER_READ="angered.yaml:$save" \
	"$TRYGG" -C ws plan set angered P6.M2 status=ongoing
expect_stderr "…says the file changed" "changed on disk while trygg was editing it"
expect_same "…the editor's version is kept" edited.yaml $a
check "…no lock or temporary file is left" test -z "$(ls -A ws/districts | grep -v '\.yaml$')"

# without the editor, the same write lands (the shim changes nothing else)
expect "the write without an editor" 0 \
	env LD_PRELOAD="$FAULTSHIM" "$TRYGG" -C ws plan set angered P6.M2 status=ongoing
check "…changes the file" grep -q 'status: ongoing' $a

done_testing
