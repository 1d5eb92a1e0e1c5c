#!/bin/bash
# Guards that keep the code's shape (issue "lib owns the format"):
#  - every test script and unit test in tests/ is registered in meson, so
#    none is silently left out of the suite;
#  - lib/ never prints or exits: libtrygg.a references none of stdout,
#    stderr, printf, fprintf, puts, exit (cmd/ speaks, lib/ returns);
#  - lib/ never translates: it references no gettext function (it returns
#    a message's msgid and arguments, cmd/ translates; DESIGN.md §9);
#  - every symbol libtrygg.a exports carries a project prefix: tg_ for the
#    interface, buf_ for the buffer, tgi_ for names shared between lib/'s
#    own files.  Names not yet renamed are listed in
#    tests/symbols-unprefixed.txt, which may only shrink.
. "$SRCDIR/tests/lib.sh"
: "${LIBTRYGG:?LIBTRYGG must name libtrygg.a}"

missing=
for f in "$SRCDIR"/tests/t[0-9]*.sh "$SRCDIR"/tests/t[0-9]*.c "$SRCDIR"/tests/unit-*.c; do
	b=${f##*/}
	n=${b%.*}
	grep -q -e "'$b'" -e "'$n'" "$SRCDIR/tests/meson.build" || missing="$missing $b"
done
check "every test in tests/ is registered in tests/meson.build${missing:+ (missing:$missing)}" \
	test -z "$missing"

NM=${NM:-nm}
$NM -A -u "$LIBTRYGG" 2>/dev/null >undefined.txt
check "nm lists libtrygg.a's undefined symbols" test -s undefined.txt
awk '$NF ~ /^(stdout|stderr|printf|fprintf|puts|exit)$/ {
	o = $1; sub(/:$/, "", o); sub(/.*\//, "", o); print o ": " $NF }' undefined.txt >prints.txt
check "lib/ neither prints nor exits$( [ -s prints.txt ] && printf ' (%s)' "$(tr '\n' ' ' <prints.txt)")" \
	test ! -s prints.txt

awk '$NF ~ /^(gettext|dgettext|dcgettext|ngettext|dngettext|dcngettext|textdomain|bindtextdomain|setlocale)$/ {
	o = $1; sub(/:$/, "", o); sub(/.*\//, "", o); print o ": " $NF }' undefined.txt >translates.txt
check "lib/ never translates$( [ -s translates.txt ] && printf ' (%s)' "$(tr '\n' ' ' <translates.txt)")" \
	test ! -s translates.txt

# (names starting with __ are the compiler's own, such as AddressSanitizer's
# __odr_asan.NAME markers)
$NM -g --defined-only "$LIBTRYGG" 2>/dev/null | awk 'NF == 3 && $3 !~ /^__/ { print $3 }' |
	LC_ALL=C sort -u >exported.txt
check "libtrygg.a exports symbols" test -s exported.txt
grep -v -E '^(tg_|buf_|tgi_)' exported.txt >unprefixed.txt
grep -v "^#" "$SRCDIR/tests/symbols-unprefixed.txt" | LC_ALL=C sort -u >allowed.txt
new=$(LC_ALL=C comm -23 unprefixed.txt allowed.txt | tr '\n' ' ')
check "every new exported symbol has a prefix tg_, buf_ or tgi_${new:+ (not: $new)}" test -z "$new"
gone=$(LC_ALL=C comm -13 unprefixed.txt allowed.txt | tr '\n' ' ')
check "tests/symbols-unprefixed.txt lists only names still unprefixed${gone:+ (remove: $gone)}" \
	test -z "$gone"

done_testing
