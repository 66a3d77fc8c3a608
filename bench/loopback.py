"""Loopback latency: `sandboxes.get` against a `LocalRelay`, ours against the official SDK.

The relay runs in a child process on a loopback port. Our blocking `AgentClient` (httpx) and the
official `21st-sdk` 0.0.5 client (requests) fetch the same sandbox, call for call in alternation,
each over its own kept-alive connection. Target: ours / official <= 1.0 (median latency).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from twentyfirst_sdk import AgentClient as OfficialClient

from agents21 import AgentClient

from ._common import Row, interleave, median, record, relay_process, show

CALLS = 400
WARMUP = 30


def timed_call(fn: Callable[[], object]) -> Callable[[], float]:
    def sample() -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    return sample


def main() -> int:
    with relay_process() as (url, key):
        ours = AgentClient(api_key=key, base_url=url)
        official = OfficialClient(api_key=key, base_url=url)
        sandbox_id = ours.sandboxes.create("echo-agent").id
        ours.threads.create(sandbox_id, name="first")
        ours.threads.create(sandbox_id, name="second")
        assert official.sandboxes.get(sandbox_id)["id"] == sandbox_id
        assert ours.sandboxes.get(sandbox_id).id == sandbox_id
        samples = interleave(
            {
                "ours": timed_call(lambda: ours.sandboxes.get(sandbox_id)),
                "official": timed_call(lambda: official.sandboxes.get(sandbox_id)),
            },
            rounds=CALLS,
            warmup=WARMUP,
            collect=False,
        )
        ours.close()
        official.close()
    t = {name: median(values) for name, values in samples.items()}
    rows = [
        Row(
            "AgentClient.sandboxes.get, median latency",
            t["ours"],
            "official 21st-sdk 0.0.5 (requests)",
            t["official"],
            "s",
            "<= 1.0",
        )
    ]
    show(f"loopback latency against a LocalRelay, median of {CALLS} alternating calls", rows)
    record("loopback", rows, calls=CALLS, samples_s=samples)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
