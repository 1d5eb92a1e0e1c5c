#!/bin/bash
# district set (DESIGN.md §8): a district's areas changed with =, += and
# -= (an area taken whole), printing nothing; an area still in use cannot
# go; in a trygg/1 file too; bad input changes no byte.
. "$SRCDIR/tests/lib.sh"

cp -r "$SRCDIR/tests/fixtures/schema2" ws
rm -rf ws/.trygg
f=ws/districts/angered.yaml
cp $f before.yaml

expect "areas+= a name with a space" 0 trygg -C ws district set Angered "areas+=Angereds centrum" \
	areas+=Eriksbo
expect_no_stdout "… prints nothing"
expect "areas-= one no item names" 0 trygg -C ws district set Angered areas-=Eriksbo
check "PyYAML reads the areas" python3 -c 'import sys, yaml
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
assert d["areas"] == ["Hjällbo", "Hammarkullen", "Gårdsten", "Lövgärdet", "Rannebergen", "Angereds centrum"], d["areas"]' $f
check "only the areas line changed" sh -c "diff before.yaml $f | grep -c '^[<>]' | grep -qx 2"

cp $f kept.yaml
expect "an area a problem names cannot go: exit 65" 65 trygg -C ws district set Angered areas-=Rannebergen
expect_stderr "… says where it is named" "area 'Rannebergen' is not one of the district's areas"
expect_same "… and nothing is written" kept.yaml $f
expect "an area that is not there: exit 2" 2 trygg -C ws district set Angered areas-=Bergsjön
expect_stderr "… says so" "has no 'Bergsjön' in areas"
expect "the schema line is not a key to set: exit 2" 2 trygg -C ws district set Angered schema=trygg/1
expect_stderr "… the keys are listed" "a district plan has no key 'schema' (keys: district, areas)"
expect "the name cannot be removed: exit 2" 2 trygg -C ws district set Angered district=
expect "no pair: exit 2" 2 trygg -C ws district set Angered
expect_same "none of them changed the file" kept.yaml $f

example_ws
expect "trygg/1: areas= a new list, in another order" 0 trygg -C ws district set "Västra Hisingen" \
	"areas=Biskopsgården, Säve, Torslanda, Tuve, Eriksberg"
check "… PyYAML reads it" python3 -c 'import sys, yaml
d = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.SafeLoader)
assert d["schema"] == "trygg/1" and d["areas"] == ["Biskopsgården", "Säve", "Torslanda", "Tuve", "Eriksberg"], d' ws/districts/vastra-hisingen.yaml
expect "… the file checks clean" 0 trygg -C ws check

done_testing
