#!/usr/bin/env python3
"""Time ngx-pool-check on one-function changes of one file, as the git hook runs it.

    tools/benchmark-changed.py [-p <compile_commands.json or its dir>] [<file>] [options]

For the translation unit of <file> (default: lua-nginx-module's
src/ngx_http_lua_socket_tcp.c in the corpus, tools/corpus/), it times

  - the whole file: ngx-pool-check -p <db> <file>;
  - for every function definition of the file, a change of one line inside
    it: ngx-pool-check -p <db> <file> --changed-lines=<list> with the list
    `<file>:<line>` and --changed-callers=<--callers> (what the pre-commit
    hook passes for a staged one-function change);

one run at a time (each a fresh process: parsing included; wall time, and
the CPU time it used, which a loaded machine does not inflate), and prints
the median, 90th percentile and maximum of the one-function runs
(with the slowest function), the run of the largest function (by lines) and
the whole-file time, and a run whose changed line is in no function
(parsing and set-up alone). With --verify it also checks, for each function, that
the findings located in it are those the whole-file run has there: the
same warnings (exit status 1 if not), and the same path notes as printed
(listed where they differ: the analyzer picks one path of several for a
report, within its node budget, which a run split in parts spends
differently).

Functions are found in nginx's style: a body opens with `{` alone at column
0 and closes with `}` alone at column 0; the function's name is the last
`name(` at the start of a line before its `{`. The driver's own count
("changed lines touch 1 of N functions") is checked against it.

Exit status: 0, 1 when --verify found other warnings, 2 when a tool cannot run.
"""
import argparse
import collections
import json
import math
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("CORPUS_WORKDIR", "/work/corpus-run")
DEFAULT_FILE = "ngx_http_lua_socket_tcp.c"

WARNING = re.compile(r"^(?P<file>.*?):(?P<line>\d+):\d+: warning: ")
NOTE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):\d+: note: ")
Timing = collections.namedtuple("Timing", "wall cpu")
SELECTED = re.compile(r"changed lines touch (\d+) of (\d+) functions?")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE,
                        help="the unit: a path, or the end of one in the database "
                             "(default: %s)" % DEFAULT_FILE)
    parser.add_argument("-p", dest="database",
                        default=os.path.join(CORPUS, "compile_commands.json"),
                        help="compile_commands.json or its directory "
                             "(default: the corpus's, $CORPUS_WORKDIR or /work/corpus-run)")
    parser.add_argument("--driver",
                        default=os.path.join(ROOT, "build", "bin", "ngx-pool-check"),
                        help="the ngx-pool-check binary (default: build/bin/ngx-pool-check)")
    parser.add_argument("--callers", choices=("direct", "all"), default="direct",
                        help="the driver's --changed-callers: the changed function's "
                             "direct callers (the hook's default) or all, transitively")
    parser.add_argument("--verify", action="store_true",
                        help="compare each function's findings with the whole-file run's")
    parser.add_argument("--only", default="",
                        help="only the functions whose name matches this regular expression")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N functions (after --only)")
    parser.add_argument("--json", dest="json_out",
                        help="also write every run's figures to this JSON file")
    return parser.parse_args()


def fail(message):
    print("benchmark-changed: " + message, file=sys.stderr)
    sys.exit(2)


def load_entry(database, wanted):
    if os.path.isdir(database):
        database = os.path.join(database, "compile_commands.json")
    if not os.path.isfile(database):
        fail("no compilation database at %s" % database)
    with open(database) as f:
        entries = json.load(f)
    wanted_abs = os.path.abspath(wanted)
    for entry in entries:
        path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        if path == wanted_abs or path.endswith("/" + wanted.lstrip("/")):
            return entry, path
    fail("%s is not in %s" % (wanted, database))


def functions_of(path):
    """[(name, first line, last line)] of the definitions, nginx style."""
    with open(path, errors="replace") as f:
        lines = f.read().split("\n")
    found, start, name, header = [], None, None, None
    for number, text in enumerate(lines, 1):
        if start is None:
            match = re.match(r"(?:.*[\s*])?([A-Za-z_]\w*)\s*\(", text)
            if match and not text[:1].isspace() and not text.startswith("#"):
                name, header = match.group(1), number
            elif text.strip() == "" or text.startswith(("#", "/*", " *", "}")) or text.endswith(";"):
                name = header = None
            if text == "{" and name:
                start = header
        elif text == "}":
            found.append((name, first_line(lines, start), number))
            start = name = header = None
    return found


def first_line(lines, header):
    """The line of the return type above a function's name, if any."""
    above = lines[header - 2] if header >= 2 else ""
    if above and not above[:1].isspace() and not above.startswith(("#", "/", " ", "}")) \
            and not above.endswith((";", "}", "*/")) and "(" not in above:
        return header - 1
    return header


def outside_line(functions):
    """A line in no function: before the first one."""
    return max(1, functions[0][1] - 1) if functions else 1


def findings(output):
    """The printed findings: each a list of lines, the warning first."""
    blocks = []
    for line in output.splitlines():
        if WARNING.match(line):
            blocks.append([line])
        elif blocks and NOTE.match(line):
            blocks[-1].append(line)
    return blocks


def located_in(block, display, first, last):
    match = WARNING.match(block[0])
    return match.group("file") == display and first <= int(match.group("line")) <= last


def run(driver, db_dir, path, lines_file=None, callers="direct"):
    command = [driver, "-p", db_dir, path, "--exit-zero", "--progress=never"]
    if lines_file:
        command.append("--changed-lines=" + lines_file)
        command.append("--changed-callers=" + callers)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    except OSError as error:
        fail("cannot run %s: %s" % (driver, error.strerror))
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(shlex.quote(c) for c in command),
                                  result.returncode, result.stderr.strip()[:500]))
    return Timing(elapsed, cpu), result.stdout


def verdict(record):
    if record["same"]:
        return "same"
    return "same warnings, other paths" if record["same_warnings"] else "DIFFERENT"


def percentile(values, fraction):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main():
    args = parse_args()
    if not os.access(args.driver, os.X_OK):
        fail("cannot run %s" % args.driver)
    entry, path = load_entry(args.database, args.file)
    functions = all_functions = functions_of(path)
    if args.only:
        functions = [f for f in functions if re.search(args.only, f[0])]
    if args.limit:
        functions = functions[: args.limit]
    if not functions:
        fail("no function definition found in %s" % path)
    display = os.path.relpath(path) if path.startswith(os.getcwd() + os.sep) else path

    runs = []
    with tempfile.TemporaryDirectory(prefix="ngx-pool-check-bench-") as tmp:
        with open(os.path.join(tmp, "compile_commands.json"), "w") as out:
            json.dump([entry], out)
        whole_time, whole_output = run(args.driver, tmp, path)
        whole = findings(whole_output)
        lines_file = os.path.join(tmp, "changed.list")
        # A change outside every function: parsing, and no analysis.
        with open(lines_file, "w") as out:
            out.write("%s:%d\n" % (path, outside_line(all_functions)))
        parse_time, _ = run(args.driver, tmp, path, lines_file, args.callers)
        for name, first, last in functions:
            line = min(last, first + (last - first) // 2)
            with open(lines_file, "w") as out:
                out.write("%s:%d\n" % (path, line))
            elapsed, output = run(args.driver, tmp, path, lines_file, args.callers)
            selected = SELECTED.search(output)
            record = {"function": name, "first": first, "last": last, "line": line,
                      "seconds": elapsed.wall, "cpu_seconds": elapsed.cpu,
                      "touched": int(selected.group(1)) if selected else None,
                      "defined": int(selected.group(2)) if selected else None}
            if args.verify:
                mine = [b for b in findings(output) if located_in(b, display, first, last)]
                theirs = [b for b in whole if located_in(b, display, first, last)]
                record["findings"] = len(theirs)
                record["same"] = sorted(mine) == sorted(theirs)
                record["same_warnings"] = (sorted(b[0] for b in mine) ==
                                           sorted(b[0] for b in theirs))
            runs.append(record)
            print("%-55s %5d-%-5d %6.2f s (CPU %5.2f s)%s" % (
                name, first, last, elapsed.wall, elapsed.cpu,
                "" if not args.verify else
                "  %d finding(s) %s" % (record["findings"], verdict(record))),
                flush=True)

    largest = max(runs, key=lambda r: r["last"] - r["first"])
    defined = {r["defined"] for r in runs}
    print()
    print("file:                 %s (%d functions found; the driver counts %s)"
          % (display, len(functions), ", ".join(str(d) for d in sorted(defined, key=str))))
    for key, label in (("seconds", "wall"), ("cpu_seconds", "CPU")):
        times = [r[key] for r in runs]
        slowest = max(runs, key=lambda r: r[key])
        print("one-function change:  %-4s median %.2f s, p90 %.2f s, max %.2f s (%s)"
              % (label, statistics.median(times), percentile(times, 0.9), slowest[key],
                 slowest["function"]))
    print("largest function:     wall %.2f s, CPU %.2f s (%s, %d lines)"
          % (largest["seconds"], largest["cpu_seconds"], largest["function"],
             largest["last"] - largest["first"] + 1))
    print("whole file:           wall %.2f s, CPU %.2f s (%d findings)"
          % (whole_time.wall, whole_time.cpu, len(whole)))
    print("no function changed:  wall %.2f s, CPU %.2f s (parsing and set-up, no analysis)"
          % (parse_time.wall, parse_time.cpu))
    print("load average:         %.2f %.2f %.2f (at the end)" % os.getloadavg())
    untouched = [r["function"] for r in runs if r["touched"] != 1]
    if untouched:
        print("not exactly one function touched: " + ", ".join(untouched))
    status = 0
    if args.verify:
        different = [r["function"] for r in runs if not r["same_warnings"]]
        other_paths = [r["function"] for r in runs
                       if r["same_warnings"] and not r["same"]]
        print("findings per function: %d of %d the same warnings as the whole-file run's%s"
              % (len(runs) - len(different), len(runs),
                 (": different in " + ", ".join(different)) if different else ""))
        print("paths per function:    %d of %d the same paths too%s"
              % (len(runs) - len(different) - len(other_paths), len(runs),
                 (": other paths in " + ", ".join(other_paths)) if other_paths else ""))
        status = 1 if different else 0
    if args.json_out:
        with open(args.json_out, "w") as out:
            json.dump({"file": path, "whole": whole_time._asdict(),
                       "no_function": parse_time._asdict(), "runs": runs}, out,
                      indent=2)
    return status


if __name__ == "__main__":
    sys.exit(main())
