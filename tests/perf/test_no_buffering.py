"""A chunk the server writes alone reaches the caller alone: the run never waits for more bytes
before handing over an event it already has (bench/first_chunk.py measures how fast)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from agents21 import AgentClient, AsyncAgentClient

FIRST = b'data: {"type":"start","messageId":"m1"}\n\n'
REST = b'data: {"type":"finish"}\n\ndata: [DONE]\n\n'
HEADERS = {"content-type": "text/event-stream"}
WAIT = 10.0


class Gate(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Hands over the first event, then nothing until released (or WAIT seconds pass)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.log: list[str] = []

    def __iter__(self) -> Iterator[bytes]:
        yield FIRST
        self.log.append("asked for more")
        self.log.append("released" if self.release.wait(WAIT) else "timed out")
        yield REST

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield FIRST
        self.log.append("asked for more")
        for _ in range(int(WAIT * 100)):
            if self.release.is_set():
                break
            await asyncio.sleep(0.01)
        self.log.append("released" if self.release.is_set() else "timed out")
        yield REST


def gated() -> tuple[Gate, httpx.MockTransport]:
    gate = Gate()
    return gate, httpx.MockTransport(
        lambda request: httpx.Response(200, headers=HEADERS, stream=gate)
    )


def test_sync_run_yields_the_first_chunk_before_asking_for_more_bytes() -> None:
    gate, transport = gated()
    with (
        AgentClient(api_key="k", base_url="http://relay.test", http_client=httpx.Client(transport=transport)) as client,
        client.threads.run("a", "hi", sandbox_id="s", thread_id="t") as run,
    ):  # fmt: skip
        chunks = iter(run)
        first = next(chunks)
        assert first.type == "start"
        assert gate.log == []  # the transport was not asked for more before the chunk came out
        gate.release.set()
        assert [c.type for c in chunks] == ["finish"]
    assert gate.log == ["asked for more", "released"]


def test_async_run_yields_the_first_chunk_before_asking_for_more_bytes() -> None:
    gate, transport = gated()

    async def main() -> None:
        async with AsyncAgentClient(
            api_key="k", base_url="http://relay.test", http_client=httpx.AsyncClient(transport=transport)
        ) as client:  # fmt: skip
            run = await client.threads.run("a", "hi", sandbox_id="s", thread_id="t")
            async with run:
                chunks = aiter(run)
                first = await anext(chunks)
                assert first.type == "start"
                assert gate.log == []
                gate.release.set()
                assert [c.type async for c in chunks] == ["finish"]

    asyncio.run(main())
    assert gate.log == ["asked for more", "released"]


class LoneChunkServer:
    """A real HTTP server on a loopback port: headers and one event, then silence until released."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                b"transfer-encoding: chunked\r\n\r\n" + b"%x\r\n%s\r\n" % (len(FIRST), FIRST)
            )
            self.release.wait(WAIT)
            conn.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(REST), REST))

    def close(self) -> None:
        self.release.set()
        self.thread.join(WAIT)
        self.sock.close()


@pytest.fixture
def server() -> Iterator[LoneChunkServer]:
    running = LoneChunkServer()
    yield running
    running.close()


def test_over_a_socket_a_lone_chunk_arrives_while_the_server_waits(server: LoneChunkServer) -> None:
    with (
        AgentClient(api_key="k", base_url=server.url) as client,
        client.threads.run("a", "hi", sandbox_id="s", thread_id="t") as run,
    ):
        chunks = iter(run)
        assert next(chunks).type == "start"
        assert not server.release.is_set()  # it came while the server held the rest back
        server.release.set()
        assert [c.type for c in chunks] == ["finish"]


def test_over_a_socket_async(server: LoneChunkServer) -> None:
    async def main() -> list[Any]:
        async with AsyncAgentClient(api_key="k", base_url=server.url) as client:
            run = await client.threads.run("a", "hi", sandbox_id="s", thread_id="t")
            async with run:
                chunks = aiter(run)
                first = await anext(chunks)
                assert not server.release.is_set()
                server.release.set()
                return [first.type] + [c.type async for c in chunks]

    assert asyncio.run(main()) == ["start", "finish"]
