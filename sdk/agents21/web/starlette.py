"""Chat routes for Starlette and FastAPI apps (the async client): stream a run to the browser,
answer its resume, read its chat request.

    @app.post("/api/chat")
    async def chat(request: Request) -> Response:
        turn = await read_chat_turn(request)
        run = await client.threads.run(AGENT, [turn.message], sandbox_id=…, thread_id=…)
        return stream_run(run, metadata={"sandboxId": run.sandbox_id})

    @app.get("/api/chat/{chat_id}/stream")
    async def resume(chat_id: str) -> Response:
        return await resume_run(client, AGENT, sandbox_id_of(chat_id))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from .._async.client import AsyncAgentClient
from .._async.run import AsyncRun
from .._ui_stream import UI_MESSAGE_STREAM_HEADERS
from .chat import MAX_CHAT_BODY_BYTES, ChatRequestError, ChatTurn


def stream_run(
    run: AsyncRun, *, metadata: Mapping[str, Any] | None = None, cancel_on_close: bool = False
) -> StreamingResponse:
    """The run as the AI SDK's UI message stream, with its headers; the response closes the
    run when it ends. `metadata` goes into the message's metadata (the ids the page needs,
    which `useChat` cannot read from headers). With `cancel_on_close`, the run is cancelled
    when the browser goes away; without it the run goes on and can be resumed (a reload)."""

    return _RunResponse(run, metadata=metadata, cancel_on_close=cancel_on_close)


class _RunResponse(StreamingResponse):
    """Streams a run, and closes it when the response ends however it ends: done, the browser
    gone, or the body never sent (Starlette does not close a body iterator itself)."""

    def __init__(
        self, run: AsyncRun, *, metadata: Mapping[str, Any] | None, cancel_on_close: bool
    ) -> None:
        self._run = run
        self._pieces = run.iter_sse(metadata=metadata, cancel_on_close=cancel_on_close)
        super().__init__(self._pieces, headers=UI_MESSAGE_STREAM_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                aclose = getattr(self._pieces, "aclose", None)  # its own cleanup first: the
                if aclose is not None:  # cancel, with cancel_on_close
                    await aclose()
            finally:
                await self._run.close()


async def resume_run(
    client: AsyncAgentClient,
    agent: str,
    sandbox_id: str,
    *,
    thread_id: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Response:
    """The answer to the browser's `GET {api}/{id}/stream`: the sandbox's live run, caught up
    from its start, or `204` when nothing streams (what the AI SDK expects). With `thread_id`,
    only that thread's run: another thread of the sandbox may be the one streaming."""
    run = await client.threads.resume(agent, sandbox_id, thread_id=thread_id)
    if run is None:
        return Response(status_code=204)
    return stream_run(run, metadata=metadata)


async def read_chat_turn(request: Request) -> ChatTurn:
    """The browser's chat request; `ChatRequestError` (answer it with a 400) when the body is
    not JSON or not a chat request."""
    body = bytearray()
    async for piece in request.stream():
        body += piece
        if len(body) > MAX_CHAT_BODY_BYTES:
            raise ChatRequestError(f"The body is over {MAX_CHAT_BODY_BYTES} bytes.")
    return ChatTurn.from_json(bytes(body))
