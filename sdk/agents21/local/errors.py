"""The three error body shapes of the relay API, as one exception type."""

from __future__ import annotations

from typing import Any, Literal

from .wire import JSONResponse

Shape = Literal["envelope", "message", "code"]


class ApiError(Exception):
    """An error answer. `shape` picks the body: envelope, flat message or flat code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        shape: Shape = "envelope",
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.shape = shape
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        if self.shape == "message":
            return {"error": self.message}
        if self.shape == "code":
            return {"error": self.code, "message": self.message, "status": self.status}
        return {"error": {"code": self.code, "message": self.message, **self.extra}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def invalid(message: str) -> ApiError:
    return ApiError(400, "invalid_request", message)


def not_found(code: str, message: str) -> ApiError:
    return ApiError(404, code, message)


def sandbox_not_found(sandbox_id: str) -> ApiError:
    return not_found("sandbox_not_found", f'Sandbox "{sandbox_id}" not found')


def agent_not_found(slug: str) -> ApiError:
    return not_found("agent_not_found", f'Agent "{slug}" not found')


def thread_not_found(thread_id: str) -> ApiError:
    return not_found("thread_not_found", f'Thread "{thread_id}" not found')


def file_not_found(path: str) -> ApiError:
    return not_found("file_not_found", f'File "{path}" not found')


INVALID_JSON = ApiError(400, "invalid_json", "Request body must be valid JSON", shape="code")
