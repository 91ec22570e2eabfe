"""Run a command; pass its stdout through, then print "exit: N".

    exit_status.py <command> [<arg>...]

The exit statuses of ngx-pool-check and its hook (0, 1 findings, 2 errors)
are part of their interface; lit's `not` only tells zero from non-zero.
stderr is left alone; this script exits 0.
"""
import subprocess
import sys

result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
sys.stdout.buffer.write(result.stdout)
sys.stdout.write("exit: %d\n" % result.returncode)
