"""Local relay benchmarks, each against a baseline measured in the same run.

1. `exec` of `true` through the relay (HTTP + shell in the sandbox) against
   `subprocess.run(["sh", "-c", "true"])` in this process: the relay's overhead per command.
2. The `echo` runtime streamed to 50 concurrent readers against one reader alone:
   total time / one reader's time (1.0 would be perfect overlap; 50 would be no overlap).
   Measured twice: 50 runs at once, and 50 readers joining one paced run by resume.

The relay runs in its own process, as `agents21 serve` does.
Run: `python bench/relay.py` (numbers also go to bench/results/relay-<time>.json).
"""

from __future__ import annotations

import asyncio
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

EXEC_ROUNDS = 200
READERS = 50
WORDS = 400
RESULTS = Path(__file__).parent / "results"
# Replay: the readers that join a run by resume each read it whole, from its start.
CONFIG = """
resume = "replay"

[[agents]]
slug = "echo-agent"
runtime = "echo"

# Paced so that its run (400 words, about 2.5 s) outlasts the 50 readers' joins by far: each
# joins by its own request, and one that came after the run's end would read nothing.
[[agents]]
slug = "paced-agent"
runtime = "echo"
delay_ms = 5
"""


class Relay:
    def __init__(self, url: str, api_key: str) -> None:
        self.url = url
        self.api_key = api_key


@contextmanager
def relay_process() -> Iterator[Relay]:
    """The relay in its own process (as `agents21 serve` runs), so that the benchmark's
    clients do not share its interpreter."""
    with tempfile.TemporaryDirectory(prefix="agents21-bench-") as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text(CONFIG)
        argv = [sys.executable, "-m", "agents21.local", "--port", "0", "--log-level", "error"]
        argv += ["--data-dir", str(Path(tmp) / "data"), "--config", str(config)]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert proc.stdout is not None
            line = ""
            while "export " not in line:
                line = proc.stdout.readline()
                if not line and proc.poll() is not None:
                    raise RuntimeError("the relay did not start")
            env = dict(p.split("=", 1) for p in line.split() if "=" in p)
            relay = Relay(env["BASE_URL_21ST"], env["API_KEY_21ST"])
            for _ in range(200):
                try:
                    httpx.get(relay.url + "/health")
                    break
                except httpx.ConnectError:
                    time.sleep(0.05)
            yield relay
        finally:
            proc.terminate()
            proc.wait(15)


def bench_exec(relay: Relay, headers: dict[str, str]) -> dict[str, float]:
    with httpx.Client(base_url=relay.url, headers=headers, timeout=60) as client:
        sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
        url = f"/v1/sandboxes/{sid}/exec"
        for _ in range(10):  # warm up the connection and the shell
            client.post(url, json={"command": "true"})
            subprocess.run(["sh", "-c", "true"], check=True)
        relay_times: list[float] = []
        local_times: list[float] = []
        # Interleaved, so that both see the same machine load.
        for _ in range(EXEC_ROUNDS):
            t0 = time.perf_counter()
            resp = client.post(url, json={"command": "true"})
            relay_times.append(time.perf_counter() - t0)
            assert resp.json()["exitCode"] == 0
            t0 = time.perf_counter()
            subprocess.run(["sh", "-c", "true"], check=True)
            local_times.append(time.perf_counter() - t0)
    relay_ms = statistics.median(relay_times) * 1000
    local_ms = statistics.median(local_times) * 1000
    return {"relay_exec_ms": relay_ms, "subprocess_ms": local_ms, "ratio": relay_ms / local_ms}


def _body(sid: str, prompt: str, **extra: Any) -> dict[str, Any]:
    messages = [{"role": "user", "parts": [{"type": "text", "text": prompt}]}]
    return {"sandboxId": sid, "messages": messages, **extra}


async def _read(client: httpx.AsyncClient, method: str, url: str, **kw: Any) -> tuple[float, int]:
    t0 = time.perf_counter()
    events = 0
    async with client.stream(method, url, **kw) as resp:
        async for line in resp.aiter_lines():
            if line.startswith("data: "):
                events += 1
    return time.perf_counter() - t0, events


async def bench_streams(relay: Relay, headers: dict[str, str]) -> dict[str, float]:
    prompt = " ".join(f"word{i}" for i in range(WORDS))
    limits = httpx.Limits(max_connections=READERS + 10, max_keepalive_connections=READERS + 10)
    async with httpx.AsyncClient(
        base_url=relay.url, headers=headers, timeout=120, limits=limits
    ) as client:
        sids = []
        for _ in range(READERS):
            resp = await client.post("/v1/sandboxes", json={"agent": "echo-agent"})
            sids.append(resp.json()["id"])
        chat = "/v1/chat/echo-agent"
        await _read(client, "POST", chat, json=_body(sids[0], prompt))  # warm-up
        one, events = await _read(client, "POST", chat, json=_body(sids[0], prompt))
        t0 = time.perf_counter()
        results = await asyncio.gather(
            *(_read(client, "POST", chat, json=_body(sid, prompt)) for sid in sids)
        )
        many = time.perf_counter() - t0
        assert all(n == events for _, n in results), "a reader missed events"

        # 50 readers of one paced run (it starts in the background, all join by resume),
        # against one reader of an identical run alone.
        paced = "/v1/chat/paced-agent"
        solo_sid, shared_sid = sids[1], sids[2]
        await client.post(paced, json=_body(solo_sid, prompt, mode="background"))
        single_join, _ = await _read(client, "GET", f"{paced}/{solo_sid}/stream")
        await client.post(paced, json=_body(shared_sid, prompt, mode="background"))
        t0 = time.perf_counter()
        joined = await asyncio.gather(
            *(_read(client, "GET", f"{paced}/{shared_sid}/stream") for _ in range(READERS))
        )
        shared = time.perf_counter() - t0
        late = sum(1 for _, n in joined if n == 0)
        assert not late, f"{late} resume readers joined after the run had ended"
        assert all(n == events for _, n in joined), "a resume reader missed events"
    return {
        "events_per_stream": events,
        "one_reader_s": one,
        "concurrent_runs_total_s": many,
        "concurrent_runs_ratio": many / one,
        "shared_run_total_s": shared,
        "shared_run_one_reader_s": single_join,
        "shared_run_ratio": shared / single_join,
    }


def main() -> int:
    with relay_process() as relay:
        headers = {"Authorization": f"Bearer {relay.api_key}"}
        ex = bench_exec(relay, headers)
        st = asyncio.run(bench_streams(relay, headers))
    print(f"exec `true`, median of {EXEC_ROUNDS} (interleaved):")
    print(f"  {'relay POST /exec':<28}{ex['relay_exec_ms']:8.2f} ms")
    print(f"  {'subprocess.run(sh -c true)':<28}{ex['subprocess_ms']:8.2f} ms")
    print(f"  {'ratio relay / local':<28}{ex['ratio']:8.2f} x")
    print(f"echo runtime, {st['events_per_stream']} events per stream, {READERS} readers:")
    print(f"  {'one reader alone':<28}{st['one_reader_s'] * 1000:8.1f} ms")
    print(f"  {f'{READERS} runs at once, total':<28}{st['concurrent_runs_total_s'] * 1000:8.1f} ms")
    print(f"  {'ratio total / one':<28}{st['concurrent_runs_ratio']:8.2f} x")
    print(f"  {f'{READERS} readers of one run':<28}{st['shared_run_total_s'] * 1000:8.1f} ms")
    print(f"  {'ratio total / one reader':<28}{st['shared_run_ratio']:8.2f} x")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = RESULTS / f"relay-{stamp}.json"
    record = {
        "benchmark": "relay",
        "time": stamp,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "exec": ex,
        "streams": {**st, "readers": READERS, "words": WORDS},
    }
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
