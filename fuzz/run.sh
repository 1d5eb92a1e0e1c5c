#!/bin/bash
# fuzz/run.sh [SECONDS [TARGET...]]: build the libFuzzer targets and fuzz
# each (load csv edit merge mergefile, or those named) for SECONDS, default 60.
#
# Installs nothing.  Needs, on Debian 12:
#   apt-get install clang-14 libclang-rt-14-dev dpkg-dev
# and source packages enabled for `apt-get source` ("Types: deb deb-src" in
# /etc/apt/sources.list.d/debian.sources, then apt-get update; .ci/run does
# it).  libyaml and libcsv are fetched with `apt-get source` and compiled
# with coverage and sanitizers in $TRYGG_FUZZ_DIR (default
# ~/.cache/trygg-fuzz), outside the tree; if that cannot work, the system
# libraries are used and a note says so (libFuzzer then sees nothing inside
# them, so it finds less).  The targets are built in build-fuzz/.  New
# inputs the fuzzer finds go to $TRYGG_FUZZ_CORPUS/TARGET (default
# $TRYGG_FUZZ_DIR/corpus, kept from run to run), reproducers to
# $TRYGG_FUZZ_DIR/artifacts/TARGET/ (docs/fuzzing.md says what next).
#
# Exit status: 0 no finding; 1 a target crashed, leaked, hit a sanitizer,
# broke an invariant or timed out; 2 a setup or build problem.
set -u
cd "$(dirname "$0")/.." || exit 2

secs=${1:-60}
case $secs in
'' | *[!0-9]*) echo "usage: fuzz/run.sh [SECONDS [TARGET...]]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
targets=${*:-load csv edit merge mergefile}

work=${TRYGG_FUZZ_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/trygg-fuzz}
build=build-fuzz
cc=${FUZZ_CC:-clang-14}
command -v "$cc" >/dev/null || cc=clang
mkdir -p "$work/logs" || exit 2

say() { echo "fuzz: $*"; }
die() { echo "fuzz: $*" >&2; exit 2; }

# ---- the compiler and libFuzzer ------------------------------------------
command -v "$cc" >/dev/null || die "no clang: apt-get install clang-14 libclang-rt-14-dev"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n & 0; }\n' \
	>"$work/probe.c"
"$cc" -fsanitize=fuzzer,address,undefined "$work/probe.c" -o "$work/probe" 2>"$work/logs/probe.log" ||
	die "$cc cannot link libFuzzer: apt-get install libclang-rt-14-dev ($(tail -1 "$work/logs/probe.log"))"

# ---- libyaml and libcsv from Debian's sources, instrumented -------------
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
deps=$work/deps

fetch() {
	local src=$work/src
	mkdir -p "$src" || return 1
	if ls -d "$src"/libyaml-*/ "$src"/libcsv-*/ >/dev/null 2>&1; then
		return 0
	fi
	command -v apt-get >/dev/null && command -v dpkg-source >/dev/null || {
		echo "apt-get or dpkg-source (package dpkg-dev) missing"
		return 1
	}
	(cd "$src" && apt-get source -qq libyaml libcsv) >"$work/logs/apt-get-source.log" 2>&1 || {
		grep -E '^E:' "$work/logs/apt-get-source.log" | head -3
		return 1
	}
}

build_deps() {
	local y c obj=$work/obj
	y=$(ls -d "$work"/src/libyaml-*/ | head -1) && c=$(ls -d "$work"/src/libcsv-*/ | head -1) ||
		return 1
	y=${y%/} c=${c%/}
	local stamp="$cc $flags ${y##*/} ${c##*/}"
	if [ -f "$deps/lib/libyaml.a" ] && [ -f "$deps/lib/libcsv.a" ] &&
		[ "$(cat "$deps/stamp" 2>/dev/null)" = "$stamp" ]; then
		return 0
	fi
	local ver=${y##*/libyaml-}
	ver=${ver%%[!0-9.]*}
	IFS=. read -r major minor patch <<<"$ver"
	rm -rf "$deps" "$obj" && mkdir -p "$deps/include" "$deps/lib" "$obj/yaml" "$obj/csv" || return 1
	local f
	for f in "$y"/src/*.c; do
		# shellcheck disable=SC2086
		"$cc" $flags -I"$y/include" -DYAML_VERSION_MAJOR="${major:-0}" \
			-DYAML_VERSION_MINOR="${minor:-0}" -DYAML_VERSION_PATCH="${patch:-0}" \
			-DYAML_VERSION_STRING="\"$ver\"" -c "$f" -o "$obj/yaml/$(basename "$f" .c).o" || return 1
	done
	# shellcheck disable=SC2086
	"$cc" $flags -I"$c" -c "$c/libcsv.c" -o "$obj/csv/libcsv.o" || return 1
	ar rcs "$deps/lib/libyaml.a" "$obj"/yaml/*.o && ar rcs "$deps/lib/libcsv.a" "$obj/csv/libcsv.o" &&
		cp "$y/include/yaml.h" "$c/csv.h" "$deps/include/" && echo "$stamp" >"$deps/stamp"
}

if why=$(fetch) && build_deps >"$work/logs/deps.log" 2>&1; then
	deps_opt=$deps
	say "libyaml and libcsv: Debian's sources, instrumented, in $deps"
else
	deps_opt=
	[ -n "$why" ] || why="building them failed: $(tail -3 "$work/logs/deps.log")"
	say "NOTE: cannot build libyaml and libcsv from Debian's sources ($why);"
	say "NOTE: fuzzing against the system libraries, inside which libFuzzer sees no coverage"
fi

# ---- the targets ----------------------------------------------------------
if [ -f "$build/build.ninja" ] && ! grep -q '"clang"' "$build/meson-info/intro-compilers.json" 2>/dev/null; then
	rm -rf "$build"
fi
opts=(-Dfuzz=true "-Dfuzz_deps=$deps_opt" -Dwerror=false -Db_lundef=false -Dbuildtype=debugoptimized)
if [ -f "$build/build.ninja" ]; then
	meson configure "$build" "${opts[@]}" >"$work/logs/meson.log" 2>&1
else
	CC=$cc meson setup "$build" "${opts[@]}" >"$work/logs/meson.log" 2>&1
fi || { tail -20 "$work/logs/meson.log" >&2; die "meson setup of $build failed"; }
exes=()
for t in $targets; do
	[ -f "fuzz/$t.c" ] || die "no fuzz target '$t' (fuzz/$t.c)"
	exes+=("fuzz/fuzz-$t")
done
ninja -C "$build" "${exes[@]}" >"$work/logs/build.log" 2>&1 ||
	{ grep -E 'error|FAILED' "$work/logs/build.log" | head -20 >&2; die "building the targets failed"; }

# ---- fuzzing --------------------------------------------------------------
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1${symbolizer:+:external_symbolizer_path=$symbolizer}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:symbolize=1
failed=
say "$(printf '%-6s %9s %7s %7s %7s  %s' target execs/s cov ft corpus result)"
for t in $targets; do
	case $t in csv) dict=fuzz/csv.dict ;; *) dict=fuzz/plan.dict ;; esac
	corpus=${TRYGG_FUZZ_CORPUS:-$work/corpus}/$t art=$work/artifacts/$t log=$work/logs/$t.log
	rm -rf "$art" && mkdir -p "$corpus" "$art" || exit 2
	"$build/fuzz/fuzz-$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" -dict="$dict" \
		"$corpus" "tests/fuzz/$t" >"$log" 2>&1
	rc=$?
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	result=ok
	[ "$rc" = 0 ] || result="FAILED (exit $rc)"
	say "$(printf '%-6s %9s %7s %7s %7s  %s' "$t" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")"
	if [ "$rc" != 0 ]; then
		failed="$failed $t"
		echo "---- $t: the end of $log ----"
		grep -v -E '^(#[0-9]+|INFO:|MERGE|\s*$)' "$log" | tail -60
		for a in "$art"/*; do
			[ -e "$a" ] && echo "fuzz: reproducer: $a (replay: $build/fuzz/fuzz-$t $a)"
		done
	fi
done
if [ -n "$failed" ]; then
	say "FAILED:$failed (logs in $work/logs; docs/fuzzing.md: reproduce a crash)"
	exit 1
fi
say "no finding in ${secs} s per target ($targets)"
