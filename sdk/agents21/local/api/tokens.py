"""`POST /v1/tokens`: short-lived tokens for browsers, minted with a secret key.

This route answers errors in production's flat shapes (`{error, message, status}`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..._args import MAX_SAFE_INTEGER
from ..errors import ApiError
from ..wire import JSONResponse
from .deps import principal_of, read_json, relay_of
from .endpoint import Endpoint


def _invalid(message: str) -> ApiError:
    return ApiError(400, "invalid_request", message, shape="code")


class Tokens(Endpoint):
    async def post(self, request: Request) -> Response:
        if principal_of(request).kind != "key":
            raise ApiError(
                403,
                "forbidden",
                "Tokens cannot create other tokens. Use an API key (21st_sk_).",
                shape="message",
            )
        body = await read_json(request, shape="code")
        if not isinstance(body, dict):
            raise _invalid("Request body must be a JSON object")
        agents = body.get("agents")
        if agents is not None and (
            not isinstance(agents, list) or not all(isinstance(a, str) for a in agents)
        ):
            raise _invalid("agents must be an array of strings")
        for key in ("userId", "endUserId"):
            if body.get(key) is not None and not isinstance(body[key], str):
                raise _invalid(f"{key} must be a string")
        expires_in = body.get("expiresIn")
        if expires_in and not isinstance(expires_in, str):  # production fails with a 500
            raise _invalid('expiresIn must be a string like "1h"')
        max_messages = body.get("maxMessages")
        if max_messages is not None and (
            isinstance(max_messages, bool)
            or not isinstance(max_messages, int)
            or abs(max_messages) > MAX_SAFE_INTEGER
        ):
            raise _invalid(f"maxMessages must be an integer of at most {MAX_SAFE_INTEGER}")
        token, expires_at = relay_of(request).auth.mint(body)
        return JSONResponse({"token": token, "expiresAt": expires_at}, status_code=201)
