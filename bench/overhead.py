"""Call overhead: `client.sandboxes.get` against a bare httpx GET plus `json.loads`, sync and async.

Both sides talk to the same in-memory `httpx.MockTransport`, which answers with a realistic
sandbox body (an agent and a few threads), so the difference is what the SDK adds per call:
argument checks, headers, timeouts, the retry loop, error mapping and parsing into typed models.
Target: SDK / bare <= 1.3.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable

import httpx

from agents21 import AgentClient, AsyncAgentClient

from ._common import Row, interleave, median, record, show

CALLS = 200  # per sample
ROUNDS = 25
KEY = "21st_sk_" + "0" * 64
BASE = "http://relay.test"
SANDBOX_ID = "6f1c1e52-6f6b-4b8e-9a51-3c1f0e6c2d11"


def sandbox_body() -> bytes:
    threads = [
        {
            "id": f"0b9e2c7a-1d4f-4c1e-8f3a-5e6d7c8b9a0{i}",
            "name": f"Thread {i}",
            "status": "completed",
            "createdAt": "2026-02-26T12:00:00.000Z",
        }
        for i in range(3)
    ]
    body = {
        "id": SANDBOX_ID,
        "sandboxId": "e2b-7f3c9a1b",
        "provider": "local",
        "status": "active",
        "error": None,
        "agent": {"slug": "demo-agent", "name": "Demo agent"},
        "threads": threads,
        "createdAt": "2026-02-26T12:00:00.000Z",
        "updatedAt": "2026-02-26T12:05:00.000Z",
    }
    return json.dumps(body).encode()


BODY = sandbox_body()


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "application/json"}, content=BODY)


def per_call(fn: Callable[[], object]) -> Callable[[], float]:
    def sample() -> float:
        t0 = time.perf_counter()
        for _ in range(CALLS):
            fn()
        return (time.perf_counter() - t0) / CALLS

    return sample


def per_call_async(
    loop: asyncio.AbstractEventLoop, fn: Callable[[], Awaitable[object]]
) -> Callable[[], float]:
    async def many() -> float:
        t0 = time.perf_counter()
        for _ in range(CALLS):
            await fn()
        return (time.perf_counter() - t0) / CALLS

    return lambda: loop.run_until_complete(many())


def main() -> int:
    transport = httpx.MockTransport(handler)
    headers = {"Authorization": f"Bearer {KEY}"}
    url = f"{BASE}/v1/sandboxes/{SANDBOX_ID}"

    sdk = AgentClient(api_key=KEY, base_url=BASE, http_client=httpx.Client(transport=transport))
    bare = httpx.Client(transport=transport, headers=headers)

    loop = asyncio.new_event_loop()

    async def make() -> tuple[AsyncAgentClient, httpx.AsyncClient]:
        client = AsyncAgentClient(
            api_key=KEY, base_url=BASE, http_client=httpx.AsyncClient(transport=transport)
        )
        return client, httpx.AsyncClient(transport=transport, headers=headers)

    asdk, abare = loop.run_until_complete(make())

    assert sdk.sandboxes.get(SANDBOX_ID).threads[2].name == "Thread 2"

    async def bare_async() -> object:
        return json.loads((await abare.get(url)).content)

    samples = interleave(
        {
            "sdk": per_call(lambda: sdk.sandboxes.get(SANDBOX_ID)),
            "bare": per_call(lambda: json.loads(bare.get(url).content)),
            "async sdk": per_call_async(loop, lambda: asdk.sandboxes.get(SANDBOX_ID)),
            "async bare": per_call_async(loop, bare_async),
        },
        rounds=ROUNDS,
    )
    t = {name: median(values) for name, values in samples.items()}
    rows = [
        Row("AgentClient.sandboxes.get", t["sdk"], "httpx.Client.get + json.loads", t["bare"], "s", "<= 1.3"),
        Row("AsyncAgentClient.sandboxes.get", t["async sdk"], "httpx.AsyncClient.get + json.loads", t["async bare"], "s", "<= 1.3"),
    ]  # fmt: skip
    show(
        f"call overhead over an in-memory transport ({len(BODY)} B body), median of {ROUNDS} "
        f"interleaved rounds of {CALLS} calls",
        rows,
    )
    record("overhead", rows, calls=CALLS, rounds=ROUNDS, body_bytes=len(BODY), samples_s=samples)
    loop.run_until_complete(asdk.aclose())
    loop.run_until_complete(abare.aclose())
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    sdk.close()
    bare.close()
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
