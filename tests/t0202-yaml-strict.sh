#!/bin/bash
# YAML that libyaml 0.2.5 accepts and the YAML spec refuses (issue 19,
# item 31): the yaml-test-suite's cases 9C9N, 9JBA, CVW2, DK95/01, G5U8,
# MUS6/00, QB6E, S98Z, SU5Z, X4QW, Y79Y/003 and YJV2, each in an otherwise
# valid plan, in tests/yaml-invalid/: NAME.yaml is refused with the
# message in NAME.err (its place and text); ok-*.yaml are near misses
# that are valid YAML and pass.
. "$SRCDIR/tests/lib.sh"

dir=$SRCDIR/tests/yaml-invalid
n=0
for f in "$dir"/*.yaml; do
	name=$(basename "$f" .yaml)
	cp "$f" "$name.yaml"
	n=$((n + 1))
	if [ -f "$dir/$name.err" ]; then
		expect "$name: refused" 1 trygg check "$name.yaml"
		expect_stderr "$name: at its place, saying why" "$(cat "$dir/$name.err")"
	else
		expect "$name: valid YAML passes" 0 trygg check "$name.yaml"
	fi
done
check "all the cases ran" [ "$n" -ge 19 ]

done_testing
