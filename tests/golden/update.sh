#!/bin/sh
# Regenerate the report golden files from the example workspace.
# Usage: tests/golden/update.sh BUILD/cmd/trygg   (then read `git diff`)
set -eu
trygg=${1:?usage: tests/golden/update.sh path/to/trygg}
cd "$(dirname "$0")/../.."
for k in plan followup situation overview overdue; do
	case $k in overview|overdue) who=--all ;; *) who=angered ;; esac
	for f in text md html csv json; do
		"$trygg" -C examples/goteborg report $k $who --format $f --as-of 2015-06-01 \
			>tests/golden/report-$k.$f
	done
done
"$trygg" -C examples/goteborg report overview --lang en --as-of 2015-06-01 \
	>tests/golden/report-overview-en.text
for f in text md html csv json; do
	"$trygg" -C tests/fixtures/schema2 report indicators --all --format $f --as-of 2025-01-01 \
		>tests/golden/report-indicators.$f
done
