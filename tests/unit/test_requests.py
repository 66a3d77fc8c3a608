"""`build_request` builds what `httpx.Request` builds: the same headers in the same order, the
same body, URL and method, for every shape of call the clients make."""

from __future__ import annotations

import math
from typing import Any

import httpx
import pytest

from agents21._requests import build_request

URL = httpx.URL("http://127.0.0.1:8787/v1/chat/agent")
CLIENT_HEADERS = {
    "Accept": "application/json",
    "User-Agent": "agents21-python/test",
    "Authorization": "Bearer 21st_sk_test",
}
HEADER_SETS = {
    "the client's": CLIENT_HEADERS,
    "with a content type": {**CLIENT_HEADERS, "content-type": "application/json"},
    "caller's own derived headers": {
        "HOST": "relay.example",
        "Content-Length": "3",
        "Content-Type": "text/plain",
    },
    "chunked": {"Transfer-Encoding": "chunked"},
    "none": {},
}
CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "JSON object, not ASCII": ("POST", {"json": {"text": "héllo ✓", "n": [1, 2.5, None]}}),
    "JSON list": ("PUT", {"json": []}),
    "JSON false": ("PATCH", {"json": False}),
    "POST without a body": ("POST", {}),
    "GET": ("GET", {}),
    "GET with a query": ("GET", {"params": {"path": "/a b", "all": "true"}}),
    "DELETE": ("DELETE", {}),
    "raw bytes": ("POST", {"content": b"\x00\x01 raw"}),
}


@pytest.mark.parametrize("headers", HEADER_SETS.values(), ids=HEADER_SETS.keys())
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_the_request_is_httpx_own(
    call: tuple[str, dict[str, Any]], headers: dict[str, str]
) -> None:
    method, kwargs = call
    extensions = {"timeout": {"connect": 1.0, "read": 2.0, "write": 3.0, "pool": 4.0}}
    expected = httpx.Request(
        method,
        URL,
        params=kwargs.get("params"),
        headers=headers,
        json=kwargs.get("json"),
        content=kwargs.get("content"),
        extensions=extensions,
    )
    built = build_request(
        method,
        URL,
        headers=httpx.Headers(headers),
        params=kwargs.get("params"),
        json_body=kwargs.get("json"),
        content=kwargs.get("content"),
        extensions=extensions,
    )
    assert built.headers.raw == expected.headers.raw
    assert built.content == expected.content
    assert (built.method, built.url, built.extensions) == (
        expected.method,
        expected.url,
        expected.extensions,
    )


def test_a_body_httpx_refuses_is_refused_alike() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        httpx.Request("POST", URL, json={"x": math.nan})
    with pytest.raises(ValueError, match="JSON compliant"):
        build_request(
            "POST", URL, headers=httpx.Headers(), json_body={"x": math.nan}, extensions={}
        )


def test_the_body_is_replayable() -> None:
    """A retry sends the same request again: its body must read the same every time."""
    request = build_request("POST", URL, headers=httpx.Headers(), json_body={"a": 1}, extensions={})
    assert b"".join(request.stream) == b"".join(request.stream) == b'{"a":1}'  # type: ignore[arg-type]
