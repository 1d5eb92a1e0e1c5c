#!/bin/bash
# A reproducible build: the binary names neither the source tree nor the
# build folder, in its data or in its debug info (meson.build maps both
# with -ffile-prefix-map), so two builds in different folders can give the
# same bytes (debian/build-and-check.sh compares two such builds).
. "$SRCDIR/tests/lib.sh"

: "${BUILDDIR:?BUILDDIR must name the build folder}"
if ! command -v strings >/dev/null || ! command -v readelf >/dev/null; then
	echo "1..0 # SKIP strings or readelf (binutils) is not installed"
	exit 0
fi

# The folders as given and with symbolic links resolved.
folders=$(printf '%s\n' "$SRCDIR" "$BUILDDIR" "$(realpath "$SRCDIR")" "$(realpath "$BUILDDIR")" | sort -u)
bin=$TRYGG
[ -n "${TRYGG_VALGRIND:-}" ] && bin=$BUILDDIR/cmd/trygg

# expect_none DESC FILE: no line of FILE names one of the folders
expect_none() {
	local found
	found=$(grep -F "$folders" "$2" | sed -E 's/^ *<[0-9a-f]+> *//' | sort | uniq -c | head -20)
	if [ -z "$found" ]; then
		ok "$1"
	else
		not_ok "$1" "found (count, line):" "$found"
	fi
}

if readelf -S "$bin" | grep -q '\.debug_info'; then
	readelf --debug-dump=info,line "$bin" >debug.txt 2>/dev/null
	expect_none "no source or build folder in the debug info" debug.txt
	check "the debug info names its sources (relative)" grep -qE 'DW_AT_name.*lib/workspace\.c' debug.txt
else
	ok "the debug info # SKIP the binary has none"
fi

strings -a "$bin" >strings.txt
expect_none "no source or build folder anywhere in the binary" strings.txt

done_testing
