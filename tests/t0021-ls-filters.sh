#!/bin/bash
# trygg ls: every filter, sorting (Swedish order), the four formats, text
# widths counted in characters, and usage errors.
. "$SRCDIR/tests/lib.sh"

example_ws

# ids ARGS...: the district/id pairs ls prints, one "district id" a line.
ids() {
	run "$TRYGG" -C ws ls "$@" --format csv
	python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for r in rows:
    print(r["district"] + " " + r["id"])' "$TMP/.out"
}

# expect_ids DESC WANT ARGS...: ls ARGS lists exactly WANT (lines).
expect_ids() {
	local desc=$1 want=$2
	shift 2
	ids "$@" >got
	printf '%s\n' "$want" | sed '/^$/d' >want
	if [ "$code" = 0 ] && cmp -s want got && sanitizer_clean; then
		ok "$desc"
	else
		not_ok "$desc" "ls $*: exit $code" "$(diff want got | head -20)" \
			"stderr: $(head -c 1000 "$TMP/.err")"
	fi
}

# count ARGS...: how many rows ls ARGS lists.
count() {
	ids "$@" | wc -l
}

expect "ls measures" 0 trygg -C ws ls measures
expect_stdout "a header" "district         id      phase  status    due         responsible   "
expect_stdout "a row" "Angered          P1.M1       2  ongoing   2015-08-31  SDF Angered   "
check "60 measures in all" test "$(count measures)" = 60

overdue='Angered P3.M2
Angered P4.M1
Angered P5.M2
Angered P8.M2
Västra Hisingen P1.M1
Västra Hisingen P1.M2
Västra Hisingen P2.M2
Västra Hisingen P3.M2'
expect_ids "--overdue=DATE: due before it, not done or cancelled" "$overdue" \
	measures --overdue=2015-06-01
expect_ids "the steering group's question: phase 1, the Police's, overdue" \
	'Angered P4.M1
Västra Hisingen P1.M1
Västra Hisingen P1.M2
Västra Hisingen P2.M2
Västra Hisingen P3.M2' measures --phase 1 --responsible Polisen --overdue=2015-06-01
expect_ids "--responsible in any case" "$(ids measures --phase 1 --responsible Polisen \
	--overdue=2015-06-01)" measures --phase 1 --responsible POLISEN --overdue=2015-06-01
expect_ids "--overdue with an early date" "" measures --overdue=2014-01-01
expect "--overdue without a date means today" 0 trygg -C ws ls measures --overdue --format csv
check "every row is overdue today" sh -c "! sed 1d '$TMP/.out' | grep -q '\"0\",\"districts/'"
check "and all of 2015-06-01's are still there" \
	test "$(sed 1d "$TMP/.out" | wc -l)" -ge 8

check "--phase 1" test "$(count measures --phase 1)" = \
	"$(grep -c '^        phase: 1$' ws/districts/*.yaml | awk -F: '{s += $2} END {print s}')"
check "--phase 3" test "$(count measures --phase 3)" = \
	"$(grep -c '^        phase: 3$' ws/districts/*.yaml | awk -F: '{s += $2} END {print s}')"
check "--status done" test "$(count measures --status done)" = \
	"$(grep -c '^        status: done' ws/districts/*.yaml | awk -F: '{s += $2} END {print s}')"
check "--status twice: either" test "$(count measures --status done --status planned)" = \
	$(($(count measures --status done) + $(count measures --status planned)))
check "--term mobilisation" test "$(count measures --term mobilisation)" = \
	"$(grep -c '^        term: mobilisation' ws/districts/*.yaml | awk -F: '{s += $2} END {print s}')"
check "--kind situational" test "$(count measures --kind situational)" = \
	"$(grep -c '^        kind: situational' ws/districts/*.yaml | awk -F: '{s += $2} END {print s}')"
check "--district by name" test "$(count measures --district Angered)" = 47
check "--district by file name, any case" test "$(count measures --district VASTRA-HISINGEN)" = 13
check "--district by name with å ä ö" test "$(count measures --district 'västra hisingen')" = 13
check "--district twice: either" test "$(count measures --district angered --district vastra-hisingen)" = 60
check "--responsible Trafikkontoret" test "$(count measures --responsible trafikkontoret)" = \
	"$(grep -E '^        responsible: \[.*Trafikkontoret' ws/districts/*.yaml | wc -l)"
expect_ids "--strategic-area: a measure's own areas" 'Angered P1.M3
Angered P6.M11' measures --strategic-area 8 --district angered --phase 2 --term mobilisation
expect_ids "--strategic-area: else its problem's" 'Angered P1.M2' measures --strategic-area 9
expect_ids "filters combine with AND" 'Angered P4.M1' measures --district angered --phase 1 \
	--status ongoing --responsible polisen --term short --kind situational --overdue=2015-06-01
expect_ids "problems --strategic-area" 'Angered P5' problems --strategic-area 6
check "problems --district" test "$(count problems --district angered)" = 8
check "followups" test "$(count followups)" = 6
expect_ids "followups --district" 'Västra Hisingen P1.F1
Västra Hisingen P2.F1' followups --district 'Västra Hisingen'

# Sorting: by a key, descending, and names in Swedish order.
expect "--sort due" 0 trygg -C ws ls measures --sort due --format csv
check "the earliest first" sh -c "sed -n 2p '$TMP/.out' | grep -q '\"2014-08-31\"'"
expect "--sort -due" 0 trygg -C ws ls measures --sort -due --format csv
check "the latest first" sh -c "sed -n 2p '$TMP/.out' | grep -q '\"2016-12-31\"'"
expect "--sort -measures" 0 trygg -C ws ls problems --sort -measures
check "the problem with most measures first" sh -c "sed -n 2p '$TMP/.out' | grep -q 'Social oro'"
for name in Ystad Örby Åby Zinkgruvan Älvängen; do
	trygg -C ws district add "$name" >/dev/null &&
		trygg -C ws plan add-problem "$name" --title "Trafik i $name" >/dev/null
done
ids problems | sed 's/ P[0-9]*$//' | uniq >got
printf '%s\n' Angered 'Västra Hisingen' Ystad Zinkgruvan Åby Älvängen Örby >want
expect_same "districts in Swedish order: … v y z å ä ö" want got
expect_ids "by district, then as in the file" 'Ystad P1
Zinkgruvan P1
Åby P1
Älvängen P1
Örby P1' problems --district örby --district åby --district ystad --district älvängen \
	--district zinkgruvan
expect_ids "--sort -district" 'Örby P1
Älvängen P1
Åby P1
Zinkgruvan P1
Ystad P1' problems --sort -district --district örby --district åby --district ystad \
	--district älvängen --district zinkgruvan

# Text: columns aligned by characters, not bytes.
expect "text output" 0 trygg -C ws ls problems
check "every 'id' column starts at the same character" python3 -c 'import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
starts = {l.index(" P") for l in lines[1:]}
sys.exit(0 if len(starts) == 1 and lines[0].index("id") == starts.pop() + 1 else 1)' "$TMP/.out"
check "no trailing blanks" sh -c "! grep -q ' $' '$TMP/.out'"
expect "no rows, no output" 0 trygg -C ws ls measures --overdue=2000-01-01
expect_no_stdout "nothing at all"
if command -v script >/dev/null; then
	COLUMNS=80 script -qec "\"$TRYGG\" -C ws ls measures --district angered" /dev/null \
		>tty.out </dev/null
	check "on a tty, lines fit \$COLUMNS" python3 -c 'import sys
lines = open(sys.argv[1], encoding="utf-8").read().replace("\r", "").splitlines()
sys.exit(0 if lines and all(len(l) <= 80 for l in lines) else 1)' tty.out
	check "dates are not cut" grep -q '2015-08-31' tty.out
	check "long text cut with …" grep -q '…' tty.out
	check "a short column is kept whole" grep -q 'P1.M1' tty.out
fi
expect "not a tty: nothing is cut" 0 env COLUMNS=40 "$TRYGG" -C ws ls measures --district angered
expect_stdout "the whole text" "Läxhjälp och studiestöd på fritidsgårdar och bibliotek"

# JSON, CSV, Markdown.
expect "--format json" 0 trygg -C ws ls measures --format json --district angered
check "the contract's object: an item per row, with the view's columns" python3 -c 'import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
rows = doc["items"]
assert [doc["format"], doc["version"], doc["kind"]] == ["trygg", 1, "ls-measures"], doc
cols = ["district", "problem", "problem_title", "id", "text", "phase", "phase_name", "term",
        "kind", "status", "due", "responsible", "strategic_areas", "overdue", "seq", "file",
        "stale"]
ok = len(rows) == 47 and all(list(r) == cols for r in rows)
ok = ok and rows[0]["phase"] == 2 and rows[0]["district"] == "Angered"
ok = ok and rows[0]["phase_name"] == "Förebygga/Kontaktskapande"
sys.exit(0 if ok else 1)' "$TMP/.out"
expect "--format json, no rows" 0 trygg -C ws ls measures --format json --overdue=2000-01-01
expect_stdout_is "no items" '{"format": "trygg", "version": 1, "kind": "ls-measures", "items": []}'
expect "--format-version 1" 0 trygg -C ws ls problems --format json --format-version 1
expect "--format-version 2 is not known" 2 trygg -C ws ls problems --format json --format-version 2
expect_stderr "says so" "--format-version 2 is not known"
trygg -C ws plan add-measure angered --problem P1 --phase 1 \
	--text '=HYPERLINK("http://x") | ett "citat"' >/dev/null
expect "--format csv" 0 trygg -C ws ls measures --format csv --district angered --phase 1
check "a header row" sh -c "head -1 '$TMP/.out' | grep -q '^\"district\",\"problem\",'"
expect_stdout "a formula is neutralised, quotes doubled" "\"'=HYPERLINK(\"\"http://x\"\") | ett \"\"citat\"\"\""
expect_stdout "numbers are not" ",\"1\",\"Reaktiv\","
check "libcsv's reader takes it back" python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
sys.exit(0 if all(len(r) == len(rows[0]) for r in rows) and len(rows) > 2 else 1)' "$TMP/.out"
expect "--format md" 0 trygg -C ws ls measures --format md --district angered --phase 1
expect_stdout "a GitHub table" "| district | id | phase | status | due | responsible | text |"
expect_stdout "numbers right-aligned" "|---|---|---:|---|---|---|---|"
expect_stdout "'|' escaped" '=HYPERLINK("http://x") \| ett "citat"'

# Usage errors: exit 2 and a clear message.
bad() {
	local desc=$1 msg=$2
	shift 2
	expect "$desc: exit 2" 2 trygg -C ws ls "$@"
	expect_stderr "$desc: says why" "$msg"
}
bad "nothing to list" "ls needs what to list" --phase 1
bad "an unknown listing" "did you mean 'measures'?" measure
bad "--phase 4" "--phase must be 1, 2 or 3" measures --phase 4
bad "--status" "expected one of: proposed, planned, ongoing, done, cancelled" measures --status finished
bad "--term" "--term has a bad value" measures --term kort
bad "--kind" "--kind has a bad value" measures --kind hard
bad "--overdue=DATE" "--overdue takes a date YYYY-MM-DD" measures --overdue=2015-13-01
bad "an unknown district" "no district 'angerd' (did you mean 'Angered'?)" measures --district angerd
bad "--phase for problems" "--phase does not apply to problems" problems --phase 1
bad "--status for follow-ups" "--status does not apply to followups" followups --status done
bad "--strategic-area not in trygg.yaml" "--strategic-area 11 is not one of" measures --strategic-area 11
bad "--sort by an unknown key" "cannot sort measures by 'dues' (did you mean 'due'?)" measures --sort dues
bad "--sort by another view's key" "(did you mean 'date'?)" followups --sort dato
bad "--format" "--format has a bad value" measures --format xml

if [ -w /dev/full ]; then
	expect "a failed write to stdout is exit 74" 74 sh -c '"$TRYGG" -C ws ls measures >/dev/full'
	expect_stderr "with a message" "cannot write to standard output"
	expect "also as JSON" 74 sh -c '"$TRYGG" -C ws ls measures --format json >/dev/full'
fi

# A CSV or JSON listing of 8 districts or more, in the order of the files,
# is made in two halves with two cores (the second on a thread and a
# connection of its own): the same bytes as on one thread.
: "${TRYGG_GEN:?TRYGG_GEN must name bench/gen}"
expect "a generated city of 10 districts" 0 "$TRYGG_GEN" city city
expect "indexed" 0 trygg -C city index
for args in "measures --format csv" "measures --format json" \
	"measures --overdue=2015-06-01 --format csv" "problems --format json" \
	"followups --format csv" "measures --format json --district stadsdel-0002" \
	"measures --format json --district stadsdel-0009" \
	"measures --format csv --district stadsdel-0009" \
	"measures --format json --district stadsdel-0001 --district stadsdel-0010" \
	"measures --format json --overdue=2000-01-01" "measures --format csv --overdue=2000-01-01"; do
	expect "ls $args, on one thread" 0 env TRYGG_THREADS=0 "$TRYGG" -C city ls $args
	cp "$TMP/.out" "$TMP/one.out"
	expect "ls $args, on two" 0 env TRYGG_THREADS=2 "$TRYGG" -C city ls $args
	check "the same bytes" cmp -s "$TMP/one.out" "$TMP/.out"
done
expect "two halves: a whole CSV" 0 env TRYGG_THREADS=2 "$TRYGG" -C city ls measures --format csv
check "2,000 measures of both halves, the header once" \
	test "$(wc -l <"$TMP/.out")" = 2001 -a "$(grep -c '^"district"' "$TMP/.out")" = 1 \
	-a "$(grep -c '^"Stadsdel 0001"' "$TMP/.out")" = 200 \
	-a "$(grep -c '^"Stadsdel 0010"' "$TMP/.out")" = 200
if [ -z "${TRYGG_VALGRIND:-}" ]; then
	expect "no temporary file for the second half" 0 \
		env TRYGG_THREADS=2 TMPDIR="$TMP/nowhere" "$TRYGG" -C city ls measures --format json
	cp "$TMP/.out" "$TMP/fallback.out"
	expect "one thread" 0 env TRYGG_THREADS=0 "$TRYGG" -C city ls measures --format json
	check "the first half's connection lists it: the same bytes" \
		cmp -s "$TMP/fallback.out" "$TMP/.out"
else
	ok "no temporary file for the second half # SKIP valgrind needs TMPDIR itself"
fi
# The index written between the two connections' reads (the fault shim
# runs the write before the second half's thread starts): the first
# connection, which holds its read, lists the second half itself, so the
# listing is the index as it was when the command began, whole.
# stadsdel-0010 sorts into the second half, the one the thread reads.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
expect "a listing before the write" 0 env TRYGG_THREADS=0 "$TRYGG" -C city ls measures --format csv
cp "$TMP/.out" "$TMP/before.out"
expect "a write lands between the halves' reads" 0 env TRYGG_THREADS=2 LD_PRELOAD="$FAULTSHIM" \
	TRYGG_BEFORE_THREAD='"$TRYGG" -C city plan add-measure stadsdel-0010 --problem P1 --text "Tillagd under läsningen" --phase 1 >/dev/null && "$TRYGG" -C city index >/dev/null' \
	"$TRYGG" -C city ls measures --format csv --no-refresh
check "the listing is the index before the write" cmp -s "$TMP/before.out" "$TMP/.out"
expect "the next listing" 0 env TRYGG_THREADS=2 "$TRYGG" -C city ls measures --format csv
expect_stdout "has the measure written" "Tillagd under läsningen"
if [ -w /dev/full ]; then
	expect "two halves to a full disk: exit 74" 74 \
		sh -c 'TRYGG_THREADS=2 "$TRYGG" -C city ls measures --format csv >/dev/full'
fi

done_testing
