#!/bin/bash
# trygg batch killed (SIGKILL) at random points: every file is either as
# it was or as the whole batch makes it, never between; with and without
# --all-or-nothing.  Then the next batch takes over the stale locks.
. "$SRCDIR/tests/lib.sh"

example_ws
for i in $(seq 1 150); do
	echo "plan add-measure Angered --problem P6 --text 'Åtgärd $i' --phase $((i % 3 + 1))"
	echo "plan add-measure 'Västra Hisingen' --problem P1 --text 'Åtgärd $i' --phase 1"
done >adds.txt
grep -o 'id: P[0-9]*\.M[0-9]*$' ws/districts/angered.yaml | cut -d' ' -f2 |
	sed 's/^/plan set Angered /; s/$/ status=planned/' >>adds.txt
cp -R ws new
expect "the batch runs whole" 0 sh -c '"$TRYGG" -C new batch <adds.txt'
cp -R ws old
files="districts/angered.yaml districts/vastra-hisingen.yaml"
start=$(date +%s%N)
"$TRYGG" -C new batch --dry-run <adds.txt >/dev/null
took=$(( ($(date +%s%N) - start) / 1000 ))   # µs

between=0 runs=0 seen_new=0 seen_old=0
for round in $(seq 1 24); do
	rm -rf k && cp -R old k
	opt=; [ $((round % 2)) = 0 ] && opt=--all-or-nothing
	"$TRYGG" -C k batch $opt <adds.txt >/dev/null 2>&1 &
	pid=$!
	# somewhere in the run, reading and writing included
	sleep "$(awk -v r=$RANDOM -v t=$took 'BEGIN { printf "%.4f", r / 32768 * t * 1.3 / 1e6 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	runs=$((runs + 1))
	for f in $files; do
		if cmp -s k/$f old/$f; then
			seen_old=$((seen_old + 1))
		elif cmp -s k/$f new/$f; then
			seen_new=$((seen_new + 1))
		else
			between=$((between + 1))
			cp k/$f "between-$round-$(basename $f)"
		fi
	done
done
check "no file between old and new after $runs kills" test $between = 0
echo "# files old: $seen_old, new: $seen_new"
expect "the files pass check" 0 trygg -C k check
expect "a next batch takes over the locks the kill left" 0 sh -c \
	'echo "plan set Angered P6.M2 status=ongoing" | "$TRYGG" -C k batch --lock-timeout 5'

done_testing
