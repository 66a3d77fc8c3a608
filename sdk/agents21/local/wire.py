"""JSON answers as the relay writes them: as `JSON.stringify` does (`agents21._ui_stream`)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse as _StarletteJSONResponse

from .._ui_stream import json_text as dumps

__all__ = ["JSONResponse", "dumps"]


class JSONResponse(_StarletteJSONResponse):
    """Starlette's JSON response, written by `dumps`."""

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")
