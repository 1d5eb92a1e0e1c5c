#!/bin/bash
# Item 24, long: t0147 with 400 runs of ls against the rewriter.
TRYGG_REWRITE_RUNS=${TRYGG_REWRITE_RUNS:-400} . "$SRCDIR/tests/t0147-index-file-rewritten.sh"
