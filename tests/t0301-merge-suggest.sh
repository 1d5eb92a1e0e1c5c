#!/bin/bash
# situation merge --suggest (DESIGN.md §8): the likely synonyms of a
# district's titles, as lines for 'synonyms' in trygg.yaml; nothing is
# written.  The example's own synonyms are what it should find.
. "$SRCDIR/tests/lib.sh"

cp -r "$EXAMPLES" ws
rm -rf ws/.trygg
# the workspace without its synonyms: the seed's two pairs are to be found
sed -i '/^synonyms:/,/^$/d' ws/trygg.yaml
find ws -name '*.yaml' -exec md5sum {} + | sort >before.sum

expect "--suggest for one district" 0 trygg -C ws situation merge Angered --suggest
cat >want <<'W'
- [Nedskräpning, Skräp]
- [Klotter och skadegörelse, Skadegörelse och klotter]
W
check "… lists the two pairs the seed names as synonyms, and nothing else" cmp -s want "$TMP/.out"
expect "--suggest --all" 0 trygg -C ws situation merge --all --suggest
cat >want <<'W'
# Angered
- [Nedskräpning, Skräp]
- [Klotter och skadegörelse, Skadegörelse och klotter]
# Västra Hisingen
- [Klotter och skadegörelse, Skadegörelse och klotter]
W
check "… each district under a comment naming it" cmp -s want "$TMP/.out"
check "PyYAML reads the suggestions as lists of titles" python3 -c 'import sys, yaml
v = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
assert v == [["Nedskräpning", "Skräp"], ["Klotter och skadegörelse", "Skadegörelse och klotter"],
             ["Klotter och skadegörelse", "Skadegörelse och klotter"]], v' "$TMP/.out"
find ws -name '*.yaml' -exec md5sum {} + | sort >after.sum
check "--suggest changes no file" cmp -s before.sum after.sum

# taken up as synonyms, they are merged and no longer suggested
printf 'synonyms:\n  - [Nedskräpning, Skräp]\n  - [Klotter och skadegörelse, Skadegörelse och klotter]\n' >>ws/trygg.yaml
expect "with the synonyms added, nothing is suggested" 0 trygg -C ws situation merge --all --suggest
expect_no_stdout "… stdout is empty"

# titles a small edit apart, and one that is part of another's word
cat >ws/districts/t.yaml <<'Y'
schema: trygg/1
district: T
situation:
  police:
    problems:
      - title: Mopedåkning
      - title: Bilbränder
  district:
    problems:
      - title: Mopedåkningar
      - title: Inbrott i bostäder
  survey:
    problems:
      - title: Störande mopedåkning
      - title: Bostadsinbrott
      - title: Brand
Y
expect "suggestions in an invented district" 0 trygg -C ws situation merge T --suggest
cat >want <<'W'
- [Mopedåkning, Mopedåkningar]
- [Mopedåkning, Störande mopedåkning]
- [Mopedåkningar, Störande mopedåkning]
W
check "… the same stem, and a single word inside another title" cmp -s want "$TMP/.out"

expect "an unknown district" 66 trygg -C ws situation merge Nowhere --suggest
expect_stderr "… is named" "Nowhere"

done_testing
