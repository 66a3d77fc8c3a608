"""The request path skips httpx's per-call header merge (bench/overhead.py); what a passed-in
http client brings must still reach the wire: its headers, cookies, params and event hooks."""

from __future__ import annotations

import http.cookiejar

import httpx
import pytest

from agents21 import AgentClient

from ..samples import SANDBOX


def recording() -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=SANDBOX)

    return seen, httpx.MockTransport(handler)


def test_own_client_sends_our_headers_over_httpx_defaults() -> None:
    seen, transport = recording()
    with AgentClient(
        api_key="21st_sk_a", base_url="http://relay.test", http_client=httpx.Client(transport=transport),
        default_headers={"X-Team": "t"}, timeout=12.5,
    ) as client:  # fmt: skip
        client.sandboxes.get("sb1", extra_headers={"X-Trace": "1", "X-Team": "override"})
        client.sandboxes.get("sb1")
    first, second = seen
    assert first.headers["authorization"] == "Bearer 21st_sk_a"
    assert first.headers["user-agent"].startswith("agents21-python/")
    assert first.headers["accept"] == "application/json"
    assert first.headers["x-trace"] == "1" and first.headers["x-team"] == "override"
    assert "x-trace" not in second.headers and second.headers["x-team"] == "t"
    assert first.extensions["timeout"]["read"] == 12.5
    assert str(first.url) == "http://relay.test/v1/sandboxes/sb1"


def test_a_passed_in_clients_headers_cookies_params_and_hooks_are_kept() -> None:
    seen, transport = recording()
    hooked: list[str] = []
    http = httpx.Client(
        transport=transport,
        headers={"X-Mine": "m", "Authorization": "Bearer theirs"},
        cookies={"session": "s1"},
        params={"tenant": "t1"},
        event_hooks={"request": [lambda request: hooked.append(request.url.path)]},
    )
    with AgentClient(api_key="21st_sk_a", base_url="http://relay.test", http_client=http) as client:
        client.sandboxes.get("sb1")
    (request,) = seen
    assert request.headers["x-mine"] == "m"
    assert request.headers["authorization"] == "Bearer 21st_sk_a"  # ours wins
    assert request.headers["cookie"] == "session=s1"
    assert request.url.params["tenant"] == "t1"
    assert hooked == ["/v1/sandboxes/sb1"]


def test_headers_changed_on_the_http_client_later_are_picked_up() -> None:
    seen, transport = recording()
    http = httpx.Client(transport=transport)
    with AgentClient(api_key="21st_sk_a", base_url="http://relay.test", http_client=http) as client:
        client.sandboxes.get("sb1")
        http.headers["X-Later"] = "yes"
        client.sandboxes.get("sb1")
        other = client.with_options(api_key="21st_sk_b")
        other.sandboxes.get("sb1")
    assert "x-later" not in seen[0].headers and seen[1].headers["x-later"] == "yes"
    assert seen[2].headers["authorization"] == "Bearer 21st_sk_b"
    assert seen[2].headers["x-later"] == "yes"


def test_a_calls_own_headers_still_win_where_they_differ_and_repeated_urls_stay_apart() -> None:
    # Headers a call brings are skipped only when already there; a parsed URL is shared, and
    # a call's query goes on its own request alone.
    seen, transport = recording()
    with AgentClient(
        api_key="21st_sk_a", base_url="http://relay.test", http_client=httpx.Client(transport=transport),
        default_headers={"content-type": "text/plain"},
    ) as client:  # fmt: skip
        client.sandboxes.create("agent-a")
        client.sandboxes.get("sb1", extra_query={"v": "2"})
        client.sandboxes.get("sb1")
    created, with_query, plain = seen
    assert created.headers["content-type"] == "application/json"  # the JSON call's, not ours
    assert str(with_query.url) == "http://relay.test/v1/sandboxes/sb1?v=2"
    assert str(plain.url) == "http://relay.test/v1/sandboxes/sb1"


def test_the_default_clients_ask_their_cookie_jar_only_about_responses_that_set_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # httpx wraps every response for its jar to read; ours skip a response with no cookie,
    # and cookies still work as httpx's do.
    from agents21._config import _Client, _Cookies, default_async_http_client

    asked: list[int] = []
    extract = http.cookiejar.CookieJar.extract_cookies
    monkeypatch.setattr(
        http.cookiejar.CookieJar,
        "extract_cookies",
        lambda jar, response, request: (asked.append(1), extract(jar, response, request)),
    )
    answers = iter([{"set-cookie": "session=s1; Path=/"}, {}, {}])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=next(answers), json=SANDBOX)

    http_client = _Client(transport=httpx.MockTransport(handler))
    with AgentClient(
        api_key="21st_sk_a", base_url="http://relay.test", http_client=http_client
    ) as c:
        c.sandboxes.get("sb1")
        c.sandboxes.get("sb1")
        assert dict(http_client.cookies) == {"session": "s1"}
        sent = http_client.build_request("GET", "http://relay.test/x")
        assert sent.headers["cookie"] == "session=s1"
        http_client.cookies = {"other": "o"}
        c.sandboxes.get("sb1")
        assert dict(http_client.cookies) == {"other": "o"}
    assert asked == [1]
    assert type(http_client.cookies) is _Cookies
    assert type(default_async_http_client(httpx.Timeout(5)).cookies) is _Cookies
    assert dict(_Client(cookies={"given": "g"}).cookies) == {"given": "g"}
