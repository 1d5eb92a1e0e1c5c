#!/bin/bash
# Item 24, long: t0147 with 200 runs (TRYGG_REWRITE_RUNS=N for more) of ls against the rewriter.
TRYGG_REWRITE_RUNS=${TRYGG_REWRITE_RUNS:-200} . "$SRCDIR/tests/t0147-index-file-rewritten.sh"
