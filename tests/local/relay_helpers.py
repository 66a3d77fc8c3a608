"""Shared constants and helpers for the local relay tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).parent
KEY = "21st_sk_" + "a1" * 32
LEGACY_KEY = "an_sk_legacy_key_for_tests"
INACTIVE_KEY = "21st_sk_" + "b2" * 32
EXPIRED_KEY = "21st_sk_" + "c3" * 32

CONFIG = f"""
api_keys = ["{LEGACY_KEY}"]

[[keys]]
key = "{KEY}"

[[keys]]
key = "{INACTIVE_KEY}"
active = false

[[keys]]
key = "{EXPIRED_KEY}"
expires_at = "2020-01-01T00:00:00Z"

[[agents]]
slug = "demo-agent"
name = "Demo Agent"
runtime = "tools"

[[agents]]
slug = "echo-agent"
name = "Echo Agent"
runtime = "echo"
input_price_per_mtok = 3.0
output_price_per_mtok = 15.0

[[agents]]
slug = "slow-agent"
name = "Slow Agent"
runtime = "echo"
delay_ms = 60

[[agents]]
slug = "free-agent"
name = "Free Agent"
runtime = "echo"
input_price_per_mtok = 0
output_price_per_mtok = 0

[[agents]]
slug = "cmd-agent"
name = "Command Agent"
runtime = "command"
command = {json.dumps([sys.executable, str(HERE / "fake_agent.py")])}

[[agents]]
slug = "setup-agent"
name = "Setup Agent"
runtime = "tools"
files = {{ "agent.txt" = "from agent" }}
envs = {{ AGENT_ENV = "agent-env" }}
setup = ["echo one >> order.txt"]

[[agents]]
slug = "broken-agent"
name = "Broken Agent"
runtime = "echo"
setup = ["exit 7"]
"""


def write_config(directory: Path) -> Path:
    path = directory / "relay.toml"
    path.write_text(CONFIG)
    return path


def user(text: str) -> list[dict[str, Any]]:
    return [{"id": "u1", "role": "user", "parts": [{"type": "text", "text": text}]}]


def parse_sse(raw: str) -> list[tuple[str | None, str]]:
    """(id, data) per event; asserts the framing is exactly `id:`/`data:` lines."""
    events: list[tuple[str | None, str]] = []
    assert raw.endswith("\n\n"), raw[-50:]
    for block in raw.split("\n\n")[:-1]:
        event_id = None
        data = None
        for line in block.split("\n"):
            field, _, value = line.partition(": ")
            if field == "id":
                event_id = value
            elif field == "data":
                data = value
            else:
                raise AssertionError(f"unexpected SSE line {line!r}")
        assert data is not None
        events.append((event_id, data))
    return events


def chunks_of(raw: str) -> list[dict[str, Any]]:
    events = parse_sse(raw)
    assert events[-1] == (None, "[DONE]")
    return [json.loads(data) for _, data in events[:-1]]


def run_chat(
    client: httpx.Client, agent: str, body: dict[str, Any]
) -> tuple[httpx.Response, list[dict[str, Any]]]:
    resp = client.post(f"/v1/chat/{agent}", json=body)
    if resp.status_code != 200:
        return resp, []
    return resp, chunks_of(resp.text)


def text_of(chunks: list[dict[str, Any]]) -> str:
    return "".join(c["delta"] for c in chunks if c["type"] == "text-delta")
