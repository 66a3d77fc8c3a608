"""The eight file calls, all confined to a sandbox root (see paths.py)."""

from __future__ import annotations

import datetime as dt
import grp
import os
import pwd
import shutil
import stat
from pathlib import Path
from typing import Any

from .errors import ApiError, file_not_found, invalid
from .paths import Resolved, resolve

MAX_LIST_ENTRIES = 10_000


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def entry_info(root: Path, host: Path, sandbox_path: str) -> dict[str, Any]:
    """FileEntryInfo for one entry, not following a final symlink."""
    st = host.lstat()
    info: dict[str, Any] = {"name": host.name if sandbox_path != "/" else "/", "path": sandbox_path}
    if stat.S_ISLNK(st.st_mode):
        target = os.readlink(host)
        root_str = str(root)
        if target == root_str or target.startswith(root_str + "/"):
            target = target[len(root_str) :] or "/"
        info["symlinkTarget"] = target
        try:
            followed = resolve(root, sandbox_path)
            tst = followed.host.stat()
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


def _existing(root: Path, path: str, *, follow_last: bool = True) -> Resolved:
    target = resolve(root, path, follow_last=follow_last)
    if not os.path.lexists(target.host):
        raise file_not_found(path)
    return target


def read_text(root: Path, path: str) -> dict[str, Any]:
    target = _existing(root, path)
    if target.host.is_dir():
        raise invalid(f'path "{path}" is a directory')
    data = target.host.read_bytes()
    return {"path": target.path, "content": data.decode("utf-8", "replace")}


def list_dir(root: Path, path: str, depth: int) -> list[dict[str, Any]]:
    target = _existing(root, path)
    if not target.host.is_dir():
        raise invalid(f'path "{path}" is not a directory')
    out: list[dict[str, Any]] = []

    def walk(host: Path, spath: str, level: int) -> None:
        try:
            names = sorted(os.listdir(host))
        except OSError:
            return
        for name in names:
            if len(out) >= MAX_LIST_ENTRIES:
                return
            child = host / name
            child_path = spath.rstrip("/") + "/" + name
            try:
                info = entry_info(root, child, child_path)
            except OSError:
                continue
            out.append(info)
            # Never descend through symlinks: a listing shows links, it does not follow them.
            if level < depth and not child.is_symlink() and child.is_dir():
                walk(child, child_path, level + 1)

    walk(target.host, target.path, 1)
    return out


def get_info(root: Path, path: str) -> dict[str, Any]:
    target = _existing(root, path, follow_last=False)
    return entry_info(root, target.host, target.path)


def exists(root: Path, path: str) -> bool:
    target = resolve(root, path)
    return os.path.lexists(target.host)


def make_dir(root: Path, path: str) -> bool:
    target = resolve(root, path)
    if target.host.is_dir():
        return False
    if os.path.lexists(target.host):
        raise invalid(f'path "{path}" exists and is not a directory')
    try:
        target.host.mkdir(parents=True)
    except FileExistsError:
        return False
    except NotADirectoryError:
        raise invalid(f'a parent of "{path}" is not a directory') from None
    return True


def rename(root: Path, old: str, new: str) -> dict[str, Any]:
    src = _existing(root, old, follow_last=False)
    dst = resolve(root, new, follow_last=False)
    if src.host == root or dst.host == root:
        raise invalid("cannot rename the sandbox root")
    if dst.path.startswith(src.path.rstrip("/") + "/"):
        raise invalid("cannot move a directory into itself")
    dst.host.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src.host, dst.host)
    except IsADirectoryError:
        raise invalid(f'newPath "{new}" is a directory') from None
    except OSError as exc:
        raise invalid(f"cannot rename: {exc.strerror}") from None
    return entry_info(root, dst.host, dst.path)


def remove(root: Path, path: str) -> None:
    target = _existing(root, path, follow_last=False)
    if target.host == root:
        raise invalid("cannot remove the sandbox root")
    if target.host.is_dir() and not target.host.is_symlink():
        shutil.rmtree(target.host)
    else:
        target.host.unlink()
