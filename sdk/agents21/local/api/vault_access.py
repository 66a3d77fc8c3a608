"""Who may use the vault routes: secret keys, each within its request limit."""

from __future__ import annotations

from starlette.requests import Request

from ..errors import ApiError
from .deps import principal_of, relay_of

VAULTS_PREFIX = "/v1/mcp/vaults"
_GATED = "agents21.vault_gated"


def vault_gate(request: Request) -> None:
    """Secret keys only, within their request limit; counts the request. Once per request (an
    unknown method on a vault path passes here again on its way to the 404)."""
    if request.scope.get(_GATED):
        return
    request.scope[_GATED] = True
    principal = principal_of(request)
    if principal.kind != "key" or principal.key_id is None:
        raise ApiError(
            403, "api_key_required", "Vault management requires a server API key", shape="code"
        )
    relay = relay_of(request)
    limit = principal.request_limit
    if limit is None:
        limit = relay.settings.vault_request_limit
    if relay.key_requests[principal.key_id] >= limit:
        raise ApiError(
            429,
            "rate_limit_exceeded",
            "API key request limit exceeded",
            shape="code",
            headers={"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": "0"},
        )
    relay.key_requests[principal.key_id] += 1
