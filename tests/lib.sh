# lib.sh: the small shell library every end-to-end test sources.
#
# Each test runs in a fresh temporary folder and speaks TAP: one "ok" or
# "not ok" line per assertion, the plan at the end.  A failed assertion
# prints what was expected and what came, and makes the script exit 1.
#
#   expect DESC CODE CMD...     run CMD, assert its exit code
#   expect_stderr DESC TEXT     the last run's stderr contains TEXT
#   expect_stdout DESC TEXT     the last run's stdout contains TEXT
#   expect_stdout_is DESC TEXT  the last run's stdout is exactly TEXT (+ newline)
#   expect_no_stdout DESC       the last run printed nothing on stdout
#   expect_same DESC A B        files A and B are byte-for-byte the same
#   check DESC CMD...           CMD (a shell test) succeeds
#   todo WHY / todo_end         the assertions between them are known
#                               failures (TAP "# TODO"): a regression test
#                               committed before its fix; meson counts a
#                               failure there as expected and a pass as an
#                               unexpected pass, which fails the run, so
#                               the fix's commit must remove the marks
#   done_testing                print the plan, exit with the verdict
#
# The binary is $TRYGG; the example workspace $EXAMPLES; the source tree
# $SRCDIR.  Sanitizer reports in stderr fail the assertion too.

set -u
: "${TRYGG:?TRYGG must name the trygg binary}"
: "${SRCDIR:?SRCDIR must name the source tree}"
EXAMPLES=${EXAMPLES:-$SRCDIR/examples/goteborg}
export TRYGG SRCDIR EXAMPLES
export LC_ALL=C.UTF-8 TZ=UTC
unset TRYGG_DIR NO_COLOR TRYGG_LANG
# Messages as their msgids (English) while the language stays Swedish, as
# reports and workspaces are: a folder with no catalogue (cmd/lang.c).
# The tests of the language (t0310-t0313) use the built catalogue.
export TRYGG_LOCALEDIR=/nonexistent/trygg-test-no-catalogue

TMP=$(mktemp -d "${TMPDIR:-/tmp}/trygg-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

# `meson test --setup=valgrind`: every run of the binary goes through
# valgrind; a memory error or a leak makes it exit 99 and print ==PID== lines
if [ -n "${TRYGG_VALGRIND:-}" ]; then
	mkdir -p "$TMP/.bin"
	# valgrind by its full path: tests run trygg with a PATH of their own
	printf '#!/bin/sh\nexec %s -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "%s" "$@"\n' \
		"$(command -v valgrind)" "$TRYGG" >"$TMP/.bin/trygg"
	chmod +x "$TMP/.bin/trygg"
	TRYGG=$TMP/.bin/trygg
	export TRYGG
fi

_n=0
_failed=0
_todo=
code=0

todo() {
	_todo=$1
}

todo_end() {
	_todo=
}

ok() {
	_n=$((_n + 1))
	echo "ok $_n - $1${_todo:+ # TODO $_todo}"
}

not_ok() {
	_n=$((_n + 1))
	if [ -n "$_todo" ]; then
		echo "not ok $_n - $1 # TODO $_todo"
	else
		_failed=$((_failed + 1))
		echo "not ok $_n - $1"
	fi
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

trygg() {
	"$TRYGG" "$@"
}

run() {
	"$@" >"$TMP/.out" 2>"$TMP/.err" </dev/null
	code=$?
}

sanitizer_clean() {
	! grep -qE 'runtime error|AddressSanitizer|LeakSanitizer|^==[0-9]+== ' "$TMP/.err"
}

expect() {
	local desc=$1 want=$2
	shift 2
	run "$@"
	if [ "$code" = "$want" ] && sanitizer_clean; then
		ok "$desc"
	else
		not_ok "$desc" "command: $*" "exit $code, wanted $want" \
			"stdout: $(head -c 2000 "$TMP/.out")" "stderr: $(head -c 3000 "$TMP/.err")"
	fi
}

expect_stderr() {
	if grep -qF -- "$2" "$TMP/.err"; then
		ok "$1"
	else
		not_ok "$1" "stderr lacks: $2" "stderr: $(head -c 3000 "$TMP/.err")"
	fi
}

expect_stdout() {
	if grep -qF -- "$2" "$TMP/.out"; then
		ok "$1"
	else
		not_ok "$1" "stdout lacks: $2" "stdout: $(head -c 3000 "$TMP/.out")"
	fi
}

expect_stdout_is() {
	printf '%s\n' "$2" >"$TMP/.want"
	if cmp -s "$TMP/.want" "$TMP/.out"; then
		ok "$1"
	else
		not_ok "$1" "stdout differs:" "$(diff "$TMP/.want" "$TMP/.out" | head -40)"
	fi
}

expect_no_stdout() {
	if [ ! -s "$TMP/.out" ]; then
		ok "$1"
	else
		not_ok "$1" "stdout should be empty: $(head -c 2000 "$TMP/.out")"
	fi
}

expect_same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$2 and $3 differ:" "$(diff "$2" "$3" | head -40)"
	fi
}

check() {
	local desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc" "failed: $*"
	fi
}

# Tests that limit memory with `ulimit -v`: AddressSanitizer reserves far
# more address space than it uses, and valgrind runs its own allocator, so
# such a test says it is skipped under both.
skip_under_memory_tools() {
	case "${TRYGG_SANITIZE:-none}" in
	*address*) echo "1..0 # SKIP ulimit -v under AddressSanitizer"; exit 0 ;;
	esac
	if [ -n "${TRYGG_VALGRIND:-}" ]; then
		echo "1..0 # SKIP ulimit -v under valgrind"
		exit 0
	fi
}

# A fresh copy of the example workspace in ./ws.
example_ws() {
	rm -rf ws
	cp -R "$EXAMPLES" ws
	rm -rf ws/.trygg
}

# A new empty workspace in ./ws with district Testby (areas Norr, Söder).
empty_ws() {
	rm -rf ws
	"$TRYGG" init ws >/dev/null 2>&1 &&
		"$TRYGG" -C ws district add Testby --area Norr --area Söder >/dev/null
}

# check_bad DESC LINE:COL MESSAGE <<< CONTENT: CONTENT as the plan file
# ws/districts/t.yaml fails check with MESSAGE at LINE:COL, and check
# leaves the file as it was; the file is removed after.
check_bad() {
	local desc=$1 where=$2 msg=$3 f=ws/districts/t.yaml
	cat >"$f"
	cp "$f" "$TMP/.before"
	expect "$desc: exit 1" 1 trygg -C ws check "$f"
	expect_stderr "$desc: at $where" "$f:$where: error: $msg"
	expect_same "$desc: file unchanged" "$TMP/.before" "$f"
	rm -f "$f"
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
	exit
}
