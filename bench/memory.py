"""Memory: reading a 100 MB run stream through `Run` keeps no history.

Each reader runs in a fresh child process over an in-memory transport that makes the stream on
the fly (16 KiB pieces of a realistic run: a tool call, then text deltas), so the stream itself
never sits in memory. The figure is the peak resident-set growth while reading (ru_maxrss against
the RSS before the first byte) beyond the size of the assembled message the run keeps (its text
parts): iteration alone, and iteration then `final_message()`. Side by side: the floor reader
(split on blank lines + `json.loads`, keeps nothing). Target: under 30 MB beyond the message.
"""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx

from ._common import Row, record, show
from ._streams import PIECE, SSE_HEADERS, run_events

TOTAL = 100 * 1024 * 1024
CHUNKS = TOTAL // 62  # the events average about 62 bytes
LIMIT_MB = 30.0
MB = 1024 * 1024


def stream_pieces() -> Iterator[bytes]:
    """The run's bytes, made as they are read, in PIECE-sized pieces."""
    buffer = bytearray()
    for event in run_events(CHUNKS):
        buffer += event
        if len(buffer) >= PIECE:
            yield bytes(buffer[:PIECE])
            del buffer[:PIECE]
    if buffer:
        yield bytes(buffer)


class LazyStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield from stream_pieces()

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for piece in stream_pieces():
            yield piece


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers=SSE_HEADERS, stream=LazyStream())


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def message_size(message: object) -> int:
    parts = getattr(message, "parts", [])
    return sum(sys.getsizeof(getattr(p, "text", "")) for p in parts)


def child(kind: str) -> dict[str, float]:
    from agents21 import AgentClient, AsyncAgentClient

    chunks = 0
    size = 0
    transport = httpx.MockTransport(handler)
    before = rss()
    if kind == "floor":
        tail = b""
        for piece in stream_pieces():
            events = (tail + piece).split(b"\n\n")
            tail = events.pop()
            for event in events:
                if event[6:] != b"[DONE]":
                    json.loads(event[6:])
                    chunks += 1
    elif kind in ("iterate", "final"):
        with (
            AgentClient(api_key="k", base_url="http://relay.test", http_client=httpx.Client(transport=transport)) as client,
            client.threads.run("bench-agent", "go", sandbox_id="sb", thread_id="th") as run,
        ):  # fmt: skip
            for _ in run:
                chunks += 1
            if kind == "final":
                size = message_size(run.final_message())
            else:
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
                size = message_size(run.message)
                return {
                    "chunks": chunks,
                    "growth_mb": (peak - before) / MB,
                    "message_mb": size / MB,
                }
    elif kind == "async iterate":

        async def read() -> tuple[int, Any]:
            n = 0
            async with AsyncAgentClient(
                api_key="k", base_url="http://relay.test", http_client=httpx.AsyncClient(transport=transport)
            ) as client:  # fmt: skip
                run = await client.threads.run("bench-agent", "go", sandbox_id="sb", thread_id="th")
                async with run:
                    async for _ in run:
                        n += 1
                    return n, run

        chunks, arun = asyncio.run(read())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        size = message_size(arun.message)
        return {"chunks": chunks, "growth_mb": (peak - before) / MB, "message_mb": size / MB}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"chunks": chunks, "growth_mb": (peak - before) / MB, "message_mb": size / MB}


def measure(kind: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--child", kind],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2])))
        return 0
    results = {kind: measure(kind) for kind in ("floor", "iterate", "async iterate", "final")}
    floor = results["floor"]["growth_mb"]
    rows = []
    for kind, label in (
        ("iterate", "Run, iterated: peak growth minus the message"),
        ("async iterate", "AsyncRun, iterated: peak growth minus the message"),
        ("final", "Run + final_message(): peak growth minus message"),
    ):
        r = results[kind]
        assert r["chunks"] == CHUNKS, f"{kind} read {r['chunks']} chunks"
        beyond = r["growth_mb"] - r["message_mb"]
        rows.append(
            Row(label, beyond, "floor reader's peak growth (keeps nothing)", floor, "MB", f"<= {LIMIT_MB:.0f}", absolute=True, comparable=False)
        )  # fmt: skip
    show(
        f"memory: a {TOTAL // MB} MB run stream ({CHUNKS:,} chunks), peak RSS growth, "
        "each reader in a fresh process",
        rows,
        [
            *(
                f"{kind}: grew {r['growth_mb']:.1f} MB, assembled message {r['message_mb']:.1f} MB"
                for kind, r in results.items()
            ),
            "below zero: while it streams, the run keeps the text as UTF-8, smaller than the "
            "message's str (this text holds emoji, so its str takes 4 bytes a character)",
        ],
    )
    record("memory", rows, total_bytes=TOTAL, chunks=CHUNKS, results=results)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
