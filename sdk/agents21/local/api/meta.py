"""Routes that need no credentials: health, and the API contract itself."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from ..config import Settings
from ..errors import ApiError
from ..store import now_iso
from ..wire import JSONResponse
from .deps import relay_of
from .endpoint import Endpoint


class Health(Endpoint):
    public = True

    async def get(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "timestamp": now_iso()})


class OpenApi(Endpoint):
    public = True

    async def get(self, request: Request) -> Response:
        path = find_openapi(relay_of(request).settings)
        if path is None:
            raise ApiError(404, "not_found", "openapi.yaml is not available in this installation")
        return Response(path.read_bytes(), media_type="application/yaml")


def find_openapi(settings: Settings) -> Path | None:
    here = Path(__file__).resolve()
    candidates = [
        settings.openapi_path,
        here.parents[4] / "openapi.yaml",
        here.parents[1] / "openapi.yaml",
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    return None
