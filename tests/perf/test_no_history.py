"""Iterating a run keeps no chunks: memory grows with the message, not with the stream
(bench/memory.py measures a 100 MB stream)."""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from collections.abc import Iterator

import httpx

from agents21 import AgentClient

DELTAS = 60_000


def events() -> Iterator[bytes]:
    yield b'data: {"type":"start","messageId":"m1"}\n\ndata: {"type":"text-start","id":"t"}\n\n'
    for i in range(DELTAS):
        yield b'data: {"type":"text-delta","id":"t","delta":"w%d "}\n\n' % (i % 10)
    yield b'data: {"type":"text-end","id":"t"}\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n'


class Pieces(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        buffer = b""
        for event in events():
            buffer += event
            if len(buffer) >= 16384:
                yield buffer
                buffer = b""
        yield buffer


def client() -> AgentClient:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=Pieces())
    )  # fmt: skip
    return AgentClient(
        api_key="k", base_url="http://relay.test", http_client=httpx.Client(transport=transport)
    )


def test_chunks_die_once_the_loop_moves_on() -> None:
    refs = []
    with client() as c, c.threads.run("a", "hi", sandbox_id="s", thread_id="t") as run:
        for n, chunk in enumerate(run):
            if n % 1000 == 0:
                refs.append(weakref.ref(chunk))
        del chunk
        gc.collect()
        assert len(refs) > 50
        assert [ref for ref in refs if ref() is not None] == []
        assert run.message.parts[0].text == "".join(f"w{i % 10} " for i in range(DELTAS))  # type: ignore[union-attr]


def test_memory_while_iterating_is_bounded_by_the_text() -> None:
    text_bytes = sum(len(f"w{i % 10} ") for i in range(DELTAS))  # ~180 kB
    with client() as c, c.threads.run("a", "hi", sandbox_id="s", thread_id="t") as run:
        gc.collect()
        tracemalloc.start()
        try:
            start, _ = tracemalloc.get_traced_memory()
            count = sum(1 for _ in run)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert count == DELTAS + 4
    # 60 000 chunks kept would take well over 10 MB; the text and a stream piece or two fit in 1.
    assert peak - start < text_bytes + 1_000_000
