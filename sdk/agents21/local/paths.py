"""Sandbox paths: `/` is the sandbox root, `/home/user` the default working directory.

Every path is resolved component by component with chroot semantics: a symlink's absolute
target is read relative to the sandbox root and `..` stops at the root, so no path can reach a
file outside the sandbox whatever links processes in it have made.

The walk never hands the kernel a path with more than one component: it holds an open
descriptor of the current directory, reads links with `readlink(name, dir_fd)` and opens each
next directory with O_NOFOLLOW relative to it. A process in the sandbox that swaps a directory
for a link while the relay works therefore cannot make any call follow that link out of the
root. Callers act on the final component the same way, relative to `Target.dir_fd`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from types import TracebackType

from .errors import invalid

HOME = "/home/user"
_MAX_LINKS = 40
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# Deep trees are walked with at most this many directory descriptors open (see DirStack).
MAX_HELD_FDS = 64


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


def open_dir(name: str, dir_fd: int | None = None) -> int:
    """Open a directory without following a link in its last component."""
    return os.open(name, DIR_FLAGS, dir_fd=dir_fd)


def too_many_links() -> OSError:
    return OSError(errno.ELOOP, os.strerror(errno.ELOOP))


class Target:
    """A resolved sandbox path: an open descriptor of the directory that holds its last
    component, that component's `name` ("." for the root itself) and the canonical sandbox
    `path`. Use it as a context manager, or close it."""

    __slots__ = ("dir_fd", "name", "path")

    def __init__(self, dir_fd: int, name: str, path: str) -> None:
        self.dir_fd = dir_fd
        self.name = name
        self.path = path

    def lstat(self) -> os.stat_result:
        return os.stat(self.name, dir_fd=self.dir_fd, follow_symlinks=False)

    def close(self) -> None:
        if self.dir_fd >= 0:
            os.close(self.dir_fd)
            self.dir_fd = -1

    def __enter__(self) -> Target:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def link_target(root: Path, target: str) -> str:
    """A link's target as the sandbox sees it. Links made by plain (non-bubblewrap) processes
    may hold host paths into the root: those are read as the sandbox paths they name."""
    root_str = str(root)
    if target == root_str or target.startswith(root_str + "/"):
        return target[len(root_str) :] or "/"
    return target


def _descend(root_fd: int, names: list[str]) -> int:
    """A new descriptor of root/names…, every step opened without following links."""
    fd = os.dup(root_fd)
    try:
        for name in names:
            next_fd = open_dir(name, fd)
            os.close(fd)
            fd = next_fd
    except BaseException:
        os.close(fd)
        raise
    return fd


def resolve(
    root: Path,
    path: str,
    *,
    follow_last: bool = True,
    create_dirs: bool = False,
    field: str = "path",
) -> Target:
    """Walk a sandbox path from `root`, following links inside the sandbox as if `root`
    were `/`, and return its last component. Missing directories on the way are made when
    `create_dirs`; otherwise they raise FileNotFoundError (NotADirectoryError for a file used
    as a directory). Too many links raise OSError(ELOOP)."""
    pending = [p for p in normalize(path, field).split("/") if p]
    pending.reverse()  # a stack: the next component is last
    root_fd = open_dir(str(root))
    cur = -1
    try:
        cur = os.dup(root_fd)
        done: list[str] = []
        final: str | None = None
        hops = 0
        while pending:
            name = pending.pop()
            if name in ("", "."):
                continue
            if name == "..":
                if done:
                    done.pop()
                    os.close(cur)
                    cur = -1
                    cur = _descend(root_fd, done)
                continue
            last = not pending
            if last and not follow_last:
                final = name
                break
            try:
                target: str | None = os.readlink(name, dir_fd=cur)
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOENT):
                    raise
                target = None  # not a link, or not there
            if target is not None:
                hops += 1
                if hops > _MAX_LINKS:
                    raise too_many_links()
                target = link_target(root, target)
                if target.startswith("/"):
                    done = []
                    os.close(cur)
                    cur = -1
                    cur = os.dup(root_fd)
                pending.extend(reversed(target.split("/")))
                continue
            if last:
                final = name
                break
            try:
                next_fd = open_dir(name, cur)
            except FileNotFoundError:
                if not create_dirs:
                    raise
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o777, dir_fd=cur)
                next_fd = open_dir(name, cur)
            except OSError as exc:
                if exc.errno != errno.ELOOP:
                    raise
                # It became a link after readlink looked: look again and follow it.
                pending.append(name)
                hops += 1
                if hops > _MAX_LINKS:
                    raise too_many_links() from None
                continue
            os.close(cur)
            cur = next_fd
            done.append(name)
        if final is None:
            # The path ended on a directory reached through links or `..`: name it from its
            # parent, like every other target.
            if not done:
                fd, cur = cur, -1
                return Target(fd, ".", "/")
            final = done.pop()
            os.close(cur)
            cur = -1
            cur = _descend(root_fd, done)
        fd, cur = cur, -1
        return Target(fd, final, "/" + "/".join([*done, final]))
    finally:
        if cur >= 0:
            os.close(cur)
        os.close(root_fd)


class DirStack:
    """The directories from a start directory down to the one a walk is in, each opened by
    name relative to its parent with O_NOFOLLOW.

    Only the deepest MAX_HELD_FDS keep a descriptor: one whose descriptor was closed is opened
    again from the start when the walk climbs back to it, so a tree of any depth costs a
    bounded number of descriptors, and no recursion.
    """

    def __init__(self, base_fd: int) -> None:
        self.base_fd = base_fd  # not owned
        self.names: list[str] = []
        self._fds: list[int | None] = []
        self._lo = 0  # _fds[_lo:] are open, _fds[:_lo] closed

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: str) -> int:
        fd = open_dir(name, self.top())
        self.names.append(name)
        self._fds.append(fd)
        while len(self._fds) - self._lo > MAX_HELD_FDS:
            old = self._fds[self._lo]
            if old is not None:
                os.close(old)
            self._fds[self._lo] = None
            self._lo += 1
        return fd

    def pop(self) -> str:
        fd = self._fds.pop()
        if fd is not None:
            os.close(fd)
        self._lo = min(self._lo, len(self._fds))
        return self.names.pop()

    def top(self) -> int:
        """The descriptor of the deepest directory (the base when the stack is empty)."""
        if not self._fds:
            return self.base_fd
        fd = self._fds[-1]
        if fd is not None:
            return fd
        keep_from = max(0, len(self._fds) - MAX_HELD_FDS)
        parent = self.base_fd
        for i, name in enumerate(self.names):
            opened = open_dir(name, parent)
            if parent != self.base_fd and i - 1 < keep_from:
                os.close(parent)
            if i >= keep_from:
                self._fds[i] = opened
            parent = opened
        self._lo = keep_from
        return parent

    def close(self) -> None:
        for fd in self._fds:
            if fd is not None:
                os.close(fd)
        self._fds = [None] * len(self._fds)
        self._lo = len(self._fds)


def remove_tree(parent_fd: int, name: str) -> None:
    """Remove `name` in `parent_fd` and everything below it, never following a link."""
    st = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(name, dir_fd=parent_fd)
        return
    stack = DirStack(parent_fd)
    # Per directory on the stack: the subdirectories still to remove (None: not scanned yet)
    # and how often it was found not empty after its scan (others may write as we remove).
    todo: list[list[str] | None] = []
    rescans: list[int] = []
    try:
        stack.push(name)
        todo.append(None)
        rescans.append(0)
        while stack:
            fd = stack.top()
            subdirs = todo[-1]
            if subdirs is None:
                subdirs = []
                with os.scandir(fd) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            subdirs.append(entry.name)
                        else:
                            with contextlib.suppress(FileNotFoundError):
                                os.unlink(entry.name, dir_fd=fd)
                todo[-1] = subdirs
            if subdirs:
                child = subdirs.pop()
                try:
                    stack.push(child)
                except FileNotFoundError:
                    continue
                except NotADirectoryError:
                    os.unlink(child, dir_fd=fd)
                    continue
                todo.append(None)
                rescans.append(0)
                continue
            done = stack.pop()
            todo.pop()
            tries = rescans.pop()
            try:
                os.rmdir(done, dir_fd=stack.top())
            except FileNotFoundError:
                pass
            except OSError as exc:
                if exc.errno != errno.ENOTEMPTY or tries >= 3:
                    raise
                stack.push(done)  # something was added meanwhile: scan it again
                todo.append(None)
                rescans.append(tries + 1)
    finally:
        stack.close()


def remove_path(path: Path) -> None:
    """Remove a host path and everything below it (a no-op when it is not there)."""
    try:
        parent = open_dir(str(path.parent))
    except FileNotFoundError:
        return
    try:
        remove_tree(parent, path.name)
    except FileNotFoundError:
        pass
    finally:
        os.close(parent)
