"""Binary files through both clients: bytes writes and reads, streamed uploads and downloads of
files and directory trees, and memory that does not grow with the file."""

from __future__ import annotations

import filecmp
import hashlib
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from agents21 import AgentClient, NotFoundError

MiB = 1024 * 1024


@pytest.fixture
def sandbox_id(client: Any) -> Any:
    sandbox = client.sandboxes.create("demo-agent")
    yield sandbox.id
    client.sandboxes.delete(sandbox.id)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bytes_and_text_in_one_write_and_bytes_read_back(client: Any, sandbox_id: str) -> None:
    files = client.sandboxes.files
    data = os.urandom(64 * 1024) + b"\x00\xff"
    big = os.urandom(10 * MiB + 1)  # over a blob write's limit: sent as a stream write
    result = files.write(sandbox_id, {"a.txt": "hé😀", "b.bin": data, "c.bin": bytearray(big)})
    # Text sizes in UTF-16 code units, as production counts them; bytes in bytes.
    assert [(f.path, f.size) for f in result.files] == [
        ("a.txt", 4), ("b.bin", len(data)), ("c.bin", len(big)),
    ]  # fmt: skip
    assert files.read_bytes(sandbox_id, "b.bin") == data
    assert files.read_bytes(sandbox_id, "/home/user/c.bin") == big
    assert files.read_bytes(sandbox_id, "a.txt") == "hé😀".encode()
    assert files.read(sandbox_id, "a.txt").content == "hé😀"
    with pytest.raises(TypeError, match="must be str"):
        files.write(sandbox_id, {"x": 1})
    with pytest.raises(NotFoundError):
        files.read_bytes(sandbox_id, "missing.bin")


def test_a_5_mb_file_uploads_and_downloads_whole(
    client: Any, sandbox_id: str, tmp_path: Path
) -> None:
    files = client.sandboxes.files
    source = tmp_path / "random.bin"
    source.write_bytes(os.urandom(5 * MiB))
    written = files.upload(sandbox_id, source, "/home/user/in/random.bin")
    assert [(w.path, w.size) for w in written] == [("/home/user/in/random.bin", 5 * MiB)]
    target = tmp_path / "out" / "random.bin"
    target.parent.mkdir()
    target.write_bytes(b"an older file")
    assert files.download(sandbox_id, "in/random.bin", target) == target
    assert digest(target) == digest(source)
    assert sorted(os.listdir(target.parent)) == ["random.bin"]  # no temporary file left


def test_a_tree_of_200_files_uploads_and_downloads_as_it_was(
    client: Any, sandbox_id: str, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    for i in range(200):
        path = tree / f"dir{i % 7}" / ("deep" if i % 3 else "") / f"file{i}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(i * 37))
    (tree / "empty").mkdir()
    files = client.sandboxes.files
    written = files.upload(sandbox_id, tree, "/home/user/tree")
    assert len(written) == 200
    assert files.get_info(sandbox_id, "tree/empty").type_ == "dir"
    back = files.download(sandbox_id, "/home/user/tree", tmp_path / "back")
    compared = filecmp.dircmp(tree, back)

    def differences(cmp: filecmp.dircmp[str]) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(compared) == []
    assert all(
        filecmp.cmp(p, back / p.relative_to(tree), shallow=False)
        for p in tree.rglob("*") if p.is_file()
    )  # fmt: skip


def test_a_failed_download_leaves_no_file_and_a_missing_upload_says_which(
    client: Any, sandbox_id: str, tmp_path: Path
) -> None:
    files = client.sandboxes.files
    with pytest.raises(NotFoundError):
        files.download(sandbox_id, "nothing.bin", tmp_path / "nothing.bin")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileNotFoundError, match=r"absent\.bin"):
        files.upload(sandbox_id, tmp_path / "absent.bin", "x.bin")


def test_memory_stays_flat_for_a_large_file(tmp_path: Path) -> None:
    """A 64 MiB file through a relay in its own process: the relay's peak memory and the
    client's allocations stay far below the file's size."""
    size = 64 * MiB
    source = tmp_path / "large.bin"
    with open(source, "wb") as f:
        for _ in range(size // MiB):
            f.write(os.urandom(MiB))
    script = f"""
import time
from agents21.local import LocalRelay
relay = LocalRelay(data_dir={str(tmp_path / "data")!r})
relay.start()
print(relay.url, relay.api_key, flush=True)
time.sleep(3600)
"""
    relay = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert relay.stdout is not None
        url, key = relay.stdout.readline().split()
        with AgentClient(key, url) as client:
            sandbox = client.sandboxes.create("demo-agent").id
            client.sandboxes.files.write(sandbox, {"warm.bin": b"x" * MiB})  # warm up
            client.sandboxes.files.read_bytes(sandbox, "warm.bin")
            before = _peak_kib(relay.pid)
            tracemalloc.start()
            client.sandboxes.files.upload(sandbox, source, "large.bin")
            client.sandboxes.files.download(sandbox, "large.bin", tmp_path / "back.bin")
            _, client_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            after = _peak_kib(relay.pid)
        assert digest(tmp_path / "back.bin") == digest(source)
        print(
            f"\n64 MiB up and down: relay peak RSS {before / 1024:.1f} -> {after / 1024:.1f} MiB,"
            f" client allocations peak {client_peak / MiB:.1f} MiB"
        )
        assert after - before < 16 * 1024
        assert client_peak < 8 * MiB
    finally:
        relay.kill()
        relay.wait(10)


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_a_linked_directory_downloads_inside_the_local_path(
    client: Any, sandbox_id: str, tmp_path: Path
) -> None:
    files = client.sandboxes.files
    files.write(sandbox_id, {"real/a.txt": b"a", "real/sub/b.txt": b"b"})
    client.sandboxes.exec(sandbox_id, "ln -s real link")
    out = tmp_path / "out"
    files.download(sandbox_id, "link", out)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "out", "out/a.txt", "out/sub", "out/sub/b.txt",
    ]  # fmt: skip


def test_a_listing_entry_outside_the_directory_is_refused() -> None:
    from agents21._local_files import tree_base, tree_target

    local = Path("/tmp/out")
    assert tree_base(["/r/a", "/r/d/b"], "/link") == "/r"
    assert tree_target(local, "/r", "/r/d/b") == local / "d" / "b"
    for outside in ("/r/../etc/passwd", "/etc/passwd", "/r"):
        with pytest.raises(ValueError, match="outside it"):
            tree_target(local, "/r", outside)


def test_long_names_and_linked_directories(client: Any, sandbox_id: str, tmp_path: Path) -> None:
    files = client.sandboxes.files
    name = "é" * 120  # 240 bytes: a legal name, longer in bytes than in characters
    assert files.write(sandbox_id, {name: b"x"}).files[0].size == 1
    assert files.read_bytes(sandbox_id, name) == b"x"
    tree = tmp_path / "tree"
    (tree / "d").mkdir(parents=True)
    (tree / "d" / "f.txt").write_text("f")
    (tree / "d" / "loop").symlink_to(tree)  # a link back up: not followed
    written = files.upload(sandbox_id, tree, "up")
    assert [w.path for w in written] == ["up/d/f.txt"]
