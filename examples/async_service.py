"""An async web service on the SDK: mint browser tokens, and proxy agent runs as SSE.

    pip install "agents21[local]"     # starlette and uvicorn
    API_KEY_21ST=21st_sk_… python examples/async_service.py       # http://127.0.0.1:8000
    curl -N localhost:8000/chat -H 'content-type: application/json' -d '{"message": "Run `ls`"}'

Routes:
- `POST /api/token` `{userId?}` → `{token, expiresAt}`: a short-lived token for a browser that
  talks to the relay itself (`agents21.web.token_handler_asgi`), limited to this app's agent.
- `POST /chat` `{message, sandboxId?, threadId?}` → the run's UI message stream, re-sent as
  server-sent events (`data: <chunk>` … `data: [DONE]`), the format the AI SDK's `useChat`
  reads. The `X-Sandbox-Id` and `X-Thread-Id` headers carry the ids to continue the chat with.

`AGENT_21ST` names the agent (default `demo-agent`); `HOST` and `PORT` where to listen.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from agents21 import (
    Agents21Error,
    APIStatusError,
    AsyncAgentClient,
    AsyncRun,
    RunCancelledError,
    RunFailedError,
)
from agents21.web import token_handler_asgi

AGENT = os.environ.get("AGENT_21ST", "demo-agent")


async def chat(request: Request) -> Response:
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"error": "The body must be JSON."}, status_code=400)
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not message.strip():
        return JSONResponse({"error": '"message" must be a non-empty string.'}, status_code=400)
    client: AsyncAgentClient = request.app.state.client
    try:
        run = await client.threads.run(
            AGENT, message, sandbox_id=body.get("sandboxId"), thread_id=body.get("threadId")
        )
    except (TypeError, ValueError) as error:  # ids of the wrong type, a thread without sandbox
        return JSONResponse({"error": str(error)}, status_code=400)
    except APIStatusError as error:
        # An unknown sandbox or thread is the caller's mistake; anything else is upstream's.
        status = 404 if error.status_code == 404 else 502
        return JSONResponse({"error": error.message}, status_code=status)
    return StreamingResponse(
        _sse(run),
        media_type="text/event-stream",
        headers={
            "cache-control": "no-cache",
            "x-accel-buffering": "no",  # proxies must not hold the stream back
            "x-vercel-ai-ui-message-stream": "v1",
            "x-sandbox-id": run.sandbox_id,
            "x-thread-id": run.thread_id,
        },
    )


async def _sse(run: AsyncRun) -> AsyncIterator[str]:
    # Leaving this block (the browser went away) closes the upstream connection only: the run
    # goes on server-side and its messages are stored; the browser can resume it later.
    async with run:
        try:
            async for chunk in run:
                yield f"data: {json.dumps(chunk.to_dict(), separators=(',', ':'))}\n\n"
        except (RunFailedError, RunCancelledError):
            pass  # the stream itself carried the failure or the cancel to the browser
        except Agents21Error as error:  # the relay could not be reached again mid-run
            yield f"data: {json.dumps({'type': 'error', 'errorText': str(error)})}\n\n"
    yield "data: [DONE]\n\n"


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # One client, and one connection pool, for the app's event loop.
    async with AsyncAgentClient() as client:
        app.state.client = client
        yield


def create_app() -> Starlette:
    return Starlette(
        routes=[
            # Set user_id from your own session with `authorize=` (see agents21.web).
            Route("/api/token", token_handler_asgi(agent=AGENT)),
            Route("/chat", chat, methods=["POST"]),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    uvicorn.run(create_app(), host=host, port=int(os.environ.get("PORT", "8000")))


if __name__ == "__main__":
    main()
