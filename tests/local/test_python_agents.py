"""Agents written in Python: a handler scripts the run, tools included, through the relay."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from agents21 import AgentClient, AsyncAgentClient, RunFailedError
from agents21.local import (
    AgentConfig,
    AgentRequest,
    ConfigError,
    LocalRelay,
    replay,
    tool_call,
)
from agents21.local.config import load_settings
from agents21.stream import MessageAccumulator, parse_chunk
from agents21.types import ToolUIPart


async def with_a_tool(request: AgentRequest) -> AsyncIterator[Any]:
    """Streams text, runs a command in its sandbox through the relay, and reports it."""
    yield "Looking "
    yield "around."
    async with request.async_client() as client:
        done = await client.sandboxes.exec(request.sandbox_id, "cat note.txt")
    for chunk in tool_call("Bash", {"command": "cat note.txt"}, done.to_dict()):
        yield chunk
    yield f"The note says {done.stdout.strip()} (asked: {request.prompt})."


def blocking(request: AgentRequest) -> Iterator[str]:
    with request.client() as client:  # a plain generator runs on a worker thread
        listed = client.sandboxes.files.list(request.sandbox_id, "/home/user")
    yield f"{len(listed)} entries"


async def failing(request: AgentRequest) -> str:
    await asyncio.sleep(0)
    raise RuntimeError("the model is down")


def refusing(request: AgentRequest) -> list[dict[str, Any]]:
    return [{"type": "error", "errorText": "refused"}]


AGENTS = {"tool-agent": with_a_tool, "blocking-agent": blocking, "failing-agent": failing}


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay(agents=AGENTS) as running:  # {slug: handler}
        yield running


@pytest.fixture(scope="module")
def configured() -> Iterator[LocalRelay]:
    refuser = AgentConfig(slug="refusing-agent", name="No", runtime="python", handler=refusing)
    with LocalRelay(agents=[refuser]) as running:
        yield running


def test_a_python_agent_drives_a_tool_call_through_its_sandbox(relay: LocalRelay) -> None:
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        sandbox = client.sandboxes.create("tool-agent", files={"note.txt": "hello"})
        with client.threads.run("tool-agent", "what is here?", sandbox_id=sandbox.id) as run:
            text = run.final_text()
        message = client.threads.get(sandbox.id, run.thread_id).messages
    assert text == "Looking around.The note says hello (asked: what is here?)."
    assert message is not None
    kinds = [part.type_ for part in message[1].parts]
    assert kinds == ["text", "tool-Bash", "text"]
    tool = message[1].parts[1]
    assert isinstance(tool, ToolUIPart) and tool.state == "output-available"
    assert isinstance(tool.output, dict) and tool.output["stdout"] == "hello"


def test_async_client_and_a_blocking_handler(relay: LocalRelay) -> None:
    async def main() -> str:
        async with AsyncAgentClient(api_key=relay.api_key, base_url=relay.url) as client:
            sandbox = await client.sandboxes.create("blocking-agent", files={"a": "1", "b": "2"})
            async with client.threads.run("blocking-agent", "count", sandbox_id=sandbox.id) as run:
                return await run.final_text()

    assert asyncio.run(main()).endswith("entries")


def test_a_handler_that_raises_or_sends_an_error_fails_the_run(
    relay: LocalRelay, configured: LocalRelay
) -> None:
    for server, agent, reason in [
        (relay, "failing-agent", "RuntimeError: the model is down"),
        (configured, "refusing-agent", "refused"),
    ]:
        with (
            AgentClient(api_key=server.api_key, base_url=server.url) as client,
            pytest.raises(RunFailedError) as failed,
            client.threads.run(agent, "go") as run,
        ):
            run.until_done()
        assert reason in (failed.value.error_text or "")


def test_a_config_names_a_handler_by_module_and_function(tmp_path: Path) -> None:
    (tmp_path / "my_agent.py").write_text(
        "def reply(request):\n    return 'hi ' + request.prompt\n"
    )
    config = tmp_path / "relay.toml"
    config.write_text('[[agents]]\nslug = "mine"\nruntime = "python"\nhandler = "my_agent:reply"\n')
    with (
        LocalRelay(config=config) as relay,
        AgentClient(api_key=relay.api_key, base_url=relay.url) as client,
        client.threads.run("mine", "there") as run,
    ):
        assert run.final_text() == "hi there"
    bad = tmp_path / "bad.toml"
    for line, message in [
        ('runtime = "python"', "handler ('module:function') or recording"),
        ('runtime = "python"\nhandler = "nowhere:fn"', "No module named 'nowhere'"),
        ('runtime = "echo"\nhandler = "my_agent:reply"', "only for the python runtime"),
    ]:
        bad.write_text(f'[[agents]]\nslug = "x"\n{line}\n')
        with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_settings(bad, tmp_path / "data")


def test_a_recorded_run_replays(tmp_path: Path) -> None:
    # Record with the CLI's --json, as a user would, then serve it back through an agent.
    with LocalRelay() as relay:
        env = {**os.environ, "API_KEY_21ST": relay.api_key, "BASE_URL_21ST": relay.url}
        recorded = subprocess.run(
            [sys.executable, "-m", "agents21", "run", "demo-agent", "Run `echo hi`", "--json"],
            capture_output=True, text=True, env=env, timeout=60, check=True,
        ).stdout  # fmt: skip
    recording = tmp_path / "run.jsonl"
    recording.write_text(recorded)
    config = tmp_path / "relay.toml"
    config.write_text('[[agents]]\nslug = "again"\nruntime = "python"\nrecording = "run.jsonl"\n')
    with (
        LocalRelay(config=config, agents={"replayed": replay(recording)}) as relay,
        AgentClient(api_key=relay.api_key, base_url=relay.url) as client,
    ):
        for agent in ("replayed", "again"):
            with client.threads.run(agent, "anything") as run:
                parts = [p.to_dict() for p in run.final_message().parts]
            original = MessageAccumulator()
            for line in recorded.splitlines():
                original.add(parse_chunk(json.loads(line)))
            assert parts == [p.to_dict() for p in original.message.parts]
        recording.write_text("not json\n")
        with (
            pytest.raises(RunFailedError, match=r"run\.jsonl:1 is not a JSON object"),
            client.threads.run("replayed", "anything") as run,
        ):
            run.until_done()


class Counter:
    """A handler object whose __call__ is async: it runs on the relay's loop, not a thread."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, request: AgentRequest) -> str:
        self.calls += 1
        return f"call {self.calls}"


def test_an_object_with_an_async_call_is_an_async_handler() -> None:
    counter = Counter()
    with (
        LocalRelay(agents={"counter": counter}) as relay,
        AgentClient(api_key=relay.api_key, base_url=relay.url) as client,
        client.threads.run("counter", "go") as run,
    ):
        assert run.final_text() == "call 1"
