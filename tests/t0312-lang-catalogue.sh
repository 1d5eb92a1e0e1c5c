#!/bin/bash
# The Swedish catalogue holds every message of the sources: xgettext,
# with the keywords of po/xgettext-args, over the files of
# po/POTFILES.in (which names every C file of cmd/ and lib/) finds no
# message that po/trygg.pot or po/sv.po lacks; sv.po translates them all,
# keeps each format's conversions (msgfmt --check-format) and has no
# fuzzy entry.
. "$SRCDIR/tests/lib.sh"

for t in xgettext msgcmp msgfmt msgattrib; do
	if ! command -v $t >/dev/null; then
		echo "1..0 # SKIP $t (gettext) is not installed"
		exit 0
	fi
done
po=$SRCDIR/po
(cd "$SRCDIR" && ls cmd/*.c lib/*.c lib/out/*.c lib/report/*.c) | sort >sources.txt
grep -v '^#' "$po/POTFILES.in" | grep . | sort >potfiles.txt
check "POTFILES.in names every C file of cmd/ and lib/" diff sources.txt potfiles.txt

mapfile -t args <"$po/xgettext-args"
(cd "$SRCDIR" && xgettext "${args[@]}" --files-from=po/POTFILES.in -o "$TMP/now.pot")
check "xgettext read the sources" test -s now.pot
expect "po/trygg.pot has every message (meson compile trygg-pot)" 0 \
	msgcmp --use-untranslated "$po/trygg.pot" now.pot
expect "po/sv.po has every message (meson compile trygg-update-po)" 0 \
	msgcmp --use-untranslated "$po/sv.po" now.pot
expect "sv.po keeps the formats" 0 msgfmt --check-format -o /dev/null "$po/sv.po"
msgattrib --untranslated --no-obsolete "$po/sv.po" | grep -c '^msgid ' >untranslated.txt
check "sv.po translates every message ($(( $(cat untranslated.txt) - 1 )) left)" \
	test "$(cat untranslated.txt)" -le 1
msgattrib --only-fuzzy --no-obsolete "$po/sv.po" | grep -c '^msgid ' >fuzzy.txt
check "sv.po has no fuzzy translation" test "$(cat fuzzy.txt)" -le 1

done_testing
