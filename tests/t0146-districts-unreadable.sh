#!/bin/bash
# Item 23: a districts/ folder that cannot be listed (a dangling link, a
# loop, a file) and a plan file that cannot be read (a dangling link, a
# loop, a folder, a device, a named pipe) are errors that reach the exit
# status.  Before, check exited 0, report overdue --exit-code said
# "Inga försenade åtgärder." and exited 0, and index dropped the plan
# file's rows as "removed" (exit 0): they vanished from ls and the
# overview without a word.
. "$SRCDIR/tests/lib.sh"

# (a) districts/ cannot be listed
for kind in dangling loop file; do
	example_ws
	expect "$kind: an index first" 0 trygg -C ws index
	mv ws/districts ws/plans
	case $kind in
	dangling) ln -s nowhere ws/districts ;;
	loop) ln -s districts ws/districts ;;
	file) echo "not a folder" >ws/districts ;;
	esac
	expect "$kind districts/: check exits 66" 66 trygg -C ws check
	expect_stderr "…naming the folder" "districts: error: cannot open folder:"
	expect "$kind districts/: report overdue --exit-code exits 66" 66 \
		trygg -C ws report overdue --exit-code
	check "…without saying nothing is overdue" sh -c "! grep -q 'Inga försenade' '$TMP/.out'"
	expect "$kind districts/: ls exits 66" 66 trygg -C ws ls measures --format csv
	expect "$kind districts/: index exits 66" 66 trygg -C ws index
	rm -f ws/districts
	mv ws/plans ws/districts
	expect "$kind: once districts/ is back, the index has every row" 0 \
		trygg -C ws ls measures --district angered --format csv
	check "…Angered's 47 measures and the header" test "$(wc -l <"$TMP/.out")" = 48
done

# (b) a plan file that cannot be read keeps its rows, marked stale, and
# every command that reads the index says so in its exit status
a=ws/districts/angered.yaml
for kind in dangling loop folder device pipe; do
	example_ws
	expect "$kind: an index first" 0 trygg -C ws index
	mv $a angered.yaml
	case $kind in
	dangling) ln -s nowhere.yaml $a ;;
	loop) ln -s angered.yaml $a ;;
	folder) mkdir $a ;;
	device) ln -s /dev/null $a ;;
	pipe) mkfifo $a ;;
	esac
	expect "$kind plan file: check exits 66" 66 trygg -C ws check
	expect "$kind plan file: index exits 65" 65 trygg -C ws index -v
	expect_stderr "…naming the file" "angered.yaml: error:"
	check "…and does not call it removed" sh -c "! grep -q ', 1 removed' '$TMP/.out'"
	expect "$kind plan file: ls exits 65" 65 trygg -C ws ls measures --district angered --format csv
	expect_stderr "…saying the rows are the last good version's" \
		"the index keeps the rows of this file's last good version"
	check "…and still shows them" test "$(wc -l <"$TMP/.out")" = 48
	rm -rf $a
	mv angered.yaml $a
	expect "$kind: once the file is back, ls exits 0" 0 trygg -C ws ls measures --district angered --format csv
done

# a plan file removed for real is still just removed
example_ws
expect "an index" 0 trygg -C ws index
rm $a
expect "a removed plan file: index exits 0" 0 trygg -C ws index -v
expect_stdout "…and calls it removed" "1 removed"

done_testing
