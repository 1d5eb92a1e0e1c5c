#!/bin/sh
# Peak memory and wall time of `trygg situation import` of generated survey
# exports (bench/gen-survey.py), two builds side by side, interleaved:
#
#   bench/survey-import.sh OLD_TRYGG NEW_TRYGG [RUNS] > table.md
#
# Each run imports into a fresh copy of the example district Angered.
# Prints one Markdown row per file and build: the median wall time and the
# median max RSS of RUNS runs (3 by default), as /usr/bin/time -f '%e s
# %M KB' measures them, or the exit status of a run that failed.  The old
# build runs under `ulimit -v 8 GiB`, so that a file it cannot import
# ends in an error rather than taking the machine's memory.
set -eu
old=$1 new=$2 runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/../examples/goteborg" "$work/ws"
rm -rf "$work/ws/.trygg"
cp "$work/ws/districts/angered.yaml" "$work/angered.yaml"

one() { # BUILD CSV: "SECONDS KB" or "exit N"
	cp "$work/angered.yaml" "$work/ws/districts/angered.yaml"
	if (ulimit -v 8388608; /usr/bin/time -o "$work/t" -f '%e %M' "$1" -C "$work/ws" \
		situation import angered --source survey "$2" --date 2015-10-01 \
		>/dev/null 2>"$work/err"); then
		cat "$work/t"
	else
		echo "exit $(sed -n 's/.*status \([0-9]*\).*/\1/p' "$work/t" | head -n 1):" \
			"$(tail -n 1 "$work/err" | cut -c 1-70)"
	fi
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| rows | problems | build | wall time | peak RSS |"
echo "|---:|---:|---|---:|---:|"
for spec in 10000:24 100000:24 999999:24 1000000:24 999999:500; do
	rows=${spec%:*} problems=${spec#*:}
	python3 "$here/gen-survey.py" "$rows" "$problems" >"$work/s.csv"
	: >"$work/old" && : >"$work/new"
	i=0
	while [ $i -lt "$runs" ]; do
		one "$old" "$work/s.csv" >>"$work/old"
		one "$new" "$work/s.csv" >>"$work/new"
		i=$((i + 1))
	done
	for b in old new; do
		if grep -q exit "$work/$b"; then
			echo "| $rows | $problems | $b | $(grep -m1 exit "$work/$b") | |"
		else
			t=$(cut -d' ' -f1 "$work/$b" | median)
			m=$(cut -d' ' -f2 "$work/$b" | median)
			echo "| $rows | $problems | $b | $t s | $((m / 1024)) MiB |"
		fi
	done
done
