"""An async web service on the SDK: mint browser tokens, and proxy agent runs as SSE.

    pip install "agents21[local]"     # starlette and uvicorn
    API_KEY_21ST=21st_sk_… python examples/async_service.py       # http://127.0.0.1:8000
    curl -N localhost:8000/chat -H 'content-type: application/json' -d '{"message": "Run `ls`"}'

Routes:
- `POST /api/token` `{userId?}` → `{token, expiresAt}`: a short-lived token for a browser that
  talks to the relay itself (`agents21.web.token_handler_asgi`), limited to this app's agent.
- `POST /chat` `{message, sandboxId?, threadId?}` → the run's UI message stream, re-sent as
  server-sent events (`data: <chunk>` … `data: [DONE]`, `agents21.web.starlette.stream_run`).
  The `X-Sandbox-Id` and `X-Thread-Id` headers carry the ids to continue the chat with (for
  `curl`; a browser's `useChat` reads them from message metadata: see `web_chat/`).

`AGENT_21ST` names the agent (default `demo-agent`); `HOST` and `PORT` where to listen.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from agents21 import APIStatusError, AsyncAgentClient
from agents21.web import token_handler_asgi
from agents21.web.starlette import stream_run

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
    response = stream_run(run)  # the UI message stream, closing the run at its end
    response.headers["x-sandbox-id"] = run.sandbox_id
    response.headers["x-thread-id"] = run.thread_id
    return response


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
