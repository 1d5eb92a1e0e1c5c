#!/bin/bash
# HTML reports as a reader meets them: a date never breaks across lines
# (each in a <time> element that CSS keeps on one line, its text the real
# date), a page names itself once (one h1, no heading repeated, no level
# skipped), and the plan shows every measure's ID.  How pages fit a phone and
# A4 paper is t0041's (headless Chromium).
. "$SRCDIR/tests/lib.sh"

example_ws
# heading levels and texts of an HTML file, "LEVEL TEXT" a line
headings() {
	grep -o '<h[1-6][^>]*>.*</h[1-6]>' "$1" | sed -E 's#<h([1-6])[^>]*>(.*)</h[1-6]>#\1 \2#; s/<[^>]*>//g'
}
# the body's text outside <time> elements and SVG tooltips
loose_dates() {
	sed -n '/<body>/,$p' "$1" | sed -E 's#<time[^>]*>[0-9-]+</time>##g; s#<title>[^<]*</title>##g' |
		grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -3
}

# no heading deeper than one below the one before it
no_skip() {
	test -z "$(headings "$1" | awk 'NR > 1 && $1 > prev + 1 { print } { prev = $1 }')"
}
has_heading() {
	headings "$1" | grep -qx "$2"
}

for kind in plan followup situation overview overdue; do
	case $kind in overview|overdue) who=--all ;; *) who=angered ;; esac
	expect "report $kind html" 0 trygg -C ws report $kind $who --format html --as-of 2015-06-01 --output $kind.html
	check "$kind: every date in a <time> element" test -z "$(loose_dates $kind.html)"
	check "$kind: <time> stays on one line" grep -q 'time{white-space:nowrap}' $kind.html
	check "$kind: one h1" test "$(headings $kind.html | grep -c '^1 ')" = 1
	check "$kind: no heading text twice" test -z "$(headings $kind.html | cut -d' ' -f2- | sort | uniq -d)"
	check "$kind: no heading level skipped" no_skip $kind.html
	check "$kind: A4 paper" grep -q '@page{size:A4' $kind.html
done

check "a due date as the date itself" grep -q '<time>2015-01-31</time>' plan.html
check "the day of the report too" grep -q 'per <time>2015-06-01</time>' plan.html

check "the district page: the title once" test "$(headings plan.html | grep -c 'Trygg i Angered')" = 1
expect "plan --all" 0 trygg -C ws report plan --all --format html --as-of 2015-06-01 --output all.html
check "--all: the city in h1" has_heading all.html '1 Trygg i Göteborg — Åtgärdsplan'
check "--all: an h2 for Angered" has_heading all.html '2 Trygg i Angered'
check "--all: an h2 for Västra Hisingen" has_heading all.html '2 Trygg i Västra Hisingen'

ids=$(grep -Eo 'id: P[0-9]+\.M[0-9]+' ws/districts/angered.yaml | cut -d' ' -f2)
check "the example has measures" test -n "$ids"
missing=
for id in $ids; do
	grep -q "<span class=\"id\">$id</span>" plan.html || missing="$missing $id"
done
check "the plan shows every measure ID" test -z "$missing"

done_testing
