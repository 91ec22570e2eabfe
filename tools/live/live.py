#!/usr/bin/python3
"""Run the bugs ngx-pool-check finds on a live nginx and measure what they cost.

Debian's packaged nginx 1.22.1 (/usr/sbin/nginx) loads nginx modules built as
dynamic modules against Debian's nginx-dev tree, with the flags Debian built
its nginx with: the example module's leaky handlers and their fixed twins
(test/example-module), or a module of your own. Each scenario runs on a fresh
nginx (one worker, loopback only, ports picked at run time, a prefix of its
own in the work directory), is warmed up, then loaded with wrk (HTTP/1.1
keepalive) or h2load (HTTP/2, h2c with prior knowledge) while the worker's
RSS and open descriptors (/proc) and the requests it served (its access log)
are sampled. Use-after-free classes run a short request sequence on a module
built with AddressSanitizer, preloaded into the same nginx.

  live.py check                 CI's check: a small load, every class, exit 1
                                when a leaky handler does not grow or a fixed
                                one does, or a use after free is not (or
                                wrongly) reported
  live.py report                the README's figures: a larger load, writes
                                tools/live/report/ (tables, PNG plots, data)
  live.py measure --module DIR --location /x [--conf FILE | --directives S]
                                your module's location, both protocols; with
                                --asan, a short sequence under AddressSanitizer

Everything it writes goes under --work-dir (default build/live of the
repository), and every nginx it starts is stopped on every exit path,
Ctrl-C and SIGTERM included. See tools/live/README.md.
"""

import argparse
import fcntl
import hashlib
import http.client
import json
import os
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "test", "example-module")
REPORT_DIR = os.path.join(ROOT, "tools", "live", "report")
NGINX = "/usr/sbin/nginx"
NGINX_DEV_SRC = "/usr/share/nginx/src"

KIB = 1024


class Failure(Exception):
    """A problem that ends the run with one line on stderr."""


# --------------------------------------------------------------------------
# The classes: a leaky location of the example module and its fixed twin.

class Growth:
    """A bug class with a run-time cost measured on RSS or descriptors."""

    def __init__(self, key, title, checker, function, metric, leaky, fixed):
        self.key = key
        self.title = title
        self.checker = checker
        self.function = function     # the leaky module's function with the bug
        self.metric = metric         # "rss" (bytes) or "fds"
        self.leaky = leaky           # location body, {greeting} substituted
        self.fixed = fixed


class UseAfterFree:
    """A bug class shown by AddressSanitizer on a short request sequence."""

    def __init__(self, key, title, checker, function, access_in, leaky, fixed,
                 sequence):
        self.key = key
        self.title = title
        self.checker = checker
        self.function = function
        self.access_in = access_in   # where the first invalid access must be
        self.leaky = leaky
        self.fixed = fixed
        self.sequence = sequence     # [(path suffix, pause in s after it)]


GROWTH = [
    Growth("cpool", "per-request allocation from the connection pool",
           "nginx.PoolLifetime",
           "ngx_http_leaky_handler, ngx_http_leaky_requests_variable", "rss",
           "leaky; add_header X-Requests $leaky_requests;",
           "fixed; add_header X-Requests $fixed_requests;"),
    Growth("fd", "descriptor opened per request, never closed",
           "nginx.ResourceLeak", "ngx_http_leaky_read_greeting", "fds",
           "leaky; leaky_greeting_file {greeting};",
           "fixed; fixed_greeting_file {greeting};"),
    Growth("pfree", "ngx_pfree that frees nothing, on a long-lived pool",
           "nginx.Pfree", "ngx_http_leaky_banner_handler", "rss",
           "leaky_banner;", "fixed_banner;"),
    Growth("pool", "pool created per request, never destroyed",
           "nginx.PoolLeak, coming", "ngx_http_leaky_headers_handler", "rss",
           "leaky_headers;", "fixed_headers;"),
    Growth("cycle", "request data allocated from the cycle pool",
           "nginx.CyclePool, coming", "ngx_http_leaky_trace_id_handler", "rss",
           "leaky_trace_id;", "fixed_trace_id;"),
]

UAF = [
    UseAfterFree("destroyed", "use after ngx_destroy_pool",
                 "nginx.PoolLeak, coming", "ngx_http_leaky_digest_handler",
                 "ngx_http_leaky_digest_handler", "leaky_digest;", "fixed_digest;",
                 [("/a", 0), ("/b", 0)]),
    UseAfterFree("escape", "request memory kept past the request",
                 "nginx.RequestEscape, coming",
                 "ngx_http_leaky_previous_uri_handler",
                 "ngx_http_leaky_previous_uri_handler", "leaky_previous_uri;", "fixed_previous_uri;",
                 [("/first", 0), ("/second", 0), ("/third", 0)]),
    UseAfterFree("timer", "timer left armed on request memory",
                 "nginx.TimerLifetime, coming", "ngx_http_leaky_watchdog_handler",
                 "ngx_http_leaky_watchdog_expired", "leaky_watchdog;", "fixed_watchdog;",
                 [("/a", 0.3), ("/b", 0.3)]),
]

# Thresholds, per 1000 requests (tools/live/README.md, "Thresholds").
THRESHOLDS = {
    # The smallest per-request leak of the module is ~100 bytes (a 21-byte
    # variable plus a ~66-byte body and its ngx_buf_t from c->pool): a leaky
    # handler must grow by at least 32 bytes per request. A fixed handler
    # may move RSS by at most 8 bytes per request (2 pages per 1000
    # requests), which malloc's bookkeeping stays well under.
    "rss": {"leaky_min": 32 * KIB, "fixed_max": 8 * KIB},
    # One descriptor per request leaks 1000; at least half must show (the
    # rest may still be in flight at a sample). A fixed handler must give
    # back every descriptor once the clients are gone: at most 2.
    "fds": {"leaky_min": 500, "fixed_max": 2},
}

LOADS = {
    # CI: small, a few seconds per protocol; connections make fewer than
    # keepalive_requests (1000) requests each, so the c->pool class grows
    # linearly over the whole run.
    "check": {"h1": {"requests": 6000, "connections": 10, "threads": 2},
              "h2": {"requests": 6000, "connections": 10, "streams": 10,
                     "threads": 2},
              "warmup": 2000},
    # README figures: each connection makes about keepalive_requests.
    "report": {"h1": {"requests": 50000, "connections": 50, "threads": 2},
               "h2": {"requests": 20000, "connections": 20, "streams": 10,
                      "threads": 2},
               "warmup": 10000},
}

CLIENT_SECONDS = 120     # no client run lasts longer than this
KEEP = False             # --keep: leave each run's directory for a look


def remove_run_dir(run_dir):
    """A stopped nginx's prefix directory goes, unless --keep (the next
    run removes it then)."""
    if not KEEP:
        shutil.rmtree(run_dir, ignore_errors=True)


# --------------------------------------------------------------------------
# Processes: everything started is registered and stopped on every exit.

_procs = []          # Popen objects in their own sessions (process groups)


def _stop_group(proc, grace):
    """Stop a process group we started: SIGTERM (nginx: fast shutdown,
    workers told by the master), then SIGKILL to the whole group."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Workers left behind (a master that died first) are in the same group.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def stop_all():
    while _procs:
        _stop_group(_procs.pop(), 5)


def _on_signal(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


def spawn(argv, deathsig="KILL", **kw):
    """Starts argv in a session (process group) of its own, so that a
    terminal's Ctrl-C reaches only us and we stop it in order. setpriv
    gives it a parent-death signal: should this script be killed outright
    (SIGKILL), the kernel still stops it (nginx: SIGTERM, which makes the
    master stop its worker and exit)."""
    if shutil.which("setpriv"):
        argv = ["setpriv", "--pdeathsig", deathsig, "--"] + argv
    proc = subprocess.Popen(argv, start_new_session=True, **kw)
    _procs.append(proc)
    return proc


def reap(proc, grace=5):
    if proc in _procs:
        _procs.remove(proc)
    _stop_group(proc, grace)


# --------------------------------------------------------------------------
# Building modules against Debian's nginx-dev, with Debian's flags.

def debian_build_flags():
    """--with-cc-opt and --with-ld-opt of the packaged nginx (nginx -V)."""
    out = subprocess.run([NGINX, "-V"], capture_output=True, text=True).stderr
    args = shlex.split(out.split("configure arguments:", 1)[-1])
    cc = ld = ""
    for a in args:
        if a.startswith("--with-cc-opt="):
            cc = a.split("=", 1)[1]
        elif a.startswith("--with-ld-opt="):
            ld = a.split("=", 1)[1]
    # The path in -ffile-prefix-map names Debian's build tree: irrelevant.
    cc = " ".join(f for f in cc.split() if not f.startswith("-ffile-prefix-map="))
    return cc, ld


def conf_flags():
    with open(os.path.join(NGINX_DEV_SRC, "conf_flags")) as f:
        m = re.search(r"^NGX_CONF_FLAGS=\(\s*(.*?)\s*\)\s*$", f.read(), re.M)
    return shlex.split(m.group(1)) if m else []


def build_modules(work, module_dirs, log):
    """Configures a copy of nginx-dev's tree with the modules as dynamic
    modules (once per set of module directories and flags), builds them
    with nginx's own Makefile, and builds them again with AddressSanitizer.
    Returns {"normal": [.so], "asan": [.so]}."""
    cc, ld = debian_build_flags()
    flags = conf_flags()
    key = hashlib.sha256(json.dumps(
        [module_dirs, flags, cc, ld]).encode()).hexdigest()[:12]
    tree = os.path.join(work, "nginx-" + key)
    stamp = os.path.join(tree, ".configured")
    if not os.path.exists(stamp):
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(NGINX_DEV_SRC, tree, symlinks=True)
        argv = ["./configure"] + flags + [
            "--with-cc-opt=" + cc, "--with-ld-opt=" + ld,
            "--builddir=objs-normal"]
        argv += ["--add-dynamic-module=" + d for d in module_dirs]
        log("configuring nginx-dev's tree with Debian's flags")
        with open(os.path.join(tree, "configure.log"), "w") as out:
            if subprocess.run(argv, cwd=tree, stdout=out,
                              stderr=subprocess.STDOUT).returncode:
                raise Failure("nginx's configure failed; see %s/configure.log"
                              % tree)
        open(stamp, "w").close()

    # The ASan variant: the same Makefile, -fsanitize=address added to the
    # compile and link flags, in a build directory of its own.
    normal = os.path.join(tree, "objs-normal")
    asan = os.path.join(tree, "objs-asan")
    with open(os.path.join(normal, "Makefile")) as f:
        mk = f.read()
    mk = mk.replace("objs-normal", "objs-asan")
    mk = re.sub(r"^(CFLAGS =.*)$",
                r"\1 -fsanitize=address -fno-omit-frame-pointer", mk, 1, re.M)
    mk = re.sub(r"^(LINK =.*)$", r"\1 -fsanitize=address", mk, 1, re.M)
    if not os.path.isdir(asan):
        shutil.copytree(normal, asan, symlinks=True,
                        ignore=shutil.ignore_patterns("*.o", "*.so"))
    old = None
    if os.path.exists(os.path.join(asan, "Makefile")):
        with open(os.path.join(asan, "Makefile")) as f:
            old = f.read()
    if old != mk:
        with open(os.path.join(asan, "Makefile"), "w") as f:
            f.write(mk)

    result = {}
    for variant, objs in (("normal", normal), ("asan", asan)):
        p = subprocess.run(["make", "-f", os.path.join(objs, "Makefile"),
                            "modules"], cwd=tree, capture_output=True, text=True)
        if p.returncode:
            sys.stderr.write(p.stdout[-4000:] + p.stderr[-4000:])
            raise Failure("building the modules (%s) failed" % variant)
        result[variant] = sorted(
            os.path.join(objs, f) for f in os.listdir(objs) if f.endswith(".so"))
    return result


# --------------------------------------------------------------------------
# nginx

def nofile_limit():
    """The worker's descriptor limit: the hard limit, at most 65536 (a
    worker may raise its soft limit up to the hard one, not beyond, without
    CAP_SYS_RESOURCE)."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    return 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)


def descriptor_budget(spec):
    """Requests a descriptor-leaking handler can take before its worker
    runs out: the limit, less the clients' sockets and a margin for nginx's
    own (listeners, logs, epoll)."""
    return nofile_limit() - 2 * spec["connections"] - 100


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """One nginx: master + one worker, in a prefix directory of its own."""

    def __init__(self, run_dir, modules, locations, http_conf="",
                 server_conf="", env=None):
        self.dir = run_dir
        self.modules = modules
        self.locations = locations    # {"= /x" or "/x/": body}
        self.http_conf = http_conf
        self.server_conf = server_conf
        self.env = env
        self.nofile = nofile_limit()
        self.proc = None
        self.h1 = self.h2 = None

    def config(self):
        user = "user root root;" if os.geteuid() == 0 else ""
        d = self.dir
        locs = "\n".join(
            "        location %s {\n            %s\n        }" % (path, body)
            for path, body in self.locations.items())
        mods = "\n".join("load_module %s;" % m for m in self.modules)
        temps = "\n".join("    %s_temp_path %s/tmp/%s;" % (t, d, t) for t in (
            "client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""# written by tools/live/live.py
{user}
worker_processes 1;
daemon off;
master_process on;
pid {d}/nginx.pid;
error_log {d}/error.log notice;
worker_rlimit_nofile {self.nofile};
{mods}

events {{
    worker_connections 1024;
}}

http {{
    access_log off;
    log_format live_count "x";
{temps}
{self.http_conf}

    server {{
        listen 127.0.0.1:{self.h1};
        listen 127.0.0.1:{self.h2} http2;
        server_name live;
        # Two bytes per request: the harness counts requests by its size.
        access_log {d}/requests.log live_count;
{self.server_conf}
{locs}
    }}
}}
"""

    def start(self):
        os.makedirs(os.path.join(self.dir, "tmp"), exist_ok=True)
        for attempt in range(3):
            self.h1, self.h2 = free_port(), free_port()
            conf = os.path.join(self.dir, "nginx.conf")
            with open(conf, "w") as f:
                f.write(self.config())
            for name in ("requests.log", "error.log"):
                open(os.path.join(self.dir, name), "w").close()
            self.out = open(os.path.join(self.dir, "nginx.out"), "w")
            self.proc = spawn([NGINX, "-p", self.dir + "/", "-c", conf,
                               "-e", os.path.join(self.dir, "error.log")],
                              deathsig="TERM", stdout=self.out,
                              stderr=subprocess.STDOUT, env=self.env)
            deadline = time.time() + 15
            while time.time() < deadline:
                if self.proc.poll() is not None:
                    break
                if self.worker() and self._listening():
                    return self
                time.sleep(0.05)
            self.stop()
            err = ""
            for name in ("error.log", "nginx.out"):
                with open(os.path.join(self.dir, name)) as f:
                    err += f.read()
            if "Address already in use" not in err:
                raise Failure("nginx did not start: %s" % (
                    err.strip().splitlines() or ["(no message)"])[-1])
        raise Failure("nginx did not start: no free port")

    def _listening(self):
        try:
            with socket.create_connection(("127.0.0.1", self.h1), timeout=1):
                return True
        except OSError:
            return False

    def worker(self):
        """The pid of the (one) worker process, or None."""
        try:
            with open("/proc/%d/task/%d/children"
                      % (self.proc.pid, self.proc.pid)) as f:
                kids = [int(p) for p in f.read().split()]
        except OSError:
            return None
        return kids[0] if kids else None

    def requests(self):
        try:
            return os.path.getsize(os.path.join(self.dir, "requests.log")) // 2
        except OSError:
            return 0

    def stop(self):
        if self.proc is not None:
            reap(self.proc)
            self.proc = None
            self.out.close()


def sample(ngx, pid):
    """(requests served, worker RSS in bytes, worker's open descriptors)."""
    rss = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * KIB
        fds = len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return None
    return (ngx.requests(), rss, fds)


class Sampler(threading.Thread):
    def __init__(self, ngx, pid, period=0.05):
        super().__init__(daemon=True)
        self.ngx, self.pid, self.period = ngx, pid, period
        self.series = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            s = sample(self.ngx, self.pid)
            if s:
                self.series.append(s)
            self.done.wait(self.period)

    def stop(self):
        self.done.set()
        self.join()


def idle_sample(ngx, pid, base_fds):
    """A sample once the clients' connections are closed: the descriptor
    count is back to base_fds, or has not moved for a second."""
    last, still = None, 0
    deadline = time.time() + 5
    while time.time() < deadline:
        time.sleep(0.1)
        s = sample(ngx, pid)
        if s is None:
            raise Failure("the nginx worker died (see %s/error.log)" % ngx.dir)
        if s[2] <= base_fds:
            return s
        still = still + 1 if last and s[2] == last[2] else 0
        if still >= 10:
            return s
        last = s
    return last


# --------------------------------------------------------------------------
# Clients

WRK_SCRIPT = """-- Stops each wrk thread after its share of the requests.
local limit = 0
local count = 0
function init(args)
   limit = tonumber(args[1])
end
function response(status, headers, body)
   count = count + 1
   if count >= limit then
      wrk.thread:stop()
   end
end
"""


def check_tools():
    missing = [t for t in (NGINX, "wrk", "h2load", "make", "gcc")
               if not shutil.which(t)]
    if not os.path.exists(os.path.join(NGINX_DEV_SRC, "configure")):
        missing.append("nginx-dev")
    if missing:
        raise Failure("missing %s: run tools/setup.sh" % ", ".join(missing))


def load(ngx, proto, path, requests, spec):
    """Sends `requests` requests, bounded in time too, and returns the
    client's output. wrk runs for a duration: each of its threads stops
    sending after its share (stop.lua), and wrk is stopped (SIGINT, which
    makes it print its summary) once nginx has served them all."""
    port = ngx.h1 if proto == "h1" else ngx.h2
    url = "http://127.0.0.1:%d%s" % (port, path)
    if proto == "h1":
        script = os.path.join(ngx.dir, "stop.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)
        threads = min(spec["threads"], spec["connections"])
        argv = ["wrk", "-t", str(threads), "-c", str(spec["connections"]),
                "-d", "%ds" % CLIENT_SECONDS, "--timeout", "5s",
                "-s", script, url, "--", str(-(-requests // threads))]
    else:
        argv = ["h2load", "-n", str(requests), "-c", str(spec["connections"]),
                "-m", str(spec["streams"]), "-t", str(spec["threads"]), url]
    target = ngx.requests() + requests
    proc = spawn(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                 text=True)
    deadline = time.time() + CLIENT_SECONDS + 10
    try:
        while proc.poll() is None and time.time() < deadline:
            if proto == "h1" and ngx.requests() >= target:
                proc.send_signal(signal.SIGINT)
                break
            time.sleep(0.02)
        out, _ = proc.communicate(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        reap(proc, 1)
        raise Failure("%s ran for more than %d s" % (argv[0], CLIENT_SECONDS))
    reap(proc, 1)
    rc = proc.returncode
    if rc:
        raise Failure("%s failed: %s" % (argv[0], out.strip()[-300:]))
    return out


def failed_responses(out):
    """Responses the client counted as not 2xx (wrk: "Non-2xx or 3xx
    responses"; h2load: its 3xx, 4xx and 5xx counts, and failed or errored
    requests)."""
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    if m:
        return int(m.group(1))
    m = re.search(r"status codes: \d+ 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx",
                  out)
    bad = sum(int(g) for g in m.groups()) if m else 0
    m = re.search(r"(\d+) failed, (\d+) errored", out)
    return bad + (int(m.group(1)) + int(m.group(2)) if m else 0)


# --------------------------------------------------------------------------
# Scenarios

def measure(work, modules, location, warmup_location, proto, spec, warmup,
            locations, http_conf="", server_conf=""):
    """One scenario on a fresh nginx: warm up, sample before, load while
    sampling, sample after. Returns the series and the two samples."""
    run_dir = tempfile.mkdtemp(prefix="run.", dir=work)
    ngx = Nginx(run_dir, modules, locations, http_conf, server_conf)
    try:
        ngx.start()
        pid = ngx.worker()
        base = sample(ngx, pid)
        if warmup:
            load(ngx, proto, warmup_location, warmup, spec)
        before = idle_sample(ngx, pid, base[2])
        sampler = Sampler(ngx, pid)
        sampler.start()
        try:
            out = load(ngx, proto, location, spec["requests"], spec)
        finally:
            sampler.stop()
        after = idle_sample(ngx, pid, before[2])
        if ngx.worker() != pid:
            raise Failure("the nginx worker was replaced during the run "
                          "(see %s/error.log)" % run_dir)
        series = [(r - before[0], rss, fds) for r, rss, fds in sampler.series]
        series.append((after[0] - before[0], after[1], after[2]))
        served = after[0] - before[0]
        if served <= 0:
            raise Failure("no request reached %s (a location of yours with "
                          "an access_log of its own is not counted)" % location)
        # RSS: the highest sample. Memory a connection's pool held goes back
        # to malloc when the client disconnects, and glibc may give the top
        # of its heap back to the system: the cost is the high-water mark.
        # Descriptors: once the clients are gone (their sockets would count).
        peak = max(s[1] for s in series)
        return {"requests": served, "before": before[1:],
                "after": (peak, after[2]), "idle_rss": after[1],
                "failed": failed_responses(out), "series": series}
    finally:
        ngx.stop()
        remove_run_dir(run_dir)


def growth_per_1000(result, metric):
    i = 0 if metric == "rss" else 1
    return (result["after"][i] - result["before"][i]) * 1000.0 / result["requests"]


def example_locations(run_dir_greeting):
    locs = {}
    for c in GROWTH:
        locs["= /leaky/" + c.key] = c.leaky.format(greeting=run_dir_greeting)
        locs["= /fixed/" + c.key] = c.fixed.format(greeting=run_dir_greeting)
    return locs


def run_growth(work, mods, load_name, log, only=None):
    spec = LOADS[load_name]
    greeting = os.path.join(work, "greeting.txt")
    with open(greeting, "w") as f:
        f.write("hello from the greeting file")
    locs = example_locations(greeting)
    results = {}
    for c in GROWTH:
        if only and c.key not in only:
            continue
        for proto in ("h1", "h2"):
            pspec = dict(spec[proto])
            if c.metric == "fds" and pspec["requests"] > descriptor_budget(pspec):
                # Past the worker's descriptor limit, open() and accept()
                # fail: the leak stops growing and requests fail instead.
                pspec["requests"] = descriptor_budget(pspec)
                log("%s %s: %d requests, under the worker's limit of %d "
                    "descriptors" % (c.key, proto, pspec["requests"],
                                     nofile_limit()))
            for variant in ("leaky", "fixed"):
                t0 = time.time()
                r = measure(work, mods, "/%s/%s" % (variant, c.key),
                            "/fixed/" + c.key, proto, pspec,
                            spec["warmup"], locs)
                r["growth"] = growth_per_1000(r, c.metric)
                if r["failed"]:
                    raise Failure("%s %s %s: %d responses were not 2xx (see "
                                  "the error log of a run kept with --keep)"
                                  % (c.key, proto, variant, r["failed"]))
                results[(c.key, proto, variant)] = r
                log("%-6s %s %-5s %6d requests  RSS %s -> %s  fds %d -> %d  "
                    "%s per 1000 requests  (%.1f s)" % (
                        c.key, proto, variant, r["requests"],
                        mib(r["before"][0]), mib(r["after"][0]),
                        r["before"][1], r["after"][1],
                        fmt_growth(r["growth"], c.metric), time.time() - t0))
    return results


def mib(b):
    return "%.1f MiB" % (b / KIB / KIB)


def fmt_growth(g, metric):
    if metric == "rss":
        return "%+.1f KiB" % (g / KIB)
    return "%+.1f fds" % g


def judge(results, classes=GROWTH):
    """(passed, failed, messages) of the growth assertions."""
    passed, failed, msgs = 0, 0, []
    for c in classes:
        t = THRESHOLDS[c.metric]
        for proto in ("h1", "h2"):
            for variant in ("leaky", "fixed"):
                r = results.get((c.key, proto, variant))
                if r is None:
                    continue
                g = r["growth"]
                if variant == "leaky":
                    ok = g >= t["leaky_min"]
                    want = "grows by at least %s" % fmt_growth(t["leaky_min"], c.metric)
                else:
                    ok = g <= t["fixed_max"]
                    want = "grows by at most %s" % fmt_growth(t["fixed_max"], c.metric)
                name = "%s %s %s" % (c.key, proto, variant)
                msgs.append("%s: %s %s per 1000 requests (%s per 1000)" % (
                    "PASS" if ok else "FAIL", name,
                    fmt_growth(g, c.metric), want))
                if ok:
                    passed += 1
                else:
                    failed += 1
    return passed, failed, msgs


# --------------------------------------------------------------------------
# AddressSanitizer

def libasan():
    p = subprocess.run(["gcc", "-print-file-name=libasan.so"],
                       capture_output=True, text=True).stdout.strip()
    return os.path.realpath(p) if p and os.path.exists(p) else None


def http_sequence(port, paths, pauses):
    """GETs on one keepalive connection (a new one after a failure);
    returns the status of each (None: no answer)."""
    statuses = []
    conn = None
    for path, pause in zip(paths, pauses):
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            statuses.append(resp.status)
        except (OSError, http.client.HTTPException):
            statuses.append(None)
            if conn:
                conn.close()
            conn = None
        time.sleep(pause)
    if conn:
        conn.close()
    return statuses


FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (\S+) (\S+)")


def stack(text, after):
    """The symbolized frames of the stack that follows the line starting
    with `after`, up to the blank line: [(function, file:line)]."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(after):
            frames = []
            for l in lines[i + 1:]:
                if not l.strip():
                    break
                m = FRAME.match(l)
                if m:
                    frames.append((m.group(1), m.group(2)))
            return frames
    return []


def own_frame(frames):
    """The first frame that is not AddressSanitizer's or libc's wrapper."""
    for fn, where in frames:
        if not (fn.startswith("__interceptor") or fn.startswith("__asan")
                or where.startswith("/usr/include") or where.startswith("../")):
            return fn, where
    return frames[0] if frames else ("?", "?")


def first_report(run_dir):
    """The first AddressSanitizer report of the run (by time), or None:
    {kind, access, frame: (function, file:line), freed_by, text}."""
    reports = sorted(
        (os.path.getmtime(os.path.join(run_dir, f)), f)
        for f in os.listdir(run_dir) if f.startswith("asan."))
    for _, f in reports:
        with open(os.path.join(run_dir, f)) as fh:
            text = fh.read()
        m = re.search(r"ERROR: AddressSanitizer: (\S+)", text)
        if not m:
            continue
        access = re.search(r"^((READ|WRITE) of size \d+)", text, re.M)
        frames = stack(text, access.group(1)) if access else []
        freed = stack(text, "freed by thread")
        return {"kind": m.group(1),
                "access": access.group(1) if access else "",
                "frame": own_frame(frames),
                "freed_by": own_frame(freed)[0] if freed else "",
                "text": text}
    return None


def run_asan_case(work, asan_mods, locations, sequence, http_conf="",
                  server_conf=""):
    """A short request sequence [(path, pause)] on a fresh nginx with the
    ASan-built modules, AddressSanitizer's runtime preloaded; returns
    (statuses, first report or None)."""
    lib = libasan()
    if not lib:
        raise Failure("gcc's AddressSanitizer runtime (libasan) is missing: "
                      "run tools/setup.sh")
    run_dir = tempfile.mkdtemp(prefix="run.", dir=work)
    env = dict(os.environ)
    env["LD_PRELOAD"] = lib
    # Each dynamic module defines its own ngx_modules, ngx_module_names and
    # ngx_module_order (nginx looks them up per module with dlsym): ASan
    # takes two modules' copies for an ODR violation. Leaks at exit are
    # not what is measured here.
    env["ASAN_OPTIONS"] = ("log_path=%s/asan:detect_leaks=0:"
                           "detect_odr_violation=0:halt_on_error=1"
                           % run_dir)
    ngx = Nginx(run_dir, asan_mods, locations, http_conf, server_conf,
                env=env)
    try:
        ngx.start()
        statuses = http_sequence(ngx.h1, [p for p, _ in sequence],
                                 [t for _, t in sequence])
        time.sleep(0.2)
        ngx.stop()
        return statuses, first_report(run_dir)
    finally:
        ngx.stop()
        remove_run_dir(run_dir)


def run_uaf(work, mods, log, only=None):
    results = {}
    for c in UAF:
        if only and c.key not in only:
            continue
        for variant in ("leaky", "fixed"):
            loc = "/%s/%s" % (variant, c.key)
            body = c.leaky if variant == "leaky" else c.fixed
            statuses, rep = run_asan_case(
                work, mods, {loc + "/": body},
                [(loc + path, pause) for path, pause in c.sequence])
            results[(c.key, variant)] = {"statuses": statuses, "report": rep}
            log("%-9s %-5s responses %s  %s" % (
                c.key, variant, statuses, describe(rep)))
    return results


def statuses_text(statuses):
    """HTTP statuses of a sequence; "none" where the worker stopped before
    answering."""
    return " ".join("none" if s is None else str(s) for s in statuses)


def describe(rep):
    if not rep:
        return "no AddressSanitizer report"
    return "%s, %s in %s (%s)%s" % (
        rep["kind"], rep["access"], rep["frame"][0],
        os.path.basename(rep["frame"][1]),
        ", freed by " + rep["freed_by"] if rep["freed_by"] else "")


def judge_uaf(results):
    passed, failed, msgs = 0, 0, []
    for c in UAF:
        for variant in ("leaky", "fixed"):
            r = results.get((c.key, variant))
            if r is None:
                continue
            rep = r["report"]
            if variant == "leaky":
                ok = (rep is not None and "use-after-free" in rep["kind"]
                      and rep["frame"][0] == c.access_in)
                want = "a heap-use-after-free in %s" % c.access_in
            else:
                ok = rep is None and all(s == 200 for s in r["statuses"])
                want = "no report, every response 200"
            msgs.append("%s: %s %s under AddressSanitizer (%s)" % (
                "PASS" if ok else "FAIL", c.key, variant, want))
            passed += ok
            failed += not ok
    return passed, failed, msgs


# --------------------------------------------------------------------------
# Report

def write_report(results, uaf, spec, out_dir, work, elapsed):
    os.makedirs(out_dir, exist_ok=True)
    plot(results, out_dir, work)
    data = {"load": spec, "growth": [], "uaf": []}
    for (key, proto, variant), r in sorted(results.items()):
        data["growth"].append({"class": key, "protocol": proto,
                               "variant": variant, **r})
    for (key, variant), r in sorted(uaf.items()):
        rep = r["report"]
        data["uaf"].append({"class": key, "variant": variant,
                            "statuses": r["statuses"],
                            "report": {k: v for k, v in rep.items() if k != "text"}
                            if rep else None})
    with open(os.path.join(out_dir, "data.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")

    proto_name = {"h1": "HTTP/1.1", "h2": "HTTP/2"}
    lines = ["# Live measurements", "",
             "Generated by `tools/live/live.py report` (%.0f s); see "
             "[../README.md](../README.md) for the method." % elapsed, "",
             "Load: HTTP/1.1 with wrk, %d requests over %d keepalive "
             "connections; HTTP/2 with h2load, %d requests over %d connections "
             "× %d streams. Each row is a fresh nginx worker, warmed up on the "
             "fixed location first; before and after are taken with no "
             "connection open." % (
                 spec["h1"]["requests"], spec["h1"]["connections"],
                 spec["h2"]["requests"], spec["h2"]["connections"],
                 spec["h2"]["streams"]), ""]
    for c in GROWTH:
        lines += ["## %s (%s)" % (c.title, c.checker), "",
                  "`%s` (leaky) against its fixed twin." % c.function, "",
                  "| protocol | handler | requests | RSS before → after | "
                  "descriptors before → after | growth per 1000 requests |",
                  "|---|---|---|---|---|---|"]
        for proto in ("h1", "h2"):
            for variant in ("leaky", "fixed"):
                r = results.get((c.key, proto, variant))
                if not r:
                    continue
                lines.append("| %s | %s | %d | %s → %s | %d → %d | **%s** |" % (
                    proto_name[proto], variant, r["requests"],
                    mib(r["before"][0]), mib(r["after"][0]),
                    r["before"][1], r["after"][1],
                    fmt_growth(r["growth"], c.metric)))
        lines += ["", "![%s](%s.png)" % (c.title, c.key), ""]
    lines += ["## Use after free, under AddressSanitizer", "",
              "| class | handler | responses | first invalid access |",
              "|---|---|---|---|"]
    for c in UAF:
        for variant in ("leaky", "fixed"):
            r = uaf.get((c.key, variant))
            if not r:
                continue
            rep = r["report"]
            if rep:
                what = "%s: %s in `%s` (%s)%s" % (
                    rep["kind"], rep["access"], rep["frame"][0],
                    os.path.basename(rep["frame"][1]),
                    ", freed by `%s`" % rep["freed_by"] if rep["freed_by"]
                    else "")
            else:
                what = "none"
            lines.append("| %s (%s) | %s | %s | %s |" % (
                c.title, c.checker, variant, statuses_text(r["statuses"]),
                what))
    lines.append("")
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("\n".join(lines))


README_BEGIN = "<!-- live-report:begin (tools/live/live.py report writes this) -->"
README_END = "<!-- live-report:end -->"


def update_readme(results, uaf):
    """Rewrites the README's table of live measurements, between its
    markers, from this run."""
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        text = f.read()
    if README_BEGIN not in text or README_END not in text:
        raise Failure("README.md has no live-report markers")
    spec = LOADS["report"]
    rows = ["| bug class (finding) | leaky handler | HTTP/1.1 leaky | "
            "HTTP/1.1 fixed | HTTP/2 leaky | HTTP/2 fixed |",
            "|---|---|---|---|---|---|"]
    for c in GROWTH:
        cells = []
        for proto in ("h1", "h2"):
            for variant in ("leaky", "fixed"):
                r = results.get((c.key, proto, variant))
                cells.append(fmt_growth(r["growth"], c.metric) if r else "")
        rows.append("| %s (%s) | `%s` | %s |" % (
            c.title, c.checker, c.function.split(",")[0],
            " | ".join(cells)))
    rows += ["", "Per 1000 requests: worker RSS (high-water mark) or open "
             "descriptors. HTTP/1.1: wrk, %d requests over %d keepalive "
             "connections; HTTP/2: h2load, %d requests over %d connections "
             "× %d streams; each on a fresh worker. Details, before → after "
             "values and the raw series: "
             "[tools/live/report/](tools/live/report/README.md)." % (
                 spec["h1"]["requests"], spec["h1"]["connections"],
                 spec["h2"]["requests"], spec["h2"]["connections"],
                 spec["h2"]["streams"]), ""]
    rows += ["| use after free (finding) | first invalid access, leaky "
             "(AddressSanitizer) | fixed |", "|---|---|---|"]
    for c in UAF:
        lr, fr = uaf.get((c.key, "leaky")), uaf.get((c.key, "fixed"))
        if not lr or not fr:
            continue
        rows.append("| %s (%s) | %s | %s |" % (
            c.title, c.checker, describe(lr["report"]),
            "no report, responses " + statuses_text(fr["statuses"])
            if not fr["report"] else describe(fr["report"])))
    rows += ["", " ".join("![%s](tools/live/report/%s.png)" % (c.title, c.key)
                          for c in GROWTH)]
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    with open(path, "w") as f:
        f.write(head + README_BEGIN + "\n" + "\n".join(rows) + "\n"
                + README_END + tail)


def plot(results, out_dir, work):
    # matplotlib's font cache goes into the work directory, not ~/.cache.
    os.environ["MPLCONFIGDIR"] = os.path.join(work, "matplotlib")
    try:
        import matplotlib
    except ImportError:
        raise Failure("%s has no matplotlib: run tools/setup.sh (Debian's "
                      "python3-matplotlib, for /usr/bin/python3)"
                      % sys.executable)
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    proto_name = {"h1": "HTTP/1.1 (wrk)", "h2": "HTTP/2 (h2load)"}
    for c in GROWTH:
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
        for ax, proto in zip(axes, ("h1", "h2")):
            for variant, colour in (("leaky", "tab:red"), ("fixed", "tab:green")):
                r = results.get((c.key, proto, variant))
                if not r:
                    continue
                xs = [s[0] for s in r["series"]]
                if c.metric == "rss":
                    ys = [s[1] / KIB / KIB for s in r["series"]]
                else:
                    ys = [s[2] for s in r["series"]]
                ax.plot(xs, ys, color=colour, label=variant)
            ax.set_title(proto_name[proto])
            ax.set_xlabel("requests")
            ax.grid(alpha=0.3)
            ax.legend()
        axes[0].set_ylabel("worker RSS (MiB)" if c.metric == "rss"
                           else "worker's open descriptors")
        axes[0].set_ylim(bottom=0)
        fig.suptitle("%s (%s)" % (c.title, c.checker))
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, c.key + ".png"), dpi=80)
        plt.close(fig)


# --------------------------------------------------------------------------
# Commands

def clean_stale(work):
    """Stops an nginx a killed earlier run left behind in the work directory
    (its pid file is in run.*/) and removes its directory."""
    if not os.path.isdir(work):
        return
    for d in os.listdir(work):
        if not d.startswith("run."):
            continue
        run_dir = os.path.join(work, d)
        try:
            with open(os.path.join(run_dir, "nginx.pid")) as f:
                pid = int(f.read().strip())
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                if run_dir.encode() in f.read():
                    os.killpg(os.getpgid(pid), signal.SIGKILL)
        except (OSError, ValueError):
            pass
        shutil.rmtree(run_dir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See tools/live/README.md.")
    ap.add_argument("command", choices=("check", "report", "measure"))
    ap.add_argument("--work-dir", default=os.path.join(
        os.environ.get("NGX_PC_BUILD_DIR") or os.path.join(ROOT, "build"),
        "live"), help="where everything is built and run (default build/live)")
    ap.add_argument("--out", default=REPORT_DIR,
                    help="report: output directory (default tools/live/report)")
    ap.add_argument("--only", action="append",
                    help="check/report: only this class (repeatable)")
    ap.add_argument("--module", action="append", default=[],
                    help="measure: a module directory (with its config file); "
                         "repeatable")
    ap.add_argument("--location", help="measure: the location's URI path")
    ap.add_argument("--directives", default="",
                    help="measure: the body of `location = /x { ... }`")
    ap.add_argument("--conf", help="measure: a file of server{} directives "
                    "(your own location blocks) instead of --directives")
    ap.add_argument("--http-conf", help="measure: a file of http{} directives")
    ap.add_argument("--requests", type=int, help="measure: requests per run")
    ap.add_argument("--connections", type=int,
                    help="measure: client connections")
    ap.add_argument("--keep", action="store_true",
                    help="leave each stopped nginx's directory (run.*) in the "
                         "work directory, for its configuration and logs")
    ap.add_argument("--asan", action="store_true",
                    help="measure: also a 3-request sequence under ASan")
    args = ap.parse_args()

    global KEEP
    KEEP = args.keep
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    work = os.path.abspath(args.work_dir)
    t0 = time.time()

    def log(msg):
        print("live: " + msg, flush=True)

    locked = False
    try:
        check_tools()
        os.makedirs(work, exist_ok=True)
        # One run per work directory: the next line stops what a killed
        # run left there, which must not be a live run's nginx.
        lock = open(os.path.join(work, ".lock"), "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise Failure("another live.py run is using %s" % work)
        locked = True
        clean_stale(work)
        if args.command == "measure":
            return cmd_measure(args, work, log)
        only = set(args.only) if args.only else None
        known = {c.key for c in GROWTH} | {c.key for c in UAF}
        if only and not only <= known:
            raise Failure("unknown class %s (known: %s)" % (
                ", ".join(sorted(only - known)), ", ".join(sorted(known))))
        mods = build_modules(work, [os.path.join(EXAMPLE, "leaky"),
                                    os.path.join(EXAMPLE, "fixed")], log)
        results = run_growth(work, mods["normal"], args.command, log, only)
        uaf = run_uaf(work, mods["asan"], log, only)
        p1, f1, m1 = judge(results)
        p2, f2, m2 = judge_uaf(uaf)
        for m in m1 + m2:
            print(m)
        if args.command == "report":
            write_report(results, uaf, LOADS["report"], args.out, work,
                         time.time() - t0)
            if os.path.abspath(args.out) == REPORT_DIR and not only:
                update_readme(results, uaf)
                log("README.md's live section updated")
            log("report written to %s" % args.out)
        print("live %s: %.0f s" % (args.command, time.time() - t0))
        print("%d passed, %d failed" % (p1 + p2, f1 + f2))
        return 1 if f1 + f2 else 0
    except Failure as e:
        print("live: error: %s" % e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("live: interrupted; nginx stopped", file=sys.stderr)
        return 130
    finally:
        stop_all()
        if locked and not KEEP:
            clean_stale(work)


def cmd_measure(args, work, log):
    if not args.module or not args.location:
        raise Failure("measure needs --module DIR and --location /path")
    dirs = []
    for d in args.module:
        d = os.path.abspath(d)
        if not os.path.isfile(os.path.join(d, "config")):
            raise Failure("%s is not an nginx module directory (no config file)" % d)
        dirs.append(d)
    server_conf = http_conf = ""
    if args.conf:
        with open(args.conf) as f:
            server_conf = f.read()
    if args.http_conf:
        with open(args.http_conf) as f:
            http_conf = f.read()
    mods = build_modules(work, dirs, log)
    locations = {"= /live-warmup": 'return 200 "warm\\n";'}
    if not args.conf:
        locations[args.location] = args.directives
    elif args.directives:
        raise Failure("--conf and --directives exclude each other")
    results = {}
    for proto in ("h1", "h2"):
        spec = dict(LOADS["check"][proto])
        if args.requests:
            spec["requests"] = args.requests
        if args.connections:
            spec["connections"] = args.connections
        r = measure(work, mods["normal"], args.location, "/live-warmup", proto,
                    spec, LOADS["check"]["warmup"], locations, http_conf,
                    server_conf)
        for metric in ("rss", "fds"):
            g = growth_per_1000(r, metric)
            t = THRESHOLDS[metric]
            verdict = ("GROWS" if g >= t["leaky_min"] else
                       "flat" if g <= t["fixed_max"] else "unclear")
            print("%s %s: %d requests (%d not 2xx), %s %s -> %s, %s per 1000 "
                  "requests: %s" % (
                args.location, proto, r["requests"], r["failed"], metric,
                mib(r["before"][0]) if metric == "rss" else r["before"][1],
                mib(r["after"][0]) if metric == "rss" else r["after"][1],
                fmt_growth(g, metric), verdict))
        results[proto] = r
    if args.asan:
        statuses, rep = run_asan_case(
            work, mods["asan"],
            {} if args.conf else {args.location: args.directives},
            [(args.location, 0.3)] * 3, http_conf, server_conf)
        print("%s under AddressSanitizer: responses %s; %s" % (
            args.location, statuses, describe(rep)))
        if rep:
            print(rep["text"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
