#!/bin/bash
# Item 21 of issue 18: every name in trygg.yaml is untrusted.  Each of them
# (city, strategic_areas, initiatives, phases, sources, organisations,
# synonyms) carries markup, a Markdown link, an OSC 8 hyperlink, ANSI
# colours, a BEL and a C1 CSI; every report kind in every format must
# carry none of it raw.
. "$SRCDIR/tests/lib.sh"

example_ws
python3 - <<'P'
evil = (r'</style><script>alert(1)</script><img src=x onerror=alert(2)> '
        r'[x](javascript:alert(3)) \e]8;;http://evil.example/\e\\klick\e]8;;\e\\ '
        r'\e[31mröd\e[0m \a \x9b31m |p| *b*')
def q(tag):
    return '"' + tag + ' ' + evil + '"'
path = 'ws/trygg.yaml'
y = open(path, encoding='utf-8').read()
for old, new in [
    ('city: Göteborg', 'city: ' + q('Stad')),
    ('{id: 1, name: Barns och ungas uppväxt}', '{id: 1, name: ' + q('Område') + '}'),
    ('{id: 7, name: Otrygghet och utsatthet för brott}', '{id: 7, name: ' + q('Område7') + '}'),
    ('{id: 1, name: Reaktiv}', '{id: 1, name: ' + q('Fas1') + '}'),
    ('{id: 2, name: Förebygga/Kontaktskapande}', '{id: 2, name: ' + q('Fas2') + '}'),
    ('{id: 3, name: Nya utmaningar}', '{id: 3, name: ' + q('Fas3') + '}'),
    ('{id: police, name: Polisens lägesbild}', '{id: police, name: ' + q('Polis') + '}'),
    ('{id: district, name: Stadsdelens lägesbild}', '{id: district, name: ' + q('Sdf') + '}'),
    ('{id: survey, name: Omvärldens lägesbild}', '{id: survey, name: ' + q('Enkät') + '}'),
    ('  - Medarbetardrivet utvecklingsarbete', '  - ' + q('Initiativ')),
    ('organisations: [Polisen,', 'organisations: [' + q('Org') + ', Polisen,'),
    ('  - [Nedskräpning, Skräp]', '  - [Nedskräpning, ' + q('Synonym') + ']'),
]:
    assert old in y, old
    y = y.replace(old, new)
open(path, 'w', encoding='utf-8').write(y)
P
expect "the hostile trygg.yaml passes check" 0 trygg -C ws check

# the last output holds no byte sequence that printf makes of $1
no_raw() {
	! grep -qaF -- "$(printf "$1")" "$TMP/.out"
}
# nor a match of the Perl regular expression $1
no_match() {
	! grep -qaP -- "$1" "$TMP/.out"
}
for kind in plan followup situation overview overdue; do
	for fmt in text md html csv json; do
		expect "$kind $fmt" 0 trygg -C ws report $kind --all --format $fmt --as-of 2015-06-01
		check "$kind $fmt: no raw ESC" no_raw '\033'
		check "$kind $fmt: no raw BEL" no_raw '\007'
		case $fmt in
		text)
			check "$kind text: no raw C1 CSI" no_raw '\302\233' ;;
		md|html)
			check "$kind $fmt: no <script> element" no_raw '<script'
			check "$kind $fmt: no <img> element" no_raw '<img'
			check "$kind $fmt: the style sheet is not closed early" no_raw '</style><' ;;
		esac
		case $fmt in
		md)
			check "$kind md: no live javascript: link" no_match '(?<!\\)\]\(javascript:' ;;
		csv)
			check "$kind csv: reads as CSV" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)' "$TMP/.out" ;;
		json)
			check "$kind json: reads as JSON" python3 -c '
import json, sys
assert isinstance(json.load(open(sys.argv[1], encoding="utf-8"))["items"], list)' "$TMP/.out" ;;
		esac
	done
done

# the names are shown, as text
expect "plan html" 0 trygg -C ws report plan angered --format html --as-of 2015-06-01
expect_stdout "the phase name is escaped" "Fas 1 Fas1 &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
expect "plan text" 0 trygg -C ws report plan angered --as-of 2015-06-01
expect_stdout "the phase name's escapes are shown visibly" 'Fas 1 Fas1 </style><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) \x1B]8;;'
expect_stdout "an OSC 8 link too" '\x1B]8;;http://evil.example/\x1B\klick'
expect "situation text" 0 trygg -C ws report situation angered --as-of 2015-06-01
expect_stdout "the source's name is shown visibly" 'Polis </style><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) \x1B]8;;'
expect "overview html" 0 trygg -C ws report overview --format html --as-of 2015-06-01
expect_stdout "the city is escaped" "Trygg i Stad &lt;/style&gt;"
expect_stdout "a strategic area is escaped" "Område &lt;/style&gt;"

done_testing
