"""Run a command; pass its output through, then print "exit: N".

lit's `not` only tells zero from non-zero; the driver's exit statuses
(0 clean, 1 findings, 2 errors) are part of its interface, so the tests
check them exactly:

    %python %S/Inputs/exit_status.py %ngx_pool_check ... | FileCheck %s
    # CHECK: exit: 2

The command's stderr is left alone (redirect it in the RUN line), and this
script exits 0 whatever the command's status was.
"""
import subprocess
import sys

result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
sys.stdout.buffer.write(result.stdout)
sys.stdout.write("exit: %d\n" % result.returncode)
