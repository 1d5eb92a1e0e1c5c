#!/bin/bash
# Issue 18 item 4: a '?' inside a value written in a flow collection.
# libyaml reads `[Vem? (oklart)]`, PyYAML's SafeLoader does not (a plain
# scalar in a flow collection ends at '?'): such values are quoted there,
# and stay plain in block style, where every reader takes them.
. "$SRCDIR/tests/lib.sh"

pyload() {
	python3 -c 'import sys, yaml; d = yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)
exec(sys.argv[2])' "$@"
}

empty_ws
f=ws/districts/testby.yaml
cat >>$f <<'Y'
- id: P1
  title: Otrygghet
  indicators:
  - name: Känner du dig trygg?
    baseline: {value: 0.4, date: 2014-01-01}
  measures:
  - id: P1.M1
    text: Vakt
    phase: 1
    responsible: [Polisen]
Y
sed -i 's/^problems: \[\]$/problems:/' $f
# indicators named by name, as version 1 has them (district add writes 2)
sed -i 's|^schema: trygg/2$|schema: trygg/1|' $f
expect "the start file passes check" 0 trygg -C ws check

expect "add-problem with a cause that holds '?'" 0 trygg -C ws plan add-problem testby \
	--title "Vem gör vad?" --cause "Varför? Få vuxna ute" --cause Mörker
check "PyYAML reads the causes" pyload $f 'assert d["problems"][1]["causes"] == ["Varför? Få vuxna ute", "Mörker"], d["problems"][1]'
check "in block style the text stays plain" grep -qx '  title: Vem gör vad?' $f

expect "set responsible to a value with '?'" 0 trygg -C ws plan set testby P1.M1 "responsible=Vem? (oklart), Polisen"
check "PyYAML reads the list" pyload $f 'assert d["problems"][0]["measures"][0]["responsible"] == ["Vem? (oklart)", "Polisen"]'

expect "a reading of an indicator whose name holds '?'" 0 trygg -C ws followup record testby \
	--problem P1 --done Gjort --date 2015-01-01 --indicator "Känner du dig trygg?=0.5"
check "PyYAML reads the reading" pyload $f 'assert d["problems"][0]["followups"][0]["indicators"] == {"Känner du dig trygg?": 0.5}'

expect "append to a flow list" 0 trygg -C ws plan add-measure testby --problem P1 --text Ljus --phase 2 \
	--responsible "Vem?" --responsible "Polisen"
check "PyYAML reads the whole file" pyload $f 'assert d["problems"][0]["measures"][1]["responsible"] == ["Vem?", "Polisen"]'
expect "trygg reads it too" 0 trygg -C ws check

expect "district add with an area that holds '?'" 0 trygg -C ws district add Nyby --area "Vem? (oklart)" --area Norr
check "PyYAML reads the areas" pyload ws/districts/nyby.yaml 'assert d["areas"] == ["Vem? (oklart)", "Norr"]'
expect "situation add --area with '?'" 0 trygg -C ws situation add nyby --source police --title Mopeder \
	--area "Vem? (oklart)"
check "PyYAML reads the item's areas" pyload ws/districts/nyby.yaml 'assert d["situation"]["police"]["problems"][0]["areas"] == ["Vem? (oklart)"]'

done_testing
