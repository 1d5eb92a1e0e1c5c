#!/bin/bash
# Every message a person reads goes through the catalogue: under a pseudo
# catalogue that wraps each msgstr in «…», the README's first session and
# twenty error cases print no line on stderr that is not wrapped (but the
# source line and caret under a located error, and the usage text after a
# usage error, which is --help's and may stay English, DESIGN.md §9).
. "$SRCDIR/tests/lib.sh"

for t in msgen msgfilter msgfmt; do
	if ! command -v $t >/dev/null; then
		echo "1..0 # SKIP $t (gettext) is not installed"
		exit 0
	fi
done
mkdir -p pseudo/sv/LC_MESSAGES
msgen "$SRCDIR/po/trygg.pot" -o en.po &&
	msgfilter --keep-header -i en.po -o pseudo.po sed -e '1s/^/«/' -e '$s/$/»/' &&
	msgfmt -o pseudo/sv/LC_MESSAGES/trygg.mo pseudo.po
check "the pseudo catalogue is built" test -s pseudo/sv/LC_MESSAGES/trygg.mo
export TRYGG_LOCALEDIR=$TMP/pseudo

# wrapped DESC: every "trygg: " line of the last run's stderr ends in »,
# up to a usage text; every other line is an excerpt ("  …")
wrapped() {
	local bad
	bad=$(awk '/^usage: / { exit }
		/^trygg: / { if ($0 !~ /»$/) print; next }
		/^  / { next }
		{ print }' "$TMP/.err")
	if [ -z "$bad" ] && [ -s "$TMP/.err" ] || [ "${2:-}" = quiet ] && [ -z "$bad" ]; then
		ok "$1"
	else
		not_ok "$1" "not wrapped:" "$bad" "stderr: $(head -c 2000 "$TMP/.err")"
	fi
}

# the README's first session (without the editor)
cat >survey.csv <<'CSV'
område;grupp;problem;andel
Hjällbo;boende;Nedskräpning;41 %
Hammarkullen;boende;Skräp;0,3
CSV
expect "init" 0 trygg init stad
wrapped "init speaks through the catalogue" quiet
cd stad || exit 1
expect "district add" 0 trygg district add Angered --area Hjällbo --area Hammarkullen
wrapped "district add" quiet
expect "check" 0 trygg check
wrapped "check" quiet
expect "add-problem" 0 trygg plan add-problem Angered --title Nedskräpning --goal "Renare torg"
wrapped "add-problem" quiet
expect "add-measure" 0 trygg plan add-measure Angered --problem P1 --text "Städdag med skolorna" \
	--phase 3 --responsible "SDF Angered"
wrapped "add-measure" quiet
expect "situation import" 0 trygg situation import Angered --source survey ../survey.csv
wrapped "situation import" quiet
expect "merge --suggest" 0 trygg situation merge Angered --suggest
wrapped "merge --suggest" quiet
expect "merge" 0 trygg situation merge Angered
wrapped "merge" quiet
expect "report plan" 0 trygg report plan Angered --format md
wrapped "report plan" quiet
expect "ls" 0 trygg ls measures --overdue --responsible Polisen
wrapped "ls" quiet
expect "search" 0 trygg search brand
wrapped "search" quiet

# twenty errors
printf 'schema: trygg/1\ndistrict: X\nareas: [A]\nproblms: []\n' >../bad.yaml
printf 'schema: trygg/1\ndistrict: X\nareas: [A]\nproblems: [{id: P1, title: T, measures: [{id: P1.M1, text: T, phase: 9}]}]\n' >../bad2.yaml
n=0
err() {
	local want=$1
	shift
	n=$((n + 1))
	expect "error $n: $*" "$want" trygg "$@"
	wrapped "error $n is wrapped"
}
err 2 plna
err 2 plan
err 2 plan add-measure Angered --text T --phase 1
err 2 plan add-measure Angered --problem P1 --text T --phase 1 --bogus
err 2 plan add-measure Angered --problem P9 --text T --phase 1
err 2 plan add-measure Angered --problem P1 --text T --phase 7
err 2 plan add-measure Angered --problem P1 --text T --phase 1 --due 2014-13-01
err 66 plan add-measure Nowhere --problem P1 --text T --phase 1
err 2 plan set Angered P1.M1 colour=red
err 2 plan set Angered P1.M1 status=finished
err 2 plan rm Angered P1.M7
err 1 check ../bad.yaml
err 1 check ../bad2.yaml
err 66 check ../missing.yaml
err 2 ls measure
err 2 ls measures --format xml
err 2 report weekly Angered
err 2 situation add Angered --source radio --title T
err 2 query "DELETE FROM measures"
err 2 followup record Angered --measure P1.M1
err 2 district add Angered
err 2 init .
err 2 --lang de ls measures

done_testing
