"""Write a compile_commands.json for sources of a repository.

    compdb.py <output file> <top dir> <file>... [-- <compiler flags>]

Each file (relative to <top dir>) gets `cc -c <flags> <file>` run in <top dir>.
"""
import json
import os
import sys

args = sys.argv[1:]
flags = []
if "--" in args:
    flags = args[args.index("--") + 1:]
    args = args[: args.index("--")]
out, top, files = args[0], os.path.abspath(args[1]), args[2:]
entries = [
    {"directory": top, "arguments": ["cc", "-c"] + flags + [f], "file": f}
    for f in files
]
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(entries, f, indent=2)
