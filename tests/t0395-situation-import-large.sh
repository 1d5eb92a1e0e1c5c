#!/bin/bash
# situation import at its documented limit: 1,000,000 rows after the
# header (bench/gen-survey.py), in an address space of 256 MiB, whatever
# the number of rows (issue 22); the shares, areas and respondents it
# writes are those a Python reading of the same CSV computes.  Heavy:
# suite 'slow'.  Not under AddressSanitizer or valgrind.
. "$SRCDIR/tests/lib.sh"

skip_under_memory_tools

example_ws
a=ws/districts/angered.yaml
python3 "$SRCDIR/bench/gen-survey.py" 1000000 >big.csv
check "1,000,000 rows and the header" [ "$(wc -l <big.csv)" = 1000001 ]

bounded() {
	(ulimit -v 262144; export TRYGG_THREADS=0; exec timeout 60 "$@")
}
expect "1,000,000 rows import in 256 MiB" 0 bounded "$TRYGG" -C ws situation import angered \
	--source survey big.csv --date 2015-10-01
check "one place per item: 24 problems in 3 groups" [ "$(wc -l <"$TMP/.out")" = 72 ]
expect_stderr "the ignored column named" "note: big.csv: ignoring column 'Kommentar'"
expect "the plan passes check" 0 trygg -C ws check $a

cat >expect.py <<'PY'
import csv, sys, yaml
groups = {"boende": "residents", "näringsidkare": "businesses", "föreningar": "associations"}
plan = yaml.load(open(sys.argv[2], encoding="utf-8"), Loader=yaml.SafeLoader)
district_areas = plan["areas"]
items, resp = {}, {}
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = csv.reader(f, delimiter=";")
    next(rows)
    for title, area, group, share, n, _ in rows:
        g = groups[group.lower()]
        s = share.replace(",", ".")
        v = round(float(s[:-1].strip()) / 100 if s.endswith("%") else float(s), 4)
        it = items.setdefault((title, g), {"share": v, "areas": [], "all": False})
        it["share"] = max(it["share"], v)
        if area.lower() == "samtliga":
            it["all"] = True
        elif area not in it["areas"]:
            it["areas"].append(area)
        resp[g] = max(resp.get(g, -1), int(n))
survey = plan["situation"]["survey"]
got = {(p["title"], p.get("group")): p for p in survey["problems"]}
bad = 0
for key, it in items.items():
    p = got.get(key)
    areas = district_areas if it["all"] else it["areas"]
    if p is None or abs(float(p["share"]) - it["share"]) > 1e-9 or p["areas"] != areas:
        print("differs:", key, it, p)
        bad += 1
if survey["respondents"] != resp:
    print("respondents:", survey["respondents"], resp)
    bad += 1
if len(got) != len(items):
    print("items:", len(got), len(items))
    bad += 1
print(len(items), "items checked")
sys.exit(1 if bad else 0)
PY
expect "shares, areas and respondents as Python computes them" 0 \
	python3 expect.py big.csv $a
cp $a once.yaml

# one row over the limit is refused, and nothing is written
{ cat big.csv; tail -n 1 big.csv; } >over.csv
expect "1,000,001 rows: exit 65" 65 bounded "$TRYGG" -C ws situation import angered \
	--source survey over.csv
expect_stderr "names the limit" "over.csv:1000002:1: error: more than 1000000 rows"
expect_same "nothing written" once.yaml $a

done_testing
