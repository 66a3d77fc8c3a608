"""The relay API as a Starlette app: the route table and how paths match it, error rendering,
CORS and the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..config import Settings
from ..errors import ApiError
from ..faults import FaultMiddleware, Faults
from ..relay import Relay
from .chat import Chat, Stream
from .cors import Cors
from .endpoint import api_error, http_error
from .files import FileExists, FileInfo, FileList, Files, MakeDir, Rename
from .meta import Health, OpenApi
from .sandboxes import Exec, GitClone, Sandbox, Sandboxes
from .threads import Thread, Threads
from .tokens import Tokens
from .vault_access import VAULTS_PREFIX
from .vaults import Credential, Credentials, SetDefault, Vault, Vaults

SANDBOX = "/v1/sandboxes/{sandbox_id}"
VAULT = VAULTS_PREFIX + "/{vault_id}"

ROUTES = [
    Route("/health", Health),
    Route("/openapi.yaml", OpenApi),
    Route("/v1/tokens", Tokens),
    Route("/v1/sandboxes", Sandboxes),
    Route(SANDBOX, Sandbox),
    Route(SANDBOX + "/exec", Exec),
    Route(SANDBOX + "/git/clone", GitClone),
    Route(SANDBOX + "/files", Files),
    Route(SANDBOX + "/files/list", FileList),
    Route(SANDBOX + "/files/info", FileInfo),
    Route(SANDBOX + "/files/exists", FileExists),
    Route(SANDBOX + "/files/mkdir", MakeDir),
    Route(SANDBOX + "/files/rename", Rename),
    Route(SANDBOX + "/threads", Threads),
    Route(SANDBOX + "/threads/{thread_id}", Thread),
    Route("/v1/chat/{agent}", Chat),
    Route("/v1/chat/{agent}/{sandbox_id}/stream", Stream),
    Route(VAULTS_PREFIX, Vaults),
    Route(VAULT, Vault),
    Route(VAULT + "/set-default", SetDefault),
    Route(VAULT + "/credentials", Credentials),
    Route(VAULT + "/credentials/{credential_id}", Credential),
]


class OneTrailingSlash:
    """Routing as production's (Express) does it: a path with one trailing slash is the same
    route as without, served as is (no redirect, which would skip auth and name the caller's
    own Host)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and len(path) > 1 and path.endswith("/"):
            raw = scope.get("raw_path")
            scope = {**scope, "path": path[:-1]}
            if isinstance(raw, bytes) and raw.endswith(b"/"):
                scope["raw_path"] = raw[:-1]
        await self.app(scope, receive, send)


def create_app(settings: Settings, faults: Faults | None = None) -> Starlette:
    """The relay as an ASGI app. Its state lives for the app's lifespan; `faults` (with the
    config's `[[faults]]`) make it misbehave on purpose."""

    faults = faults if faults is not None else Faults()
    for spec in settings.faults:
        faults.add_spec(spec)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        relay = Relay(settings, faults)
        app.state.relay = relay
        await relay.start()
        try:
            yield
        finally:
            await relay.stop()

    app = Starlette(
        routes=ROUTES,
        lifespan=lifespan,
        exception_handlers={ApiError: api_error, HTTPException: http_error},
    )
    app.router.redirect_slashes = False
    # Cors is added last, so it is the outermost: an injected error carries its headers too.
    # Faults see the path as routing does.
    app.add_middleware(FaultMiddleware, faults=faults)
    app.add_middleware(OneTrailingSlash)
    app.add_middleware(Cors)
    return app
