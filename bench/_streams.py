"""Run streams for the benchmarks: realistic bytes, served from memory in network-sized pieces."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx

# A TLS record carries at most 16 KiB, so that is the most one network read hands over.
PIECE = 16 * 1024
WORDS = ("The ", "relay ", "streams ", "each ", "word ", "as ", "a ", "delta, ", "naïve ", "🙂 ")


def _event(chunk: dict[str, object]) -> bytes:
    # As JSON.stringify writes it: compact, with non-ASCII text as UTF-8 rather than escapes.
    text = json.dumps(chunk, separators=(",", ":"), ensure_ascii=False)
    return b"data: " + text.encode() + b"\n\n"


def run_events(chunks: int, *, ids: bool = False) -> Iterator[bytes]:
    """The events of a run of `chunks` chunks (then `[DONE]`), as the relay writes them: a tool
    call, then text deltas of a word or so each, then metadata and finish. With `ids`, each
    event opens with an `id: N` line, as a replaying relay writes them."""
    if ids:
        for index, event in enumerate(run_events(chunks)):
            yield b"id: %d\n" % index + event
        return
    fixed = [
        {"type": "start", "messageId": "msg_0123456789"},
        {"type": "tool-input-start", "toolCallId": "call_1", "toolName": "Bash"},
        {"type": "tool-input-delta", "toolCallId": "call_1", "inputTextDelta": '{"command":'},
        {"type": "tool-input-delta", "toolCallId": "call_1", "inputTextDelta": '"ls -la"}'},
        {
            "type": "tool-input-available",
            "toolCallId": "call_1",
            "toolName": "Bash",
            "input": {"command": "ls -la"},
        },
        {"type": "tool-output-available", "toolCallId": "call_1", "output": "a.txt\nb.txt\n"},
        {"type": "text-start", "id": "text_1"},
    ]
    tail = [
        {"type": "text-end", "id": "text_1"},
        {
            "type": "message-metadata",
            "messageMetadata": {"inputTokens": 1200, "outputTokens": chunks, "totalCostUsd": 0.1},
        },
        {"type": "finish"},
    ]
    for chunk in fixed:
        yield _event(chunk)
    deltas = [_event({"type": "text-delta", "id": "text_1", "delta": w}) for w in WORDS]
    for i in range(chunks - len(fixed) - len(tail)):
        yield deltas[i % len(deltas)]
    for chunk in tail:
        yield _event(chunk)
    yield b"data: [DONE]\n\n"


def run_bytes(chunks: int, *, ids: bool = False) -> bytes:
    return b"".join(run_events(chunks, ids=ids))


def pieces(data: bytes, size: int = PIECE) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


class Pieces(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that hands over prepared pieces, to a sync or an async client."""

    def __init__(self, parts: list[bytes]) -> None:
        self._parts = parts

    def __iter__(self) -> Iterator[bytes]:
        yield from self._parts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self._parts:
            yield part


# As production sends a run (its content-encoding says "no coding": proxies must not compress).
SSE_HEADERS = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "content-encoding": "none",
}


def stream_transport(parts: list[bytes]) -> httpx.MockTransport:
    """Answers every request with the run stream made of `parts`."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=SSE_HEADERS, stream=Pieces(parts))

    return httpx.MockTransport(handler)
