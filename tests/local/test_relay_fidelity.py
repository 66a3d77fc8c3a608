"""Rows where the local relay once answered otherwise than production (the vendor's relay run
side by side with ours), each stated as an HTTP-level expectation."""

from __future__ import annotations

import time

import httpx
from relay_helpers import run_chat, user


def test_max_sandbox_budget_is_only_for_legacy_keys_and_zero_means_no_cap(
    client: httpx.Client, legacy: httpx.Client
) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    body = {"sandboxId": sid, "messages": user("a b"), "options": {"maxSandboxBudgetUsd": 5}}
    refused = client.post("/v1/chat/echo-agent", json=body)
    assert refused.status_code == 400
    assert refused.json()["error"] == {
        "code": "invalid_request",
        "message": "maxSandboxBudgetUsd can only be set from an an_sk_ secret key request",
    }
    token = client.post("/v1/tokens", json={}).json()["token"]
    by_token = httpx.post(
        f"{client.base_url}/v1/chat/echo-agent",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert by_token.status_code == 400
    resp, chunks = run_chat(legacy, "echo-agent", body)
    assert resp.status_code == 200 and chunks[-1]["type"] == "finish"
    zero = {**body, "options": {"maxSandboxBudgetUsd": 0}}
    assert run_chat(legacy, "echo-agent", zero)[0].status_code == 200


def test_external_user_id_must_match_the_tokens_end_user(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    token = client.post("/v1/tokens", json={"endUserId": "user-1"}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    base = {"sandboxId": sid, "messages": user("hi")}
    other = httpx.post(
        f"{client.base_url}/v1/chat/echo-agent",
        json={**base, "externalUserId": "user-2"},
        headers=headers,
    )
    assert other.status_code == 403
    assert other.json()["error"]["message"] == (
        "externalUserId must match the authenticated token end_user_id"
    )
    same = httpx.post(
        f"{client.base_url}/v1/chat/echo-agent",
        json={**base, "externalUserId": " user-1 "},
        headers=headers,
    )
    assert same.status_code == 200


def test_token_scope_is_checked_before_the_body(client: httpx.Client) -> None:
    token = client.post("/v1/tokens", json={"agents": ["echo-agent"]}).json()["token"]
    resp = httpx.post(
        f"{client.base_url}/v1/chat/demo-agent",
        json={"messages": []},  # a bad body: the scope answers first
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == 'Token is not authorized for agent "demo-agent"'


def test_a_failed_run_marks_the_sandbox_until_the_next_good_run(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    run_chat(
        client,
        "echo-agent",
        {"sandboxId": sid, "messages": user("a b c d"), "options": {"maxBudgetUsd": 0.00001}},
    )
    failed = client.get(f"/v1/sandboxes/{sid}").json()
    assert failed["status"] == "error"
    assert failed["error"].startswith("budget_exceeded: ")
    run_chat(client, "echo-agent", {"sandboxId": sid, "messages": user("fine")})
    again = client.get(f"/v1/sandboxes/{sid}").json()
    assert (again["status"], again["error"]) == ("active", None)


def test_thread_usage_is_the_last_completed_turns(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    run_chat(client, "echo-agent", {"sandboxId": sid, "messages": user("one two three")})
    run_chat(client, "echo-agent", {"sandboxId": sid, "messages": user("four")})
    tid = client.get(f"/v1/sandboxes/{sid}/threads").json()[0]["id"]
    usage = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()["usage"]
    assert (usage["inputTokens"], usage["outputTokens"], usage["totalTokens"]) == (1, 1, 2)


def test_a_failing_setup_command_is_ignored(client: httpx.Client) -> None:
    resp = client.post("/v1/sandboxes", json={"agent": "demo-agent", "setup": ["exit 9"]})
    assert resp.status_code == 201 and resp.json()["status"] == "active"


def test_the_thread_a_chat_names_is_its_prompt_on_one_line(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    prompt = "  spread \n\t over   lines  " + "x" * 100
    run_chat(client, "echo-agent", {"sandboxId": sid, "messages": user(prompt)})
    name = client.get(f"/v1/sandboxes/{sid}/threads").json()[0]["name"]
    assert name == ("spread over lines " + "x" * 100)[:79] + "…"
    assert len(name) == 80


def test_the_user_message_is_stored_exactly_as_posted(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    message = {"role": "user", "parts": [{"type": "text", "text": "no id"}], "extra": 1}
    run_chat(client, "echo-agent", {"sandboxId": sid, "messages": [message]})
    tid = client.get(f"/v1/sandboxes/{sid}/threads").json()[0]["id"]
    stored = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()["messages"][0]
    assert stored == message


def test_file_writes_echo_the_path_and_count_utf16_units(
    client: httpx.Client, sandbox: str
) -> None:
    url = f"/v1/sandboxes/{sandbox}/files"
    resp = client.post(url, json={"files": {"./a/../b.txt": "😀é"}})
    assert resp.status_code == 400  # `..` is refused before anything is written
    resp = client.post(url, json={"files": {"emoji.txt": "😀é"}})
    assert resp.json() == {"files": [{"path": "emoji.txt", "size": 3}]}
    for empty in ({"files": {}}, {"files": []}, {}):
        refused = client.post(url, json=empty)
        assert refused.status_code == 400
        assert refused.json()["error"]["message"] == "Provide either {path, content} or {files}"


def test_git_clone_is_marked_deprecated_on_every_answer(client: httpx.Client, sandbox: str) -> None:
    text = "Use POST /v1/sandboxes/:id/exec with a git clone command instead"
    failed = client.post(f"/v1/sandboxes/{sandbox}/git/clone", json={"url": "nowhere"})
    assert failed.status_code == 400 and failed.headers["x-deprecated"] == text
    missing = client.post("/v1/sandboxes/no-such-sandbox/git/clone", json={"url": "x"})
    assert missing.status_code == 404 and missing.headers["x-deprecated"] == text


def test_exec_timeout_zero_is_the_default_and_the_408_says_what_production_says(
    client: httpx.Client, sandbox: str
) -> None:
    url = f"/v1/sandboxes/{sandbox}/exec"
    assert client.post(url, json={"command": "echo ok", "timeoutMs": 0}).json()["stdout"] == "ok\n"
    slow = client.post(url, json={"command": "sleep 5", "timeoutMs": 200})
    assert slow.status_code == 408
    assert slow.json()["error"] == {
        "code": "command_timeout",
        "message": "Command execution timed out",
    }


def test_stream_and_cors_headers(client: httpx.Client, sandbox: str) -> None:
    resp = client.post(
        "/v1/chat/demo-agent",
        json={"sandboxId": sandbox, "messages": user("hi")},
        headers={"Origin": "https://app.example"},
    )
    assert resp.headers["content-encoding"] == "none"
    assert resp.headers["access-control-allow-origin"] == "https://app.example"
    assert "access-control-expose-headers" not in resp.headers
    preflight = client.options(
        "/v1/chat/demo-agent",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert "access-control-max-age" not in preflight.headers
    assert preflight.headers["access-control-allow-methods"] == "GET,HEAD,PUT,PATCH,POST,DELETE"


# Client mistakes production answers with a 500: a clear 4xx here, so nothing passes locally
# that production rejects.


def test_a_thread_id_that_is_not_a_uuid_is_a_400(client: httpx.Client, sandbox: str) -> None:
    for method in ("GET", "DELETE"):
        resp = client.request(method, f"/v1/sandboxes/{sandbox}/threads/not-a-uuid")
        assert resp.status_code == 400
        assert resp.json()["error"]["message"] == 'Thread id "not-a-uuid" is not a UUID'


def test_the_last_user_message_needs_parts(client: httpx.Client, sandbox: str) -> None:
    resp = client.post(
        "/v1/chat/demo-agent",
        json={"sandboxId": sandbox, "messages": [{"role": "user", "content": "v4 style"}]},
    )
    assert resp.status_code == 400 and "parts" in resp.json()["error"]["message"]


def test_list_depth_zero_is_a_400(client: httpx.Client, sandbox: str) -> None:
    resp = client.get(f"/v1/sandboxes/{sandbox}/files/list", params={"path": "/", "depth": 0})
    assert resp.status_code == 400 and resp.json()["error"]["message"] == "depth must be >= 1"


def test_a_token_expiry_that_is_not_a_string_is_a_400(client: httpx.Client) -> None:
    resp = client.post("/v1/tokens", json={"expiresIn": 3600})
    assert resp.status_code == 400 and "expiresIn" in resp.json()["message"]
    # Falsy values fall back to the default hour, as in production.
    assert client.post("/v1/tokens", json={"expiresIn": 0}).status_code == 201


def test_oversized_and_scalar_bodies_are_invalid_json(client: httpx.Client, sandbox: str) -> None:
    flat = {"error": "invalid_json", "message": "Request body must be valid JSON", "status": 400}
    headers = {"Content-Type": "application/json"}
    big = b'{"command": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    for body in (big, b"42", b'"text"'):
        resp = client.post(f"/v1/sandboxes/{sandbox}/exec", content=body, headers=headers)
        assert (resp.status_code, resp.json()) == (400, flat)


def test_unknown_routes_and_methods_are_404_after_auth(
    client: httpx.Client, anon: httpx.Client, sandbox: str
) -> None:
    for method, path in (("PUT", f"/v1/sandboxes/{sandbox}"), ("GET", "/v1/sandboxes/x/nope")):
        resp = client.request(method, path)
        assert resp.status_code == 404, (method, path)
        assert resp.json()["error"] == {"code": "not_found", "message": f"Cannot {method} {path}"}
        assert anon.request(method, path).status_code == 401  # auth answers first there
    assert anon.get("/v1/elsewhere").status_code == 404
    assert anon.get("/nowhere").status_code == 404


def test_a_body_not_declared_json_is_a_415_that_says_so(client: httpx.Client, sandbox: str) -> None:
    """Production leaves such a body unparsed and fails with a 500."""
    body = b'{"agent": "echo-agent"}'
    envelope = {
        "code": "unsupported_media_type",
        "message": "Content-Type must be application/json",
    }
    for url in ("/v1/sandboxes", f"/v1/sandboxes/{sandbox}/threads", "/v1/chat/echo-agent",
                f"/v1/sandboxes/{sandbox}/exec", f"/v1/sandboxes/{sandbox}/files"):  # fmt: skip
        for headers in ({}, {"content-type": "text/plain"}, {"content-type": "application/jsonx"}):
            resp = client.post(url, content=body, headers=headers)
            assert resp.status_code == 415, (url, headers)
            assert resp.json()["error"] == envelope
    no_body = client.post("/v1/sandboxes")
    assert no_body.status_code == 415
    token = client.post("/v1/tokens", content=b"{}")  # the tokens route's flat shape
    assert token.status_code == 415
    assert token.json() == {
        "error": envelope["code"],
        "message": envelope["message"],
        "status": 415,
    }
    typed = {"content-type": "Application/JSON; charset=utf-8"}
    made = client.post("/v1/sandboxes", content=body, headers=typed)
    assert made.status_code == 201
    client.delete(f"/v1/sandboxes/{made.json()['id']}")


def test_a_cancel_with_two_runs_on_one_thread_ends_the_newest_and_drops_the_older(
    client: httpx.Client,
) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    tid = client.post(f"/v1/sandboxes/{sid}/threads", json={"name": "t"}).json()["id"]
    body = {"sandboxId": sid, "threadId": tid, "mode": "background"}
    older = client.post("/v1/chat/slow-agent", json={**body, "messages": user("a b c d e f")})
    newer = client.post("/v1/chat/slow-agent", json={**body, "messages": user("g h i j k l")})
    assert older.status_code == newer.status_code == 202
    url = f"/v1/chat/slow-agent/{sid}/stream"
    first = client.delete(url).json()
    assert first["status"] == "cancelled"
    # The older run goes on, unseen: nothing streams for the sandbox any more.
    assert client.delete(url).json() == {"ok": True, "status": "idle"}
    assert client.get(url).status_code == 204
    time.sleep(1.0)  # long enough for the older run to end
    thread = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()
    assert thread["status"] == "cancelled"
    assert thread["messages"] in (None, [])  # the older run's result was dropped
    assert client.get(f"/v1/sandboxes/{sid}").json()["status"] == "active"
