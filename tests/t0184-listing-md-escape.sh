#!/bin/bash
# Item 28 of issue 18: ls, search and query --format md escape as
# report --format md does (one rule, tg_md_escape): markup, HTML and
# links come out as text, not only | and line breaks.
. "$SRCDIR/tests/lib.sh"

no_raw() {
	! grep -qaF -- "$1" "$TMP/.out"
}
no_match() {
	! grep -qaP -- "$1" "$TMP/.out"
}

empty_ws
cat >ws/districts/testby.yaml <<'Y'
schema: trygg/1
district: Testby
areas: [Norr]
problems:
  - id: P1
    title: "Farlig <script>alert(1)</script> <img src=x onerror=alert(2)> [klick](javascript:alert(3)) rubrik | rör"
    measures:
      - {id: P1.M1, text: "Farlig <script>alert(1)</script> <img src=x onerror=alert(2)> [klick](javascript:alert(3)) *fet* | rör", phase: 1}
Y
expect "the plan passes check" 0 trygg -C ws check

for run in "ls measures" "ls problems" "search farlig" "query SELECT_text"; do
	case $run in
	query*) expect "query md" 0 trygg -C ws query --format md "SELECT text FROM measures_v UNION ALL SELECT title FROM problems_v" ;;
	*) expect "$run md" 0 trygg -C ws $run --format md ;;
	esac
	check "$run: something listed" grep -q 'Farlig' "$TMP/.out"
	check "$run: no <script> element" no_raw '<script'
	check "$run: no <img> element" no_raw '<img'
	check "$run: no live javascript: link" no_match '(?<!\\)\]\(javascript:'
	check "$run: the pipe escaped" no_match '[^\\]\| rör'
done

# the same escaping as the report's
expect "report plan md" 0 trygg -C ws report plan testby --format md --as-of 2015-06-01
want='Farlig &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; \[klick\](javascript:alert(3)) \*fet\* \| rör'
expect_stdout "the report escapes the text so" "$want"
expect "ls measures md" 0 trygg -C ws ls measures --format md
expect_stdout "and ls the same" "$want"

done_testing
