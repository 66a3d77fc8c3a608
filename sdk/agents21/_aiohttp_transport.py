"""`AiohttpTransport`: httpx's API over aiohttp's connections, the async client's default.

The async client serves many runs at once, and every run's stream holds its connection for its
whole life. httpx's own pool (httpcore 1.0) rescans every connection for every queued request, so
its cost grows with the square of the streams open (the figures are in the README's Async
section, from bench/concurrency.py). So `AsyncAgentClient` keeps httpx's API (requests,
responses, errors, the `http_client` users pass in) and hands the connections to aiohttp; the
blocking client keeps httpx's pool, which threads never push that far.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import weakref
from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import aiohttp
    from yarl import URL

# httpx's keep-alive expiry: an idle connection is dropped after this many seconds.
KEEPALIVE_EXPIRY = 5.0
# Bodies up to this size go to aiohttp whole; larger ones in pieces, each bounded by the write
# timeout (aiohttp has none of its own).
_WHOLE_BODY_LIMIT = 64 * 1024
_PIECE = 64 * 1024


def _import_aiohttp() -> None:
    """Import aiohttp with a transport's first request, once: it costs more to import than httpx
    does, and an import inside each request would cost every request."""
    global aiohttp, URL
    import aiohttp
    from yarl import URL


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose connections are aiohttp's: pass it as
    `httpx.AsyncClient(transport=AiohttpTransport())` to keep an httpx client's other settings.

    `max_connections=None` (the default) opens as many connections as there are requests in
    flight, so a client full of streaming runs never makes a short call wait for a free one.
    httpx keeps doing redirects, cookies, proxies from the environment, decompression and
    event hooks; aiohttp only moves bytes. Timeouts follow httpx's: `connect` for opening a
    connection, `pool` for getting one, `read` for each wait on the response, `write` for each
    write of a large or streamed body. HTTP/1.1 only, as httpx's default. Bound to the event loop of its
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
        _import_aiohttp()
        if self._closed:
            raise RuntimeError("This AiohttpTransport is closed.")
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "AiohttpTransport runs on asyncio; on another event loop (trio), give the "
                "client http_client=httpx.AsyncClient() instead."
            ) from None
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
        session = self._session or self._open()
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            raise RuntimeError(
                "This AiohttpTransport was first used in another event loop, and its "
                "connections belong to that one: make one per event loop."
            )
        timeout = request.extensions.get("timeout", {})
        headers = [(k, v) for k, v in request.headers.multi_items() if k != "transfer-encoding"]
        url = URL(str(request.url), encoded=True)
        if url.user is not None or url.password is not None:
            url = url.with_user(None)  # httpx has turned them into the Authorization header
        data, writing = _body(request, timeout.get("write"))
        try:
            response = await session.request(
                request.method,
                url,
                headers=headers,
                data=data,
                allow_redirects=False,
                skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
                timeout=_aiohttp_timeout(
                    timeout.get("connect"), timeout.get("pool"), timeout.get("read")
                ),
                server_hostname=request.extensions.get("sni_hostname"),
            )
        except asyncio.CancelledError:
            if writing is None or not writing.expired:
                raise
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            raise httpx.WriteTimeout("Timed out writing the request body.") from None
        except Exception as error:
            if writing is not None and writing.source_error is not None:
                raise writing.source_error from None  # the body's own failure, as httpx gives it
            mapped = _httpx_error(error, request)
            if mapped is error:
                raise
            raise mapped from error
        finally:
            if writing is not None:
                writing.close()
        body = _ResponseBody(response, request, timeout.get("read"), loop)
        answer = httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=body,
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("ascii", "replace"),
            },
        )
        body._owner = weakref.ref(answer)
        return answer

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
    than a generator over aiohttp's: every layer costs each piece of every stream a step.

    The read timeout bounds each wait for a piece, as httpx's does. aiohttp's own (its
    `sock_read`, which bounded the wait for the head) would replace a timer on the event loop
    for every piece that arrives, and a thousand streams at once pay for each in the loop's
    timer heap; here one timer per body checks, when it fires, whether a read has been waiting
    that long, and if not is set again for the one that is.
    """

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        request: httpx.Request,
        read_timeout: float | None,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self._response: aiohttp.ClientResponse | None = response
        # The request its errors name, as they do when httpx's wrapper reads the body.
        self._request = request
        # Read beneath httpx's wrapper (`aunwrapped_body`), the body keeps the httpx
        # response's byte count itself, as the wrapper would have.
        self._counted: httpx.Response | None = None
        self._owner: weakref.ref[httpx.Response] | None = None  # the response made with it
        self._read_timeout = read_timeout
        self._loop = loop
        self._waiting_since: float | None = None  # when the read now waiting began
        self._bytes_before_wait = 0  # what the body had received by then
        self._deadline: asyncio.TimerHandle | None = None
        connection = response.connection
        if self._read_timeout is not None and connection is not None:
            protocol = connection.protocol
            if protocol is not None:
                protocol.read_timeout = None
                protocol.start_timeout()  # drops aiohttp's timer, which has done its part

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        response = self._response
        if response is None:
            raise StopAsyncIteration
        timeout = self._read_timeout
        if timeout is not None:
            self._waiting_since = now = self._loop.time()
            self._bytes_before_wait = response.content.total_bytes
            if self._deadline is None:
                self._deadline = self._loop.call_at(now + timeout, self._check_deadline)
        try:
            piece = await response.content.readany()
        except Exception as error:
            mapped = _httpx_error(error, self._request)
            if mapped is error:
                raise
            raise mapped from error
        finally:
            self._waiting_since = None
        if not piece:
            raise StopAsyncIteration
        if self._counted is not None:
            self._counted._num_bytes_downloaded += len(piece)
        return piece

    def _check_deadline(self) -> None:
        self._deadline = None
        since, response, timeout = self._waiting_since, self._response, self._read_timeout
        if since is None or response is None or timeout is None:
            return  # no read is waiting: the next one sets the timer again
        content = response.content
        if content.total_bytes != self._bytes_before_wait or content.is_eof():
            # What the read waited for has come (the loop was busy past the deadline): its
            # task has yet to run, and its next read sets the timer again.
            return
        if self._loop.time() < since + timeout:
            self._deadline = self._loop.call_at(since + timeout, self._check_deadline)
            return
        # The waiting read raises it (as httpx.ReadTimeout), and the connection is not reused.
        content.set_exception(aiohttp.ServerTimeoutError("Timed out reading the response body."))
        response.close()

    async def aclose(self) -> None:
        # Back to the pool when read to the end, closed otherwise.
        response, self._response = self._response, None
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if response is not None:
            response.release()
        # httpx's response and the wrapper its client puts around this body refer to each
        # other, so they and all they hold (request, headers, URL: some fifty objects a
        # call) would wait for the garbage collector, and make it run more often. Once the
        # response is closed nothing reads its stream again (httpx checks first), so the
        # wrapper, which has done its part by now, is let go here: all of it is then freed
        # as soon as the caller drops the response.
        owner = self._owner() if self._owner is not None else None
        if owner is not None and owner.is_closed:
            self._counted = None
            if owner.stream is not self:
                owner.stream = _CLOSED_BODY


_CLOSED_BODY = httpx.ByteStream(b"")  # a closed response's stream, never read


def aunwrapped_body(response: httpx.Response) -> httpx.AsyncByteStream | None:
    """The body this transport made for `response`, beneath httpx's wrapper; None when another
    transport made it. A run reads it straight: every piece is spared two generator steps of
    httpx's, and every open stream nine objects the garbage collector scans. What the wrapper
    does for each piece it does itself: aiohttp's errors become httpx's, naming the request, and
    the response counts its bytes and is marked consumed; `response.aclose()` still closes it."""
    body = getattr(response.stream, "_stream", None)  # where httpx's BoundAsyncStream keeps it
    if type(body) is not _ResponseBody:
        return None
    if response.is_stream_consumed:
        raise httpx.StreamConsumed()
    response.is_stream_consumed = True
    response._num_bytes_downloaded = 0
    body._counted = response
    return body


def unwrapped_body(response: httpx.Response) -> httpx.SyncByteStream | None:
    """The blocking client's `aunwrapped_body`: its connections are httpx's own."""
    return None


class _WriteDeadline:
    """httpx's write timeout, which aiohttp lacks: armed while aiohttp writes a piece of the body
    (and, after the last, until its writer is done), never while the body's own source makes the
    next piece, nor once the request has its answer. When it fires it cancels the request."""

    def __init__(self, timeout: float | None) -> None:
        self._timeout = timeout
        self._request_task = asyncio.current_task()
        self._handle: asyncio.TimerHandle | None = None
        self._open = True
        self.expired = False
        self.source_error: Exception | None = None

    def arm(self) -> None:
        if self._timeout is not None and self._open and self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self._timeout, self._fire)

    def disarm(self, *_: object) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def close(self) -> None:
        self._open = False
        self.disarm()

    def _fire(self) -> None:
        self._handle = None
        if self._open and self._request_task is not None:
            self.expired = True
            self._request_task.cancel()


def _body(
    request: httpx.Request, write_timeout: float | None
) -> tuple[object, _WriteDeadline | None]:
    """What aiohttp sends: small bodies whole, larger ones in pieces timed by the deadline
    that comes with them."""
    try:
        content = request.content
    except httpx.RequestNotRead:
        writing = _WriteDeadline(write_timeout)
        return _timed(request.stream, writing), writing  # type: ignore[arg-type]
    if not content:
        return None, None
    if len(content) <= _WHOLE_BODY_LIMIT:
        return content, None
    writing = _WriteDeadline(write_timeout)
    pieces = (content[i : i + _PIECE] for i in range(0, len(content), _PIECE))
    return _timed(_aiter(pieces), writing), writing


@lru_cache(maxsize=64)
def _aiohttp_timeout(
    connect: float | None, pool: float | None, read: float | None
) -> aiohttp.ClientTimeout:
    """httpx's timeouts as aiohttp's, made once for each set a client uses."""
    return aiohttp.ClientTimeout(
        total=None,
        # httpx's pool and connect limits in turn; aiohttp's `connect` spans both
        connect=None if connect is None else connect + (pool or 0),
        sock_connect=connect,
        sock_read=read,
    )


async def _aiter(pieces: Iterator[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def _timed(pieces: AsyncIterator[bytes], writing: _WriteDeadline) -> AsyncIterator[bytes]:
    """`pieces`, each with the write timeout to be written. This runs in aiohttp's writer task:
    between one piece and the next, aiohttp was writing."""
    source = pieces.__aiter__()
    while True:
        try:
            piece = await source.__anext__()
        except StopAsyncIteration:
            break
        except Exception as error:
            writing.source_error = error  # not a connection's failure: re-raised as it is
            raise
        writing.arm()
        yield piece
        writing.disarm()
    # The last writes (what aiohttp still buffers, a chunked body's end) take the rest.
    writer = asyncio.current_task()
    if writer is not None:
        writing.arm()
        writer.add_done_callback(writing.disarm)


def _httpx_error(error: Exception, request: httpx.Request) -> Exception:
    """aiohttp's error as the httpx one the clients retry, resume and report on, naming
    `request`; any other exception (a deadline of the caller's own, say) as it is."""
    if not isinstance(error, aiohttp.ClientError):
        return error
    kind: type[httpx.TransportError]
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
    return kind(str(error) or type(error).__name__, request=request)
