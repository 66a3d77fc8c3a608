"""Restarting a relay on the same data dir keeps state; runs in flight become errors."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from relay_helpers import KEY, user

from agents21.local import LocalRelay


def test_restart_keeps_sandboxes_threads_and_marks_in_flight_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with LocalRelay(data_dir=data, api_key=KEY) as first:
        h = {"Authorization": f"Bearer {KEY}"}
        c = httpx.Client(base_url=first.url, headers=h, timeout=30)
        sid = c.post(
            "/v1/sandboxes", json={"agent": "echo-agent", "files": {"f.txt": "kept"}}
        ).json()["id"]
        done = c.post(f"/v1/sandboxes/{sid}/threads", json={"name": "done"}).json()["id"]
        c.post(
            "/v1/chat/echo-agent",
            json={"sandboxId": sid, "threadId": done, "messages": user("hello")},
        )
        token = c.post("/v1/tokens", json={}).json()["token"]
        slow_sb = c.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
        started = c.post(
            "/v1/chat/slow-agent",
            json={"sandboxId": slow_sb, "messages": user("w " * 100), "mode": "background"},
        ).json()
        assert (
            c.get(f"/v1/sandboxes/{slow_sb}/threads/{started['threadId']}").json()["status"]
            == "streaming"
        )
        c.close()
    orphan = data / "sandboxes" / "left-by-an-unfinished-create"
    orphan.mkdir()
    with LocalRelay(data_dir=data, api_key=KEY) as second:
        assert not orphan.exists()
        c = httpx.Client(base_url=second.url, headers=h, timeout=30)
        sb = c.get(f"/v1/sandboxes/{sid}").json()
        assert sb["threads"][0]["id"] == done
        thread = c.get(f"/v1/sandboxes/{sid}/threads/{done}").json()
        assert thread["status"] == "completed"
        assert thread["messages"][1]["parts"][0]["text"] == "hello"
        assert (
            c.get(f"/v1/sandboxes/{sid}/files", params={"path": "f.txt"}).json()["content"]
            == "kept"
        )
        interrupted = c.get(f"/v1/sandboxes/{slow_sb}/threads/{started['threadId']}").json()
        assert interrupted["status"] == "error"
        assert interrupted["error"].startswith("interrupted: ")
        assert interrupted["messages"] is None
        assert c.get(f"/v1/chat/slow-agent/{slow_sb}/stream").status_code == 204
        # Tokens minted before the restart still verify: the secret lives in the data dir.
        r = httpx.get(
            f"{second.url}/v1/sandboxes/{sid}", headers={"Authorization": f"Bearer {token}"}
        )
        assert r.status_code == 200
        c.close()


def test_a_killed_relay_leaves_runs_marked_error_on_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = f"""
import sys, time, httpx
from agents21.local import LocalRelay
relay = LocalRelay(data_dir={str(data)!r}, api_key={KEY!r}).start()
c = httpx.Client(base_url=relay.url, headers={{"Authorization": "Bearer {KEY}"}})
r = c.post("/v1/chat/slow-agent", json={{"sandboxId": "s1", "mode": "background",
    "messages": [{{"role": "user", "parts": [{{"type": "text", "text": "w " * 200}}]}}]}})
print(r.json()["threadId"], flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        tid = proc.stdout.readline().strip()
        assert tid, "child relay did not start a run"
    finally:
        proc.kill()
        proc.wait()
    with LocalRelay(data_dir=data, api_key=KEY) as relay:
        r = httpx.get(
            f"{relay.url}/v1/sandboxes/s1/threads/{tid}", headers={"Authorization": f"Bearer {KEY}"}
        )
        assert r.json()["status"] == "error"


def test_temporary_data_dir_is_removed_and_key_generated() -> None:
    relay = LocalRelay()
    with relay:
        assert relay.api_key.startswith("21st_sk_") and len(relay.api_key) == 8 + 64
        assert relay.url.startswith("http://127.0.0.1:") and not relay.url.endswith("/")
        data_dir = relay.data_dir
        assert (data_dir / "api_key").read_text().strip() == relay.api_key
        assert httpx.get(relay.url + "/health").status_code == 200
    assert not data_dir.exists()
    assert not relay.running


async def test_async_context_manager_inside_a_running_loop() -> None:
    async with LocalRelay() as relay, httpx.AsyncClient(base_url=relay.url) as c:
        r = await c.post(
            "/v1/sandboxes",
            json={"agent": "echo-agent"},
            headers={"Authorization": f"Bearer {relay.api_key}"},
        )
        assert r.status_code == 201


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


test_async_context_manager_inside_a_running_loop = pytest.mark.anyio(
    test_async_context_manager_inside_a_running_loop
)


def test_cli_serves_and_keeps_its_key(tmp_path: Path) -> None:
    data = tmp_path / "cli-data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "agents21.local", "--port", "0", "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        exports = ""
        deadline = time.monotonic() + 20
        while "export " not in exports and time.monotonic() < deadline:
            exports = proc.stdout.readline()
        assert "export API_KEY_21ST=" in exports
        parts = dict(p.split("=", 1) for p in exports.split() if "=" in p)
        key, url = parts["API_KEY_21ST"], parts["BASE_URL_21ST"]
        assert key.startswith("21st_sk_") and len(key) == 72
        assert (data / "api_key").read_text().strip() == key
        for _ in range(100):
            try:
                ok = httpx.get(url + "/v1/sandboxes/x", headers={"Authorization": f"Bearer {key}"})
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert ok.status_code == 404
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(15) == 0
    assert (data / "relay.db").exists()


def test_cli_rejects_a_bad_config(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[agents]]\nslug = "x"\nruntime = "teleport"\n')
    done = subprocess.run(
        [sys.executable, "-m", "agents21.local", "--config", str(bad), "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "runtime must be one of" in done.stderr


def test_deep_trees_do_not_stop_a_start_or_a_stop(tmp_path: Path) -> None:
    from test_relay_files import make_deep_tree

    data = tmp_path / "data"
    (data / "sandboxes").mkdir(parents=True)
    orphan = data / "sandboxes" / "left-by-an-unfinished-create"
    make_deep_tree(orphan, 1100)
    with LocalRelay(data_dir=data, api_key=KEY) as relay:
        assert httpx.get(relay.url + "/health").status_code == 200
        assert not orphan.exists()
    temporary = LocalRelay(api_key=KEY).start()
    make_deep_tree(temporary.data_dir / "deep", 1100)
    temporary.stop()
    assert not temporary.data_dir.exists()


V1_SCHEMA = """
CREATE TABLE sandboxes (
    id TEXT PRIMARY KEY, provider_id TEXT NOT NULL, agent TEXT NOT NULL, dir TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT, envs TEXT NOT NULL, network_allow TEXT NOT NULL,
    network_deny TEXT NOT NULL, timeout_ms INTEGER, expires_at REAL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE threads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE, name TEXT,
    status TEXT NOT NULL, messages TEXT, usage TEXT, error TEXT, run_id TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, completed_at TEXT
);
CREATE INDEX threads_by_sandbox ON threads(sandbox_id, seq);
INSERT INTO sandboxes VALUES ('sb-1', 'local-abc', 'echo-agent', '/nowhere', 'active', NULL,
    '{"A":"1"}', '[]', '[]', NULL, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
INSERT INTO threads (id, sandbox_id, name, status, messages, created_at, updated_at)
    VALUES ('t-1', 'sb-1', 'kept', 'completed', '[{"role":"user"}]',
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
"""


def test_a_data_dir_from_before_per_agent_ids_keeps_its_sandboxes_and_threads(
    tmp_path: Path,
) -> None:
    from agents21.local.store import Store

    path = tmp_path / "relay.db"
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
    db.close()
    store = Store(path)
    try:
        row = store.get_sandbox("sb-1", "echo-agent")
        assert row is not None and row.envs == {"A": "1"} and row.key == "local-abc"
        assert store.get_sandbox("sb-1", "demo-agent") is None
        (thread,) = store.list_threads(row.key)
        assert (thread.id, thread.name) == ("t-1", "kept")
        assert store.thread_with_messages(row.key, "t-1") == (thread, [{"role": "user"}])
    finally:
        store.close()
    reopened = Store(path)  # a second start finds the current schema and leaves it be
    try:
        assert reopened.get_sandbox("sb-1") is not None
    finally:
        reopened.close()


def test_a_data_dir_with_messages_kept_whole_moves_them_to_rows(tmp_path: Path) -> None:
    from agents21.local import store as store_module

    path = tmp_path / "relay.db"
    with sqlite3.connect(path) as db:
        db.executescript(
            store_module._SANDBOXES
            + store_module._threads(messages_column=True)
            + """
INSERT INTO sandboxes VALUES ('local-abc', 'sb-1', 'echo-agent', '/nowhere', 'active', NULL,
    '{}', '[]', '[]', NULL, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
INSERT INTO threads (id, sandbox_key, name, status, messages, created_at, updated_at)
    VALUES ('t-1', 'local-abc', 'two turns', 'completed', '[{"n":0},{"n":1},{"n":2},{"n":3}]',
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('t-2', 'local-abc', 'none yet', 'idle', NULL,
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
PRAGMA user_version = 2;
"""
        )
    db.close()
    store = store_module.Store(path)
    try:
        found = store.thread_with_messages("local-abc", "t-1")
        assert found is not None and found[1] == [{"n": n} for n in range(4)]
        idle = store.thread_with_messages("local-abc", "t-2")
        assert idle is not None and idle[0].name == "none yet" and idle[1] is None
        store.start_run("t-1", "r1")
        turn = [{"n": 4}, {"n": 5}]
        assert store.finish_run(
            "t-1",
            "r1",
            sandbox_key="local-abc",
            status="completed",
            error=None,
            new_messages=turn,
            usage=None,
        )
        found = store.thread_with_messages("local-abc", "t-1")
        assert found is not None and found[1] == [{"n": n} for n in range(6)]
        assert store.delete_sandbox("local-abc")
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT count(*) FROM messages").fetchone() == (0,)
        db.close()
    finally:
        store.close()


def test_a_data_dir_of_a_newer_relay_is_refused_not_rewritten(tmp_path: Path) -> None:
    from agents21.local.store import Store

    path = tmp_path / "relay.db"
    with sqlite3.connect(path) as db:
        db.executescript("CREATE TABLE sandboxes (x TEXT); PRAGMA user_version = 9;")
    db.close()
    with pytest.raises(RuntimeError, match="has schema 9, newer than this relay's"):
        Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (9,)
    db.close()
