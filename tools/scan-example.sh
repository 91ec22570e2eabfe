#!/bin/sh
# The main job, end to end on a fresh machine: set up, build, and scan the
# example nginx module in test/example-module (leaky/ has the bugs the
# checkers find, fixed/ is its fixed twin) with ngx-pool-check against
# nginx's real headers, printing the findings and writing one SARIF file.
#
#   tools/scan-example.sh
#
# Exits 0 when the scan ran (findings are the point of the example), 2 when
# it could not.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NGX_PC_BUILD_DIR:-$root/build}

"$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target ngx-pool-check nginx-headers >/dev/null

ngx="$build/nginx-headers"
incs=""
for d in src/core src/event src/event/modules src/os/unix objs \
         src/http src/http/modules src/http/v2; do
    incs="$incs -I $ngx/$d"
done

cd "$root"
status=0
# shellcheck disable=SC2086
"$build/bin/ngx-pool-check" --sarif="$build/example-module.sarif" \
    test/example-module/leaky/ngx_http_leaky_module.c \
    test/example-module/fixed/ngx_http_fixed_module.c \
    -- $incs || status=$?
echo "SARIF: $build/example-module.sarif"
[ "$status" -le 1 ] || exit "$status"
exit 0
