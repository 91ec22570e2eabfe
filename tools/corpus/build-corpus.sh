#!/usr/bin/env bash
# Fetch and build a real-world corpus for ngx-pool-check: nginx 1.22.1 (Debian
# bookworm source package) plus the third-party nginx modules Debian ships as
# libnginx-mod-* packages, and record a compile_commands.json of the build.
#
#   tools/corpus/build-corpus.sh [options] [WORKDIR]
#
#   WORKDIR        where everything goes (default: $CORPUS_WORKDIR, else
#                  /work/corpus-run); must be outside this repository
#   --subset       nginx core's src/http plus echo, headers-more, dav-ext and
#                  fancyindex only (the quick CI corpus)
#   --rebuild      redo the module test builds and the recorded build, keep
#                  the fetched sources
#   --refetch      try again to fetch the sources that could not be fetched
#                  (a failed fetch is remembered otherwise)
#   --clean        delete WORKDIR's downloads, sources and builds first
#   --no-install   do not install packages (report what is missing, go on)
#   --corpus-c     also build corpus C: the third-party modules whose source
#                  snapshots MANIFEST.tsv lists in CDIR (below), in a recorded
#                  build of their own (one that does not build is skipped
#                  with its first error) merged into compile_commands.json
#                  (components named c:NAME)
#   --corpus-c-dir CDIR   where corpus C's MANIFEST.tsv and tarballs are
#                  (default: $CORPUS_C_DIR, else ../shared/corpus-c from the
#                  repository root); implies --corpus-c
#   --corpus-c-only  corpus C alone: no corpus A module and no build of nginx
#                  core; the output files have corpus C's modules only
#   -h, --help     this text
#
# Environment: CORPUS_WORKDIR (default work dir), CORPUS_JOBS (make -j, 2),
# CORPUS_C_DIR (corpus C's snapshots).
#
# Output in WORKDIR: compile_commands.json, components.tsv, build-corpus.log
# (see tools/corpus/README.md). Re-running reuses what was fetched and built.
set -eu

NGINX_VERSION=1.22.1-9+deb12u9          # pinned: deb12u11's files are not on the mirror
NGINX_UPSTREAM=1.22.1
JOBS=${CORPUS_JOBS:-2}                  # make -j; the machine has 2 cores, shared
NICE="nice -n 10"

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

# name | binary package | modules it needs first | -dev packages | in --subset
MODULES='
ndk|libnginx-mod-http-ndk|||
lua|libnginx-mod-http-lua|ndk|libluajit2-5.1-dev libpcre3-dev|
echo|libnginx-mod-http-echo|||subset
headers-more|libnginx-mod-http-headers-more-filter|||subset
set-misc|libnginx-mod-http-set-misc|ndk||
srcache|libnginx-mod-http-srcache-filter|||
memc|libnginx-mod-http-memc|||
cache-purge|libnginx-mod-http-cache-purge|||
dav-ext|libnginx-mod-http-dav-ext||libxml2-dev libxslt1-dev|subset
fancyindex|libnginx-mod-http-fancyindex|||subset
geoip2|libnginx-mod-http-geoip2||libmaxminddb-dev|
brotli|libnginx-mod-http-brotli-filter||libbrotli-dev|
upstream-fair|libnginx-mod-http-upstream-fair|||
uploadprogress|libnginx-mod-http-uploadprogress|||
subs-filter|libnginx-mod-http-subs-filter|||
auth-pam|libnginx-mod-http-auth-pam||libpam0g-dev|
nchan|libnginx-mod-nchan|||
rtmp|libnginx-mod-rtmp|||
modsecurity|libnginx-mod-http-modsecurity||libmodsecurity-dev|
njs|libnginx-mod-http-js||libxml2-dev libxslt1-dev libssl-dev libpcre2-dev zlib1g-dev|
'

# Corpus C (--corpus-c): the modules MANIFEST.tsv lists, each unpacked from
# its tarball; those that need more than their config script:
# name | corpus A modules it needs first | extra C flags (%DIR%: its source dir)
C_NOTES='
lua-upstream-nginx-module|ndk lua|
nginx-link-function||-I%DIR%/src -Wno-error=maybe-uninitialized
'
# lua-upstream includes lua-nginx-module's ngx_http_lua_api.h. link-function's
# config looks for its own header in the compiler's include path (its README
# says to install src/ngx_link_func_module.h into /usr/local/include; the -I
# does the same without writing outside the work dir), and gcc 12 at -O2
# warns that a descriptor of its may be used uninitialized, which nginx's
# -Werror makes an error (like rtmp's __DATE__ for corpus A, see
# EXTRA_CFLAGS). The extra flags of the modules that build go into corpus C's
# configure (--with-cc-opt), so every corpus C unit has them.

# Tools, and the libraries Debian's nginx configure flags need (its
# Build-Depends, less the packaging tools).
TOOL_PACKAGES="dpkg-dev bear gcc make perl python3 xz-utils"
CORE_PACKAGES="libssl-dev libpcre2-dev zlib1g-dev libexpat1-dev libgd-dev libgeoip-dev libperl-dev libxslt1-dev libxml2-dev"

usage() { sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; }

MODE=full
REBUILD=0
CLEAN=0
REFETCH=0
INSTALL=1
CORPUS_C=0
C_ONLY=0
C_DIR=${CORPUS_C_DIR:-$REPO/../shared/corpus-c}
WORK=${CORPUS_WORKDIR:-/work/corpus-run}
while [ $# -gt 0 ]; do
    case "$1" in
        --subset) MODE=subset ;;
        --rebuild) REBUILD=1 ;;
        --clean) CLEAN=1 ;;
        --refetch) REFETCH=1 ;;
        --no-install) INSTALL=0 ;;
        --corpus-c) CORPUS_C=1 ;;
        --corpus-c-only) CORPUS_C=1; C_ONLY=1 ;;
        --corpus-c-dir) [ $# -ge 2 ] || { echo "build-corpus: --corpus-c-dir needs a directory" >&2; exit 2; }
            C_DIR=$2; CORPUS_C=1; shift ;;
        --corpus-c-dir=*) C_DIR=${1#--corpus-c-dir=}; CORPUS_C=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "build-corpus: unknown option $1 (try --help)" >&2; exit 2 ;;
        *) WORK=$1 ;;
    esac
    shift
done

T0=$(date +%s)
WORK=$(realpath -m "$WORK")
C_DIR=$(realpath -m "$C_DIR")
case "$WORK/" in
    "$(cd "$REPO" && pwd -P)"/*)
        echo "build-corpus: work dir $WORK is inside the repository $REPO; use a directory outside it" >&2
        exit 2 ;;
esac
mkdir -p "$WORK"

exec 9>"$WORK/.lock"
if ! flock -n 9; then
    echo "build-corpus: another build-corpus.sh is running in $WORK" >&2
    exit 1
fi

if [ "$CLEAN" = 1 ]; then
    rm -rf "$WORK/dl" "$WORK/src" "$WORK/build" "$WORK/state" "$WORK/logs" \
        "$WORK/compile_commands.json" "$WORK/components.tsv" "$WORK/build-corpus.log"
fi
mkdir -p "$WORK/dl" "$WORK/src" "$WORK/build" "$WORK/state" "$WORK/logs"
LOG=$WORK/build-corpus.log
LOGS=$WORK/logs
STATE=$WORK/state
: >"$LOG"

say() {
    printf '[corpus %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" | tee -a "$LOG"
}
die() { say "FATAL: $*"; exit 1; }
# first line of a log that explains a failure, made short
first_error() {
    grep -m1 -E '(error:|Error [0-9]|No such file|undefined reference)' "$1" 2>/dev/null \
        | sed -e 's#^[^ :]*/\([^/ :]*:[0-9]\)#\1#' -e 's/[[:space:]]\{1,\}/ /g' | cut -c1-200
}

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
APT_UPDATED=0
apt_update() {
    [ "$APT_UPDATED" = 1 ] && return 0
    say "apt-get update"
    $SUDO apt-get update -q >>"$LOGS/apt.log" 2>&1 || say "warning: apt-get update failed (see logs/apt.log)"
    APT_UPDATED=1
}
missing_packages() {
    local p status out=""
    for p in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        case "$status" in *" installed") ;; *) out="$out $p" ;; esac
    done
    echo "$out"
}
# ensure_packages WHAT PKG... -> 0 when all installed afterwards
ensure_packages() {
    local what=$1; shift
    local missing
    missing=$(missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$INSTALL" = 0 ]; then
        say "missing for $what:$missing (--no-install)"
        return 1
    fi
    apt_update
    say "installing for $what:$missing"
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $missing >>"$LOGS/apt.log" 2>&1 || true
    missing=$(missing_packages "$@")
    if [ -n "$missing" ]; then
        say "could not install for $what:$missing (see logs/apt.log)"
        return 1
    fi
}

# ---------------------------------------------------------------- deb-src
have_nginx_source() {
    apt-cache showsrc nginx 2>/dev/null | grep -qx "Version: $NGINX_VERSION"
}
# write_debsrc ETC OUT: deb-src entries for the Debian deb entries apt uses
# (from ETC/sources.list.d/*.sources, else ETC/sources.list, else the default
# mirror); prints the format of what it wrote: "sources" (deb822) or "list".
write_debsrc() {
    local etc=$1 out=$2 f
    : >"$out"
    for f in "$etc"/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '
            function flush() {
                if (para != "" && isdeb && isdebian) printf "Types: deb-src\n%s\n", para
                para = ""; isdeb = 0; isdebian = 0
            }
            /^[[:space:]]*$/ { flush(); next }
            /^#/ { next }
            /^Types:/ { if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) isdeb = 1; next }
            /^URIs:/ && /debian/ { isdebian = 1 }
            /^Enabled:[[:space:]]*no/ { isdeb = 0 }
            { para = para $0 "\n" }
            END { flush() }
        ' "$f" >>"$out"
    done
    if [ -s "$out" ]; then echo sources; return; fi
    if [ -f "$etc/sources.list" ]; then
        grep -E '^deb[[:space:]].*debian' "$etc/sources.list" | sed 's/^deb[[:space:]]/deb-src /' >"$out" || true
        if [ -s "$out" ]; then echo list; return; fi
    fi
    cat >"$out" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    echo sources
}
ensure_debsrc() {
    have_nginx_source && return 0
    if grep -rqsE '^(Types:.*deb-src|deb-src[[:space:]])' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        say "deb-src entries present but nginx $NGINX_VERSION unknown to apt: updating"
    else
        local tmp fmt
        tmp=$(mktemp "$STATE/deb-src.XXXXXX")
        fmt=$(write_debsrc /etc/apt "$tmp")
        local dest="/etc/apt/sources.list.d/ngx-pool-check-deb-src.$fmt"
        $SUDO install -m 644 "$tmp" "$dest" || die "cannot write $dest"
        rm -f "$tmp"
        say "added $dest"
    fi
    APT_UPDATED=0
    apt_update
    have_nginx_source || die "apt has no source package nginx=$NGINX_VERSION (deb-src lists?)"
}

# ---------------------------------------------------------------- fetching
# fetch_source SRCPKG [VERSION]: download with apt-get source, unpack into
# $WORK/src. Sets F_DIR F_VER F_PATCHES F_REASON; returns 1 when not fetched.
fetch_source() {
    local src=$1 pin=${2:-} spec=$1
    [ -n "$pin" ] && spec="$1=$2"
    local st="$STATE/fetch-$src" dl="$WORK/dl/$src" flog="$LOGS/fetch-$src.log"
    F_DIR="" F_VER="" F_PATCHES="" F_REASON="" F_CACHED=""
    if [ -f "$st" ]; then
        # shellcheck disable=SC1090
        . "$st"
        if [ -z "$pin" ] || [ "$F_VER" = "$pin" ]; then
            if [ -n "$F_DIR" ] && [ -d "$F_DIR" ]; then F_CACHED=" [cached]"; return 0; fi
            if [ -z "$F_DIR" ] && [ -n "$F_REASON" ] && [ "$REFETCH" = 0 ]; then
                F_CACHED=" [cached; --refetch tries again]"
                return 1
            fi
        fi
        F_DIR="" F_VER="" F_PATCHES="" F_REASON=""
    fi
    mkdir -p "$dl"
    local uris tmpd
    tmpd=$(mktemp -d)
    uris=$(cd "$tmpd" && apt-get source --print-uris -q "$spec" 2>"$flog.err" | grep "^'" || true)
    rmdir "$tmpd"
    if [ -z "$uris" ]; then
        F_REASON="apt-get source: $(grep -m1 '^E:' "$flog.err" | cut -c4-120)"
        rm -f "$flog.err"
        save_fetch_state "$st"
        return 1
    fi
    rm -f "$flog.err"
    local dsc
    dsc=$(printf '%s\n' "$uris" | awk '$2 ~ /\.dsc$/ {print $2; exit}')
    F_VER=$(printf '%s\n' "$uris" | awk '$2 ~ /\.dsc$/ {print $2; exit}' | sed -e "s/^${src}_//" -e 's/\.dsc$//')
    (cd "$dl" && apt-get source --download-only -q -o APT::Sandbox::User=root "$spec") >"$flog" 2>&1 || true
    if [ -f "$dl/$dsc" ]; then
        F_VER=$(sed -n 's/^Version: //p' "$dl/$dsc" | head -1)
    fi
    # which of the files the .dsc lists are here, with the right checksum
    local missing="" name sum
    while read -r _ name _ sum; do
        sum=${sum#SHA256:}
        if [ ! -f "$dl/$name" ] || ! echo "$sum  $dl/$name" | sha256sum -c --status 2>/dev/null; then
            rm -f "$dl/$name"
            missing="$missing $name"
        fi
    done <<EOF
$uris
EOF
    local up=${F_VER#*:}
    up=${up%-*}
    local dest="$WORK/src/$src-$up"
    rm -rf "$dest"
    if [ -z "$missing" ]; then
        if ! dpkg-source -x "$dl/$dsc" "$dest" >>"$flog" 2>&1; then
            F_REASON="dpkg-source -x failed (see logs/fetch-$src.log)"
            save_fetch_state "$st"
            return 1
        fi
        F_PATCHES=debian
    else
        local orig
        local f
        orig=""
        for f in "$dl/${src}_${up}".orig.tar.*; do
            case "$f" in *.asc) continue ;; esac
            if [ -f "$f" ]; then orig=${f##*/}; break; fi
        done
        if [ -z "$orig" ]; then
            F_REASON="not on the mirror:$(echo "$missing" | sed -e "s/ ${src}_/ /g")"
            save_fetch_state "$st"
            return 1
        fi
        # upstream tarball only: unpack it as dpkg-source would, without
        # Debian's packaging and patches
        local t
        t=$(mktemp -d "$WORK/src/.unpack.XXXXXX")
        tar -xf "$dl/$orig" -C "$t"
        if [ "$(ls -A "$t" | wc -l)" = 1 ] && [ -d "$t/$(ls -A "$t")" ]; then
            mv "$t/$(ls -A "$t")" "$dest"
            rmdir "$t"
        else
            mv "$t" "$dest"
        fi
        F_PATCHES="none ($(echo "$missing" | sed -e "s/ ${src}_/ /g" -e 's/^ //') not on the mirror)"
    fi
    F_DIR=$dest
    save_fetch_state "$st"
}
save_fetch_state() {
    printf 'F_DIR=%q\nF_VER=%q\nF_PATCHES=%q\nF_REASON=%q\n' "$F_DIR" "$F_VER" "$F_PATCHES" "$F_REASON" >"$1"
}

# the directory holding the module's nginx "config" script
config_dir() {
    if [ -f "$1/config" ]; then echo "$1"; return; fi
    local f
    for f in $(find "$1" -mindepth 2 -maxdepth 3 -name config -type f | awk -F/ '{print NF, $0}' | sort -n | cut -d' ' -f2-); do
        if grep -qE 'ngx_addon_name|ngx_module_name' "$f"; then dirname "$f"; return; fi
    done
}

# ---------------------------------------------------------------- setup
if [ "$C_ONLY" = 1 ]; then
    say "work dir $WORK, corpus C only (from $C_DIR)"
elif [ "$CORPUS_C" = 1 ]; then
    say "work dir $WORK, mode $MODE + corpus C (from $C_DIR)"
else
    say "work dir $WORK, mode $MODE"
fi
ensure_packages "the build tools" $TOOL_PACKAGES || die "build tools missing"
command -v bear >/dev/null || die "bear not found"

# modules of this run
SELECTED=""
while IFS='|' read -r name _ _ _ subset; do
    [ -n "$name" ] || continue
    if [ "$MODE" = subset ] && [ "$subset" != subset ]; then continue; fi
    [ "$C_ONLY" = 0 ] || continue
    SELECTED="$SELECTED $name"
done <<EOF
$MODULES
EOF
mod_field() {  # mod_field NAME FIELDNO
    printf '%s\n' "$MODULES" | awk -F'|' -v n="$1" -v f="$2" '$1 == n {print $f}'
}

ensure_debsrc

# ---------------------------------------------------------------- fetch
# per component: STATUS_x REASON_x DIR_x VER_x SRC_x PATCH_x
# (a component's name, made a shell name: corpus C's c:NAME has ':' and '.')
setv() { eval "$1_$(printf '%s' "$2" | tr -c 'A-Za-z0-9_' '_')=\$3"; }
getv() { eval "echo \"\${$1_$(printf '%s' "$2" | tr -c 'A-Za-z0-9_' '_'):-}\""; }
# a component's name in file names (c:NAME -> c-NAME)
fid() { printf '%s' "$1" | tr ':' '-'; }

fetch_source nginx "$NGINX_VERSION" || die "nginx $NGINX_VERSION: $F_REASON"
NGX_SRC=$F_DIR
[ "$F_PATCHES" = debian ] || die "nginx $NGINX_VERSION came without its Debian patches ($F_PATCHES)"
say "nginx: $NGX_SRC (Debian patches applied)$F_CACHED"

for m in $SELECTED; do
    bin=$(mod_field "$m" 2)
    # the source package behind the binary package (cached)
    if [ -s "$STATE/source-$bin" ] && [ "$REFETCH" = 0 ]; then
        src=$(cat "$STATE/source-$bin")
    elif info=$(apt-cache show --no-all-versions "$bin" 2>/dev/null) && [ -n "$info" ]; then
        src=$(printf '%s\n' "$info" | sed -n 's/^Source: \([^ ]*\).*/\1/p' | head -1)
        src=${src:-$bin}
        echo "$src" >"$STATE/source-$bin"
    else
        setv STATUS "$m" skipped; setv REASON "$m" "binary package $bin unknown to apt"
        say "SKIP $m: binary package $bin unknown to apt"
        continue
    fi
    setv SRC "$m" "$src"
    if [ "$src" = nginx ]; then
        # older Debian releases ship the modules inside nginx's source package
        d="$NGX_SRC/debian/modules/${bin#libnginx-mod-}"
        if [ ! -d "$d" ] || [ -z "$(config_dir "$d")" ]; then
            setv STATUS "$m" skipped; setv REASON "$m" "not found in nginx's debian/modules"
            say "SKIP $m: shipped in nginx's source package but no $d"
            continue
        fi
        setv VER "$m" "$NGINX_VERSION"; setv PATCH "$m" "debian (in nginx)"
        setv DIR "$m" "$(config_dir "$d")"
        say "fetch $m: in nginx's source package, $d"
        continue
    fi
    if fetch_source "$src"; then
        dir=$(config_dir "$F_DIR")
        setv VER "$m" "$F_VER"; setv PATCH "$m" "$F_PATCHES"
        if [ -z "$dir" ]; then
            setv STATUS "$m" skipped; setv REASON "$m" "no nginx config script in $F_DIR"
            say "SKIP $m: no nginx config script in $F_DIR"
            continue
        fi
        setv DIR "$m" "$dir"
        case "$F_PATCHES" in
            debian) say "fetch $m: $src $F_VER$F_CACHED" ;;
            *) say "fetch $m: $src $F_VER, upstream source only, Debian patches not applied ${F_PATCHES#none }$F_CACHED" ;;
        esac
    else
        setv VER "$m" "$F_VER"
        setv STATUS "$m" skipped; setv REASON "$m" "fetch: $F_REASON"
        say "SKIP $m: cannot fetch $src $F_VER: $F_REASON$F_CACHED"
    fi
done

# ---------------------------------------------------------------- build deps
# nginx core's always; a module's only when its source was fetched
# shellcheck disable=SC2086
ensure_packages "nginx core" $CORE_PACKAGES || die "nginx core's build dependencies missing"
for m in $SELECTED; do
    pkgs=$(mod_field "$m" 4)
    [ -n "$pkgs" ] && [ -z "$(getv STATUS "$m")" ] || continue
    # shellcheck disable=SC2086
    ensure_packages "module $m" $pkgs || true
done

# ---------------------------------------------------------------- corpus C: unpack
# per module: c:NAME with DIR, C_REPO, C_COMMIT, C_DATE, NEEDS, CFLAGS
C_NAMES=""
c_note() {  # c_note NAME FIELDNO
    printf '%s\n' "$C_NOTES" | awk -F'|' -v n="$1" -v f="$2" '$1 == n {print $f}'
}
if [ "$CORPUS_C" = 1 ]; then
    [ -f "$C_DIR/MANIFEST.tsv" ] || die "corpus C: no $C_DIR/MANIFEST.tsv (--corpus-c-dir)"
    mkdir -p "$WORK/src/corpus-c"
    while IFS=$(printf '\t') read -r name repo commit cdate tarball _ _ cpaths debs <&3; do
        [ -n "$name" ] && [ "$name" != name ] || continue
        m="c:$name"
        C_NAMES="$C_NAMES $m"
        setv C_REPO "$m" "$repo"; setv C_COMMIT "$m" "$commit"; setv C_DATE "$m" "$cdate"
        setv NEEDS "$m" "$(c_note "$name" 2)"
        tb="$C_DIR/$tarball"
        if [ ! -f "$tb" ]; then
            setv STATUS "$m" skipped; setv REASON "$m" "no tarball $tarball in $C_DIR"
            say "SKIP $m: no tarball $tarball in $C_DIR"
            continue
        fi
        # unpacked once per tarball (its checksum), the top directory stripped
        dest="$WORK/src/corpus-c/$name"
        sum=$(sha256sum "$tb" | cut -c1-64)
        st="$STATE/unpack-$(fid "$m")"
        if [ -d "$dest" ] && [ -f "$st" ] && [ "$(cat "$st")" = "$sum" ]; then
            cached=" [cached]"
        else
            cached=""
            rm -rf "$dest"
            t=$(mktemp -d "$WORK/src/corpus-c/.unpack.XXXXXX")
            tar -xf "$tb" -C "$t" || die "corpus C: cannot unpack $tb"
            if [ "$(ls -A "$t" | wc -l)" = 1 ] && [ -d "$t/$(ls -A "$t")" ]; then
                mv "$t/$(ls -A "$t")" "$dest"
                rmdir "$t"
            else
                mv "$t" "$dest"
            fi
            echo "$sum" >"$st"
        fi
        # the first config path is the module's (zstd's top-level config
        # sources its filter/config and static/config)
        cfg=${cpaths%%,*}
        dir=$(dirname "$dest/$cfg")
        dir=$(realpath -m "$dir")
        if [ ! -f "$dir/config" ]; then
            setv STATUS "$m" skipped; setv REASON "$m" "no config script $cfg in the tarball"
            say "SKIP $m: no config script $cfg in the tarball"
            continue
        fi
        setv DIR "$m" "$dir"
        flags=$(c_note "$name" 3)
        setv CFLAGS "$m" "$(printf '%s' "$flags" | sed "s#%DIR%#$dir#g")"
        say "unpack $m: $repo ${commit%"${commit#????????????}"} ($cdate)$cached"
        if [ -n "$debs" ]; then
            # shellcheck disable=SC2086
            ensure_packages "module $m" $debs || true
        fi
    done 3<"$C_DIR/MANIFEST.tsv"
fi

# ---------------------------------------------------------------- configure flags
# Debian's (debian/rules of nginx 1.22.1-9: bin_configure_flags); the C flags
# are dpkg-buildflags' with hardening=+all, computed in the tree being built.
DEBIAN_FLAGS="--prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf
--http-log-path=/var/log/nginx/access.log --error-log-path=stderr
--lock-path=/var/lock/nginx.lock --pid-path=/run/nginx.pid
--modules-path=/usr/lib/nginx/modules
--http-client-body-temp-path=/var/lib/nginx/body
--http-fastcgi-temp-path=/var/lib/nginx/fastcgi
--http-proxy-temp-path=/var/lib/nginx/proxy
--http-scgi-temp-path=/var/lib/nginx/scgi
--http-uwsgi-temp-path=/var/lib/nginx/uwsgi
--with-compat --with-debug --with-pcre-jit --with-http_ssl_module
--with-http_stub_status_module --with-http_realip_module
--with-http_auth_request_module --with-http_v2_module --with-http_dav_module
--with-http_slice_module --with-threads
--with-http_addition_module --with-http_flv_module --with-http_gunzip_module
--with-http_gzip_static_module --with-http_mp4_module
--with-http_random_index_module --with-http_secure_link_module
--with-http_sub_module --with-mail_ssl_module --with-stream_ssl_module
--with-stream_ssl_preread_module --with-stream_realip_module
--with-http_geoip_module=dynamic --with-http_image_filter_module=dynamic
--with-http_perl_module=dynamic --with-http_xslt_module=dynamic
--with-mail=dynamic --with-stream=dynamic --with-stream_geoip_module=dynamic"

# lua-nginx-module finds LuaJIT through these (as Debian's debian/rules does)
export LUAJIT_INC=/usr/include/luajit-2.1
LUAJIT_LIB=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
export LUAJIT_LIB

# One deviation from Debian's flags: nginx builds with -Werror and Debian's
# CPPFLAGS have -Wdate-time, so rtmp's use of __DATE__ fails the build; the
# Debian patch that removes it is in the debian.tar.xz the mirror lacks.
EXTRA_CFLAGS="-Wno-error=date-time"

# corpus C only: what some modules' build instructions add (see C_NOTES)
MOD_CFLAGS=""

# run_configure TREE BUILDDIR LOG MODULE_DIR...
run_configure() {
    local tree=$1 bdir=$2 log=$3; shift 3
    local cflags ldflags
    cflags="$(cd "$tree" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CFLAGS) -fPIC $(cd "$tree" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS) $EXTRA_CFLAGS${MOD_CFLAGS:+ $MOD_CFLAGS}"
    ldflags="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS) -fPIC"
    local args=() d
    for d in "$@"; do args+=("--add-dynamic-module=$d"); done
    # shellcheck disable=SC2086
    (cd "$tree" && $NICE ./configure --with-cc-opt="$cflags" --with-ld-opt="$ldflags" \
        $DEBIAN_FLAGS --builddir="$bdir" "${args[@]}") >"$log" 2>&1
}
# the .so files a configured build dir's Makefile builds
# (names only: the build dir differs between the test builds)
so_targets() { sed -n 's#^modules:[[:space:]]*[^[:space:]]*/\([^/[:space:]]*\.so\)$#\1#p' "$1/Makefile"; }
# what the cached test results and the recorded build depend on, besides the
# source dirs (bump CACHE_VERSION when the way of building changes)
CACHE_VERSION=1
FLAGS_KEY=$(printf '%s|%s|%s|%s|%s' "$CACHE_VERSION" "$DEBIAN_FLAGS" "$EXTRA_CFLAGS" "$LUAJIT_INC" "$LUAJIT_LIB" | sha256sum | cut -c1-16)

fresh_tree() {  # fresh_tree DEST: a copy of the patched nginx tree
    rm -rf "$1"
    mkdir -p "$(dirname "$1")"
    cp -a "$NGX_SRC" "$1"
}

# ---------------------------------------------------------------- test builds
# Each module is configured and built alone (with the modules it needs) on
# top of nginx core, as a dynamic module; only its .so targets are built.
TEST_TREE="$WORK/build/test/nginx-$NGINX_UPSTREAM"
TEST_READY=0
test_tree() {
    [ "$TEST_READY" = 1 ] && return 0
    fresh_tree "$TEST_TREE"
    if ! run_configure "$TEST_TREE" objs-core "$LOGS/test-core.log"; then
        die "nginx core does not configure: $(first_error "$LOGS/test-core.log") (logs/test-core.log)"
    fi
    so_targets "$TEST_TREE/objs-core" | sort >"$TEST_TREE/core-so.txt"
    TEST_READY=1
}

for m in $SELECTED; do
    [ -z "$(getv STATUS "$m")" ] || continue
    deps=$(mod_field "$m" 3)
    dirs=""
    depfail=""
    for d in $deps; do
        if [ "$(getv STATUS "$d")" != built ]; then depfail="$depfail $d"; fi
        dirs="$dirs $(getv DIR "$d")"
    done
    if [ -n "$depfail" ]; then
        setv STATUS "$m" skipped; setv REASON "$m" "needs$depfail, which was skipped"
        say "SKIP $m: needs$depfail, which was skipped"
        continue
    fi
    dirs="$dirs $(getv DIR "$m")"
    key="$FLAGS_KEY|$NGX_SRC|$dirs"
    st="$STATE/test-$m"
    if [ "$REBUILD" = 0 ] && [ -f "$st" ] && [ "$(head -1 "$st")" = "$key" ]; then
        status=$(sed -n 2p "$st"); reason=$(sed -n 3p "$st")
        cached=" [cached]"
    else
        cached=""
        test_tree
        say "test $m: configure + build as a dynamic module"
        tlog="$LOGS/test-$m.log"
        rm -rf "$TEST_TREE/objs-$m"
        # shellcheck disable=SC2086
        if ! run_configure "$TEST_TREE" "objs-$m" "$tlog" $dirs; then
            status=skipped; reason="configure: $(first_error "$tlog")"
        else
            # its .so files, and the objects of modules whose old-style config
            # makes them static (upstream-fair, subs-filter): all addon objects
            targets="$(so_targets "$TEST_TREE/objs-$m" | sort | comm -23 - "$TEST_TREE/core-so.txt" \
                | sed "s#^#objs-$m/#") $(sed -n "s#^\(objs-$m/addon/[^:]*\.o\):.*#\1#p" "$TEST_TREE/objs-$m/Makefile")"
            echo "== make" $targets >>"$tlog"
            # shellcheck disable=SC2086
            if (cd "$TEST_TREE" && $NICE make -f "objs-$m/Makefile" -j"$JOBS" $targets) >>"$tlog" 2>&1; then
                status=built; reason=""
            else
                sed -n '/^== make/,$p' "$tlog" >"$tlog.make"
                status=skipped; reason="build: $(first_error "$tlog.make")"
                rm -f "$tlog.make"
            fi
        fi
        rm -rf "$TEST_TREE/objs-$m"
        printf '%s\n%s\n%s\n' "$key" "$status" "$reason" >"$st"
    fi
    setv STATUS "$m" "$status"; setv REASON "$m" "$reason"; setv KEY "$m" "$key"
    if [ "$status" = built ]; then
        say "test $m: builds$cached"
    else
        say "SKIP $m: $reason (logs/test-$m.log)$cached"
    fi
done

# Corpus C: a module needs the corpus A modules C_NOTES names built in this run.
for m in $C_NAMES; do
    [ -z "$(getv STATUS "$m")" ] || continue
    depfail=""
    for d in $(getv NEEDS "$m"); do
        case " $SELECTED " in
            *" $d "*) [ "$(getv STATUS "$d")" = built ] || depfail="$depfail $d" ;;
            *) depfail="$depfail $d" ;;
        esac
    done
    if [ -n "$depfail" ]; then
        setv STATUS "$m" skipped; setv REASON "$m" "needs corpus A's$depfail, not built in this run"
        say "SKIP $m: needs corpus A's$depfail, not built in this run"
    fi
done

# ---------------------------------------------------------------- recorded build
# The module whose source a log's first compiler error (or, for configure,
# the last "adding module in DIR" before the error) points into.
culprit() {  # culprit LOG configure|build
    local where=""
    if [ "$2" = configure ]; then
        where=$(sed -n 's/^ *adding module in //p' "$1" | tail -1)
    else
        where=$(grep -m1 -E '^/[^: ]+:[0-9]+(:[0-9]+)?: (fatal )?error' "$1" | cut -d: -f1)
    fi
    [ -n "$where" ] || return 0
    local m d
    for m in $SELECTED; do
        d=$(getv DIR "$m")
        [ -n "$d" ] || continue
        case "$where/" in "$d"/*) echo "$m"; return ;; esac
    done
}

# Skip (and remember skipping) the module a failed configure or build of the
# recorded tree points into; without one, the run fails.
skip_culprit() {  # skip_culprit configure|build
    local log="$LOGS/$1.log" m
    m=$(culprit "$log" "$1")
    [ -n "$m" ] || die "$1 failed: $(first_error "$log") (logs/$1.log)"
    setv STATUS "$m" skipped
    setv REASON "$m" "$1 with the other modules: $(first_error "$log")"
    say "SKIP $m: $(getv REASON "$m") (logs/$1.log)"
    printf '%s\n%s\n%s\n' "$(getv KEY "$m")" skipped "$(getv REASON "$m")" >"$STATE/test-$m"
}

FINAL_TREE="$WORK/build/$MODE/nginx-$NGINX_UPSTREAM"
FINAL_DB="$WORK/build/$MODE/compile_commands.json"
stamp="$WORK/build/$MODE/stamp"
BUILT_NAMES=""
# Build everything that built alone; should the modules clash when built
# together, drop the one the first error points into, and build again.
# (Not with --corpus-c-only.)
while [ "$C_ONLY" = 0 ]; do
    BUILT_DIRS=""
    BUILT_NAMES=""
    for m in $SELECTED; do
        if [ "$(getv STATUS "$m")" = built ]; then
            BUILT_DIRS="$BUILT_DIRS $(getv DIR "$m")"
            BUILT_NAMES="$BUILT_NAMES $m"
        fi
    done
    final_key="$FLAGS_KEY|$MODE|$NGX_SRC|$BUILT_DIRS"
    if [ "$REBUILD" = 0 ] && [ -f "$stamp" ] && [ -f "$FINAL_DB" ] && [ "$(cat "$stamp")" = "$final_key" ]; then
        say "recorded build ($MODE, modules:${BUILT_NAMES:- none}) is up to date [cached]"
        break
    fi
    rm -f "$stamp" "$FINAL_DB"
    fresh_tree "$FINAL_TREE"     # a fresh copy: every file is compiled
    say "configure ($MODE) with modules:${BUILT_NAMES:- none}"
    # shellcheck disable=SC2086
    if ! run_configure "$FINAL_TREE" objs "$LOGS/configure.log" $BUILT_DIRS; then
        skip_culprit configure
        continue
    fi
    if [ "$MODE" = subset ]; then
        # nginx core's src/http and the modules' objects; nothing linked
        targets=$(sed -n 's#^\(objs/\(src/http\|addon\)/[^:]*\.o\):.*#\1#p' "$FINAL_TREE/objs/Makefile" | sort -u)
        nobj=$(printf '%s\n' "$targets" | grep -c . || true)
        say "build ($MODE): $nobj objects, make -j$JOBS under bear (logs/build.log)"
        # shellcheck disable=SC2086
        (cd "$FINAL_TREE" && $NICE bear --output "$FINAL_DB.tmp" -- make -f objs/Makefile -j"$JOBS" $targets) \
            >"$LOGS/build.log" 2>&1 && ok=1 || ok=0
    else
        nobj=$(grep -o '^[^[:space:]#][^:]*\.o:' "$FINAL_TREE/objs/Makefile" | sort -u | grep -c . || true)
        say "build ($MODE): $nobj objects + perl's nginx.xs, make -j$JOBS under bear (logs/build.log)"
        (cd "$FINAL_TREE" && $NICE bear --output "$FINAL_DB.tmp" -- make -j"$JOBS") \
            >"$LOGS/build.log" 2>&1 && ok=1 || ok=0
    fi
    if [ "$ok" = 0 ]; then
        rm -f "$FINAL_DB.tmp"
        skip_culprit build
        continue
    fi
    # shellcheck disable=SC2046
    python3 "$HERE/ccdb.py" "$FINAL_DB.tmp" "$FINAL_DB" --expect-objects "$FINAL_TREE/objs/Makefile" \
        $([ "$MODE" = subset ] && echo --subset) >"$LOGS/ccdb.log" 2>&1 \
        || die "compile_commands.json check failed: $(tail -1 "$LOGS/ccdb.log") (logs/ccdb.log)"
    cat "$LOGS/ccdb.log" >>"$LOG"
    rm -f "$FINAL_DB.tmp"
    echo "$final_key" >"$stamp"
    break
done
# ---------------------------------------------------------------- corpus C: build
# One tree of its own (corpus A's compile commands stay as they are): nginx
# core configured with every corpus C module (after the corpus A modules
# they need), and only the corpus C modules' objects compiled, under bear,
# with make -k. This is each module's test build too: a module whose config
# stops configure is skipped and configure repeated; a module with an object
# that does not compile is skipped with its first error, and its entries are
# left out. One configure instead of one per module: configure is most of a
# module's test build, and corpus C has 23 modules.
C_TREE="$WORK/build/corpus-c/nginx-$NGINX_UPSTREAM"
C_DB="$WORK/build/corpus-c/compile_commands.json"
c_stamp="$WORK/build/corpus-c/stamp"
c_status="$WORK/build/corpus-c/status"      # NAME<TAB>status<TAB>reason, of the stamped build
C_BUILT=""
# the last line of a log that says why configure stopped
last_words() { grep -v '^[[:space:]]*$' "$1" | tail -1 | sed 's/[[:space:]]\{1,\}/ /g' | cut -c1-200; }
if [ -n "$C_NAMES" ]; then
    while :; do
        dirs="" only="" cand="" MOD_CFLAGS=""
        for m in $C_NAMES; do
            [ -z "$(getv STATUS "$m")" ] || continue
            for d in $(getv NEEDS "$m"); do
                case " $dirs " in *" $(getv DIR "$d") "*) ;; *) dirs="$dirs $(getv DIR "$d")" ;; esac
            done
        done
        for m in $C_NAMES; do
            [ -z "$(getv STATUS "$m")" ] || continue
            dirs="$dirs $(getv DIR "$m")"
            only="$only $(getv DIR "$m")"
            cand="$cand $m"
            f=$(getv CFLAGS "$m")
            MOD_CFLAGS="$MOD_CFLAGS${f:+ $f}"
        done
        MOD_CFLAGS=${MOD_CFLAGS# }
        [ -n "$cand" ] || { rm -f "$C_DB" "$c_stamp"; break; }
        c_key="$FLAGS_KEY|corpus-c|$NGX_SRC|$dirs|$MOD_CFLAGS"
        if [ "$REBUILD" = 0 ] && [ -f "$c_stamp" ] && [ -f "$C_DB" ] && [ "$(cat "$c_stamp")" = "$c_key" ]; then
            while IFS=$(printf '\t') read -r m st why; do
                setv STATUS "$m" "$st"; setv REASON "$m" "$why"
            done <"$c_status"
            cached=" [cached]"
        else
            cached=""
            rm -f "$c_stamp" "$C_DB"
            fresh_tree "$C_TREE"
            say "configure (corpus C) with modules:$cand"
            # shellcheck disable=SC2086
            if ! run_configure "$C_TREE" objs "$LOGS/configure-c.log" $dirs; then
                m=""
                where=$(sed -n 's/^ *adding module in //p' "$LOGS/configure-c.log" | tail -1)
                for c in $cand; do
                    [ "$where" = "$(getv DIR "$c")" ] && m=$c
                done
                [ -n "$m" ] || die "configure (corpus C) failed: $(last_words "$LOGS/configure-c.log") (logs/configure-c.log)"
                why=$(first_error "$LOGS/configure-c.log")
                setv STATUS "$m" skipped
                setv REASON "$m" "configure: ${why:-$(last_words "$LOGS/configure-c.log")}"
                say "SKIP $m: $(getv REASON "$m") (logs/configure-c.log)"
                continue
            fi
            # shellcheck disable=SC2086
            targets=$(python3 "$HERE/ccdb.py" --objects-under "$C_TREE/objs/Makefile" $only)
            nobj=$(printf '%s\n' "$targets" | grep -c . || true)
            say "build (corpus C): $nobj objects, make -k -j$JOBS under bear (logs/build-c.log)"
            # shellcheck disable=SC2086
            (cd "$C_TREE" && $NICE bear --output "$C_DB.tmp" -- make -k -f objs/Makefile -j"$JOBS" $targets) \
                >"$LOGS/build-c.log" 2>&1 || true
            # a module is built when every one of its objects is there
            only=""
            : >"$c_status.tmp"
            for m in $cand; do
                d=$(getv DIR "$m")
                missing=0
                for o in $(python3 "$HERE/ccdb.py" --objects-under "$C_TREE/objs/Makefile" "$d"); do
                    [ -f "$C_TREE/$o" ] || missing=$((missing + 1))
                done
                if [ "$missing" = 0 ]; then
                    setv STATUS "$m" built; setv REASON "$m" ""
                    only="$only --only-under $d"
                else
                    why=$(grep -m1 -E "^$d/[^: ]+:[0-9]+(:[0-9]+)?: (fatal )?error" "$LOGS/build-c.log" \
                        | sed -e 's#^[^ :]*/\([^/ :]*:[0-9]\)#\1#' -e 's/[[:space:]]\{1,\}/ /g' | cut -c1-200)
                    setv STATUS "$m" skipped
                    setv REASON "$m" "build: ${why:-$missing object(s) not built, see logs/build-c.log}"
                fi
                printf '%s\t%s\t%s\n' "$m" "$(getv STATUS "$m")" "$(getv REASON "$m")" >>"$c_status.tmp"
            done
            if [ -n "$only" ]; then
                # shellcheck disable=SC2086
                python3 "$HERE/ccdb.py" "$C_DB.tmp" "$C_DB" --expect-objects "$C_TREE/objs/Makefile" $only \
                    >"$LOGS/ccdb-c.log" 2>&1 \
                    || die "corpus C's compile_commands.json check failed: $(tail -1 "$LOGS/ccdb-c.log") (logs/ccdb-c.log)"
                sed 's/^ccdb:/ccdb (corpus C):/' "$LOGS/ccdb-c.log" >>"$LOG"
            fi
            rm -f "$C_DB.tmp"
            mv "$c_status.tmp" "$c_status"
            [ -f "$C_DB" ] && echo "$c_key" >"$c_stamp"
        fi
        for m in $cand; do
            if [ "$(getv STATUS "$m")" = built ]; then
                C_BUILT="$C_BUILT $m"
                say "corpus C: $m builds$cached"
            else
                say "SKIP $m: $(getv REASON "$m")$cached"
            fi
        done
        break
    done
    MOD_CFLAGS=""
fi
if [ -n "$C_BUILT" ]; then
    # corpus A's entries, then corpus C's, one list sorted by file
    python3 -c '
import json, sys
entries = json.load(open(sys.argv[2]))
if sys.argv[1] != "-":
    entries = json.load(open(sys.argv[1])) + entries
entries.sort(key=lambda e: e["file"])
with open(sys.argv[3] + ".part", "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
' "$([ "$C_ONLY" = 0 ] && echo "$FINAL_DB" || echo -)" "$C_DB" "$WORK/compile_commands.json"
    mv "$WORK/compile_commands.json.part" "$WORK/compile_commands.json"
elif [ "$C_ONLY" = 0 ]; then
    cp "$FINAL_DB" "$WORK/compile_commands.json"
else
    echo '[]' >"$WORK/compile_commands.json"
fi
NTU=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/compile_commands.json")

# ---------------------------------------------------------------- components.tsv
TSV="$WORK/components.tsv"
{
    printf 'component\tbinary_package\tsource_package\tversion\tdebian_patches\tsource_dir\tstatus\treason\ttranslation_units\n'
    tus() { python3 -c '
import json, sys
d = sys.argv[2].rstrip("/") + "/"
print(sum(1 for e in json.load(open(sys.argv[1])) if e["file"].startswith(d)))' "$WORK/compile_commands.json" "$1"; }
    dash() { if [ -n "$1" ]; then printf '%s' "$1"; else printf -- '-'; fi; }
    core_reason="-"
    [ "$MODE" = subset ] && core_reason="subset: src/http only"
    [ "$C_ONLY" = 1 ] ||
    printf 'nginx\tnginx\tnginx\t%s\tdebian\t%s\tbuilt\t%s\t%s\n' "$NGINX_VERSION" "$FINAL_TREE" "$core_reason" "$(tus "$FINAL_TREE")"
    for m in $SELECTED; do
        st=$(getv STATUS "$m"); dir=$(getv DIR "$m")
        n=0
        [ "$st" = built ] && n=$(tus "$dir")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$m" "$(mod_field "$m" 2)" "$(dash "$(getv SRC "$m")")" \
            "$(dash "$(getv VER "$m")")" "$(dash "$(getv PATCH "$m")")" "$(dash "$dir")" "$st" "$(dash "$(getv REASON "$m")")" "$n"
    done
    for m in $C_NAMES; do
        st=$(getv STATUS "$m"); dir=$(getv DIR "$m"); commit=$(getv C_COMMIT "$m")
        n=0
        [ "$st" = built ] && n=$(tus "$dir")
        printf '%s\t-\t%s\t%s\t-\t%s\t%s\t%s\t%s\n' "$m" "$(getv C_REPO "$m")" \
            "${commit%"${commit#????????????}"} ($(getv C_DATE "$m"))" "$(dash "$dir")" "$st" "$(dash "$(getv REASON "$m")")" "$n"
    done
} >"$TSV"

nb=$(echo $BUILT_NAMES | wc -w)
ns=$(( $(echo $SELECTED | wc -w) - nb ))
if [ -n "$C_NAMES" ]; then
    cb=$(echo $C_BUILT | wc -w)
    cs=$(( $(echo $C_NAMES | wc -w) - cb ))
    if [ "$C_ONLY" = 1 ]; then
        say "done (corpus C only): $NTU translation units in $WORK/compile_commands.json; $cb modules built, $cs skipped (components.tsv); $(( $(date +%s) - T0 ))s"
    else
        say "done ($MODE + corpus C): $NTU translation units in $WORK/compile_commands.json; corpus A: $nb modules built, $ns skipped; corpus C: $cb built, $cs skipped (components.tsv); $(( $(date +%s) - T0 ))s"
    fi
else
    say "done ($MODE): $NTU translation units in $WORK/compile_commands.json; $nb modules built, $ns skipped (components.tsv); $(( $(date +%s) - T0 ))s"
fi
