#!/bin/bash
# trygg report promises (DESIGN.md §8): the public "so it went" page of each
# citizen promise, in plain Swedish (or English), in all five formats, as of
# the report's day: outcomes and follow-ups dated later left out, measures
# with their status of that day; json against its schema, html well formed,
# hostile text escaped; the example of trygg-report(1) runs.
. "$SRCDIR/tests/lib.sh"

cp -R "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
# Angered: L1 (the fixture's, partly on 2016-06-30) and L2
trygg -C ws promise add Angered --text "Trygga gångvägar <i> Hjällbo & *Gårdsten*" \
	--from 2017-01-01 --to 2018-06-30 --signatory "Park, natur och trafik" \
	--measure P6.M23 --measure P6.M1 >/dev/null &&
	trygg -C ws promise record Angered L2 --status partly --date 2017-06-30 &&
	trygg -C ws promise record Angered L2 --status met --date 2018-06-30 --text "Alla lampor tända" ||
	not_ok "setting up the promises"

expect "report promises, Swedish" 0 trygg -C ws report promises Angered --as-of 2018-01-01
expect_stdout_is "the page, as of the day" \
"Trygg i Angered — Medborgarlöften
=================================
per 2018-01-01

L1  Medborgarlöfte 2016 – så gick det
    Vi lovade: Vi lovar att polis och stadsdel är synliga i Rannebergen
      centrum varje fredag kväll
    Gäller: 2016-01-01 – 2016-12-31
    Undertecknat av: Lokalpolisområdeschef, Stadsdelsdirektör
    Det här gjorde vi:
      P6.M1  Ökad närvaro av polis och stadsanställda i lokalområdet (pågår)
        2014-11-20: Närvaro varje fredag. Effekt: Lugnare kvällar.
    Så gick det:
      2016-06-30  delvis uppfyllt: Synliga de flesta fredagar
    Vi höll löftet delvis.

L2  Medborgarlöfte 2017–2018 – så gick det
    Vi lovade: Trygga gångvägar <i> Hjällbo & *Gårdsten*
    Gäller: 2017-01-01 – 2018-06-30
    Undertecknat av: Park, natur och trafik
    Det här gjorde vi:
      P6.M23  Utredning och spaning mot brott (klar)
        2014-11-20: Närvaro varje fredag. Effekt: Lugnare kvällar.
      P6.M1  Ökad närvaro av polis och stadsanställda i lokalområdet (pågår)
        2014-11-20: Närvaro varje fredag. Effekt: Lugnare kvällar.
    Så gick det:
      2017-06-30  delvis uppfyllt
    Vi höll löftet delvis."

expect "later: the outcome of 2018-06-30 counts" 0 trygg -C ws report promises Angered --as-of 2018-07-01
expect_stdout "… kept" "      2018-06-30  uppfyllt: Alla lampor tända
    Vi höll löftet."
expect "earlier: no outcome, a measure not yet made, a later follow-up left out" 0 \
	trygg -C ws report promises Angered --as-of 2014-11-10
expect_stdout "… the status of that day" "      P6.M1  Ökad närvaro av polis och stadsanställda i lokalområdet (planerad)
    Så gick det:
    Ännu inget besked om hur det gick."
check "… no follow-up of 2014-11-20, no P6.M23" sh -c "! grep -q -e 2014-11-20 -e P6.M23 '$TMP/.out'"

expect "English" 0 trygg -C ws report promises Angered --as-of 2018-01-01 --lang en
expect_stdout "English labels" "L2  Citizens' promise 2017–2018 – how it went
    We promised: Trygga gångvägar <i> Hjällbo & *Gårdsten*
    In force: 2017-01-01 – 2018-06-30
    Signed by: Park, natur och trafik
    What we did:"
expect_stdout "… and outcome" "      2017-06-30  partly kept
    We kept the promise in part."

expect "md" 0 trygg -C ws report promises Angered --as-of 2018-01-01 --format md
expect_stdout "a heading per promise" "### L2 · Medborgarlöfte 2017–2018 – så gick det"
expect_stdout "Markdown escaped" '**Vi lovade:** Trygga gångvägar &lt;i&gt; Hjällbo &amp; \*Gårdsten\*'
expect_stdout "measures as a list, follow-ups under them" "- **P6.M23** Utredning och spaning mot brott (klar)
  - 2014-11-20: Närvaro varje fredag. Effekt: Lugnare kvällar."

expect "html of all districts" 0 trygg -C ws report promises --all --as-of 2018-01-01 --format html
cp "$TMP/.out" all.html
check "html: well formed (every element closed, in order), no script" python3 - all.html <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "img", "hr", "link", "input", "col", "area", "base", "wbr", "source"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.bad = []
    def handle_starttag(self, t, a):
        if t == "script": self.bad.append("script")
        if t not in VOID: self.stack.append(t)
    def handle_startendtag(self, t, a):
        pass
    def handle_endtag(self, t):
        if t in VOID: return
        if not self.stack or self.stack[-1] != t:
            self.bad.append("</%s> closes %s" % (t, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
assert not p.bad and not p.stack, (p.bad, p.stack)
PY
check "html: the page's title, a section per district, Swedish headings" python3 -c '
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for want in ["<h1>Trygg i Göteborg — Medborgarlöften</h1>", "<h2>Trygg i Angered</h2>",
             "<h3><span class=\"id\">L1</span> Medborgarlöfte 2016 – så gick det</h3>",
             "<h4>Det här gjorde vi</h4>", "<h4>Så gick det</h4>", "<h2>Trygg i Lundby</h2>",
             "<p>Inga medborgarlöften.</p>", "<p>Vi höll löftet delvis.</p>",
             "Trygga gångvägar &lt;i&gt; Hjällbo &amp; *Gårdsten*",
             "<time>2016-06-30</time> delvis uppfyllt: Synliga de flesta fredagar"]:
    assert want in s, want
assert "<i>" not in s' all.html

expect "csv" 0 trygg -C ws report promises Angered --as-of 2018-01-01 --format csv
expect_stdout_is "a row per promise, English columns, the outcome of the day" \
'"district","promise","text","from","to","signatories","measures","measures_done","outcome","outcome_date","outcome_text"
"Angered","L1","Vi lovar att polis och stadsdel är synliga i Rannebergen centrum varje fredag kväll","2016-01-01","2016-12-31","Lokalpolisområdeschef; Stadsdelsdirektör","P6.M1","0","partly","2016-06-30","Synliga de flesta fredagar"
"Angered","L2","Trygga gångvägar <i> Hjällbo & *Gårdsten*","2017-01-01","2018-06-30","Park, natur och trafik","P6.M23; P6.M1","1","partly","2017-06-30",'
expect "json, in Swedish too" 0 trygg -C ws report promises --all --as-of 2018-07-01 --format json
check "json: lists as arrays, numbers as numbers" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["kind"] == "report-promises" and len(d["items"]) == 2, d
l2 = d["items"][1]
assert l2["signatories"] == ["Park, natur och trafik"] and l2["measures"] == ["P6.M23", "P6.M1"], l2
assert l2["measures_done"] == 1 and l2["outcome"] == "met" and l2["outcome_text"] == "Alla lampor tända", l2' \
	"$TMP/.out"
if python3 -c 'import jsonschema' 2>/dev/null; then
	check "… valid against docs/schema/report-promises.json" python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1], encoding="utf-8")),
                    json.load(open(sys.argv[2], encoding="utf-8")))' "$TMP/.out" \
		"$SRCDIR/docs/schema/report-promises.json"
fi

# the site: a district's page has its promises when it has any
expect "report site" 0 trygg -C ws report site --output site --as-of 2018-01-01
check "Angered's page has its promises, linked from its top" python3 -c '
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert "<a href=\"#promises\">Medborgarlöften</a>" in s
assert "<h2 id=\"promises\">Medborgarlöften</h2>" in s
assert "<h3><span class=\"id\">L2</span> Medborgarlöfte 2017–2018 – så gick det</h3>" in s' \
	site/districts/angered.html
check "Lundby's, without promises, has no such part" sh -c "! grep -q 'id=\"promises\"' site/districts/lundby.html"

# a version-1 workspace has no promises
cp -R "$EXAMPLES" v1 && rm -rf v1/.trygg
expect "a version-1 district" 0 trygg -C v1 report promises Angered --as-of 2015-01-01
expect_stdout "says it has none" "Inga medborgarlöften."
expect "no district and no --all" 2 trygg -C ws report promises
expect "an unknown district" 66 trygg -C ws report promises Nowhere

# the example in trygg-report(1), in a fresh copy of the fixture
rm -rf ex && cp -R "$SRCDIR/tests/fixtures/schema2" ex
sed -n '/^\$ trygg report promises /,/^```/p' "$SRCDIR/man/trygg-report.1.scd" >example
check "trygg-report(1) has the example" test -s example
read -r -a cmd < <(head -1 example | sed 's/^\$ trygg //')
expect "the man page's example runs" 0 trygg -C ex "${cmd[@]}"
sed '1d;$d' example >want
expect_same "and prints what the man page shows" want "$TMP/.out"

done_testing
