"""How a route runs: `Endpoint` authenticates the caller and turns every failure into an
`ApiError`; the app renders it, and unknown routes and methods, in one place
(`exception_handlers`)."""

from __future__ import annotations

import errno
import logging

from starlette.endpoints import HTTPEndpoint
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..auth import Principal
from ..errors import ApiError, Shape, invalid
from .deps import relay_of
from .vault_access import VAULTS_PREFIX, vault_gate

log = logging.getLogger("agents21.local")

# Filesystem refusals caused by the request (a name too long, a file where a directory is
# needed…) are the caller's to fix, not server faults.
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


def authenticate(request: Request) -> Principal:
    """The caller its credentials name; an `ApiError` (401/403) when they do not pass."""
    return relay_of(request).auth.authenticate(request.headers.get("authorization"))


class Endpoint(HTTPEndpoint):
    """The methods of one path. The caller is authenticated first (`principal_of` reads who
    it is), unless the endpoint is `public`, then `authorize`d; HEAD is served by `get`.
    Unforeseen failures answer in the routes' error `shape`."""

    public = False
    shape: Shape = "envelope"

    def authorize(self, request: Request) -> None:
        """Refuse a caller this endpoint does not serve (an `ApiError`); all pass by default."""

    async def dispatch(self) -> None:
        request = Request(self.scope, receive=self.receive)
        request.state.principal = (
            Principal(kind="anonymous") if self.public else authenticate(request)
        )
        self.authorize(request)
        name = "get" if request.method == "HEAD" else request.method.lower()
        handler = getattr(self, name, None)
        if handler is None:
            raise HTTPException(405)  # answered as production does, see `http_error`
        try:
            response: Response = await handler(request)
        except (ApiError, HTTPException):
            raise
        except OSError as exc:
            if exc.errno not in CLIENT_ERRNOS:
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                raise self._internal_error() from exc
            raise invalid(f"{exc.strerror or exc}") from exc
        except Exception as exc:
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            raise self._internal_error() from exc
        await response(self.scope, self.receive, self.send)

    def _internal_error(self) -> ApiError:
        return ApiError(500, "internal_error", "Internal server error", shape=self.shape)


async def api_error(request: Request, exc: Exception) -> Response:
    """Every refusal, as the error body of its shape."""
    assert isinstance(exc, ApiError)
    return exc.response()


# Production authenticates everything below these before it looks for a route.
AUTH_FIRST = ("/v1/tokens", "/v1/sandboxes", VAULTS_PREFIX, "/v1/chat")


def _under(path: str, prefix: str) -> bool:
    """Whether `path` is `prefix` or below it (a whole segment: not `/v1/chatty`)."""
    return path == prefix or path.startswith(prefix + "/")


async def http_error(request: Request, exc: Exception) -> Response:
    """An unknown route or method is a 404, never a 405, as production answers; below the
    authenticated prefixes a caller without valid credentials hears 401 first."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status in (404, 405):
        path = request.url.path
        if any(_under(path, prefix) for prefix in AUTH_FIRST):
            try:
                request.state.principal = authenticate(request)
                if _under(path, VAULTS_PREFIX):  # counted before routing, as production
                    vault_gate(request)
            except ApiError as denied:
                return denied.response()
        return ApiError(404, "not_found", f"Cannot {request.method} {path}").response()
    return ApiError(status, "error", str(getattr(exc, "detail", "error"))).response()
