"""A tools run cut every ~200 bytes, in both resume modes, through both clients.

A proxy in front of the relay drops the run's stream after `n` bytes (mid-event, mostly) and,
at some cuts, holds the client back until the run has ended. At every cut the chunks the run
yielded assemble to the message the relay stored, none is yielded twice, and
`final_message()` is that message.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal

from agents21 import AgentClient, AsyncAgentClient
from agents21.local import LocalRelay
from agents21.stream import MessageAccumulator

from .conftest import Synced

CONFIG = """
[[agents]]
slug = "slow-tools"
runtime = "tools"
delay_ms = 8
"""
PROMPT = "Run `echo hello` then `printf 'a b c d e f g h'` and say what you saw"
STEP = 200
# Every third cut keeps the client away until the run has ended (it lasts about 0.6 s).
AWAY_EVERY, AWAY_S = 3, 1.2


class _Drop:
    """What the proxy does to the one run it serves: cut its first stream after `limit`
    bytes, and then, if `away`, hold the next request back until the run is over."""

    def __init__(self, limit: int, away: bool) -> None:
        self.limit, self.away = limit, away
        self.cut = False
        self.held = False
        # Whether a resume after the cut found the run still live (200), not ended (204):
        # only then can a replay give the very chunks of an uncut run.
        self.resumed_live = False

    def saw(self, request: httpx.Request, response: httpx.Response) -> None:
        if request.method == "GET" and request.url.path.endswith("/stream"):
            self.resumed_live = self.resumed_live or response.status_code == 200

    def hold(self) -> float:
        if self.cut and self.away and not self.held:
            self.held = True
            return AWAY_S
        return 0.0


class _SyncDropStream(httpx.SyncByteStream):
    def __init__(self, inner: Any, drop: _Drop) -> None:
        self.inner, self.drop = inner, drop

    def __iter__(self) -> Iterator[bytes]:
        left = self.drop.limit
        for piece in self.inner:
            if len(piece) >= left:
                self.drop.cut = True
                yield piece[:left]
                raise httpx.ReadError("dropped by the proxy")
            left -= len(piece)
            yield piece

    def close(self) -> None:
        self.inner.close()


class _AsyncDropStream(httpx.AsyncByteStream):
    def __init__(self, inner: Any, drop: _Drop) -> None:
        self.inner, self.drop = inner, drop

    async def __aiter__(self) -> AsyncIterator[bytes]:
        left = self.drop.limit
        async for piece in self.inner:
            if len(piece) >= left:
                self.drop.cut = True
                yield piece[:left]
                raise httpx.ReadError("dropped by the proxy")
            left -= len(piece)
            yield piece

    async def aclose(self) -> None:
        await self.inner.aclose()


def _first_stream(request: httpx.Request, response: httpx.Response) -> bool:
    return request.method == "POST" and response.headers.get("content-type", "").startswith(
        "text/event-stream"
    )


class _SyncProxy(httpx.BaseTransport):
    def __init__(self, drop: _Drop) -> None:
        self.inner, self.drop = httpx.HTTPTransport(), drop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        time.sleep(self.drop.hold())
        response = self.inner.handle_request(request)
        self.drop.saw(request, response)
        if not _first_stream(request, response):
            return response
        stream = _SyncDropStream(response.stream, self.drop)
        return httpx.Response(response.status_code, headers=response.headers, stream=stream)

    def close(self) -> None:
        self.inner.close()


class _AsyncProxy(httpx.AsyncBaseTransport):
    def __init__(self, drop: _Drop) -> None:
        self.inner, self.drop = httpx.AsyncHTTPTransport(), drop

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(self.drop.hold())
        response = await self.inner.handle_async_request(request)
        self.drop.saw(request, response)
        if not _first_stream(request, response):
            return response
        stream = _AsyncDropStream(response.stream, self.drop)
        return httpx.Response(response.status_code, headers=response.headers, stream=stream)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture(scope="module", params=["join", "replay"])
def tools_relay(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalRelay]:
    config: Path = tmp_path_factory.mktemp("drop") / "relay.toml"
    config.write_text(CONFIG)
    with LocalRelay(config=config, resume=request.param) as relay:
        yield relay


def _client(kind: str, relay: LocalRelay, drop: _Drop, portal: BlockingPortal) -> Any:
    if kind == "sync":
        return AgentClient(
            relay.api_key, relay.url, http_client=httpx.Client(transport=_SyncProxy(drop))
        )

    async def build() -> AsyncAgentClient:
        transport = _AsyncProxy(drop)
        http = httpx.AsyncClient(transport=transport)
        return AsyncAgentClient(relay.api_key, relay.url, http_client=http)

    return Synced(portal.call(build), portal)


def _close(client: Any, portal: BlockingPortal) -> None:
    if isinstance(client, AgentClient):
        client.http_client.close()
    else:
        portal.call(client._target.http_client.aclose)


def _reference_run(relay: LocalRelay) -> tuple[int, list[str]]:
    """The size in bytes of an uncut run's stream, and its chunk types."""
    headers = {"Authorization": f"Bearer {relay.api_key}"}
    with httpx.Client(base_url=relay.url, headers=headers, timeout=30) as http:
        sandbox = http.post("/v1/sandboxes", json={"agent": "slow-tools"}).json()["id"]
        message = {"role": "user", "parts": [{"type": "text", "text": PROMPT}]}
        body = http.post("/v1/chat/slow-tools", json={"sandboxId": sandbox, "messages": [message]})
    lines = body.text.splitlines()
    events = [line[len("data: ") :] for line in lines if line.startswith("data: {")]
    return len(body.content), [json.loads(e)["type"] for e in events]


def _signature(chunk: Any) -> tuple[str, ...]:
    """What makes a chunk one of a kind in a run: a second one is a repeat."""
    data = chunk.to_dict()
    return (chunk.type, str(data.get("id") or data.get("toolCallId") or ""))


_ONCE = {"start", "text-start", "text-end", "tool-input-start", "tool-input-available",
         "tool-output-available", "finish"}  # fmt: skip


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_cut_of_a_tools_run_assembles_to_the_stored_message(
    tools_relay: LocalRelay, portal: BlockingPortal, kind: str
) -> None:
    size, reference_types = _reference_run(tools_relay)
    assert {"tool-input-delta", "tool-output-available", "text-delta"} <= set(reference_types)
    cuts = replayed = 0
    for n, limit in enumerate(range(STEP // 2, size + STEP, STEP)):
        drop = _Drop(limit, away=n % AWAY_EVERY == AWAY_EVERY - 1)
        client = _client(kind, tools_relay, drop, portal)
        try:
            with client.threads.run("slow-tools", PROMPT) as run:
                chunks = list(run)
                message = run.final_message()
            stored = client.threads.get(run.sandbox_id, run.thread_id).messages[-1]
        finally:
            _close(client, portal)
        where = f"cut at byte {limit} ({tools_relay.resume}, {kind}, away={drop.away})"
        assert message.to_dict() == stored.to_dict(), where
        accumulator = MessageAccumulator()
        for chunk in chunks:
            accumulator.add(chunk)
        assert accumulator.message.to_dict() == stored.to_dict(), where
        assert run.unrebuilt_gaps == 0, where
        once = [_signature(c) for c in chunks if c.type in _ONCE]
        assert len(once) == len(set(once)), where
        # A resume that came after the run ended (held away, or late on a busy machine) gets
        # a 204, and the run completes its message from the stored thread in fewer chunks.
        if tools_relay.resume == "replay" and drop.cut and drop.resumed_live:
            assert [c.type for c in chunks] == reference_types, where
            replayed += 1
        cuts += drop.cut
    assert cuts >= 8  # the cuts fell inside the stream, not after it
    if tools_relay.resume == "replay":
        assert replayed >= 4  # and enough resumes found the run live to compare a replay
