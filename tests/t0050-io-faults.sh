#!/bin/bash
# I/O faults, as SQLite tests them: the Nth write, fsync or rename of an
# edit fails, for every N the edit performs.  Each time: exit 74 with a
# message, the plan file untouched, no temporary or lock file left.  (When
# the last step, the fsync of the folder after the rename, fails, the new
# file is already in place: trygg says it may not survive a crash.)
. "$SRCDIR/tests/lib.sh"

export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
example_ws
a=ws/districts/angered.yaml
cp $a old.yaml

edit() {
	trygg -C ws plan add-measure angered --problem P6 --text "Fel på disken" --phase 1
}

# how many of each call does one edit make?
cp -R ws ws-count
env LD_PRELOAD="$FAULTSHIM" TRYGG_FAULT_COUNT="$TMP/counts" "$TRYGG" -C ws-count plan add-measure angered \
	--problem P6 --text "Fel på disken" --phase 1 >/dev/null
cp ws-count/districts/angered.yaml new.yaml
for op in write fsync rename; do
	n=$(awk -v op=$op '$1 == op { print $2 }' counts)
	check "an edit makes at least one $op" test "${n:-0}" -ge 1
	for i in $(seq "${n:-0}"); do
		for err in EIO ENOSPC; do
			[ $op != write ] && [ $err = ENOSPC ] && continue
			expect "$op #$i fails with $err: exit 74" 74 env LD_PRELOAD="$FAULTSHIM" \
				TRYGG_FAULT=$op:$i:$err "$TRYGG" -C ws plan add-measure angered --problem P6 \
				--text "Fel på disken" --phase 1
			check "$op #$i: a message on stderr" grep -q 'error: ' "$TMP/.err"
			if [ $op = fsync ] && [ "$i" = "$n" ]; then
				expect_stderr "the folder's fsync: says the change may not survive a crash" \
					"may not survive a crash"
				expect_same "…and the new file is in place" new.yaml $a
				cp old.yaml $a
			else
				expect_same "$op #$i: the plan file is byte-for-byte the old one" old.yaml $a
			fi
			check "$op #$i: no temporary or lock file left" \
				test -z "$(ls -A ws/districts | grep -v '\.yaml$')"
		done
	done
done
expect "with no fault the edit lands" 0 edit
expect_same "as the counted run did" new.yaml $a

# a full disk on report --output
expect "report --output on a full disk: exit 74" 74 env LD_PRELOAD="$FAULTSHIM" TRYGG_FAULT=write:2:ENOSPC \
	"$TRYGG" -C ws report overview --format html --output ws/overview.html
expect_stderr "says no space" "No space left on device"
check "no report and no temporary file" test -z "$(ls -A ws | grep -e overview -e '\.tmp\.')"

done_testing
