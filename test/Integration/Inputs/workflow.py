"""Check tools/ci/github-workflow.yml, and run its steps here.

    workflow.py check <workflow.yml> <setup.sh>
    workflow.py run <workflow.yml> <step id>...

check: the file is YAML with the structure GitHub Actions needs: `on` push
and pull_request, write access to security events, one job whose steps
install packages that tools/setup.sh also installs, build and
`cmake --install` ngx-pool-check, run `ngx-pool-check ... --sarif=<file>`, and
upload <file> with github/codeql-action/upload-sarif under an `if:` that
still holds after the scan step failed (exit status 1 means findings), and
only when the file is there. Prints what it found, or one line per problem
and exits 1.

run: runs the `run:` scripts of the steps with these ids, in order, as the
runner would: with bash --noprofile --norc -eo pipefail, in
$GITHUB_WORKSPACE (plus the step's working-directory), with the workflow's,
the job's and the step's env over the environment. Prints each step's
output, then "step <id>: exit <status>"; later steps run whatever the status
(the check above covers the `if:`). Exits 0.
"""
import os
import re
import shlex
import subprocess
import sys

import yaml


def load(path):
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as e:
        sys.exit("workflow: %s is not YAML: %s" % (path, str(e).splitlines()[0]))
    if not isinstance(doc, dict):
        sys.exit("workflow: %s is not a mapping" % path)
    return doc


def the_job(doc):
    jobs = doc.get("jobs")
    if not isinstance(jobs, dict) or len(jobs) != 1:
        sys.exit("workflow: expected one job under `jobs`")
    (name, job), = jobs.items()
    return name, job


def check(path, setup):
    doc = load(path)
    problems = []
    # PyYAML reads the bare key `on` as the boolean true (YAML 1.1).
    on = doc.get("on", doc.get(True))
    if not isinstance(on, dict) or "push" not in on or "pull_request" not in on:
        problems.append("`on` must have push and pull_request")
    if (doc.get("permissions") or {}).get("security-events") != "write":
        problems.append("permissions: security-events must be write (upload-sarif)")
    name, job = the_job(doc)
    if "runs-on" not in job:
        problems.append("job %s has no runs-on" % name)
    steps = job.get("steps")
    if not isinstance(steps, list) or not steps:
        sys.exit("workflow: job %s has no steps" % name)
    shell = ((job.get("defaults") or {}).get("run") or {}).get("shell")

    def index(pred):
        return next((i for i, s in enumerate(steps) if pred(s)), None)

    runs = lambda s: s.get("run") or ""
    install = index(lambda s: "apt-get install" in runs(s))
    checkout = index(lambda s: str(s.get("uses", "")).startswith("actions/checkout@"))
    build = index(lambda s: "cmake --install" in runs(s))
    scan = index(lambda s: re.search(r"^\s*ngx-pool-check\b.*--sarif=", runs(s), re.M))
    upload = index(lambda s: str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@"))
    for what, i in (("an apt-get install step", install),
                    ("an actions/checkout step", checkout),
                    ("a step that runs cmake --install", build),
                    ("a step that runs ngx-pool-check --sarif=<file>", scan),
                    ("a github/codeql-action/upload-sarif step", upload)):
        if i is None:
            problems.append("no %s" % what)
    if problems:
        sys.exit("\n".join("workflow: " + p for p in problems))
    if not install < build < scan < upload or not checkout < scan:
        problems.append("steps out of order: install, checkout and build before the scan, upload after it")

    # Packages: those tools/setup.sh installs (known to exist and to work),
    # and what a bare container needs to clone.
    text = open(setup).read()
    known = set(re.search(r'PACKAGES="(.*?)"', text, re.S).group(1).split())
    known |= {"ca-certificates"}
    words = shlex.split(runs(steps[install]).replace("\\\n", " "))
    at = words.index("install") + 1
    packages = [w for w in words[at:] if not w.startswith("-")]
    unknown = sorted(set(packages) - known)
    if unknown:
        problems.append("packages not in tools/setup.sh: %s" % " ".join(unknown))

    sarif = re.search(r"--sarif=(\S+)", runs(steps[scan])).group(1)
    with_ = steps[upload].get("with") or {}
    if with_.get("sarif_file") != sarif:
        problems.append("upload-sarif's sarif_file is %r, the scan writes %r"
                        % (with_.get("sarif_file"), sarif))
    cond = str(steps[upload].get("if", ""))
    if not re.search(r"always\(\)|!\s*cancelled\(\)", cond):
        problems.append("the upload step's `if:` (%r) skips it when the scan "
                        "step fails, i.e. when there are findings" % cond)
    if "hashFiles('%s')" % sarif not in cond:
        problems.append("the upload step's `if:` does not check that %s exists" % sarif)
    if problems:
        sys.exit("\n".join("workflow: " + p for p in problems))
    print("job %s on %s, shell %s" % (name, job["runs-on"], shell))
    for i, s in enumerate(steps):
        print("step %d %s: %s" % (i + 1, s.get("id", "-"), s.get("name") or s.get("uses")))
    print("packages %s" % " ".join(packages))
    print("scan writes %s; upload-sarif sarif_file %s, if: %s" % (sarif, with_["sarif_file"], cond))


def run(path, ids):
    doc = load(path)
    _, job = the_job(doc)
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (doc.get("env") or {}).items()})
    env.update({k: str(v) for k, v in (job.get("env") or {}).items()})
    for step_id in ids:
        step = next((s for s in job["steps"] if s.get("id") == step_id), None)
        if step is None:
            sys.exit("workflow: no step with id %s" % step_id)
        step_env = dict(env)
        step_env.update({k: str(v) for k, v in (step.get("env") or {}).items()})
        cwd = os.path.join(env["GITHUB_WORKSPACE"], step.get("working-directory", ""))
        sys.stdout.flush()
        status = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd, env=step_env, stderr=subprocess.STDOUT).returncode
        print("step %s: exit %d" % (step_id, status), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
