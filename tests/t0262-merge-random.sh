#!/bin/bash
# The randomized test of trygg merge-file (issue 28): 200 pairs of random
# edit sequences made with trygg's write commands from one base, merged
# both ways, each checked against the union of both sides' changes that
# tests/merge-random.py computes from the three models, or against a
# reported conflict where a key was set two ways.  It reports how many
# pairs changed different keys of one item, took the same new ID, and set
# the same key two ways (at least 30 each).  Every other pair also changes
# comments by hand: kept once each, or git's line merge with exit 1 (at
# least 30 merges must keep them).  TRYGG_MERGE_SEED and
# TRYGG_MERGE_PAIRS change the run.
. "$SRCDIR/tests/lib.sh"

if ! python3 -c 'import yaml' 2>/dev/null; then
	if [ "${CI:-}" = true ]; then
		not_ok "PyYAML is there (CI=true: a missing PyYAML fails the test)"
		done_testing
	fi
	echo "1..0 # SKIP PyYAML (python3-yaml) is missing"
	exit 0
fi
command -v git >/dev/null || { not_ok "git is installed (trygg merge-file runs it)"; done_testing; }
python3 "$SRCDIR/tests/merge-random.py"
