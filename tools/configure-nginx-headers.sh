#!/bin/sh
# Configure a copy of an unconfigured nginx source tree (Debian's nginx-dev
# headers in /usr/share/nginx/src) so that objs/ngx_auto_config.h exists and
# the real nginx headers can be compiled against.
#
#   configure-nginx-headers.sh <nginx-dev src dir> <output dir>
#
# Uses the configure flags Debian built its nginx with (conf_flags), so the
# headers are the ones Debian's dynamic modules are built against.
set -eu
src=${1:?usage: configure-nginx-headers.sh <nginx src> <output dir>}
out=${2:?usage: configure-nginx-headers.sh <nginx src> <output dir>}

if [ ! -x "$src/configure" ]; then
    echo "configure-nginx-headers: $src has no nginx configure script (install nginx-dev: tools/setup.sh)" >&2
    exit 1
fi

tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
cp -R "$src/." "$tmp/"
cd "$tmp"

flags=""
if [ -f conf_flags ]; then
    # conf_flags is a bash array assignment: NGX_CONF_FLAGS=( --a --b ... )
    flags=$(sed -n 's/^NGX_CONF_FLAGS=( *\(.*\) *)$/\1/p' conf_flags)
fi
# shellcheck disable=SC2086
if ! ./configure $flags > configure.log 2>&1; then
    echo "configure-nginx-headers: nginx's configure failed; see $tmp/configure.log" >&2
    exit 1
fi
cd - > /dev/null
rm -rf "$out"
mv "$tmp" "$out"
