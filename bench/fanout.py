"""Async fan-out: 200 concurrent `echo` runs on one event loop against one `LocalRelay`.

The relay runs in a child process. Sandboxes are made first (not timed); then one run alone is
timed (median of 5), then 200 runs at once with `asyncio.gather`, each reading its stream to the
final message, which must equal its prompt (the echo runtime streams the prompt back word by
word). Printed: the total against one run's time (no target), and against the same 200 runs made
with a bare `httpx.AsyncClient` (create the thread, post the chat, read the lines, `json.loads`
each event, join the text), both with httpx's default connection limits.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time

import httpx

from agents21 import AsyncAgentClient

from ._common import Row, record, relay_process, show

RUNS = 200
WORDS = 60


async def one(client: AsyncAgentClient, sandbox_id: str, i: int) -> float:
    prompt = " ".join(f"w{i}.{n}" for n in range(WORDS))
    t0 = time.perf_counter()
    run = await client.threads.run("echo-agent", prompt, sandbox_id=sandbox_id)
    async with run:
        message = await run.final_message()
    elapsed = time.perf_counter() - t0
    text = "".join(getattr(part, "text", "") for part in message.parts)
    assert text == prompt, f"run {i} got {text[:60]!r}…"
    return elapsed


async def one_bare(client: httpx.AsyncClient, sandbox_id: str, i: int) -> float:
    prompt = " ".join(f"w{i}.{n}" for n in range(WORDS))
    t0 = time.perf_counter()
    thread = (await client.post(f"/v1/sandboxes/{sandbox_id}/threads", json={})).json()
    body = {
        "sandboxId": sandbox_id,
        "threadId": thread["id"],
        "messages": [{"role": "user", "parts": [{"type": "text", "text": prompt}]}],
    }
    text = []
    async with client.stream("POST", "/v1/chat/echo-agent", json=body) as response:
        async for line in response.aiter_lines():
            if line.startswith("data: {"):
                chunk = json.loads(line[6:])
                if chunk["type"] == "text-delta":
                    text.append(chunk["delta"])
    elapsed = time.perf_counter() - t0
    assert "".join(text) == prompt, f"bare run {i} got {''.join(text)[:60]!r}…"
    return elapsed


async def bench(url: str, key: str) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {key}"}
    async with (
        AsyncAgentClient(api_key=key, base_url=url) as client,
        httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as bare,
    ):
        sandboxes = [(await client.sandboxes.create("echo-agent")).id for _ in range(RUNS)]
        await one(client, sandboxes[0], 0)  # warm-up
        await one_bare(bare, sandboxes[0], 0)
        single = statistics.median([await one(client, sandboxes[0], 0) for _ in range(5)])
        t0 = time.perf_counter()
        times = await asyncio.gather(*(one(client, sb, i) for i, sb in enumerate(sandboxes)))
        total = time.perf_counter() - t0
        t0 = time.perf_counter()
        await asyncio.gather(*(one_bare(bare, sb, i) for i, sb in enumerate(sandboxes)))
        bare_total = time.perf_counter() - t0
    return {
        "one_run_s": single,
        "total_s": total,
        "bare_total_s": bare_total,
        "slowest_run_s": max(times),
    }


def main() -> int:
    with relay_process() as (url, key):
        result = asyncio.run(bench(url, key))
    rows = [
        Row(f"{RUNS} concurrent runs, total", result["total_s"], "one run alone", result["one_run_s"], "s"),
        Row(f"{RUNS} concurrent runs, total", result["total_s"], f"{RUNS} runs with bare httpx, total", result["bare_total_s"], "s"),
    ]  # fmt: skip
    show(
        f"async fan-out: {RUNS} echo runs of {WORDS} words on one event loop, one LocalRelay",
        rows,
        [f"all {RUNS} final messages equal their prompts; the slowest run took "
         f"{result['slowest_run_s'] * 1e3:.0f} ms"],
    )  # fmt: skip
    record("fanout", rows, runs=RUNS, words=WORDS, **result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
