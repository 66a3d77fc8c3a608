"""Local files for uploads and downloads: read in chunks, written atomically, walked as trees.

Memory stays at one chunk whatever the file's size. The async client reads and writes through
a worker thread (`agents21._concurrency.aoffload`), so a slow disk never blocks its event loop.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO

import anyio.to_thread

CHUNK_SIZE = 256 * 1024


class FileChunks:
    """The first `size` bytes of a local file (the Content-Length sent), chunk by chunk; each
    iteration reads the file again, so a retried request sends it whole."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size

    def __iter__(self) -> Iterator[bytes]:
        left = self.size
        with open(self.path, "rb") as f:
            while left > 0 and (chunk := f.read(min(CHUNK_SIZE, left))):
                left -= len(chunk)
                yield chunk


class AsyncFileChunks:
    """`FileChunks` for the async client: the reads run in a worker thread."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size

    async def __aiter__(self) -> AsyncIterator[bytes]:
        left = self.size
        f = await anyio.to_thread.run_sync(open, self.path, "rb")
        try:
            while left > 0:
                chunk = await anyio.to_thread.run_sync(f.read, min(CHUNK_SIZE, left))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk
        finally:
            await anyio.to_thread.run_sync(f.close)


class LocalFile:
    """A local file being written: the bytes go to a new file next to it, which replaces it
    on `commit`; `abort` (or a failure) leaves what was there. Parents are created."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._temp = path.with_name(temp_name(path.name))
        self._file: IO[bytes] | None = open(self._temp, "xb")  # noqa: SIM115 (closed below)

    def write(self, chunk: bytes) -> None:
        assert self._file is not None
        self._file.write(chunk)

    def commit(self) -> None:
        assert self._file is not None
        self._file.close()
        self._file = None
        os.replace(self._temp, self.path)

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._temp)


def temp_name(name: str) -> str:
    """A hidden name for a file being written next to `name`, within the 255-byte limit of a
    file name however many bytes its characters take."""
    stem = name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
    return f".{stem}.{uuid.uuid4().hex[:12]}.part"


def local_tree(local: Path, remote: str) -> tuple[list[tuple[Path, str]], list[str]]:
    """The files under a local directory with the sandbox path each goes to, and the sandbox
    directories that hold no file (made as they are). Links to files are followed, links to
    directories are not (a loop would never end); sorted by path."""
    files: list[tuple[Path, str]] = []
    empty: list[str] = []
    for here, dirs, names in os.walk(local):
        dirs.sort()
        relative = os.path.relpath(here, local)
        target = remote if relative == "." else posixpath.join(remote, *Path(relative).parts)
        linked = {d for d in dirs if os.path.islink(os.path.join(here, d))}
        dirs[:] = [d for d in dirs if d not in linked]
        if not dirs and not names and not linked:
            empty.append(target)
        files.extend((Path(here, name), posixpath.join(target, name)) for name in sorted(names))
    return files, empty


def tree_base(paths: list[str], fallback: str) -> str:
    """The directory a listing is of: the parent of its shallowest entry (the listing of a
    link to a directory names the entries by the directory's real path)."""
    if not paths:
        return fallback
    return posixpath.dirname(min(paths, key=lambda p: p.rstrip("/").count("/")))


def tree_target(local: Path, base: str, path: str) -> Path:
    """Where a listed sandbox `path` under `base` goes below `local`; a `ValueError` for one
    that would land outside it (a listing is the sandbox's to write, not to trust)."""
    relative = posixpath.relpath(path, base)
    parts = relative.split("/")
    if posixpath.isabs(relative) or relative == "." or ".." in parts or "" in parts:
        raise ValueError(f"The listing of {base} names {path!r}, outside it: not downloaded.")
    return local.joinpath(*parts)
