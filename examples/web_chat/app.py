"""A chat web app on 21st Agents: the Server SDK's session patterns, for the AI SDK's chat client.

    API_KEY_21ST=21st_sk_… uvicorn examples.web_chat.app:app --port 8000

`BASE_URL_21ST` picks the relay (a local one: `agents21 serve`), `WEB_CHAT_AGENT` the agent
(default `demo-agent`). The routes are what the AI SDK's `DefaultChatTransport` calls, plus the
session patterns around them:

- `POST /api/sessions`: a new session (a sandbox and a thread); `GET /api/sessions/{id}`: the
  stored conversation (`initialMessages`) and whether a run is live (`resumeStreamOnMount`);
  `POST /api/sessions/{id}/threads`: a new session on a new thread in the same sandbox.
- `POST /api/chat` (`{id, messages, trigger}`, `id` the session): runs the agent and streams the
  run, with the session's ids in the message metadata; an unknown id starts a session.
- `GET /api/chat/{id}/stream`: the live run, caught up from its start, or 204 (a reload
  mid-run resumes here); `DELETE` on it cancels the run (the page's stop button).
- `POST /api/token`: a short-lived token for the browser, minted with the app's client.
- `GET /`: the page, when it has been built (`examples/web_chat/page/`).
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from agents21 import APIStatusError, AsyncAgentClient
from agents21.web import ChatRequestError, token_handler_asgi
from agents21.web.starlette import read_chat_turn, resume_run, stream_run

AGENT = os.environ.get("WEB_CHAT_AGENT", "demo-agent")
PAGE = Path(__file__).parent / "page" / "dist"


# The app's sessions: which sandbox and thread each chat continues. In memory, for the example;
# a real app keeps them beside its users (a table of session id, sandbox id, thread id).


class UnknownSession(LookupError):
    pass


@dataclass(frozen=True)
class Session:
    id: str
    sandbox_id: str
    thread_id: str

    def ids(self) -> dict[str, str]:
        """What the page is told, in message metadata and session answers (`chatId`, since the
        relay's own metadata has a `sessionId` of its own)."""
        return {"chatId": self.id, "sandboxId": self.sandbox_id, "threadId": self.thread_id}


class Sessions:
    def __init__(self) -> None:
        self._by_id: dict[str, Session] = {}
        self._asked: dict[str, dict[str, object]] = {}
        self._lock = threading.Lock()

    def asked(
        self, session_id: str, message: dict[str, object] | None = None
    ) -> dict[str, object] | None:
        """The user message of the session's latest run: the relay stores it with the answer,
        so until the run ends only the app can show it to a page loaded mid-run."""
        with self._lock:
            if message is not None:
                self._asked[session_id] = message
            return self._asked.get(session_id)

    def get(self, session_id: str) -> Session | None:
        with self._lock:
            return self._by_id.get(session_id)

    def save(self, sandbox_id: str, thread_id: str, session_id: str | None = None) -> Session:
        session = Session(session_id or str(uuid.uuid4()), sandbox_id, thread_id)
        with self._lock:
            self._by_id[session.id] = session
        return session


def create_app() -> FastAPI:
    client = AsyncAgentClient()  # API_KEY_21ST, BASE_URL_21ST; one pool for the app
    sessions = Sessions()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await client.aclose()

    app = FastAPI(title="21st Agents web chat", lifespan=lifespan)

    def known(session_id: str) -> Session:
        session = sessions.get(session_id)
        if session is None:
            raise UnknownSession(session_id)
        return session

    @app.exception_handler(UnknownSession)
    async def unknown_session(request: Request, error: Exception) -> Response:
        return JSONResponse({"error": f"No session {error}."}, status_code=404)

    @app.exception_handler(ChatRequestError)
    async def bad_chat_request(request: Request, error: Exception) -> Response:
        return JSONResponse({"error": str(error)}, status_code=400)

    @app.exception_handler(APIStatusError)
    async def relay_refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, APIStatusError)
        # The relay's 4xx is the caller's to fix, except a refusal of the app's own key (401,
        # 403): that, and anything else, is the app's or upstream's trouble.
        status = error.status_code if error.status_code in (400, 402, 404, 409, 422, 429) else 502
        return JSONResponse({"error": error.message, "code": error.code}, status_code=status)

    @app.post("/api/sessions", status_code=201)
    async def new_session() -> dict[str, str]:
        sandbox = await client.sandboxes.create(AGENT)
        thread = await client.threads.create(sandbox.id)
        return sessions.save(sandbox.id, thread.id).ids()

    @app.get("/api/sessions/{session_id}")
    async def hydrate(session_id: str) -> dict[str, object]:
        session = known(session_id)
        view = await client.threads.hydrate(session.sandbox_id, session.thread_id)
        hydrated = {**session.ids(), **view.to_dict()}
        asked = sessions.asked(session_id)
        if view.resume_stream_on_mount and asked is not None:
            hydrated["initialMessages"] = [*hydrated["initialMessages"], asked]  # mid-run
        return hydrated

    @app.post("/api/sessions/{session_id}/threads", status_code=201)
    async def new_thread(session_id: str) -> dict[str, str]:
        session = known(session_id)
        thread = await client.threads.create(session.sandbox_id)
        return sessions.save(session.sandbox_id, thread.id).ids()

    @app.post("/api/chat")
    async def chat(request: Request) -> Response:
        turn = await read_chat_turn(request)
        if turn.trigger == "regenerate-message":
            message = "Regenerating is not supported: the relay keeps the history. Send again."
            return JSONResponse({"error": message}, status_code=422)
        session = sessions.get(turn.chat_id)
        sessions.asked(turn.chat_id, turn.message)  # before the run: a page may load mid-run
        run = await client.threads.run(
            AGENT,
            [turn.message],
            sandbox_id=session.sandbox_id if session else None,
            thread_id=session.thread_id if session else None,
        )
        if session is None:
            session = sessions.save(run.sandbox_id, run.thread_id, turn.chat_id)
        # A reload must not end the run: the page resumes it. Its stop button cancels it.
        return stream_run(run, metadata=session.ids())

    @app.get("/api/chat/{session_id}/stream")
    async def resume(session_id: str) -> Response:
        session = sessions.get(session_id)
        if session is None:
            return Response(status_code=204)  # nothing of ours streams there
        return await resume_run(
            client, AGENT, session.sandbox_id, thread_id=session.thread_id, metadata=session.ids()
        )

    @app.delete("/api/chat/{session_id}/stream")
    async def cancel(session_id: str) -> dict[str, str]:
        session = known(session_id)
        # The relay cancels the sandbox's newest run: only when it is this session's thread.
        thread = await client.threads.get(session.sandbox_id, session.thread_id)
        if thread.status != "streaming":
            return {"status": "idle"}
        result = await client.threads.cancel(AGENT, session.sandbox_id)
        return {"status": result.status}

    # The browser's token: the app's own client, one agent; add `authorize=` to tie it to
    # your user's session.
    app.routes.append(Route("/api/token", token_handler_asgi(client=client, agent=AGENT)))

    if (PAGE / "index.html").is_file():

        @app.get("/", include_in_schema=False)
        async def page() -> FileResponse:
            return FileResponse(PAGE / "index.html")

        app.mount("/assets", StaticFiles(directory=PAGE / "assets"), name="assets")

    return app


app = create_app()
