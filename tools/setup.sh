#!/bin/sh
# Install every system package ngx-pool-check's build and tests need, on
# Debian bookworm. Idempotent: when everything is there it checks and exits
# in well under a second, printing nothing.
#
#   tools/setup.sh            install what is missing (needs root or sudo)
#   tools/setup.sh --check    only report what is missing (exit 1 if any)
#
# Besides Debian's packages: Node.js and npm (Debian's, unless some node and
# npm are already on PATH), and Microsoft's SARIF validator (npm package
# @microsoft/sarif-multitool) for the driver's SARIF tests. The validator goes
# into a cache directory outside the repository, never committed:
#   ${NGX_PC_CACHE:-${XDG_CACHE_HOME:-~/.cache}/ngx-pool-check}/sarif-multitool
# (test/lit.cfg.py looks for it there).
set -eu

# Build: Clang/LLVM 19 (plugin API, libTooling), CMake, Ninja.
# Tests: lit and FileCheck (llvm-19-tools), scan-build (clang-tools-19),
#        nginx's headers (nginx-dev) and the libraries nginx's configure
#        checks for when it configures them with Debian's flags.
# Live check (tools/live): Debian's nginx, which loads the example module
#        built against nginx-dev, wrk (HTTP/1.1) and h2load (nghttp2-client,
#        HTTP/2) as clients, gcc's AddressSanitizer (libasan, with gcc), and
#        matplotlib for the report's plots.
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
g++
python3
git
nginx-dev
libssl-dev
libpcre2-dev
zlib1g-dev
pre-commit
bear
python3-yaml
nginx
wrk
nghttp2-client
python3-matplotlib
"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done

# Node.js and npm run the SARIF validator's installer; any node on PATH will
# do (a nodesource nodejs bundles npm and conflicts with Debian's npm).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${NGX_PC_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/ngx-pool-check}
multitool_version=5.7.0
multitool_dir=$cache/sarif-multitool
multitool=$multitool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ "${1:-}" = "--check" ]; then
    status=0
    if [ -n "$missing" ]; then
        echo "setup: missing packages:$missing" >&2
        status=1
    fi
    if [ ! -x "$multitool" ]; then
        echo "setup: missing the SARIF validator ($multitool)" >&2
        status=1
    fi
    exit $status
fi

if [ -n "$missing" ]; then
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
fi

# The SARIF validator, pinned; the npm package ships the Linux binary without
# its execute bit.
if [ ! -x "$multitool" ]; then
    echo "setup: installing the SARIF validator into $multitool_dir" >&2
    mkdir -p "$multitool_dir"
    npm install --prefix "$multitool_dir" --no-audit --no-fund \
        --loglevel=error "@microsoft/sarif-multitool@$multitool_version" >/dev/null
    chmod u+x "$multitool"
fi
