"""Chat: validation, SSE framing, runtimes, options, background, resume and cancel."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from relay_helpers import chunks_of, parse_sse, run_chat, text_of, user

from agents21.local.api.chat import sse
from agents21.local.config import load_settings
from agents21.local.relay import Relay
from agents21.local.runs import Run

JSON = {"content-type": "application/json"}


def wait_status(client: httpx.Client, sid: str, tid: str, *, leave: str = "streaming") -> Any:
    deadline = time.monotonic() + 20
    while True:
        thread = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()
        if thread["status"] != leave:
            return thread
        assert time.monotonic() < deadline, "thread stayed " + leave
        time.sleep(0.05)


def newest_thread(client: httpx.Client, sid: str) -> str:
    tid: str = client.get(f"/v1/sandboxes/{sid}/threads").json()[0]["id"]
    return tid


def test_echo_stream_framing_and_headers(replaying: httpx.Client) -> None:
    client = replaying
    sandbox = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    resp = client.post(
        "/v1/chat/echo-agent",
        json={
            "sandboxId": sandbox,
            "messages": user("Hello   brave\nnew world"),
            "id": "browser-chat-id",
            "trigger": "submit-message",
            "messageId": "m0",
        },
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/event-stream"
    assert resp.headers["cache-control"] == "no-cache"
    assert resp.headers["x-vercel-ai-ui-message-stream"] == "v1"
    assert resp.headers["x-accel-buffering"] == "no"
    events = parse_sse(resp.text)
    assert [e[0] for e in events[:-1]] == [str(i) for i in range(len(events) - 1)]
    for _, data in events[:-1]:
        assert data == json.dumps(json.loads(data), separators=(",", ":"), ensure_ascii=False)
    assert resp.text.endswith("\n\ndata: [DONE]\n\n")
    chunks = chunks_of(resp.text)
    types = [c["type"] for c in chunks]
    assert types == [
        "start",
        "text-start",
        "text-delta",
        "text-delta",
        "text-delta",
        "text-delta",
        "text-end",
        "message-metadata",
        "finish",
    ]
    assert [c["delta"] for c in chunks if c["type"] == "text-delta"] == [
        "Hello   ",
        "brave\n",
        "new ",
        "world",
    ]
    meta = chunks[-2]["messageMetadata"]
    assert meta["inputTokens"] == 4 and meta["outputTokens"] == 4 and meta["totalTokens"] == 8
    assert meta["totalCostUsd"] == pytest.approx((4 * 3 + 4 * 15) / 1e6)
    assert isinstance(meta["durationMs"], int) and meta["resultSubtype"] == "success"
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{newest_thread(client, sandbox)}")
    assert thread.json()["name"] == "Hello brave new world"  # whitespace collapsed


def test_chat_validation_errors(client: httpx.Client, sandbox: str) -> None:
    def err(body: Any, agent: str = "echo-agent") -> tuple[int, Any]:
        r = client.post(f"/v1/chat/{agent}", json=body)
        return r.status_code, r.json()

    msgs = user("hi")
    cases: list[tuple[Any, int, str, str]] = [
        ({"sandboxId": sandbox}, 400, "invalid_request", "messages"),
        ({"sandboxId": sandbox, "messages": []}, 400, "invalid_request", "messages"),
        ({"sandboxId": sandbox, "messages": "hi"}, 400, "invalid_request", "messages"),
        ({"messages": msgs}, 400, "invalid_request", "sandboxId"),
        ({"messages": msgs, "sandboxId": 7}, 400, "invalid_request", "sandboxId"),
        (
            {"sandboxId": sandbox, "messages": [{"role": "assistant", "parts": []}]},
            400,
            "invalid_request",
            "messages must contain a user message",
        ),
        (
            {"sandboxId": sandbox, "messages": [{"role": "user", "parts": [{"type": "file"}]}]},
            400,
            "invalid_request",
            "The last user message has no text",
        ),
        ({"sandboxId": sandbox, "messages": ["x"]}, 400, "invalid_request", "messages[0]"),
        (
            {"sandboxId": sandbox, "messages": msgs, "threadId": 1},
            400,
            "invalid_request",
            "threadId",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "vaultIds": ["x"]},
            400,
            "vault_resolution_failed",
            'Vault "x" is not a valid vault id',
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "vaultIds": "x"},
            400,
            "invalid_request",
            "vaultIds",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": []},
            400,
            "invalid_request",
            "options",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"bogus": 1}},
            400,
            "invalid_request",
            "options.bogus",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"maxTurns": 0}},
            400,
            "invalid_request",
            "options.maxTurns",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"maxTurns": 1.5}},
            400,
            "invalid_request",
            "options.maxTurns",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"maxBudgetUsd": 0}},
            400,
            "invalid_request",
            "options.maxBudgetUsd",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"maxSandboxBudgetUsd": 1}},
            400,
            "invalid_request",
            "maxSandboxBudgetUsd can only be set from an an_sk_ secret key request",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"model": ""}},
            400,
            "invalid_request",
            "options.model",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"permissionMode": "yolo"}},
            400,
            "invalid_request",
            "options.permissionMode",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"disallowedTools": []}},
            400,
            "invalid_request",
            "options.disallowedTools",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "options": {"systemPrompt": {"type": "x"}}},
            400,
            "invalid_request",
            "options.systemPrompt",
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "threadId": "nope"},
            400,
            "invalid_request",
            'Thread id "nope" is not a UUID',
        ),
        (
            {"sandboxId": sandbox, "messages": msgs, "threadId": str(uuid.uuid4())},
            404,
            "thread_not_found",
            'Thread "',
        ),
    ]
    for body, status, code, message in cases:
        got_status, got = err(body)
        assert got_status == status, (body, got)
        assert got["error"]["code"] == code, (body, got)
        assert got["error"]["message"].startswith(message), (body, got)
    status, body = err({"sandboxId": sandbox, "messages": msgs}, agent="ghost")
    assert status == 404 and body["error"]["code"] == "agent_not_found"
    other = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    foreign = client.post(f"/v1/sandboxes/{other}/threads", json={}).json()["id"]
    status, body = err({"sandboxId": sandbox, "messages": msgs, "threadId": foreign})
    assert status == 404 and body["error"]["code"] == "thread_not_found"
    bad = client.post(
        "/v1/chat/echo-agent",
        content=b'{"messages": [',
        headers={"Content-Type": "application/json"},
    )
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_json"


def test_valid_options_are_recorded(client: httpx.Client, sandbox: str) -> None:
    resp, chunks = run_chat(
        client,
        "echo-agent",
        {
            "sandboxId": sandbox,
            "messages": user("hi there"),
            "options": {
                "model": "local-model",
                "systemPrompt": "be brief please",
                "maxTurns": 2,
                "maxBudgetUsd": 1,
                "permissionMode": "plan",
                "disallowedTools": ["WebFetch"],
            },
        },
    )
    assert resp.status_code == 200
    meta = chunks[-2]["messageMetadata"]
    assert meta["model"] == "local-model" and meta["systemPrompt"] == "be brief please"
    assert meta["inputTokens"] == 2 + 3  # prompt words plus system prompt words
    preset = {"type": "preset", "preset": "claude_code", "append": "x"}
    _, chunks = run_chat(
        client,
        "echo-agent",
        {"sandboxId": sandbox, "messages": user("x"), "options": {"systemPrompt": preset}},
    )
    assert chunks[-2]["messageMetadata"]["systemPrompt"] == preset


def test_tools_runtime_runs_backticked_commands(client: httpx.Client, sandbox: str) -> None:
    resp, chunks = run_chat(
        client,
        "demo-agent",
        {"sandboxId": sandbox, "messages": user("Run `cat a.txt` then `echo oops >&2; exit 4`")},
    )
    assert resp.status_code == 200
    types = [c["type"] for c in chunks]
    assert types[0] == "start" and types[-2:] == ["message-metadata", "finish"]
    starts = [c for c in chunks if c["type"] == "tool-input-start"]
    assert [s["toolName"] for s in starts] == ["Bash", "Bash"]
    first_id = starts[0]["toolCallId"]
    deltas = "".join(
        c["inputTextDelta"]
        for c in chunks
        if c["type"] == "tool-input-delta" and c["toolCallId"] == first_id
    )
    assert json.loads(deltas) == {"command": "cat a.txt"}
    available = [c for c in chunks if c["type"] == "tool-input-available"]
    assert available[0]["input"] == {"command": "cat a.txt"}
    outputs = [c["output"] for c in chunks if c["type"] == "tool-output-available"]
    assert outputs == [
        {"stdout": "hi", "stderr": "", "exitCode": 0},
        {"stdout": "", "stderr": "oops\n", "exitCode": 4},
    ]
    order = [types.index("tool-input-start"), types.index("tool-input-delta")]
    order += [types.index("tool-input-available"), types.index("tool-output-available")]
    assert order == sorted(order) and types.index("text-start") > order[-1]
    assert "`cat a.txt` exited with code 0." in text_of(chunks)
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{newest_thread(client, sandbox)}").json()
    tool_parts = [p for p in thread["messages"][1]["parts"] if p["type"] == "tool-Bash"]
    assert tool_parts[0]["state"] == "output-available"
    assert tool_parts[0]["input"] == {"command": "cat a.txt"}
    assert tool_parts[0]["output"]["stdout"] == "hi"


def test_tools_runtime_honours_max_turns_and_disallowed_tools(
    client: httpx.Client, sandbox: str
) -> None:
    prompt = user("`echo 1` `echo 2` `echo 3`")
    _, chunks = run_chat(
        client, "demo-agent", {"sandboxId": sandbox, "messages": prompt, "options": {"maxTurns": 2}}
    )
    assert sum(c["type"] == "tool-input-start" for c in chunks) == 2
    assert "maxTurns" in text_of(chunks) and "`echo 3`" in text_of(chunks)
    _, chunks = run_chat(
        client,
        "demo-agent",
        {"sandboxId": sandbox, "messages": prompt, "options": {"disallowedTools": ["Bash"]}},
    )
    assert not any(c["type"].startswith("tool-") for c in chunks)
    assert "disallowed" in text_of(chunks)
    _, chunks = run_chat(client, "demo-agent", {"sandboxId": sandbox, "messages": user("hello")})
    assert "backticks" in text_of(chunks)


def test_budget_stops_the_run_with_an_error(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("echo-agent")
    # 4 input words cost 12e-6 and each output word 15e-6: the second word passes 3e-5.
    resp, chunks = run_chat(
        client,
        "echo-agent",
        {
            "sandboxId": sandbox,
            "messages": user("one two three four"),
            "options": {"maxBudgetUsd": 0.00003},
        },
    )
    assert resp.status_code == 200
    types = [c["type"] for c in chunks]
    assert types[-3:] == ["error", "message-metadata", "finish"]
    assert chunks[-3]["errorText"].startswith("budget_exceeded: ")
    assert text_of(chunks) == "one two "
    assert chunks[-2]["messageMetadata"]["resultSubtype"] == "error_max_budget_usd"
    tid = newest_thread(client, sandbox)
    assert client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()["status"] == "error"


def test_command_runtime(client: httpx.Client, new_sandbox: Callable[[str], str]) -> None:
    sandbox = new_sandbox("cmd-agent")
    resp, chunks = run_chat(client, "cmd-agent", {"sandboxId": sandbox, "messages": user("do it")})
    assert resp.status_code == 200
    assert [c["type"] for c in chunks] == [
        "start",
        "text-start",
        "text-delta",
        "text-delta",
        "text-delta",
        "text-end",
        "data-custom",
        "message-metadata",
        "finish",
    ]
    assert text_of(chunks) == "cwd-ok agent=cmd-agent prompt=do it"
    assert chunks[6]["data"] == {"sandboxId": sandbox}
    meta = chunks[-2]["messageMetadata"]
    assert meta["inputTokens"] == 7 and meta["outputTokens"] == 11 and meta["custom"] == 1
    _, chunks = run_chat(client, "cmd-agent", {"sandboxId": sandbox, "messages": user("crash")})
    assert [c["type"] for c in chunks][-3:] == ["error", "message-metadata", "finish"]
    assert chunks[-3]["errorText"] == (
        "command_failed: agent command exited with code 3: something broke"
    )
    _, chunks = run_chat(
        client, "cmd-agent", {"sandboxId": sandbox, "messages": user("error chunk")}
    )
    assert chunks[-3] == {"type": "error", "errorText": "agent_error: the model refused"}
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{newest_thread(client, sandbox)}").json()
    assert thread["status"] == "error" and thread["error"] == "agent_error: the model refused"


def test_unknown_sandbox_id_creates_the_sandbox(client: httpx.Client) -> None:
    sid = f"chat-{uuid.uuid4()}"
    resp, chunks = run_chat(
        client,
        "setup-agent",
        {"sandboxId": sid, "messages": user("`cat order.txt agent.txt`"), "name": "lazy"},
    )
    assert resp.status_code == 200
    outputs = [c["output"] for c in chunks if c["type"] == "tool-output-available"]
    assert outputs[0]["stdout"] == "one\nfrom agent"
    sandbox = client.get(f"/v1/sandboxes/{sid}").json()
    assert sandbox["agent"]["slug"] == "setup-agent"
    assert sandbox["threads"][0]["name"] == "lazy"
    # Without threadId the newest thread is reused.
    run_chat(client, "setup-agent", {"sandboxId": sid, "messages": user("again")})
    threads = client.get(f"/v1/sandboxes/{sid}/threads").json()
    assert len(threads) == 1
    broken = client.post(
        "/v1/chat/broken-agent", json={"sandboxId": f"b-{uuid.uuid4()}", "messages": user("hi")}
    )
    # A failing agent setup is ignored, as in production: the run goes ahead.
    assert broken.status_code == 200 and "data: [DONE]" in broken.text


def test_background_run_polled_to_completion(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("slow-agent")
    resp = client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user("a b c"), "mode": "background"},
    )
    assert resp.status_code == 202
    body = resp.json()
    assert body["sandboxId"] == sandbox and body["status"] == "running"
    tid = body["threadId"]
    assert client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()["status"] == "streaming"
    thread = wait_status(client, sandbox, tid)
    assert thread["status"] == "completed"
    assert thread["messages"][1]["parts"][0]["text"] == "a b c"


def test_resume_mid_run_with_and_without_last_event_id(replaying: httpx.Client) -> None:
    client = replaying
    sandbox = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    url = f"/v1/chat/slow-agent/{sandbox}/stream"
    assert client.get(url).status_code == 204
    words = " ".join(f"w{i}" for i in range(12))
    seen: list[tuple[str | None, str]] = []
    with client.stream(
        "POST", "/v1/chat/slow-agent", json={"sandboxId": sandbox, "messages": user(words)}
    ) as live:
        lines = live.iter_lines()
        while len(seen) < 4:
            line = next(lines)
            if line.startswith("id: "):
                event_id = line[4:]
                seen.append((event_id, next(lines)[6:]))
        # The original reader disconnects here; the run goes on.
    full = client.get(url)
    assert full.status_code == 200
    assert full.headers["x-vercel-ai-ui-message-stream"] == "v1"
    replay = parse_sse(full.text)
    assert replay[: len(seen)] == seen  # replayed from `start`
    assert replay[-1] == (None, "[DONE]")
    assert json.loads(replay[-2][1]) == {"type": "finish"}
    assert text_of([json.loads(d) for _, d in replay[:-1]]) == words
    tid = newest_thread(client, sandbox)
    assert wait_status(client, sandbox, tid)["status"] == "completed"

    # Resume after a given id: only what follows.
    client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user(words), "mode": "background"},
    )
    time.sleep(0.3)
    after = client.get(url, headers={"Last-Event-ID": "2"})
    events = parse_sse(after.text)
    assert events[0][0] == "3"
    assert [e[0] for e in events[:-1]] == [str(i) for i in range(3, 3 + len(events) - 1)]
    assert client.get(url).status_code == 204  # nothing runs any more


def test_by_default_a_resume_joins_the_live_run_as_production_does(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("slow-agent")
    words = " ".join(f"w{i}" for i in range(12))
    with client.stream(
        "POST", "/v1/chat/slow-agent", json={"sandboxId": sandbox, "messages": user(words)}
    ) as live:
        lines = live.iter_lines()
        first = [next(lines) for _ in range(8)]  # four events: start, text-start, two deltas
        joined = client.get(f"/v1/chat/slow-agent/{sandbox}/stream")
        rest = "\n".join(lines)
    original = chunks_of("\n".join(first) + "\n" + rest + "\n")
    assert not any(line.startswith("id:") for line in first + rest.split("\n"))
    events = parse_sse(joined.text)
    assert all(event_id is None for event_id, _ in events)  # no event ids to resume from
    assert events[-1] == (None, "[DONE]")
    chunks = [json.loads(data) for _, data in events[:-1]]
    # Its own `start`, then only what was published after it joined: no replay.
    assert chunks[0]["type"] == "start"
    assert chunks[0]["messageId"] != original[0]["messageId"]
    assert 0 < len(chunks) - 1 <= len(original) - 4
    assert chunks[1:] == original[len(original) - len(chunks) + 1 :]


def test_concurrent_readers_share_one_log(replaying: httpx.Client) -> None:
    client = replaying
    sandbox = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user("x y z w " * 4), "mode": "background"},
    )
    url = f"/v1/chat/slow-agent/{sandbox}/stream"
    results: list[str] = []

    def read() -> None:
        results.append(client.get(url).text)

    readers = [threading.Thread(target=read) for _ in range(5)]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    assert len(results) == 5 and len(set(results)) == 1


def test_cancel(client: httpx.Client, new_sandbox: Callable[[str], str]) -> None:
    sandbox = new_sandbox("slow-agent")
    url = f"/v1/chat/slow-agent/{sandbox}/stream"
    assert client.delete(url).json() == {"ok": True, "status": "idle"}
    resp = client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user(" ".join(["w"] * 50)), "mode": "background"},
    )
    tid = resp.json()["threadId"]
    reader_text: list[str] = []
    reader = threading.Thread(target=lambda: reader_text.append(client.get(url).text))
    reader.start()
    time.sleep(0.3)
    cancelled = client.delete(url)
    assert cancelled.status_code == 200
    body = cancelled.json()
    assert body["ok"] is True and body["status"] == "cancelled" and body["streamId"]
    reader.join(10)
    assert reader_text and reader_text[0].endswith("data: [DONE]\n\n")
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()
    assert thread["status"] == "cancelled"
    assert thread["error"] == "cancelled: cancelled by user"
    assert thread["messages"] is None or all(
        m["parts"][0].get("text") != " ".join(["w"] * 50) for m in thread["messages"]
    )
    assert client.get(url).status_code == 204
    assert client.delete("/v1/chat/slow-agent/nope/stream").status_code == 404
    assert client.delete(f"/v1/chat/ghost/{sandbox}/stream").json()["error"]["code"] == (
        "agent_not_found"
    )


def test_disconnect_does_not_stop_the_run(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("slow-agent")
    with client.stream(
        "POST",
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user("keep going after i leave")},
    ) as resp:
        next(resp.iter_lines())
    tid = newest_thread(client, sandbox)
    thread = wait_status(client, sandbox, tid)
    assert thread["status"] == "completed"
    assert thread["messages"][-1]["parts"][0]["text"] == "keep going after i leave"


def test_bad_input_never_gives_a_500(client: httpx.Client, sandbox: str) -> None:
    big = b'{"files": {"a": "' + b"x" * (10 * 1024 * 1024 + 10) + b'"}}'
    too_big = client.post(f"/v1/sandboxes/{sandbox}/files", content=big, headers=JSON)
    # Production reads an oversized body as malformed JSON.
    assert too_big.status_code == 400
    assert too_big.json() == {
        "error": "invalid_json",
        "message": "Request body must be valid JSON",
        "status": 400,
    }

    def chunks() -> Any:  # no Content-Length: the limit is enforced while reading
        for _ in range(11):
            yield b"x" * (1024 * 1024)

    streamed = client.post(f"/v1/sandboxes/{sandbox}/exec", content=chunks(), headers=JSON)
    assert streamed.status_code == 400 and streamed.json()["error"] == "invalid_json"
    for body in (b"[", b"\xff\xfe", b"NaN", b"{" * 100_000, b'{"a": Infinity}'):
        r = client.post(f"/v1/sandboxes/{sandbox}/exec", content=body, headers=JSON)
        assert r.status_code == 400, body[:10]
        assert r.json()["error"] == "invalid_json"
    for body in (b"123", b'"s"', b"null", b"true"):  # neither an object nor an array
        r = client.post(f"/v1/sandboxes/{sandbox}/exec", content=body, headers=JSON)
        assert r.status_code == 400 and r.json()["error"] == "invalid_json", body
    for body in (b"[]",):
        r = client.post(f"/v1/sandboxes/{sandbox}/exec", content=body, headers=JSON)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"
    r = client.get("/v1/nowhere")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.put(f"/v1/sandboxes/{sandbox}")  # never a 405, as production
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    odd = client.get(f"/v1/sandboxes/{'%00' * 3}/files", params={"path": "\x00"})
    assert odd.status_code in (400, 404)
    odd = client.get(f"/v1/sandboxes/{sandbox}/files", params={"path": "a\x00b"})
    assert odd.status_code == 400


def test_deleting_a_thread_or_sandbox_ends_its_run(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    words = " ".join(["w"] * 80)
    tid = client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sid, "messages": user(words), "mode": "background"},
    ).json()["threadId"]
    url = f"/v1/chat/slow-agent/{sid}/stream"
    reader: list[str] = []
    t = threading.Thread(target=lambda: reader.append(client.get(url).text))
    t.start()
    time.sleep(0.2)
    assert client.delete(f"/v1/sandboxes/{sid}/threads/{tid}").status_code == 204
    t.join(10)
    assert reader and reader[0].endswith("data: [DONE]\n\n")
    assert client.get(url).status_code == 204

    client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sid, "messages": user(words), "mode": "background"},
    )
    assert client.delete(f"/v1/sandboxes/{sid}").status_code == 204
    assert client.get(url).status_code == 404


def test_openapi_yaml_is_served_without_auth(anon: httpx.Client) -> None:
    spec = Path(__file__).resolve().parents[2] / "openapi.yaml"
    resp = anon.get("/openapi.yaml")
    if not spec.is_file():
        assert resp.status_code == 404
        return
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/yaml")
    assert resp.content == spec.read_bytes()


def test_sandbox_budget(legacy: httpx.Client) -> None:
    client = legacy
    sid = client.post("/v1/sandboxes", json={"agent": "echo-agent"}).json()["id"]
    # Each run of "a b" costs 2 * 3e-6 + 2 * 15e-6 = 3.6e-5.
    _, chunks = run_chat(client, "echo-agent", {"sandboxId": sid, "messages": user("a b")})
    assert chunks[-1]["type"] == "finish" and chunks[-3]["type"] == "text-end"
    # The cap is checked before a run only: one that starts under it may pass it.
    limit = {"maxSandboxBudgetUsd": 0.00006}
    _, chunks = run_chat(
        client, "echo-agent", {"sandboxId": sid, "messages": user("a b"), "options": limit}
    )
    assert chunks[-3]["type"] == "text-end"
    # 0 means no cap.
    free = {"maxSandboxBudgetUsd": 0}
    resp, _ = run_chat(
        client, "echo-agent", {"sandboxId": sid, "messages": user("a b"), "options": free}
    )
    assert resp.status_code == 200
    over = client.post(
        "/v1/chat/echo-agent",
        json={
            "sandboxId": sid,
            "messages": user("a b"),
            "options": {"maxSandboxBudgetUsd": 0.00003},
        },
    )
    assert over.status_code == 402
    assert over.json() == {
        "error": {
            "code": "budget_exceeded",
            "message": "Sandbox budget exceeded",
            "scope": "sandbox",
            "sandboxId": sid,
            "spentUsd": 0.000108,
            "limitUsd": 0.00003,
        }
    }


def test_a_cancel_before_the_run_starts_ends_it(tmp_path: Path) -> None:
    """A cancel (or a thread or sandbox delete, or a stop) in the same loop tick as the POST,
    before the run's task took its first step, still ends the run: the thread leaves
    `streaming` and readers get [DONE]."""

    async def scenario() -> None:
        settings = load_settings(None, tmp_path / "data")
        settings.use_bwrap = False
        relay = Relay(settings)
        try:
            agent = relay.agent("echo-agent")
            sandbox = await relay.sandboxes.create(agent)
            message = {"id": "u", "role": "user", "parts": [{"type": "text", "text": "hi"}]}

            def start(thread_id: str) -> Run:
                thread = relay.store.insert_thread(thread_id, sandbox.key, None)
                return relay.start_run(
                    agent=agent,
                    sandbox=sandbox,
                    thread=thread,
                    prompt="hi",
                    user_message=message,
                    messages=[message],
                    options={},
                    budget_usd=None,
                    relay_url="http://127.0.0.1:1",
                )

            async def read_all(run: Run) -> str:
                async with asyncio.timeout(5):
                    return "".join([part async for part in sse(run, 0, ids=True)])

            cancelled = start("t-cancel")
            await relay.cancel(cancelled)
            assert (await read_all(cancelled)).endswith("data: [DONE]\n\n")
            row = relay.store.get_thread(sandbox.key, "t-cancel")
            assert row is not None
            assert (row.status, row.error) == ("cancelled", "cancelled: cancelled by user")
            assert relay.runs.active(sandbox.key) is None

            aborted = start("t-abort")
            await relay.abort_runs()
            assert (await read_all(aborted)).endswith("data: [DONE]\n\n")
            row = relay.store.get_thread(sandbox.key, "t-abort")
            assert row is not None and row.status == "error"
        finally:
            await relay.stop()

    asyncio.run(scenario())


def test_two_runs_on_one_thread_both_keep_their_turn(client: httpx.Client) -> None:
    sid = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    tid = client.post(f"/v1/sandboxes/{sid}/threads", json={}).json()["id"]
    for text in ("first turn a b", "second turn a b c d e f g h"):
        started = client.post(
            "/v1/chat/slow-agent",
            json={"sandboxId": sid, "threadId": tid, "mode": "background", "messages": user(text)},
        )
        assert started.status_code == 202
        time.sleep(0.1)
    deadline = time.monotonic() + 20
    while True:
        thread = client.get(f"/v1/sandboxes/{sid}/threads/{tid}").json()
        if thread["status"] != "streaming" and len(thread["messages"] or []) == 4:
            break
        assert time.monotonic() < deadline, thread
        time.sleep(0.05)
    texts = [(m["role"], m["parts"][0]["text"]) for m in thread["messages"]]
    assert texts == [
        ("user", "first turn a b"),
        ("assistant", "first turn a b"),
        ("user", "second turn a b c d e f g h"),
        ("assistant", "second turn a b c d e f g h"),
    ]
    assert thread["status"] == "completed"


def test_odd_last_event_ids_replay_from_the_start(replaying: httpx.Client) -> None:
    client = replaying
    sandbox = client.post("/v1/sandboxes", json={"agent": "slow-agent"}).json()["id"]
    client.post(
        "/v1/chat/slow-agent",
        json={"sandboxId": sandbox, "messages": user("a b c d e f"), "mode": "background"},
    )
    url = f"/v1/chat/slow-agent/{sandbox}/stream"
    for value in (b"\xb2", b"9" * 5000, b"-1", b"1e3", b"+2"):
        resp = client.get(url, headers=[(b"Last-Event-ID", value)])
        assert resp.status_code in (200, 204), (value[:10], resp.text)
        if resp.status_code == 200:
            events = parse_sse(resp.text)
            assert events[0][0] == "0" and events[-1] == (None, "[DONE]")


def test_lone_surrogates_are_invalid_json(client: httpx.Client, sandbox: str) -> None:
    tid = client.post(f"/v1/sandboxes/{sandbox}/threads", json={"name": "t"}).json()["id"]
    bodies = [
        (f"/v1/sandboxes/{sandbox}/threads", b'{"name":"bad \\ud800 name"}'),
        (f"/v1/sandboxes/{sandbox}/files", b'{"files":{"/home/user/a":"x \\ud800"}}'),
        (f"/v1/sandboxes/{sandbox}/files", b'{"files":{"/home/user/\\udc00":"x"}}'),
        (f"/v1/sandboxes/{sandbox}/exec", b'{"command":"echo \\ud800"}'),
        (
            "/v1/chat/echo-agent",
            b'{"sandboxId":"%s","threadId":"%s","messages":[{"role":"user","parts":'
            b'[{"type":"text","text":"hi \\ud800 there"}]}]}' % (sandbox.encode(), tid.encode()),
        ),
    ]
    for url, body in bodies:
        resp = client.post(url, content=body, headers={"content-type": "application/json"})
        assert resp.status_code == 400, (url, resp.text)
        assert resp.json()["error"] == "invalid_json"
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}")
    assert thread.status_code == 200 and thread.json()["status"] == "idle"
    assert client.get(f"/v1/sandboxes/{sandbox}/threads").status_code == 200
    # A surrogate pair is one valid character.
    ok = client.post(
        f"/v1/sandboxes/{sandbox}/threads", content=b'{"name":"\\ud83d\\ude00"}', headers=JSON
    )
    assert ok.status_code == 201 and ok.json()["name"] == "\U0001f600"


def test_lazy_creation_locks_do_not_pile_up(tmp_path: Path) -> None:
    async def scenario() -> None:
        settings = load_settings(None, tmp_path / "data")
        settings.use_bwrap = False
        relay = Relay(settings)
        try:
            agent = relay.agent("echo-agent")
            rows = await asyncio.gather(
                *(relay.sandbox_for_chat(f"lazy-{i % 3}", agent) for i in range(9))
            )
            assert len({row.dir for row in rows}) == 3  # one sandbox per id, however raced
            assert relay.sandboxes._creating == {}
        finally:
            await relay.stop()

    asyncio.run(scenario())


def test_a_character_split_across_deltas_is_written_as_json_stringify_does(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("cmd-agent")
    resp, chunks = run_chat(
        client, "cmd-agent", {"sandboxId": sandbox, "messages": user("split emoji")}
    )
    # Each half is a \u escape on the wire, so the body is whole and valid UTF-8.
    assert '"delta":"smile \\ud83d"' in resp.text
    assert resp.text.endswith("data: [DONE]\n\n")
    deltas = [c["delta"] for c in chunks if c["type"] == "text-delta"]
    assert deltas == ["smile \ud83d", "\ude00 and half \ud83d"]
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{newest_thread(client, sandbox)}").json()
    # Stored as one character, as the AI SDK assembles it; the lone half stays an escape.
    assert thread["messages"][-1]["parts"][0]["text"] == "smile \U0001f600 and half \ud83d"
