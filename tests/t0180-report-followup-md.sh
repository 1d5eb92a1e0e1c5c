#!/bin/bash
# Item 18 of issue 18: the Markdown follow-up report puts each term heading
# on a line of its own in its cell (after a <br>, never glued to the
# previous bullet) and no cell starts with <br>.
. "$SRCDIR/tests/lib.sh"

example_ws
expect "followup md" 0 trygg -C ws report followup angered --format md --as-of 2015-06-01
rows=$TMP/rows
grep '^| \*\*P' "$TMP/.out" >"$rows"
check "there are problem rows" test "$(wc -l <"$rows")" -ge 5
check "no term heading glued to the previous bullet" sh -c \
	"! grep -Pq '(?<!<br>)(?<!\\| )\*\*(Kortsiktigt|Långsiktigt|Social mobilisering|Övrigt)\*\*' '$rows'"
expect_stdout "a later term heading follows a <br>" \
	"vårdnadshavare samma dag<br>**Långsiktigt**<br>• Läxhjälp"
check "no cell starts with <br>" sh -c "! grep -q '| <br>' '$rows'"
expect_stdout "the implemented cell starts with its first bullet" \
	"| • Ogiltig frånvaro följs upp med kontakt med vårdnadshavare samma dag |"
check "every row keeps its 5 unescaped pipes" sh -c \
	"sed 's/\\\\|//g' '$rows' | awk -F'|' 'NF != 6 { exit 1 }'"

# the same in English, and with a measure without a term (Övrigt/Other)
expect "a measure without a term" 0 trygg -C ws plan add-measure angered --problem P1 --text "Utan term" --phase 1
expect "followup md, English" 0 trygg -C ws report followup angered --format md --lang en --as-of 2015-06-01
expect_stdout "Other after a <br>" "<br>**Other**<br>• Utan term"

done_testing
