"""Compare two SARIF logs of ngx-pool-check, for the sharding tests.

    sarif_compare.py <expected> <actual>

The logs must be the same but for the invocations' command lines: the same
runs with the same results (in the same order), tool.driver with its rules,
artifacts (if any), originalUriBaseIds and columnKind; of the invocations,
the same executionSuccessful and toolExecutionNotifications (all of a run's
invocations taken together). Prints "same: <N> results, <M> rules,
<K> notifications" and exits 0, or prints the first difference and exits 1.
"""
import json
import sys


def comparable(log):
    """The log without the invocations' arguments and properties."""
    for run in log.get("runs", []):
        invocations = run.pop("invocations", [])
        run["invocations"] = {
            "executionSuccessful": all(
                i.get("executionSuccessful", True) for i in invocations
            ),
            "toolExecutionNotifications": [
                n for i in invocations for n in i.get("toolExecutionNotifications", [])
            ],
        }
    return log


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return "%s: key %r only in %s" % (
                    path, key, "expected" if key in a else "actual")
            found = first_difference(a[key], b[key], "%s.%s" % (path, key))
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, "%s[%d]" % (path, i))
            if found:
                return found
        if len(a) != len(b):
            return "%s: %d vs %d elements" % (path, len(a), len(b))
        return None
    if a != b:
        return "%s: %r vs %r" % (path, a, b)
    return None


def main():
    expected, actual = (comparable(json.load(open(p))) for p in sys.argv[1:3])
    found = first_difference(expected, actual)
    if found:
        print("different: " + found)
        return 1
    runs = expected["runs"]
    print(
        "same: %d results, %d rules, %d notifications"
        % (
            sum(len(r.get("results", [])) for r in runs),
            sum(len(r["tool"]["driver"].get("rules", [])) for r in runs),
            sum(len(r["invocations"]["toolExecutionNotifications"]) for r in runs),
        )
    )
    return 0


sys.exit(main())
