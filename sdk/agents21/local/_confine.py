"""Confines a plain (unisolated) sandbox command, with what Linux gives any user.

Without bubblewrap a command runs as the relay's user on the host. Just before it execs, the
command's process drops every capability (a relay run as root runs commands as a root
without privileges) and, where the kernel has Landlock (Linux 5.13+), restricts itself so
that it and everything it starts

- reads and executes the host's files, but never the hidden paths (the relay's data
  directory with its key, token secret, database and the other sandboxes; its config file):
  every directory on the way to one is readable except the branch that leads to it;
- writes only its own sandbox root and the harmless devices (/dev/null, /dev/zero, …);
- cannot signal, trace or read the /proc secrets of processes outside its own sandbox run
  (the relay, the supervisor, other sandboxes' commands) nor reach their abstract sockets
  (signals and sockets from Landlock ABI 6, Linux 6.12; ptrace always).

Landlock allows by rule and refuses the rest, so the readable host is a snapshot of the
entries beside those branches when the command starts. Stdlib only: the supervisor runs it.
"""

from __future__ import annotations

import ctypes
import os
import stat

# Syscall numbers are the same on every architecture that has them (the generic table).
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
TRUNCATE, IOCTL_DEV = 1 << 14, 1 << 15
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
# Rights that make sense on a file (the others apply to directories only).
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
READ = EXECUTE | READ_FILE | READ_DIR


class _RulesetAttr(ctypes.Structure):
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def abi() -> int:
    """The kernel's Landlock ABI version; 0 when it has none (or it is disabled)."""
    try:
        version = _libc().syscall(_CREATE_RULESET, None, 0, _CREATE_RULESET_VERSION)
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def _handled_fs(version: int) -> int:
    if version >= 5:
        return (1 << 16) - 1
    if version >= 3:
        return (1 << 15) - 1
    if version >= 2:
        return (1 << 14) - 1
    return (1 << 13) - 1


DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty")
_CAP_LAST = 63
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4


def _readable_beside(hidden: list[str]) -> list[str]:
    """Every entry of every directory from / down to each hidden path, except the branches
    that lead to one.

    Links are left out: a rule on a link would be a rule on its target, which may lie in a
    hidden branch (`pytest-current -> pytest-45`); a link's target is readable, or not, on
    its own account, since Landlock judges where a path leads, not how it is spelt."""
    hidden_set = {os.path.normpath(h) for h in hidden}
    on_the_way = {os.path.dirname(h) for h in hidden_set}
    for path in list(on_the_way):
        while path != "/":
            path = os.path.dirname(path)
            on_the_way.add(path)
    out: list[str] = []
    for parent in sorted(on_the_way):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in names:
            path = os.path.join(parent, name)
            if path in hidden_set or path in on_the_way or os.path.islink(path):
                continue
            out.append(path)
    return out


def confine(root: str, hidden: list[str], *, landlock: bool) -> None:
    """Confine this process and all it will start, as the module header says."""
    libc = _libc()
    # No exec regains a privilege: setuid programs and file capabilities stop working.
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    _drop_capabilities(libc)
    if landlock:
        restrict(root, hidden)


def _drop_capabilities(libc: ctypes.CDLL) -> None:
    """No capability, now or after any exec (bounding and ambient sets cleared too). A
    process that may not shrink its bounding set (not root) has no capability to lose."""
    if os.geteuid() == 0:
        for cap in range(_CAP_LAST + 1):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != 22:
                raise OSError(ctypes.get_errno(), "cannot drop capabilities")  # 22: no such cap
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: all empty
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def restrict(root: str, hidden: list[str]) -> None:
    """Restrict this process (and all it will start) as the module header says. Raises
    OSError if the kernel refuses; call it only where `abi()` said yes."""
    version = abi()
    if version < 1:
        raise OSError("Landlock is not available")
    libc = _libc()
    handled = _handled_fs(version)
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if version >= 6 else 0
    attr = _RulesetAttr(handled, 0, scoped)
    size = ctypes.sizeof(_RulesetAttr) if version >= 6 else ctypes.sizeof(ctypes.c_uint64)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), size, 0)
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        device = READ_FILE | WRITE_FILE | (TRUNCATE | IOCTL_DEV) & handled
        rules = [(p, READ) for p in _readable_beside(hidden)]
        rules += [(d, device) for d in DEVICES] + [(root, handled)]
        for path, rights in rules:
            _allow(libc, ruleset, path, rights & handled)
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:  # Landlock requires it
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if libc.syscall(_RESTRICT_SELF, ruleset, 0) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return  # gone, or not ours to open: it stays out of reach
    try:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            rights &= FILE_RIGHTS
        rule = _PathBeneathAttr(rights, fd)
        if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
    finally:
        os.close(fd)
