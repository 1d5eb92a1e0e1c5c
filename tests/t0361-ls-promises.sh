#!/bin/bash
# trygg ls promises (DESIGN.md §8): citizen promises from the index, their
# outcome as of today (the latest outcome dated today or earlier), the
# filters --outcome, --off-track and --active[=DATE], sort keys, lists as
# arrays in json; outcomes_v in trygg query; promise texts in search.
. "$SRCDIR/tests/lib.sh"

cp -R "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
add() {
	trygg -C ws promise add "$@" >/dev/null || echo "promise add $* failed" >&2
}
rec() {
	trygg -C ws promise record "$@" || echo "promise record $* failed" >&2
}
# Angered L1 (the fixture's): partly on 2016-06-30
add Angered --text "Trygga gångvägar i Hjällbo" --from 2017-01-01 --to 2099-12-31 \
	--signatory "Park, natur och trafik" --signatory Lokalpolisområdeschef --measure P6.M23
rec Angered L2 --status partly --date 2017-06-30 --text "Halvvägs"
rec Angered L2 --status met --date 2018-01-01 --text "Klart"
rec Angered L2 --status not_met --date 2099-01-01 --text "Ett utfall i framtiden"
add Lundby --text "Låsta förråd" --from 2020-01-01 --to 2020-12-31
add Lundby --text "Grannsamverkan i Eriksberg" --from 2021-01-01 --to 2021-12-31
rec Lundby L2 --status "ej uppfyllt" --date 2021-12-31

expect "ls promises" 0 trygg -C ws ls promises
expect_stdout_is "every promise, with its outcome today" \
"district  id  from        to          outcome  text
Angered   L1  2016-01-01  2016-12-31  partly   Vi lovar att polis och stadsdel är synliga i Rannebergen centrum varje fredag kväll
Angered   L2  2017-01-01  2099-12-31  met      Trygga gångvägar i Hjällbo
Lundby    L1  2020-01-01  2020-12-31           Låsta förråd
Lundby    L2  2021-01-01  2021-12-31  not_met  Grannsamverkan i Eriksberg"

# ids ARGS...: "district id" of each row of ls promises ARGS, one a line
ids() {
	run "$TRYGG" -C ws ls promises "$@" --format csv
	python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(r["district"] + " " + r["id"])' "$TMP/.out" | tr '\n' ';'
}
check "--outcome met" test "$(ids --outcome met)" = "Angered L2;"
check "--outcome in Swedish, repeated" test "$(ids --outcome uppfyllt --outcome delvis)" = \
	"Angered L1;Angered L2;"
check "--off-track: partly or not_met today" test "$(ids --off-track)" = "Angered L1;Lundby L2;"
check "--off-track with --outcome: both hold" test "$(ids --off-track --outcome met)" = ""
check "--active=DATE" test "$(ids --active=2016-05-01)" = "Angered L1;"
check "--active=DATE on the last day" test "$(ids --active=2020-12-31)" = "Angered L2;Lundby L1;"
check "--active: today" test "$(ids --active)" = "Angered L2;"
check "--district" test "$(ids --district lundby)" = "Lundby L1;Lundby L2;"
check "--sort -from" test "$(ids --sort -from)" = "Lundby L2;Lundby L1;Angered L2;Angered L1;"
check "--sort outcome: not_met, partly, met, none" test "$(ids --sort outcome)" = \
	"Lundby L2;Angered L1;Angered L2;Lundby L1;"

expect "json" 0 trygg -C ws ls promises --format json --district angered
check "json: lists as arrays, names whole; the outcome of today, not the future's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["kind"] == "ls-promises" and d["version"] == 1, d
l2 = d["items"][1]
assert l2["id"] == "L2" and l2["signatories"] == ["Park, natur och trafik", "Lokalpolisområdeschef"], l2
assert l2["measures"] == ["P6.M23"] and l2["outcomes"] == 3, l2
assert (l2["outcome"], l2["outcome_date"], l2["outcome_text"]) == ("met", "2018-01-01", "Klart"), l2
assert l2["from"] == "2017-01-01" and l2["to"] == "2099-12-31", l2' "$TMP/.out"
if python3 -c 'import jsonschema' 2>/dev/null; then
	check "… and validates against docs/schema/ls-promises.json" python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1], encoding="utf-8")),
                    json.load(open(sys.argv[2], encoding="utf-8")))' "$TMP/.out" \
		"$SRCDIR/docs/schema/ls-promises.json"
fi
expect "csv" 0 trygg -C ws ls promises --format csv --district lundby
expect_stdout "every column of promises_v" \
'"district","id","text","from","to","signatories","measures","outcome","outcome_date","outcome_text","outcomes","seq","file","stale"
"Lundby","L1","Låsta förråd","2020-01-01","2020-12-31","","","","","","0","1","districts/lundby.yaml","0"'
expect "md" 0 trygg -C ws ls promises --format md --district lundby
expect_stdout "a Markdown table" "| Lundby | L2 | 2021-01-01 | 2021-12-31 | not\\_met | Grannsamverkan i Eriksberg |"

expect "query outcomes_v" 0 trygg -C ws query --format csv \
	"SELECT district, promise, date, status, text FROM outcomes_v WHERE promise = 'L2' ORDER BY district, seq"
expect_stdout_is "every outcome, future ones too" \
'"district","promise","date","status","text"
"Angered","L2","2017-06-30","partly","Halvvägs"
"Angered","L2","2018-01-01","met","Klart"
"Angered","L2","2099-01-01","not_met","Ett utfall i framtiden"
"Lundby","L2","2021-12-31","not_met",'
expect "search finds a promise's text" 0 trygg -C ws search gångvägar
expect_stdout "… as kind promise" "Angered   L2  promise  Trygga gångvägar i Hjällbo"

expect "a bad --outcome" 2 trygg -C ws ls promises --outcome bra
expect_stderr "… names the values" "--outcome has a bad value 'bra' (expected one of: met, partly, not_met)"
expect "--outcome on measures" 2 trygg -C ws ls measures --outcome met
expect_stderr "… says so" "--outcome applies to promises only"
expect "--active on indicators" 2 trygg -C ws ls indicators --active
expect "a bad --active" 2 trygg -C ws ls promises --active=2016-13-01
expect_stderr "… says so" "--active takes a date YYYY-MM-DD, not '2016-13-01'"
expect "--status on promises" 2 trygg -C ws ls promises --status done
expect "an unknown sort key" 2 trygg -C ws ls promises --sort phase
expect_stderr "… says so" "cannot sort promises by 'phase'"

# a version-1 workspace has none
cp -R "$EXAMPLES" v1 && rm -rf v1/.trygg
expect "ls promises of the version-1 example" 0 trygg -C v1 ls promises
expect_no_stdout "… lists nothing"

done_testing
