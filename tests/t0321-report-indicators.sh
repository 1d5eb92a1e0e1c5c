#!/bin/bash
# trygg report indicators (DESIGN.md §7, §8): every indicator with its
# baseline, latest reading, target and verdict, in all five formats equal
# to their golden files (tests/golden/update.sh); csv verdicts checked
# against an independent computation of §7's rules from the YAML files;
# the html chart per indicator; --as-of; usage; the man page's example.
# On the invented version-2 workspace tests/fixtures/schema2.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
g=$SRCDIR/tests/golden
for fmt in text md html csv json; do
	expect "report indicators $fmt" 0 trygg -C ws report indicators --all --format $fmt --as-of 2025-01-01
	expect_same "report indicators $fmt is as expected" "$g/report-indicators.$fmt" "$TMP/.out"
done

# The verdicts of §7, computed here from the files with PyYAML alone, for
# days before, between and after the readings and target dates.
cat >verdicts.py <<'PY'
import csv, datetime, glob, subprocess, sys
import yaml

def day(s):
    return datetime.date.fromisoformat(str(s))

def verdicts(as_of):
    out = {}
    for path in sorted(glob.glob("ws/districts/*.yaml")):
        plan = yaml.safe_load(open(path, encoding="utf-8"))
        for pr in plan.get("problems") or []:
            for k, ind in enumerate(pr.get("indicators") or []):
                reads = [(day(r["date"]), 0, r["value"]) for r in ind.get("readings") or []]
                for n, f in enumerate(pr.get("followups") or []):
                    for key, v in (f.get("indicators") or {}).items():
                        if key in (ind.get("id"), ind["name"]):
                            reads.append((day(f["date"]), 1 + n, v))
                reads = [r for r in reads if r[0] <= as_of]
                base, target = ind.get("baseline"), ind.get("target")
                latest = max(reads) if reads else None
                if latest is None or (base and latest[0] <= day(base["date"])):
                    v = "no_reading"
                elif not target:
                    v = ""
                else:
                    way = ind.get("direction") or ("down" if base and target["value"] < base["value"] else "up")
                    good = (lambda x, bar: x <= bar) if way == "down" else (lambda x, bar: x >= bar)
                    if as_of >= day(target["date"]):
                        v = "met" if good(latest[2], target["value"]) else "not_met"
                    else:
                        b0, t0, t1 = base["value"], day(base["date"]), day(target["date"])
                        bar = b0 + (target["value"] - b0) * (latest[0] - t0).days / (t1 - t0).days
                        v = "on_track" if good(latest[2], bar) else "off_track"
                out[(plan["district"], ind.get("id") or ind["name"])] = v
    return out

bad = 0
for d in ["2014-11-01", "2014-11-20", "2015-06-01", "2016-10-01", "2020-06-01", "2021-02-01",
          "2021-06-01", "2022-06-01", "2025-01-01", "2099-06-01"]:
    p = subprocess.run([sys.argv[1], "-C", "ws", "report", "indicators", "--all", "--format", "csv",
                        "--as-of", d], capture_output=True, text=True, check=True)
    got = {(r["district"], r["indicator"] or r["name"]): r["verdict"]
           for r in csv.DictReader(p.stdout.splitlines())}
    want = verdicts(day(d))
    if got != want:
        bad += 1
        print("as of", d, "trygg:", got, "here:", want)
    for r in csv.DictReader(p.stdout.splitlines()):    # numbers a spreadsheet can sum
        for c in ("baseline", "latest", "target"):
            if r[c] != "":
                float(r[c])
sys.exit(bad)
PY
check "csv verdicts equal §7's rules computed from the files" python3 verdicts.py "$TRYGG"

expect "report indicators csv" 0 trygg -C ws report indicators lundby --format csv --as-of 2025-01-01
check "§8's columns, in English, in this order" test "$(head -1 "$TMP/.out")" = \
	'"district","problem","indicator","name","unit","direction","baseline","baseline_date","latest","latest_date","target","target_date","verdict"'
expect "report indicators json" 0 trygg -C ws report indicators lundby --format json --as-of 2025-01-01
check "json numbers are numbers, a missing one null" python3 -c '
import json, sys
rows = {r["indicator"]: r for r in json.load(open(sys.argv[1]))["items"]}
assert rows["P1.I1"]["baseline"] == 120 and rows["P1.I1"]["latest"] == 90, rows["P1.I1"]
assert rows["P1.I5"]["latest"] is None and rows["P1.I6"]["target"] is None
assert sum(r["baseline"] for r in rows.values()) == 120 + 0.5 + 3 + 12 + 0.2 + 5' "$TMP/.out"

expect "--as-of before the readings" 0 trygg -C ws report indicators angered --as-of 2014-11-01
expect_stdout "no reading yet" "Bedömning        ingen mätning"
expect "--as-of between them" 0 trygg -C ws report indicators angered --as-of 2015-06-01
expect_stdout "the latest as of that day" "Senaste mätning  34 % (2015-03-01)"
expect_stdout "on track" "Bedömning        enligt plan"
expect "--lang en" 0 trygg -C ws report indicators angered --as-of 2025-01-01 --lang en
expect_stdout "English words" "Verdict   not met"

expect "html" 0 trygg -C ws report indicators --all --format html --as-of 2025-01-01
check "a chart per indicator" test "$(grep -c '<svg' "$TMP/.out")" = 7
check "no JavaScript, nothing from the network" sh -c "! grep -Eqi '<script|onload=|https?:' '$TMP/.out'"
check "the chart labels baseline, latest and target values" grep -q \
	'<text x="20" y="146">Utgångsläge 38 %</text>.*<text x="160" y="146">Senaste mätning 33 %</text>.*<text x="300" y="146">Mål 30 %</text>' \
	<(tr -d '\n' <"$TMP/.out")
check "and which way is better" grep -q 'lägre är bättre ↓' "$TMP/.out"

# usage
expect "a district or --all" 2 trygg -C ws report indicators
expect_stderr "says so" "report indicators needs a district or --all"
expect "an unknown district" 66 trygg -C ws report indicators nowhere
expect "a bad --as-of" 2 trygg -C ws report indicators angered --as-of 2025-02-30

# the example in trygg-report(1), in a copy of the example workspace
rm -rf ex && cp -R "$EXAMPLES" ex && rm -rf ex/.trygg
sed -n '/^\$ trygg report indicators /,/^```/p' "$SRCDIR/man/trygg-report.1.scd" >example
check "trygg-report(1) has the example" test -s example
read -r -a cmd < <(head -1 example | sed 's/^\$ trygg //')
expect "the man page's example runs" 0 trygg -C ex "${cmd[@]}"
sed '1d;$d' example >want
expect_same "and prints what the man page shows" want "$TMP/.out"

done_testing
