"""Client configuration: the defaults, the key and URL from the environment, timeouts, the HTTP
client each kind of client makes for itself."""

from __future__ import annotations

import os
from typing import Any, Final

import httpx

from ._version import __version__

DEFAULT_BASE_URL: Final = "https://relay.an.dev"
API_KEY_ENV: Final = "API_KEY_21ST"
BASE_URL_ENV: Final = "BASE_URL_21ST"
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_MAX_RESUME_ATTEMPTS: Final = 5
# Ordinary calls: a minute to answer, ten seconds to connect.
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
# A run may stay silent while a tool works; production sends no keep-alives.
DEFAULT_STREAM_READ_TIMEOUT: Final = 600.0
USER_AGENT: Final = f"agents21-python/{__version__}"

TimeoutTypes = float | httpx.Timeout | None


class _Cookies(httpx.Cookies):
    """httpx's cookie jar, shown a response only when it sets a cookie: to show it one, httpx
    wraps the response and its request in urllib's types, a quarter of an async call's time
    over an in-memory transport, and without these headers the jar does nothing with it."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


class _CookieJarMixin:
    """A client whose cookies, from the start and however set, are a `_Cookies` (httpx's own
    constructor stores them without its setter)."""

    def __init__(self, *args: Any, cookies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._jar = _Cookies(cookies)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._jar

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._jar = _Cookies(cookies)


class _AsyncClient(_CookieJarMixin, httpx.AsyncClient):
    pass


class _Client(_CookieJarMixin, httpx.Client):
    pass


def default_async_http_client(timeout: httpx.Timeout) -> httpx.AsyncClient:
    """httpx's API over aiohttp's connections: many concurrent streams, see _aiohttp_transport."""
    from ._aiohttp_transport import AiohttpTransport

    return _AsyncClient(timeout=timeout, transport=AiohttpTransport())


def default_http_client(timeout: httpx.Timeout) -> httpx.Client:
    return _Client(timeout=timeout)


def resolve_api_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if not key:
        raise ValueError(
            f"No API key: pass api_key=... or set the {API_KEY_ENV} environment variable "
            "(a secret key `21st_sk_…`, or a token `an_t_…`)."
        )
    return key


def resolve_base_url(base_url: str | httpx.URL | None) -> str:
    url = str(base_url) if base_url is not None else os.environ.get(BASE_URL_ENV) or ""
    url = url or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base_url must start with http:// or https://, got {url!r}.")
    return url.rstrip("/")


def to_timeout(value: TimeoutTypes) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


def stream_timeout(timeout: httpx.Timeout) -> httpx.Timeout:
    """The timeout for reading a run: the client's, with a read limit long enough for tools."""
    if timeout.read is not None and timeout.read < DEFAULT_STREAM_READ_TIMEOUT:
        return httpx.Timeout(
            connect=timeout.connect,
            read=DEFAULT_STREAM_READ_TIMEOUT,
            write=timeout.write,
            pool=timeout.pool,
        )
    return timeout
