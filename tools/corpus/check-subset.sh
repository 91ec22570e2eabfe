#!/bin/sh
# CI's real-world check: build the corpus subset (nginx core's src/http and
# the echo, headers-more, dav-ext and fancyindex modules, from Debian's
# source packages), run ngx-pool-check over its translation units, and fail
# when a finding is not in test/corpus/triage.tsv, when a triaged finding of
# these files is gone, or when a unit fails or crashes the analyzer.
#
#   tools/corpus/check-subset.sh [WORKDIR]
#
# WORKDIR (default: $CORPUS_SUBSET_WORKDIR, else
# ${TMPDIR:-/tmp}/ngx-pool-check-corpus-subset) must be outside the
# repository; it is reused when it exists. Expects the build in ./build
# (tools/check.sh makes it). About 5 minutes on 2 cores after the packages
# are installed.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NGX_PC_BUILD_DIR:-$root/build}
work=${1:-${CORPUS_SUBSET_WORKDIR:-${TMPDIR:-/tmp}/ngx-pool-check-corpus-subset}}

if [ ! -x "$build/bin/ngx-pool-check" ]; then
    echo "check-subset: no $build/bin/ngx-pool-check: run tools/check.sh first" >&2
    exit 2
fi
"$root/tools/corpus/build-corpus.sh" --subset "$work"
exec python3 "$root/tools/corpus/analyze-corpus.py" --workdir "$work" \
    --driver "$build/bin/ngx-pool-check" --no-baseline --check
