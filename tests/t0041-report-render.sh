#!/bin/bash
# The HTML overview renders in a real browser: headless Chromium turns it into
# a PNG.  Skipped (77) with a message when Chromium is not installed.
. "$SRCDIR/tests/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "1..0 # SKIP chromium is not installed (apt-get install chromium)"
	exit 0
fi
example_ws
expect "the HTML overview" 0 trygg -C ws report overview --format html --output ws/overview.html --as-of 2015-06-01
expect "Chromium renders it" 0 timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	--disable-quic --no-first-run --disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$TMP/profile" --window-size=1000,1500 \
	--screenshot="$TMP/overview.png" "file://$TMP/ws/overview.html"
check "into a PNG" sh -c "head -c 8 '$TMP/overview.png' | od -An -tx1 | grep -q '89 50 4e 47'"
check "with something drawn (over 20 kB)" test "$(stat -c %s "$TMP/overview.png")" -gt 20000
expect "the plan as HTML" 0 trygg -C ws report plan angered --format html --output ws/plan.html --as-of 2015-06-01
expect "Chromium prints it to PDF" 0 timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	--disable-quic --no-first-run --disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$TMP/profile" --print-to-pdf="$TMP/plan.pdf" "file://$TMP/ws/plan.html"
check "a PDF" sh -c "head -c 5 '$TMP/plan.pdf' | grep -q '%PDF-'"

done_testing
