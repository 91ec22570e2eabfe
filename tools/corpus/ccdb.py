#!/usr/bin/env python3
"""Normalise and check the compile_commands.json that bear recorded.

    ccdb.py IN OUT [--expect-objects objs/Makefile] [--subset]
                   [--only-under DIR]...
    ccdb.py --objects-under objs/Makefile DIR...

Every entry gets absolute paths: "file", "output", and in "arguments" the
source file, the -o output and relative -I/-iquote/-isystem/-include paths
(so an entry is usable without its "directory"). Entries are sorted by file;
a file recorded twice is kept once (the last). With --expect-objects, every
object file the nginx Makefile compiles (only src/http and addon objects with
--subset) must have been recorded, so a build that skipped a file (not clean)
is caught. With --only-under (corpus C's recorded build), only the entries
of files under the DIRs are kept, and only their objects expected.

--objects-under prints the make targets (paths relative to the tree) of the
objects the Makefile compiles from sources under the DIRs.
Exits 1 on a problem.
"""
import json
import os
import re
import sys

PATH_FLAGS = ("-I", "-iquote", "-isystem", "-idirafter", "-include")


def absolute(directory, path):
    return os.path.normpath(os.path.join(directory, path))


def normalise(entry):
    d = entry["directory"]
    if not os.path.isabs(d):
        raise SystemExit(f"ccdb: relative directory {d!r}")
    entry["file"] = absolute(d, entry["file"])
    if "output" in entry:
        entry["output"] = absolute(d, entry["output"])
    args = entry.get("arguments")
    if args is None:
        raise SystemExit("ccdb: entry without arguments (bear 3 writes them)")
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in PATH_FLAGS or a == "-o":
            out.append(a)
            if i + 1 < len(args):
                i += 1
                out.append(absolute(d, args[i]))
        elif any(a.startswith(f) and len(a) > len(f) for f in PATH_FLAGS if f != "-include"):
            flag = next(f for f in PATH_FLAGS if a.startswith(f))
            out.append(flag + absolute(d, a[len(flag):]))
        elif i > 0 and not a.startswith("-") and absolute(d, a) == entry["file"]:
            out.append(entry["file"])
        else:
            out.append(a)
        i += 1
    entry["arguments"] = out
    return entry


SOURCE_SUFFIXES = (".c", ".cc", ".cpp", ".cxx")


def object_sources(makefile):
    """{object path relative to the tree: absolute source path} of the
    Makefile's object rules (the tree is the Makefile's directory's parent)."""
    top = os.path.dirname(os.path.dirname(os.path.abspath(makefile)))
    rx = re.compile(r"^(\S+\.o):(.*)$")
    result = {}
    with open(makefile) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = rx.match(lines[i])
        i += 1
        if not m:
            continue
        deps = m.group(2)
        while deps.endswith("\\") and i < len(lines):
            deps = deps[:-1] + " " + lines[i]
            i += 1
        for tok in deps.split():
            if tok.endswith(SOURCE_SUFFIXES):
                result[m.group(1)] = absolute(top, tok)
                break
    return result


def under(path, dirs):
    return any(path.startswith(d.rstrip("/") + "/") for d in dirs)


def expected_objects(makefile, subset):
    objs_dir = os.path.dirname(os.path.abspath(makefile))
    top = os.path.dirname(objs_dir)
    rx = re.compile(r"^(\S+\.o):")
    want = set()
    with open(makefile) as f:
        for line in f:
            m = rx.match(line)
            if not m:
                continue
            o = m.group(1)
            if subset and not re.match(r"^[^/]+/(src/http|addon)/", o):
                continue
            want.add(absolute(top, o))
    return want


def main():
    argv = sys.argv[1:]
    if argv[:1] == ["--objects-under"]:
        if len(argv) < 3:
            raise SystemExit(__doc__)
        dirs = [os.path.abspath(d) for d in argv[2:]]
        for obj, src in sorted(object_sources(argv[1]).items()):
            if under(src, dirs):
                print(obj)
        return 0
    only = []
    while "--only-under" in argv:
        i = argv.index("--only-under")
        only.append(os.path.abspath(argv[i + 1]))
        del argv[i:i + 2]
    subset = "--subset" in argv
    argv = [a for a in argv if a != "--subset"]
    makefile = None
    if "--expect-objects" in argv:
        i = argv.index("--expect-objects")
        makefile = argv[i + 1]
        del argv[i:i + 2]
    if len(argv) != 2:
        raise SystemExit(__doc__)
    src, dst = argv
    with open(src) as f:
        entries = json.load(f)

    by_file = {}
    dups = 0
    for e in entries:
        e = normalise(e)
        if e["file"] in by_file:
            dups += 1
        by_file[e["file"]] = e
    result = [by_file[k] for k in sorted(by_file)]
    if only:
        result = [e for e in result if under(e["file"], only)]

    problems = []
    for e in result:
        if not os.path.isfile(e["file"]):
            problems.append(f"missing source file {e['file']}")
    if makefile:
        recorded = {e.get("output") for e in result}
        if only:
            top = os.path.dirname(os.path.dirname(os.path.abspath(makefile)))
            want = {absolute(top, o) for o, src in
                    object_sources(makefile).items() if under(src, only)}
        else:
            want = expected_objects(makefile, subset)
        for o in sorted(want - recorded):
            problems.append(f"not compiled in the recorded build: {o}")

    with open(dst + ".part", "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(dst + ".part", dst)

    areas = {}
    for e in result:
        m = re.search(r"/(src/[^/]+)/", e["file"])
        area = m.group(1) if m and "/nginx-" in e["file"] and "/objs/" not in e["file"] else None
        if area is None:
            area = "objs (generated)" if "/objs/" in e["file"] else "modules"
        areas[area] = areas.get(area, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(areas.items()))
    print(f"ccdb: {len(result)} translation units ({summary})"
          + (f"; {dups} duplicate entries merged" if dups else ""))
    for p in problems[:20]:
        print(f"ccdb: {p}")
    if problems:
        print(f"ccdb: {len(problems)} problem(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
