"""First-chunk latency: from the server writing a chunk to the caller's loop receiving it.

A small SSE server (bench/_sse_server.py, a child process) answers each request with headers,
then, a moment later, one event written alone that carries the monotonic time of its writing;
then it holds the stream open for a second. The receiving side stamps the moment the chunk
reaches its loop: through `Run` (sync) and `AsyncRun`, against a bare httpx stream read
(`iter_bytes` / `aiter_bytes`, no parsing at all) of the same server, in alternation.
Target: ours / bare <= 1.2, and no buffering: every lone chunk arrives before the server's
hold ends (the worst case is printed).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from agents21 import AgentClient, AsyncAgentClient

from ._common import Row, interleave, median, record, show
from ._sse_server import HOLD

ROUNDS = 120
KEY = "21st_sk_bench"


@contextmanager
def sse_server() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench._sse_server"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        yield f"http://127.0.0.1:{int(proc.stdout.readline())}"
    finally:
        proc.terminate()
        proc.wait(10)


def stamp_of(piece: bytes) -> int:
    event = piece.split(b"\n\n", 1)[0]
    return int(json.loads(event.removeprefix(b"data: "))["delta"])


def main() -> int:
    loop = asyncio.new_event_loop()
    with sse_server() as url:
        bare = httpx.Client()
        ours = AgentClient(api_key=KEY, base_url=url)

        async def make() -> tuple[httpx.AsyncClient, AsyncAgentClient]:
            return httpx.AsyncClient(), AsyncAgentClient(api_key=KEY, base_url=url)

        abare, aours = loop.run_until_complete(make())
        chat = f"{url}/v1/chat/bench-agent"
        body = {"sandboxId": "sb", "threadId": "th", "messages": []}

        def bare_sync() -> float:
            with bare.stream("POST", chat, json=body) as response:
                for piece in response.iter_bytes():
                    now = time.perf_counter_ns()
                    return (now - stamp_of(piece)) / 1e9
            raise AssertionError("no chunk")

        def ours_sync() -> float:
            with ours.threads.run("bench-agent", "go", sandbox_id="sb", thread_id="th") as run:
                for chunk in run:
                    now = time.perf_counter_ns()
                    return (now - int(chunk.delta)) / 1e9  # type: ignore[union-attr]
            raise AssertionError("no chunk")

        async def bare_async() -> float:
            async with abare.stream("POST", chat, json=body) as response:
                async for piece in response.aiter_bytes():
                    now = time.perf_counter_ns()
                    return (now - stamp_of(piece)) / 1e9
            raise AssertionError("no chunk")

        async def ours_async() -> float:
            run = await aours.threads.run("bench-agent", "go", sandbox_id="sb", thread_id="th")
            async with run:
                async for chunk in run:
                    now = time.perf_counter_ns()
                    return (now - int(chunk.delta)) / 1e9  # type: ignore[union-attr]
            raise AssertionError("no chunk")

        def on_loop(fn: Callable[[], object]) -> Callable[[], float]:
            return lambda: loop.run_until_complete(fn())  # type: ignore[arg-type]

        samples = interleave(
            {
                "bare": bare_sync,
                "ours": ours_sync,
                "async bare": on_loop(bare_async),
                "async ours": on_loop(ours_async),
            },
            rounds=ROUNDS,
            warmup=3,
            collect=False,
        )
        bare.close()
        ours.close()
        loop.run_until_complete(abare.aclose())
        loop.run_until_complete(aours.aclose())
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    t = {name: median(values) for name, values in samples.items()}
    worst = max(max(values) for values in samples.values())
    rows = [
        Row("Run (sync): server write -> chunk in the loop", t["ours"], "bare httpx.Client stream, iter_bytes", t["bare"], "s", "<= 1.2"),
        Row("AsyncRun: server write -> chunk in the loop", t["async ours"], "bare httpx.AsyncClient stream, aiter_bytes", t["async bare"], "s", "<= 1.2"),
    ]  # fmt: skip
    unbuffered = worst < HOLD / 2
    show(
        f"first-chunk latency over loopback, median of {ROUNDS} alternating reads",
        rows,
        [
            f"no buffering: the slowest of {4 * ROUNDS} lone chunks arrived in "
            f"{worst * 1e3:.2f} ms, the server held the rest back {HOLD:.0f} s: "
            + ("ok" if unbuffered else "MISSED")
        ],
    )
    record(
        "first_chunk", rows, rounds=ROUNDS, worst_s=worst, unbuffered=unbuffered, samples_s=samples
    )
    return 0 if unbuffered and all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
