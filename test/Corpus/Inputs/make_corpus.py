#!/usr/bin/env python3
"""make_corpus.py DIR: a fake corpus work dir for analyze-corpus.py --reuse:
components.tsv and compile_commands.json for three components (nginx and
echo of corpus A, c:zip of corpus C), and the SARIF
files an earlier run would have left in DIR/analysis, with the findings
named on the command line as COMPONENT:FINGERPRINT:CHECKER, and FAILED:COMP
for a unit that failed in COMP."""
import json, os, sys

work = os.path.abspath(sys.argv[1])
specs = sys.argv[2:]
os.makedirs(os.path.join(work, "analysis"), exist_ok=True)
comps = {"nginx": os.path.join(work, "build", "nginx-1.22.1"),
         "echo": os.path.join(work, "src", "echo-0.63"),
         "c:zip": os.path.join(work, "src", "corpus-c", "zip")}
with open(os.path.join(work, "components.tsv"), "w") as f:
    f.write("component\tbinary_package\tsource_package\tversion\tdebian_patches"
            "\tsource_dir\tstatus\treason\ttranslation_units\n")
    for name, d in comps.items():
        f.write("%s\tx\tx\t1\tdebian\t%s\tbuilt\t-\t1\n" % (name, d))
db = []
for name, d in comps.items():
    os.makedirs(os.path.join(d, "src"), exist_ok=True)
    path = os.path.join(d, "src", name.replace(":", "-") + ".c")
    open(path, "w").write("int x;\n")
    db.append({"directory": d, "file": path, "arguments": ["cc", "-c", path]})
json.dump(db, open(os.path.join(work, "compile_commands.json"), "w"))
for name, d in comps.items():
    results, notes = [], []
    for spec in specs:
        # COMPONENT may have a colon (c:NAME): split from the right
        parts = (spec.split(":", 1) if spec.startswith("FAILED:")
                 else spec.rsplit(":", 2))
        if parts[0] == "FAILED" and parts[1] == name:
            notes.append({"message": {"text": "src/%s.c: cannot compile" % name},
                          "level": "error"})
        elif parts[0] == name:
            results.append({
                "ruleId": parts[2], "level": "warning",
                "message": {"text": "a finding"},
                "partialFingerprints": {"ngxPoolCheck/v1": parts[1]},
                "locations": [{
                    "logicalLocations": [{"kind": "function", "name": "handler"}],
                    "physicalLocation": {
                        "artifactLocation": {"uri": os.path.relpath(
                            os.path.join(d, "src", name.replace(":", "-") + ".c"), work)},
                        "region": {"startLine": 1}}}]})
    doc = {"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "ngx-pool-check"}},
        "invocations": [{"executionSuccessful": not notes,
                         "toolExecutionNotifications": notes}],
        "results": results}]}
    json.dump(doc, open(os.path.join(work, "analysis",
                                     name.replace(":", "-") + ".sarif"), "w"))
