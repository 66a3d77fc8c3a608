"""One exception hierarchy for every failure, whatever shape the server's error body had."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from agents21_api.models import UIMessage

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Agents21Error",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "RunCancelledError",
    "RunFailedError",
    "UnprocessableEntityError",
    "VaultCoverageMissingError",
]


class Agents21Error(Exception):
    """Base class of every error this SDK raises on purpose."""


class ClientUsageError(Agents21Error):
    """The client was used in a way that cannot work: after it was closed, or from another
    event loop than the one it was made for. The message says what to do instead."""


class APIConnectionError(Agents21Error):
    """The request did not get a response: refused, reset, DNS, TLS, or a dropped stream."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None):
        super().__init__(message)
        self.message = message
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""

    def __init__(
        self, message: str = "Request timed out.", *, request: httpx.Request | None = None
    ):
        super().__init__(message, request=request)


class APIResponseValidationError(Agents21Error):
    """A success response whose body is not what the API promises (a newer or broken server)."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status_code = response.status_code


class APIStatusError(Agents21Error):
    """The server answered with a non-success status.

    `code` is the machine-readable code when the body had one (`sandbox_not_found`), `message` the
    human sentence, `body` the parsed JSON (or the raw text when the body was not JSON).
    """

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.code = code

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"{self.status_code}{code}: {self.message}"


class BadRequestError(APIStatusError):
    """400: the request was invalid (`invalid_request`, `invalid_json`, `git_clone_failed`, …)."""


class AuthenticationError(APIStatusError):
    """401: the credential is missing, malformed, unknown or expired."""


class PaymentRequiredError(APIStatusError):
    """402: billing is not set up (`billing_not_ready`) or a budget is spent (`budget_exceeded`)."""


class PermissionDeniedError(APIStatusError):
    """403: the key is inactive or expired, or the token may not use this agent or route."""


class NotFoundError(APIStatusError):
    """404: no such sandbox, thread, agent or file."""


class RequestTimeoutError(APIStatusError):
    """408: the server gave up (`command_timeout` for exec)."""


class ConflictError(APIStatusError):
    """409: `session_expired` or `sandbox_unavailable`."""


class UnprocessableEntityError(APIStatusError):
    """422."""


class VaultCoverageMissingError(UnprocessableEntityError):
    """422 `vault_coverage_missing`: the vaults do not cover the credentials in `missing`."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        code: str | None = None,
        missing: list[str] | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body, code=code)
        self.missing: list[str] = missing or []


class RateLimitError(APIStatusError):
    """429."""


class InternalServerError(APIStatusError):
    """5xx."""


class RunFailedError(Agents21Error):
    """The run ended with an `error` chunk (or its thread with status `error`).

    `message` holds what the run assembled before it failed (None when nothing was streamed).
    """

    def __init__(self, error_text: str, *, message: UIMessage | None = None) -> None:
        super().__init__(error_text)
        self.error_text = error_text
        self.message = message


class RunCancelledError(Agents21Error):
    """The run was cancelled (its thread ended with status `cancelled`)."""

    def __init__(self, text: str = "The run was cancelled.", *, thread_id: str | None = None):
        super().__init__(text)
        self.thread_id = thread_id


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _parse_body(response: httpx.Response) -> object:
    text = response.text
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def error_fields(body: object) -> tuple[str | None, str | None, dict[str, Any]]:
    """(code, message, detail) from any of the three error body shapes.

    Envelope `{"error": {"code", "message", …}}`, flat message `{"error": "…"}`, flat code
    `{"error": "<code>", "message": "…", "status": n}`.
    """
    if not isinstance(body, dict):
        return None, None, {}
    error = body.get("error")
    if isinstance(error, dict):
        code, message = error.get("code"), error.get("message")
        return (
            code if isinstance(code, str) else None,
            message if isinstance(message, str) else None,
            error,
        )
    if isinstance(error, str):
        message = body.get("message")
        if isinstance(message, str):
            return error, message, body
        return None, error, body
    message = body.get("message")
    return None, message if isinstance(message, str) else None, body


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The exception for a non-success response; the body must have been read."""
    body = _parse_body(response)
    code, message, detail = error_fields(body)
    status = response.status_code
    if message is None:
        message = body.strip()[:500] if isinstance(body, str) and body.strip() else None
    text = message or f"Request failed: {status}"
    if status == 422 and code == "vault_coverage_missing":
        missing = detail.get("missing")
        names = [m for m in missing if isinstance(m, str)] if isinstance(missing, list) else []
        return VaultCoverageMissingError(
            text, response=response, body=body, code=code, missing=names
        )
    cls = _STATUS_ERRORS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    return cls(text, response=response, body=body, code=code)
