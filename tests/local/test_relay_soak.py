"""A soak: many concurrent and sequential runs and timed-out commands leave the relay as they
found it — no process left below it, its memory and file descriptors where they started."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from relay_helpers import KEY, user

from agents21.local._supervisor import descendants
from agents21.local.process import bwrap_usable

CONCURRENT_RUNS = 200
SEQUENTIAL_RUNS = 1000
TIMED_OUT_EXECS = 100


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def fd_targets(pid: int) -> list[str]:
    """What the process's descriptors point at, for a failure's message."""
    targets = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            targets.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            continue
    return sorted(targets)


async def soak(url: str, mark: str) -> None:
    headers = {"Authorization": f"Bearer {KEY}"}
    limits = httpx.Limits(max_connections=CONCURRENT_RUNS)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120, limits=limits) as c:

        async def chat(agent: str, sandbox: str, text: str) -> None:
            resp = await c.post(
                f"/v1/chat/{agent}", json={"sandboxId": sandbox, "messages": user(text)}
            )
            assert resp.status_code == 200 and resp.text.endswith("data: [DONE]\n\n"), resp.text[
                -300:
            ]
            assert '"type":"error"' not in resp.text, resp.text[-300:]

        tools = [
            chat("demo-agent", f"soak-tools-{i}", "Run `echo soaked`")
            for i in range(CONCURRENT_RUNS)
        ]
        await asyncio.gather(*tools)
        for i in range(SEQUENTIAL_RUNS):
            await chat("echo-agent", f"soak-seq-{i // 100}", f"turn {i}")
        sid = (await c.post("/v1/sandboxes", json={"agent": "demo-agent"})).json()["id"]
        command = f"setsid sleep {mark} & (setsid sleep {mark} &); sleep 30"
        gate = asyncio.Semaphore(20)

        async def timed_out() -> None:
            async with gate:
                resp = await c.post(
                    f"/v1/sandboxes/{sid}/exec", json={"command": command, "timeoutMs": 300}
                )
                assert resp.status_code == 408, resp.text

        await asyncio.gather(*(timed_out() for _ in range(TIMED_OUT_EXECS)))
        for name in (
            [f"soak-tools-{i}" for i in range(CONCURRENT_RUNS)]
            + [f"soak-seq-{i}" for i in range(SEQUENTIAL_RUNS // 100)]
            + [sid]
        ):
            await c.delete(f"/v1/sandboxes/{name}")


@pytest.mark.parametrize("isolation", [True, False], ids=["bubblewrap", "plain"])
def test_soak_leaves_no_process_and_keeps_memory_and_descriptors_flat(
    tmp_path: Path, isolation: bool
) -> None:
    if isolation and not bwrap_usable():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces")
    config = tmp_path / "relay.toml"
    config.write_text(f"[sandbox]\nbubblewrap = {'true' if isolation else 'false'}\n")
    script = f"""
import time
from agents21.local import LocalRelay
relay = LocalRelay(config={str(config)!r}, data_dir={str(tmp_path / "data")!r}, api_key={KEY!r})
print(relay.start().url, flush=True)
time.sleep(3600)
"""
    relay = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert relay.stdout is not None
        url = relay.stdout.readline().strip()
        mark = f"{random.randint(10_000, 99_999)}.{random.randint(1000, 9999)}"
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"}) as c:
            for i in range(20):  # warm up: imports, caches, the thread pool
                c.post(
                    "/v1/chat/demo-agent",
                    json={"sandboxId": "warm", "messages": user(f"`true` {i}")},
                )
            c.delete("/v1/sandboxes/warm")
        time.sleep(0.5)
        before = rss_kib(relay.pid), fds(relay.pid)
        started = time.monotonic()
        asyncio.run(soak(url, mark))
        took = time.monotonic() - started
        deadline = time.monotonic() + 10
        while descendants(relay.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = descendants(relay.pid)
        # The client has hung up, but the relay closes its side of each connection when its
        # event loop reads the hang-up: a leak is what is still open after that has had time.
        while fds(relay.pid) > before[1] + 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        after = rss_kib(relay.pid), fds(relay.pid)
        strays = subprocess.run(["pgrep", "-f", f"sleep {mark}"], capture_output=True).stdout
        print(
            f"\nsoak ({'bubblewrap' if isolation else 'plain'}): {CONCURRENT_RUNS} concurrent"
            f" tools runs, {SEQUENTIAL_RUNS} sequential runs, {TIMED_OUT_EXECS} timed-out execs"
            f" in {took:.1f} s; relay RSS {before[0] / 1024:.1f} -> {after[0] / 1024:.1f} MiB,"
            f" fds {before[1]} -> {after[1]}, processes left {len(left)}"
        )
        assert left == [], left
        assert strays == b""
        assert after[1] <= before[1] + 4, fd_targets(relay.pid)
        assert after[0] <= before[0] * 1.5 + 32 * 1024
    finally:
        relay.kill()
        relay.wait(10)
