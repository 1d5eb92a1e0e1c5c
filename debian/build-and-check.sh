#!/bin/bash
# Build the Debian source and binary packages of this tree, lint them,
# check that the build is reproducible, install the package and run it:
#
#   debian/build-and-check.sh [-o DIR] [-k]
#
#   -o DIR  keep the packages (.dsc, tarballs, .deb, .buildinfo, .changes)
#   -k      keep the package installed afterwards (default: purge it)
#
# 1. The upstream tarball: `meson dist` of the working tree as it is (its
#    files that git tracks or does not ignore, committed to a throwaway git
#    repository) becomes trygg_VERSION.orig.tar.xz.
# 2. dpkg-buildpackage builds the source package (3.0 (quilt)) and the
#    binary packages from that tarball unpacked, running the test suite.
# 3. lintian --fail-on error checks the .dsc and the .deb.
# 4. A second build, from the .dsc unpacked by dpkg-source in another
#    folder (without the tests), must give byte-identical .deb files, and
#    neither the binary nor its debug info may name a build folder.
# 5. apt-get installs the .deb; `trygg --version`, its manual and its
#    completion are checked; then the package is purged.
#
# Everything happens in a temporary folder: the working tree is left as it
# was.  Each step prints "==> step"; a failure ends with "FAILED: what".
# Needs dpkg-dev, debhelper, lintian, fakeroot, git, meson and the
# Build-Depends of debian/control; installing needs root (or sudo).
set -eu
outdir=
keep=0
while getopts o:k opt; do
	case $opt in
	o) outdir=$(realpath "$OPTARG") ;;
	k) keep=1 ;;
	*) sed -n '2,9s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
src=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
upstream=${version%-*}
epoch=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Timestamp)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
debs="trygg_${version}_${arch}.deb trygg-dbgsym_${version}_${arch}.deb"
dsc=trygg_${version}.dsc
orig=trygg_${upstream}.orig.tar.xz

work=$(mktemp -d "${TMPDIR:-/tmp}/trygg-pkg.XXXXXX")
export SOURCE_DATE_EPOCH=$epoch LC_ALL=C.UTF-8 TZ=UTC

step() {
	printf '\n==> %s\n' "$*"
	what=$*
	t0=$(date +%s)
}
took() { echo "--- $what: $(($(date +%s) - t0)) s"; }
fail() {
	echo "FAILED: $*" >&2
	exit 1
}
# the failed tests' TAP lines, then the end of a build's log
show_log() {
	grep -E '^not ok|^#   ' "$1" | grep -v '# TODO' | head -60 >&2 || true
	tail -40 "$1" >&2
}
trap 'rc=$?; [ $rc = 0 ] || echo "FAILED (exit $rc) in: $what" >&2; rm -rf "$work"' EXIT
what=start
all=$(date +%s)

step "upstream tarball: meson dist of the working tree"
mkdir "$work/snap"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$src" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -C "$work/snap" -xf -
else
	tar -C "$src" -cf - --exclude=./.git --exclude='./build*' --exclude='./obj-*' \
		--exclude=./debian/build --exclude=./debian/.debhelper --exclude=./debian/trygg \
		--exclude=.trygg . | tar -C "$work/snap" -xf -
fi
(
	cd "$work/snap"
	git init -q
	git add -A
	GIT_AUTHOR_DATE="@$epoch +0000" GIT_COMMITTER_DATE="@$epoch +0000" \
		git -c user.name=trygg -c user.email=trygg@example.org commit -q -m "trygg $upstream"
	meson setup "$work/dist" >"$work/dist.log" 2>&1 &&
		meson dist -C "$work/dist" --no-tests --formats xztar >>"$work/dist.log" 2>&1
) || { cat "$work/dist.log" >&2; fail "meson dist"; }
mkdir "$work/a"
mv "$work/dist/meson-dist/trygg-$upstream.tar.xz" "$work/a/$orig"
rm -rf "$work/snap" "$work/dist"
echo "$orig: $(stat -c %s "$work/a/$orig") bytes"
took

step "dpkg-buildpackage -us -uc (source and binary, with the tests)"
tar -C "$work/a" -xf "$work/a/$orig"
(cd "$work/a/trygg-$upstream" && dpkg-buildpackage -us -uc) >"$work/build-a.log" 2>&1 ||
	{ show_log "$work/build-a.log"; fail "dpkg-buildpackage (log above)"; }
grep -E '^dpkg-source: (info|warning)|^[0-9]+/[0-9]+ .*(FAIL|ERROR)|^(Ok|Fail|Skipped):' \
	"$work/build-a.log" || true
for f in "$dsc" "$orig" trygg_${version}.debian.tar.xz $debs; do
	[ -f "$work/a/$f" ] || fail "dpkg-buildpackage made no $f"
	echo "built: $f"
done
took

step "lintian --fail-on error $dsc trygg_${version}_${arch}.deb"
lintian --fail-on error --display-info "$work/a/$dsc" "$work/a/trygg_${version}_${arch}.deb" ||
	fail "lintian found errors (E: lines above; 'trygg source' is the .dsc)"
took

step "second build: dpkg-source -x $dsc in another folder, dpkg-buildpackage -b (nocheck)"
mkdir "$work/second-build"
(cd "$work/second-build" && dpkg-source -x "$work/a/$dsc" tree >/dev/null &&
	cd tree && DEB_BUILD_OPTIONS="nocheck${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" \
	dpkg-buildpackage -us -uc -b) >"$work/build-b.log" 2>&1 ||
	{ show_log "$work/build-b.log"; fail "the second dpkg-buildpackage (log above)"; }
took

step "reproducible: the two builds give the same bytes"
bad=0
for f in $debs; do
	if cmp -s "$work/a/$f" "$work/second-build/$f"; then
		echo "same: $f ($(sha256sum <"$work/a/$f" | cut -c1-16))"
		continue
	fi
	bad=1
	echo "DIFFERENT: $f" >&2
	for side in a second-build; do
		mkdir -p "$work/x-$side" && dpkg-deb -R "$work/$side/$f" "$work/x-$side/${f%%_*}"
	done
	diff -rq "$work/x-a" "$work/x-second-build" >&2 || true
done
mkdir -p "$work/bin"
dpkg-deb -x "$work/a/trygg_${version}_${arch}.deb" "$work/bin/deb"
dpkg-deb -x "$work/a/trygg-dbgsym_${version}_${arch}.deb" "$work/bin/dbgsym"
debug=$(find "$work/bin/dbgsym" -name '*.debug')
[ -n "$debug" ] || fail "no debug info in trygg-dbgsym"
for f in "$work/bin/deb/usr/bin/trygg" $debug; do
	for dir in "$work/a" "$work/second-build" "$work"; do
		if grep -qaF "$dir" "$f"; then
			bad=1
			echo "NAMES A BUILD FOLDER: ${f#"$work"/bin/} contains $dir:" >&2
			strings -a "$f" | grep -F "$dir" | sort -u | head -5 >&2
		fi
	done
done
[ "$bad" = 0 ] || fail "the build is not reproducible (see above)"
echo "usr/bin/trygg and its debug info name no build folder"
took

step "apt-get install ./trygg_${version}_${arch}.deb"
(cd "$work/a" && $SUDO env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q "./trygg_${version}_${arch}.deb") >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log" >&2; fail "apt-get install"; }
got=$(trygg --version)
echo "$got"
[ "$got" = "trygg $upstream" ] || fail "trygg --version printed '$got', not 'trygg $upstream'"
man -w trygg >/dev/null 2>&1 || [ -f /usr/share/man/man1/trygg.1.gz ] ||
	fail "no manual page trygg(1)"
bash -c '. /usr/share/bash-completion/completions/trygg && complete -p trygg' >/dev/null ||
	fail "no bash completion"
took

if [ -n "$outdir" ]; then
	mkdir -p "$outdir"
	cp "$work"/a/trygg*_"$upstream"* "$outdir"/
	echo "kept in $outdir: $(cd "$work/a" && echo trygg*_"$upstream"*)"
fi
if [ "$keep" = 0 ]; then
	step "apt-get purge trygg"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q trygg >/dev/null
fi
what=done
echo "package check passed in $(($(date +%s) - all)) s: $dsc, $debs (reproducible)"
