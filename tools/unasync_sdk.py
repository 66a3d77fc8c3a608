"""Derive the blocking client (`sdk/agents21/_sync/`) from the async one (`sdk/agents21/_async/`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import unasync

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sdk" / "agents21" / "_async"
TARGET = ROOT / "sdk" / "agents21" / "_sync"

# Names that differ between the two worlds beyond unasync's built-in async/await rewriting.
# Our own `AsyncX` classes become `X` (found by scanning the source, see `main`).
REPLACEMENTS = {
    "AsyncClient": "Client",
    "AsyncByteStream": "SyncByteStream",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "AsyncResource": "SyncResource",
    "aconnect_sse": "connect_sse",
    "aiter_sse": "iter_sse",
    "aiter_bytes": "iter_bytes",
    "aiter_raw": "iter_raw",
    "aiter_lines": "iter_lines",
    "aclose": "close",
    "aread": "read",
    "_async": "_sync",
    "asleep": "sleep",
    "aoffload": "offload",
    "ashielded": "shielded",
    "arunning_loop": "running_loop",
    "aunwrapped_body": "unwrapped_body",
    "default_async_http_client": "default_http_client",
    "AsyncFileChunks": "FileChunks",
    "AsyncRunRequest": "Just",
    "run_request": "just",
    "async_exchange_token": "exchange_token",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
}


def main() -> int:
    if not SOURCE.is_dir():
        return 0
    if TARGET.exists():
        shutil.rmtree(TARGET)
    files = sorted(str(p) for p in SOURCE.rglob("*.py"))
    ours = {
        name: name.removeprefix("Async")
        for path in files
        for name in re.findall(r"^class (Async[A-Z]\w*)", Path(path).read_text(), re.M)
    }
    replacements = {**REPLACEMENTS, **ours}
    rule = unasync.Rule(str(SOURCE) + "/", str(TARGET) + "/", additional_replacements=replacements)
    unasync.unasync_files(files, [rule])
    header = "# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.\n"
    # unasync rewrites code; docstrings and comments name our classes too.
    names = re.compile(r"\b(" + "|".join(sorted(ours, key=len, reverse=True)) + r")\b")
    for path in sorted(TARGET.rglob("*.py")):
        text = names.sub(lambda match: ours[match.group(1)], path.read_text())
        path.write_text(header + text)
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run([*ruff, "check", "--fix-only", "--quiet", str(TARGET)], check=True, cwd=ROOT)
    subprocess.run([*ruff, "format", "--quiet", str(TARGET)], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
