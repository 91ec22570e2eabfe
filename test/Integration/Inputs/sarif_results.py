"""List the results of a SARIF file, one line each, then "N results".

    sarif_results.py <file.sarif>

  result <ruleId> <file>:<line>     (files by base name, sorted)
"""
import json
import os
import re
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    log = json.load(f)
lines = []
for run in log["runs"]:
    for r in run.get("results", []):
        phys = r["locations"][0]["physicalLocation"]
        lines.append("result %s %s:%d" % (
            r["ruleId"], os.path.basename(phys["artifactLocation"]["uri"]),
            phys["region"]["startLine"]))
natural = lambda s: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]
for line in sorted(lines, key=natural):
    print(line)
print("%d results" % len(lines))
