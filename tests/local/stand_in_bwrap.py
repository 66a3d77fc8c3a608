"""A stand-in for bubblewrap with its command line, for machines without it.

It records how the relay started it (its own environment and argv) next to itself, then runs
the command as bubblewrap would see it: `--bind ROOT /` maps sandbox paths into ROOT,
`--clearenv`/`--setenv` make the command's environment, `--chdir` its working directory.
Nothing is isolated: it proves what the relay hands to bubblewrap, not what bubblewrap does.
"""

import json
import os
import shutil
import sys
from pathlib import Path

args = sys.argv[1:]
with open(Path(__file__).with_name("records.jsonl"), "a") as f:
    f.write(json.dumps({"argv": sys.argv, "env": dict(os.environ)}) + "\n")
env = dict(os.environ)
root = ""
cwd = "/"
while args and args[0] != "--":
    flag = args.pop(0)
    if flag in ("--bind", "--ro-bind"):
        source, dest = args.pop(0), args.pop(0)
        if dest == "/":
            root = source
    elif flag in ("--proc", "--dev"):
        args.pop(0)
    elif flag == "--clearenv":
        env = {}
    elif flag == "--setenv":
        key, value = args.pop(0), args.pop(0)
        env[key] = value
    elif flag == "--chdir":
        cwd = args.pop(0)
    elif flag not in ("--die-with-parent", "--unshare-all", "--share-net"):
        sys.exit(f"stand-in bwrap: unknown option {flag}")
command = args[1:] if args else []
if not command:
    sys.exit("stand-in bwrap: no command")
os.chdir(root + cwd if root else cwd)
program = command[0] if "/" in command[0] else shutil.which(command[0], path=env.get("PATH"))
if program is None:
    sys.exit(f"stand-in bwrap: {command[0]}: not found")
os.execve(program, command, env)
