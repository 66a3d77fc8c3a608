"""The AI SDK's UI message stream on the wire: the headers a browser expects, and a chunk as
an SSE event (`data: <json>\\n\\n`, ending with `data: [DONE]\\n\\n`)."""

from __future__ import annotations

import json
import re
from typing import Any, Final

UI_MESSAGE_STREAM_HEADERS: Final = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",  # proxies must not hold the stream back
}
DONE_EVENT: Final = b"data: [DONE]\n\n"
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any) -> str:
    """Compact JSON as `JSON.stringify` writes it: other characters as they are, and a lone
    surrogate (half of a character split across two chunks, say) as its `\\u` escape, since
    UTF-8 cannot hold it. Outside strings JSON has no such characters."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def sse_event(chunk: dict[str, Any]) -> bytes:
    """One chunk as an SSE event."""
    return b"data: " + json_text(chunk).encode() + b"\n\n"
