#!/bin/bash
# --help, --version, usage errors, help pages, failed writes to stdout.
. "$SRCDIR/tests/lib.sh"

expect "--version" 0 trygg --version
expect_stdout "prints the version" "trygg "
expect "--help" 0 trygg --help
expect_stdout "lists commands" "check"
expect "no command is a usage error" 2 trygg
expect "an unknown command" 2 trygg chek
expect_stderr "suggests the nearest" "did you mean 'check'?"
expect "an unknown global option" 2 trygg --frobnicate
for c in init check district help; do
	expect "trygg $c --help" 0 trygg "$c" --help
	expect_stdout "trygg $c --help shows its usage" "usage: trygg $c"
done
for v in "plan add-problem" "plan add-measure" "plan set" "plan rm" "plan import" "situation add" \
	"situation import" "situation merge" "followup record" "district add" "district ls"; do
	expect "trygg $v --help, outside a workspace" 0 trygg $v --help
	expect_stdout "shows the usage" "usage: trygg ${v%% *}"
done
expect "an option of another verb" 2 trygg -C "$EXAMPLES" plan add-problem angered --title x --text y
expect_stderr "is named" "add-problem does not take --text"
expect "-C without a folder" 2 trygg -C
expect_stderr "says it needs one" "option '-C' needs a folder"
expect "an unknown option of a command" 2 trygg check --bogus
expect_stderr "names it" "unknown option '--bogus'"
expect "an unknown verb" 2 trygg -C "$EXAMPLES" district lss
expect_stderr "suggests the verb" "did you mean 'ls'?"
expect "help for a command" 0 env MANPAGER=cat PAGER=cat "$TRYGG" help check
expect_stdout "shows the check page" "trygg-check"
expect "help for an unknown command" 2 trygg help nonsense

if [ -w /dev/full ]; then
	expect "a failed write to stdout is exit 74" 74 sh -c '"$TRYGG" -C "$EXAMPLES" district ls >/dev/full'
	expect_stderr "with a message" "cannot write to standard output"
fi

done_testing
