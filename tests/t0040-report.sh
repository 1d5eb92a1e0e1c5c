#!/bin/bash
# report: every kind in every format on the example workspace, as of a fixed
# day, equals its golden file in tests/golden (regenerate with
# tests/golden/update.sh after a deliberate change, and read the diff).
. "$SRCDIR/tests/lib.sh"

example_ws
g=$SRCDIR/tests/golden
for kind in plan followup situation overview overdue; do
	case $kind in overview|overdue) who=--all ;; *) who=angered ;; esac
	for fmt in text md html csv json; do
		expect "report $kind $fmt" 0 trygg -C ws report $kind $who --format $fmt --as-of 2015-06-01
		expect_same "report $kind $fmt is as expected" "$g/report-$kind.$fmt" "$TMP/.out"
	done
done

expect "the seed's headings, in Swedish" 0 trygg -C ws report plan angered --format md --as-of 2015-06-01
expect_stdout "plan columns" "| Problembild | Orsaksanalys | Övergripande effektmål | Delmål | Åtgärder | Ansvar |"
expect_stdout "phase names" "**Fas 1 Reaktiv**"
expect_stdout "phase 2" "Fas 2 Förebygga/Kontaktskapande"
expect "follow-up columns" 0 trygg -C ws report followup angered --format md --as-of 2015-06-01
expect_stdout "the seed's follow-up headings" "| Problembild | Förslag på åtgärder | Genomförda åtgärder | Effekt |"
expect_stdout "short-term, long-term, mobilisation" "**Kortsiktigt**"
expect_stdout "the indicator line" "Andel boende som känner sig otrygga ute sent: 0,38 → 0,33 (2014-11-20) → 0,3 (2016-10-01): ej uppnått"
expect "follow-up in English" 0 trygg -C ws report followup angered --format md --as-of 2015-06-01 --lang en
expect_stdout "English numbers" "0.38 → 0.33 (2014-11-20) → 0.3 (2016-10-01)"
expect "follow-up as csv" 0 trygg -C ws report followup angered --format csv --as-of 2015-06-01
expect_stdout "csv keeps machine numbers in Swedish too" "0.38 → 0.33 (2014-11-20) → 0.3 (2016-10-01)"
expect "situation" 0 trygg -C ws report situation angered --as-of 2015-06-01
expect_stdout "an index with a decimal comma" "Index 3,2"

expect "--lang en" 0 trygg -C ws report overview --lang en --as-of 2015-06-01
expect_same "English labels" "$g/report-overview-en.text" "$TMP/.out"
expect "LANG=C under cron gives the workspace's language" 0 \
	env -i PATH=/usr/bin:/bin LANG=C "$TRYGG" -C ws report overview --all --as-of 2015-06-01
expect_same "the same Swedish report" "$g/report-overview.text" "$TMP/.out"
sed -i 's/^language: sv/language: en/' ws/trygg.yaml
expect "language: en in trygg.yaml" 0 trygg -C ws report overview --as-of 2015-06-01
expect_same "gives English" "$g/report-overview-en.text" "$TMP/.out"
sed -i 's/^language: en/language: sv/' ws/trygg.yaml

expect "HTML overview" 0 trygg -C ws report overview --format html --as-of 2015-06-01
check "has inline SVG charts" grep -q '<svg' "$TMP/.out"
check "refers to nothing on the network" sh -c "! grep -Eq 'https?:|(src|href)=\"//|url\\(' '$TMP/.out'"
check "has print CSS for A4" grep -q '@page{size:A4' "$TMP/.out"

# --exit-code for cron alerts
expect "overdue --exit-code with overdue measures: exit 1" 1 trygg -C ws report overdue --as-of 2015-06-01 --exit-code
expect "overdue --exit-code before anything was due: exit 0" 0 trygg -C ws report overdue --as-of 2014-01-01 --exit-code
expect_stdout "says there are none" "Inga försenade åtgärder."

# --output writes atomically
expect "--output" 0 trygg -C ws report overview --format html --output overview.html --as-of 2015-06-01
expect_no_stdout "nothing on stdout"
check "the file is the report" grep -q '</html>' overview.html
check "no temporary or lock file left" test -z "$(ls -A . | grep -e '\.tmp\.' -e '\.lock')"
ln -s overview.html link.html
expect "--output to a symbolic link" 0 trygg -C ws report overview --format md --output link.html
check "the link stays, its file is the report" sh -c 'test -L link.html && grep -q "^# " overview.html'
mkfifo pipe
cat pipe >from-pipe &
expect "--output to a named pipe" 0 trygg -C ws report overview --output pipe
wait
check "the pipe stays, the report went through it" sh -c 'test -p pipe && grep -q "^Angered " from-pipe'
expect "--output into a missing folder: exit 73" 73 trygg -C ws report overview --output nowhere/x.html
check "no file made" test ! -e nowhere

# usage
expect "an unknown kind" 2 trygg -C ws report plans angered
expect_stderr "lists the kinds" "expected one of: plan, followup, situation, overview, overdue"
expect "plan needs a district" 2 trygg -C ws report plan
expect "--exit-code only with overdue" 2 trygg -C ws report plan angered --exit-code
expect "a bad --as-of" 2 trygg -C ws report overview --as-of 2015-02-30
printf 'schema: trygg/1\ndistrict: Trasig\nproblems: 3\n' >ws/districts/trasig.yaml
expect "a broken plan file: exit 65" 65 trygg -C ws report overview --as-of 2015-06-01
expect_stderr "with its location" "trasig.yaml:3:11: error: 'problems' must be a list, found text"
expect_stdout "the overview of the rest is still made" "Angered              47"
expect "the overview of a valid district beside it: exit 0" 0 trygg -C ws report overview angered --as-of 2015-06-01
expect "the overview of the broken one: exit 65" 65 trygg -C ws report overview trasig --as-of 2015-06-01
expect "a plan report of a broken district: exit 65" 65 trygg -C ws report plan trasig
expect_no_stdout "and no report"

# districts in the order of their names: Åby after Västra Hisingen,
# though its file aby.yaml comes first
cp -R "$EXAMPLES" ok-ws
rm -rf ok-ws/.trygg
expect "district add Åby" 0 trygg -C ok-ws district add Åby
expect "the overview" 0 trygg -C ok-ws report overview --format csv
check "in the order of the names" test "$(cut -d, -f1 "$TMP/.out" | tr -d '"' | tr '\n' /)" = "district/Angered/Västra Hisingen/Åby/"

# no district in the index: an overview of nothing, not a crash
expect "a new workspace" 0 trygg init empty
expect "its overview" 0 trygg -C empty report overview --format html
expect_stdout "is a page" "</html>"
printf 'schema: trygg/1\ndistrict: Trasig\nproblems: 3\n' >empty/districts/trasig.yaml
expect "its one district broken: exit 65" 65 trygg -C empty report overview
expect "its overdue measures: none" 65 trygg -C empty report overdue

done_testing
