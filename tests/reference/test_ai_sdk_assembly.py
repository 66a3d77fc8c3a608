"""MessageAccumulator against the AI SDK itself: the same SSE bodies, assembled by both.

The AI SDK (ai@5.0.35, what production assembles stored messages with and what a browser's
`useChat` runs) reads each body as a browser does: `DefaultChatTransport` parses and validates
the events, `readUIMessageStream` builds the message. The SDK reads the same bytes with its own
SSE decoder, chunk decoder and accumulator. The messages must be equal, part by part.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from ai_sdk_runner import AiSdk
from streams import random_stream

from agents21 import AgentClient
from agents21._resume import catch_up
from agents21._sse import SSEDecoder
from agents21._ui_stream import DONE_EVENT, sse_event
from agents21.local import LocalRelay
from agents21.stream import MessageAccumulator, decode_chunk, parse_chunk

sys.path.insert(0, str(Path(__file__).parent.parent / "local"))
from relay_helpers import CONFIG, KEY, user

RECORDED = Path(__file__).parent.parent / "unit" / "data"
GENERATED = 400


def body_of(chunks: list[dict[str, Any]]) -> bytes:
    """A stream as the relay and `Run.iter_sse` write it."""
    return b"".join(map(sse_event, chunks)) + DONE_EVENT


def assembled(body: bytes) -> dict[str, Any]:
    """The message the SDK builds from a body, as JSON."""
    acc = MessageAccumulator()
    for data, _, _, _ in SSEDecoder().feed(body):
        chunk = decode_chunk(data)
        if chunk is not None:
            acc.add(chunk)
    message: dict[str, Any] = acc.message.to_dict()
    return message


def reference(result: dict[str, Any]) -> dict[str, Any]:
    message: dict[str, Any] = result["message"] or {"role": "assistant", "parts": []}
    if message.get("id") == "":
        del message["id"]  # readUIMessageStream's placeholder when no `start` gave one
    return message


def differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Where two messages differ, part by part, for a readable failure."""
    found = []
    for key in sorted((set(ours) | set(theirs)) - {"parts"}):
        if ours.get(key) != theirs.get(key):
            found.append(f"{key}: ours {ours.get(key)!r}, AI SDK {theirs.get(key)!r}")
    a, b = ours.get("parts", []), theirs.get("parts", [])
    for i in range(max(len(a), len(b))):
        mine = a[i] if i < len(a) else None
        other = b[i] if i < len(b) else None
        if mine != other:
            found.append(f"part {i}: ours {json.dumps(mine)}, AI SDK {json.dumps(other)}")
    return found


def compare(ai_sdk: AiSdk, bodies: list[bytes]) -> None:
    failed = []
    for body, result in zip(bodies, ai_sdk.assemble(bodies), strict=True):
        assert not result["failures"], (result["failures"], body.decode()[:2000])
        diff = differences(assembled(body), reference(result))
        if diff:
            failed.append("\n  ".join([body.decode()[:3000], *diff]))
    assert not failed, f"{len(failed)} of {len(bodies)} differ; the first:\n" + failed[0]


def test_generated_streams(ai_sdk: AiSdk) -> None:
    rng = random.Random(2126)
    compare(ai_sdk, [body_of(random_stream(rng)) for _ in range(GENERATED)])


CASES: dict[str, list[dict[str, Any]]] = {
    "an emoji split across two deltas": [
        {"type": "start", "messageId": "m"},
        {"type": "text-start", "id": "t"},
        {"type": "text-delta", "id": "t", "delta": "smile \ud83d"},
        {"type": "text-delta", "id": "t", "delta": "\ude00!"},
        {"type": "text-end", "id": "t"},
        {"type": "finish"},
    ],
    "a dynamic tool": [
        {"type": "start"},
        {"type": "tool-input-start", "toolCallId": "c", "toolName": "mcp__x", "dynamic": True},
        {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": '{"a":'},
        {
            "type": "tool-input-available",
            "toolCallId": "c",
            "toolName": "mcp__x",
            "input": {"a": 1},
            "dynamic": True,
            "providerMetadata": {"p": {"k": 1}},
        },
        {"type": "tool-output-available", "toolCallId": "c", "output": 2, "dynamic": True},
    ],
    "provider-executed, preliminary, with call metadata": [
        {"type": "start"},
        {
            "type": "tool-input-start",
            "toolCallId": "c",
            "toolName": "web",
            "providerExecuted": True,
        },
        {
            "type": "tool-input-available",
            "toolCallId": "c",
            "toolName": "web",
            "input": {},
            "providerMetadata": {"p": {"k": 1}},
        },
        {"type": "tool-output-available", "toolCallId": "c", "output": 1, "preliminary": True},
        {"type": "tool-output-available", "toolCallId": "c", "output": 2},
    ],
    "a tool input that fails": [
        {"type": "start"},
        {"type": "tool-input-start", "toolCallId": "c", "toolName": "Bash"},
        {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "{bad"},
        {
            "type": "tool-input-error",
            "toolCallId": "c",
            "toolName": "Bash",
            "input": "{bad",
            "errorText": "Invalid JSON",
        },
    ],
    "a tool input cut inside a \\u escape": [
        {"type": "start"},
        {"type": "tool-input-start", "toolCallId": "c", "toolName": "Bash"},
        {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": '{"command":"\\u00'},
    ],
    **{
        f"a tool input cut at {text!r}": [
            {"type": "start"},
            {"type": "tool-input-start", "toolCallId": "c", "toolName": "Bash"},
            {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": text},
        ]
        for text in [
            '{"a":[-',
            '{"a":1e+5',
            '{"a":[1 x',
            '{"a\\":1',
            '{"a":NaN}',
            "[[[[",
            '{"a":tr',
        ]
    },
    "array metadata": [
        {"type": "start", "messageMetadata": [1, {"a": 2}]},
        {"type": "message-metadata", "messageMetadata": {"b": 3}},
        {"type": "finish", "messageMetadata": [4]},
    ],
}


@pytest.mark.parametrize("name", list(CASES))
def test_named_cases(ai_sdk: AiSdk, name: str) -> None:
    compare(ai_sdk, [body_of(CASES[name])])


def test_recorded_runs(ai_sdk: AiSdk) -> None:
    bodies = []
    for path in sorted(RECORDED.glob("*.jsonl")):
        lines = [line for line in path.read_text().split("\n") if line.strip()]
        bodies.append(b"".join(b"data: " + line.encode() + b"\n\n" for line in lines))
    assert bodies
    compare(ai_sdk, bodies)


def test_catch_up_chunks_complete_the_message_in_the_ai_sdk_too(ai_sdk: AiSdk) -> None:
    # A run that missed the tail of its stream yields catch-up chunks built from the stored
    # message; forwarded to a browser, they must pass its schema and assemble the same message.
    rng = random.Random(2127)
    bodies, wanted, unrebuilt = [], [], []
    for _ in range(100):
        chunks = random_stream(rng)
        stored = MessageAccumulator()
        for raw in chunks:
            stored.add(parse_chunk(raw))
        for cut in sorted(rng.sample(range(1, len(chunks) + 1), min(3, len(chunks)))):
            seen = MessageAccumulator()
            for raw in chunks[:cut]:
                seen.add(parse_chunk(raw))
            rest = catch_up(seen, stored.message)
            if rest is None:
                unrebuilt.append(body_of(chunks[:cut]).decode())
                continue
            bodies.append(body_of([*chunks[:cut], *(c.to_dict() for c in rest)]))
            wanted.append(stored.message.to_dict())
    assert not unrebuilt, f"{len(unrebuilt)} cuts could not be rebuilt; the first:\n{unrebuilt[0]}"
    for body, want, result in zip(bodies, wanted, ai_sdk.assemble(bodies), strict=True):
        assert not result["failures"], (result["failures"], body.decode()[-2000:])
        assert not differences(want, reference(result)), body.decode()[-3000:]


REPLAYED = 24


@pytest.fixture(scope="module")
def relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRelay]:
    directory = tmp_path_factory.mktemp("relay")
    replay = json.dumps([sys.executable, str(Path(__file__).parent / "replay_agent.py")])
    (directory / "relay.toml").write_text(
        CONFIG
        + f"""
[[agents]]
slug = "replay-agent"
name = "Replay Agent"
runtime = "command"
command = {replay}
"""
    )
    with LocalRelay(config=directory / "relay.toml", api_key=KEY, data_dir=directory / "data") as r:
        yield r


def test_relay_runs(ai_sdk: AiSdk, relay: LocalRelay, tmp_path: Path) -> None:
    # Runs of every runtime, and generated streams sent through the command runtime: the
    # relay's own body, and the body `run.iter_sse()` forwards, each assembled by the AI SDK,
    # equal the message the relay stored and the one the SDK assembled.
    rng = random.Random(2128)
    prompts = [
        ("demo-agent", "Run `echo hi 😀` then `echo oops >&2; exit 4`"),
        ("echo-agent", "hello 😀 wörld\u2028and more"),
        ("cmd-agent", "split emoji"),
        ("cmd-agent", "error chunk"),
        ("cmd-agent", "plain"),
    ]
    for n in range(REPLAYED):
        path = tmp_path / f"stream{n}.json"
        chunks = [c for c in random_stream(rng) if c["type"] not in ("start", "finish", "abort")]
        path.write_text(json.dumps([c for c in chunks if c["type"] != "error"]))
        prompts.append(("replay-agent", str(path)))
    bodies: list[bytes] = []
    stored: list[dict[str, Any] | None] = []  # None: a failed run stores no message
    final = []
    headers = {"Authorization": f"Bearer {relay.api_key}"}
    with (
        AgentClient(api_key=relay.api_key, base_url=relay.url) as client,
        httpx.Client(base_url=relay.url, headers=headers, timeout=60) as http,
    ):

        def stored_message(sandbox_id: str, thread_id: str) -> dict[str, Any] | None:
            messages = client.threads.get(sandbox_id, thread_id).messages
            return messages[-1].to_dict() if messages else None

        for agent, prompt in prompts:
            sandbox = client.sandboxes.create(agent)
            thread = client.threads.create(sandbox.id)
            body = {"sandboxId": sandbox.id, "threadId": thread.id, "messages": user(prompt)}
            raw = http.post(f"/v1/chat/{agent}", json=body)  # the relay's bytes, as fetch sees them
            assert raw.status_code == 200, raw.text
            bodies.append(raw.content)
            stored.append(stored_message(sandbox.id, thread.id))
            with client.threads.run(agent, prompt, sandbox_id=sandbox.id) as run:
                bodies.append(b"".join(run.iter_sse()))
            final.append(run.message.to_dict())
            stored.append(stored_message(sandbox.id, run.thread_id))
    assert sum(m is None for m in stored) == 2  # the run that failed, twice
    for n, result in enumerate(ai_sdk.assemble(bodies)):
        assert not result["failures"], (result["failures"], bodies[n].decode()[:3000])
        theirs = reference(result)
        assert not differences(assembled(bodies[n]), theirs), bodies[n].decode()[:3000]
        sdk_run = n % 2 == 1
        want = stored[n] or (final[n // 2] if sdk_run else None)
        if want is not None:
            assert not differences(want, theirs), bodies[n].decode()[:3000]
        if sdk_run:
            assert final[n // 2] == want
