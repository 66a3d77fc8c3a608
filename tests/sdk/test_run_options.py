"""Run options have one specification: the SDK refuses before sending exactly what the local relay
refuses on the wire, with the same words, and what one accepts the other accepts."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from agents21.local import LocalRelay

from .conftest import MakeClient

# maxSandboxBudgetUsd is left out: the relay first asks for an `an_sk_` key, as production does.
BAD = [
    {"maxTurn": 1},
    {"maxTurns": 0},
    {"maxTurns": 1.5},
    {"maxTurns": 2**53},
    {"maxBudgetUsd": 0},
    {"maxBudgetUsd": "1"},
    {"model": ""},
    {"permissionMode": "yolo"},
    {"disallowedTools": []},
    {"disallowedTools": "Bash"},
    {"systemPrompt": {"type": "preset", "preset": "other"}},
    {"systemPrompt": 3},
]
GOOD = [
    {"model": "claude-sonnet-4-5", "maxTurns": 3, "maxBudgetUsd": 0.5},
    {"permissionMode": "plan", "disallowedTools": ["Bash"]},
    {"systemPrompt": {"type": "preset", "preset": "claude_code", "append": "Be brief."}},
]


_SANDBOXES: dict[str, str] = {}


def relay_answer(relay: LocalRelay, options: dict[str, Any]) -> httpx.Response:
    headers = {"Authorization": f"Bearer {relay.api_key}"}
    with httpx.Client(base_url=relay.url, headers=headers, timeout=30) as http:
        if relay.url not in _SANDBOXES:
            made = http.post("/v1/sandboxes", json={"agent": "echo-agent"})
            _SANDBOXES[relay.url] = made.raise_for_status().json()["id"]
        return http.post(
            "/v1/chat/echo-agent",
            json={
                "sandboxId": _SANDBOXES[relay.url],
                "messages": [
                    {"id": "m", "role": "user", "parts": [{"type": "text", "text": "hi"}]}
                ],
                "options": options,
            },
        )


@pytest.mark.parametrize("options", BAD, ids=str)
def test_the_sdk_and_the_relay_refuse_the_same_options_alike(
    make_client: MakeClient, relay: LocalRelay, options: dict[str, Any]
) -> None:
    client = make_client()
    with pytest.raises((TypeError, ValueError)) as refused:
        client.threads.run("echo-agent", "hi", options=options)
    answer = relay_answer(relay, options)
    assert answer.status_code == 400
    message = answer.json()["error"]["message"]
    assert message == str(refused.value)
    assert f"options.{next(iter(options))}" in message


@pytest.mark.parametrize("options", GOOD, ids=str)
def test_what_the_sdk_sends_the_relay_accepts(
    make_client: MakeClient, relay: LocalRelay, options: dict[str, Any]
) -> None:
    client = make_client()
    with client.threads.run("echo-agent", "hi", options=options) as run:
        assert run.final_text()
    assert relay_answer(relay, options).status_code == 200


def test_the_sdk_also_takes_python_spellings_and_the_relay_only_the_wire_names(
    make_client: MakeClient, relay: LocalRelay
) -> None:
    client = make_client()
    with client.threads.run("echo-agent", "hi", options={"max_turns": 2}) as run:
        assert run.final_text()
    answer = relay_answer(relay, {"max_turns": 2})
    assert answer.status_code == 400 and "options.max_turns" in answer.json()["error"]["message"]


def test_an_option_given_in_both_spellings_is_refused(make_client: MakeClient) -> None:
    with pytest.raises(ValueError, match=r"options\.maxTurns is given twice"):
        make_client().threads.run("echo-agent", "hi", options={"max_turns": 1, "maxTurns": 2})


def test_a_run_options_object_is_checked_too(make_client: MakeClient) -> None:
    from agents21.types import RunOptions

    with pytest.raises(ValueError, match=r"options\.maxTurns"):
        make_client().threads.run("echo-agent", "hi", options=RunOptions(max_turns=0))
