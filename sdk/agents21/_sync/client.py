# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.
"""`AgentClient`: configuration, the request loop (retries, timeouts, errors), resources."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from logging import DEBUG
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from .._args import with_extra_body
from .._concurrency import running_loop, sleep
from .._config import (
    DEFAULT_MAX_RESUME_ATTEMPTS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    TimeoutTypes,
    default_http_client,
    resolve_api_key,
    resolve_base_url,
    to_timeout,
)
from .._endpoints import Call
from .._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    ClientUsageError,
    make_status_error,
)
from .._logs import logger
from .._requests import build_request, request_url
from .._retry import retry_delay, should_retry_error, should_retry_status
from .._sentinel import NOT_GIVEN, NotGiven
from .resources import Sandboxes, Threads, Tokens

if TYPE_CHECKING:
    from .vaults import Vaults

T = TypeVar("T")


class AgentClient:
    """Client for the 21st Agents relay API.

    `api_key` falls back to `API_KEY_21ST`, `base_url` to `BASE_URL_21ST`, then the production
    relay. Use it as a context manager, or close it when done.
    """

    sandboxes: Sandboxes
    threads: Threads
    tokens: Tokens

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        *,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_resume_attempts: int = DEFAULT_MAX_RESUME_ATTEMPTS,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be an integer ≥ 0, got {max_retries!r}.")
        if (
            isinstance(max_resume_attempts, bool)
            or not isinstance(max_resume_attempts, int)
            or max_resume_attempts < 0
        ):
            raise ValueError(
                f"max_resume_attempts must be an integer ≥ 0, got {max_resume_attempts!r}."
            )
        expected = httpx.Client
        if http_client is not None and not isinstance(http_client, expected):
            raise TypeError(
                f"http_client must be an httpx.{expected.__name__}, "
                f"got {type(http_client).__name__}."
            )
        self.api_key = resolve_api_key(api_key)
        self.base_url = resolve_base_url(base_url)
        self.timeout = to_timeout(timeout)
        self.max_retries = max_retries
        self.max_resume_attempts = max_resume_attempts
        self.default_headers: dict[str, str] = dict(default_headers or {})
        self._owns_client = http_client is None
        self._client = http_client or default_http_client(self.timeout)
        self._loop: object | None = None  # the event loop of its first request
        self._headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            **self.default_headers,
            "Authorization": f"Bearer {self.api_key}",
        }
        self._timeouts = self.timeout.as_dict()
        self._headers_source: list[tuple[bytes, bytes]] | None = None
        self._headers_merged = httpx.Headers()
        self.sandboxes = Sandboxes(self)
        self.threads = Threads(self)
        self.tokens = Tokens(self)

    @cached_property
    def vaults(self) -> Vaults:
        """`client.vaults`: MCP credential vaults (loaded on first use: few apps need them)."""
        from .vaults import Vaults

        return Vaults(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        max_resume_attempts: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy with some settings changed, sharing this client's connection pool."""
        copy = type(self)(
            api_key=api_key or self.api_key,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            max_resume_attempts=(
                self.max_resume_attempts if max_resume_attempts is None else max_resume_attempts
            ),
            default_headers={**self.default_headers, **(default_headers or {})},
            http_client=self._client,
        )
        copy._owns_client = False
        return copy

    @property
    def http_client(self) -> httpx.Client:
        """The underlying httpx client (shared by copies from `with_options`)."""
        return self._client

    def close(self) -> None:
        """Close the connection pool, unless it was passed in or belongs to another client."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _check_usable(self) -> None:
        """A clear error for a closed client, or one used from a second event loop (its
        connections belong to the first)."""
        if self._client.is_closed:
            raise ClientUsageError(
                f"This {type(self).__name__} is closed (a run still open when it was closed "
                "cannot go on): close the client after its runs, or make a new one."
            )
        loop = running_loop()
        if loop is None:
            return
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise ClientUsageError(
                f"This {type(self).__name__} was first used in another event loop, and its "
                "connections belong to that one (each asyncio.run() starts a new loop): make "
                "one client per event loop, inside the coroutine you pass to asyncio.run()."
            )

    # ------------------------------------------------------------------ requests

    def _build_request(
        self,
        call: Call[Any],
        *,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> httpx.Request:
        client = self._client
        kwargs = call.request
        headers = self._merged_headers()
        call_headers: Mapping[str, str] = kwargs.get("headers") or {}
        # The generated call's headers are almost always there already (its JSON Content-Type).
        if extra_headers or any(headers.get(k) != v for k, v in call_headers.items()):
            headers = httpx.Headers(headers)
            headers.update(extra_headers)
            headers.update(call_headers)
        method = kwargs["method"].upper()
        url = request_url(self.base_url + kwargs["url"])
        params = kwargs.get("params")
        body = kwargs.get("json")
        content = kwargs.get("content")  # raw bytes, or chunks of a local file
        if extra_query:
            params = {**(params or {}), **extra_query}
        if extra_body:
            body = with_extra_body(body, content, extra_body)
        timeouts = (
            self._timeouts if isinstance(timeout, NotGiven) else to_timeout(timeout).as_dict()
        )
        if client.cookies or client.params:
            # A client passed in with cookies or query params of its own: httpx merges them.
            return client.build_request(
                method,
                url,
                params=params,
                json=body,
                content=content,
                headers=headers,
                extensions={"timeout": timeouts},
            )
        # What `client.build_request` would build, without merging the client's headers anew
        # on every call: that merge was half of what the SDK added to a call (bench/overhead.py).
        return build_request(
            method,
            url,
            headers=headers,
            params=params,
            json_body=body,
            content=content,
            extensions={"timeout": timeouts},
        )

    def _merged_headers(self) -> httpx.Headers:
        """The http client's headers overlaid with ours, rebuilt only when the client's change."""
        source = self._client.headers.raw
        if source != self._headers_source:
            merged = httpx.Headers(self._client.headers)
            merged.update(self._headers)
            self._headers_source, self._headers_merged = source, merged
        return self._headers_merged

    def _send(
        self,
        call: Call[Any],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        stream: bool = False,
        max_retries: int | None = None,
    ) -> httpx.Response:
        """Send with retries; a success response, else the mapped exception.

        With `stream=True` the success response is returned unread: the caller closes it.
        `extra_query` and `extra_body` add to the request's query and JSON body (a field a
        newer server accepts, say); the SDK's own values give way to them.
        """
        request = self._build_request(
            call,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return self._send_request(request, stream=stream, max_retries=max_retries)

    def _send_request(
        self, request: httpx.Request, *, stream: bool = False, max_retries: int | None = None
    ) -> httpx.Response:
        """`_send` for a request built already (see `_build_request`)."""
        self._check_usable()
        method = request.method
        retries = self.max_retries if max_retries is None else max_retries
        attempt = 0
        while True:
            try:
                response = self._client.send(request, stream=True)
                if logger.isEnabledFor(DEBUG):
                    logger.debug("%s %s -> %d", method, request.url, response.status_code)
                if stream and response.is_success:
                    return response
                # Read inside the try: a body cut off midway is a connection failure too.
                try:
                    response.read()
                finally:
                    response.close()
            except httpx.TransportError as error:
                if attempt < retries and should_retry_error(method, error):
                    delay = retry_delay(attempt)
                    logger.info(
                        "Retrying %s %s in %.2fs after %s (retry %d of %d)",
                        method, request.url.path, delay, type(error).__name__, attempt + 1, retries,
                    )  # fmt: skip
                    attempt += 1
                    sleep(delay)
                    continue
                if isinstance(error, httpx.TimeoutException):
                    raise APITimeoutError(request=request) from error
                raise APIConnectionError(f"Connection error: {error}", request=request) from error

            if response.is_success:
                return response
            if attempt < retries and should_retry_status(method, response.status_code):
                delay = retry_delay(attempt, response.headers)
                logger.info(
                    "Retrying %s %s in %.2fs after HTTP %d (retry %d of %d)",
                    method, request.url.path, delay, response.status_code, attempt + 1, retries,
                )  # fmt: skip
                attempt += 1
                sleep(delay)
                continue
            raise make_status_error(response)

    def _call(
        self,
        call: Call[T],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> T:
        """Send, and parse the success body into the endpoint's model."""
        response = self._send(
            call,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        try:
            return call.parse(response.json())
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise APIResponseValidationError(
                f"The {response.status_code} body of {call.request['url']} does not match the "
                f"API: {type(error).__name__}: {error}",
                response=response,
            ) from error
