#!/bin/sh
# The main job, end to end on a fresh machine: set up, build, and scan the
# example nginx module in test/example-module (leaky/, and its fixed twin),
# printing the findings.
#
#   tools/scan-example.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NGX_PC_BUILD_DIR:-$root/build}

"$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target ngx-pool-check-plugin nginx-headers >/dev/null

ngx="$build/nginx-headers"
incs=""
for d in src/core src/event src/event/modules src/os/unix objs \
         src/http src/http/modules src/http/v2; do
    incs="$incs -I $ngx/$d"
done

cd "$root"
status=0
for module in leaky fixed; do
    for src in test/example-module/$module/*.c; do
        echo "== $src"
        # shellcheck disable=SC2086
        /usr/lib/llvm-19/bin/clang --analyze \
            -Xclang -load -Xclang "$build/lib/ngx-pool-check-plugin.so" \
            -Xclang -analyzer-checker=nginx -Xclang -analyzer-output=text \
            $incs "$src" -o /dev/null || status=$?
    done
done
exit $status
