"""Auth shapes, tokens and CORS, over real HTTP."""

from __future__ import annotations

import base64
import json
import time

import httpx
import jwt
from relay_helpers import EXPIRED_KEY, INACTIVE_KEY, LEGACY_KEY, user


def _claims(token: str) -> tuple[dict[str, object], dict[str, object]]:
    raw = token.removeprefix("an_t_")
    header_b64 = raw.split(".")[0]
    header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    return header, jwt.decode(raw, options={"verify_signature": False})


def test_health_needs_no_auth(anon: httpx.Client) -> None:
    resp = anon.get("/health")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert body["timestamp"].endswith("Z") and len(body["timestamp"]) == 24


def test_auth_failures_use_the_flat_message_shape(anon: httpx.Client) -> None:
    cases = [
        ({}, 401, "Missing or invalid Authorization header"),
        ({"Authorization": "Basic abc"}, 401, "Missing or invalid Authorization header"),
        ({"Authorization": "bearer x"}, 401, "Missing or invalid Authorization header"),
        ({"Authorization": "Bearer 21st_sk_" + "0" * 64}, 401, "Invalid API key"),
        ({"Authorization": "Bearer an_t_not.a.jwt"}, 401, "Invalid or expired token"),
        ({"Authorization": f"Bearer {INACTIVE_KEY}"}, 403, "API key is inactive"),
        ({"Authorization": f"Bearer {EXPIRED_KEY}"}, 403, "API key has expired"),
    ]
    for headers, status, message in cases:
        resp = anon.get("/v1/sandboxes/whatever", headers=headers)
        assert resp.status_code == status, (headers, resp.text)
        assert resp.json() == {"error": message}


def test_auth_comes_before_body_parsing(anon: httpx.Client) -> None:
    resp = anon.post("/v1/sandboxes", content=b"{not json")
    assert resp.status_code == 401


def test_legacy_key_has_the_same_rights(anon: httpx.Client) -> None:
    resp = anon.post(
        "/v1/sandboxes",
        json={"agent": "echo-agent"},
        headers={"Authorization": f"Bearer {LEGACY_KEY}"},
    )
    assert resp.status_code == 201
    tok = anon.post("/v1/tokens", json={}, headers={"Authorization": f"Bearer {LEGACY_KEY}"})
    assert tok.status_code == 201


def test_token_claims_and_expiry_rules(client: httpx.Client) -> None:
    resp = client.post(
        "/v1/tokens",
        json={
            "agents": ["echo-agent"],
            "userId": "u-1",
            "endUserId": "e-1",
            "maxMessages": 5,
            "metadata": {"plan": "pro"},
            "expiresIn": "30m",
        },
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["token"].startswith("an_t_")
    header, claims = _claims(body["token"])
    assert header == {"alg": "HS256"}
    assert claims["team_id"] == "local"
    assert claims["agents"] == ["echo-agent"]
    assert claims["user_id"] == "u-1"
    assert claims["end_user_id"] == "e-1"
    assert claims["max_messages"] == 5
    assert claims["metadata"] == {"plan": "pro"}
    assert isinstance(claims["iat"], int) and isinstance(claims["exp"], int)
    assert claims["exp"] - claims["iat"] == 1800
    assert body["expiresAt"].endswith(".000Z")

    for expires_in, seconds in [("2d", 86400), ("bogus", 3600), (None, 3600), ("90s", 90)]:
        payload = {} if expires_in is None else {"expiresIn": expires_in}
        _, c = _claims(client.post("/v1/tokens", json=payload).json()["token"])
        assert c["exp"] - c["iat"] == seconds, expires_in  # type: ignore[operator]
        assert "agents" not in c


def test_tokens_route_refuses_tokens_and_bad_json(client: httpx.Client, anon: httpx.Client) -> None:
    token = client.post("/v1/tokens", json={}).json()["token"]
    resp = anon.post("/v1/tokens", json={}, headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 403
    assert resp.json() == {"error": "Tokens cannot create other tokens. Use an API key (21st_sk_)."}
    bad = client.post("/v1/tokens", content=b"{", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400
    assert bad.json() == {
        "error": "invalid_json",
        "message": "Request body must be valid JSON",
        "status": 400,
    }


def test_token_scope_on_chat_routes_not_on_sandbox_routes(
    client: httpx.Client, anon: httpx.Client
) -> None:
    token = client.post("/v1/tokens", json={"agents": ["echo-agent"]}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    sb = anon.post("/v1/sandboxes", json={"agent": "demo-agent"}, headers=auth)
    assert sb.status_code == 201  # sandbox routes apply no agent check
    sid = sb.json()["id"]
    assert (
        anon.post(f"/v1/sandboxes/{sid}/exec", json={"command": "true"}, headers=auth).status_code
        == 200
    )

    denied = anon.post(
        "/v1/chat/demo-agent", json={"sandboxId": sid, "messages": user("hi")}, headers=auth
    )
    assert denied.status_code == 403
    assert denied.json() == {
        "error": {
            "code": "invalid_request",
            "message": 'Token is not authorized for agent "demo-agent"',
        }
    }
    for method in ("GET", "DELETE"):
        r = anon.request(method, f"/v1/chat/demo-agent/{sid}/stream", headers=auth)
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "invalid_request"

    ok = anon.post(
        "/v1/chat/echo-agent", json={"sandboxId": sid, "messages": user("hi")}, headers=auth
    )
    assert ok.status_code == 200
    assert ok.text.endswith("data: [DONE]\n\n")
    # An unscoped token may run any agent.
    free = client.post("/v1/tokens", json={}).json()["token"]
    r = anon.post(
        "/v1/chat/demo-agent",
        json={"sandboxId": sid, "messages": user("no commands")},
        headers={"Authorization": f"Bearer {free}"},
    )
    assert r.status_code == 200


def test_expired_and_foreign_tokens_are_refused(client: httpx.Client, anon: httpx.Client) -> None:
    token = client.post("/v1/tokens", json={"expiresIn": "1s"}).json()["token"]
    forged = "an_t_" + jwt.encode(
        {"team_id": "local", "exp": int(time.time()) + 60},
        "a-wrong-secret-that-is-long-enough-for-hs256",
        algorithm="HS256",
    )
    time.sleep(2.1)
    for credential in (token, forged):
        r = anon.get("/v1/sandboxes/x", headers={"Authorization": f"Bearer {credential}"})
        assert r.status_code == 401
        assert r.json() == {"error": "Invalid or expired token"}


def test_cors_preflight_and_reflected_origin(anon: httpx.Client, client: httpx.Client) -> None:
    pre = anon.options(
        "/v1/chat/demo-agent",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == "https://app.example"
    assert pre.headers["access-control-allow-credentials"] == "true"
    assert "authorization" in pre.headers["access-control-allow-headers"]
    got = client.get("/health", headers={"Origin": "https://other.example"})
    assert got.headers["access-control-allow-origin"] == "https://other.example"
    assert got.headers["access-control-allow-credentials"] == "true"
    # Error answers carry CORS headers too, so a browser can read them.
    denied = anon.get("/v1/sandboxes/x", headers={"Origin": "https://app.example"})
    assert denied.status_code == 401
    assert denied.headers["access-control-allow-origin"] == "https://app.example"


def test_odd_expires_in_values(client: httpx.Client) -> None:
    for expires_in, seconds in [
        ("1" * 5000 + "s", 86400),  # valid, and far past the cap
        ("0" * 5000 + "90s", 90),
        ("2h\n", 3600),  # the pattern must match the whole string
        ("²s", 3600),
        (" 2h", 3600),
        ("1" * 5000, 3600),
    ]:
        resp = client.post("/v1/tokens", json={"expiresIn": expires_in})
        assert resp.status_code == 201, (expires_in[:10], resp.text)
        _, c = _claims(resp.json()["token"])
        assert c["exp"] - c["iat"] == seconds, expires_in[:10]  # type: ignore[operator]
