"""SQLite state: sandboxes, threads and vaults. WAL mode, short transactions, one connection.

All calls happen on the relay's event-loop thread; each is a single short statement or
transaction, so none holds the loop for long.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datadir import private_file

# Sandbox ids are per agent, as in production: a sandbox is known by (agent, id), and its
# provider id (unique, also the name of its directory) is the key the threads refer to. A
# thread's messages are rows of their own, so that recording a turn appends two rows and a
# thread's summary reads none of them, however long its history.
SCHEMA_VERSION = 4
_SANDBOXES = """
CREATE TABLE IF NOT EXISTS sandboxes (
    provider_id TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    agent TEXT NOT NULL,
    dir TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    envs TEXT NOT NULL,
    network_allow TEXT NOT NULL,
    network_deny TEXT NOT NULL,
    timeout_ms INTEGER,
    expires_at REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (agent, id)
);
CREATE INDEX IF NOT EXISTS sandboxes_by_id ON sandboxes(id, created_at);
"""
_MESSAGES = """
CREATE TABLE IF NOT EXISTS messages (
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (thread_id, seq)
) WITHOUT ROWID;
"""


# Vaults and their credentials (version 4). `touched` orders them by their last change; a
# credential's `secret` is sealed (vaults/secretbox.py) and NULL once archived.
_VAULTS = """
CREATE TABLE IF NOT EXISTS vaults (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    metadata TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    touched INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vault_credentials (
    id TEXT PRIMARY KEY,
    vault_id TEXT NOT NULL REFERENCES vaults(id) ON DELETE CASCADE,
    name TEXT,
    server_url TEXT NOT NULL,
    server_url_normalized TEXT NOT NULL,
    host_pattern TEXT,
    inject TEXT NOT NULL,
    auth_type TEXT NOT NULL,
    auth_summary TEXT NOT NULL,
    secret BLOB,
    metadata TEXT NOT NULL,
    status TEXT NOT NULL,
    last_error TEXT,
    last_resolved_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    touched INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS vault_credentials_by_vault ON vault_credentials(vault_id, touched);
"""


def _threads(messages_column: bool) -> str:
    return f"""
CREATE TABLE IF NOT EXISTS threads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    sandbox_key TEXT NOT NULL REFERENCES sandboxes(provider_id) ON DELETE CASCADE,
    name TEXT,
    status TEXT NOT NULL,{" messages TEXT," if messages_column else ""}
    usage TEXT,
    error TEXT,
    run_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    spent_usd REAL NOT NULL DEFAULT 0  -- the cost of all its completed turns (usage is the last)
);
CREATE INDEX IF NOT EXISTS threads_by_sandbox ON threads(sandbox_key, seq);
"""


SCHEMA = _SANDBOXES + _threads(messages_column=False) + _MESSAGES + _VAULTS

# Version 1 keyed sandboxes by id alone; its rows move over unchanged.
MIGRATE_FROM_1 = (
    """
ALTER TABLE threads RENAME TO threads_v1;
ALTER TABLE sandboxes RENAME TO sandboxes_v1;
DROP INDEX IF EXISTS threads_by_sandbox;
"""
    + _SANDBOXES
    + _threads(messages_column=True)
    + """
INSERT INTO sandboxes (provider_id, id, agent, dir, status, error, envs, network_allow,
    network_deny, timeout_ms, expires_at, created_at, updated_at)
SELECT provider_id, id, agent, dir, status, error, envs, network_allow, network_deny,
    timeout_ms, expires_at, created_at, updated_at FROM sandboxes_v1;
INSERT INTO threads (seq, id, sandbox_key, name, status, messages, usage, error, run_id,
    created_at, updated_at, completed_at, spent_usd)
SELECT t.seq, t.id, s.provider_id, t.name, t.status, t.messages, t.usage, t.error, t.run_id,
    t.created_at, t.updated_at, t.completed_at,
    coalesce(json_extract(t.usage, '$.totalCostUsd'), 0)
FROM threads_v1 t JOIN sandboxes_v1 s ON s.id = t.sandbox_id;
DROP TABLE threads_v1;
DROP TABLE sandboxes_v1;
"""
)

# Version 2 kept a thread's messages as one JSON array: each becomes a row.
MIGRATE_FROM_2 = (
    _MESSAGES
    + """
INSERT INTO messages (thread_id, seq, body)
SELECT t.id, m.key, m.value FROM threads t, json_each(t.messages) m
WHERE t.messages IS NOT NULL;
ALTER TABLE threads DROP COLUMN messages;
"""
)


def now_iso() -> str:
    """ISO-8601 UTC with milliseconds, as production writes timestamps."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")[:23] + "Z"


@dataclass
class SandboxRow:
    id: str
    provider_id: str
    agent: str
    dir: Path
    status: str
    error: str | None
    envs: dict[str, str]
    network_allow: list[str]
    network_deny: list[str]
    timeout_ms: int | None
    expires_at: float | None
    created_at: str
    updated_at: str

    @property
    def root(self) -> Path:
        return self.dir / "root"

    @property
    def key(self) -> str:
        """What names this sandbox alone (its id is unique only per agent)."""
        return self.provider_id


@dataclass
class ThreadRow:
    id: str
    sandbox_key: str
    name: str | None
    status: str
    usage: dict[str, Any] | None
    error: str | None
    run_id: str | None
    created_at: str
    updated_at: str
    completed_at: str | None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
        }


EMPTY_USAGE: dict[str, Any] = {
    "inputTokens": None,
    "outputTokens": None,
    "totalTokens": None,
    "totalCostUsd": None,
    "durationMs": None,
}


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # SQLite gives the -wal and -shm files the database file's mode.
        private_file(path)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: commits do not fsync, which keeps each transaction short.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._migrate(path)
        self._db.execute("PRAGMA foreign_keys=ON")

    def _migrate(self, path: Path) -> None:
        """Bring the schema to SCHEMA_VERSION (foreign keys are off while tables move)."""
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        exists = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sandboxes'"
        ).fetchone()
        if version > SCHEMA_VERSION:
            self._db.close()
            raise RuntimeError(
                f"the relay's database {path} has schema {version}, newer than this relay's "
                f"({SCHEMA_VERSION}): upgrade agents21, or pass another --data-dir"
            )
        columns = {r["name"] for r in self._db.execute("PRAGMA table_info(threads)")}
        # Version 3 lacks only the vault tables, which every path creates if they are missing.
        if not exists:
            steps = SCHEMA
        elif version == 0:
            steps = MIGRATE_FROM_1 + MIGRATE_FROM_2 + _VAULTS
        elif "messages" in columns:  # version 2 (or a version 3 an older relay marked 2)
            steps = MIGRATE_FROM_2 + _VAULTS
        else:
            steps = SCHEMA
        # The version moves in the same transaction as the tables, so a crash leaves either.
        self._db.executescript(f"BEGIN; {steps}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def write(self, sql: str, args: tuple[Any, ...]) -> int:
        """One statement that writes, atomic on its own (autocommit: a transaction around it
        would cost two more statements); returns how many rows it changed."""
        with self._lock:
            return self._db.execute(sql, args).rowcount

    def fetch_one(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, args).fetchone()
            return row

    def fetch_all(self, sql: str, args: tuple[Any, ...]) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._db.execute(sql, args).fetchall())

    # sandboxes

    def insert_sandbox(self, row: SandboxRow) -> None:
        self.write(
            "INSERT INTO sandboxes (id, provider_id, agent, dir, status, error, envs,"
            " network_allow, network_deny, timeout_ms, expires_at, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                row.id,
                row.provider_id,
                row.agent,
                str(row.dir),
                row.status,
                row.error,
                json.dumps(row.envs),
                json.dumps(row.network_allow),
                json.dumps(row.network_deny),
                row.timeout_ms,
                row.expires_at,
                row.created_at,
                row.updated_at,
            ),
        )

    @staticmethod
    def _sandbox(r: sqlite3.Row) -> SandboxRow:
        return SandboxRow(
            id=r["id"],
            provider_id=r["provider_id"],
            agent=r["agent"],
            dir=Path(r["dir"]),
            status=r["status"],
            error=r["error"],
            envs=json.loads(r["envs"]),
            network_allow=json.loads(r["network_allow"]),
            network_deny=json.loads(r["network_deny"]),
            timeout_ms=r["timeout_ms"],
            expires_at=r["expires_at"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )

    def get_sandbox(self, sandbox_id: str, agent: str | None = None) -> SandboxRow | None:
        """The agent's sandbox with this id; without an agent, the oldest with this id."""
        if agent is not None:
            r = self.fetch_one(
                "SELECT * FROM sandboxes WHERE agent = ? AND id = ?", (agent, sandbox_id)
            )
        else:
            r = self.fetch_one(
                "SELECT * FROM sandboxes WHERE id = ? ORDER BY created_at, rowid LIMIT 1",
                (sandbox_id,),
            )
        return self._sandbox(r) if r else None

    def touch_sandbox(self, row: SandboxRow) -> None:
        """Push an idle TTL forward: activity keeps a sandbox alive."""
        if row.timeout_ms is None:
            return
        row.expires_at = time.time() + row.timeout_ms / 1000
        self.write(
            "UPDATE sandboxes SET expires_at = ? WHERE provider_id = ?", (row.expires_at, row.key)
        )

    def expired_sandboxes(self, now: float) -> list[SandboxRow]:
        rows = self.fetch_all(
            "SELECT * FROM sandboxes WHERE expires_at IS NOT NULL AND expires_at < ?", (now,)
        )
        return [self._sandbox(r) for r in rows]

    def delete_sandbox(self, sandbox_key: str) -> bool:
        with self.tx() as db:
            db.execute("DELETE FROM threads WHERE sandbox_key = ?", (sandbox_key,))
            cur = db.execute("DELETE FROM sandboxes WHERE provider_id = ?", (sandbox_key,))
            return cur.rowcount > 0

    # threads

    @staticmethod
    def _thread(r: sqlite3.Row) -> ThreadRow:
        return ThreadRow(
            id=r["id"],
            sandbox_key=r["sandbox_key"],
            name=r["name"],
            status=r["status"],
            usage=json.loads(r["usage"]) if r["usage"] is not None else None,
            error=r["error"],
            run_id=r["run_id"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            completed_at=r["completed_at"],
        )

    def insert_thread(self, thread_id: str, sandbox_key: str, name: str | None) -> ThreadRow:
        ts = now_iso()
        self.write(
            "INSERT INTO threads (id, sandbox_key, name, status, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            (thread_id, sandbox_key, name, "idle", ts, ts),
        )
        return ThreadRow(
            id=thread_id,
            sandbox_key=sandbox_key,
            name=name,
            status="idle",
            usage=None,
            error=None,
            run_id=None,
            created_at=ts,
            updated_at=ts,
            completed_at=None,
        )

    def get_thread(self, sandbox_key: str, thread_id: str) -> ThreadRow | None:
        r = self.fetch_one(
            "SELECT * FROM threads WHERE id = ? AND sandbox_key = ?", (thread_id, sandbox_key)
        )
        return self._thread(r) if r else None

    def thread_with_messages(
        self, sandbox_key: str, thread_id: str
    ) -> tuple[ThreadRow, list[Any] | None] | None:
        """A thread and its messages in order (`None` before its first completed turn), read
        together: a turn is recorded either in both or in neither."""
        with self._lock:  # every write holds it too, for its whole transaction
            r = self._db.execute(
                "SELECT * FROM threads WHERE id = ? AND sandbox_key = ?", (thread_id, sandbox_key)
            ).fetchone()
            if r is None:
                return None
            bodies = self._db.execute(
                "SELECT body FROM messages WHERE thread_id = ? ORDER BY seq", (thread_id,)
            ).fetchall()
        return self._thread(r), [json.loads(b["body"]) for b in bodies] if bodies else None

    def list_threads(self, sandbox_key: str) -> list[ThreadRow]:
        rows = self.fetch_all(
            "SELECT * FROM threads WHERE sandbox_key = ? ORDER BY seq DESC", (sandbox_key,)
        )
        return [self._thread(r) for r in rows]

    def delete_thread(self, sandbox_key: str, thread_id: str) -> bool:
        changed = self.write(
            "DELETE FROM threads WHERE id = ? AND sandbox_key = ?", (thread_id, sandbox_key)
        )
        return changed > 0

    def start_run(self, thread_id: str, run_id: str) -> None:
        self.write(
            "UPDATE threads SET status = 'streaming', run_id = ?, error = NULL,"
            " completed_at = NULL, updated_at = ? WHERE id = ?",
            (run_id, now_iso(), thread_id),
        )

    def finish_run(
        self,
        thread_id: str,
        run_id: str,
        *,
        sandbox_key: str,
        status: str,
        error: str | None,
        new_messages: list[Any] | None,
        usage: dict[str, Any] | None,
    ) -> bool:
        """Record a run's end in one transaction.

        Production does not reject a second run on a sandbox while one is in flight, so two
        runs may share a thread. A run's end is recorded only while its thread is streaming:
        each completed turn is appended to the history (in the order the runs complete), and
        the thread's status, error and completedAt follow only its newest run (`run_id`). An
        older run ending after the newest one (completed or cancelled) is dropped, as
        production drops it. Every run records its end once (the caller makes sure of that).
        A recorded end also sets the sandbox's status: a failed run marks it failed, and the
        next good run (or a cancel) clears it. Returns whether anything was recorded.
        """
        ts = now_iso()
        with self.tx() as db:
            r = db.execute(
                "SELECT usage, run_id, status, spent_usd FROM threads WHERE id = ?",
                (thread_id,),
            ).fetchone()
            if r is None:
                return False
            if r["status"] != "streaming":
                return False
            newest = r["run_id"] == run_id
            if new_messages is None and not newest:
                return False
            total = r["usage"]
            spent = r["spent_usd"] + ((usage or {}).get("totalCostUsd") or 0)
            if new_messages:
                (last,) = db.execute(
                    "SELECT coalesce(max(seq), -1) FROM messages WHERE thread_id = ?",
                    (thread_id,),
                ).fetchone()
                db.executemany(
                    "INSERT INTO messages (thread_id, seq, body) VALUES (?,?,?)",
                    [(thread_id, last + 1 + i, json.dumps(m)) for i, m in enumerate(new_messages)],
                )
            if usage is not None:
                total = json.dumps(_latest_usage(json.loads(total) if total else None, usage))
            if newest:
                db.execute(
                    "UPDATE threads SET status = ?, error = ?, usage = ?,"
                    " spent_usd = ?, updated_at = ?, completed_at = ? WHERE id = ?",
                    (status, error, total, spent, ts, ts, thread_id),
                )
            else:
                db.execute(
                    "UPDATE threads SET usage = ?, spent_usd = ?, updated_at = ? WHERE id = ?",
                    (total, spent, ts, thread_id),
                )
            failed = status == "error"
            db.execute(
                "UPDATE sandboxes SET status = ?, error = ?, updated_at = ? WHERE provider_id = ?",
                ("error" if failed else "active", error if failed else None, ts, sandbox_key),
            )
            return True

    def interrupt_streaming(self, message: str) -> int:
        """Runs in flight when the relay stopped can never finish: mark them failed."""
        ts = now_iso()
        return self.write(
            "UPDATE threads SET status = 'error', error = ?, updated_at = ?, completed_at = ?"
            " WHERE status = 'streaming'",
            (message, ts, ts),
        )

    def streaming_threads(self, sandbox_key: str) -> list[ThreadRow]:
        rows = self.fetch_all(
            "SELECT * FROM threads WHERE sandbox_key = ? AND status = 'streaming'"
            " ORDER BY seq DESC",
            (sandbox_key,),
        )
        return [self._thread(r) for r in rows]

    def sandbox_spent_usd(self, sandbox_key: str) -> float:
        """What the sandbox's threads have cost so far (completed turns)."""
        r = self.fetch_one(
            "SELECT coalesce(sum(spent_usd), 0) AS spent FROM threads WHERE sandbox_key = ?",
            (sandbox_key,),
        )
        return float(r["spent"]) if r else 0.0

    def all_sandboxes(self) -> list[SandboxRow]:
        return [self._sandbox(r) for r in self.fetch_all("SELECT * FROM sandboxes", ())]


def _latest_usage(before: dict[str, Any] | None, turn: dict[str, Any]) -> dict[str, Any]:
    """Thread usage is the last completed turn's: each figure the turn reports replaces the
    old one, and one it does not report keeps its old value (as production does)."""
    out = {**EMPTY_USAGE, **(before or {})}
    for key in EMPTY_USAGE:
        if turn.get(key) is not None:
            out[key] = turn[key]
    return out
