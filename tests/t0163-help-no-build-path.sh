#!/bin/bash
# Item 20: trygg help finds a manual page relative to its executable
# (../share/man when installed, the build folder's man/ beside the binary
# when not) or prints the text built into it; it never reads manual text
# through an absolute build or source path, which in a packaged binary
# names a folder (under /tmp) that anyone may create.  Nor is such a path
# in the binary at all (-ffile-prefix-map).
. "$SRCDIR/tests/lib.sh"

: "${BUILDDIR:?BUILDDIR must name the build folder}"
bin=$BUILDDIR/cmd/trygg

# a man that knows no page by name and logs what it is asked
TMP=$(cd "$TMP" && pwd -P)
mkdir fakebin
cat >fakebin/man <<EOS
#!/bin/sh
echo "\$*" >>"$TMP/man.log"
[ "\$1" = -w ] && [ "\$2" != -l ] && [ -f "\$2" ] && exit 0
[ "\$1" = -l ] && { echo "MAN-L \$2"; exit 0; }
exit 16
EOS
chmod +x fakebin/man

# the binary as a package puts it, with its pages under ../share/man
mkdir -p pkg/bin pkg/share/man/man1 pkg/share/man/man7
cp "$bin" pkg/bin/trygg
echo '.TH TRYGG-CHECK 1' >pkg/share/man/man1/trygg-check.1
echo '.TH TRYGG-INDEX 7' >pkg/share/man/man7/trygg-index.7

: >man.log
expect "help check, installed" 0 env PATH="$TMP/fakebin:/usr/bin:/bin" pkg/bin/trygg help check
expect_stdout "shows the page under ../share/man" "MAN-L $TMP/pkg/share/man/man1/trygg-check.1"
expect "help index, installed: section 7" 0 env PATH="$TMP/fakebin:/usr/bin:/bin" pkg/bin/trygg help index
expect_stdout "shows trygg-index(7)" "MAN-L $TMP/pkg/share/man/man7/trygg-index.7"
check "man was never asked about the build folder" sh -c "! grep -F '$BUILDDIR' '$TMP/man.log'"
check "nor about the source tree" sh -c "! grep -F '$SRCDIR/man' '$TMP/man.log'"

# without man, and without pages beside it: the text built into the binary
mkdir -p bare/bin
cp "$bin" bare/bin/trygg
: >man.log
expect "help check without man" 0 env PATH="$TMP/nowhere" bare/bin/trygg help check
expect_stdout "prints the page's text" "trygg-check - "
expect "help without man" 0 env PATH="$TMP/nowhere" bare/bin/trygg help
expect_stdout "prints trygg(1)" "EXIT STATUS"
check "the binary holds no absolute path of the build folder" sh -c "! strings '$bin' | grep -F '$BUILDDIR'"
check "nor of the source tree" sh -c "! strings '$bin' | grep -F '$SRCDIR/'"

# in its build folder, the binary shows the page built beside it
if [ -f "$BUILDDIR/man/trygg-check.1" ]; then
	: >man.log
	expect "help check in the build folder" 0 env PATH="$TMP/fakebin:/usr/bin:/bin" "$bin" help check
	expect_stdout "shows build/man's page, found from the executable" "MAN-L $(cd "$BUILDDIR" && pwd -P)/man/trygg-check.1"
fi
done_testing
