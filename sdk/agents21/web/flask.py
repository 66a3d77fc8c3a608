"""Chat routes for Flask apps (the blocking client): stream a run to the browser, answer its
resume, read its chat request.

    @app.post("/api/chat")
    def chat() -> Response:
        turn = read_chat_turn()
        run = client.threads.run(AGENT, [turn.message], sandbox_id=…, thread_id=…)
        return stream_run(run, metadata={"sandboxId": run.sandbox_id})

    @app.get("/api/chat/<chat_id>/stream")
    def resume(chat_id: str) -> Response:
        return resume_run(client, AGENT, sandbox_id_of(chat_id))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Request, Response, request, stream_with_context

from .._sync.client import AgentClient
from .._sync.run import Run
from .._ui_stream import WSGI_UI_MESSAGE_STREAM_HEADERS
from .chat import ChatTurn, RunBody
from .tokens import MAX_BODY_BYTES, WsgiTokenHandler


def stream_run(
    run: Run, *, metadata: Mapping[str, Any] | None = None, cancel_on_close: bool = False
) -> Response:
    """The run as the AI SDK's UI message stream, with its headers; the response closes the
    run when it ends (see `agents21.web.starlette.stream_run`)."""

    body = RunBody(run, metadata=metadata, cancel_on_close=cancel_on_close)
    return Response(stream_with_context(body), headers=WSGI_UI_MESSAGE_STREAM_HEADERS)


def resume_run(
    client: AgentClient,
    agent: str,
    sandbox_id: str,
    *,
    thread_id: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Response:
    """The sandbox's live run, caught up from its start, or `204` when nothing streams; with
    `thread_id`, only that thread's run."""
    run = client.threads.resume(agent, sandbox_id, thread_id=thread_id)
    if run is None:
        return Response(status=204)
    return stream_run(run, metadata=metadata)


def read_chat_turn(from_request: Request | None = None) -> ChatTurn:
    """The browser's chat request (the current request by default); `ChatRequestError`
    (answer it with a 400) when the body is not JSON or not a chat request."""
    return ChatTurn.from_json((from_request or request).get_data())


def token_view(handler: WsgiTokenHandler) -> Callable[[], Response]:
    """A Flask view of a token endpoint, so that its `authorize` runs inside Flask's request
    context (`flask.session`, the logged-in user):

        tokens = token_handler_wsgi(client=client, authorize=…)
        app.add_url_rule("/api/token", view_func=token_view(tokens), methods=["POST", "OPTIONS"])
    """

    def read_body() -> bytes | None:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return None
        body = request.get_data(cache=False)
        return body if len(body) <= MAX_BODY_BYTES else None

    def agents21_token() -> Response:
        reply = handler.respond(
            method=request.method,
            path=request.path,
            headers={name.lower(): value for name, value in request.headers.items()},
            read_body=read_body,
            raw=request.environ,
        )
        return Response(reply.encode(), status=reply.status, headers=reply.framework_headers())

    return agents21_token
