"""Chat views for Django: stream a run to the browser, answer its resume, read its chat
request. A plain view (under WSGI) takes the blocking client. Under ASGI, give `stream_run` the
async client's run from an async view: Django reads a blocking body to its end on a worker
thread before it sends anything.

    def chat(request: HttpRequest) -> HttpResponseBase:
        turn = read_chat_turn(request)
        run = client.threads.run(AGENT, [turn.message], sandbox_id=…, thread_id=…)
        return stream_run(run, metadata={"sandboxId": run.sandbox_id})

    def resume(request: HttpRequest, chat_id: str) -> HttpResponseBase:
        return resume_run(client, AGENT, sandbox_id_of(chat_id))
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from .._async.run import AsyncRun
from .._sync.client import AgentClient
from .._sync.run import Run
from .._ui_stream import UI_MESSAGE_STREAM_HEADERS, WSGI_UI_MESSAGE_STREAM_HEADERS
from .chat import ChatTurn, RunBody
from .tokens import MAX_BODY_BYTES, WsgiTokenHandler


def stream_run(
    run: Run | AsyncRun,
    *,
    metadata: Mapping[str, Any] | None = None,
    cancel_on_close: bool = False,
) -> StreamingHttpResponse:
    """The run as the AI SDK's UI message stream, with its headers; the response closes the
    run when it ends (see `agents21.web.starlette.stream_run`). Under ASGI, pass an `AsyncRun`
    from an async view: only that streams there."""
    if isinstance(run, AsyncRun):
        return StreamingHttpResponse(
            _async_body(run, metadata, cancel_on_close), headers=UI_MESSAGE_STREAM_HEADERS
        )
    body = RunBody(run, metadata=metadata, cancel_on_close=cancel_on_close)
    return StreamingHttpResponse(body, headers=WSGI_UI_MESSAGE_STREAM_HEADERS)


async def _async_body(
    run: AsyncRun, metadata: Mapping[str, Any] | None, cancel_on_close: bool
) -> AsyncIterator[bytes]:
    async with run:
        async for piece in run.iter_sse(metadata=metadata, cancel_on_close=cancel_on_close):
            yield piece


def resume_run(
    client: AgentClient,
    agent: str,
    sandbox_id: str,
    *,
    thread_id: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """The sandbox's live run, caught up from its start, or `204` when nothing streams; with
    `thread_id`, only that thread's run."""
    run = client.threads.resume(agent, sandbox_id, thread_id=thread_id)
    if run is None:
        return HttpResponse(status=204)
    return stream_run(run, metadata=metadata)


def read_chat_turn(request: HttpRequest) -> ChatTurn:
    """The browser's chat request; `ChatRequestError` (answer it with a 400) when the body is
    not JSON or not a chat request."""
    return ChatTurn.from_json(request.body)


def token_view(handler: WsgiTokenHandler) -> Callable[[HttpRequest], HttpResponse]:
    """A Django view of a token endpoint, so that its `authorize` sees Django's request
    (`TokenRequest.raw` is its `META`; the user is in your session): `path("api/token",
    token_view(token_handler_wsgi(client=client, authorize=…)))`. Django's CSRF protection
    applies to it as to any view: send the CSRF token from the page, or mark it exempt."""

    def agents21_token(request: HttpRequest) -> HttpResponse:
        def read_body() -> bytes | None:
            body = request.body
            return body if len(body) <= MAX_BODY_BYTES else None

        reply = handler.respond(
            method=request.method or "GET",
            path=request.path,
            headers={name.lower(): value for name, value in request.headers.items()},
            read_body=read_body,
            raw=request.META,
        )
        return HttpResponse(reply.encode(), status=reply.status, headers=reply.framework_headers())

    return agents21_token
