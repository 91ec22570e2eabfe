"""Print facts of a SARIF log, one per line, for FileCheck.

    sarif_facts.py rules <log>        rule <id> name=<name>
    sarif_facts.py results <log>      result <ruleId> <uri>:<line>:<col>
                                        fingerprint=<hash> suppressed=<how>
    sarif_facts.py fixes <log>        fix <ruleId> <uri>:<line>:<col> <description>
                                        then per replacement: edit <uri>
                                        <line>:<col>-<line>:<col> '<deleted
                                        snippet>' -> '<inserted text>'
    sarif_facts.py validation <log>   validator: <N> errors, <M> warnings
                                      (then each of them), for the output
                                      of `Sarif.Multitool validate -o <log>`
"""
import json
import sys


def runs(path):
    with open(path) as f:
        return json.load(f)["runs"]


def rules(path):
    for run in runs(path):
        for rule in run["tool"]["driver"].get("rules", []):
            print("rule %s name=%s" % (rule["id"], rule.get("name")))


def results(path):
    for run in runs(path):
        for r in run.get("results", []):
            loc = r["locations"][0]["physicalLocation"]
            region = loc.get("region", {})
            print(
                "result %s %s:%s:%s fingerprint=%s suppressed=%s"
                % (
                    r["ruleId"],
                    loc["artifactLocation"]["uri"],
                    region.get("startLine"),
                    region.get("startColumn"),
                    "/".join(r.get("partialFingerprints", {}).values()),
                    "/".join(
                        s["kind"] + ":" + s.get("justification", "")
                        for s in r.get("suppressions", [])
                    )
                    or "no",
                )
            )


def fixes(path):
    for run in runs(path):
        for r in run.get("results", []):
            loc = r["locations"][0]["physicalLocation"]
            for fix in r.get("fixes", []):
                print(
                    "fix %s %s:%s:%s %s"
                    % (
                        r["ruleId"],
                        loc["artifactLocation"]["uri"],
                        loc["region"]["startLine"],
                        loc["region"]["startColumn"],
                        fix["description"]["text"],
                    )
                )
                for change in fix["artifactChanges"]:
                    for rep in change["replacements"]:
                        d = rep["deletedRegion"]
                        print(
                            "edit %s %s:%s-%s:%s '%s' -> '%s'"
                            % (
                                change["artifactLocation"]["uri"],
                                d["startLine"],
                                d["startColumn"],
                                d["endLine"],
                                d["endColumn"],
                                d.get("snippet", {}).get("text", ""),
                                rep["insertedContent"]["text"],
                            )
                        )


def validation(path):
    found = [
        r
        for run in runs(path)
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]
    errors = sum(1 for r in found if r.get("level") == "error")
    print("validator: %d errors, %d warnings" % (errors, len(found) - errors))
    for r in found:
        message = r.get("message", {})
        print(
            "%s %s %s"
            % (
                r.get("level", "warning"),
                r.get("ruleId"),
                message.get("text") or " | ".join(message.get("arguments", [])),
            )
        )


{"rules": rules, "results": results, "fixes": fixes, "validation": validation}[sys.argv[1]](
    sys.argv[2]
)
