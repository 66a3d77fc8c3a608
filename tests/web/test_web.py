"""The token handlers of `agents21.web`, served by real HTTP servers against a local relay.

The ASGI handler runs mounted in a Starlette app under uvicorn, the WSGI one in `wsgiref`'s
server, each on a free loopback port; most tests run the same body against both.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import json
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from agents21 import AgentClient, AsyncAgentClient, PermissionDeniedError
from agents21.local import LocalRelay
from agents21.web import (
    TokenDenied,
    TokenGrant,
    TokenRequest,
    exchange_token,
    token_handler_asgi,
    token_handler_wsgi,
)

WRONG_KEY = "21st_sk_" + "0" * 64


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve_wsgi(app: Any) -> tuple[str, Callable[[], None]]:
    server = make_server("127.0.0.1", 0, app, server_class=WSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop


def _serve_asgi(app: Any) -> tuple[str, Callable[[], None]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "uvicorn failed to start"
        threading.Event().wait(0.005)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)
        sock.close()

    return f"http://127.0.0.1:{sock.getsockname()[1]}", stop


Serve = Callable[..., httpx.Client]


@pytest.fixture(params=["asgi", "wsgi"])
def serve(request: pytest.FixtureRequest, relay: LocalRelay) -> Iterator[Serve]:
    """Serves a token handler at `/api/token`; keyword arguments go to its factory."""
    stops: list[Callable[[], None]] = []

    def start(**options: Any) -> httpx.Client:
        options.setdefault("api_key", relay.api_key)
        options.setdefault("relay_url", relay.url)
        if request.param == "asgi":
            app = Starlette(routes=[Route("/api/token", token_handler_asgi(**options))])
            url, stop = _serve_asgi(app)
        else:
            url, stop = _serve_wsgi(token_handler_wsgi(**options))
        client = httpx.Client(base_url=url, timeout=30)
        stops.extend((stop, client.close))
        return client

    yield start
    for stop in reversed(stops):
        stop()


def _claims(token: str) -> dict[str, Any]:
    payload = token.removeprefix("an_t_").split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded


def test_a_minted_token_runs_its_agent_and_only_that_one(serve: Serve, relay: LocalRelay) -> None:
    http = serve(expires_in="10m")
    response = http.post("/api/token", json={"agent": "echo-agent", "userId": "user-7"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"token", "expiresAt"}
    assert body["token"].startswith("an_t_")
    assert body["expiresAt"].endswith("Z")
    lifetime = dt.datetime.fromisoformat(body["expiresAt"]) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(minutes=9) < lifetime <= dt.timedelta(minutes=10)
    claims = _claims(body["token"])
    assert claims["agents"] == ["echo-agent"]
    assert claims["user_id"] == "user-7"

    with AgentClient(api_key=body["token"], base_url=relay.url) as browser:
        with browser.threads.run("echo-agent", "hello from the browser") as run:
            assert "".join(run.text_stream) == "hello from the browser"
        with pytest.raises(PermissionDeniedError):
            browser.threads.run("demo-agent", "Run `ls`", sandbox_id=run.sandbox_id)


def test_the_handler_agent_limits_every_token_to_it(serve: Serve) -> None:
    http = serve(agent="demo-agent")
    for response in (
        http.post("/api/token"),
        http.post("/api/token", json={}),
        http.post("/api/token", json={"agent": "demo-agent"}),
    ):
        assert response.status_code == 200, response.text
        claims = _claims(response.json()["token"])
        assert claims["agents"] == ["demo-agent"]
        assert "user_id" not in claims
    refused = http.post("/api/token", json={"agent": "echo-agent"})
    assert refused.status_code == 403
    assert refused.json() == {"error": 'This endpoint gives tokens for agent "demo-agent" only.'}


def test_without_any_agent_the_token_covers_every_agent(serve: Serve) -> None:
    response = serve().post("/api/token", json={})
    assert response.status_code == 200
    assert "agents" not in _claims(response.json()["token"])


def test_a_wrong_key_answers_500_with_the_relays_message(serve: Serve) -> None:
    response = serve(api_key=WRONG_KEY).post("/api/token", json={"agent": "echo-agent"})
    assert response.status_code == 500
    assert response.json() == {"error": "Invalid API key"}


def test_an_unreachable_relay_answers_500(serve: Serve) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    response = serve(relay_url="http://127.0.0.1:9", timeout=2.0).post("/api/token", json={})
    assert response.status_code == 500
    assert "Connection error" in response.json()["error"]


def test_other_methods_answer_405_with_allow(serve: Serve) -> None:
    http = serve()
    for method in ("GET", "PUT", "DELETE", "OPTIONS"):
        response = http.request(method, "/api/token")
        assert response.status_code == 405, method
        assert response.headers["allow"] == "POST"
        assert "error" in response.json()


MALFORMED = [
    (b"{not json", "valid JSON"),
    (b"\xff\xfe", "valid JSON"),
    (b'["echo-agent"]', "JSON object"),
    (b'{"agent": 42}', "agent must be a non-empty string"),
    (b'{"agent": ""}', "agent must be a non-empty string"),
    (b'{"userId": ["u"]}', "userId must be a non-empty string"),
]


def test_a_malformed_body_answers_400(serve: Serve) -> None:
    http = serve()
    for content, message in MALFORMED:
        response = http.post(
            "/api/token", content=content, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, content
        assert message in response.json()["error"]


def test_an_oversized_body_answers_413(serve: Serve) -> None:
    response = serve().post("/api/token", content=b" " * (65 * 1024))
    assert response.status_code == 413


def test_authorize_decides_the_agent_and_user_from_the_request(serve: Serve) -> None:
    seen: list[TokenRequest] = []

    def authorize(request: TokenRequest) -> TokenGrant | None:
        seen.append(request)
        session = request.headers.get("x-session")
        if session is None:
            return None
        if session == "expired":
            raise TokenDenied("Sign in again.", status_code=401)
        # The server, not the browser, names the user; the browser only picks the agent.
        return TokenGrant(agent=request.agent, user_id=f"user-of-{session}")

    http = serve(agent="echo-agent", authorize=authorize)
    ok = http.post("/api/token", json={"userId": "spoofed"}, headers={"x-session": "s1"})
    assert ok.status_code == 200, ok.text
    assert _claims(ok.json()["token"])["user_id"] == "user-of-s1"
    assert seen[0].user_id == "spoofed"
    assert seen[0].agent == "echo-agent"
    assert seen[0].method == "POST"
    assert seen[0].path == "/api/token"
    assert seen[0].body == {"userId": "spoofed"}

    refused = http.post("/api/token", json={})
    assert refused.status_code == 403
    assert "error" in refused.json()
    expired = http.post("/api/token", json={}, headers={"x-session": "expired"})
    assert expired.status_code == 401
    assert expired.json() == {"error": "Sign in again."}


def test_an_async_authorize_hook_is_awaited(relay: LocalRelay) -> None:
    async def authorize(request: TokenRequest) -> TokenGrant:
        return TokenGrant(agent="demo-agent", user_id="from-async")

    handler = token_handler_asgi(api_key=relay.api_key, relay_url=relay.url, authorize=authorize)
    url, stop = _serve_asgi(handler)  # the bare handler as the whole app, lifespan included
    try:
        response = httpx.post(url, json={"agent": "echo-agent"})
    finally:
        stop()
    assert response.status_code == 200, response.text
    claims = _claims(response.json()["token"])
    assert claims["agents"] == ["demo-agent"]
    assert claims["user_id"] == "from-async"


def test_the_wsgi_handler_can_share_one_http_client(relay: LocalRelay) -> None:
    with httpx.Client() as shared:
        handler = token_handler_wsgi(api_key=relay.api_key, relay_url=relay.url, http_client=shared)
        replies: list[str] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc: Any = None) -> Any:
            replies.append(status)

        for _ in range(2):
            environ = {
                "REQUEST_METHOD": "POST",
                "CONTENT_LENGTH": "2",
                "wsgi.input": io.BytesIO(b"{}"),
            }
            body = b"".join(handler(environ, start_response))
            assert json.loads(body)["token"].startswith("an_t_")
        assert replies == ["200 OK", "200 OK"]
        assert not shared.is_closed


def test_configuration_is_checked_when_the_handler_is_made(
    relay: LocalRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("API_KEY_21ST", raising=False)
    for factory in (token_handler_asgi, token_handler_wsgi):
        with pytest.raises(ValueError, match="API key"):
            factory()
        with pytest.raises(ValueError, match="secret key"):
            factory(api_key="an_t_abc")
        with pytest.raises(ValueError, match="expires_in"):
            factory(api_key=relay.api_key, expires_in="1 hour")
        with pytest.raises(ValueError, match="http"):
            factory(api_key=relay.api_key, relay_url="relay.local")
    monkeypatch.setenv("API_KEY_21ST", relay.api_key)
    monkeypatch.setenv("BASE_URL_21ST", relay.url)
    url, stop = _serve_wsgi(token_handler_wsgi())
    try:
        assert httpx.post(url, json={}).status_code == 200
    finally:
        stop()


def test_exchange_token_is_reexported(relay: LocalRelay) -> None:
    token = exchange_token(api_key=relay.api_key, relay_url=relay.url, agent="echo-agent")
    assert token.token.startswith("an_t_")


@pytest.fixture(params=["asgi", "wsgi"])
def kind(request: pytest.FixtureRequest) -> str:
    param: str = request.param
    return param


def _served(kind: str, **options: Any) -> tuple[httpx.Client, Callable[[], None]]:
    if kind == "asgi":
        app = Starlette(routes=[Route("/api/token", token_handler_asgi(**options))])
        url, stop = _serve_asgi(app)
    else:
        url, stop = _serve_wsgi(token_handler_wsgi(**options))
    return httpx.Client(base_url=url, timeout=30), stop


def test_the_handler_takes_the_apps_own_client(kind: str, relay: LocalRelay) -> None:
    made = AsyncAgentClient if kind == "asgi" else AgentClient
    app_client = made(api_key=relay.api_key, base_url=relay.url)
    http, stop = _served(kind, client=app_client, agent="echo-agent")
    try:
        response = http.post("/api/token", json={})
        assert response.status_code == 200, response.text
        assert _claims(response.json()["token"])["agents"] == ["echo-agent"]
    finally:
        stop()
        http.close()
    other = AgentClient if kind == "asgi" else AsyncAgentClient
    with pytest.raises(TypeError, match="client must be an"):
        _served(kind, client=other(api_key=relay.api_key, base_url=relay.url))
    if kind == "wsgi":
        app_client.close()
    factory = token_handler_asgi if kind == "asgi" else token_handler_wsgi
    with pytest.raises(ValueError, match="client has its own"):
        factory(client=app_client, api_key=relay.api_key)
    with pytest.raises(ValueError, match="not both"):
        factory(api_key=relay.api_key, base_url=relay.url, relay_url=relay.url)


def test_base_url_names_the_relay_as_the_clients_do(serve: Serve, relay: LocalRelay) -> None:
    http = serve(relay_url=None, base_url=relay.url)
    assert http.post("/api/token", json={}).status_code == 200


def test_a_cross_origin_page_is_answered_only_when_its_origin_is_allowed(serve: Serve) -> None:
    http = serve(cors_origins=["https://app.example"])
    asked = {"Origin": "https://app.example", "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type, x-csrf"}  # fmt: skip
    preflight = http.options("/api/token", headers=asked)
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "https://app.example"
    assert preflight.headers["access-control-allow-methods"] == "POST"
    assert preflight.headers["access-control-allow-headers"] == "content-type, x-csrf"
    assert preflight.content == b""
    posted = http.post("/api/token", json={}, headers={"Origin": "https://app.example"})
    assert posted.status_code == 200
    assert posted.headers["access-control-allow-origin"] == "https://app.example"
    assert posted.headers["vary"] == "Origin"
    other = {**asked, "Origin": "https://evil.example"}
    refused = http.options("/api/token", headers=other)
    assert refused.status_code == 405 and "access-control-allow-origin" not in refused.headers
    assert refused.headers["vary"] == "Origin"  # no cache may hand one origin's answer to another
    foreign = http.post("/api/token", json={}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in foreign.headers
    with pytest.raises(ValueError, match="origins like"):
        token_handler_asgi(api_key="21st_sk_" + "a" * 64, cors_origins=["app.example"])
    with pytest.raises(TypeError, match="list of origins"):
        token_handler_wsgi(api_key="21st_sk_" + "a" * 64, cors_origins="https://app.example")
