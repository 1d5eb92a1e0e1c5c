#!/bin/bash
# The JSON contract (trygg(1), JSON OUTPUT): the live JSON of every
# command and report kind that writes it validates against its schema in
# docs/schema/ (python3-jsonschema); each schema rejects an output with a
# required key removed and one with a key added; every schema is used and
# is strict (required, additionalProperties false); a list comes back as
# an array, a name with a comma in it as one element.
. "$SRCDIR/tests/lib.sh"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	not_ok "python3-jsonschema is installed (the README's first command installs it)"
	done_testing
fi

example_ws
mkdir out
# KIND ARGS...: trygg ARGS writes out/KIND.json
json() {
	local kind=$1
	shift
	expect "$kind: $*" 0 trygg -C ws "$@" --format json --format-version 1
	cp "$TMP/.out" "out/$kind.json"
}
json ls-measures ls measures
json ls-problems ls problems
json ls-followups ls followups
json ls-indicators ls indicators
json search search klotter
json query query "SELECT district, count(*) AS n, NULL AS z FROM measures_v GROUP BY district"
json district-ls district ls
for k in plan followup situation; do
	json report-$k report $k --all --as-of 2015-06-01
done
json report-overview report overview --as-of 2015-06-01
json report-overdue report overdue --as-of 2015-06-01
json report-indicators report indicators --all --as-of 2015-06-01
# citizen promises: schema trygg/2, in the invented fixture
rm -rf ws2 && cp -R "$SRCDIR/tests/fixtures/schema2" ws2
json2() {
	local kind=$1
	shift
	expect "$kind: $*" 0 trygg -C ws2 "$@" --format json --format-version 1
	cp "$TMP/.out" "out/$kind.json"
}
json2 ls-promises ls promises
json2 report-promises report promises --all --as-of 2017-01-01
expect "situation show writes a situation report" 0 \
	trygg -C ws situation show angered --format json --format-version 1
cp "$TMP/.out" out/situation-show.json
# log reads git
git -C ws init -q && git -C ws add -A &&
	git -C ws -c user.name=Test -c user.email=t@example.org commit -q -m "Första" &&
	trygg -C ws plan set angered P1.M1 status=done >/dev/null &&
	git -C ws -c user.name=Test -c user.email=t@example.org commit -q -am "Klar"
json log log angered

check "every output validates against its schema; each schema rejects a missing and an extra key" \
	python3 - "$SRCDIR/docs/schema" out <<'PY'
import copy, json, os, sys
from jsonschema import Draft202012Validator as V
schemas, outs = sys.argv[1], sys.argv[2]
bad = []
used = set()
for name in sorted(os.listdir(outs)):
    doc = json.load(open(os.path.join(outs, name), encoding="utf-8"))
    kind = doc.get("kind")
    if name != "situation-show.json" and name != kind + ".json":
        bad.append("%s: kind %r" % (name, kind))
    path = os.path.join(schemas, "%s.json" % kind)
    if not os.path.exists(path):
        bad.append("%s: no schema for kind %r" % (name, kind)); continue
    used.add(kind + ".json")
    schema = json.load(open(path, encoding="utf-8"))
    V.check_schema(schema)
    v = V(schema)
    for e in v.iter_errors(doc):
        bad.append("%s: %s at %s" % (name, e.message, list(e.absolute_path)))
    if not doc["items"]:
        bad.append("%s: no items to try the schema on" % name); continue
    # mutations: the envelope and the first item, a key less and a key more
    tries = [("no version", lambda d: d.pop("version")), ("extra key", lambda d: d.update(x=1))]
    item = schema["properties"]["items"]["items"]
    if "required" in item:
        k = item["required"][0]
        tries += [("item without " + k, lambda d: d["items"][0].pop(k)),
                  ("item with an extra key", lambda d: d["items"][0].update(x_extra=1))]
    for what, mutate in tries:
        m = copy.deepcopy(doc)
        mutate(m)
        if v.is_valid(m):
            bad.append("%s: the schema takes an output with %s" % (name, what))
for name in sorted(os.listdir(schemas)):
    s = json.load(open(os.path.join(schemas, name), encoding="utf-8"))
    item = s["properties"]["items"]["items"]
    if s.get("additionalProperties") is not False or "required" not in s:
        bad.append("%s: not strict at the top" % name)
    if name != "query.json" and (item.get("additionalProperties") is not False or "required" not in item):
        bad.append("%s: its items are not strict" % name)
    if name not in used:
        bad.append("%s: no output tried against it" % name)
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# A name with a comma is one element, in ls and in the report alike
trygg -C ws plan add-measure angered --problem P1 --phase 1 --text Komma \
	--responsible "Park, natur och trafik" --responsible Polisen >/dev/null
expect "ls measures with it" 0 trygg -C ws ls measures --format json --district angered
check "a responsible name with a comma is one array element" python3 -c '
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))["items"]
m = [i for i in items if i["text"] == "Komma"]
assert len(m) == 1 and m[0]["responsible"] == ["Park, natur och trafik", "Polisen"], m
assert all(isinstance(a, int) for i in items for a in i["strategic_areas"]), items[0]' "$TMP/.out"
expect "report plan with it" 0 trygg -C ws report plan angered --format json
check "the same in the report" python3 -c '
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))["items"]
assert [i["responsible"] for i in items if i["text"] == "Komma"] == [["Park, natur och trafik", "Polisen"]]' "$TMP/.out"
expect "csv joins a list with '; '" 0 trygg -C ws ls measures --format csv --district angered
expect_stdout "the name whole" '"Park, natur och trafik; Polisen"'

done_testing
