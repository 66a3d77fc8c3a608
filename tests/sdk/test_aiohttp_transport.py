"""The async client's default HTTP stack, httpx's API over aiohttp, against real loopback servers:
the same bytes on the wire as httpx's own pool, no short call kept waiting by open streams, and
aiohttp's failures as the httpx errors that the client retries, resumes and reports on."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import queue
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from agents21 import AiohttpTransport, APIConnectionError, AsyncAgentClient
from agents21._aiohttp_transport import aunwrapped_body

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
JSON_OK = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"


@contextlib.asynccontextmanager
async def serving(handler: Handler) -> AsyncIterator[str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0, backlog=1024)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()


async def read_head(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and int(value):
            await reader.readexactly(int(value))
    return head


async def answer_json(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers `{}` to every request on the connection, until it closes."""
    with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
        while True:
            await read_head(reader)
            writer.write(JSON_OK)
            await writer.drain()


def aiohttp_client(**kwargs: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=AiohttpTransport(), **kwargs)  # type: ignore[arg-type]


def test_the_async_client_uses_it_and_a_blocking_one_keeps_httpx() -> None:
    from agents21 import AgentClient

    async def main() -> None:
        async with AsyncAgentClient(api_key="21st_sk_x", base_url="http://127.0.0.1:9") as c:
            assert isinstance(c.http_client._transport, AiohttpTransport)

    asyncio.run(main())
    with AgentClient(api_key="21st_sk_x", base_url="http://127.0.0.1:9") as sync:
        assert isinstance(sync.http_client._transport, httpx.HTTPTransport)


def test_it_sends_what_httpx_sends_and_keeps_an_encoded_path() -> None:
    heads: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        heads.append(await read_head(reader))
        writer.write(JSON_OK)
        await writer.drain()
        writer.close()

    async def main() -> None:
        async with serving(handler) as url:
            for client in (httpx.AsyncClient(), aiohttp_client()):
                async with client:
                    client.cookies.set("session", "s1")
                    response = await client.post(
                        f"{url}/v1/sandboxes/a%2Fb/files?path=%2Ftmp%2Fx%20y",
                        json={"n": 1},
                        headers={"X-Many": "1"},
                    )
                    assert response.json() == {}

    asyncio.run(main())
    httpx_head, aiohttp_head = (sorted(head.lower().split(b"\r\n")) for head in heads)
    assert aiohttp_head == httpx_head
    assert heads[1].startswith(b"POST /v1/sandboxes/a%2Fb/files?path=%2Ftmp%2Fx%20y HTTP/1.1")


def test_open_streams_never_keep_a_short_call_waiting_and_read_connections_are_reused() -> None:
    release = asyncio.Event()
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            while True:
                head = await read_head(reader)
                if head.startswith(b"GET /quick"):
                    writer.write(JSON_OK)
                    continue
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                    b"content-length: 13\r\n\r\ndata: 1\n\n"
                )
                await writer.drain()
                await release.wait()
                writer.write(b"ok\n\n")
                await writer.drain()

    async def stream(client: httpx.AsyncClient, url: str) -> bytes:
        async with client.stream("GET", f"{url}/stream") as response:
            return b"".join([piece async for piece in response.aiter_bytes()])

    async def main() -> None:
        async with serving(handler) as url, aiohttp_client(timeout=5) as client:
            streams = [asyncio.ensure_future(stream(client, url)) for _ in range(150)]
            while len(connections) < 150:
                await asyncio.sleep(0.01)
            # httpx's own pool would hold this behind its 100 connections until `pool` ran out.
            quick = await client.get(f"{url}/quick", timeout=httpx.Timeout(5, pool=1))
            assert quick.json() == {}
            release.set()
            assert set(await asyncio.gather(*streams)) == {b"data: 1\n\nok\n\n"}
            opened = len(connections)
            for _ in range(3):
                assert (await client.get(f"{url}/quick")).json() == {}
            assert len(connections) == opened  # read to the end: back to the pool

    asyncio.run(main())


def test_a_closed_response_keeps_nothing_of_aiohttps_alive() -> None:
    # A caller may keep httpx's response long after closing it: aiohttp's response, buffers and
    # parser must not stay with it.
    import aiohttp

    def aiohttp_responses() -> int:
        return sum(type(o) is aiohttp.ClientResponse for o in gc.get_objects())

    async def main() -> None:
        async with serving(answer_json) as url, aiohttp_client(timeout=5) as client:
            kept = []
            for _ in range(5):
                async with client.stream("GET", f"{url}/x") as response:
                    assert aiohttp_responses() == 1
                    await response.aread()
                kept.append(response)
            assert aiohttp_responses() == 0
            assert [r.json() for r in kept] == [{}] * 5

    gc.collect()
    gc.disable()
    try:
        asyncio.run(main())
    finally:
        gc.enable()


def test_a_closed_response_is_freed_without_the_garbage_collector() -> None:
    # httpx's response and its client's wrapper around the body refer to each other: unless
    # the transport lets the wrapper go, every call leaves ~50 objects for the collector.
    async def main() -> None:
        async with serving(answer_json) as url, aiohttp_client(timeout=5) as client:

            async def read_whole() -> httpx.Response:
                return await client.get(f"{url}/x")

            async def closed_unread() -> httpx.Response:
                async with client.stream("GET", f"{url}/x") as response:
                    return response

            async def read_beneath() -> httpx.Response:  # as a run reads its stream
                async with client.stream("GET", f"{url}/x") as response:
                    body = aunwrapped_body(response)
                    assert body is not None
                    assert b"".join([piece async for piece in body]) == b"{}"
                    await body.aclose()  # the body first, the response after
                    assert not response.is_closed
                return response

            for make in (read_whole, closed_unread, read_beneath):
                response = await make()
                assert response.is_closed
                assert response.elapsed.total_seconds() > 0  # the wrapper did its part first
                with pytest.raises((httpx.StreamClosed, httpx.StreamConsumed)):  # never read again
                    [piece async for piece in response.aiter_raw()]
                if make is read_whole:
                    assert response.json() == {}
                freed = weakref.ref(response)
                del response
                assert freed() is None, make.__name__

    gc.collect()
    gc.disable()
    try:
        asyncio.run(main())
    finally:
        gc.enable()


def test_a_run_finds_the_body_it_made_beneath_httpxs_wrapper() -> None:
    # Runs read this body straight; were httpx to move it, they would fall back to httpx's
    # layers without a sound, so this says so.
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            while True:
                await read_head(reader)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                    b"content-length: 9\r\n\r\ndata: 1\n\n"
                )
                await writer.drain()

    async def main() -> None:
        async with serving(handler) as url, aiohttp_client(timeout=5) as client:
            for _ in range(3):
                async with client.stream("GET", f"{url}/x") as response:
                    body = aunwrapped_body(response)
                    assert body is not None
                    assert b"".join([piece async for piece in body]) == b"data: 1\n\n"
                    await body.aclose()
                    # What httpx's wrapper records, the body records itself.
                    assert response.is_stream_consumed
                    assert response.num_bytes_downloaded == 9
                    with pytest.raises(httpx.StreamConsumed):
                        aunwrapped_body(response)
            assert len(connections) == 1  # read to the end: back to the pool
        mock = httpx.MockTransport(lambda request: httpx.Response(200, content=b"x"))
        async with (
            httpx.AsyncClient(transport=mock) as other,
            other.stream("GET", "http://relay.test/") as response,
        ):
            assert aunwrapped_body(response) is None

    asyncio.run(main())


def test_aiohttp_failures_are_the_httpx_errors_the_client_acts_on() -> None:
    async def cut_short(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
        await writer.drain()
        writer.close()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        await asyncio.sleep(30)

    async def not_reading(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.close()

    async def main() -> None:
        async with aiohttp_client(timeout=httpx.Timeout(5, read=0.3, write=0.3)) as client:
            with pytest.raises(httpx.ConnectError):
                await client.get("http://127.0.0.1:9/refused")
            async with serving(cut_short) as url:
                with pytest.raises(httpx.RemoteProtocolError):
                    await client.get(url)
                # Read beneath httpx's wrapper, as a run reads it, the error names its request
                # just the same.
                async with client.stream("GET", f"{url}/cut") as response:
                    body = aunwrapped_body(response)
                    assert body is not None
                    with pytest.raises(httpx.RemoteProtocolError) as cut:
                        async for _ in body:
                            pass
                    assert cut.value.request is response.request
                    assert response.num_bytes_downloaded == 10
            async with serving(hang_up) as url:
                with pytest.raises(httpx.RemoteProtocolError):
                    await client.get(url)
            async with serving(silent) as url:
                with pytest.raises(httpx.ReadTimeout):
                    await client.get(url)
                # A deadline of the caller's own stays the caller's.
                with pytest.raises(TimeoutError) as caught:
                    async with asyncio.timeout(0.1):
                        await client.get(url, timeout=5)
                assert not isinstance(caught.value, httpx.TimeoutException)
            async with serving(not_reading) as url:
                with pytest.raises(httpx.WriteTimeout):
                    await client.post(url, content=b"x" * (64 << 20))
            with pytest.raises(httpx.UnsupportedProtocol):
                await client.get("ftp://127.0.0.1/x")

    asyncio.run(main())


def test_the_read_timeout_bounds_each_wait_for_a_piece_of_the_body() -> None:
    """A body whose pieces each come within the read timeout is read whole, however long it
    takes; one that goes silent for longer fails with httpx's ReadTimeout, naming its request,
    and its connection is not used again. A pause of the reader's own is no wait for the
    server."""
    connections: list[int] = []
    chunk_head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
    )

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            while True:
                head = await read_head(reader)
                writer.write(chunk_head)
                for _ in range(8):  # 0.8 s in all, 0.1 s apart
                    writer.write(b"9\r\ndata: 1\n\n\r\n")
                    await writer.drain()
                    await asyncio.sleep(0.1)
                if head.startswith(b"GET /silent"):
                    await asyncio.sleep(30)
                writer.write(b"0\r\n\r\n")
                await writer.drain()

    async def main() -> None:
        async with (
            serving(handler) as url,
            aiohttp_client(timeout=httpx.Timeout(5, read=0.5)) as client,
        ):
            response = await client.get(f"{url}/paced")
            assert response.content == b"data: 1\n\n" * 8
            async with client.stream("GET", f"{url}/paced") as response:
                body = aunwrapped_body(response)
                assert body is not None
                pieces = []
                async for piece in body:
                    if not pieces:
                        await asyncio.sleep(0.7)  # the server goes on meanwhile
                    pieces.append(piece)
                assert b"".join(pieces) == b"data: 1\n\n" * 8
            assert len(connections) == 1
            loop = asyncio.get_running_loop()
            async with client.stream("GET", f"{url}/silent") as response:
                body = aunwrapped_body(response)
                assert body is not None
                pieces = 0
                started = loop.time()
                with pytest.raises(httpx.ReadTimeout) as timed_out:
                    async for _ in body:
                        pieces += 1
                        started = loop.time()
                assert 0.45 <= loop.time() - started < 3
                assert pieces == 8
                assert timed_out.value.request is response.request
            assert (await client.get(f"{url}/paced")).content == b"data: 1\n\n" * 8
            assert len(connections) == 2  # the timed-out connection was closed

    asyncio.run(main())


def test_a_loop_kept_busy_past_the_read_timeout_while_the_body_arrives_is_no_timeout() -> None:
    """The read timeout is the server's silence, not the client's: pieces that came while
    another task held the loop for longer than the timeout are read, not refused."""
    ready: queue.Queue[int] = queue.Queue()
    stop = threading.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            await read_head(reader)
            writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
            for _ in range(10):
                writer.write(b"1\r\nx\r\n")
                await writer.drain()
                await asyncio.sleep(0.1)
            writer.write(b"0\r\n\r\n")
            await writer.drain()

    def serve_elsewhere() -> None:  # on a loop of its own, so it writes while ours is busy
        async def main() -> None:
            server = await asyncio.start_server(handler, "127.0.0.1", 0)
            ready.put(server.sockets[0].getsockname()[1])
            while not stop.is_set():
                await asyncio.sleep(0.05)
            server.close()

        asyncio.run(main())

    async def busy() -> None:
        await asyncio.sleep(0.35)
        time.sleep(1.0)  # work that holds the loop for twice the read timeout

    async def main(port: int) -> bytes:
        async with aiohttp_client(timeout=httpx.Timeout(5, read=0.5)) as client:
            hog = asyncio.create_task(busy())
            async with client.stream("GET", f"http://127.0.0.1:{port}/") as response:
                body = b"".join([piece async for piece in response.aiter_raw()])
            await hog
            return body

    server = threading.Thread(target=serve_elsewhere, daemon=True)
    server.start()
    try:
        assert asyncio.run(main(ready.get(timeout=10))) == b"x" * 10
    finally:
        stop.set()
        server.join(10)


def test_a_refused_connection_is_retried_and_then_reported() -> None:
    attempts: list[httpx.Request] = []

    async def count(request: httpx.Request) -> None:
        attempts.append(request)

    async def main() -> None:
        pool = aiohttp_client(event_hooks={"request": [count]})
        async with AsyncAgentClient(
            api_key="21st_sk_x", base_url="http://127.0.0.1:9", http_client=pool, max_retries=1
        ) as client:
            with pytest.raises(APIConnectionError, match="Connection error"):
                await client.sandboxes.get("sb")
        await pool.aclose()

    asyncio.run(main())
    assert len(attempts) == 2  # never sent, so retried even though it is a GET or a POST


def test_a_capped_pool_waits_for_a_connection_no_longer_than_its_pool_and_connect_timeouts() -> (
    None
):
    """aiohttp has one limit for getting a connection, waiting included: httpx's two, added."""
    with pytest.raises(ValueError, match="max_connections"):
        AiohttpTransport(max_connections=0)

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_head(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n")
        await writer.drain()
        await asyncio.sleep(30)

    async def main() -> None:
        transport = AiohttpTransport(max_connections=1)
        async with (
            httpx.AsyncClient(
                transport=transport, timeout=httpx.Timeout(5, connect=0.2, pool=0.3)
            ) as client,
            serving(hold) as url,
            client.stream("GET", url),
        ):
            with pytest.raises(httpx.TimeoutException):
                await client.get(url)

    asyncio.run(main())


def test_it_belongs_to_the_event_loop_of_its_first_request() -> None:
    client = aiohttp_client()

    async def call() -> None:
        with contextlib.suppress(httpx.ConnectError):
            await client.get("http://127.0.0.1:9/")

    asyncio.run(call())
    with pytest.raises(RuntimeError, match="another event loop"):
        asyncio.run(call())


def test_a_client_dropped_without_closing_leaves_no_complaint() -> None:
    script = """
import asyncio, gc, warnings
warnings.simplefilter("always")
from agents21 import AsyncAgentClient

async def main(url):
    client = AsyncAgentClient(api_key="21st_sk_x", base_url=url, max_retries=0)
    try:
        await client.sandboxes.get("sb")
    except Exception as error:
        print(type(error).__name__)

async def serve():
    async def handler(reader, writer):
        await reader.readuntil(b"\\r\\n\\r\\n")
        writer.write(b"HTTP/1.1 404 Not Found\\r\\ncontent-length: 2\\r\\n\\r\\n{}")
        await writer.drain()
        await reader.read()  # until the client hangs up
        writer.close()
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    async with server:
        await main(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}")
        gc.collect()
        await asyncio.sleep(0.1)

asyncio.run(serve())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "NotFoundError"
    assert done.stderr == ""


def test_the_generated_low_level_async_client_uses_it_too() -> None:
    from agents21.local import LocalRelay
    from agents21_api import AuthenticatedClient
    from agents21_api.api.health import get_health

    async def main(url: str, key: str) -> None:
        async with AuthenticatedClient(base_url=url, token=key) as low:
            assert isinstance(low.get_async_httpx_client()._transport, AiohttpTransport)
            response = await get_health.asyncio_detailed(client=low)
            assert response.status_code == 200

    with LocalRelay() as relay:
        asyncio.run(main(relay.url, relay.api_key))
    with_own = AuthenticatedClient(
        base_url="http://127.0.0.1:9",
        token="t",
        httpx_args={"transport": httpx.MockTransport(print)},
    )
    assert isinstance(with_own.get_async_httpx_client()._transport, httpx.MockTransport)


def test_the_write_timeout_bounds_writing_only() -> None:
    """It runs while aiohttp writes (also a streamed body's last bytes), not while the body's
    source makes its next piece, and never outlives an answer that came before the body was
    read; a failure of the source itself comes back as it is."""

    async def not_reading(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    async def answers_early(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\nno")
        await writer.drain()
        await asyncio.sleep(30)

    async def reads_all(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        while (line := await reader.readline()) and not line.startswith(b"0\r\n"):
            pass
        if line:  # the whole chunked body came
            await reader.readline()
            writer.write(JSON_OK)
            await writer.drain()

    async def slow_source() -> AsyncIterator[bytes]:
        for _ in range(3):
            await asyncio.sleep(0.4)
            yield b"x" * 100

    async def failing_source() -> AsyncIterator[bytes]:
        yield b"x"
        raise PermissionError("the local file went away")

    async def pieces(total: int) -> AsyncIterator[bytes]:
        for _ in range(total // 65536):
            yield b"x" * 65536
        yield b"x" * (total % 65536)

    async def main() -> None:
        timeout = httpx.Timeout(5, read=1, write=0.3)
        async with aiohttp_client(timeout=timeout) as client:
            async with serving(not_reading) as url:
                # More than the loopback's socket buffers hold: writing must stall.
                for size in (24 << 20, (40 << 20) + 12345):
                    with pytest.raises(httpx.WriteTimeout):
                        await client.post(url, content=pieces(size))
            async with serving(answers_early) as url:
                response = await client.post(url, content=b"x" * (32 << 20))
                assert (response.status_code, response.text) == (401, "no")
            async with serving(reads_all) as url:
                assert (await client.post(url, content=slow_source())).json() == {}
            async with serving(reads_all) as url:
                with pytest.raises(PermissionError, match="went away"):
                    await client.post(url, content=failing_source())

    asyncio.run(main())


def test_credentials_in_the_url_go_as_httpx_sends_them() -> None:
    heads: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        heads.append(await read_head(reader))
        writer.write(JSON_OK)
        await writer.drain()

    async def main() -> None:
        async with serving(handler) as url, aiohttp_client() as client:
            authority = url.removeprefix("http://")
            assert (await client.get(f"http://user:pw@{authority}/x")).json() == {}

    asyncio.run(main())
    assert b"authorization: basic dxnlcjpwdw==" in heads[0].lower()


def test_the_generated_client_keeps_httpx_where_only_httpx_honours_a_setting() -> None:
    from agents21_api import Client

    limited = Client(base_url="http://127.0.0.1:9", httpx_args={"limits": httpx.Limits()})
    assert isinstance(limited.get_async_httpx_client()._transport, httpx.AsyncHTTPTransport)
