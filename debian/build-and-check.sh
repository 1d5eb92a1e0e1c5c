#!/bin/bash
# Build the Debian package from a copy of this tree, lint it, install it and
# run it:
#
#   debian/build-and-check.sh [-o DIR] [-k]
#
#   -o DIR  keep the .deb (and .buildinfo, .changes) in DIR
#   -k      keep the package installed afterwards (default: purge it)
#
# The copy (without .git, build folders and indexes) goes to a temporary
# folder, so dpkg-buildpackage leaves nothing in the working tree.  Fails
# when the build, the package's tests, lintian (errors; warnings are
# printed), the installation or `trygg --version` fails.  Needs dpkg-dev,
# debhelper, lintian, fakeroot and the Build-Depends of debian/control;
# installing needs root (or sudo).
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
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=trygg_${version}_${arch}.deb

work=$(mktemp -d "${TMPDIR:-/tmp}/trygg-pkg.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/trygg-$upstream
mkdir "$tree"
tar -C "$src" -cf - --exclude=./.git --exclude='./build*' --exclude='./obj-*' \
	--exclude=./debian/build --exclude=./debian/.debhelper --exclude=./debian/trygg \
	--exclude=.trygg . | tar -C "$tree" -xf -

step() { printf '\n==> %s\n' "$*"; }

step "dpkg-buildpackage -us -uc -b (in $tree)"
start=$(date +%s)
(cd "$tree" && dpkg-buildpackage -us -uc -b)
echo "package built in $(($(date +%s) - start)) s: $deb"
test -f "$work/$deb"

step "lintian $deb"
lintian --fail-on error --display-info "$work/$deb"

step "apt-get install ./$deb"
(cd "$work" && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb")

step "trygg --version"
got=$(trygg --version)
echo "$got"
[ "$got" = "trygg $upstream" ] || { echo "expected 'trygg $upstream'" >&2; exit 1; }
man -w trygg >/dev/null 2>&1 || [ -f /usr/share/man/man1/trygg.1.gz ]
bash -c '. /usr/share/bash-completion/completions/trygg && complete -p trygg' >/dev/null

if [ -n "$outdir" ]; then
	mkdir -p "$outdir"
	cp "$work"/trygg*_"$version"_* "$outdir"/
	echo "kept in $outdir: $(cd "$work" && ls trygg*_"$version"_*)"
fi
if [ "$keep" = 0 ]; then
	step "apt-get purge trygg"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q trygg >/dev/null
fi
echo "package check passed: $deb"
