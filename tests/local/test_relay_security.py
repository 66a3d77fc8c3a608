"""The relay under attack: what a sandbox or a token holder sends must not reach the host,
another agent's sandbox, or the relay's secrets. Each test is an attack that once worked."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from relay_helpers import HERE, KEY, user, write_config

from agents21.local import ConfigError, LocalRelay, _confine
from agents21.local.process import HOST_ENV, bwrap_usable

needs_bwrap = pytest.mark.skipif(
    not bwrap_usable(), reason="bubblewrap (bwrap) is not installed or cannot make namespaces"
)
RELAY_SECRET = "AGENTS21_TEST_RELAY_SECRET"


def marker() -> str:
    """A `sleep` argument no other process on the machine has."""
    return f"{random.randint(10_000, 99_999)}.{random.randint(1000, 9999)}"


def running(mark: str) -> list[str]:
    found = subprocess.run(["pgrep", "-af", f"sleep {mark}"], capture_output=True, text=True)
    return found.stdout.splitlines()


def wait_gone(mark: str, within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while running(mark):
        assert time.monotonic() < deadline, f"still running: {running(mark)}"
        time.sleep(0.05)


def host_home(data_dir: Path, created: dict[str, str]) -> Path:
    """The host path of a sandbox's /home/user (a command can learn it from mountinfo)."""
    directory = created["sandboxId"].removeprefix("local-")
    return data_dir / "sandboxes" / directory / "root" / "home" / "user"


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    """A relay whose bubblewrap is the stand-in: it records how the relay starts it."""
    directory = tmp_path_factory.mktemp("stand-in")
    program = directory / "bwrap"
    source = (HERE / "stand_in_bwrap.py").read_text()
    program.write_text(f"#!{sys.executable}\n{source}")
    program.chmod(0o755)
    config = write_config(directory)
    config.write_text(config.read_text() + f'\n[sandbox]\nbubblewrap = "{program}"\n')
    os.environ[RELAY_SECRET] = "the relay's own secret"
    try:
        with (
            LocalRelay(config=config, api_key=KEY, data_dir=directory / "data") as relay,
            httpx.Client(
                base_url=relay.url, headers={"Authorization": f"Bearer {KEY}"}, timeout=30
            ) as client,
        ):
            yield client, directory / "records.jsonl"
    finally:
        del os.environ[RELAY_SECRET]


@pytest.fixture(params=["bubblewrap", "plain"])
def mode(request: pytest.FixtureRequest) -> tuple[httpx.Client, LocalRelay]:
    """Each isolation mode's relay, and a client of it."""
    if request.param == "bubblewrap":
        if not bwrap_usable():
            pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces")
        return request.getfixturevalue("client"), request.getfixturevalue("relay")
    return request.getfixturevalue("plain"), request.getfixturevalue("plain_relay")


# The environment of the processes the relay starts


def test_bubblewrap_gets_a_fixed_environment_and_sandbox_variables_only_inside(
    stand_in: tuple[httpx.Client, Path],
) -> None:
    client, records = stand_in
    hostile = {"PATH": "/tmp/evil:/usr/bin", "LD_PRELOAD": "/tmp/evil/lib.so"}
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent", "envs": hostile}).json()["id"]
    records.unlink(missing_ok=True)
    resp = client.post(
        f"/v1/sandboxes/{sid}/exec",
        json={"command": "env", "envs": {"PYTHONPATH": "/tmp/evil", "PER_CALL": "1"}},
    )
    assert resp.status_code == 200, resp.text
    (record,) = [json.loads(line) for line in records.read_text().splitlines()]
    # bubblewrap itself: an absolute program, started with the fixed host environment only.
    assert record["env"] == HOST_ENV
    argv: list[str] = record["argv"]
    assert os.path.isabs(argv[0]) and argv[0].endswith("/bwrap")
    # The sandbox's variables are set inside, after the environment is cleared.
    setenv = {argv[i + 1]: argv[i + 2] for i, a in enumerate(argv) if a == "--setenv"}
    assert argv.index("--clearenv") < argv.index("--setenv")
    assert setenv["LD_PRELOAD"] == "/tmp/evil/lib.so"
    assert setenv["PATH"] == "/tmp/evil:/usr/bin"
    assert setenv["PYTHONPATH"] == "/tmp/evil" and setenv["PER_CALL"] == "1"
    # The command sees its own variables and none of the relay's.
    seen = dict(line.split("=", 1) for line in resp.json()["stdout"].splitlines() if "=" in line)
    assert seen["PER_CALL"] == "1" and seen["HOME"] == "/home/user"
    assert RELAY_SECRET not in seen
    assert RELAY_SECRET not in record["env"]


@pytest.mark.parametrize("where", ["create", "exec"])
def test_a_sandbox_path_cannot_stand_in_for_a_host_program(
    mode: tuple[httpx.Client, LocalRelay], tmp_path: Path, where: str
) -> None:
    """A `bwrap` (or `python3`, `bash`) on a PATH the sandbox controls never runs on the host."""
    client, relay = mode
    pwned = tmp_path / "pwned"
    trap = f"#!/bin/sh\ntouch {pwned}\nexit 0\n"
    files = {f"bin/{name}": trap for name in ("bwrap", "python3", "bash", "sh", "git")}
    created = client.post("/v1/sandboxes", json={"agent": "demo-agent", "files": files}).json()
    sid = created["id"]
    home = host_home(relay.data_dir, created)
    client.post(f"/v1/sandboxes/{sid}/exec", json={"command": "chmod +x bin/*"})
    hostile = {"PATH": f"{home}/bin:/home/user/bin", "LD_LIBRARY_PATH": f"{home}/bin"}
    if where == "create":
        again = client.post(
            "/v1/sandboxes", json={"agent": "demo-agent", "envs": hostile, "files": files}
        )
        sid = again.json()["id"]
        client.post(
            f"/v1/sandboxes/{sid}/exec", json={"command": "/bin/chmod +x bin/*", "envs": {}}
        )
        resp = client.post(f"/v1/sandboxes/{sid}/exec", json={"command": "echo inside"})
    else:
        resp = client.post(
            f"/v1/sandboxes/{sid}/exec", json={"command": "echo inside", "envs": hostile}
        )
    assert resp.status_code == 200, resp.text
    assert resp.json()["stdout"] == "inside\n"
    assert not pwned.exists()


# Processes never outlive their exec, their sandbox or the relay


def test_a_timed_out_exec_leaves_no_process_behind(mode: tuple[httpx.Client, LocalRelay]) -> None:
    client, _ = mode
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    mark = marker()
    command = (
        f"setsid sleep {mark} & (setsid sleep {mark} &) & nohup sleep {mark} >/dev/null 2>&1 &"
        " sleep 30"
    )
    resp = client.post(f"/v1/sandboxes/{sid}/exec", json={"command": command, "timeoutMs": 700})
    assert resp.status_code == 408, resp.text
    wait_gone(mark)
    client.delete(f"/v1/sandboxes/{sid}")


def test_deleting_a_sandbox_ends_what_its_commands_left(
    mode: tuple[httpx.Client, LocalRelay],
) -> None:
    client, _ = mode
    sid = client.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    mark = marker()
    command = f"(setsid sleep {mark} >/dev/null 2>&1 &); setsid sleep {mark} >/dev/null 2>&1 &"
    resp = client.post(f"/v1/sandboxes/{sid}/exec", json={"command": command})
    assert resp.status_code == 200 and resp.json()["exitCode"] == 0
    assert client.delete(f"/v1/sandboxes/{sid}").status_code == 204
    wait_gone(mark)


@pytest.mark.parametrize("isolation", [True, False], ids=["bubblewrap", "plain"])
def test_stopping_the_relay_ends_every_sandbox_process(tmp_path: Path, isolation: bool) -> None:
    if isolation and not bwrap_usable():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces")
    config = tmp_path / "relay.toml"
    config.write_text(f"[sandbox]\nbubblewrap = {'true' if isolation else 'false'}\n")
    mark = marker()
    with (
        LocalRelay(config=config, data_dir=tmp_path / "data") as relay,
        httpx.Client(
            base_url=relay.url, headers={"Authorization": f"Bearer {relay.api_key}"}, timeout=30
        ) as c,
    ):
        sid = c.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
        c.post(
            f"/v1/sandboxes/{sid}/exec",
            json={"command": f"(setsid sleep {mark} >/dev/null 2>&1 &)", "timeoutMs": 60_000},
        )
        with pytest.raises(httpx.HTTPError):
            # A command still running when the relay stops ends with it.
            c.post(
                f"/v1/sandboxes/{sid}/exec",
                json={"command": f"setsid sleep {mark}"},
                timeout=0.5,
            )
    wait_gone(mark)


@pytest.mark.parametrize("isolation", [True, False], ids=["bubblewrap", "plain"])
def test_a_killed_relay_takes_its_sandbox_processes_with_it(
    tmp_path: Path, isolation: bool
) -> None:
    if isolation and not bwrap_usable():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces")
    mark = marker()
    config = tmp_path / "relay.toml"
    config.write_text(f"[sandbox]\nbubblewrap = {'true' if isolation else 'false'}\n")
    script = f"""
import time, httpx
from agents21.local import LocalRelay
relay = LocalRelay(config={str(config)!r}, data_dir={str(tmp_path / "data")!r}).start()
c = httpx.Client(base_url=relay.url, headers={{"Authorization": "Bearer " + relay.api_key}})
sid = c.post("/v1/sandboxes", json={{"agent": "demo-agent"}}).json()["id"]
c.post(f"/v1/sandboxes/{{sid}}/exec",
       json={{"command": "(setsid sleep {mark} >/dev/null 2>&1 &)", "timeoutMs": 60000}})
try:
    c.post(f"/v1/sandboxes/{{sid}}/exec", json={{"command": "setsid sleep {mark}"}}, timeout=0.5)
except httpx.TimeoutException:
    pass
print("ready", flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert running(mark)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        wait_gone(mark)
    finally:
        proc.kill()
        proc.wait(10)


def test_a_relay_starting_ends_supervised_trees_a_dead_relay_left(tmp_path: Path) -> None:
    """A supervisor that outlived its relay (it was stopped when the relay died, say) is
    registered in the data dir; the next relay to start there ends it and its tree."""
    data = tmp_path / "data"
    (data / "run").mkdir(parents=True)
    mark = marker()
    left = subprocess.Popen(
        ["sh", "-c", f"setsid sleep {mark} & exec sleep {mark}"], start_new_session=True
    )
    try:
        time.sleep(0.2)
        assert len(running(mark)) == 2
        stat = Path(f"/proc/{left.pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        (data / "run" / str(left.pid)).write_text(stat[19].decode())
        with LocalRelay(data_dir=data):
            wait_gone(mark)
        assert not list((data / "run").iterdir())
    finally:
        left.kill()
        left.wait(10)


# git clone without isolation


def test_plain_git_clone_refuses_a_link_to_a_host_repository(
    plain: httpx.Client, tmp_path: Path
) -> None:
    outside = tmp_path / "host-repo"
    outside.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
    }
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    (outside / "secret.txt").write_text("host secret\n")
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(cmd, cwd=outside, env=env, check=True)
    sid = plain.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
    run = f"/v1/sandboxes/{sid}/exec"
    # Links a plain command can make: to the repository, and a .git pointing out of a
    # directory in the sandbox, and alternates naming the host's objects.
    setup = (
        f"ln -s {outside} link && mkdir -p gitlink && ln -s {outside}/.git gitlink/.git"
        " && git init -q alt"
        f" && echo {outside}/.git/objects > alt/.git/objects/info/alternates"
        f" && git init -q common && echo {outside}/.git > common/.git/commondir"
    )
    assert plain.post(run, json={"command": setup}).json()["exitCode"] == 0
    sources = ("link", "/home/user/link", "file:///home/user/link", "gitlink", "alt", "common")
    for source in sources:
        resp = plain.post(
            f"/v1/sandboxes/{sid}/git/clone", json={"url": source, "path": "stolen-" + source[-4:]}
        )
        assert resp.status_code == 400, (source, resp.text)
        assert resp.json()["error"]["code"] == "git_clone_failed"
    listed = plain.post(run, json={"command": "grep -r 'host secret' . || echo clean"}).json()
    assert listed["stdout"] == "clean\n"


# Sandbox ids are per agent: a token for one agent never reaches another agent's runs


def test_a_token_for_one_agent_cannot_touch_another_agents_sandbox(
    client: httpx.Client, anon: httpx.Client
) -> None:
    token = client.post("/v1/tokens", json={"agents": ["echo-agent"]}).json()["token"]
    holder = {"Authorization": f"Bearer {token}"}
    sid = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    started = client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sid, "messages": user("w " * 60), "mode": "background"},
    ).json()
    tid = started["threadId"]
    try:
        # Reading or cancelling the other agent's live run: not found through this agent.
        read = anon.get(f"/v1/chat/echo-agent/{sid}/stream", headers=holder)
        assert read.status_code == 404 and read.json()["error"]["code"] == "sandbox_not_found"
        cancel = anon.delete(f"/v1/chat/echo-agent/{sid}/stream", headers=holder)
        assert cancel.status_code == 404
        # Appending a turn to its thread: the thread is not in this agent's sandbox of that id.
        appended = anon.post(
            "/v1/chat/echo-agent",
            headers=holder,
            json={"sandboxId": sid, "threadId": tid, "messages": user("injected")},
        )
        assert appended.status_code == 404
        assert appended.json()["error"]["code"] == "thread_not_found"
        # Without a thread id the chat runs in a sandbox of its own with that id.
        own = anon.post(
            "/v1/chat/echo-agent",
            headers=holder,
            json={"sandboxId": sid, "messages": user("mine")},
        )
        assert own.status_code == 200 and "mine" in own.text
        with client.stream("GET", f"/v1/chat/slow-agent/{sid}/stream") as live:
            assert live.status_code == 200  # the other agent's run goes on
        threads = client.get(f"/v1/sandboxes/{sid}/threads").json()
        assert [t["id"] for t in threads] == [tid]
    finally:
        client.delete(f"/v1/chat/slow-agent/{sid}/stream")
    thread = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()
    assert thread["status"] == "cancelled"
    assert "injected" not in json.dumps(thread) and "mine" not in json.dumps(thread)


# The command runtime runs the operator's program, not the sandbox's


def test_the_command_runtime_runs_the_operators_program_outside_the_sandbox(
    client: httpx.Client, relay: LocalRelay, config_path: Path, tmp_path: Path
) -> None:
    pwned = tmp_path / "pwned"
    # One sandbox drops a sitecustomize.py; another points PYTHONPATH at it.
    trap = client.post(
        "/v1/sandboxes",
        json={
            "agent": "demo-agent",
            "files": {"sitecustomize.py": f"open({str(pwned)!r}, 'w').close()\n"},
        },
    ).json()
    hostile = {"PYTHONPATH": str(host_home(relay.data_dir, trap)), "SANDBOX_MARK": "1"}
    sid = client.post(
        "/v1/sandboxes",
        json={"agent": "cmd-agent", "envs": hostile, "files": {"note.txt": "through the relay\n"}},
    ).json()["id"]
    resp = client.post("/v1/chat/cmd-agent", json={"sandboxId": sid, "messages": user("report")})
    chunks = [json.loads(line[6:]) for line in resp.text.splitlines() if line[6:7] == "{"]
    (report,) = [c["data"] for c in chunks if c["type"] == "data-report"]
    assert report["cwd"] == str(config_path.parent.resolve())
    assert report["sandboxVariable"] is False
    assert report["ids"][:2] == ["cmd-agent", sid]
    assert report["exec"] == "through the relay\n"
    assert not pwned.exists()


# Bounded memory, and state that survives a crash and stays private


def test_a_huge_sparse_file_is_refused_not_read(client: httpx.Client, sandbox: str) -> None:
    run = f"/v1/sandboxes/{sandbox}/exec"
    assert client.post(run, json={"command": "truncate -s 50M big.bin"}).json()["exitCode"] == 0
    resp = client.get(f"/v1/sandboxes/{sandbox}/files", params={"path": "big.bin"})
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "file_too_large"
    assert "10 MB" in resp.json()["error"]["message"]
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/sandboxes", {"agent": "demo-agent", "timeoutMs": 2**70}),
        ("/v1/sandboxes", {"agent": "demo-agent", "timeoutMs": 1e308}),
        ("exec", {"command": "true", "timeoutMs": 2**70}),
        ("exec", {"command": "true", "timeoutMs": 1e308}),
        ("/v1/chat/echo-agent", {"options": {"maxBudgetUsd": 10**400}}),
        ("/v1/chat/echo-agent", {"options": {"maxTurns": 2**70}}),
        ("/v1/tokens", {"maxMessages": 2**70}),
    ],
)
def test_numbers_out_of_range_are_a_400(
    client: httpx.Client, sandbox: str, path: str, body: dict[str, object]
) -> None:
    if path == "exec":
        path = f"/v1/sandboxes/{sandbox}/exec"
    if path.startswith("/v1/chat"):
        body = {"sandboxId": sandbox, "messages": user("hi"), **body}
    resp = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    assert resp.status_code == 400, resp.text
    assert "must be" in resp.text


def test_the_data_dir_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with LocalRelay(data_dir=data) as relay:
        with httpx.Client(
            base_url=relay.url, headers={"Authorization": f"Bearer {relay.api_key}"}
        ) as c:
            c.post("/v1/sandboxes", json={"agent": "demo-agent", "envs": {"TOKEN": "secret"}})
            c.post("/v1/tokens", json={})
        modes = {p.name: p.stat().st_mode & 0o777 for p in data.iterdir()}
    assert data.stat().st_mode & 0o777 == 0o700
    for name in ("relay.db", "api_key", "jwt_secret", "vault_key"):
        assert modes[name] == 0o600, (name, oct(modes[name]))
    for name, mode in modes.items():
        assert mode & 0o077 == 0, (name, oct(mode))


def test_a_write_interrupted_by_a_crash_leaves_the_old_or_the_new_content(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old, new = "o" * 4_000_000, "n" * 8_000_000
    script = f"""
import sys, time
from agents21.local import LocalRelay
relay = LocalRelay(data_dir={str(data)!r}, api_key={KEY!r}).start()
print(relay.url, flush=True)
time.sleep(60)
"""
    sid = None
    for attempt in range(6):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().strip()
            c = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"}, timeout=30)
            if sid is None:
                sid = c.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]
            else:
                content = c.get(f"/v1/sandboxes/{sid}/files", params={"path": "f.txt"}).json()
                assert content["content"] in (old, new), len(content["content"])
            c.post(f"/v1/sandboxes/{sid}/files", json={"files": {"f.txt": old}})
            # Kill the relay at a moment within a large write.
            send = (
                "import httpx, sys\n"
                f"httpx.post(sys.argv[1], json={{'files': {{'f.txt': 'n' * {len(new)}}}}},"
                f" headers={{'Authorization': 'Bearer {KEY}'}}, timeout=30)"
            )
            writer = subprocess.Popen(
                [sys.executable, "-c", send, f"{url}/v1/sandboxes/{sid}/files"],
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.05 + attempt * 0.03)
            proc.send_signal(signal.SIGKILL)
            writer.wait(30)
            c.close()
        finally:
            proc.kill()
            proc.wait(10)


def test_a_write_that_fails_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agents21.local import fs as files

    root = tmp_path / "root"
    (root / "home" / "user").mkdir(parents=True)
    files.write_text(root, "f.txt", "old content")
    real_write = os.write
    written: list[int] = []

    def failing_write(fd: int, data: bytes | memoryview) -> int:
        if written:
            raise OSError(28, "No space left on device")
        written.append(real_write(fd, bytes(data[:3])))
        return written[-1]

    monkeypatch.setattr(files.os, "write", failing_write)
    with pytest.raises(OSError):
        files.write_text(root, "f.txt", "new content that does not fit")
    monkeypatch.undo()
    assert (root / "home" / "user" / "f.txt").read_text() == "old content"
    assert os.listdir(root / "home" / "user") == ["f.txt"]  # no temporary file left


# Slow or half-sent requests, and what `agents21 serve` shows and where it listens


def test_half_sent_requests_are_closed_and_never_hold_the_relay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agents21.local import serving

    monkeypatch.setattr(serving, "HEAD_TIMEOUT_S", 1.0)
    with LocalRelay(data_dir=tmp_path / "data") as relay:
        socks = []
        for i in range(300):
            sock = socket.create_connection((relay.host, relay.port))
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" if i % 2 else b"")
            socks.append(sock)
        try:
            assert httpx.get(f"{relay.url}/health", timeout=10).status_code == 200
            time.sleep(1.5)
            # One more byte of the head does not buy more time: the head's deadline has passed.
            for sock in socks:
                sock.settimeout(5)
                with contextlib.suppress(OSError):
                    sock.sendall(b"X")
                assert sock.recv(1024) == b""  # closed by the relay
        finally:
            for sock in socks:
                sock.close()


def test_a_request_head_past_the_limit_is_refused_on_a_new_or_a_reused_connection(
    tmp_path: Path,
) -> None:
    from agents21.local.serving import MAX_HEAD_BYTES

    def answer_of(sock: socket.socket) -> bytes:
        sock.settimeout(10)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and answer.startswith(b"HTTP/1.1 200"):
                break
        return answer

    with LocalRelay(data_dir=tmp_path / "data") as relay:
        # A head sent a piece at a time, growing past the limit without ever ending.
        with socket.create_connection((relay.host, relay.port)) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            piece = b"X-Pad: " + b"a" * 8000 + b"\r\n"
            with contextlib.suppress(OSError):  # the relay may close while this still sends
                for _ in range(MAX_HEAD_BYTES // len(piece) + 2):
                    sock.sendall(piece)
                    time.sleep(0.001)
            answer = answer_of(sock)
        assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
        assert b"Request head too large" in answer
        # After a first request on the same connection, the next head is measured too.
        with socket.create_connection((relay.host, relay.port)) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert answer_of(sock).startswith(b"HTTP/1.1 200")
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            with contextlib.suppress(OSError):
                for _ in range(MAX_HEAD_BYTES // len(piece) + 2):
                    sock.sendall(piece)
                    time.sleep(0.001)
            answer = answer_of(sock)
        assert b"Request head too large" in answer, answer[-300:]
        # A head under the limit is served.
        with socket.create_connection((relay.host, relay.port)) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" + piece * 4 + b"\r\n")
            assert answer_of(sock).startswith(b"HTTP/1.1 200")


def test_a_body_that_stops_arriving_is_a_408(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agents21.local.api import deps as handlers

    monkeypatch.setattr(handlers, "BODY_TIMEOUT_S", 0.5)
    with LocalRelay(data_dir=tmp_path / "data") as relay:
        sock = socket.create_connection((relay.host, relay.port))
        with sock:
            sock.sendall(
                b"POST /v1/sandboxes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Authorization: Bearer " + relay.api_key.encode() + b"\r\n"
                b'Content-Length: 100\r\n\r\n{"agent"'
            )
            sock.settimeout(10)
            answer = b""
            while b"}" not in answer.partition(b"\r\n\r\n")[2]:
                answer += sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"did not arrive" in answer


def test_serve_shows_the_key_once_or_not_at_all_with_quiet(tmp_path: Path) -> None:
    from agents21.local.cli import banner
    from agents21.local.config import load_settings

    settings = load_settings(None, tmp_path / "data")
    key = settings.ensure_api_key()
    shown = banner(settings, "http://127.0.0.1:8021", key, quiet=False)
    assert shown.count(key) == 1
    quiet = banner(settings, "http://127.0.0.1:8021", key, quiet=True)
    assert key not in quiet and f"$(cat {settings.key_file()})" in quiet
    settings.use_bwrap, settings.use_landlock = False, False
    assert "NONE" in banner(settings, "http://x", key, quiet=True)
    settings.use_landlock = True
    assert "Landlock only" in banner(settings, "http://x", key, quiet=True)


def test_serve_without_bubblewrap_listens_on_loopback_unless_told_otherwise(
    tmp_path: Path,
) -> None:
    config = tmp_path / "relay.toml"
    config.write_text("[sandbox]\nbubblewrap = false\n")
    base = [sys.executable, "-m", "agents21", "serve", "--config", str(config), "--port", "0"]
    base += ["--data-dir", str(tmp_path / "data")]
    refused = subprocess.run([*base, "--host", "0.0.0.0"], capture_output=True, text=True)
    assert refused.returncode == 2
    assert "--allow-remote-without-isolation" in refused.stderr
    with pytest.raises(ConfigError):
        LocalRelay(config=config, host="0.0.0.0", data_dir=tmp_path / "d").start()
    with LocalRelay(
        config=config, host="0.0.0.0", data_dir=tmp_path / "d", allow_remote_without_isolation=True
    ) as relay:
        assert httpx.get(f"http://127.0.0.1:{relay.port}/health").status_code == 200


# Without bubblewrap, Landlock where the kernel has it


@pytest.mark.skipif(_confine.abi() < 1, reason="this kernel has no Landlock")
def test_a_plain_command_cannot_read_the_relays_data_or_write_the_host(
    plain: httpx.Client, plain_relay: LocalRelay, tmp_path: Path
) -> None:
    data = plain_relay.data_dir
    other = plain.post(
        "/v1/sandboxes", json={"agent": "demo-agent", "files": {"private.txt": "theirs"}}
    ).json()
    sid = plain.post("/v1/sandboxes", json={"agent": "demo-agent"}).json()["id"]

    def run(command: str) -> dict[str, object]:
        resp = plain.post(f"/v1/sandboxes/{sid}/exec", json={"command": command})
        assert resp.status_code == 200, resp.text
        result: dict[str, object] = resp.json()
        return result

    for secret in ("jwt_secret", "vault_key", "relay.db"):
        assert (data / secret).is_file()
        assert "Permission denied" in str(run(f"cat {data / secret}")["stderr"]), secret
    assert run(f"cat {host_home(data, other)}/private.txt")["exitCode"] != 0
    assert run(f"ls {data}")["exitCode"] != 0
    # Its config file holds API keys: hidden like the data dir.
    assert plain_relay._config is not None
    assert "Permission denied" in str(run(f"cat {plain_relay._config}")["stderr"])
    assert run(f"touch {tmp_path}/written")["exitCode"] != 0
    assert not (tmp_path / "written").exists()
    # Only the harmless devices: /dev/shm (other processes' shared memory) is out of reach.
    if Path("/dev/shm").is_dir():
        assert run(": > /dev/shm/agents21-test")["exitCode"] != 0
    # Its own sandbox, the host's programs and /dev work as before.
    assert run("echo hi > note && cat note && echo x > /dev/null")["stdout"] == "hi\n"
    assert run("python3 -c 'print(2)'")["stdout"] == "2\n"
    if _confine.abi() >= 6:
        assert run(f"kill -0 {os.getpid()}")["exitCode"] != 0  # the relay's process


def test_a_plain_command_has_no_capabilities_and_cannot_read_its_supervisor(
    plain: httpx.Client,
) -> None:
    """Whatever user the relay runs as (root included), a plain command holds no capability,
    gains none by exec, and cannot read its supervisor's environment (the sandbox's
    variables, from /proc)."""
    sid = plain.post("/v1/sandboxes", json={"agent": "demo-agent", "envs": {"K": "v"}}).json()["id"]
    out = plain.post(
        f"/v1/sandboxes/{sid}/exec",
        json={
            "command": "grep -E '^Cap(Eff|Prm|Bnd|Amb)' /proc/self/status; cat /proc/$PPID/environ"
        },
    ).json()
    caps = dict(line.split(":\t") for line in out["stdout"].splitlines() if line.startswith("Cap"))
    assert set(caps.values()) == {"0000000000000000"}, caps
    assert "AGENTS21_SUPERVISE" not in out["stdout"]
    assert "Permission denied" in out["stderr"]
