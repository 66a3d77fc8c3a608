"""Local files for uploads and downloads: read in chunks, written atomically, walked as trees.

Memory stays at one chunk whatever the file's size. The async client reads and writes through
a worker thread (`agents21._base.aoffload`), so a slow disk never blocks its event loop.
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
    """A local file's bytes, chunk by chunk; each iteration reads the file again, so a retried
    request sends it whole."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[bytes]:
        with open(self.path, "rb") as f:
            while chunk := f.read(CHUNK_SIZE):
                yield chunk


class AsyncFileChunks:
    """`FileChunks` for the async client: the reads run in a worker thread."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def __aiter__(self) -> AsyncIterator[bytes]:
        f = await anyio.to_thread.run_sync(open, self.path, "rb")
        try:
            while chunk := await anyio.to_thread.run_sync(f.read, CHUNK_SIZE):
                yield chunk
        finally:
            await anyio.to_thread.run_sync(f.close)


class LocalFile:
    """A local file being written: the bytes go to a new file next to it, which replaces it
    on `commit`; `abort` (or a failure) leaves what was there. Parents are created."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._temp = path.with_name(f".{path.name[:200]}.{uuid.uuid4().hex[:12]}.part")
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


def local_tree(local: Path, remote: str) -> tuple[list[tuple[Path, str]], list[str]]:
    """The files under a local directory with the sandbox path each goes to, and the sandbox
    directories that hold no file (made as they are). Links are followed; sorted by path."""
    files: list[tuple[Path, str]] = []
    empty: list[str] = []
    for here, dirs, names in os.walk(local, followlinks=True):
        dirs.sort()
        relative = os.path.relpath(here, local)
        target = remote if relative == "." else posixpath.join(remote, *Path(relative).parts)
        if not dirs and not names:
            empty.append(target)
        files.extend((Path(here, name), posixpath.join(target, name)) for name in sorted(names))
    return files, empty
