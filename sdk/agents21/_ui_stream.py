"""The AI SDK's UI message stream on the wire: the headers a browser expects, a chunk as an SSE
event (`data: <json>\\n\\n`, ending with `data: [DONE]\\n\\n`), and JSON written and read as
JavaScript writes and reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Final, NoReturn, cast

UI_MESSAGE_STREAM_HEADERS: Final = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",  # proxies must not hold the stream back
}
# The same for a WSGI app (Flask, Django under WSGI): PEP 3333 leaves hop-by-hop headers such
# as `connection` to the server, and servers refuse an app that sets them.
WSGI_UI_MESSAGE_STREAM_HEADERS: Final = {
    k: v for k, v in UI_MESSAGE_STREAM_HEADERS.items() if k != "connection"
}
DONE_EVENT: Final = b"data: [DONE]\n\n"
# Content codings that leave the bytes as they are. The relay sends `content-encoding: none`
# with every run (to keep proxies from compressing it), which httpx decodes as no coding at all.
_IDENTITY_CODINGS: Final = frozenset(("", "identity", "none"))
_SURROGATE = re.compile("[\ud800-\udfff]")
# `json.dumps` with arguments builds an encoder per call; this one is built once.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def unencoded(content_encoding: str | None) -> bool:
    """Whether a body with this Content-Encoding is its bytes as sent; any other coding is left
    to httpx's decoders."""
    if content_encoding is None:
        return True
    return all(c.strip().lower() in _IDENTITY_CODINGS for c in content_encoding.split(","))


def json_text(value: Any) -> str:
    """Compact JSON as `JSON.stringify` writes it: other characters as they are, and a lone
    surrogate (half of a character split across two chunks, say) as its `\\u` escape, since
    UTF-8 cannot hold it. Outside strings JSON has no such characters."""
    text = _COMPACT_JSON.encode(value)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def sse_event(chunk: dict[str, Any]) -> bytes:
    """One chunk as an SSE event."""
    return b"data: " + json_text(chunk).encode() + b"\n\n"


def _not_json(constant: str) -> NoReturn:
    raise ValueError(f"{constant} is not JSON")  # JSON.parse refuses it too


def _make_loads() -> Callable[[str | bytes], Any]:
    decoder = json.JSONDecoder(parse_constant=_not_json)
    try:
        from _json import make_scanner
    except ImportError:  # an interpreter without the C accelerator
        scan_once = None
    else:
        scan_once = make_scanner(cast(Any, decoder))  # the stub wants a scanner

    def slow(text: str | bytes) -> Any:
        return json.loads(text, parse_constant=_not_json)

    def loads(text: str | bytes) -> Any:
        """`json.loads(text)` as `JSON.parse` reads it: `NaN` and `Infinity` are refused, and
        so is a value nested too deeply to build (a ValueError, never a RecursionError). A str
        that is exactly one JSON value (what every event carries) goes straight to the C
        scanner, skipping the Python-level calls and regex matches `json.loads` spends on it."""
        try:
            if scan_once is None or type(text) is not str:
                return slow(text)
            try:
                value, end = scan_once(text, 0)
            except StopIteration:
                return slow(text)  # leading whitespace, or no value at all: json.loads decides
            if end != len(text):
                return slow(text)  # trailing whitespace or extra data: json.loads decides
            return value
        except RecursionError:
            raise ValueError("JSON value nested too deeply") from None

    return loads


loads: Final = _make_loads()
