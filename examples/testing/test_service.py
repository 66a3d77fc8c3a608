"""The service's tests, against a local relay from the agents21 pytest plugin."""

from __future__ import annotations

from typing import Any

from service import review

from agents21 import AgentClient

FILES = {"README.md": "# demo", "main.py": "print('hi')\n"}
ANSWER = "Looking at the files. I see 2 files: README.md, main.py. "


def test_the_agent_drives_a_tool_call_through_the_sandbox(agents21_env: Any) -> None:
    assert review(FILES, "what is here?") == ANSWER


def test_the_service_retries_through_a_failing_relay(agents21_env: Any) -> None:
    agents21_env.faults.fail("POST /v1/sandboxes", 503, times=2, retry_after=0)
    assert review(FILES, "what is here?") == ANSWER


def test_a_dropped_stream_is_resumed_with_the_stored_message_exact(
    agents21_env: Any, agents21_client: AgentClient
) -> None:
    agents21_env.faults.drop_stream("POST /v1/chat/*", after_events=8)
    sandbox = agents21_client.sandboxes.create("reviewer", files=FILES)
    with agents21_client.threads.run("reviewer", "what is here?", sandbox_id=sandbox.id) as run:
        message = run.final_message()
    stored = agents21_client.threads.get(sandbox.id, run.thread_id).messages
    assert stored is not None and message.to_dict() == stored[-1].to_dict()
    assert run.final_text() == ANSWER
