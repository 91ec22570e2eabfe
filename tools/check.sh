#!/bin/sh
# The test command: set up what is missing, build, run the whole test suite.
#
#   tools/check.sh            (from anywhere; uses ./build under the repo)
#
# .ci/run runs exactly this.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NGX_PC_BUILD_DIR:-$root/build}

"$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target check
