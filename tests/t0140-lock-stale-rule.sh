#!/bin/bash
# Item 15: a lock whose file nobody holds an flock on is stale (every trygg
# writer holds one while it owns the lock) and is taken over with a
# warning, whatever PID and host it names; a lock someone holds is
# respected, whatever PID it names.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml

# a live process of this host, whose PID the lock names, holds no flock:
# the writer that left the lock was killed and its PID was reused
sleep 60 &
live=$!
echo "$live $(hostname)" >$a.lock

expect "a lock naming a live PID that nobody flocks is taken over" 0 \
	trygg -C ws plan set angered P6.M2 status=ongoing --lock-timeout 1
expect_stderr "with a warning naming it stale" "taking over a stale lock left by process $live on $(hostname) (nobody holds it)"
expect "the change landed" 0 trygg -C ws ls measures --district angered --status ongoing --format csv
expect_stdout "…P6.M2 is ongoing" '"P6.M2"' 
check "no lock is left" test ! -e $a.lock

rm -f $a.lock

# the same for a lock naming this very test's shell, another host, or
# holding nothing we can read
for content in "$$ $(hostname)" "1 some-other-host" "" "garbage"; do
	printf '%s\n' "$content" >$a.lock
	expect "a lock holding '$content' that nobody flocks is taken over" 0 \
		trygg -C ws plan set angered P6.M2 status=planned --lock-timeout 0.3
	expect_stderr "…with a warning" "taking over a stale lock"
	check "…and it is gone" test ! -e $a.lock
	rm -f $a.lock
	trygg -C ws plan set angered P6.M2 status=ongoing >/dev/null 2>&1
done

# a lock someone holds is respected, whatever PID it names: a dead one,
# a live one, another host's
sh -c 'exit 0' & dead=$!; wait $dead
for content in "$dead $(hostname)" "$live $(hostname)" "1 some-other-host"; do
	rm -f release flocked
	echo "$content" >$a.lock
	flock $a.lock sh -c 'touch flocked; until [ -e release ]; do sleep 0.05; done' &
	holder=$!
	while [ ! -e flocked ]; do sleep 0.05; done
	cp $a before.yaml
	expect "a held lock holding '$content' is respected: exit 75" 75 \
		trygg -C ws plan set angered P6.M2 status=done --lock-timeout 0.3
	expect_stderr "…naming the process it names" "locked by process ${content%% *}"
	expect_same "…the file is unchanged" before.yaml $a
	check "…the lock is left alone" grep -qx "$content" $a.lock
	touch release; wait $holder
	rm -f $a.lock
done

kill $live 2>/dev/null
wait 2>/dev/null

# the rule is written where people look

check "trygg-plan(1) states the rule" grep -q 'nobody holds an \*flock\*' "$SRCDIR/man/trygg-plan.1.scd"
check "the lock module's header states it" grep -q 'nobody holds an flock' "$SRCDIR/lib/lockfile.c"

done_testing
