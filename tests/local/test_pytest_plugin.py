"""The pytest plugin, as a user's project meets it: found by its entry point, in a temp dir."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CONFTEST = """
import pytest


def greeter(request):
    return "hello " + request.prompt


@pytest.fixture(scope="session")
def agents21_agents():
    return {"greeter": greeter}
"""

TESTS = '''
import asyncio

from agents21 import AgentClient


def my_service(prompt):
    """Code under test: it builds its own client from the environment."""
    with AgentClient() as client, client.threads.run("greeter", prompt) as run:
        return run.final_text()


def test_code_that_builds_its_own_client(agents21_env):
    assert my_service("world") == "hello world"


def test_the_blocking_client(agents21_client):
    sandbox = agents21_client.sandboxes.create("demo-agent", files={"a.txt": "hi"})
    assert agents21_client.sandboxes.exec(sandbox.id, "cat a.txt").stdout == "hi"


def test_the_async_client(agents21_async_client, agents21_relay):
    async def main():
        async with agents21_async_client as client:
            async with client.threads.run("greeter", "async") as run:
                return await run.final_text()

    assert asyncio.run(main()) == "hello async"
    assert agents21_relay.resume == "replay"  # from the ini file
'''


def test_the_fixtures_serve_a_project_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(textwrap.dedent(CONFTEST))
    (tmp_path / "test_service.py").write_text(textwrap.dedent(TESTS))
    (tmp_path / "pytest.ini").write_text("[pytest]\nagents21_resume = replay\n")
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "3 passed" in ran.stdout
