#!/bin/bash
# Nothing is lost: concurrent writers all land, a killed writer leaves the
# old file or the new one, a held lock is waited for and then refused.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml

# under valgrind (tests memory, not races) a smaller run
per=50 kills=50
[ -n "${TRYGG_VALGRIND:-}" ] && per=5 kills=5

# (b) 4 processes × 50 add-measure on one district
for w in 1 2 3 4; do
	(
		for i in $(seq $per); do
			"$TRYGG" -C ws plan add-measure angered --problem P2 --text "Skrivare $w nr $i" \
				--phase 2 --lock-timeout 60 >>ids.$w 2>>err.$w || echo "fail $w $i" >>fails
		done
	) &
done
wait
check "no writer failed" test ! -s fails
check "$((4 * per)) IDs printed" test "$(cat ids.* | wc -l)" = $((4 * per))
check "the IDs are unique" test "$(cat ids.* | sort -u | wc -l)" = $((4 * per))
check "all the measures are in the file" test "$(grep -c 'text: Skrivare' $a)" = $((4 * per))
expect "the file passes check" 0 trygg -C ws check $a
check "no lock or temporary file left" test -z "$(ls -A ws/districts | grep -v '\.yaml$')"

# (c) a writer killed at random moments leaves the old file or the new one
example_ws
cp -R ws ws-next
killed=0
landed=0
for i in $(seq $kills); do
	cp $a old.yaml
	rm -f ws-next/districts/*
	cp $a ws-next/districts/angered.yaml
	"$TRYGG" -C ws-next plan add-measure angered --problem P3 --text "Avbruten $i" --phase 1 >/dev/null 2>&1
	cp ws-next/districts/angered.yaml new.yaml
	"$TRYGG" -C ws plan add-measure angered --problem P3 --text "Avbruten $i" --phase 1 \
		>/dev/null 2>&1 &
	pid=$!
	sleep "0.00$((RANDOM % 10))"
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
	if cmp -s $a new.yaml; then
		landed=$((landed + 1))
	elif ! cmp -s $a old.yaml; then
		echo "torn file after kill $i" >>torn
		cp $a "torn.$i"
	fi
	"$TRYGG" -C ws check $a >/dev/null 2>&1 || echo "check failed after kill $i" >>torn
done
check "after $kills kills the file was always the old or the new one" test ! -e torn
echo "# $killed of $kills writers got SIGKILL; $landed edits landed, the rest left the old file"
expect "a writer after a killed one takes over its stale lock" 0 \
	trygg -C ws plan add-measure angered --problem P3 --text Efter --phase 1
check "nothing but the plan files left behind" test -z "$(ls -A ws/districts | grep -v '\.yaml$')"

# (d) a held lock (its flock held, as every writer holds it): wait, then
# exit 75 naming the holder
hold_lock() {
	rm -f release flocked
	echo "$1" >$a.lock
	flock $a.lock sh -c 'touch flocked; until [ -e release ]; do sleep 0.05; done' &
	holder=$!
	while [ ! -e flocked ]; do sleep 0.05; done
}
free_lock() {
	touch release
	wait $holder
	rm -f release flocked
}
example_ws
cp $a before.yaml
hold_lock "1 some-other-host"
start=$(date +%s)
expect "a lock held on another host: exit 75" 75 trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 1
elapsed=$(($(date +%s) - start))
check "within the timeout (took ${elapsed}s)" test "$elapsed" -le 5
expect_stderr "names the holder" "locked by process 1 on some-other-host"
expect_same "the file is unchanged" before.yaml $a
check "the other's lock is left alone" grep -q some-other-host $a.lock
free_lock
rm $a.lock

hold_lock "$$ $(hostname)"
expect "a lock held by a live process here: exit 75" 75 trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 0.2
free_lock
rm $a.lock

# a link that points nowhere cannot be opened, yet holds the name
ln -s /nonexistent $a.lock
start=$(date +%s)
expect "a dangling link as the lock: exit 75" 75 trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 0.2
elapsed=$(($(date +%s) - start))
check "within the timeout (took ${elapsed}s)" test "$elapsed" -le 5
expect_stderr "says the lock exists" "angered.yaml.lock exists"
expect "report --output onto that file waits as long and exits 75" 75 \
	trygg -C ws report overview --all --output $a --lock-timeout 0.2
expect "--lock-timeout without --output: exit 2" 2 trygg -C ws report overview --all --lock-timeout 5
expect_stderr "says what it goes with" "--lock-timeout goes with --output"
check "the link is left alone" test -L $a.lock
expect_same "the file is unchanged" before.yaml $a
rm $a.lock

rm -f flocked
echo "$$ $(hostname)" >$a.lock
flock $a.lock sh -c "touch flocked; sleep 0.5; rm -f $a.lock" &
while [ ! -e flocked ]; do sleep 0.05; done
expect "a lock released while waiting is then taken" 0 trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 10
check "…nor a warning" test ! -s "$TMP/.err"
wait 2>/dev/null
rm -f flocked

sh -c 'exit 0' & dead=$!; wait $dead
echo "$dead $(hostname)" >$a.lock
expect "a lock left by a dead process is taken over" 0 trygg -C ws plan set angered P6.M2 status=planned
expect_stderr "with a warning" "taking over a stale lock left by process $dead on $(hostname) (nobody holds it)"
check "…and removed afterwards" test ! -e $a.lock

# a dead owner's lock whose flock() is held (by a process taking it over
# at this moment) is not taken a second time
echo "$dead $(hostname)" >$a.lock
flock $a.lock sh -c 'touch flocked; until [ -e release ]; do sleep 0.05; done' &
holder=$!
while [ ! -e flocked ]; do sleep 0.05; done
expect "a dead owner's lock while another holds its flock: exit 75" 75 \
	trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 0.3
check "the lock is left alone" grep -q "^$dead " $a.lock
touch release; wait $holder
expect "once its flock is free, it is taken over" 0 trygg -C ws plan set angered P6.M2 status=ongoing
check "…and removed afterwards" test ! -e $a.lock

# writers that find the same dead lock at once: one takes it over, the
# others wait for that one's lock, and every edit lands
rounds=5 writers=6
[ -n "${TRYGG_VALGRIND:-}" ] && rounds=1 writers=3
for r in $(seq $rounds); do
	echo "$dead $(hostname)" >$a.lock
	for w in $(seq $writers); do
		"$TRYGG" -C ws plan add-measure angered --problem P4 --text "Runda $r skrivare $w" \
			--phase 1 --lock-timeout 60 >/dev/null 2>>takeover.$r || echo "fail $r $w" >>fails &
	done
	wait
	[ "$(grep -c 'taking over' takeover.$r)" = 1 ] || echo "round $r: $(grep -c 'taking over' takeover.$r) takeovers" >>fails
done
check "each round one takeover, no writer failed" test ! -s fails
check "all $((rounds * writers)) measures are in the file" test "$(grep -c 'text: Runda' $a)" = $((rounds * writers))
check "no lock left" test ! -e $a.lock

# where the file system has no O_TMPFILE (the fault shim says so), the
# lock is written under a name of its own and linked: the same, and
# nothing left behind
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
echo "$dead $(hostname)" >$a.lock
for w in 1 2 3; do
	env LD_PRELOAD="$FAULTSHIM" TRYGG_NO_TMPFILE=1 "$TRYGG" -C ws plan add-measure angered \
		--problem P4 --text "Utan tmpfile $w" --phase 1 --lock-timeout 60 >/dev/null \
		2>>notmp.err || echo "fail $w" >>notmp.fails &
done
wait
check "without O_TMPFILE: no writer failed" test ! -s notmp.fails
check "…the three measures are in the file" test "$(grep -c 'text: Utan tmpfile' $a)" = 3
check "…one of them took over the dead lock" test "$(grep -c 'taking over' notmp.err)" = 1
check "…nothing but the plan files left" test -z "$(ls -A ws/districts | grep -v '\.yaml$')"

expect "--lock-timeout must be a number" 2 trygg -C ws plan set angered P6.M2 status=done --lock-timeout soon

# a plan file that is a symbolic link: its target is edited, under a lock
# beside the target, and the link stays
mkdir shared
mv $a shared/angered.yaml
ln -s ../../shared/angered.yaml $a
cp shared/angered.yaml before-link.yaml
expect "an edit through a symbolic link" 0 trygg -C ws plan set angered P6.M2 status=done
check "the link stays" test -L $a
check "its target has the change" sh -c '! cmp -s before-link.yaml shared/angered.yaml'
expect "read through the link" 0 trygg -C ws ls measures --district angered --format csv
expect_stdout "the measure is done" '"P6.M2","Uppställning av polisen husbil (Polis/Sdf)","1","Reaktiv","short","situational","done"'
check "no lock or temporary file left" test -z "$(ls -A shared ws/districts | grep -e '\.tmp\.' -e '\.lock')"
rm $a
mv shared/angered.yaml $a

# a write into a read-only folder: exit 73, nothing changed
if [ "$(id -u)" != 0 ]; then
	chmod a-w ws/districts
	expect "a read-only folder: exit 73" 73 trygg -C ws plan set angered P6.M2 status=done
	chmod u+w ws/districts
fi

# a dead owner's lock that this user may not remove (a sticky folder,
# the lock another user's): no wait helps, exit 73 at once, saying so
if [ "$(id -u)" = 0 ] && setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$TRYGG" --version >/dev/null 2>&1; then
	chmod a+rx "$TMP" ws
	chmod 1777 ws/districts
	chmod a+rw $a
	cp $a before-stuck.yaml
	echo "$dead $(hostname)" >$a.lock
	start=$(date +%s)
	expect "a dead owner's lock that cannot be removed: exit 73" 73 \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$TRYGG" -C ws plan set angered P6.M2 status=ongoing --lock-timeout 5
	elapsed=$(($(date +%s) - start))
	check "at once, not after the timeout (took ${elapsed}s)" test "$elapsed" -le 3
	expect_stderr "says why" "a stale lock (nobody holds it) that cannot be removed: Operation not permitted"
	check "the lock is left" grep -q "^$dead " $a.lock
	expect_same "the file is unchanged" before-stuck.yaml $a
	rm $a.lock
	chmod 755 ws/districts
else
	ok "a dead owner's lock that cannot be removed # SKIP needs root and setpriv"
fi

done_testing
