#!/bin/bash
# Text from plan files comes out inert in every format: no markup injection
# in HTML, tables stay tables in Markdown, no terminal escapes in text,
# formulas neutralised in CSV, valid JSON.
. "$SRCDIR/tests/lib.sh"

empty_ws
cat >ws/districts/testby.yaml <<'Y'
schema: trygg/1
district: Testby
areas: [Norr]
problems:
  - id: P1
    title: "<script>alert('x')</script> & | pipe"
    goal: "rad ett\nrad två | och \"citat\""
    measures:
      - {id: P1.M1, text: "=HYPERLINK(\"http://evil\")", phase: 1, due: 2015-01-01, responsible: ["@SUM(A1)"]}
      - {id: P1.M2, text: "+46 70", phase: 2}
      - {id: P1.M3, text: "-1 \e[31mröd\e[0m \x07", phase: 3}
      - {id: P1.M4, text: "**fet** [länk](x) `kod`", phase: 3}
Y
expect "the hostile plan passes check" 0 trygg -C ws check

expect "html" 0 trygg -C ws report plan testby --format html --as-of 2015-06-01
check "no <script> element" sh -c "! grep -q '<script' '$TMP/.out'"
expect_stdout "escaped as text" "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; | pipe"
check "no raw escape character" bash -c "! grep -qa \$'\\x1b' '$TMP/.out'"

expect "markdown" 0 trygg -C ws report plan testby --format md --as-of 2015-06-01
expect_stdout "the pipe escaped, the table intact" '&lt;script&gt;alert(' 
check "every table row has 7 unescaped pipes" sh -c \
	"grep '^| \*\*P1' '$TMP/.out' | sed 's/\\\\|//g' | tr -cd '|' | wc -c | grep -qx 7"
expect_stdout "the newline became <br>" "rad ett<br>rad två \\| och"
expect_stdout "markup characters escaped" '\*\*fet\*\* \[länk\](x) \`kod\`'

expect "text" 0 trygg -C ws report plan testby --as-of 2015-06-01
check "no ESC or BEL byte reaches the terminal" bash -c "! grep -qa \$'[\\x1b\\x07]' '$TMP/.out'"
expect_stdout "shown visibly instead" '\x1B[31mröd\x1B[0m \x07'

expect "csv" 0 trygg -C ws report plan testby --format csv --as-of 2015-06-01
expect_stdout "a formula is neutralised" "\"'=HYPERLINK(\"\"http://evil\"\")\""
expect_stdout "a + cell too" "\"'+46 70\""
expect_stdout "an @ cell too" "\"'@SUM(A1)\""
expect_stdout "numbers are left alone" ',"1",'

expect "json" 0 trygg -C ws report plan testby --format json --as-of 2015-06-01
check "is valid JSON with the texts intact" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["items"]
texts = {r["measure"]: r["text"] for r in rows}
assert texts["P1.M3"] == "-1 \x1b[31mröd\x1b[0m \x07", texts["P1.M3"]
assert rows[0]["problem_title"] == "<script>alert('"'"'x'"'"')</script> & | pipe"
' "$TMP/.out"

expect "overdue text" 0 trygg -C ws report overdue --as-of 2015-06-01
check "no ESC in the overdue list either" bash -c "! grep -qa \$'\\x1b' '$TMP/.out'"
expect "situation add with a hostile title" 0 trygg -C ws situation add testby --source police --title $'ny\nrad <b>'
expect "and the report shows it safely" 0 trygg -C ws report situation testby --format html --as-of 2015-06-01
expect_stdout "escaped" "ny"$'\n'"rad &lt;b&gt;"

done_testing
