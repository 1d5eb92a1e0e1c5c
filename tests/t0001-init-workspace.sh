#!/bin/bash
# trygg init, district add/ls, and how commands find the workspace.
. "$SRCDIR/tests/lib.sh"

expect "init makes a workspace" 0 trygg init ws
check "trygg.yaml written" test -f ws/trygg.yaml
check "districts/ made" test -d ws/districts
check ".gitignore ignores the index" grep -qx '.trygg/' ws/.gitignore
check "the seed's ten strategic areas" grep -q '{id: 10, name: Göteborgs Stad}' ws/trygg.yaml
check "phases with Swedish names" grep -q 'Förebygga/Kontaktskapande' ws/trygg.yaml
check "the Police's initiatives" grep -q 'Medborgarlöften och lokal samverkan' ws/trygg.yaml
expect "the new workspace passes check" 0 trygg -C ws check
expect_no_stdout "check is quiet when all is well"

cp ws/trygg.yaml before.yaml
expect "init refuses an existing workspace" 2 trygg init ws
expect_stderr "and says why" "a workspace exists here already"
expect_same "the existing trygg.yaml is untouched" before.yaml ws/trygg.yaml

expect "init --city" 0 trygg init --city "Malmö: centrum" w2
check "a city with ': ' is quoted" grep -qx 'city: "Malmö: centrum"' w2/trygg.yaml
expect "that workspace passes check" 0 trygg -C w2 check

expect "district add" 0 trygg -C ws district add "Västra Hisingen" --area Tuve --area Säve
expect_stdout_is "prints the new file" "ws/districts/vastra-hisingen.yaml"
check "file named by the slug" test -f ws/districts/vastra-hisingen.yaml
check "areas written" grep -qx 'areas: \[Tuve, Säve\]' ws/districts/vastra-hisingen.yaml
expect "the new district passes check" 0 trygg -C ws check
expect "district add refuses an existing district" 2 trygg -C ws district add "västra hisingen"
expect_stderr "and says so" "exists already"
expect "district add Örgryte" 0 trygg -C ws district add "Örgryte-Härlanda"
check "ö and ä transliterated" test -f ws/districts/orgryte-harlanda.yaml

expect "district ls" 0 trygg -C ws district ls
expect_stdout "lists Västra Hisingen" "Västra Hisingen"
expect_stdout "lists Örgryte-Härlanda" "Örgryte-Härlanda"
check "in the order of the names, ö after v (not of the files: orgryte < vastra)" \
	test "$(cut -f1 "$TMP/.out" | grep -n -e '^Västra Hisingen$' -e '^Örgryte-Härlanda$' | cut -d: -f2 | tr '\n' /)" = "Västra Hisingen/Örgryte-Härlanda/"
expect "district ls --format json" 0 trygg -C ws district ls --format json
expect_stdout "a table of the districts" '"district": "Örgryte-Härlanda", "areas": 0, "problems": 0, "measures": 0, "file": "ws/districts/orgryte-harlanda.yaml"}'
expect "district ls --format csv" 0 trygg -C ws district ls --format csv
expect_stdout "with a header" '"district","areas","problems","measures","file"'
expect "district ls --format with a bad value" 2 trygg -C ws district ls --format xml
expect_stderr "names the formats" "expected one of: text, json, csv, md"

mkdir -p ws/districts/sub/deeper
expect "found by walking up" 0 sh -c 'cd ws/districts/sub/deeper && "$TRYGG" district ls'
expect_stdout "from a subfolder" "Västra Hisingen"
expect "found through TRYGG_DIR" 0 env TRYGG_DIR="$TMP/ws" "$TRYGG" district ls
expect_stdout "through TRYGG_DIR" "Västra Hisingen"
mkdir -p nowhere
expect "outside a workspace: exit 2" 2 sh -c 'cd nowhere && "$TRYGG" district ls'
expect_stderr "and a clear message" "not in a trygg workspace"
expect "-C that is no workspace: exit 2" 2 trygg -C nowhere district ls
expect_stderr "names the folder" "'nowhere' is not a trygg workspace"
expect "check outside a workspace: exit 2" 2 sh -c 'cd nowhere && "$TRYGG" check'

done_testing
