#!/usr/bin/env python3
"""Time ngx-pool-check against `clang --analyze` over one compilation database.

    tools/benchmark.py -p <build dir or compile_commands.json> [options]

Both analyse the same translation units of the database (C files, each once,
with its first command), with the same parallelism:

  - ngx-pool-check -j N -p <a copy of the database with just those files>
    (the nginx checkers, with clang's core modeling);
  - clang-19 --analyze with its default checkers, N processes at a time, each
    file in its compile command's directory, output discarded.

It prints both wall times and their ratio (driver / clang): the cost of the
nginx checkers relative to a plain analyzer run. Use --limit and --filter to
time a part of a big tree. Exit status: 0, or 2 when a tool cannot be run.

Example (the nginx corpus, later):
    tools/benchmark.py -p ~/nginx-1.22.1 --filter 'src/http/' -j 2
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-p", dest="database", required=True,
                        help="build directory with compile_commands.json, or the file")
    parser.add_argument("-j", dest="jobs", type=int, default=2,
                        help="parallel translation units for both tools (default 2)")
    parser.add_argument("--driver",
                        default=os.path.join(ROOT, "build", "bin", "ngx-pool-check"),
                        help="the ngx-pool-check binary (default: build/bin/ngx-pool-check)")
    parser.add_argument("--clang", default=shutil.which("clang-19") or "clang-19",
                        help="clang to run --analyze with (default: clang-19)")
    parser.add_argument("--filter", default="",
                        help="only files whose path matches this regular expression")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N files (after --filter)")
    parser.add_argument("--checks", default="",
                        help="passed to the driver as --checks (e.g. the checkers an "
                             "older build had, to compare like with like)")
    return parser.parse_args()


def database_path(path):
    if os.path.isdir(path):
        path = os.path.join(path, "compile_commands.json")
    if not os.path.isfile(path):
        print("benchmark: no compilation database at %s" % path, file=sys.stderr)
        sys.exit(2)
    return path


def command_of(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def absolute_file(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def select_entries(entries, pattern, limit):
    """C files, each once (first command), matching the filter."""
    seen, chosen = set(), []
    for entry in entries:
        path = absolute_file(entry)
        if not path.endswith(".c") or path in seen:
            continue
        if pattern and not re.search(pattern, path):
            continue
        seen.add(path)
        chosen.append(entry)
    return chosen[:limit] if limit else chosen


def clang_analyze_command(clang, entry):
    """The entry's command turned into `clang --analyze`, default checkers."""
    args = command_of(entry)[1:]
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("-c", "-S", "-E"):
            continue
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if arg.startswith("-o") or arg in ("-MD", "-MMD", "-MP", "-M", "-MM"):
            continue
        kept.append(arg)
    return [clang, "--analyze", "--analyzer-output", "text", "-o", os.devnull] + kept


def run_clang(clang, entry):
    result = subprocess.run(
        clang_analyze_command(clang, entry), cwd=entry["directory"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return result.returncode


def time_clang(clang, entries, jobs):
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        statuses = list(pool.map(lambda e: run_clang(clang, e), entries))
    return time.monotonic() - start, sum(1 for s in statuses if s != 0)


def time_driver(driver, entries, jobs, checks):
    with tempfile.TemporaryDirectory(prefix="ngx-pool-check-bench-") as tmp:
        with open(os.path.join(tmp, "compile_commands.json"), "w") as out:
            json.dump(entries, out)
        start = time.monotonic()
        result = subprocess.run(
            [driver, "-p", tmp, "-j", str(jobs), "--exit-zero"]
            + (["--checks=" + checks] if checks else []),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        elapsed = time.monotonic() - start
    summary = result.stdout.strip().splitlines()[-1:] or [""]
    return elapsed, result.returncode, summary[0]


def main():
    args = parse_args()
    for tool in (args.driver, args.clang):
        if not shutil.which(tool):
            print("benchmark: cannot run %s" % tool, file=sys.stderr)
            return 2
    with open(database_path(args.database)) as f:
        entries = select_entries(json.load(f), args.filter, args.limit)
    if not entries:
        print("benchmark: no C file selected", file=sys.stderr)
        return 2

    driver_time, driver_status, summary = time_driver(args.driver, entries, args.jobs,
                                                     args.checks)
    clang_time, clang_failures = time_clang(args.clang, entries, args.jobs)

    print("files:            %d (-j %d)" % (len(entries), args.jobs))
    print("ngx-pool-check:   %.2f s  (exit %d) %s" % (driver_time, driver_status, summary))
    print("clang --analyze:  %.2f s  (%d files failed)" % (clang_time, clang_failures))
    print("ratio:            %.2f (ngx-pool-check / clang --analyze)"
          % (driver_time / clang_time if clang_time else float("inf")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
