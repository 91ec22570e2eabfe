#!/usr/bin/env python3
"""Run ngx-pool-check over the corpus build-corpus.sh recorded, compare it
with clang's default checkers on the same translation units, and check every
finding against the triage file.

    tools/corpus/analyze-corpus.py [--workdir DIR] [--out DIR] [--jobs N]
                                   [--corpus A|C|A+C] [--components a,b,...]
                                   [--no-baseline] [--check] [--triage FILE]

For each component of WORKDIR/components.tsv that built (nginx core, each
module) it runs, on that component's translation units:
  * ngx-pool-check -jN --sarif (the driver, the nginx checkers);
  * unless --no-baseline: clang-19 --analyze with clang's default checkers
    alone, and the same with the plugin loaded and the nginx checkers
    enabled too, so that the checkers' cost on top of a default analysis is
    measured on the very same units in the same run. The two are run as a
    pair for each unit, one right after the other (N units at a time), and
    compared by the CPU time they used (user + system), so that a machine
    that gets slower or faster during a long run does not show as overhead.
Corpus C's components (build-corpus.sh --corpus-c) are named c:NAME;
--corpus picks corpus A (nginx and Debian's modules), C or both (the
default: every component built), --components names components.
It writes OUT/report.md (a table per component: translation units, lines of
C, wall time of the driver, CPU time and peak memory of each run, the ratios,
findings per checker, failed units) and OUT/findings.tsv (one line per
finding, in the triage file's columns).

With --check it compares the findings with the triage file
(test/corpus/triage.tsv): a finding that is not in it, a triaged finding of a
component analysed here that is gone, or a unit that failed or crashed makes
the exit status 1, with one line for each.

Exit status: 0 fine, 1 --check failed, 2 bad input.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))
import benchmark  # noqa: E402  (tools/benchmark.py: compile command -> clang --analyze)

CLANG = "/usr/lib/llvm-19/bin/clang"
TRIAGE_COLUMNS = ["fingerprint", "component", "file", "function", "checker",
                  "verdict", "reason"]
VERDICTS = {"real bug", "false positive", "deliberate"}


def list_checkers(driver):
    """The checkers the driver runs, in its order (one column each)."""
    try:
        out = subprocess.run([driver, "--list-checks"], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail("cannot list the driver's checkers (%s): %s" % (driver, e))
    names = [line.split()[0] for line in out.splitlines()
             if line.startswith("    nginx.")]
    if not names:
        fail("the driver lists no nginx checker: %s --list-checks" % driver)
    return names


def fail(message):
    print("analyze-corpus: error: " + message, file=sys.stderr)
    sys.exit(2)


# --- Inputs -----------------------------------------------------------------

def read_components(workdir):
    path = os.path.join(workdir, "components.tsv")
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except OSError as e:
        fail("cannot read %s (%s); run tools/corpus/build-corpus.sh first"
             % (path, e.strerror))
    return [r for r in rows if r.get("status") == "built"]


def read_database(workdir):
    path = os.path.join(workdir, "compile_commands.json")
    try:
        with open(path) as f:
            entries = json.load(f)
    except OSError as e:
        fail("cannot read %s (%s)" % (path, e.strerror))
    except ValueError as e:
        fail("%s is not valid JSON (%s)" % (path, e))
    if not isinstance(entries, list) or not entries:
        fail("%s has no entries" % path)
    return entries


entry_file = benchmark.absolute_file


def assign_units(components, entries):
    """The database entries of each component: a module owns the files under
    its source directory, nginx core the rest."""
    modules = sorted((c for c in components if c["component"] != "nginx"),
                     key=lambda c: -len(c["source_dir"]))
    units = {c["component"]: [] for c in components}
    for entry in entries:
        path = entry_file(entry)
        owner = "nginx"
        for c in modules:
            if path.startswith(c["source_dir"].rstrip("/") + "/"):
                owner = c["component"]
                break
        if owner in units:
            units[owner].append(entry)
    return units


def count_lines(paths):
    total = 0
    for p in paths:
        try:
            with open(p, "rb") as f:
                total += sum(1 for _ in f)
        except OSError:
            pass
    return total


# --- Running ----------------------------------------------------------------

def run_measured(argv, cwd=None, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL):
    """Run argv; return (exit status, wall seconds, peak RSS in KiB, CPU
    seconds: user + system)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, time.monotonic() - start, usage.ru_maxrss,
            usage.ru_utime + usage.ru_stime)


def run_pairs(units, jobs, extra):
    """For each unit, clang --analyze with the default checkers and then the
    same with `extra`, `jobs` units at a time: for each of the two runs the
    summed CPU seconds, the peak RSS and the files that failed."""
    def one(entry):
        command = benchmark.clang_analyze_command(CLANG, entry)
        base = run_measured(command, cwd=entry["directory"])
        plugin = run_measured(command + extra, cwd=entry["directory"])
        return base, plugin

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(one, units))

    def summary(which):
        runs = [r[which] for r in results]
        failed = [entry_file(u) for u, r in zip(units, runs) if r[0] != 0]
        return (sum(r[3] for r in runs), max((r[2] for r in runs), default=0),
                failed)
    return summary(0), summary(1)


def file_name(component):
    """A component's name in file names (corpus C's c:NAME -> c-NAME)."""
    return component.replace(":", "-")


def corpus_of(component):
    return "C" if component.startswith("c:") else "A"


def run_driver(driver, units, jobs, workdir, outdir, name):
    """ngx-pool-check over units: (wall, CPU seconds, peak, sarif path,
    failed files)."""
    name = file_name(name)
    db_dir = os.path.join(outdir, name)
    os.makedirs(db_dir, exist_ok=True)
    with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
        json.dump(units, f)
    sarif = os.path.join(outdir, name + ".sarif")
    log = os.path.join(outdir, name + ".log")
    with open(log, "w") as out:
        status, wall, peak, cpu = run_measured(
            [driver, "-p", db_dir, "-j", str(jobs), "--sarif=" + sarif,
             "--srcroot=" + workdir, "--exit-zero"],
            stdout=out, stderr=subprocess.STDOUT)
    if status not in (0, 2) or not os.path.exists(sarif):
        fail("ngx-pool-check failed on %s (status %d); see %s"
             % (name, status, log))
    return wall, cpu, peak, sarif, failed_files(sarif)


def failed_files(sarif):
    with open(sarif) as f:
        doc = json.load(f)
    failed = []
    for inv in doc["runs"][0].get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []):
            failed.append(n.get("message", {}).get("text", "?"))
    return failed


# --- Findings ---------------------------------------------------------------

def read_findings(sarif, component, source_dir):
    """The findings of a SARIF file; files under the component's source
    directory are named relative to it (the same in the full corpus and the
    CI subset), others as the SARIF has them."""
    with open(sarif) as f:
        doc = json.load(f)
    rows = []
    for r in doc["runs"][0].get("results", []):
        if r.get("suppressions"):
            continue
        loc = r["locations"][0]
        uri = urllib.parse.unquote(
            loc["physicalLocation"]["artifactLocation"]["uri"])
        if uri.startswith("file://"):
            uri = uri[len("file://"):]
        if source_dir and uri.startswith(source_dir + "/"):
            uri = uri[len(source_dir) + 1:]
        functions = [l.get("name") for l in loc.get("logicalLocations", [])]
        rows.append({
            "fingerprint": r["partialFingerprints"]["ngxPoolCheck/v1"],
            "component": component,
            "file": uri,
            "function": functions[0] if functions else "-",
            "checker": r["ruleId"],
            "line": loc["physicalLocation"]["region"]["startLine"],
            "message": r["message"]["text"],
        })
    return rows


def read_triage(path):
    try:
        with open(path, newline="") as f:
            lines = [l for l in f if l.strip() and not l.startswith("#")]
    except OSError as e:
        fail("cannot read the triage file %s (%s)" % (path, e.strerror))
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for i, row in enumerate(rows, 2):
        if list(row.keys()) != TRIAGE_COLUMNS:
            fail("%s: the columns must be: %s" % (path, " ".join(TRIAGE_COLUMNS)))
        if row["verdict"] not in VERDICTS:
            fail("%s: row %d: verdict '%s' is not one of %s"
                 % (path, i, row["verdict"], ", ".join(sorted(VERDICTS))))
    return rows


def check_triage(findings, triage, analysed, failures):
    """Lines saying what does not match; empty when all is well. `analysed`
    maps each component analysed to its files (relative to its source
    directory): a triaged finding is expected only in a file analysed here
    (or a header of an analysed component), so the CI subset of a corpus is
    checked against the same triage file as the whole."""
    problems = []
    known = {(t["component"], t["fingerprint"]) for t in triage}
    seen = {(f["component"], f["fingerprint"]) for f in findings}
    for f in findings:
        if (f["component"], f["fingerprint"]) not in known:
            problems.append(
                "untriaged finding: %s %s:%d in %s [%s] %s (fingerprint %s)"
                % (f["component"], f["file"], f["line"], f["function"],
                   f["checker"], f["message"], f["fingerprint"]))
    def expected(t):
        files = analysed.get(t["component"])
        return files is not None and (t["file"] in files or
                                      t["file"].endswith(".h"))
    for t in triage:
        if expected(t) and (t["component"], t["fingerprint"]) not in seen:
            problems.append(
                "triaged finding is gone: %s %s in %s [%s] (fingerprint %s); "
                "update test/corpus/triage.tsv"
                % (t["component"], t["file"], t["function"], t["checker"],
                   t["fingerprint"]))
    for component, reason in failures:
        problems.append("unit failed: %s: %s" % (component, reason))
    return problems


# --- Report -----------------------------------------------------------------

def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"


def write_report(out, rows, checkers, baseline):
    lines = []
    head = ["component", "TUs", "lines of C", "ngx-pool-check -j2 wall (s)",
            "CPU (s)", "peak MiB"]
    if baseline:
        head += ["clang defaults CPU (s)", "peak MiB",
                 "defaults + nginx CPU (s)", "peak MiB", "driver / defaults",
                 "checkers' overhead"]
    head += checkers + ["failed units"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for r in rows:
        cells = [r["component"], str(r["units"]), str(r["lines"]),
                 "%.1f" % r["driver_wall"], "%.1f" % r["driver_cpu"],
                 "%d" % (r["driver_peak"] // 1024)]
        if baseline:
            cells += ["%.1f" % r["base_cpu"], "%d" % (r["base_peak"] // 1024),
                      "%.1f" % r["plugin_cpu"],
                      "%d" % (r["plugin_peak"] // 1024),
                      ratio(r["driver_cpu"], r["base_cpu"]),
                      "%+.1f%%" % (100 * (r["plugin_cpu"] / r["base_cpu"] - 1))
                      if r["base_cpu"] else "-"]
        cells += [str(r["findings"].get(c, 0)) for c in checkers]
        cells.append(str(r["failed"]))
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write(text)
    return text


def total_row(rows, label):
    total = {"component": label, "units": sum(r["units"] for r in rows),
             "lines": sum(r["lines"] for r in rows),
             "failed": sum(r["failed"] for r in rows), "findings": {}}
    for key in ("driver_wall", "driver_cpu", "base_cpu", "plugin_cpu"):
        if rows and key in rows[0]:
            total[key] = sum(r[key] for r in rows)
    for key in ("driver_peak", "base_peak", "plugin_peak"):
        if rows and key in rows[0]:
            total[key] = max(r[key] for r in rows)
    for r in rows:
        for k, v in r["findings"].items():
            total["findings"][k] = total["findings"].get(k, 0) + v
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", default=os.environ.get("CORPUS_WORKDIR",
                                                        "/work/corpus-run"))
    ap.add_argument("--out", help="output directory (default WORKDIR/analysis)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--driver", default=os.path.join(REPO, "build", "bin",
                                                     "ngx-pool-check"))
    ap.add_argument("--plugin", default=os.path.join(
        REPO, "build", "lib", "ngx-pool-check-plugin.so"))
    ap.add_argument("--corpus", choices=["A", "C", "A+C"],
                    help="corpus A (nginx, Debian's modules), corpus C "
                         "(the c:NAME components) or both (default: all built)")
    ap.add_argument("--components", help="comma-separated components only")
    ap.add_argument("--no-baseline", action="store_true",
                    help="do not time clang's default checkers")
    ap.add_argument("--reuse", action="store_true",
                    help="analyse nothing: read the SARIF files an earlier run "
                         "left in --out (to check an edited triage file)")
    ap.add_argument("--check", action="store_true",
                    help="fail on findings not in the triage file, triaged "
                         "findings that are gone, and failed units")
    ap.add_argument("--triage", default=os.path.join(REPO, "test", "corpus",
                                                     "triage.tsv"))
    args = ap.parse_args()

    workdir = os.path.abspath(args.workdir)
    out = os.path.abspath(args.out or os.path.join(workdir, "analysis"))
    if args.jobs < 1:
        fail("--jobs must be at least 1")
    if args.reuse:
        args.no_baseline = True
    for path, what in ((args.driver, "ngx-pool-check"), (CLANG, "clang-19")):
        if not args.reuse and not os.access(path, os.X_OK):
            fail("%s not found at %s (build it, or give its path)" % (what, path))
    if not args.no_baseline and not os.path.exists(args.plugin):
        fail("the plugin is not at %s (build it, or --no-baseline)" % args.plugin)
    triage = read_triage(args.triage) if args.check else []

    components = read_components(workdir)
    # Files belong to components whether or not they are analysed now.
    units = assign_units(components, read_database(workdir))
    if args.components:
        wanted = set(args.components.split(","))
        unknown = wanted - {c["component"] for c in components}
        if unknown:
            fail("not a built component: %s" % ", ".join(sorted(unknown)))
        components = [c for c in components if c["component"] in wanted]
    if args.corpus:
        components = [c for c in components
                      if corpus_of(c["component"]) in args.corpus]
        if not components:
            fail("corpus %s has no built component in %s (build-corpus.sh "
                 "--corpus-c builds corpus C)" % (args.corpus, workdir))
    os.makedirs(out, exist_ok=True)

    checkers = list_checkers(args.driver)
    plugin_extra = ["-Xclang", "-load", "-Xclang", args.plugin,
                    "-Xclang", "-analyzer-checker=nginx"]
    rows, findings, failures = [], [], []
    for c in components:
        name = c["component"]
        tus = units[name]
        if not tus:
            continue
        print("analyze-corpus: %s: %d units" % (name, len(tus)), flush=True)
        row = {"component": name, "units": len(tus),
               "lines": count_lines(entry_file(e) for e in tus)}
        if args.reuse:
            sarif = os.path.join(out, file_name(name) + ".sarif")
            if not os.path.exists(sarif):
                fail("--reuse: no %s from an earlier run" % sarif)
            row["driver_wall"], row["driver_cpu"], row["driver_peak"] = 0.0, 0.0, 0
            failed = failed_files(sarif)
        else:
            (row["driver_wall"], row["driver_cpu"], row["driver_peak"], sarif,
             failed) = run_driver(
                args.driver, tus, args.jobs, workdir, out, name)
        found = read_findings(sarif, name,
                              os.path.relpath(c["source_dir"], workdir))
        findings += found
        failures += [(name, f) for f in failed]
        row["failed"] = len(failed)
        row["findings"] = {}
        for f in found:
            row["findings"][f["checker"]] = row["findings"].get(f["checker"], 0) + 1
        if not args.no_baseline:
            ((row["base_cpu"], row["base_peak"], _),
             (row["plugin_cpu"], row["plugin_peak"], _)) = run_pairs(
                 tus, args.jobs, plugin_extra)
        rows.append(row)

    # a total per corpus when both are here, then one for all
    totals = []
    corpora = sorted({corpus_of(r["component"]) for r in rows})
    if len(corpora) > 1:
        totals += [total_row(
            [r for r in rows if corpus_of(r["component"]) == k],
            "all (corpus %s)" % k) for k in corpora]
    totals.append(total_row(rows, "all"))
    print(write_report(out, rows + totals, checkers, not args.no_baseline))

    with open(os.path.join(out, "findings.tsv"), "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(TRIAGE_COLUMNS + ["line", "message"])
        for x in sorted(findings, key=lambda x: (x["component"], x["file"],
                                                 x["line"], x["checker"])):
            w.writerow([x["fingerprint"], x["component"], x["file"],
                        x["function"], x["checker"], "?", "?", x["line"],
                        x["message"]])
    print("analyze-corpus: report %s, findings %s"
          % (os.path.join(out, "report.md"), os.path.join(out, "findings.tsv")))

    if args.check:
        analysed = {
            c["component"]: {os.path.relpath(entry_file(e), c["source_dir"])
                             for e in units[c["component"]]}
            for c in components}
        problems = check_triage(findings, triage, analysed, failures)
        for p in problems:
            print("analyze-corpus: " + p)
        if problems:
            print("analyze-corpus: %d problem(s) against %s"
                  % (len(problems), args.triage))
            return 1
        print("analyze-corpus: every finding is triaged, none is gone, no "
              "unit failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
