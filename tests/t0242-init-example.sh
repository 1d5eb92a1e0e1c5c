#!/bin/bash
# trygg init --example DIR: a copy of examples/goteborg, built into the
# binary, where the user can write; found with no source tree or installed
# data (the binary alone, in another folder), so an installed trygg needs
# nothing under /usr/share/doc.
. "$SRCDIR/tests/lib.sh"

expect "init --example" 0 trygg init --example ex
expect_no_stdout "prints nothing on stdout"
expect_stderr "says where, and what to try" "trygg: the example workspace in ex; try 'trygg -C ex report overview'"
check "the same files as examples/goteborg, and a .gitignore" \
	diff -r -x .gitignore -x .trygg "$SRCDIR/examples/goteborg" ex
check "every file of examples/goteborg is there" \
	test "$(cd "$SRCDIR/examples/goteborg" && find . -type f ! -path './.trygg/*' | sort)" = \
	"$(cd ex && find . -type f ! -name .gitignore | sort)"
check ".gitignore ignores the index" grep -qx '.trygg/' ex/.gitignore
check "the files are the user's to write" test -w ex/trygg.yaml -a -w ex/districts/angered.yaml
expect "it passes check" 0 trygg -C ex check
expect "and reads" 0 trygg -C ex ls measures --district angered
expect_stdout "what the example says" "Läxhjälp och studiestöd på fritidsgårdar och bibliotek"
expect "and takes an edit" 0 trygg -C ex plan set angered P6.M1 status=done

# The binary alone, elsewhere, with an empty environment.
mkdir -p alone
cp "$TRYGG" alone/trygg
if [ -z "${TRYGG_VALGRIND:-}" ]; then
	expect "the binary alone, with an empty environment" 0 env -i alone/trygg init --example ex2
	check "writes the same example" diff -r "$TMP/ex/.gitignore" ex2/.gitignore
	check "the same plan files" diff -r "$SRCDIR/examples/goteborg/districts" ex2/districts
fi

cp ex/trygg.yaml before.yaml
expect "not over a workspace" 2 trygg init --example ex
expect_stderr "says why" "ex/trygg.yaml: error: a workspace exists here already; not overwriting it"
expect_same "trygg.yaml is untouched" before.yaml ex/trygg.yaml
expect "not with --city" 2 trygg init --example --city Malmö ex3
expect_stderr "says why" "--example is Göteborg's; it takes no --city"
check "and makes nothing" test ! -e ex3
expect "a folder whose parent is missing: exit 73" 73 trygg init --example no/such/dir
expect_stderr "names it" "no/such/dir: error: cannot create folder"
mkdir -p here
expect "in the -C folder" 0 trygg -C here init --example
check "writes there" test -f here/districts/vastra-hisingen.yaml
mkdir -p half/districts
echo "# mine" >half/districts/angered.yaml
expect "a plan file in the way: exit 2" 2 trygg init --example half
expect_stderr "names it" "half/districts/angered.yaml: error: cannot create: File exists"
check "it is kept" test "$(cat half/districts/angered.yaml)" = "# mine"
check "and no trygg.yaml is written" test ! -e half/trygg.yaml

done_testing
