"""The eight file calls, and every way of trying to leave the sandbox root."""

from __future__ import annotations

import httpx


def test_write_forms_and_read(client: httpx.Client, sandbox: str) -> None:
    url = f"/v1/sandboxes/{sandbox}/files"
    many = client.post(url, json={"files": {"n.md": "# hé", "/home/user/d/x.txt": "x"}})
    assert many.status_code == 200
    assert many.json() == {
        "files": [{"path": "/home/user/n.md", "size": 5}, {"path": "/home/user/d/x.txt", "size": 1}]
    }
    listed = client.post(url, json={"files": [{"path": "l.txt", "content": "list"}]})
    assert listed.json() == {"files": [{"path": "/home/user/l.txt", "size": 4}]}
    single = client.post(url, json={"path": "s.txt", "content": "one"})
    assert single.json() == {"path": "/home/user/s.txt", "size": 3}
    read = client.get(url, params={"path": "/home/user/n.md"})
    assert read.json() == {"path": "/home/user/n.md", "content": "# hé"}
    assert client.get(url, params={"path": "l.txt", "format": "text"}).json()["content"] == "list"
    for bad in ({}, {"files": "x"}, {"files": {"a": 1}}, {"files": [{"path": 1}]}, {"path": "a"}):
        r = client.post(url, json=bad)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request", bad
    assert client.get(url).status_code == 400
    assert client.get(url, params={"path": "a.txt", "format": "blob"}).status_code == 400
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
