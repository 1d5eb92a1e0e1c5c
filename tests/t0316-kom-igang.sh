#!/bin/bash
# trygg-kom-igang(7), the Swedish guide through one cycle: every command
# in its examples ("$ trygg …", "$ cd …") runs, in order, in an empty
# folder, and succeeds; trygg help kom-igång shows the page.
. "$SRCDIR/tests/lib.sh"

page=$SRCDIR/man/trygg-kom-igang.7.scd
sed -n 's/^\$ //p' "$page" >commands.txt
check "the guide has commands" test "$(wc -l <commands.txt)" -ge 10
mkdir run
cd run || exit 1
n=0
while IFS= read -r line; do
	n=$((n + 1))
	case $line in
	cd\ *) eval "$line"; continue ;;
	trygg\ *) ;;
	*) not_ok "command $n is trygg or cd: $line"; continue ;;
	esac
	expect "$line" 0 eval "$line"
done <"$TMP/commands.txt"
check "the plan file holds the cycle" grep -q "status: done" districts/angered.yaml
check "the Swedish words are stored in English" grep -q "group: residents" districts/angered.yaml

cd "$TMP" || exit 1
expect "trygg help kom-igång" 0 env PATH=/nonexistent "$TRYGG" help kom-igång
expect_stdout "shows the guide (its text, without man)" "kom igång med trygg"
expect "trygg help kom-igang" 0 env PATH=/nonexistent "$TRYGG" help kom-igang
expect_stdout "the same page" "NÄSTA OMGÅNG"

done_testing
