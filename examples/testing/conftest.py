"""The agent the tests script: it lists the sandbox with a tool call, through the relay."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from agents21.local import AgentRequest, tool_call


async def reviewer(request: AgentRequest) -> AsyncIterator[Any]:
    yield "Looking at the files. "
    async with request.async_client() as client:
        done = await client.sandboxes.exec(request.sandbox_id, "ls")
    for chunk in tool_call("Bash", {"command": "ls"}, done.to_dict()):
        yield chunk
    files = done.stdout.split()
    for word in (f"I see {len(files)} files: " + ", ".join(files) + ".").split(" "):
        yield word + " "  # many small deltas, as a model streams


@pytest.fixture(scope="session")
def agents21_agents() -> dict[str, Any]:
    return {"reviewer": reviewer}
