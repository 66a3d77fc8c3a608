"""The Flask and Django chat routes of `agents21.web` (the README's, in `frameworks.py`), each
served by a real WSGI server on a free port and chatted with by the AI SDK's own
`DefaultChatTransport` from Node, against a real local relay."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from agents21 import AgentClient
from agents21.local import LocalRelay

from ..reference.ai_sdk_runner import AiSdk, install
from . import frameworks


class _ThreadedServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a stream and its resume are served at once


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def ai_sdk() -> AiSdk:
    return install()


@pytest.fixture(scope="module")
def client() -> Iterator[AgentClient]:
    with LocalRelay() as relay, AgentClient(api_key=relay.api_key, base_url=relay.url) as c:
        yield c


def django_app(client: AgentClient) -> Callable[..., Any]:
    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    if not settings.configured:
        settings.configure(
            DEBUG=False, SECRET_KEY="tests", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
            MIDDLEWARE=[], INSTALLED_APPS=[],
        )  # fmt: skip
        django.setup()
    global urlpatterns
    urlpatterns = frameworks.django_urls(client)
    return WSGIHandler()


urlpatterns: list[Any] = []


@pytest.fixture(scope="module", params=["flask", "django"])
def app(request: pytest.FixtureRequest, client: AgentClient) -> Iterator[str]:
    wsgi = frameworks.flask_app(client) if request.param == "flask" else django_app(client)
    server = make_server("127.0.0.1", 0, wsgi, server_class=_ThreadedServer, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def text(message: dict[str, Any] | None) -> str:
    assert message is not None
    return "".join(p.get("text", "") for p in message["parts"] if p["type"] == "text")


def test_the_ai_sdk_chats_resumes_and_hears_204(
    ai_sdk: AiSdk, app: str, client: AgentClient
) -> None:
    words = " ".join(f"word{i}" for i in range(30))
    first, second, cut, resumed, idle = ai_sdk.chat(
        app + "/api/chat",
        [
            {"send": {"chatId": "c1", "text": "hello there"}},
            {"send": {"chatId": "c1", "text": "and again"}},
            {"send": {"chatId": "c1", "text": words, "abortAfter": 5}},
            {"reconnect": {"chatId": "c1"}},
            {"reconnect": {"chatId": "c1"}},
        ],
    )
    assert text(first["message"]) == "hello there"
    assert text(second["message"]) == "and again"
    assert first["message"]["metadata"]["chatId"] == "c1"
    sandbox_id = first["message"]["metadata"]["sandboxId"]
    assert second["message"]["metadata"]["sandboxId"] == sandbox_id
    assert cut["chunks"] == 5 and text(resumed["message"]) == words  # a reload mid-run
    assert idle == {"message": None, "chunks": 0}  # nothing streams: 204
    (thread,) = client.threads.list(sandbox_id)
    stored = client.threads.get(sandbox_id, thread.id)
    assert [m.role for m in stored.messages or []] == ["user", "assistant"] * 3
    assert "".join(getattr(p, "text", "") for p in (stored.messages or [])[-1].parts) == words


def test_a_bad_chat_request_is_a_clear_400(app: str) -> None:
    import httpx

    refused = httpx.post(app + "/api/chat", json={"id": "x", "messages": []})
    assert refused.status_code == 400
    assert refused.json() == {"error": '"messages" must be a non-empty array of UI messages.'}
    not_json = httpx.post(
        app + "/api/chat", content=b"{", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 400 and not_json.json() == {"error": "The body must be JSON."}


def test_the_token_view_answers_inside_the_framework(app: str) -> None:
    import httpx

    minted = httpx.post(app + "/api/token", json={})
    assert minted.status_code == 200, minted.text
    assert minted.json()["token"].startswith("an_t_")
    assert minted.headers["cache-control"] == "no-store"
    wrong = httpx.get(app + "/api/token")
    assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"
    other = httpx.post(app + "/api/token", json={"agent": "demo-agent"})
    assert other.status_code == 403
    assert other.json() == {"error": 'This endpoint gives tokens for agent "slow-agent" only.'}
