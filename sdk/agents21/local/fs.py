"""The eight file calls, all confined to a sandbox root (see paths.py).

Every call acts relative to the directory descriptor that `paths.resolve` returns, with
O_NOFOLLOW, so no system call follows a link out of the root. Only regular files are read or
written: FIFOs, sockets and devices are refused, and are opened with O_NONBLOCK (if at all) so
that one cannot block the relay. The calls block on the filesystem; routes run them in a
worker thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import grp
import os
import posixpath
import pwd
import stat
from pathlib import Path
from typing import Any

from .._local_files import temp_name
from .errors import ApiError, file_not_found, invalid
from .paths import DirStack, Target, link_target, normalize, open_dir, remove_tree, resolve

MAX_LIST_ENTRIES = 10_000
# A text read answers the whole file in one JSON body: larger files are refused, not read.
MAX_READ_BYTES = 10 * 1024 * 1024
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


# Names are looked up once per id: a listing asks for the same few ids for every entry, and each
# uncached look-up reads the passwd or group database (half the cost of listing an entry).
@functools.lru_cache(maxsize=1024)
def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@functools.lru_cache(maxsize=1024)
def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _not_regular(path: str) -> ApiError:
    return invalid(f'path "{path}" is not a regular file')


def entry_info(root: Path, dir_fd: int, name: str, sandbox_path: str) -> dict[str, Any]:
    """FileEntryInfo for `name` in `dir_fd`, not following a final symlink."""
    st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    shown = "/" if sandbox_path == "/" else posixpath.basename(sandbox_path)
    info: dict[str, Any] = {"name": shown, "path": sandbox_path}
    if stat.S_ISLNK(st.st_mode):
        info["symlinkTarget"] = link_target(root, os.readlink(name, dir_fd=dir_fd))
        try:
            with resolve(root, sandbox_path) as followed:
                tst = followed.lstat()
            info["type"] = "dir" if stat.S_ISDIR(tst.st_mode) else "file"
        except (OSError, ApiError):
            info["type"] = "file"
    else:
        info["type"] = "dir" if stat.S_ISDIR(st.st_mode) else "file"
    info["size"] = st.st_size
    info["mode"] = stat.S_IMODE(st.st_mode)
    info["permissions"] = stat.filemode(st.st_mode)
    info["owner"] = _owner(st.st_uid)
    info["group"] = _group(st.st_gid)
    modified = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC)
    info["modifiedTime"] = modified.strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{modified.microsecond // 1000:03d}Z"
    )
    return info


def _existing(root: Path, path: str, *, follow_last: bool = True) -> tuple[Target, os.stat_result]:
    """The target of a path that must exist, with its lstat; 404 when it does not."""
    try:
        target = resolve(root, path, follow_last=follow_last)
    except (FileNotFoundError, NotADirectoryError):
        raise file_not_found(path) from None
    try:
        return target, target.lstat()
    except (FileNotFoundError, NotADirectoryError):
        target.close()
        raise file_not_found(path) from None
    except BaseException:
        target.close()
        raise


def _resolve_for_writing(root: Path, path: str, *, follow_last: bool = True) -> Target:
    try:
        return resolve(root, path, follow_last=follow_last, create_dirs=True)
    except NotADirectoryError:
        raise invalid(f'a parent of "{path}" is not a directory') from None


def _open_regular(target: Target, flags: int, path: str) -> int:
    """Open the target's last component, only if it is a regular file."""
    try:
        fd = os.open(target.name, flags, 0o666, dir_fd=target.dir_fd)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO nobody reads
            raise _not_regular(path) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_regular(path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _too_large(path: str) -> ApiError:
    return ApiError(
        413,
        "file_too_large",
        f'File "{path}" is larger than the {MAX_READ_BYTES // (1024 * 1024)} MB limit of a text'
        " read",
    )


def open_file(root: Path, path: str) -> tuple[int, int, str]:
    """An open descriptor of a regular file, its size and its sandbox path; the caller
    closes the descriptor."""
    target, st = _existing(root, path)
    with target:
        if stat.S_ISDIR(st.st_mode):
            raise invalid(f'path "{path}" is a directory')
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path)
        fd = _open_regular(target, _READ_FLAGS, path)
    return fd, os.fstat(fd).st_size, target.path


def read_text(root: Path, path: str) -> dict[str, Any]:
    """A file's text; over MAX_READ_BYTES (by size, or by what reading finds) is a 413."""
    fd, size, found = open_file(root, path)
    data = bytearray()
    try:
        if size > MAX_READ_BYTES:
            raise _too_large(path)
        while chunk := os.read(fd, 1 << 20):
            data += chunk
            if len(data) > MAX_READ_BYTES:  # it grew since it was looked at
                raise _too_large(path)
    finally:
        os.close(fd)
    return {"path": found, "content": data.decode("utf-8", "replace")}


def write_text(root: Path, path: str, content: str) -> tuple[str, int]:
    """Write a file (making missing parent directories); the sandbox path and size."""
    data = content.encode("utf-8")
    upload = Upload(root, path)
    try:
        upload.write(data)
    except BaseException:
        upload.abort()
        raise
    return upload.commit()


class Upload:
    """A file being written, piece by piece: the data goes to a new file next to the target,
    renamed over it by `commit`, so that a file is always either its old or its new content,
    whatever happens in between (`abort` leaves the old one). Blocking: use it from a worker
    thread."""

    def __init__(self, root: Path, path: str) -> None:
        target = _resolve_for_writing(root, path)
        try:
            if target.path == "/":
                raise invalid(f'path "{path}" is a directory')
            try:
                old: os.stat_result | None = target.lstat()
            except FileNotFoundError:
                old = None
            if old is not None and stat.S_ISDIR(old.st_mode):
                raise invalid(f'path "{path}" is a directory')
            if old is not None and not stat.S_ISREG(old.st_mode):
                raise _not_regular(path)
            self._temp = temp_name(target.name)
            mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666
            self._fd = os.open(self._temp, _NEW_FILE_FLAGS, mode, dir_fd=target.dir_fd)
        except BaseException:
            target.close()
            raise
        self._target = target
        self.size = 0
        if old is not None:
            try:
                os.fchmod(self._fd, mode)  # keep the old file's mode whatever the umask
            except BaseException:
                self.abort()
                raise
        self._target = target
        self.size = 0

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        self.size += len(data)

    def commit(self) -> tuple[str, int]:
        """Put the new content in place; the sandbox path and the size written."""
        target = self._target
        try:
            os.close(self._fd)
            self._fd = -1
            os.rename(self._temp, target.name, src_dir_fd=target.dir_fd, dst_dir_fd=target.dir_fd)
        except BaseException:
            self.abort()
            raise
        target.close()
        return target.path, self.size

    def abort(self) -> None:
        """Drop what was written; the target keeps its old content."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._target.dir_fd >= 0:
            with contextlib.suppress(OSError):
                os.unlink(self._temp, dir_fd=self._target.dir_fd)
            self._target.close()


def list_dir(root: Path, path: str, depth: int) -> list[dict[str, Any]]:
    """Entries below a directory, depth first, to `depth` levels, never through a link."""
    target, st = _existing(root, path)
    with target:
        if not stat.S_ISDIR(st.st_mode):
            raise invalid(f'path "{path}" is not a directory')
        base = open_dir(target.name, target.dir_fd)
    out: list[dict[str, Any]] = []
    stack = DirStack(base)
    try:
        # One frame per open directory: its sandbox path, its sorted names, the next index.
        frames: list[tuple[str, list[str]]] = [(target.path, sorted(os.listdir(base)))]
        index = [0]
        while frames and len(out) < MAX_LIST_ENTRIES:
            spath, names = frames[-1]
            if index[-1] >= len(names):
                frames.pop()
                index.pop()
                if stack:
                    stack.pop()
                continue
            name = names[index[-1]]
            index[-1] += 1
            child_path = spath.rstrip("/") + "/" + name
            dir_fd = stack.top()
            try:
                info = entry_info(root, dir_fd, name, child_path)
            except OSError:
                continue
            out.append(info)
            if len(frames) < depth and info["type"] == "dir" and "symlinkTarget" not in info:
                try:
                    child_fd = stack.push(name)
                except OSError:
                    continue
                try:
                    child_names = sorted(os.listdir(child_fd))
                except OSError:
                    stack.pop()
                    continue
                frames.append((child_path, child_names))
                index.append(0)
    finally:
        stack.close()
        os.close(base)
    return out


def get_info(root: Path, path: str) -> dict[str, Any]:
    target, _ = _existing(root, path, follow_last=False)
    with target:
        return entry_info(root, target.dir_fd, target.name, target.path)


def exists(root: Path, path: str) -> bool:
    try:
        with resolve(root, path) as target:
            target.lstat()
    except OSError:  # not there, a file used as a directory, a link loop…
        return False
    return True


def make_dir(root: Path, path: str) -> bool:
    with _resolve_for_writing(root, path) as target:
        try:
            os.mkdir(target.name, 0o777, dir_fd=target.dir_fd)
        except FileExistsError:
            if stat.S_ISDIR(target.lstat().st_mode):
                return False
            raise invalid(f'path "{path}" exists and is not a directory') from None
    return True


def rename(root: Path, old: str, new: str) -> dict[str, Any]:
    src, _ = _existing(root, old, follow_last=False)
    with src:
        if src.path == "/" or normalize(new, "newPath") == "/":
            raise invalid("cannot rename the sandbox root")
        if normalize(new, "newPath").startswith(src.path.rstrip("/") + "/"):
            raise invalid("cannot move a directory into itself")
        with _resolve_for_writing(root, new, follow_last=False) as dst:
            if dst.path == "/":
                raise invalid("cannot rename the sandbox root")
            if dst.path.startswith(src.path.rstrip("/") + "/"):
                raise invalid("cannot move a directory into itself")
            try:
                os.rename(src.name, dst.name, src_dir_fd=src.dir_fd, dst_dir_fd=dst.dir_fd)
            except IsADirectoryError:
                raise invalid(f'newPath "{new}" is a directory') from None
            except OSError as exc:
                raise invalid(f"cannot rename: {exc.strerror}") from None
            return entry_info(root, dst.dir_fd, dst.name, dst.path)


def remove(root: Path, path: str) -> None:
    target, _ = _existing(root, path, follow_last=False)
    with target:
        if target.path == "/":
            raise invalid("cannot remove the sandbox root")
        remove_tree(target.dir_fd, target.name)
