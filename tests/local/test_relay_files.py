"""The eight file calls, and every way of trying to leave the sandbox root."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx

from agents21.local import LocalRelay


def test_binary_files_go_in_and_out_as_raw_bytes(client: httpx.Client, sandbox: str) -> None:
    url = f"/v1/sandboxes/{sandbox}/files"
    data = os.urandom(300_000) + b"\x00\xff"
    binary = {"content-type": "application/octet-stream"}
    blob = client.post(
        url, params={"path": "b.bin", "format": "blob"}, content=data, headers=binary
    )
    assert blob.json() == {"path": "b.bin", "size": len(data)}  # bytes, the path as sent
    read = client.get(url, params={"path": "b.bin", "format": "blob"})
    assert read.content == data
    assert read.headers["content-type"] == "application/octet-stream"
    assert read.headers["content-length"] == str(len(data))
    streamed = client.get(url, params={"path": "/home/user/b.bin", "format": "stream"})
    assert streamed.content == data and "content-length" not in streamed.headers
    # A stream write reports its Content-Length, and no size without one.
    sized = client.post(url, params={"path": "s.bin", "format": "stream"}, content=data)
    assert sized.json() == {"path": "s.bin", "size": len(data)}
    chunked = client.post(url, params={"path": "s.bin", "format": "stream"}, content=iter([data]))
    assert chunked.json() == {"path": "s.bin"}
    assert client.get(url, params={"path": "s.bin", "format": "blob"}).content == data
    empty = client.post(url, params={"path": "e.bin", "format": "blob"}, content=b"")
    assert empty.json() == {"path": "e.bin", "size": 0}
    assert client.get(url, params={"path": "e.bin", "format": "blob"}).content == b""

    def refused(params: dict[str, str], **kwargs: object) -> str:
        resp = client.post(url, params=params, **kwargs)  # type: ignore[arg-type]
        assert resp.status_code == 400, resp.text
        message: str = resp.json()["error"]["message"]
        return message

    assert refused({"format": "blob"}, content=b"x") == (
        "path query parameter is required for blob writes"
    )
    assert refused({"format": "stream"}, content=b"x") == (
        "path query parameter is required for stream writes"
    )
    assert refused({"path": "j", "format": "blob"}, json={"a": 1}) == (
        "blob writes require a binary request body"
    )
    too_big = client.post(
        url, params={"path": "big.bin", "format": "blob"}, content=b"x" * (10 * 1024 * 1024 + 1)
    )
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "payload_too_large"
    assert not client.get(f"{url}/exists", params={"path": "big.bin"}).json()
    assert client.get(url, params={"path": "nope", "format": "blob"}).status_code == 404
    assert client.get(url, params={"path": "/home", "format": "stream"}).status_code == 400


def test_write_forms_and_read(client: httpx.Client, sandbox: str) -> None:
    url = f"/v1/sandboxes/{sandbox}/files"
    many = client.post(url, json={"files": {"n.md": "# hé😀", "/home/user/d/x.txt": "x"}})
    assert many.status_code == 200
    # As production: each path as sent, and the size in UTF-16 code units (JS length).
    assert many.json() == {
        "files": [{"path": "n.md", "size": 6}, {"path": "/home/user/d/x.txt", "size": 1}]
    }
    listed = client.post(url, json={"files": [{"path": "l.txt", "content": "list"}]})
    assert listed.json() == {"files": [{"path": "l.txt", "size": 4}]}
    single = client.post(url, json={"path": "s.txt", "content": "one"})
    assert single.json() == {"path": "s.txt", "size": 3}
    read = client.get(url, params={"path": "/home/user/n.md"})
    assert read.json() == {"path": "/home/user/n.md", "content": "# hé😀"}
    assert client.get(url, params={"path": "l.txt", "format": "text"}).json()["content"] == "list"
    bad_bodies = ({}, {"files": {}}, {"files": []}, {"files": "x"}, {"files": {"a": 1}})
    for bad in (*bad_bodies, {"files": [{"path": 1}]}, {"path": "a"}):
        r = client.post(url, json=bad)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request", bad
    assert client.get(url).status_code == 400
    # Any format but blob or stream reads text, as production.
    assert client.get(url, params={"path": "l.txt", "format": "csv"}).json()["content"] == "list"
    missing = client.get(url, params={"path": "nope.txt"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "file_not_found"
    assert client.get(url, params={"path": "/home/user"}).status_code == 400  # a directory
    assert client.get("/v1/sandboxes/nope/files", params={"path": "a"}).status_code == 404


def test_list_info_exists_mkdir_rename_remove(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/files"
    client.post(base, json={"files": {"top/a.txt": "a", "top/sub/b.txt": "bb"}})
    one = client.get(base + "/list", params={"path": "/home/user/top"}).json()
    assert [(e["name"], e["path"], e["type"]) for e in one] == [
        ("a.txt", "/home/user/top/a.txt", "file"),
        ("sub", "/home/user/top/sub", "dir"),
    ]
    deep = client.get(base + "/list", params={"path": "top", "depth": 2}).json()
    assert "/home/user/top/sub/b.txt" in [e["path"] for e in deep]
    assert client.get(base + "/list", params={"path": "top", "depth": -1}).status_code == 400
    assert client.get(base + "/list", params={"path": "top", "depth": "x"}).status_code == 400
    assert client.get(base + "/list", params={"path": "nope"}).status_code == 404

    info = client.get(base + "/info", params={"path": "top/sub/b.txt"}).json()
    assert info["name"] == "b.txt" and info["type"] == "file" and info["size"] == 2
    assert info["permissions"] == "-rw-r--r--" and info["mode"] == 0o644
    assert info["modifiedTime"].endswith("Z")
    assert client.get(base + "/info", params={"path": "ghost"}).status_code == 404

    assert client.get(base + "/exists", params={"path": "top/a.txt"}).json() is True
    assert client.get(base + "/exists", params={"path": "top/zzz"}).json() is False

    assert client.post(base + "/mkdir", json={"path": "new/dir"}).json() is True
    assert client.post(base + "/mkdir", json={"path": "new/dir"}).json() is False
    assert client.post(base + "/mkdir", json={"path": "top/a.txt"}).status_code == 400
    assert client.post(base + "/mkdir", json={}).status_code == 400

    moved = client.post(base + "/rename", json={"oldPath": "top/a.txt", "newPath": "new/a2.txt"})
    assert moved.status_code == 200
    assert moved.json()["path"] == "/home/user/new/a2.txt" and moved.json()["name"] == "a2.txt"
    assert client.get(base + "/exists", params={"path": "top/a.txt"}).json() is False
    gone = client.post(base + "/rename", json={"oldPath": "top/a.txt", "newPath": "x"})
    assert gone.status_code == 404
    assert client.post(base + "/rename", json={"oldPath": "x"}).status_code == 400

    assert client.delete(base, params={"path": "new"}).status_code == 204
    assert client.get(base + "/exists", params={"path": "new/a2.txt"}).json() is False
    assert client.delete(base, params={"path": "new"}).status_code == 404
    assert client.delete(base).status_code == 400


def test_path_escapes_are_refused(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/files"
    exec_url = f"/v1/sandboxes/{sandbox}/exec"
    for path in ("../../etc/passwd", "/home/user/../../../etc/passwd", "a/../../x"):
        for method, url, kwargs in [
            ("GET", base, {"params": {"path": path}}),
            ("GET", base + "/info", {"params": {"path": path}}),
            ("GET", base + "/exists", {"params": {"path": path}}),
            ("GET", base + "/list", {"params": {"path": path}}),
            ("DELETE", base, {"params": {"path": path}}),
            ("POST", base, {"json": {"files": {path: "x"}}}),
            ("POST", base + "/mkdir", {"json": {"path": path}}),
            ("POST", base + "/rename", {"json": {"oldPath": "a.txt", "newPath": path}}),
        ]:
            r = client.request(method, url, **kwargs)
            assert r.status_code == 400, (method, url, path, r.text)
            assert r.json()["error"]["code"] == "invalid_request"
    # An absolute path names a file inside the sandbox, never the host's.
    host = client.get(base, params={"path": "/etc/passwd"})
    assert host.status_code == 404 and host.json()["error"]["code"] == "file_not_found"

    # Symlinks made inside the sandbox that point outside are never followed out.
    client.post(
        exec_url,
        json={"command": "ln -s /etc/passwd abs; ln -s ../../../../../../etc rel; ln -s /etc dir"},
    )
    for path in ("abs", "rel/passwd", "dir/passwd", "/home/user/dir/hostname"):
        r = client.get(base, params={"path": path})
        assert r.status_code in (400, 404), (path, r.text)
        assert "root:" not in r.text
    listed = client.get(base + "/list", params={"path": "dir"})
    # 404, or (under bubblewrap, where /etc is an empty mount point in the root) no host files.
    assert listed.status_code == 404 or "passwd" not in listed.text
    # Writing through a link stays inside the sandbox as well.
    client.post(base, json={"files": {"abs": "inside"}})
    with open("/etc/passwd") as fh:
        assert "inside" not in fh.read()
    # The links themselves are listed, with their targets, and can be removed.
    entries = {e["name"]: e for e in client.get(base + "/list", params={"path": "."}).json()}
    assert entries["abs"]["symlinkTarget"] == "/etc/passwd"
    assert client.delete(base, params={"path": "dir"}).status_code == 204
    # A link to a path inside the sandbox works as it would in the sandbox.
    client.post(exec_url, json={"command": 'ln -s a.txt good; ln -s "$PWD/a.txt" hostabs'})
    assert client.get(base, params={"path": "good"}).json()["content"] == "hi"
    assert client.get(base, params={"path": "hostabs"}).json()["content"] == "hi"


def test_os_level_refusals_are_client_errors(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/files"
    long_name = "n" * 300
    r = client.post(base, json={"files": {long_name: "x"}})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"
    assert client.get(base, params={"path": long_name}).status_code in (400, 404)
    r = client.post(base, json={"files": {"a.txt/below": "x"}})  # a file used as a directory
    assert r.status_code == 400
    for body in (
        {"command": "a\x00b"},
        {"command": "true", "envs": {"A=B": "x"}},
        {"command": "true", "envs": {"A": "\x00"}},
    ):
        r = client.post(f"/v1/sandboxes/{sandbox}/exec", json=body)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"


def sandbox_root(relay: LocalRelay, client: httpx.Client, sandbox: str) -> Path:
    provider_id = client.get(f"/v1/sandboxes/{sandbox}").json()["sandboxId"]
    return relay.data_dir / "sandboxes" / provider_id.removeprefix("local-") / "root"


def make_deep_tree(top: Path, levels: int) -> None:
    """top/d/d/…/d/f, `levels` directories deep (made without recursion)."""
    top.mkdir()
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        os.close(os.open("f", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)


def test_symlink_swaps_never_reach_the_host(
    client: httpx.Client, sandbox: str, tmp_path: Path
) -> None:
    """A process swapping a directory for a link to a host directory, while the relay reads
    and writes through it, never makes the relay touch the host's files."""
    host = tmp_path / "hostdir"
    host.mkdir()
    (host / "secret.txt").write_text("host secret")
    base = f"/v1/sandboxes/{sandbox}/files"
    client.post(base, json={"files": {"R/secret.txt": "inside"}})
    swap = (
        f"ln -s {host} L; end=$((SECONDS+3)); while [ $SECONDS -lt $end ]; do"
        " mv -T R d; mv -T d R; mv -T L d; mv -T d L; done; echo swapped"
    )
    results: list[str] = []
    swapper = threading.Thread(
        target=lambda: results.append(
            client.post(
                f"/v1/sandboxes/{sandbox}/exec", json={"command": swap, "timeoutMs": 20000}
            ).text
        )
    )
    swapper.start()
    seen: set[object] = set()
    with httpx.Client(base_url=str(client.base_url), headers=client.headers, timeout=30) as c2:
        while swapper.is_alive():
            r = c2.get(base, params={"path": "d/secret.txt"})
            assert "host secret" not in r.text
            seen.add(r.json().get("content", r.status_code))
            c2.post(base, json={"files": {"d/secret.txt": "overwritten"}})
            c2.get(base + "/list", params={"path": "d"})
            c2.post(base + "/rename", json={"oldPath": "d/secret.txt", "newPath": "d/moved.txt"})
            c2.delete(base, params={"path": "d/moved.txt"})
            assert (host / "secret.txt").read_text() == "host secret"
            assert sorted(os.listdir(host)) == ["secret.txt"]
    swapper.join()
    assert results and "swapped" in results[0]
    assert seen - {404, 400}, "the race never reached the file inside the sandbox"


def test_fifos_and_sockets_are_refused(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/files"
    made = client.post(
        f"/v1/sandboxes/{sandbox}/exec",
        json={
            "command": "mkfifo ff && python3 -c "
            "\"import socket; socket.socket(socket.AF_UNIX).bind('sock')\" && echo ok"
        },
    )
    assert made.json()["stdout"] == "ok\n", made.text
    for path in ("ff", "sock"):
        started = time.monotonic()
        read = client.get(base, params={"path": path}, timeout=5)
        assert read.status_code == 400, read.text
        assert "not a regular file" in read.json()["error"]["message"]
        written = client.post(base, json={"files": {path: "x"}}, timeout=5)
        assert written.status_code == 400, written.text
        assert time.monotonic() - started < 3
    info = client.get(base + "/info", params={"path": "ff"}).json()
    assert info["type"] == "file" and info["permissions"].startswith("p")


def test_deep_trees_are_listed_and_removed(
    client: httpx.Client, relay: LocalRelay, sandbox: str
) -> None:
    root = sandbox_root(relay, client, sandbox)
    base = f"/v1/sandboxes/{sandbox}/files"
    make_deep_tree(root / "home/user/deep", 1100)
    listed = client.get(base + "/list", params={"path": "deep", "depth": 5000})
    assert listed.status_code == 200, listed.text
    paths = [e["path"] for e in listed.json()]
    assert len(paths) == 1101 and paths[-1] == "/home/user/deep" + "/d" * 1100 + "/f"
    assert client.delete(base, params={"path": "deep"}).status_code == 204
    assert not (root / "home/user/deep").exists()
    make_deep_tree(root / "home/user/again", 1100)
    assert client.delete(f"/v1/sandboxes/{sandbox}").status_code == 204
    assert not root.parent.exists()


def test_small_file_call_edges(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/files"
    # A bad path anywhere in a many-file write refuses the whole write, before any file.
    r = client.post(base, json={"files": {"/home/user/ok1": "a", "/home/user/../x": "b"}})
    assert r.status_code == 400
    assert client.get(base + "/exists", params={"path": "ok1"}).json() is False
    # A link loop does not exist; `exists` answers a boolean, not an error.
    client.post(f"/v1/sandboxes/{sandbox}/exec", json={"command": "ln -s loop loop"})
    assert client.get(base + "/exists", params={"path": "loop"}).json() is False
    assert client.get(base + "/exists", params={"path": "loop/x"}).json() is False
    assert client.get(base, params={"path": "loop"}).status_code == 400
    assert client.get(base + "/info", params={"path": "loop"}).json()["symlinkTarget"] == "loop"
    assert client.get(base + "/exists", params={"path": "/"}).json() is True
