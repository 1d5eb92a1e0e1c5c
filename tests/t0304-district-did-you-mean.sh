#!/bin/bash
# A district named wrongly on a write command is told with the name the
# user would type: the plan's own `district:` value, close to the name
# given in spelling (case, accents and spaces folded as file names fold
# them), never the file name.
. "$SRCDIR/tests/lib.sh"

trygg init ws >/dev/null 2>&1
trygg -C ws district add "Västra Hisingen" >/dev/null 2>&1
trygg -C ws district add "Angered" >/dev/null 2>&1
cp -r ws before

expect "a misspelt district: exit 66" 66 trygg -C ws plan add-problem "Västra Hisingn" --title x
expect_stderr "… suggests the district's name" \
	"no district 'Västra Hisingn' in this workspace (did you mean 'Västra Hisingen'?)"
expect "another case and no accent: exit 66" 66 trygg -C ws plan add-problem "vastra hisingn" --title x
expect_stderr "… suggests it too" "(did you mean 'Västra Hisingen'?)"
expect "a short slip: exit 66" 66 trygg -C ws plan add-problem Angerd --title x
expect_stderr "… suggests Angered" "(did you mean 'Angered'?)"
expect "a name far from every district: exit 66" 66 trygg -C ws plan add-problem Kortedala --title x
expect_stderr "… points to district ls" "no district 'Kortedala' in this workspace (see 'trygg district ls')"
check "nothing changed" diff -r before ws

done_testing
