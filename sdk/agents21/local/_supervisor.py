"""Keeps one plain (unisolated) sandbox command's process tree on a leash. Stdlib only.

The relay starts this script (`python -I -S _supervisor.py`) for every command it runs
without bubblewrap, with a fixed environment; the command's own argv, environment, working
directory and deadline arrive as JSON in AGENTS21_SUPERVISE. The script

- makes itself a child subreaper, so every descendant of the command, `setsid` and double
  forks included, stays below it instead of escaping to init;
- starts the command with the inherited stdin/stdout/stderr, confined (`_confine.py`: no
  capabilities, and Landlock where the kernel has it), then lets go of those pipes, so that
  only the command's processes hold them;
- writes the command's exit code to the status descriptor as soon as the command exits
  (background children it left may run on until the deadline);
- kills the whole tree at the deadline, on SIGTERM/SIGINT/SIGHUP, and when the relay (its
  parent) dies (PR_SET_PDEATHSIG), then exits once every descendant is reaped;
- registers itself in the relay's run directory while it lives, so that a relay starting
  after a crash can find and end what is left.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys
import time
from typing import Any, NoReturn

if __package__:
    from . import _confine
else:  # run as a script: `python -I` puts no directory on sys.path
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _confine  # type: ignore[no-redef, import-not-found]

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
STOP = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
WATCHED = {signal.SIGCHLD, *STOP}


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def start_time(pid: int) -> str | None:
    """A process's start time in clock ticks since boot (field 22 of /proc/PID/stat): with
    the pid, it names one process even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[19].decode()


def descendants(root: int) -> list[int]:
    """Every live process below `root`, from one scan of /proc.

    A zombie is walked through (its children may not have been handed on yet) but not
    listed: it is dead, and its parent, or this subreaper, reaps it.
    """
    children: dict[int, list[int]] = {}
    zombies: set[int] = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                rest = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if rest[0] == b"Z":
            zombies.add(int(name))
        children.setdefault(int(rest[1]), []).append(int(name))
    found: list[int] = []
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in zombies:
                found.append(child)
            stack.append(child)
    return found


def _tree_gone(root: int) -> bool:
    """No process is left below `root`. A process that is exiting can hide its children for
    a moment (they are handed to this subreaper after its /proc entry stops answering), so
    an empty scan is believed only when a second one a little later agrees."""
    if descendants(root):
        return False
    time.sleep(0.02)
    return not descendants(root)


def kill_tree(root: int, *, reap: bool = True) -> None:
    """SIGKILL every descendant of `root` until none is left (forks in flight included).
    Only `root` itself may reap (`reap`): in any other process `waitpid(-1)` would take the
    exit status of children that are someone else's to wait for."""
    for _ in range(1000):
        alive = descendants(root)
        if not alive and _tree_gone(root):
            return
        for pid in alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        if reap:
            _reap()
        time.sleep(0.001)


def _reap() -> int | None:
    """Reap every exited child; the exit status of the command if it was among them."""
    global _command_status
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return None
        if pid == 0:
            return None
        if pid == _command_pid:
            _command_status = os.waitstatus_to_exitcode(status)


TIMED_OUT = "timeout"
_command_pid = -1
_command_status: int | None = None


def _report(status_fd: int, code: int | str) -> None:
    """Tell the relay how the command ended: its exit code, or `timeout`."""
    with contextlib.suppress(OSError):  # the relay stopped listening: nothing to tell
        os.write(status_fd, f"{code}\n".encode())
    os.close(status_fd)


def _exec_command(spec: dict[str, Any], status_fd: int) -> NoReturn:
    """In the forked child: the signals as a fresh process has them, the confinement, then
    the command. Whatever fails is reported on stderr with exit code 127."""
    try:
        os.close(status_fd)
        signal.pthread_sigmask(signal.SIG_SETMASK, ())
        rules = spec["confine"]
        _confine.confine(rules["root"], rules["hidden"], landlock=rules["landlock"])
        os.execve(spec["argv"][0], spec["argv"], spec["env"])
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"failed to start: {exc}\n".encode())
    os._exit(127)


def main() -> int:
    global _command_pid
    spec = json.loads(os.environ["AGENTS21_SUPERVISE"])
    status_fd: int = spec["status_fd"]
    deadline = time.monotonic() + spec["timeout_ms"] / 1000
    me = os.getpid()
    # Its environment holds the sandbox's variables: no other process may read it from /proc.
    _prctl(PR_SET_DUMPABLE, 0)
    pidfile = os.path.join(spec["run_dir"], str(me))
    signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != spec["parent"]:
        return 1  # the relay died before the death signal was armed
    with open(pidfile, "w") as f:
        f.write(start_time(me) or "")
    try:
        _command_pid = os.fork()
        if _command_pid == 0:
            _exec_command(spec, status_fd)
        # Only the command's processes hold the output pipes from here on.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        reported = False
        while True:
            _reap()
            if not reported and _command_status is not None:
                _report(status_fd, _command_status)
                reported = True
            if _tree_gone(me):
                _reap()
                if not reported and _command_status is not None:
                    _report(status_fd, _command_status)
                return 0
            left = deadline - time.monotonic()
            got = signal.sigtimedwait(WATCHED, left) if left > 0 else None
            if got is None or got.si_signo in STOP:
                kill_tree(me)
                _reap()
                if got is None and not reported:
                    _report(status_fd, TIMED_OUT)  # a busy relay may not have seen its own
                return 0
    finally:
        # Whatever ended the loop, nothing the command started outlives this process.
        kill_tree(me)
        _reap()
        with contextlib.suppress(OSError):
            os.unlink(pidfile)


if __name__ == "__main__":
    sys.exit(main())
