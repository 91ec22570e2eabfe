"""Write <build dir>/compile_commands.json for a few sources of one directory.

    compdb.py <build dir> <source dir> <file>... [-- <compiler flags>]

Each file (relative to <source dir>) gets an entry `cc -c <flags> <file>
-o <file>.o` run in the source directory (the "arguments" form), as CMake's
would. Used by the driver's and the integration tests.
"""
import json
import os
import sys

args = sys.argv[1:]
flags = []
if "--" in args:
    flags = args[args.index("--") + 1:]
    args = args[: args.index("--")]
build_dir, source_dir, files = args[0], os.path.abspath(args[1]), args[2:]

entries = [
    {
        "directory": source_dir,
        "arguments": ["cc", "-c"] + flags + [f, "-o", f + ".o"],
        "file": f,
    }
    for f in files
]
os.makedirs(build_dir, exist_ok=True)
with open(os.path.join(build_dir, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=2)
