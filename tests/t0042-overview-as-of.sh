#!/bin/bash
# The overview's counts that depend on the day it is for (overdue measures,
# indicators on track) come from steps counted when a district is indexed
# (day_counts, trygg-index(7)).  Here they are checked against the same
# counts worked out from measures_v and indicators_v, on days around each
# due date and each indicator's last day on track, after a full build and
# after an edit indexed by a refresh.
. "$SRCDIR/tests/lib.sh"

: "${TRYGG_GEN:?TRYGG_GEN must name bench/gen}"
expect "a generated city of 10 districts" 0 "$TRYGG_GEN" ws city
expect "is indexed" 0 trygg -C ws index

cat >oracle.py <<'PY'
import csv, datetime, io, os, subprocess, sys

trygg = os.environ["TRYGG"]

def run(*args):
    p = subprocess.run([trygg, "-C", "ws", *args], capture_output=True, text=True)
    if p.returncode != 0 or p.stderr.strip():
        sys.exit("trygg %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr))
    return list(csv.DictReader(io.StringIO(p.stdout)))

def day(s):
    return datetime.date.fromisoformat(s).toordinal()

def on_track(i, today):
    # the rule of trygg-report(1), in the same floating point
    if i["latest"] == "" or i["target"] == "" or i["baseline"] == "":
        return False
    b, t, l = float(i["baseline"]), float(i["target"]), float(i["latest"])
    span = t - b
    progress = 1 if span == 0 else (l - b) / span
    if progress >= 1:
        return True
    if i["baseline_date"] == "" or i["target_date"] == "":
        return False
    t0, t1 = day(i["baseline_date"]), day(i["target_date"])
    elapsed = (today - t0) / (t1 - t0) if t1 > t0 else 1
    return progress >= elapsed

measures = run("query", "--format", "csv", "SELECT district, due, status FROM measures_v")
inds = run("query", "--format", "csv", "SELECT * FROM indicators_v")

step = int(sys.argv[1]) if len(sys.argv) > 1 else 1
if os.environ.get("TRYGG_VALGRIND"):    # each run is slow there: fewer days
    step *= 3
days = {day("1990-01-01"), day("2015-06-01"), day("2030-01-01")}
for m in measures[::97 * step]:
    if m["due"]:
        days |= {day(m["due"]), day(m["due"]) + 1}
for i in inds[::29 * step]:
    if i["baseline_date"] and i["target_date"] and i["latest"]:
        b, t, l = float(i["baseline"]), float(i["target"]), float(i["latest"])
        t0, t1 = day(i["baseline_date"]), day(i["target_date"])
        if t != b and t1 > t0:
            edge = t0 + int((l - b) / (t - b) * (t1 - t0))
            days |= set(range(edge - 1, edge + 3))

bad = 0
for d in sorted(days):
    date = datetime.date.fromordinal(d).isoformat()
    want = {}
    for m in measures:
        w = want.setdefault(m["district"], [0, 0, 0])
        w[0] += m["due"] != "" and m["due"] < date and m["status"] not in ("done", "cancelled")
    for i in inds:
        w = want.setdefault(i["district"], [0, 0, 0])
        w[1] += on_track(i, d)
        w[2] += 1
    got = {r["district"]: [int(r["overdue"]), int(r["on_track"]), int(r["indicators"])]
           for r in run("report", "overview", "--all", "--format", "csv", "--as-of", date)}
    if got != want:
        bad += 1
        print("# as of %s: the report says %s, the rows %s" % (date, got, want))
print("# %d days checked" % len(days))
sys.exit(1 if bad else 0)
PY

check "overdue and on track as the rows say, day by day" python3 oracle.py

# an edit: a measure done, another due later, an indicator's reading moved
f=ws/districts/stadsdel-0003.yaml
python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"status: planned", "status: done", s, count=3)
s = re.sub(r"due: 2014-", "due: 2019-", s, count=5)
s = re.sub(r"(value: )0\.(\d)", r"\g<1>0.0\2", s, count=4)
open(p, "w", encoding="utf-8").write(s)
PY
expect "the edited file still checks" 0 trygg -C ws check
check "and after the edit, refreshed" python3 oracle.py 3
expect "a full rebuild" 0 trygg -C ws index --rebuild
check "gives the same" python3 oracle.py 3

done_testing
