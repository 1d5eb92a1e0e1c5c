#!/bin/bash
# `meson install` puts in place exactly: the binary, every manual page that
# man/ has a source for, the bash, zsh and fish completion, and the example
# workspace (to read) in share/trygg/examples.  Installs into a DESTDIR
# under the test's temporary folder; the build itself is not changed.
. "$SRCDIR/tests/lib.sh"

: "${BUILDDIR:?BUILDDIR must name the build folder}"

# Skipped, not failed, without scdoc.  (Under meson's TAP protocol a skip
# is the plan "1..0 # SKIP" and exit 0: exit 77 would count as an error.)
if ! ls "$BUILDDIR"/man/*.[1-9] >/dev/null 2>&1; then
	echo "1..0 # SKIP no manual pages in $BUILDDIR/man (scdoc missing, or not built: run meson compile)"
	exit 0
fi

dest=$TMP/dest
expect "meson install" 0 meson install -C "$BUILDDIR" --destdir "$dest" --no-rebuild

# The prefix (/usr/local, /usr, …) is wherever bin/trygg landed.
bin=$(find "$dest" -path '*/bin/trygg' -type f | head -1)
root=${bin%/bin/trygg}
check "bin/trygg is installed" test -n "$bin"
expect "the installed binary runs" 0 "$bin" --version
expect_stdout "and says its version" "trygg "

# meson's options, and the completion folders they give, relative to the
# prefix (a folder given outside the prefix stays absolute).
meson introspect --buildoptions "$BUILDDIR" >options.json
option() {
	python3 -c 'import json, sys; print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == sys.argv[2]))' options.json "$1"
}
prefix=$(option prefix)
in_prefix() {
	local d=${1:-$2}
	d=${d#"$prefix"/}
	printf '%s' "$d"
}
zshdir=$(in_prefix "$(option zshcompletiondir)" share/zsh/site-functions)
fishdir=$(in_prefix "$(option fishcompletiondir)" share/fish/vendor_completions.d)

# What should be there, relative to the prefix: one page per man/*.scd.
{
	echo bin/trygg
	for scd in "$SRCDIR"/man/*.scd; do
		page=${scd##*/}
		page=${page%.scd}
		echo "share/man/man${page##*.}/$page"
	done
	echo share/bash-completion/completions/trygg
	# one message catalogue per language of po/LINGUAS
	for l in $(grep -v '^#' "$SRCDIR/po/LINGUAS"); do
		echo "share/locale/$l/LC_MESSAGES/trygg.mo"
	done
	echo "$zshdir/_trygg"
	echo "$fishdir/trygg.fish"
	(cd "$SRCDIR/examples" && find goteborg -type f ! -path '*/.trygg/*') | sed 's|^|share/trygg/examples/|'
} | sort >"$TMP/want"
(cd "$root" && find . -type f | sed 's|^\./||' | sort) >"$TMP/got"
if cmp -s "$TMP/want" "$TMP/got"; then
	ok "installed files: $(wc -l <"$TMP/want") as expected"
else
	not_ok "installed files" "under $root, - missing, + not expected:" \
		"$(diff "$TMP/want" "$TMP/got" | grep '^[<>]' | sed 's/^</-/; s/^>/+/')"
fi
check "nothing outside the prefix" test "$(find "$dest" -type f | wc -l)" = "$(wc -l <"$TMP/got")"

for f in "$root"/share/man/man*/*; do
	[ -e "$f" ] || continue
	check "${f#"$root"/} is a manual page" grep -q '^\.TH ' "$f"
done
if [ -f "$root/share/bash-completion/completions/trygg" ]; then
	expect_same "the completion is completion/trygg.bash" \
		"$SRCDIR/completion/trygg.bash" "$root/share/bash-completion/completions/trygg"
	check "the installed completion registers itself" bash -c \
		". '$root/share/bash-completion/completions/trygg' && complete -p trygg >/dev/null"
fi
for f in "$zshdir/_trygg" "$fishdir/trygg.fish"; do
	[ -f "$root/$f" ] || continue
	# the installed bash completion, by the prefix meson was given
	check "$f runs the installed bash completion" \
		grep -qF "'$prefix/share/bash-completion/completions/trygg'" "$root/$f"
done

done_testing
