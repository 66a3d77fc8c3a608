"""`AiohttpTransport`: httpx's API over aiohttp's connections, the async client's default.

The async client serves many runs at once, and every run's stream holds its connection for its
whole life. httpx's own pool (httpcore 1.0) rescans every connection for every queued request, so
its cost grows with the square of the streams open: 1000 streams of 1 s took 24 s with no pool
limit and 36 s with the default 100-connection limit, where bare aiohttp took 1.5 s (httpx2 took
7.2 s). The same SDK over this transport took 1.8 s. So `AsyncAgentClient` keeps httpx's API
(requests, responses, errors, the `http_client` users pass in) and hands the connections to
aiohttp; the blocking client keeps httpx's pool, which threads never push that far.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import aiohttp

# httpx's keep-alive expiry: an idle connection is dropped after this many seconds.
KEEPALIVE_EXPIRY = 5.0
# Bodies up to this size go to aiohttp whole; larger ones in pieces, each bounded by the write
# timeout (aiohttp has none of its own).
_WHOLE_BODY_LIMIT = 64 * 1024
_PIECE = 64 * 1024


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose connections are aiohttp's: pass it as
    `httpx.AsyncClient(transport=AiohttpTransport())` to keep an httpx client's other settings.

    `max_connections=None` (the default) opens as many connections as there are requests in
    flight, so a client full of streaming runs never makes a short call wait for a free one.
    httpx keeps doing redirects, cookies, proxies from the environment, decompression and
    event hooks; aiohttp only moves bytes. Timeouts follow httpx's: `connect` for opening a
    connection, `pool` for getting one, `read` for each wait on the response, `write` for each
    piece of a large body. HTTP/1.1 only, as httpx's default. Bound to the event loop of its
    first request (aiohttp's connections are).
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | str | bool = True,
        max_connections: int | None = None,
        keepalive_expiry: float = KEEPALIVE_EXPIRY,
        trust_env: bool = True,
    ) -> None:
        if max_connections is not None and (
            isinstance(max_connections, bool)
            or not isinstance(max_connections, int)
            or max_connections < 1
        ):
            raise ValueError(
                f"max_connections must be a positive integer or None, got {max_connections!r}."
            )
        self._verify = verify
        self._trust_env = trust_env
        self._max_connections = max_connections
        self._keepalive_expiry = keepalive_expiry
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    def _open(self) -> aiohttp.ClientSession:
        # Imported with the first request: aiohttp costs more to import than httpx does.
        import aiohttp

        if self._closed:
            raise RuntimeError("This AiohttpTransport is closed.")
        self._loop = asyncio.get_running_loop()
        connector = aiohttp.TCPConnector(
            limit=self._max_connections or 0,
            limit_per_host=0,
            keepalive_timeout=self._keepalive_expiry,
            ssl=httpx.create_ssl_context(verify=self._verify, trust_env=self._trust_env),
        )
        # httpx owns cookies, redirects, decompression and proxies; aiohttp must not do them
        # a second time.
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,
            timeout=aiohttp.ClientTimeout(total=None),
        )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import aiohttp
        from yarl import URL

        session = self._session or self._open()
        if self._loop is not asyncio.get_running_loop():
            raise RuntimeError(
                "This AiohttpTransport was first used in another event loop, and its "
                "connections belong to that one: make one per event loop."
            )
        timeout = request.extensions.get("timeout", {})
        headers = [(k, v) for k, v in request.headers.multi_items() if k != "transfer-encoding"]
        body, deadline = _body(request, timeout.get("write"))
        try:
            async with deadline:
                response = await session.request(
                    request.method,
                    URL(str(request.url), encoded=True),
                    headers=headers,
                    data=body,
                    allow_redirects=False,
                    skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
                    timeout=aiohttp.ClientTimeout(
                        total=None,
                        connect=timeout.get("pool"),
                        sock_connect=timeout.get("connect"),
                        sock_read=timeout.get("read"),
                    ),
                    server_hostname=request.extensions.get("sni_hostname"),
                )
        except Exception as error:
            if deadline.expired():
                raise httpx.WriteTimeout("Timed out writing the request body.") from error
            mapped = _httpx_error(error)
            if mapped is error:
                raise
            raise mapped from error
        return httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=_ResponseBody(response),
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("ascii", "replace"),
            },
        )

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()

    def __del__(self) -> None:
        # A client dropped without `aclose()` closes its sockets quietly, as httpx's pool does,
        # instead of aiohttp's "Unclosed client session" at exit.
        session = getattr(self, "_session", None)  # None too when __init__ refused its arguments
        if session is None or session.closed:
            return
        connector = session.connector
        session.detach()
        if connector is not None:
            with contextlib.suppress(Exception):
                connector._close()  # synchronous: leaves no task behind on a stopped loop


class _ResponseBody(httpx.AsyncByteStream):
    """The body as it arrives, each piece handed on as soon as it is read. An iterator rather
    than a generator over aiohttp's: every layer costs each piece of every stream a step."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        try:
            piece = await self._response.content.readany()
        except Exception as error:
            mapped = _httpx_error(error)
            if mapped is error:
                raise
            raise mapped from error
        if not piece:
            raise StopAsyncIteration
        return piece

    async def aclose(self) -> None:
        # Back to the pool when read to the end, closed otherwise.
        self._response.release()


def _body(request: httpx.Request, write_timeout: float | None) -> tuple[object, asyncio.Timeout]:
    """What aiohttp sends, and the deadline that bounds each write of it."""
    deadline = asyncio.timeout(None)
    try:
        content = request.content
    except httpx.RequestNotRead:
        return _timed(request.stream, deadline, write_timeout), deadline  # type: ignore[arg-type]
    if not content:
        return None, deadline
    if len(content) <= _WHOLE_BODY_LIMIT:
        return content, deadline
    pieces = (content[i : i + _PIECE] for i in range(0, len(content), _PIECE))
    return _timed(_aiter(pieces), deadline, write_timeout), deadline


async def _aiter(pieces: Iterator[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def _timed(
    pieces: AsyncIterator[bytes], deadline: asyncio.Timeout, write_timeout: float | None
) -> AsyncIterator[bytes]:
    """`pieces`, each handed over with `write_timeout` seconds to be written; once the body is
    sent, the read timeout takes over."""
    loop = asyncio.get_running_loop()
    async for piece in pieces:
        if write_timeout is not None:
            deadline.reschedule(loop.time() + write_timeout)
        yield piece
    deadline.reschedule(None)


def _httpx_error(error: Exception) -> Exception:
    """aiohttp's error as the httpx one the clients retry, resume and report on; any other
    exception (a deadline of the caller's own, say) as it is."""
    import aiohttp

    message = str(error) or type(error).__name__
    kind: type[httpx.TransportError]
    if not isinstance(error, aiohttp.ClientError):
        return error
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        kind = httpx.ConnectTimeout
    elif isinstance(error, aiohttp.ServerTimeoutError):
        kind = httpx.ReadTimeout
    elif isinstance(error, aiohttp.ClientProxyConnectionError):
        kind = httpx.ProxyError
    elif isinstance(error, aiohttp.ClientConnectorError):
        kind = httpx.ConnectError  # DNS, refused, TLS: the request was never sent
    elif isinstance(error, aiohttp.NonHttpUrlClientError | aiohttp.InvalidUrlClientError):
        kind = httpx.UnsupportedProtocol
    elif isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        kind = httpx.RemoteProtocolError  # cut off before or inside the response
    elif isinstance(error, aiohttp.ClientResponseError):
        kind = httpx.RemoteProtocolError  # a response that is not HTTP
    else:
        kind = httpx.ReadError
    return kind(message)
