#!/bin/sh
# The test command: set up what is missing, build, run the whole test suite
# (lit + FileCheck), then the live check (tools/live: the example module's
# leaky handlers grow a real nginx worker, their fixed twins do not).
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
# The example module's bugs on a live nginx (tools/live/README.md).
cmake --build "$build" --target check-live
