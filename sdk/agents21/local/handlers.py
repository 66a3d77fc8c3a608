"""HTTP plumbing shared by every route: body reading, auth, error answers, CORS."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import Principal
from .errors import INVALID_JSON, ApiError, Shape, invalid
from .relay import Relay
from .store import SandboxRow
from .validate import parse_uint, require_object

log = logging.getLogger("agents21.local")

CLIENT_ERRNOS = {
    errno.ENAMETOOLONG,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EEXIST,
    errno.ENOTEMPTY,
    errno.EINVAL,
    errno.ELOOP,
    errno.ENOENT,
    errno.EXDEV,
}

Handler = Callable[[Request, Principal], Awaitable[Response]]
# A request body (at most 10 MB) must arrive within this long.
BODY_TIMEOUT_S = 60.0


def relay_of(request: Request) -> Relay:
    relay: Relay = request.app.state.relay
    return relay


def is_json(request: Request) -> bool:
    """Whether the body is declared JSON: production parses a body only then."""
    media = request.headers.get("content-type", "").split(";", 1)[0]
    return media.strip().lower() == "application/json"


async def read_json(request: Request, *, shape: Shape = "envelope") -> Any:
    """The body as JSON: empty means {}. Malformed, over the 10 MB limit, or a top-level value
    that is neither an object nor an array: the flat 400 `invalid_json`, as production.

    A body not declared JSON (or no body and no type) is a 415 in the route's error `shape`:
    production leaves it unparsed and fails with a 500."""
    if not is_json(request):
        raise ApiError(
            415, "unsupported_media_type", "Content-Type must be application/json", shape=shape
        )
    limit = relay_of(request).settings.max_body_bytes
    declared = parse_uint(request.headers.get("content-length", "").strip())
    if declared is not None and declared > limit:
        raise INVALID_JSON
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_TIMEOUT_S):
            async for chunk in request.stream():
                body.extend(chunk)
                if len(body) > limit:
                    raise INVALID_JSON
    except TimeoutError:
        raise ApiError(
            408,
            "request_timeout",
            f"The request body did not arrive within {BODY_TIMEOUT_S:g} s",
            shape="code",
        ) from None
    if not body.strip():
        return {}
    try:
        value = json.loads(bytes(body), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise INVALID_JSON from None
    # `\ud800` parses to a lone surrogate, which no UTF-8 file, database row or response can
    # hold: refuse it here like any other malformed JSON. Only a \u escape can make one.
    if b"\\u" in body and not _utf8_encodable(value):
        raise INVALID_JSON
    if not isinstance(value, dict | list):
        raise INVALID_JSON
    return value


def _utf8_encodable(value: Any) -> bool:
    """Every string in a parsed JSON value (keys too) encodes as UTF-8; no recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


async def read_object(request: Request) -> dict[str, Any]:
    return require_object(await read_json(request))


def endpoint(handler: Handler, *, auth: bool = True) -> Callable[[Request], Awaitable[Response]]:
    """Authenticate, run, and turn every failure into an API error body: never a traceback."""

    async def wrapped(request: Request) -> Response:
        try:
            if auth:
                principal = relay_of(request).auth.authenticate(
                    request.headers.get("authorization")
                )
            else:
                principal = Principal(kind="anonymous")
            return await handler(request, principal)
        except ApiError as exc:
            return exc.response()
        except OSError as exc:
            # Filesystem refusals caused by the request (a name too long, a file where a
            # directory is needed…) are the caller's to fix, not server faults.
            if exc.errno in CLIENT_ERRNOS:
                return invalid(f"{exc.strerror or exc}").response()
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            return ApiError(500, "internal_error", "Internal server error").response()
        except Exception:
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            return ApiError(500, "internal_error", "Internal server error").response()

    return wrapped


def sandbox_of(request: Request, *, touch: bool = True) -> SandboxRow:
    # Reading a sandbox's or a thread's state is not activity: only work in it keeps it alive.
    return relay_of(request).sandboxes.get(request.path_params["sandbox_id"], touch=touch)


def query_path(request: Request) -> str:
    path = request.query_params.get("path")
    if not path:
        raise invalid("path query parameter is required")
    return path


class Cors:
    """Origin reflected with credentials; preflights answered before auth."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if scope["method"] == "OPTIONS":
            allow_headers = headers.get(
                "access-control-request-headers",
                "Authorization, Content-Type, Last-Event-ID",
            )
            preflight = {
                "Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
                "Access-Control-Allow-Headers": allow_headers,
                **_cors_headers(origin),
            }
            await Response(status_code=204, headers=preflight)(scope, receive, send)
            return
        if not origin:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for key, value in _cors_headers(origin).items():
                    out[key] = value
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _cors_headers(origin: str | None) -> dict[str, str]:
    if not origin:
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }


# Production authenticates everything below these before it looks for a route.
AUTH_FIRST = ("/v1/tokens", "/v1/sandboxes", "/v1/mcp/vaults", "/v1/chat")


async def http_error(request: Request, exc: Exception) -> Response:
    """An unknown route or method is a 404, never a 405, as production answers; below the
    authenticated prefixes a caller without valid credentials hears 401 first."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status in (404, 405):
        path = request.url.path
        if path.startswith(AUTH_FIRST):
            try:
                relay_of(request).auth.authenticate(request.headers.get("authorization"))
            except ApiError as denied:
                return denied.response()
        return ApiError(404, "not_found", f"Cannot {request.method} {path}").response()
    return ApiError(status, "error", str(getattr(exc, "detail", "error"))).response()
