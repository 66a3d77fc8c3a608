"""The local relay as history grows: what a turn and a thread list cost, deep against
shallow, measured side by side in one process.

1. Recording a turn (`finish_run`: two messages of ~2 KB each) on a thread that already has
   1000 turns, against one that has 10. Independent of history: the ratio stays near 1.
2. Listing a sandbox's 200 threads (what `threads.list` and `sandboxes.get` read) when each has
   20 turns, against threads with none: the summaries read no messages.
3. Listing a directory of 2000 files, per entry, against one of 20: each entry costs the same.
4. The client reading a thread of 300 turns (`json.loads` of the body, then `Thread.from_dict`,
   what `threads.get` does), against the relay serving it (reading the messages and writing the
   JSON body): typed models should cost about what the server's work costs.

Run: `python -m bench.history` (numbers also go to bench/results/history-<time>.json).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from agents21.local.api.threads import thread_json
from agents21.local.fs import list_dir
from agents21.local.store import SandboxRow, Store
from agents21.local.wire import JSONResponse
from agents21_api.models import Thread

from ._common import Row, interleave, median, record, show

ROUNDS = 30
DEEP, SHALLOW = 1000, 10
READ_TURNS = 300
THREADS, TURNS = 200, 20
MANY, FEW = 2000, 20
TEXT = "word " * 400  # ~2 KB of text a message


def turn(n: int) -> list[dict[str, Any]]:
    user = {"id": f"u{n}", "role": "user", "parts": [{"type": "text", "text": TEXT}]}
    reply = {"id": f"a{n}", "role": "assistant", "parts": [{"type": "text", "text": TEXT}]}
    return [user, reply]


def tool_turn(n: int) -> list[dict[str, Any]]:
    """A turn with a tool call, a step and metadata: the parts a client's models must tell apart."""
    user, reply = turn(n)
    tool = {
        "type": "tool-Bash",
        "toolCallId": f"call_{n}",
        "state": "output-available",
        "input": {"command": "ls -la"},
        "output": {"stdout": "a.txt\nb.txt\n", "stderr": "", "exitCode": 0},
    }
    reply["parts"] = [{"type": "step-start"}, tool, {"type": "text", "text": TEXT, "state": "done"}]
    reply["metadata"] = {"sessionId": "s", "inputTokens": 1200, "outputTokens": 80}
    return [user, reply]


def sandbox(store: Store, key: str) -> str:
    ts = "2026-01-01T00:00:00.000Z"
    row = SandboxRow(key, key, "echo-agent", Path("/nowhere"), "active", None, {}, [], [], None,
                     None, ts, ts)  # fmt: skip
    store.insert_sandbox(row)
    return key


def thread_with_turns(store: Store, sandbox_key: str, turns: int, make: Any = turn) -> str:
    thread_id = str(uuid.uuid4())
    store.insert_thread(thread_id, sandbox_key, "t")
    for n in range(turns):
        record_turn(store, sandbox_key, thread_id, n, make)
    return thread_id


def record_turn(store: Store, sandbox_key: str, thread_id: str, n: int, make: Any = turn) -> None:
    store.start_run(thread_id, f"r{n}")
    store.finish_run(
        thread_id,
        f"r{n}",
        sandbox_key=sandbox_key,
        status="completed",
        error=None,
        new_messages=make(n),
        usage=None,
    )


def serve_thread(store: Store, sandbox_key: str, thread_id: str) -> bytes:
    """What the relay does for `GET .../threads/{id}`: the thread and its messages, as JSON."""
    found = store.thread_with_messages(sandbox_key, thread_id)
    assert found is not None
    return JSONResponse(thread_json(*found)).body


def reading_samples() -> dict[str, list[float]]:
    """Serving and reading a thread, apart from the rest: its megabyte would crowd the other
    measurements out of SQLite's page cache."""
    with tempfile.TemporaryDirectory() as directory:
        store = Store(Path(directory) / "relay.db")
        reading = sandbox(store, "reading")
        served = thread_with_turns(store, reading, READ_TURNS, tool_turn)
        body = serve_thread(store, reading, served)

        def serve() -> float:
            start = time.perf_counter()
            serve_thread(store, reading, served)
            return time.perf_counter() - start

        def read() -> float:
            start = time.perf_counter()
            Thread.from_dict(json.loads(body))
            return time.perf_counter() - start

        samples = interleave({"serve": serve, "read": read}, rounds=ROUNDS, warmup=2)
        samples["body KB"] = [len(body) / 1000]
        store.close()
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        store = Store(Path(directory) / "relay.db")
        history = sandbox(store, "history")
        deep = thread_with_turns(store, history, DEEP)
        shallow = thread_with_turns(store, history, SHALLOW)
        counts = {deep: DEEP, shallow: SHALLOW}

        def append(thread_id: str) -> float:
            start = time.perf_counter()
            record_turn(store, history, thread_id, counts[thread_id])
            counts[thread_id] += 1
            return time.perf_counter() - start

        busy = sandbox(store, "busy")
        idle = sandbox(store, "idle")
        for _ in range(THREADS):
            thread_with_turns(store, busy, TURNS)
            thread_with_turns(store, idle, 0)

        def listing(key: str) -> float:
            start = time.perf_counter()
            store.list_threads(key)
            return time.perf_counter() - start

        root = Path(directory) / "root"
        for name, count in (("many", MANY), ("few", FEW)):
            (root / name).mkdir(parents=True)
            for n in range(count):
                (root / name / f"file{n}.txt").write_text("x")

        def per_entry(name: str, count: int) -> float:
            start = time.perf_counter()
            list_dir(root, f"/{name}", 1)
            return (time.perf_counter() - start) / count

        samples = interleave(
            {
                "deep": lambda: append(deep),
                "shallow": lambda: append(shallow),
                "busy": lambda: listing(busy),
                "idle": lambda: listing(idle),
                "many": lambda: per_entry("many", MANY),
                "few": lambda: per_entry("few", FEW),
            },
            rounds=ROUNDS,
            warmup=2,
        )
        store.close()
    samples.update(reading_samples())
    t = {name: median(values) for name, values in samples.items()}
    rows = [
        Row(f"record a turn on a thread of {DEEP} turns", t["deep"], f"one of {SHALLOW} turns", t["shallow"], "s", "<= 1.2"),
        Row(f"list {THREADS} threads of {TURNS} turns each", t["busy"], f"{THREADS} threads with none", t["idle"], "s", "<= 1.2"),
        Row(f"list a directory of {MANY} files, per entry", t["many"], f"one of {FEW} files", t["few"], "s", "<= 1.5"),
        Row(f"the client reading a thread of {READ_TURNS} turns ({t['body KB']:.0f} KB)", t["read"], "the relay serving it", t["serve"], "s", "<= 1.5"),
    ]  # fmt: skip
    show(f"the relay against history size, median of {ROUNDS} alternating rounds", rows)
    record("history", rows, rounds=ROUNDS)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
