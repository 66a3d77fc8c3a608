"""Concurrency: N run streams at once on one event loop, N = 100, 500, 1000, 2000.

Against a minimal loopback SSE server (a child process: every request gets 20 text deltas
50 ms apart, then `finish` and `[DONE]`; the first delta carries the server's clock), read by:
- bare aiohttp with no connection limit: the floor;
- a default `AsyncAgentClient` (httpx's API over aiohttp's connections), iterating typed chunks;
- up to N = 1000, the same over httpx's own pool with no connection limit, the reason for that
  default (its cost grows with the square of the open streams).
Each contender first reads one stream, so that what loads on first use is not counted as lag.
The two compared run in `ROUNDS` alternating rounds (the order rotating), each round on an event
loop of its own; httpx's pool runs once. Printed per N: the median wall time against the
floor's, errors over all rounds, and the median p99 lag of the first chunk (server write to
client read). Then against a real local relay (as `agents21 serve` runs it), N runs at N = 100
and 1000 of its `slow-agent`, which echoes ten words 100 ms apart as an agent streams its
answer: the target asks that ten times the runs do not take ten times as long, which only runs
that last can show. They too run in rotating rounds, after one run that loads what a first run
loads. The same counts of instant echo runs are printed too: they measure throughput, where ten
times the work takes about ten times as long on any stack.
Targets (the performance issue's): within 1.3x the floor at every N, first-chunk p99 under 50 ms
at N = 1000, and 1000 relay runs under 3x the time of 100. A contender that does not finish in
`LIMIT_S` is recorded as timed out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

import httpx

from agents21 import AsyncAgentClient

from ._common import Row, median, record, relay_process, show
from ._sse_server import HEAD, frame, read_request, serve

SIZES = (100, 500, 1000, 2000)
HTTPX_POOL_SIZES = (100, 500, 1000)
RELAY_SIZES = (100, 1000)
DELTAS, GAP_S = 20, 0.05
LIMIT_S = 240.0
# Rounds of each timed contender, compared by their medians: one burst of thousands of streams
# on two cores varies by a third from one try to the next.
ROUNDS = 3


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
        while True:
            await read_request(reader)
            writer.write(HEAD)
            for i in range(DELTAS):
                delta = b"%d" % time.perf_counter_ns() if i == 0 else b"w "
                event = b'data: {"type":"text-delta","id":"t","delta":"%s"}\n\n' % delta
                writer.write(frame(event))
                await writer.drain()
                await asyncio.sleep(GAP_S)
            writer.write(frame(b'data: {"type":"finish"}\n\ndata: [DONE]\n\n') + frame(b""))
            await writer.drain()
    writer.close()


# ---------------------------------------------------------------------------- contenders
async def _aiohttp_one(session: object, url: str, lags: list[float]) -> None:
    async with session.post(url, json={"messages": []}) as response:  # type: ignore[attr-defined]
        first = True
        async for line in response.content:
            if line.startswith(b"data: {"):
                chunk = json.loads(line[6:])
                if first:
                    lags.append((time.perf_counter_ns() - int(chunk["delta"])) / 1e6)
                    first = False


async def _all_at_once(streams: Awaitable[object]) -> float:
    t0 = time.perf_counter()
    await streams
    return time.perf_counter() - t0


async def run_aiohttp(port: int, n: int, lags: list[float]) -> float:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        url = f"http://127.0.0.1:{port}/v1/chat/a"
        await _aiohttp_one(session, url, [])  # warm-up
        return await _all_at_once(
            asyncio.gather(*(_aiohttp_one(session, url, lags) for _ in range(n)))
        )


async def _sdk_one(client: AsyncAgentClient, lags: list[float]) -> None:
    async with await client.threads.run("a", "go", sandbox_id="sb", thread_id="th") as run:
        first = True
        async for chunk in run:
            if first and getattr(chunk, "delta", None):
                lags.append((time.perf_counter_ns() - int(chunk.delta)) / 1e6)  # type: ignore[attr-defined]
                first = False


async def run_sdk(port: int, n: int, lags: list[float], *, httpx_pool: bool = False) -> float:
    """A default client; `httpx_pool`: over httpx's own pool, without its connection limit."""
    pool = httpx.AsyncClient(limits=httpx.Limits(max_connections=None)) if httpx_pool else None
    async with AsyncAgentClient(
        api_key="21st_sk_bench", base_url=f"http://127.0.0.1:{port}", http_client=pool
    ) as c:
        await _sdk_one(c, [])  # warm-up
        wall = await _all_at_once(asyncio.gather(*(_sdk_one(c, lags) for _ in range(n))))
    if pool is not None:
        await pool.aclose()
    return wall


async def timed(
    contender: Callable[[int, int, list[float]], Awaitable[float]], port: int, n: int
) -> tuple[float | None, int, float | None]:
    """(wall seconds of the N streams or None when it timed out, errors, first-chunk p99 ms)."""
    lags: list[float] = []
    t0 = time.perf_counter()
    try:
        wall = await asyncio.wait_for(contender(port, n, lags), LIMIT_S)
    except TimeoutError:
        return None, n - len(lags), None
    except Exception:
        return time.perf_counter() - t0, max(1, n - len(lags)), None
    lags.sort()
    p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))] if lags else None
    return wall, n - len(lags), p99


@dataclass
class Samples:
    """One contender's rounds at one N: its wall times (None: timed out), errors and p99s."""

    walls: list[float | None] = field(default_factory=list)
    errors: int = 0
    p99s: list[float] = field(default_factory=list)

    def add(self, sample: tuple[float | None, int, float | None]) -> None:
        wall, errors, p99 = sample
        self.walls.append(wall)
        self.errors += errors
        if p99 is not None:
            self.p99s.append(p99)

    @property
    def timed_out(self) -> bool:
        return None in self.walls

    @property
    def wall(self) -> float:
        """The median wall time, a timed-out round counting as the limit."""
        return median(LIMIT_S if w is None else w for w in self.walls)

    @property
    def p99(self) -> float | None:
        return median(self.p99s) if self.p99s else None


def rounds(
    contenders: dict[str, Callable[[int, int, list[float]], Awaitable[float]]], port: int, n: int
) -> dict[str, Samples]:
    """`ROUNDS` rounds of N streams for every contender in turn, the order rotating each round,
    each run on an event loop of its own."""
    names = list(contenders)
    samples = {name: Samples() for name in names}
    for r in range(ROUNDS):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].add(asyncio.run(timed(contenders[name], port, n)))
    return samples


PACED = ("slow-agent", "a b c d e f g h i j")
INSTANT = ("echo-agent", "a b c")


async def relay_runs(url: str, key: str, agent: str, prompt: str) -> dict[int, list[float]]:
    """Wall seconds of N runs at once for each N of `RELAY_SIZES`, in `ROUNDS` rotating rounds,
    after one run that loads what the first run loads. Each round has a client of its own, so
    that none starts with another round's connections."""

    async def client() -> AsyncAgentClient:
        return AsyncAgentClient(api_key=key, base_url=url, timeout=300)

    async def one(c: AsyncAgentClient, sandbox_id: str) -> None:
        async with await c.threads.run(agent, prompt, sandbox_id=sandbox_id) as run:
            await run.final_message()

    async with await client() as c:
        boxes = [(await c.sandboxes.create(agent)).id for _ in range(max(RELAY_SIZES))]
        await one(c, boxes[0])
    walls: dict[int, list[float]] = {n: [] for n in RELAY_SIZES}
    for r in range(ROUNDS):
        shift = r % len(RELAY_SIZES)
        for n in RELAY_SIZES[shift:] + RELAY_SIZES[:shift]:
            async with await client() as c:
                await c.sandboxes.get(boxes[0])  # its connections' session is open
                t0 = time.perf_counter()
                await asyncio.gather(*(one(c, sb) for sb in boxes[:n]))
                walls[n].append(time.perf_counter() - t0)
    return walls


def main() -> int:
    rows: list[Row] = []
    notes: list[str] = []
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.concurrency", "--serve"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        for n in SIZES:
            # Alternating rounds of the two contenders the target compares; httpx's pool, a
            # reference without a target, once (it takes ten times as long).
            sampled = rounds({"aiohttp": run_aiohttp, "ours": run_sdk}, port, n)
            floor, ours = sampled["aiohttp"], sampled["ours"]
            pooled = None
            if n in HTTPX_POOL_SIZES:
                pooled, _, _ = asyncio.run(timed(partial(run_sdk, httpx_pool=True), port, n))
            if floor.timed_out:
                notes.append(f"N={n}: aiohttp did not finish in {LIMIT_S:.0f} s")
                continue
            rows.append(
                Row(
                    f"N={n} streams, AsyncAgentClient",
                    ours.wall,
                    "bare aiohttp",
                    floor.wall,
                    "s",
                    "<= 1.3",
                )
            )
            if ours.timed_out:
                notes.append(f"N={n}: AsyncAgentClient did not finish in {LIMIT_S:.0f} s")
            if pooled is not None:
                rows.append(
                    Row(
                        f"N={n} streams, over httpx's pool",
                        pooled,
                        "bare aiohttp",
                        floor.wall,
                        "s",
                    )
                )
            p99, floor_p99 = ours.p99, floor.p99
            if p99 is not None and floor_p99 is not None:
                rows.append(
                    Row(
                        f"N={n} first-chunk lag p99, AsyncAgentClient",
                        p99 / 1e3,
                        "aiohttp's",
                        floor_p99 / 1e3,
                        "s",
                        "<= 0.05" if n == 1000 else "",
                        absolute=n == 1000,
                    )
                )
            notes.append(f"N={n}: errors {ours.errors} (aiohttp {floor.errors}) in {ROUNDS} rounds")
            if n == 1000 and floor_p99 is not None and floor_p99 > 50:
                notes.append(
                    f"N={n}: bare aiohttp's own first-chunk p99 is {floor_p99:.0f} ms, over the "
                    "50 ms target: on this machine the target is below the floor"
                )
    finally:
        server.terminate()
        server.wait()
    for (agent, prompt), target in ((PACED, "<= 3"), (INSTANT, "")):
        with relay_process() as (url, key):
            walls = asyncio.run(relay_runs(url, key, agent, prompt))
        few, many = (median(walls[n]) for n in RELAY_SIZES)
        rows.append(
            Row(
                f"{RELAY_SIZES[1]} {agent} runs on a local relay",
                many,
                f"{RELAY_SIZES[0]} runs",
                few,
                "s",
                target,
            )
        )
    show("concurrency: N run streams on one event loop, wall time", rows, notes)
    record("concurrency", rows, sizes=SIZES, deltas=DELTAS, gap_s=GAP_S)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve(_handle, backlog=4096))
        sys.exit(0)
    sys.exit(main())
