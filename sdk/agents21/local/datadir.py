"""The relay's data directory is private to its user: the directory 0700, its files 0600.

It holds the API key, the token secret, the database (sandbox variables, threads) and the
sandboxes themselves; no other user of the machine may read any of it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def prepare(data_dir: Path) -> None:
    """Make the data directory (and its parents) and close it to other users."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):  # not ours: its owner decides
        data_dir.chmod(0o700)


def private_file(path: Path) -> None:
    """Create `path` as an empty 0600 file if it is missing, and make it 0600 if not."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def write_secret(path: Path, text: str) -> None:
    """Write a secret to a file no other user can read, at no moment."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_file(path)
    path.write_text(text)
