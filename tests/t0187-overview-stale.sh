#!/bin/bash
# Item 17 of issue 18: a plan file that fails to load leaves its last good
# rows in the index, and the overview made from them marks the district,
# in the workspace's language ("Kunde inte läsas – siffrorna är från
# DATUM"), and has a stale column (true/false) in csv and json; the run
# exits 65 and the report is still written.  A district never indexed
# whose file cannot be read is in the overview too, marked, without
# figures, so that no total is silently short of it.
. "$SRCDIR/tests/lib.sh"

example_ws
touch -d '2015-05-30 12:00' ws/districts/angered.yaml
expect "the index, with Angered's good version of 2015-05-30" 0 trygg -C ws index
printf '  - {id: P99, title: [\n' >>ws/districts/angered.yaml
expect "the HTML overview with Angered broken: exit 65" 65 trygg -C ws report overview \
	--format html --output ws/overview.html --as-of 2015-06-01
expect_stderr "Angered's error is printed" "angered.yaml"
check "the page is written all the same" grep -q '</html>' ws/overview.html
check "with Angered's last good figures" grep -q '<td>Angered' ws/overview.html
check "and a mark that they are old" grep -q 'Kunde inte läsas – siffrorna är från 2015-05-30' ws/overview.html

expect "text" 65 trygg -C ws report overview --as-of 2015-06-01
expect_stdout "text: the mark" "Angered: Kunde inte läsas – siffrorna är från 2015-05-30"
check "text: no mark on the district that was read" sh -c "! grep -q 'Västra Hisingen: Kunde' '$TMP/.out'"
expect "md" 65 trygg -C ws report overview --format md --as-of 2015-06-01
expect_stdout "md: the mark" "Angered: Kunde inte läsas – siffrorna är från 2015-05-30"
expect "English" 65 trygg -C ws report overview --lang en --as-of 2015-06-01
expect_stdout "English: the mark" "Angered: Could not be read – figures from 2015-05-30"

expect "csv" 65 trygg -C ws report overview --format csv --as-of 2015-06-01
expect_stdout "csv: a stale column" '"light","stale"'
check "csv: Angered true, Västra Hisingen false" python3 -c '
import csv, sys
rows = {r["district"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
assert rows["Angered"]["stale"] == "true", rows
assert rows["Västra Hisingen"]["stale"] == "false", rows
assert rows["Angered"]["measures"] == "47", rows' "$TMP/.out"
expect "json" 65 trygg -C ws report overview --format json --as-of 2015-06-01
check "json: stale as true and false" python3 -c '
import json, sys
rows = {r["district"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))["items"]}
assert rows["Angered"]["stale"] is True, rows
assert rows["Västra Hisingen"]["stale"] is False, rows' "$TMP/.out"

# the report of the broken district alone
expect "overview of Angered alone" 65 trygg -C ws report overview angered --as-of 2015-06-01
expect_stdout "is marked" "Angered: Kunde inte läsas – siffrorna är från 2015-05-30"
expect "overview of Västra Hisingen alone" 0 trygg -C ws report overview vastra-hisingen --as-of 2015-06-01
check "is not" sh -c "! grep -q 'Kunde inte' '$TMP/.out'"

# fixed: the mark goes
cp "$EXAMPLES/districts/angered.yaml" ws/districts/angered.yaml
expect "Angered fixed" 0 trygg -C ws report overview --format csv --as-of 2015-06-01
check "csv: nothing stale" python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert len(rows) == 2 and all(r["stale"] == "false" for r in rows), rows' "$TMP/.out"
expect "text" 0 trygg -C ws report overview --as-of 2015-06-01
check "text: no mark" sh -c "! grep -q 'Kunde inte' '$TMP/.out'"

# a district never indexed whose file cannot be read, and no index at all
example_ws
printf 'schema: trygg/1\ndistrict: Ny\nareas: [\n' >ws/districts/ny.yaml
expect "overview without an index, ny.yaml broken: exit 65" 65 trygg -C ws report overview --as-of 2015-06-01
expect_stdout "the district is there, marked, without figures" "ny: Kunde inte läsas"
check "and no date for figures it never had" sh -c "! grep -q 'ny: Kunde inte läsas – siffrorna' '$TMP/.out'"
expect "csv" 65 trygg -C ws report overview --format csv --as-of 2015-06-01
check "csv: its row, stale, no figures" python3 -c '
import csv, sys
rows = {r["district"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
assert set(rows) == {"Angered", "Västra Hisingen", "ny"}, rows
assert rows["ny"]["stale"] == "true" and rows["ny"]["measures"] == "", rows["ny"]
assert rows["Angered"]["stale"] == "false", rows' "$TMP/.out"
expect "html" 65 trygg -C ws report overview --format html --output ws/o.html --as-of 2015-06-01
check "html: the district is there, marked" grep -q '<td>ny <span class="stale">Kunde inte läsas</span>' ws/o.html
check "html: no bar and no count of 0 in its chart row" grep -q '<text x="[0-9.]*" y="[0-9]*">–</text>' ws/o.html
expect "json" 65 trygg -C ws report overview --format json --as-of 2015-06-01
check "json: its figures null, light none, stale true" python3 -c '
import json, sys
rows = {r["district"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))["items"]}
ny = rows["ny"]
assert ny["stale"] is True and ny["light"] == "none", ny
assert all(ny[k] is None for k in ("measures", "phase1", "open", "overdue", "done", "on_track")), ny' "$TMP/.out"

# the name of a file never read is escaped as every name is
example_ws
name=$'<img src=x onerror=alert(1)>|*b*[x](javascript:y)\e[31mR'
printf 'areas: [\n' >"ws/districts/$name.yaml"
expect "html, a hostile file name" 65 trygg -C ws report overview --format html --output ws/o.html --as-of 2015-06-01
check "html: escaped" grep -qF '<td>&lt;img src=x onerror=alert(1)&gt;|*b*[x](javascript:y)' ws/o.html
check "html: no raw tag" sh -c "! grep -q '<img' ws/o.html"
expect "md" 65 trygg -C ws report overview --format md --as-of 2015-06-01
expect_stdout "md: the note escaped" '- &lt;img src=x onerror=alert(1)&gt;\|\*b\*\[x\](javascript:y)'
check "md: no raw tag" sh -c "! grep -q '<img' '$TMP/.out'"
expect "text" 65 trygg -C ws report overview --as-of 2015-06-01
check "text: no raw ESC" sh -c "! grep -q \"\$(printf '\\033')\" '$TMP/.out'"
expect_stdout "text: the note" 'javascript:y)\x1B[31mR: Kunde inte läsas'

done_testing
