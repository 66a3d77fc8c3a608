"""The reference web app (`examples/web_chat/app.py`), chatted with by the AI SDK's own
`DefaultChatTransport` in Node, as `useChat` in a browser does, against a real local relay."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from agents21 import AgentClient
from agents21.local import LocalRelay

from ..reference.ai_sdk_runner import AiSdk, install
from .web_chat import serve_app, stop_app


@pytest.fixture(scope="module")
def ai_sdk() -> AiSdk:
    return install()


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


@pytest.fixture(scope="module")
def app(relay: LocalRelay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = serve_app(relay, "slow-agent", tmp_path_factory.mktemp("app") / "app.log")
    yield url
    stop_app(process)


def text(message: dict[str, Any] | None) -> str:
    assert message is not None
    return "".join(p.get("text", "") for p in message["parts"] if p["type"] == "text")


def test_the_ai_sdk_chats_with_the_app_and_the_relay_keeps_the_history(
    ai_sdk: AiSdk, app: str, relay: LocalRelay
) -> None:
    first, second, idle = ai_sdk.chat(
        app + "/api/chat",
        [
            {"send": {"chatId": "chat-1", "text": "hello there"}},
            {"send": {"chatId": "chat-1", "text": "and again"}},
            {"reconnect": {"chatId": "chat-1"}},
        ],
    )
    assert text(first["message"]) == "hello there"
    ids = first["message"]["metadata"]
    assert ids["chatId"] == "chat-1" and ids["sandboxId"] and ids["threadId"]
    assert text(second["message"]) == "and again"
    assert second["message"]["metadata"]["threadId"] == ids["threadId"]  # the same conversation
    assert idle == {"message": None, "chunks": 0}  # nothing streams: 204
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        stored = client.threads.get(ids["sandboxId"], ids["threadId"])
    assert [m.role for m in stored.messages or []] == ["user", "assistant"] * 2
    hydrated = httpx.get(f"{app}/api/sessions/chat-1").json()
    assert hydrated["resumeStreamOnMount"] is False
    assert [text(m) for m in hydrated["initialMessages"]] == [
        "hello there", "hello there", "and again", "and again",
    ]  # fmt: skip


def test_a_reload_mid_run_resumes_to_the_stored_message(
    ai_sdk: AiSdk, app: str, relay: LocalRelay
) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    cut, resumed = ai_sdk.chat(
        app + "/api/chat",
        [
            {"send": {"chatId": "chat-2", "text": words, "abortAfter": 6}},
            {"reconnect": {"chatId": "chat-2"}},
        ],
    )
    assert cut["chunks"] == 6 and text(cut["message"]) != words  # the page went away mid-run
    assert text(resumed["message"]) == words  # caught up from the start, then to the end
    session = httpx.get(f"{app}/api/sessions/chat-2").json()
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        stored = client.threads.get(session["sandboxId"], session["threadId"])
    assert stored.status == "completed"
    assert text((stored.messages or [])[-1].to_dict()) == text(resumed["message"])


def test_sessions_new_threads_stop_and_tokens(ai_sdk: AiSdk, app: str, relay: LocalRelay) -> None:
    with httpx.Client(base_url=app, timeout=30) as web:
        session = web.post("/api/sessions").json()
        assert set(session) == {"chatId", "sandboxId", "threadId"}
        other = web.post(f"/api/sessions/{session['chatId']}/threads").json()
        assert other["sandboxId"] == session["sandboxId"]
        assert other["threadId"] != session["threadId"]
        assert web.get("/api/sessions/nobody").status_code == 404
        refused = web.post("/api/chat", json={"id": "x", "messages": []})
        assert refused.status_code == 400 and "messages" in refused.json()["error"]
        token = web.post("/api/token", json={})
        assert token.status_code == 200 and token.json()["token"].startswith("an_t_")
        with web.stream(
            "POST",
            "/api/chat",
            json={"id": other["chatId"], "trigger": "submit-message",
                  "messages": [{"id": "u", "role": "user",
                                "parts": [{"type": "text", "text": "word " * 200}]}]},
        ) as live:  # fmt: skip
            assert live.status_code == 200
            pieces = live.iter_bytes()
            next(pieces)  # the run is streaming
            # The first session's thread shares the sandbox, not the run: nothing to resume or
            # stop there.
            assert web.get(f"/api/chat/{session['chatId']}/stream").status_code == 204
            assert web.delete(f"/api/chat/{session['chatId']}/stream").json() == {"status": "idle"}
            # The page's stop button:
            stopped = web.delete(f"/api/chat/{other['chatId']}/stream")
            assert stopped.json() == {"status": "cancelled"}
            assert b'{"type":"abort"}' in b"".join(pieces)
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        thread = client.threads.get(other["sandboxId"], other["threadId"])
    assert thread.status == "cancelled"
