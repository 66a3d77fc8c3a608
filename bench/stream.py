"""Stream throughput: typed chunks per second through `Run` and `AsyncRun`.

A 200 000-chunk run stream is served from memory in 16 KiB pieces (the size of a TLS record) and
read three ways, in alternating rounds:
- ours: `client.threads.run(...)` over an in-memory httpx transport, iterated for typed chunks
  (SSE decoding, JSON, typed chunks, message assembly, resume bookkeeping), sync and async;
- the floor: split the same pieces on blank lines and `json.loads` each payload, nothing else;
- the official Python SDK's way: `twentyfirst_sdk.AgentClient().threads.run(...)` (requests), its
  response read with sseclient-py and `json.loads`, the same bytes served by a mounted adapter.
The same run with an `id:` line on every event (what a replaying relay sends) is read too, against
the floor on those bytes. Targets: `Run` at least 1.5x the floor with and without `id:` lines
(the performance issue's), `AsyncRun` 1.3x (each chunk costs it an async generator step more),
and both at least 1.5x the official-SDK reader.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
from typing import Any

import httpx
import requests
import requests.adapters
import sseclient
import urllib3
from twentyfirst_sdk import AgentClient as OfficialClient

from agents21 import AgentClient, AsyncAgentClient

from ._common import Row, interleave, median, record, show, timed
from ._streams import PIECE, SSE_HEADERS, pieces, run_bytes, stream_transport

CHUNKS = 200_000
ROUNDS = 5
MESSAGES = [{"role": "user", "parts": [{"type": "text", "text": "go"}]}]


def floor(parts: list[bytes]) -> int:
    """Split on blank lines, `json.loads` each payload: the least any reader must do."""
    loads = json.loads
    count = 0
    tail = b""
    for part in parts:
        events = (tail + part).split(b"\n\n")
        tail = events.pop()
        for event in events:
            data = event[event.index(b"data: ") + 6 :]
            if data != b"[DONE]":
                loads(data)
                count += 1
    return count


def ours_sync(client: AgentClient) -> int:
    count = 0
    with client.threads.run("bench-agent", "go", sandbox_id="sb", thread_id="th") as run:
        for _ in run:
            count += 1
    return count


async def ours_async(client: AsyncAgentClient) -> int:
    count = 0
    async with await client.threads.run(
        "bench-agent", "go", sandbox_id="sb", thread_id="th"
    ) as run:
        async for _ in run:
            count += 1
    return count


class BytesAdapter(requests.adapters.BaseAdapter):
    """Serves the stream to requests from memory, through a real urllib3 response."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(self._data),
            headers=SSE_HEADERS,
            status=200,
            preload_content=False,
            decode_content=False,
        )
        response = requests.adapters.HTTPAdapter().build_response(request, raw)
        return response

    def close(self) -> None:
        pass


def official(client: OfficialClient) -> int:
    """What a user of the official SDK writes: its run's raw response, read with sseclient-py."""
    result = client.threads.run("bench-agent", MESSAGES, sandbox_id="sb", thread_id="th")
    count = 0
    for event in sseclient.SSEClient(result["response"]).events():
        if event.data == "[DONE]":
            break
        json.loads(event.data)
        count += 1
    return count


def main() -> int:
    data = run_bytes(CHUNKS)
    parts = pieces(data)
    transport = stream_transport(parts)
    id_parts = pieces(run_bytes(CHUNKS, ids=True))
    id_client = AgentClient(
        api_key="21st_sk_bench",
        base_url="http://relay.test",
        http_client=httpx.Client(transport=stream_transport(id_parts)),
    )
    sync_client = AgentClient(
        api_key="21st_sk_bench",
        base_url="http://relay.test",
        http_client=httpx.Client(transport=transport),
    )
    loop = asyncio.new_event_loop()

    async def make_async() -> AsyncAgentClient:
        return AsyncAgentClient(
            api_key="21st_sk_bench",
            base_url="http://relay.test",
            http_client=httpx.AsyncClient(transport=transport),
        )

    async_client = loop.run_until_complete(make_async())
    official_client = OfficialClient(api_key="21st_sk_bench", base_url="http://relay.test")
    official_client._session.mount("http://relay.test", BytesAdapter(data))

    counts: dict[str, int] = {}

    def check(name: str, count: int) -> None:
        counts[name] = count
        assert count == CHUNKS, f"{name} read {count} chunks, not {CHUNKS}"

    samples = interleave(
        {
            "floor": timed(lambda: check("floor", floor(parts))),
            "sync": timed(lambda: check("sync", ours_sync(sync_client))),
            "async": timed(
                lambda: check("async", loop.run_until_complete(ours_async(async_client)))
            ),
            "official": timed(lambda: check("official", official(official_client))),
            "floor ids": timed(lambda: check("floor ids", floor(id_parts))),
            "sync ids": timed(lambda: check("sync ids", ours_sync(id_client))),
        },
        rounds=ROUNDS,
    )
    rate = {name: CHUNKS / median(times) for name, times in samples.items()}
    floor_name = "floor: split on blank lines + json.loads"
    official_name = "official SDK (requests) + sseclient-py + json.loads"
    rows = [
        Row("Run (sync): typed chunks per second", rate["sync"], floor_name, rate["floor"], "/s", ">= 1.5"),
        Row("AsyncRun: typed chunks per second", rate["async"], floor_name, rate["floor"], "/s", ">= 1.3"),
        Row("Run (sync): typed chunks per second", rate["sync"], official_name, rate["official"], "/s", ">= 1.5"),
        Row("AsyncRun: typed chunks per second", rate["async"], official_name, rate["official"], "/s", ">= 1.5"),
        Row("Run (sync), events with id: lines", rate["sync ids"], floor_name, rate["floor ids"], "/s", ">= 1.5"),
        Row("Run (sync), events with id: lines", rate["sync ids"], "Run (sync) without them", rate["sync"], "/s"),
    ]  # fmt: skip
    show(
        f"stream throughput: {CHUNKS:,} chunks, {len(data) / 1e6:.1f} MB in {PIECE // 1024} KiB "
        f"pieces, median of {ROUNDS} interleaved rounds",
        rows,
        [
            "ours can pass the floor: json.loads is most of the floor's time, and a text delta "
            "(most of a run) is read by one regex match in C instead (agents21._chunks); the "
            "SSE blocks of a piece are found in one pass too (agents21._sse)"
        ],
    )
    record(
        "stream",
        rows,
        chunks=CHUNKS,
        bytes=len(data),
        piece=PIECE,
        samples_s=samples,
    )
    loop.run_until_complete(async_client.aclose())
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    sync_client.close()
    id_client.close()
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
