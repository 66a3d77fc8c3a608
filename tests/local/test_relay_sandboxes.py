"""Sandboxes: create, get, delete, exec, setup, TTL, git clone."""

from __future__ import annotations

import functools
import os
import subprocess
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from agents21.local import LocalRelay
from agents21.local.process import bwrap_usable


def test_create_get_delete(client: httpx.Client, relay: LocalRelay) -> None:
    before = set(os.listdir(relay.data_dir / "sandboxes"))
    resp = client.post("/v1/sandboxes", json={"agent": "demo-agent", "unknownField": 1})
    assert resp.status_code == 201
    created = resp.json()
    assert set(created) == {"id", "sandboxId", "status", "createdAt"}
    assert created["status"] == "active"
    sid = created["id"]
    t1 = client.post(f"/v1/sandboxes/{sid}/threads", json={"name": "first"}).json()
    t2 = client.post(f"/v1/sandboxes/{sid}/threads", json={}).json()
    got = client.get(f"/v1/sandboxes/{sid}")
    assert got.status_code == 200
    body = got.json()
    assert body["id"] == sid and body["sandboxId"] == created["sandboxId"]
    assert body["provider"] == "local" and body["status"] == "active" and body["error"] is None
    assert body["agent"] == {"slug": "demo-agent", "name": "Demo Agent"}
    assert [t["id"] for t in body["threads"]] == [t2["id"], t1["id"]]
    assert set(body["threads"][0]) == {"id", "name", "status", "createdAt"}
    assert len(set(os.listdir(relay.data_dir / "sandboxes")) - before) == 1
    assert client.delete(f"/v1/sandboxes/{sid}").status_code == 204
    assert set(os.listdir(relay.data_dir / "sandboxes")) == before  # the directory is gone
    gone = client.get(f"/v1/sandboxes/{sid}")
    assert gone.status_code == 404
    assert gone.json() == {
        "error": {"code": "sandbox_not_found", "message": f'Sandbox "{sid}" not found'}
    }
    assert client.delete(f"/v1/sandboxes/{sid}").status_code == 404
    assert client.get(f"/v1/sandboxes/{sid}/threads/{t1['id']}").status_code == 404


def test_create_errors(client: httpx.Client) -> None:
    missing = client.post("/v1/sandboxes", json={})
    assert missing.status_code == 400
    assert missing.json() == {"error": {"code": "invalid_request", "message": "agent is required"}}
    unknown = client.post("/v1/sandboxes", json={"agent": "nope"})
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {
        "code": "agent_not_found",
        "message": 'Agent "nope" not found',
    }
    for body, field in [
        ({"agent": 5}, "agent"),
        ({"agent": "demo-agent", "files": ["a"]}, "files"),
        ({"agent": "demo-agent", "files": {"a": 1}}, "files.a"),
        ({"agent": "demo-agent", "envs": {"A": None}}, "envs.A"),
        ({"agent": "demo-agent", "setup": "ls"}, "setup"),
        ({"agent": "demo-agent", "setup": [1]}, "setup[0]"),
        ({"agent": "demo-agent", "timeoutMs": "1"}, "timeoutMs"),
        ({"agent": "demo-agent", "timeoutMs": True}, "timeoutMs"),
        ({"agent": "demo-agent", "networkAllowOut": "x"}, "networkAllowOut"),
    ]:
        resp = client.post("/v1/sandboxes", json=body)
        assert resp.status_code == 400, body
        err = resp.json()["error"]
        assert err["code"] == "invalid_request"
        assert err["message"].startswith(field), (field, err)
    not_object = client.post("/v1/sandboxes", json=[1, 2])
    assert not_object.status_code == 400
    assert not_object.json()["error"]["code"] == "invalid_request"


def test_files_envs_and_setup_in_order(client: httpx.Client) -> None:
    resp = client.post(
        "/v1/sandboxes",
        json={
            "agent": "setup-agent",
            "files": {"a.txt": "hi", "/home/user/sub/b.txt": "deep", "/opt/x.txt": "root"},
            "envs": {"MODE": "test"},
            "setup": ["echo two >> order.txt", "echo three-$MODE-$AGENT_ENV >> order.txt"],
        },
    )
    assert resp.status_code == 201, resp.text
    sid = resp.json()["id"]
    out = client.post(
        f"/v1/sandboxes/{sid}/exec",
        json={
            "command": "cat order.txt a.txt sub/b.txt agent.txt; cat /opt/x.txt 2>/dev/null || true"
        },
    ).json()
    assert out["stdout"].startswith("one\ntwo\nthree-test-agent-env\nhideepfrom agent")
    assert (
        client.get(f"/v1/sandboxes/{sid}/files", params={"path": "/opt/x.txt"}).json()["content"]
        == "root"
    )


def test_a_failing_setup_command_is_ignored(client: httpx.Client) -> None:
    """As in production: a setup command's exit code is ignored; the rest still run."""
    resp = client.post(
        "/v1/sandboxes",
        json={"agent": "demo-agent", "setup": ["echo ok > a", "exit 3", "echo after > b"]},
    )
    assert resp.status_code == 201, resp.text
    sid = resp.json()["id"]
    out = client.post(f"/v1/sandboxes/{sid}/exec", json={"command": "cat a b"}).json()
    assert out["stdout"] == "ok\nafter\n"


def test_a_failed_create_leaves_nothing_behind(client: httpx.Client, relay: LocalRelay) -> None:
    before = set(os.listdir(relay.data_dir / "sandboxes"))
    resp = client.post("/v1/sandboxes", json={"agent": "demo-agent", "files": {"/": "x"}})
    assert resp.status_code == 400
    assert set(os.listdir(relay.data_dir / "sandboxes")) == before


def test_exec(client: httpx.Client, sandbox: str) -> None:
    url = f"/v1/sandboxes/{sandbox}/exec"
    ok = client.post(url, json={"command": "cat a.txt; echo err >&2; pwd"})
    assert ok.status_code == 200
    body = ok.json()
    assert body["stdout"].startswith("hi") and body["stdout"].rstrip().endswith("/home/user")
    assert body["stderr"] == "err\n" and body["exitCode"] == 0
    failed = client.post(url, json={"command": "exit 42"})
    assert failed.status_code == 200 and failed.json()["exitCode"] == 42
    client.post(url, json={"command": "mkdir -p sub/dir"})
    cwd = client.post(url, json={"command": "pwd", "cwd": "/home/user/sub/dir"}).json()
    assert cwd["stdout"].rstrip().endswith("/home/user/sub/dir")
    rel = client.post(url, json={"command": "pwd", "cwd": "sub"}).json()
    assert rel["stdout"].rstrip().endswith("/home/user/sub")
    env = client.post(url, json={"command": "echo $FOO-$HOME", "envs": {"FOO": "bar"}}).json()
    assert env["stdout"].startswith("bar-") and env["stdout"].rstrip().endswith("/home/user")
    bad_cwd = client.post(url, json={"command": "pwd", "cwd": "/nope"})
    assert bad_cwd.status_code == 400
    escape = client.post(url, json={"command": "pwd", "cwd": "../.."})
    assert escape.status_code == 400
    for body, field in [
        ({}, "command"),
        ({"command": 1}, "command"),
        ({"command": "x", "envs": 1}, "envs"),
    ]:
        r = client.post(url, json=body)
        assert r.status_code == 400 and r.json()["error"]["message"].startswith(field)
    assert client.post("/v1/sandboxes/nope/exec", json={"command": "true"}).status_code == 404


def test_exec_timeout_kills_the_process_group(client: httpx.Client, sandbox: str) -> None:
    url = f"/v1/sandboxes/{sandbox}/exec"
    started = time.monotonic()
    resp = client.post(
        url,
        json={"command": "(sleep 1; echo alive > late.txt) & sleep 30", "timeoutMs": 300},
    )
    assert time.monotonic() - started < 10
    assert resp.status_code == 408
    assert resp.json() == {
        "error": {"code": "command_timeout", "message": "Command execution timed out"}
    }
    time.sleep(1.5)  # the background child would have written by now, had it survived
    exists = client.get(f"/v1/sandboxes/{sandbox}/files/exists", params={"path": "late.txt"})
    assert exists.json() is False, "a child of the timed-out command survived"


def test_ttl_reaps_idle_sandboxes(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent", "timeoutMs": 300}).json()["id"]
    busy = client.post("/v1/sandboxes", json={"agent": "demo-agent", "timeoutMs": 1500}).json()
    keep = client.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    deadline = time.monotonic() + 10
    while client.get(f"/v1/sandboxes/{sid}").status_code == 200:  # reads are not activity
        assert time.monotonic() < deadline, "sandbox was never reaped"
        # Work in a sandbox is activity: it keeps `busy` alive past its TTL.
        client.post(f"/v1/sandboxes/{busy['id']}/exec", json={"command": "true"})
        time.sleep(0.1)
    assert client.get(f"/v1/sandboxes/{keep}").status_code == 200
    started = time.monotonic()
    while time.monotonic() - started < 2:
        assert (
            client.post(f"/v1/sandboxes/{busy['id']}/exec", json={"command": "true"}).status_code
            == 200
        )
        time.sleep(0.1)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@e",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@e",
}


def make_repo_in_sandbox(client: httpx.Client, sandbox: str, path: str) -> None:
    """A repository inside the sandbox (main and feature branches), made by its own git.
    `path` is relative to /home/user: without bubblewrap, commands see host paths."""
    command = (
        f"git init -q -b main {path} && cd {path} && echo hello > README.md"
        " && git add README.md && git commit -q -m init && git branch feature"
    )
    out = client.post(f"/v1/sandboxes/{sandbox}/exec", json={"command": command, "envs": GIT_ENV})
    assert out.json()["exitCode"] == 0, out.text


def host_repo(directory: Path) -> Path:
    repo = directory / "host-origin"
    env = {**os.environ, **GIT_ENV}
    repo.mkdir()
    for cmd in (
        ["git", "init", "-q", "-b", "main"],
        ["sh", "-c", "echo host secret > README.md"],
        ["git", "add", "README.md"],
        ["git", "commit", "-q", "-m", "init"],
    ):
        subprocess.run(cmd, cwd=repo, env=env, check=True)
    return repo


def check_git_clone(client: httpx.Client, sandbox: str, tmp_path: Path) -> None:
    url = f"/v1/sandboxes/{sandbox}/git/clone"
    make_repo_in_sandbox(client, sandbox, "origin")
    resp = client.post(url, json={"url": "file:///home/user/origin"})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"path": "/home/user/repo", "branch": "default"}
    assert resp.headers["x-deprecated"]
    out = client.post(f"/v1/sandboxes/{sandbox}/exec", json={"command": "cat repo/README.md"})
    assert out.json()["stdout"] == "hello\n"
    branch = client.post(url, json={"url": "origin", "path": "b", "branch": "feature", "depth": 1})
    assert branch.json() == {"path": "/home/user/b", "branch": "feature"}
    again = client.post(url, json={"url": "file:///home/user/origin"})  # destination not empty
    assert again.status_code == 400 and again.json()["error"]["code"] == "git_clone_failed"
    missing = client.post(url, json={"url": "file:///definitely/not/here"})
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "git_clone_failed"
    assert client.post(url, json={}).status_code == 400
    # A local path names a repository in the sandbox, never one on the host.
    outside = host_repo(tmp_path)
    for source in (str(outside), f"file://{outside}", "/work/main", "../../x"):
        stolen = client.post(url, json={"url": source, "path": "stolen"})
        assert stolen.status_code == 400, (source, stolen.text)
        assert stolen.json()["error"]["code"] == "git_clone_failed"
    exists = client.get(f"/v1/sandboxes/{sandbox}/files/exists", params={"path": "stolen"})
    assert exists.json() is False


def test_git_clone(client: httpx.Client, sandbox: str, tmp_path: Path) -> None:
    check_git_clone(client, sandbox, tmp_path)


def test_git_clone_over_http(client: httpx.Client, sandbox: str, tmp_path: Path) -> None:
    """A remote URL is cloned by the host's git and moved into the sandbox."""
    bare = tmp_path / "served" / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", host_repo(tmp_path), bare], check=True)
    subprocess.run(["git", "update-server-info"], cwd=bare, check=True)  # dumb HTTP
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(bare.parent))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/origin.git"
            resp = client.post(
                f"/v1/sandboxes/{sandbox}/git/clone", json={"url": url, "path": "web/clone"}
            )
        finally:
            server.shutdown()
    assert resp.status_code == 200, resp.text
    assert resp.json()["path"] == "/home/user/web/clone"
    read = client.get(f"/v1/sandboxes/{sandbox}/files", params={"path": "web/clone/README.md"})
    assert read.json()["content"] == "host secret\n"


def test_git_clone_without_bubblewrap(plain: httpx.Client, tmp_path: Path) -> None:
    sid = plain.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    check_git_clone(plain, sid, tmp_path)


def test_bubblewrap_isolation(client: httpx.Client, relay: LocalRelay) -> None:
    if not bwrap_usable():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces here")
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    url = f"/v1/sandboxes/{sid}/exec"

    def run(command: str, **extra: object) -> dict[str, object]:
        result: dict[str, object] = client.post(url, json={"command": command, **extra}).json()
        return result

    assert run("pwd")["stdout"] == "/home/user\n"
    assert run("echo hi > /tmp/t && cat /tmp/t")["stdout"] == "hi\n"
    assert run("touch /usr/nope")["exitCode"] != 0  # the system is read-only
    assert run("test -e /work/main")["exitCode"] != 0  # the host's files are not there
    # No network unless networkAllowOut allows it: only the loopback interface.
    netdev = str(run("cat /proc/net/dev")["stdout"]).splitlines()[2:]
    assert [line.split(":")[0].strip() for line in netdev] == ["lo"]
    # A second command works in the same root (mount points are made once).
    assert run("ls /")["exitCode"] == 0


def test_exec_returns_when_the_shell_exits_and_delete_kills_what_it_left(
    plain: httpx.Client,
) -> None:
    sid = plain.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    url = f"/v1/sandboxes/{sid}/exec"
    started = time.monotonic()
    # Without bubblewrap a background child keeps the output pipes open after the shell exits.
    resp = plain.post(url, json={"command": "sleep 5 & echo started", "timeoutMs": 2000})
    assert time.monotonic() - started < 1.5
    assert resp.status_code == 200 and resp.json() == {
        "stdout": "started\n",
        "stderr": "",
        "exitCode": 0,
    }
    marker = f"sleep 3{uuid.uuid4().int % 1000:03d}.5"
    resp = plain.post(url, json={"command": f"({marker} >/dev/null 2>&1 &); echo detached"})
    assert resp.json()["stdout"] == "detached\n"

    def alive() -> bool:
        return subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0

    assert alive()
    assert plain.delete(f"/v1/sandboxes/{sid}").status_code == 204
    deadline = time.monotonic() + 5
    while alive():
        assert time.monotonic() < deadline, "a process the sandbox left survived its delete"
        time.sleep(0.05)


def test_a_running_command_keeps_its_sandbox_alive(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent", "timeoutMs": 300}).json()["id"]
    resp = client.post(f"/v1/sandboxes/{sid}/exec", json={"command": "sleep 2; echo done"})
    assert resp.json()["stdout"] == "done\n"
    assert client.get(f"/v1/sandboxes/{sid}").status_code == 200  # not reaped mid-command
