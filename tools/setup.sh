#!/bin/sh
# Install every system package ngx-pool-check's build and tests need, on
# Debian bookworm. Idempotent: when everything is there it checks and exits
# in well under a second, printing nothing.
#
#   tools/setup.sh            install what is missing (needs root or sudo)
#   tools/setup.sh --check    only report what is missing (exit 1 if any)
set -eu

# Build: Clang/LLVM 19 (plugin API, libTooling), CMake, Ninja.
# Tests: lit and FileCheck (llvm-19-tools), scan-build (clang-tools-19),
#        nginx's headers (nginx-dev) and the libraries nginx's configure
#        checks for when it configures them with Debian's flags.
PACKAGES="
clang-19
libclang-19-dev
llvm-19-dev
llvm-19-tools
clang-tools-19
cmake
ninja-build
make
gcc
python3
git
nginx-dev
libssl-dev
libpcre2-dev
zlib1g-dev
"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "setup: missing packages:$missing" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup: need root (or sudo) to install:$missing" >&2
    exit 1
fi

echo "setup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
