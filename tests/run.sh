#!/bin/bash
# The whole test suite: build trygg twice, plainly and with AddressSanitizer
# and UndefinedBehaviorSanitizer, run every test in both and once more under
# valgrind, and print one line "N passed, N failed" counted from meson's
# testlog files.  Exits non-zero when any test failed or a build broke.
set -u
cd "$(dirname "$0")/.." || exit 1

setup() {
	local dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@" >/dev/null
	fi
}

broken=0
suite() {
	local dir=$1
	shift
	if ! setup "$dir" "$@" || ! meson compile -C "$dir" >/dev/null; then
		echo "build in $dir failed" >&2
		meson compile -C "$dir" 2>&1 | tail -30 >&2
		broken=1
		return
	fi
	meson test -C "$dir" --print-errorlogs --num-processes 2
}

suite build-test -Db_sanitize=none
# the same build once more with every trygg process under valgrind, less
# the randomized and heavy tests of suite 'slow'
if command -v valgrind >/dev/null && [ "$broken" = 0 ]; then
	meson test -C build-test --setup=valgrind --no-suite static --no-suite slow --print-errorlogs --num-processes 2
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86 \
	suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false

python3 - build-test build-sanitize <<'PY'
import json, os, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
logs = [os.path.join(d, "meson-logs", name) for d in sys.argv[1:]
        for name in ("testlog.json", "testlog-valgrind.json")]
for log in logs:
    if not os.path.exists(log):
        continue
    for line in open(log, encoding="utf-8"):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            counts["passed"] += 1
        elif r == "SKIP":
            counts["skipped"] += 1
        else:
            counts["failed"] += 1
line = f'{counts["passed"]} passed, {counts["failed"]} failed'
if counts["skipped"]:
    line += f', {counts["skipped"]} skipped'
print(line)
sys.exit(1 if counts["failed"] or counts["passed"] == 0 else 0)
PY
status=$?
[ "$broken" = 0 ] || status=1
exit $status
