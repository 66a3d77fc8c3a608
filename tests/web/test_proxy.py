"""A Starlette app that forwards a run to the browser with `run.iter_sse()`: the stream a
browser assembles, the caller's metadata, and what a browser going away does to the run."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from agents21 import AgentClient, AsyncAgentClient
from agents21.local import LocalRelay
from agents21.stream import MessageAccumulator, parse_chunk
from agents21.web import UI_MESSAGE_STREAM_HEADERS

WORDS = " ".join(f"w{i}" for i in range(40))


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


def app_for(relay: LocalRelay) -> Starlette:
    client = AsyncAgentClient(relay.api_key, relay.url)

    async def chat(request: Request) -> StreamingResponse:
        cancel = request.query_params.get("cancel") == "1"
        run = await client.threads.run("slow-agent", WORDS)
        request.app.state.runs.append(run)
        ids = {"sandboxId": run.sandbox_id, "threadId": run.thread_id}

        async def body() -> AsyncIterator[bytes]:
            async with run:
                async for piece in run.iter_sse(metadata=ids, cancel_on_close=cancel):
                    yield piece

        return StreamingResponse(body(), headers=UI_MESSAGE_STREAM_HEADERS)

    app = Starlette(routes=[Route("/chat", chat, methods=["POST"])])
    app.state.runs = []
    return app


@pytest.fixture(scope="module")
def proxy(relay: LocalRelay) -> Iterator[tuple[str, Starlette]]:
    app = app_for(relay)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", app
    server.should_exit = True
    thread.join(10)


def events(text: str) -> list[Any]:
    blocks = [b for b in text.split("\n\n") if b]
    assert all(b.startswith("data: ") for b in blocks)
    return [b[len("data: ") :] for b in blocks]


def test_the_forwarded_stream_assembles_to_the_stored_message(
    proxy: tuple[str, Starlette], relay: LocalRelay
) -> None:
    url, app = proxy
    response = httpx.post(f"{url}/chat", timeout=30)
    assert response.headers["x-vercel-ai-ui-message-stream"] == "v1"
    data = events(response.text)
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    run = app.state.runs[-1]
    assert chunks[0]["messageMetadata"] == {"sandboxId": run.sandbox_id, "threadId": run.thread_id}
    accumulator = MessageAccumulator()
    for chunk in chunks:
        accumulator.add(parse_chunk(chunk))
    with AgentClient(relay.api_key, relay.url) as client:
        stored = client.threads.get(run.sandbox_id, run.thread_id).messages[-1]
    assembled = accumulator.message.to_dict()
    assert assembled["parts"] == stored.to_dict()["parts"]
    assert run.message.to_dict() == stored.to_dict()  # the run assembled as it forwarded


@pytest.mark.parametrize("cancel", [True, False], ids=["cancel_on_close", "left_running"])
def test_a_browser_that_goes_away_cancels_the_run_only_when_asked(
    proxy: tuple[str, Starlette], relay: LocalRelay, cancel: bool
) -> None:
    url, app = proxy
    with httpx.stream("POST", f"{url}/chat", params={"cancel": int(cancel)}, timeout=30) as live:
        for line in live.iter_lines():
            if '"text-delta"' in line:
                break  # the browser goes away mid-run
    time.sleep(0.3)
    run = app.state.runs[-1]
    with AgentClient(relay.api_key, relay.url) as client:
        deadline = time.monotonic() + 20
        while (status := client.threads.get(run.sandbox_id, run.thread_id).status) == "streaming":
            assert time.monotonic() < deadline
            time.sleep(0.1)
    assert status == ("cancelled" if cancel else "completed")
