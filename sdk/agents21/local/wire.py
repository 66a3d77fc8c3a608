"""JSON as the relay writes it, the way `JSON.stringify` does: compact, other characters as
they are, and a lone surrogate (half of a character split across two chunks, say) as a
`\\uXXXX` escape, since UTF-8 cannot hold it."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.responses import JSONResponse as _StarletteJSONResponse

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> str:
    """Compact JSON text that always encodes as UTF-8."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    # Outside strings JSON has no such characters, so every one found is inside a string.
    return _SURROGATE.sub(_escape, text)


class JSONResponse(_StarletteJSONResponse):
    """Starlette's JSON response, written by `dumps`."""

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")
