"""Run a command and describe how it failed, for FileCheck.

    error_report.py <command>...

prints
    exit: <status>
    stdout: <N> lines
    stderr: <line>          (one per line the command wrote on stderr)

so that a test checks in one go that bad input gets exit status 2, nothing
on stdout, and exactly the one-line error it expects (with
--implicit-check-not=stderr: no other line).
"""
import subprocess
import sys

result = subprocess.run(sys.argv[1:], capture_output=True)
stdout = result.stdout.decode(errors="replace").splitlines()
stderr = result.stderr.decode(errors="replace").splitlines()
print("exit: %d" % result.returncode)
print("stdout: %d lines" % len(stdout))
for line in stderr:
    print("stderr: " + line)
