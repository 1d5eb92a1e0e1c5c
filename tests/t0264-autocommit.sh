#!/bin/bash
# autocommit: true in trygg.yaml (DESIGN.md §10): every write is committed
# under the file's lock, only the file it changed, with a message naming
# the command and the IDs; hand edits first, as their own commit; nothing
# on --dry-run or failure; a busy git index is waited for; four writers at
# once lose no commit.
. "$SRCDIR/tests/lib.sh"

command -v git >/dev/null || { not_ok "git is installed (autocommit runs it)"; done_testing; }
F=districts/angered.yaml
example_ws
printf '\nautocommit: true          # every write is a commit\n' >>ws/trygg.yaml
expect "check accepts autocommit" 0 trygg -C ws check
sed 's/^autocommit: true /autocommit: yes  /' ws/trygg.yaml >bad.yaml
cp -R ws ws-bad
cp bad.yaml ws-bad/trygg.yaml
expect "autocommit takes true or false: check finds it, exit 1" 1 trygg -C ws-bad check
expect_stderr "says so" "'autocommit' has a bad value 'yes' (expected one of: true, false)"

git -C ws init -q
git -C ws config user.name "Anna Svensson"
git -C ws config user.email anna@example.org
git -C ws add -A
git -C ws commit -qm "Första planen"
count() { git -C ws rev-list --count HEAD; }
subject() { git -C ws log -1 --format=%s "${1:-HEAD}"; }

expect "a write: exit 0" 0 trygg -C ws plan add-measure Angered --problem P6 --text "Nattvandring" --phase 1
expect_stdout_is "prints the ID" "P6.M26"
check "one commit more" test "$(count)" = 2
check "named by the command and the IDs" test "$(subject)" = "plan add-measure Angered P6.M26"
check "git's configured author" test "$(git -C ws log -1 --format='%an <%ae>')" = "Anna Svensson <anna@example.org>"
check "only the plan file" test "$(git -C ws show --format= --name-only HEAD)" = "$F"
check "the tree is clean" test -z "$(git -C ws status --porcelain)"

# TRYGG_AUTHOR; another file staged by hand stays staged, uncommitted
echo "anteckning" >ws/notes.txt
git -C ws add notes.txt
run env TRYGG_AUTHOR="Karl Polis <karl@example.org>" "$TRYGG" -C ws plan set Angered P6.M1 status=ongoing
check "a write as TRYGG_AUTHOR: exit 0" test "$code" = 0
check "its author" test "$(git -C ws log -1 --format='%an <%ae>')" = "Karl Polis <karl@example.org>"
check "its message" test "$(subject)" = "plan set Angered P6.M1"
check "only the plan file in it" test "$(git -C ws show --format= --name-only HEAD)" = "$F"
check "the staged file still staged" test "$(git -C ws diff --cached --name-only)" = notes.txt
git -C ws commit -qm "Anteckningar"
n=$(count)

# No commit on --dry-run or on a failed write
expect "--dry-run: exit 0" 0 trygg -C ws plan set Angered P6.M1 status=done --dry-run
check "no commit" test "$(count)" = "$n"
expect "a refused write: exit 2" 2 trygg -C ws plan set Angered P6.M1 status=maybe
check "no commit either" test "$(count)" = "$n"
cp ws/$F good.yaml
printf 'problems: [\n' >>ws/$F
expect "a failed write (the file does not load): exit 65" 65 trygg -C ws plan set Angered P6.M1 status=done
check "no commit, not even of the broken hand edit" test "$(count)" = "$n"
cp good.yaml ws/$F
expect "a write that changes nothing: exit 0" 0 trygg -C ws plan set Angered P6.M1 status=ongoing
check "no commit for it" test "$(count)" = "$n"

# Hand edits are committed first, as their own commit
sed -i 's/^# Polisen (lokalpolisområde Angered) och SDF Angered\.$/# Polisen och SDF Angered (handredigerad)/' ws/$F
check "the hand edit made" grep -q 'handredigerad' ws/$F
expect "a write after hand edits: exit 0" 0 trygg -C ws plan set Angered P6.M2 status=ongoing
check "two commits" test "$(count)" = $((n + 2))
check "the hand edits first" test "$(subject HEAD~1)" = "hand edits to $F"
check "holding them alone" sh -c "git -C ws show HEAD~1 -- $F | grep -q '^+# Polisen och SDF Angered (handredigerad)' && ! git -C ws show HEAD~1 | grep -q '^+.*status: ongoing'"
check "then the write" test "$(subject)" = "plan set Angered P6.M2"
check "clean again" test -z "$(git -C ws status --porcelain)"
n=$(count)

# A busy git index is waited for
touch ws/.git/index.lock
trygg -C ws plan set Angered P6.M3 status=ongoing >busy.out 2>busy.err &
pid=$!
sleep 1
rm -f ws/.git/index.lock
wait $pid
check "the write waited for the index: exit 0" test $? = 0
check "and committed" test "$(subject)" = "plan set Angered P6.M3"

# git fails (a hook refuses): the file is written, the error says so, exit 74
printf '#!/bin/sh\nexit 1\n' >ws/.git/hooks/pre-commit
chmod +x ws/.git/hooks/pre-commit
n=$(count)
expect "git commit fails: exit 74" 74 trygg -C ws plan set Angered P6.M4 status=done
expect_stderr "says the file is written but not committed" "districts/angered.yaml: error: the file is written, but git could not commit it"
check "the file is written" sh -c "sed -n '/id: P6.M4\$/,/id: P6.M5\$/p' ws/$F | grep -q 'status: done'"
check "no commit" test "$(count)" = "$n"
rm ws/.git/hooks/pre-commit
git -C ws commit -qam "P6.M4 för hand"

# Outside a git repository: the write is done, a warning says nothing is committed
cp -R ws nogit
rm -rf nogit/.git
expect "autocommit outside git: exit 0" 0 trygg -C nogit plan set Angered P6.M5 status=ongoing
expect_stderr "a warning" "warning: autocommit is on, but"

# Four writers at once, on the same and on different districts: one commit
# per successful write, every change in the history, the tree clean
n=$(count)
writer() {
	local w=$1 d=$2 k
	for k in 1 2 3 4 5; do
		if [ "$d" = Angered ]; then
			trygg -C ws plan add-measure "$d" --problem P6 --text "Skrivare $w nr $k" --phase 1 --lock-timeout 60
		else
			trygg -C ws plan set "$d" P1.M1 "text=Skrivare $w nr $k" --lock-timeout 60
		fi
	done >"w$w.out" 2>"w$w.err"
}
writer 1 Angered &
writer 2 Angered &
writer 3 "Västra Hisingen" &
writer 4 "Västra Hisingen" &
wait
ok=$(cat w1.out w2.out w3.out w4.out | wc -l)
check "the writers wrote (20 writes)" test "$ok" = 20
check "one commit per write" test "$(count)" = $((n + ok))
check "the tree is clean" test -z "$(git -C ws status --porcelain)"
check "each added measure has its commit" sh -c "for id in \$(cat w1.out w2.out); do git -C ws log --format=%s | grep -qx \"plan add-measure Angered \$id\" || exit 1; done"
check "each set has its commit" test "$(git -C ws log --format=%s | grep -cx 'plan set Västra Hisingen P1.M1')" = 10
check "every measure is in the file" test "$(grep -c 'text: Skrivare [12] nr' ws/$F)" = 10
expect "the result checks clean" 0 trygg -C ws check

# trygg edit is a write too
n=$(count)
printf '#!/bin/sh\nsed -i "s/(handredigerad)/(i trygg edit)/" "$1"\n' >ed.sh
chmod +x ed.sh
run env VISUAL="$TMP/ed.sh" "$TRYGG" -C ws edit Angered
check "trygg edit: exit 0" test "$code" = 0
check "one commit" test "$(count)" = $((n + 1))
check "named by the command and the district" test "$(subject)" = "edit Angered"
check "holding the edit" sh -c "git -C ws show HEAD | grep -q '^+# Polisen och SDF Angered (i trygg edit)'"


done_testing
