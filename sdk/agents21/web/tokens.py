"""Token endpoints for web apps: the Python counterpart of `@21st-sdk/nextjs/server`.

A browser must never hold the secret key. It asks your server for a short-lived `an_t_` token
instead, and these handlers answer that request with the key kept server-side:

    POST {"agent"?: "my-agent", "userId"?: "user-1"}  →  200 {"token": "an_t_…", "expiresAt": "…"}

Failures answer JSON too: `400` for a malformed body, `403` for a refused request, `405` (with
`Allow: POST`) for any other method, `413` for an oversized body, and `500 {"error": message}`
when the exchange fails, as the official handler does. With `cors_origins`, a browser on those
origins may call it from another origin (its preflight is answered). Both handlers are plain
ASGI / WSGI apps; see `agents21.web` for where each framework takes them.
"""

from __future__ import annotations

import inspect
import json
import math
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import httpx

from .._args import check_expires_in
from .._async.client import AsyncAgentClient
from .._async.exchange import async_exchange_token
from .._config import resolve_api_key, resolve_base_url
from .._errors import Agents21Error
from .._logs import logger
from .._sync.client import AgentClient
from .._sync.exchange import exchange_token

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from agents21_api.models import TokenResponse

__all__ = [
    "DEFAULT_HANDLER_TIMEOUT",
    "AsgiTokenHandler",
    "TokenDenied",
    "TokenGrant",
    "TokenRequest",
    "WsgiTokenHandler",
    "async_exchange_token",
    "exchange_token",
    "token_handler_asgi",
    "token_handler_wsgi",
]

# A browser is waiting on the answer: fail well before a minute.
DEFAULT_HANDLER_TIMEOUT: Final = httpx.Timeout(15.0, connect=5.0)
# The body is two short strings; anything much larger is not a token request.
MAX_BODY_BYTES: Final = 64 * 1024

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
HandlerTimeout: TypeAlias = float | httpx.Timeout | None


@dataclass(frozen=True)
class TokenRequest:
    """A token request as `authorize` sees it: what the body asked for, and the HTTP request."""

    agent: str | None
    """The body's `agent`, else the handler's `agent` (None: every agent)."""
    user_id: str | None
    """The body's `userId`."""
    method: str
    path: str
    headers: Mapping[str, str]
    """Lower-case names; repeated headers joined with `, `."""
    body: Mapping[str, Any]
    """The whole decoded JSON body (`{}` when empty)."""
    raw: Mapping[str, Any] = field(repr=False)
    """The ASGI scope or the WSGI environ, for whatever else a framework put there."""


@dataclass(frozen=True)
class TokenGrant:
    """What `authorize` allows: a token for `agent` (all agents when None) and `user_id`."""

    agent: str | None = None
    user_id: str | None = None


class TokenDenied(Exception):
    """Raise from `authorize` to refuse: answered as `status_code {"error": message}`."""

    def __init__(self, message: str = "Not allowed to get a token.", *, status_code: int = 403):
        if not 400 <= status_code < 500:
            raise ValueError(f"A refusal is a 4xx status, not {status_code}.")
        super().__init__(message)
        self.message = message
        self.status_code = status_code


Authorize: TypeAlias = Callable[[TokenRequest], TokenGrant | None]
AsyncAuthorize: TypeAlias = Callable[
    [TokenRequest], TokenGrant | Awaitable[TokenGrant | None] | None
]


# ---------------------------------------------------------------------------- shared logic
# Both handlers go through the same steps; only reading the body and calling the relay differ.


@dataclass(frozen=True)
class _Reply:
    status: int
    payload: Mapping[str, Any] | None  # None: no body (a preflight)
    allow: bool = False  # add `Allow: POST` (a 405)
    cors: tuple[tuple[str, str], ...] = ()

    def headers(self, length: int) -> list[tuple[str, str]]:
        headers = [
            # A token is a credential: no shared cache may keep it.
            ("cache-control", "no-store"),
            *self.cors,
        ]
        if self.payload is not None:
            headers += [("content-type", "application/json"), ("content-length", str(length))]
        if self.allow:
            headers.append(("allow", "POST, OPTIONS" if self.cors else "POST"))
        return headers

    def framework_headers(self) -> list[tuple[str, str]]:
        """The headers for a framework's response object, which sets the length itself."""
        return [(k, v) for k, v in self.headers(0) if k != "content-length"]

    def encode(self) -> bytes:
        if self.payload is None:
            return b""
        return json.dumps(self.payload, separators=(",", ":")).encode()

    def with_cors(self, cors: tuple[tuple[str, str], ...]) -> _Reply:
        return _Reply(self.status, self.payload, self.allow, cors) if cors else self


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.reply = _Reply(status, {"error": message})


_METHOD_NOT_ALLOWED: Final = _Reply(405, {"error": "Method not allowed; use POST."}, allow=True)
_TOO_LARGE: Final = _Reply(413, {"error": f"Request body over {MAX_BODY_BYTES} bytes."})


@dataclass(frozen=True)
class _Settings:
    api_key: str
    relay_url: str
    agent: str | None
    expires_in: str
    timeout: HandlerTimeout
    cors_origins: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        relay_url: str | None,
        client: AgentClient | AsyncAgentClient | None,
        client_type: type[AgentClient] | type[AsyncAgentClient],
        http_client: httpx.Client | httpx.AsyncClient | None,
        agent: str | None,
        expires_in: str,
        timeout: HandlerTimeout,
        cors_origins: Iterable[str] | None,
    ) -> _Settings:
        # Checked once at start-up, so a misconfigured app fails to boot rather than per request.
        if base_url is not None and relay_url is not None:
            raise ValueError("Pass base_url (relay_url is its old name), not both.")
        base_url = base_url if base_url is not None else relay_url
        if client is not None:
            if http_client is not None:
                raise ValueError("Pass client or http_client: the client has its own pool.")
            if not isinstance(client, client_type):
                raise TypeError(
                    f"client must be an {client_type.__name__} here, got {type(client).__name__}."
                )
            if api_key is not None or base_url is not None:
                raise ValueError("Pass client, or api_key and base_url: the client has its own.")
            api_key, base_url = client.api_key, str(client.base_url)
        key = resolve_api_key(api_key)
        if key.startswith("an_t_"):
            raise ValueError(
                "A token handler needs a secret key (21st_sk_…): tokens cannot mint tokens."
            )
        if agent is not None and (not isinstance(agent, str) or not agent.strip()):
            raise ValueError("agent must be a non-empty agent slug, or None for every agent.")
        if isinstance(timeout, int | float) and not (math.isfinite(timeout) and timeout > 0):
            raise ValueError("timeout must be a positive number of seconds.")
        origins = frozenset(o.lower() for o in _origins(cors_origins))
        return cls(
            api_key=key,
            relay_url=resolve_base_url(base_url),
            agent=agent,
            expires_in=check_expires_in(expires_in),
            timeout=timeout,
            cors_origins=origins,
        )

    def cors(self, origin: str | None) -> tuple[tuple[str, str], ...]:
        """The CORS headers for a request from `origin`: the allowed origin (`*` when every one
        is), and `Vary: Origin` on every answer once origins are configured, so that no cache
        serves one origin's answer to another."""
        if not self.cors_origins:
            return ()
        vary = ("vary", "Origin")
        if "*" in self.cors_origins:
            return (("access-control-allow-origin", "*"), vary)
        if origin is not None and origin.lower() in self.cors_origins:
            return (("access-control-allow-origin", origin), vary)
        return (vary,)

    def not_a_post(self, method: str, headers: Mapping[str, str]) -> _Reply | None:
        """The answer to anything but a POST: a preflight's, or 405; None for a POST."""
        if method == "OPTIONS":
            return self.preflight(headers)
        if method != "POST":
            return _METHOD_NOT_ALLOWED.with_cors(self.cors(headers.get("origin")))
        return None

    def preflight(self, headers: Mapping[str, str]) -> _Reply:
        """An `OPTIONS` request: a browser asking whether its origin may POST here."""
        cors = self.cors(headers.get("origin"))
        if not any(name == "access-control-allow-origin" for name, _ in cors):
            return _METHOD_NOT_ALLOWED.with_cors(cors)
        asked = headers.get("access-control-request-headers", "content-type")
        allowed = (
            ("access-control-allow-methods", "POST"),
            ("access-control-allow-headers", asked),
            ("access-control-max-age", "600"),
        )
        return _Reply(204, None, cors=cors + allowed)

    def request(
        self,
        body: bytes,
        *,
        method: str,
        path: str,
        headers: Mapping[str, str],
        raw: Mapping[str, Any],
    ) -> TokenRequest:
        data = _decode(body)
        agent = _optional_text(data, "agent")
        if self.agent is not None and agent not in (None, self.agent):
            raise _Refused(403, f'This endpoint gives tokens for agent "{self.agent}" only.')
        return TokenRequest(
            agent=agent if agent is not None else self.agent,
            user_id=_optional_text(data, "userId"),
            method=method,
            path=path,
            headers=headers,
            body=data,
            raw=raw,
        )


def _origins(values: Iterable[str] | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        raise TypeError('cors_origins must be a list of origins, e.g. ["https://app.example"].')
    origins = list(values)
    for origin in origins:
        if origin != "*" and (not isinstance(origin, str) or "://" not in origin):
            raise ValueError(
                f"cors_origins holds origins like https://app.example, got {origin!r}."
            )
        if isinstance(origin, str) and origin.endswith("/"):
            raise ValueError(f"An origin has no path or trailing slash: {origin!r}.")
    return origins


def _decode(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _Refused(400, "Request body must be valid JSON.") from None
    if not isinstance(data, dict):
        raise _Refused(400, 'Request body must be a JSON object like {"agent": "…"}.')
    return data


def _optional_text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Refused(400, f"{key} must be a non-empty string.")
    return value


def _granted(grant: TokenGrant | None) -> TokenGrant:
    if grant is None:
        raise TokenDenied()
    if not isinstance(grant, TokenGrant):
        raise TypeError(f"authorize must return a TokenGrant or None, got {type(grant).__name__}.")
    return grant


def _success(token: TokenResponse) -> _Reply:
    expires_at = token.expires_at
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    return _Reply(200, {"token": token.token, "expiresAt": _iso(expires_at)})


def _iso(moment: datetime) -> str:
    """The relay's own timestamp format: `2026-02-26T12:00:00.000Z`."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _failure(error: Exception) -> _Reply:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    logger.warning("Token exchange failed: %s", message)
    return _Reply(500, {"error": message})


# Failures of the exchange itself (the relay's refusal, a network error, a bad grant), answered
# as 500 like the official handler. Anything else is a bug and propagates to the server.
_EXCHANGE_ERRORS: Final = (Agents21Error, ValueError)


# ---------------------------------------------------------------------------- ASGI


class AsgiTokenHandler:
    """The ASGI token endpoint (an app object, so Starlette's `Route` mounts it as an app)."""

    def __init__(
        self,
        settings: _Settings,
        authorize: AsyncAuthorize | None,
        http_client: httpx.AsyncClient | None,
        client: AsyncAgentClient | None = None,
    ) -> None:
        self._settings = settings
        self._authorize = authorize
        self._http_client = http_client
        self._client = client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # served on its own, e.g. `uvicorn module:handler`
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            return
        reply = await self._handle(scope, receive)
        if reply is None:  # the client went away
            return
        body = reply.encode()
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode(), v.encode()) for k, v in reply.headers(len(body))],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _handle(self, scope: Scope, receive: Receive) -> _Reply | None:
        headers: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            _add_header(headers, name.decode("latin-1").lower(), value.decode("latin-1"))
        method = str(scope.get("method", "GET")).upper()
        early = self._settings.not_a_post(method, headers)
        if early is not None:
            return early
        reply = await self._post(scope, receive, method, headers)
        if reply is None:  # the client went away
            return None
        return reply.with_cors(self._settings.cors(headers.get("origin")))

    async def _post(
        self, scope: Scope, receive: Receive, method: str, headers: dict[str, str]
    ) -> _Reply | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return _TOO_LARGE
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        try:
            request = self._settings.request(
                b"".join(chunks),
                method=method,
                path=str(scope.get("root_path", "")) + str(scope.get("path", "")),
                headers=headers,
                raw=scope,
            )
            grant = await self._grant(request)
        except _Refused as refused:
            return refused.reply
        except TokenDenied as denied:
            return _Reply(denied.status_code, {"error": denied.message})
        settings = self._settings
        try:
            if self._client is not None:
                token = await self._client.tokens.create(
                    agent=grant.agent,
                    user_id=grant.user_id,
                    expires_in=settings.expires_in,
                    timeout=settings.timeout,
                )
            else:
                token = await async_exchange_token(
                    api_key=settings.api_key,
                    relay_url=settings.relay_url,
                    agent=grant.agent,
                    user_id=grant.user_id,
                    expires_in=settings.expires_in,
                    timeout=settings.timeout,
                    http_client=self._http_client,
                )
        except _EXCHANGE_ERRORS as error:
            return _failure(error)
        return _success(token)

    async def _grant(self, request: TokenRequest) -> TokenGrant:
        if self._authorize is None:
            return TokenGrant(agent=request.agent, user_id=request.user_id)
        decided = self._authorize(request)
        if inspect.isawaitable(decided):
            decided = await decided
        return _granted(decided)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def token_handler_asgi(
    *,
    client: AsyncAgentClient | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    agent: str | None = None,
    expires_in: str = "1h",
    timeout: HandlerTimeout = DEFAULT_HANDLER_TIMEOUT,
    authorize: AsyncAuthorize | None = None,
    cors_origins: Iterable[str] | None = None,
    http_client: httpx.AsyncClient | None = None,
    relay_url: str | None = None,
) -> AsgiTokenHandler:
    """An ASGI app that mints browser tokens with the async client.

    `client` is your app's `AsyncAgentClient` (its key, relay and connection pool); without it,
    `api_key` falls back to `API_KEY_21ST` and `base_url` to `BASE_URL_21ST` (then production),
    read now (`relay_url` is `base_url`'s old name). `agent` limits every token to that agent (a
    body naming another gets 403); without it the body's `agent` is used, and no agent at all
    gives a token for every agent. `authorize(request)` — plain or async — returns the
    `TokenGrant` to mint, None to refuse with 403, or raises `TokenDenied`. `cors_origins`
    (`["https://app.example"]`, or `["*"]`) lets browsers on those origins call it across
    origins. `http_client` shares a connection pool when there is no `client`.
    """
    settings = _Settings.of(
        api_key=api_key,
        base_url=base_url,
        relay_url=relay_url,
        client=client,
        client_type=AsyncAgentClient,
        http_client=http_client,
        agent=agent,
        expires_in=expires_in,
        timeout=timeout,
        cors_origins=cors_origins,
    )
    return AsgiTokenHandler(settings, authorize, http_client, client)


# ---------------------------------------------------------------------------- WSGI


class WsgiTokenHandler:
    """The WSGI token endpoint (a WSGI application)."""

    def __init__(
        self,
        settings: _Settings,
        authorize: Authorize | None,
        http_client: httpx.Client | None,
        client: AgentClient | None = None,
    ) -> None:
        self._settings = settings
        self._authorize = authorize
        self._http_client = http_client
        self._client = client

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        reply = self._handle(environ)
        body = reply.encode()
        status = f"{reply.status} {HTTPStatus(reply.status).phrase}"
        start_response(status, reply.headers(len(body)))
        return [body]

    def _handle(self, environ: WSGIEnvironment) -> _Reply:
        return self.respond(
            method=str(environ.get("REQUEST_METHOD", "GET")),
            path=str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", "")),
            headers=_wsgi_headers(environ),
            read_body=lambda: _read_wsgi_body(environ),
            raw=environ,
        )

    def respond(
        self,
        *,
        method: str,
        path: str,
        headers: Mapping[str, str],
        read_body: Callable[[], bytes | None],
        raw: Mapping[str, Any],
    ) -> _Reply:
        """The answer to one request, from any framework that hands over its parts: header
        names lower-case, `read_body` None when the body is over the limit."""
        method = method.upper()
        early = self._settings.not_a_post(method, headers)
        if early is not None:
            return early
        reply = self._post(method, path, headers, read_body, raw)
        return reply.with_cors(self._settings.cors(headers.get("origin")))

    def _post(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        read_body: Callable[[], bytes | None],
        raw: Mapping[str, Any],
    ) -> _Reply:
        body = read_body()
        if body is None:
            return _TOO_LARGE
        try:
            request = self._settings.request(
                body, method=method, path=path, headers=headers, raw=raw
            )
            if self._authorize is None:
                grant = TokenGrant(agent=request.agent, user_id=request.user_id)
            else:
                grant = _granted(self._authorize(request))
        except _Refused as refused:
            return refused.reply
        except TokenDenied as denied:
            return _Reply(denied.status_code, {"error": denied.message})
        settings = self._settings
        try:
            if self._client is not None:
                token = self._client.tokens.create(
                    agent=grant.agent,
                    user_id=grant.user_id,
                    expires_in=settings.expires_in,
                    timeout=settings.timeout,
                )
            else:
                token = exchange_token(
                    api_key=settings.api_key,
                    relay_url=settings.relay_url,
                    agent=grant.agent,
                    user_id=grant.user_id,
                    expires_in=settings.expires_in,
                    timeout=settings.timeout,
                    http_client=self._http_client,
                )
        except _EXCHANGE_ERRORS as error:
            return _failure(error)
        return _success(token)


def _read_wsgi_body(environ: WSGIEnvironment) -> bytes | None:
    """The request body, or None when it is over the limit."""
    stream = environ["wsgi.input"]
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length > MAX_BODY_BYTES:
        return None
    if length >= 0:
        return bytes(stream.read(length))
    # No length: read only when the server marks the stream as ending (PEP 3333 forbids more).
    if not environ.get("wsgi.input_terminated"):
        return b""
    body = bytes(stream.read(MAX_BODY_BYTES + 1))
    return None if len(body) > MAX_BODY_BYTES else body


def _wsgi_headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = key[5:]
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            name = key
        else:
            continue
        if isinstance(value, str) and value:
            _add_header(headers, name.replace("_", "-").lower(), value)
    return headers


def _add_header(headers: dict[str, str], name: str, value: str) -> None:
    headers[name] = f"{headers[name]}, {value}" if name in headers else value


def token_handler_wsgi(
    *,
    client: AgentClient | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    agent: str | None = None,
    expires_in: str = "1h",
    timeout: HandlerTimeout = DEFAULT_HANDLER_TIMEOUT,
    authorize: Authorize | None = None,
    cors_origins: Iterable[str] | None = None,
    http_client: httpx.Client | None = None,
    relay_url: str | None = None,
) -> WsgiTokenHandler:
    """A WSGI app that mints browser tokens with the blocking client.

    Same options as `token_handler_asgi`, with your app's `AgentClient` as `client`;
    `authorize` is a plain function here, and `http_client` (thread-safe) may be shared by every
    request.
    """
    settings = _Settings.of(
        api_key=api_key,
        base_url=base_url,
        relay_url=relay_url,
        client=client,
        client_type=AgentClient,
        http_client=http_client,
        agent=agent,
        expires_in=expires_in,
        timeout=timeout,
        cors_origins=cors_origins,
    )
    return WsgiTokenHandler(settings, authorize, http_client, client)
