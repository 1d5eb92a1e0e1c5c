#!/bin/bash
# situation import keeps the survey's per-area shares in a version-2 file
# (by_area, DESIGN.md §7): each area's highest share among its rows, as
# Python computes them from the same CSV; a version-1 file gets none.
. "$SRCDIR/tests/lib.sh"

rm -rf ws && cp -R "$SRCDIR/tests/fixtures/schema2" ws
printf 'problem;område;grupp;andel\r\n' >s.csv
printf 'Nedskräpning;Hjällbo;boende;41 %%\r\nNedskräpning;Gårdsten;boende;0,39\r\n' >>s.csv
printf 'Nedskräpning;Hjällbo;boende;0,40\r\nBuskörning;Hjällbo;boende;0,2\r\n' >>s.csv
printf 'Buskörning;Lövgärdet;boende;\r\nBuskörning;Samtliga områden;boende;0,1\r\n' >>s.csv
printf 'Klotter;Gårdsten;boende;0,15\r\nKlotter;Hjällbo;boende;0,25\r\n' >>s.csv
expect "import into a version-2 file" 0 trygg -C ws situation import Angered --source survey s.csv --date 2016-10-01
expect "the file passes check" 0 trygg -C ws check
check "PyYAML reads by_area as Python computes it from the CSV" python3 -c '
import csv, yaml
rows = list(csv.reader(open("s.csv", encoding="utf-8"), delimiter=";"))[1:]
want = {}
for title, area, group, share in rows:
    if not share or area == "Samtliga områden":
        continue
    v = float(share.replace(" %", "").replace(",", ".")) / (100 if "%" in share else 1)
    a = want.setdefault(title, {})
    a[area] = max(a.get(area, 0), v)
d = yaml.load(open("ws/districts/angered.yaml", encoding="utf-8"), Loader=yaml.SafeLoader)
got = {i["title"]: i.get("by_area") for i in d["situation"]["survey"]["problems"]}
assert got["Nedskräpning"] == want["Nedskräpning"], got
assert got["Klotter"] == want["Klotter"], got
assert got["Buskörning"] is None, got   # a row of every area: no per-area share
'

example_ws
expect "import into a version-1 file" 0 trygg -C ws situation import Angered --source survey s.csv --date 2016-10-01
check "no by_area in a version-1 file" sh -c '! grep -q by_area ws/districts/angered.yaml'
expect "the file passes check" 0 trygg -C ws check

done_testing
