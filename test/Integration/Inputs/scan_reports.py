"""Summarise the reports scan-build wrote under a directory, one line each.

    scan_reports.py <scan-build output dir>

  html <file>:<line> <function> [<bug type>] <warning text>   report-*.html
  plist <checker> <file>:<line> <function>                   *.plist
  sarif <checker> <file>:<line>                              *.sarif
  files html=N plist=N sarif=N

Files are shown by base name; the lines are sorted within each kind.
"""
import glob
import html
import json
import os
import plistlib
import re
import sys

root = sys.argv[1]


def meta(text, key):
    m = re.search(r"<!-- %s (.*?) -->" % key, text)
    return m.group(1) if m else "?"


reports = {"html": [], "plist": [], "sarif": []}
for path in glob.glob(os.path.join(root, "**", "report-*.html"), recursive=True):
    text = open(path, encoding="utf-8").read()
    warning = re.search(r'rowname">Warning:</td><td><a[^>]*>[^<]*</a><br />(.*?)</td>', text)
    reports["html"].append("html %s:%s %s [%s] %s" % (
        os.path.basename(meta(text, "BUGFILE")), meta(text, "BUGLINE"),
        meta(text, "FUNCTIONNAME"), meta(text, "BUGTYPE"),
        html.unescape(warning.group(1)) if warning else "?"))
plists = glob.glob(os.path.join(root, "**", "*.plist"), recursive=True)
for path in plists:
    with open(path, "rb") as f:
        data = plistlib.load(f)
    for d in data.get("diagnostics", []):
        loc = d["location"]
        reports["plist"].append("plist %s %s:%d %s" % (
            d["check_name"], os.path.basename(data["files"][loc["file"]]),
            loc["line"], d.get("issue_context", "?")))
sarifs = glob.glob(os.path.join(root, "**", "*.sarif"), recursive=True)
for path in sarifs:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for run in data["runs"]:
        for r in run.get("results", []):
            phys = r["locations"][0]["physicalLocation"]
            reports["sarif"].append("sarif %s %s:%d" % (
                r["ruleId"], os.path.basename(phys["artifactLocation"]["uri"]),
                phys["region"]["startLine"]))
def natural(line):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", line)]


for kind in ("html", "plist", "sarif"):
    for line in sorted(reports[kind], key=natural):
        print(line)
print("files html=%d plist=%d sarif=%d" % (
    len(reports["html"]), len(plists), len(sarifs)))
