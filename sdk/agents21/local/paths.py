"""Sandbox paths: `/` is the sandbox root, `/home/user` the default working directory.

Every path is resolved component by component with chroot semantics: a symlink's absolute
target is read relative to the sandbox root and `..` stops at the root, so no path can
reach a file outside the sandbox whatever links processes in it have made.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import invalid

HOME = "/home/user"
_MAX_LINKS = 40


def normalize(path: str, field: str = "path") -> str:
    """A clean absolute sandbox path; relative paths are taken from /home/user."""
    if "\x00" in path:
        raise invalid(f"{field} must not contain NUL bytes")
    if not path.startswith("/"):
        path = HOME + "/" + path
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            raise invalid(f"{field} must not contain '..'")
        parts.append(part)
    return "/" + "/".join(parts)


class Resolved:
    """A sandbox path and the host path it names."""

    __slots__ = ("host", "path")

    def __init__(self, host: Path, path: str) -> None:
        self.host = host
        self.path = path


def resolve(root: Path, path: str, *, follow_last: bool = True, field: str = "path") -> Resolved:
    """Map a sandbox path to the host, following symlinks without ever leaving `root`."""
    root_str = str(root)
    pending = [p for p in normalize(path, field).split("/") if p]
    done: list[str] = []
    hops = 0
    while pending:
        name = pending.pop(0)
        if name in ("", "."):
            continue
        if name == "..":
            if done:
                done.pop()
            continue
        candidate = root.joinpath(*done, name)
        if (follow_last or pending) and candidate.is_symlink():
            hops += 1
            if hops > _MAX_LINKS:
                raise invalid(f"{field}: too many levels of symbolic links")
            target = os.readlink(candidate)
            # Links made by plain (non-bubblewrap) processes may hold host paths into the root.
            if target == root_str or target.startswith(root_str + "/"):
                target = target[len(root_str) :] or "/"
            if target.startswith("/"):
                done = []
            pending = target.split("/") + pending
            continue
        done.append(name)
    return Resolved(root.joinpath(*done), "/" + "/".join(done))


def to_sandbox_path(root: Path, host: Path) -> str | None:
    """The sandbox path of a host path under root, or None when it is outside."""
    try:
        rel = host.relative_to(root)
    except ValueError:
        return None
    return "/" + rel.as_posix() if rel.parts else "/"
