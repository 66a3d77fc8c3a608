"""Threads: list, create, get, delete, and the history rules of runs."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from relay_helpers import run_chat, user


def test_thread_crud(client: httpx.Client, sandbox: str) -> None:
    base = f"/v1/sandboxes/{sandbox}/threads"
    assert client.get(base).json() == []
    created = client.post(base, json={"name": "Refactor"})
    assert created.status_code == 201
    t = created.json()
    assert set(t) == {"id", "name", "status", "createdAt"}
    assert t["name"] == "Refactor" and t["status"] == "idle"
    unnamed = client.post(base, content=b"", headers={"content-type": "application/json"})
    assert unnamed.status_code == 201 and unnamed.json()["name"] is None
    listed = client.get(base).json()
    assert [x["id"] for x in listed] == [unnamed.json()["id"], t["id"]]
    assert set(listed[0]) == {"id", "name", "status", "createdAt", "updatedAt"}
    got = client.get(f"{base}/{t['id']}").json()
    assert got == {
        "id": t["id"],
        "name": "Refactor",
        "status": "idle",
        "messages": None,
        "usage": {
            "inputTokens": None,
            "outputTokens": None,
            "totalTokens": None,
            "totalCostUsd": None,
            "durationMs": None,
        },
        "error": None,
        "createdAt": t["createdAt"],
        "updatedAt": t["createdAt"],
        "completedAt": None,
    }
    assert client.post(base, json={"name": 3}).status_code == 400
    assert client.delete(f"{base}/{t['id']}").status_code == 204
    missing = client.get(f"{base}/{t['id']}")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "thread_not_found"
    assert client.delete(f"{base}/{t['id']}").status_code == 404
    assert client.get("/v1/sandboxes/nope/threads").status_code == 404
    assert client.post("/v1/sandboxes/nope/threads", json={}).json()["error"]["code"] == (
        "sandbox_not_found"
    )


def test_history_keeps_only_the_last_user_message_per_turn(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("echo-agent")
    tid = client.post(f"/v1/sandboxes/{sandbox}/threads", json={}).json()["id"]
    first = [
        {"id": "old", "role": "user", "parts": [{"type": "text", "text": "ignored earlier"}]},
        {"id": "a0", "role": "assistant", "parts": [{"type": "text", "text": "ignored"}]},
        {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "one two"}]},
    ]
    resp, chunks = run_chat(
        client, "echo-agent", {"sandboxId": sandbox, "threadId": tid, "messages": first}
    )
    assert resp.status_code == 200
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()
    assert thread["status"] == "completed" and thread["completedAt"] and thread["error"] is None
    msgs = thread["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant"]
    assert msgs[0] == first[2]
    assistant = msgs[1]
    assert assistant["id"] == chunks[0]["messageId"]
    assert assistant["parts"] == [{"type": "text", "text": "one two", "state": "done"}]
    assert assistant["metadata"]["inputTokens"] == 2
    assert assistant["metadata"]["outputTokens"] == 2
    usage1 = thread["usage"]
    assert usage1["inputTokens"] == 2 and usage1["outputTokens"] == 2
    assert usage1["totalTokens"] == 4 and usage1["totalCostUsd"] > 0

    second = [*first, assistant, {"role": "user", "parts": [{"type": "text", "text": "three"}]}]
    run_chat(client, "echo-agent", {"sandboxId": sandbox, "threadId": tid, "messages": second})
    thread = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()
    assert [m["role"] for m in thread["messages"]] == ["user", "assistant", "user", "assistant"]
    assert thread["messages"][2]["parts"][0]["text"] == "three"
    assert thread["messages"][2] == second[-1]  # stored exactly as posted: no id added
    assert thread["usage"]["inputTokens"] == 1  # the last completed turn's figures

    # A failed turn stores nothing and records the error.
    run_chat(
        client,
        "echo-agent",
        {
            "sandboxId": sandbox,
            "threadId": tid,
            "messages": user("a b c d e f g h"),
            "options": {"maxBudgetUsd": 0.00002},
        },
    )
    failed = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()
    assert failed["status"] == "error"
    assert failed["error"].startswith("budget_exceeded: ")
    assert len(failed["messages"]) == 4


def test_free_agent_reports_zero_cost_as_null(
    client: httpx.Client, new_sandbox: Callable[[str], str]
) -> None:
    sandbox = new_sandbox("free-agent")
    _, chunks = run_chat(
        client, "free-agent", {"sandboxId": sandbox, "messages": user("free words")}
    )
    assert chunks[-2]["messageMetadata"]["totalCostUsd"] == 0
    tid = client.get(f"/v1/sandboxes/{sandbox}/threads").json()[0]["id"]
    usage = client.get(f"/v1/sandboxes/{sandbox}/threads/{tid}").json()["usage"]
    assert usage["totalCostUsd"] is None and usage["totalTokens"] == 4
