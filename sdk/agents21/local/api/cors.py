"""CORS as production answers it: the origin reflected with credentials, preflights before auth."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
