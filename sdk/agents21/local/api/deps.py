"""What every route takes from its request: the relay, the caller, the body, the sandbox."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request

from ..._ui_stream import loads
from ..auth import Principal
from ..errors import INVALID_JSON, ApiError, Shape, invalid
from ..relay import Relay
from ..store import SandboxRow
from ..validate import parse_uint, require_object

# A request body (at most 10 MB) must arrive within this long.
BODY_TIMEOUT_S = 60.0


def relay_of(request: Request) -> Relay:
    relay: Relay = request.app.state.relay
    return relay


def principal_of(request: Request) -> Principal:
    """Who is calling, as `Endpoint` authenticated them before the route ran."""
    principal: Principal = request.state.principal
    return principal


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
        value = loads(bytes(body))  # as JSON.parse reads it: no NaN, nothing too deep
    except ValueError:
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


async def read_object(request: Request) -> dict[str, Any]:
    return require_object(await read_json(request))


def sandbox_of(request: Request, *, touch: bool = True) -> SandboxRow:
    # Reading a sandbox's or a thread's state is not activity: only work in it keeps it alive.
    return relay_of(request).sandboxes.get(request.path_params["sandbox_id"], touch=touch)


def query_path(request: Request) -> str:
    path = request.query_params.get("path")
    if not path:
        raise invalid("path query parameter is required")
    return path
