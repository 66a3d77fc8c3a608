"""Every script in `examples/` run as a user runs it, against a local relay, so none can rot.

The scripts read `API_KEY_21ST` and `BASE_URL_21ST` like the SDK; here they point at the relay.
The async service runs its own `main()` (uvicorn) on a free port and is called over HTTP.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from agents21 import AgentClient, NotFoundError, PermissionDeniedError
from agents21.local import LocalRelay

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


@pytest.fixture(scope="module")
def env(relay: LocalRelay) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AGENT_21ST", "AGENTS21_LOG")}
    env.update(API_KEY_21ST=relay.api_key, BASE_URL_21ST=relay.url, PYTHONUNBUFFERED="1")
    return env


@pytest.fixture(scope="module")
def sdk(relay: LocalRelay) -> Iterator[AgentClient]:
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        yield client


def run_example(name: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _field(output: str, pattern: str) -> str:
    found = re.search(pattern, output, re.MULTILINE)
    assert found, f"{pattern!r} not in:\n{output}"
    return found.group(1)


def test_every_example_is_tested() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    assert scripts == {
        "quickstart.py",
        "async_service.py",
        "session_patterns.py",
        "background_run.py",
    }


def test_quickstart(env: dict[str, str], sdk: AgentClient) -> None:
    out = run_example("quickstart.py", env)
    assert "exec: exit 0, stdout 'Hello from Python!\\n'" in out
    assert "read: '- try the SDK\\n'" in out
    assert "list: hello.txt (file), notes (dir)" in out
    # The run streamed its tool calls, their results and its text, in that order.
    call = out.index("[tool call] Bash {'command': 'cat hello.txt'}")
    result = out.index("[tool result] {'stdout': 'Hello from Python!\\n'")
    second = out.index("[tool call] Bash {'command': 'ls notes'}")
    text = out.index("`ls notes` exited with code 0.\ntodo.md")
    assert call < result < second < text
    assert re.search(r"^final message \S+: 3 parts \(tool-Bash, tool-Bash, text\)$", out, re.M)
    assert re.search(r"^usage: \d+ in \+ \d+ out tokens, \$[\d.]+, \d+ ms$", out, re.M)
    assert re.search(r"^thread \S+: completed, 2 messages$", out, re.M)
    sandbox_id = _field(out, r"^sandbox: (\S+)$")
    with pytest.raises(NotFoundError):  # it cleans up after itself
        sdk.sandboxes.get(sandbox_id)


def test_session_patterns(env: dict[str, str], sdk: AgentClient) -> None:
    out = run_example("session_patterns.py", env)
    stored = json.loads(_field(out, r"^stored: (.+)$"))
    assert set(stored) == {"sandbox_id", "thread_id"}
    assert "continued: `cat answer.txt` exited with code 0. / 42" in out
    assert "thread 'first' holds 4 messages" in out
    # The new thread sees the first thread's file: one sandbox, two conversations.
    assert "new thread: `cat answer.txt` exited with code 0. / 42" in out
    assert "threads in the sandbox (newest first): ['second', 'first']" in out
    assert "hydrated: 2 stored messages, resume_stream_on_mount=True" in out
    assert re.search(r"^resumed: .*still here$", out, re.M)
    assert "after the run: completed, 4 messages, resume_stream_on_mount=False" in out
    with pytest.raises(NotFoundError):
        sdk.sandboxes.get(stored["sandbox_id"])


def test_background_run(env: dict[str, str], sdk: AgentClient) -> None:
    out = run_example("background_run.py", env)
    assert re.search(r"^started: sandbox \S+, thread \S+, status running$", out, re.M)
    assert "finished: completed" in out
    assert re.search(r"^reply: .*report ready$", out, re.M)
    assert re.search(r"^usage: \d+ tokens, \d+ ms$", out, re.M)
    with pytest.raises(NotFoundError):
        sdk.sandboxes.get(_field(out, r"^started: sandbox (\S+),"))


# ---------------------------------------------------------------------------- the async service


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def service(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python examples/async_service.py` listening on a free port; yields its URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("service") / "service.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, str(EXAMPLES / "async_service.py")],
            env={**env, "PORT": str(port)},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"the service exited:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the service did not start:\n{log.read_text()}"
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(15)
    # uvicorn shuts down gracefully (closing the app's client), then re-raises SIGTERM.
    assert process.returncode in (0, -signal.SIGTERM), log.read_text()
    assert "Application shutdown complete" in log.read_text()


def _events(text: str) -> list[Any]:
    """The SSE body as decoded events; every event must be exactly `data: <json>`."""
    assert text.endswith("\n\n")
    events: list[Any] = []
    for block in text[:-2].split("\n\n"):
        assert block.startswith("data: ") and "\n" not in block, block
        data = block.removeprefix("data: ")
        events.append(data if data == "[DONE]" else json.loads(data))
    return events


def _chat(url: str, body: dict[str, Any]) -> tuple[httpx.Response, list[Any]]:
    with (
        httpx.Client(base_url=url, timeout=30) as http,
        http.stream("POST", "/chat", json=body) as response,
    ):
        text = "".join(response.iter_text())
    return response, _events(text)


def test_async_service_proxies_a_run_as_sse(service: str, sdk: AgentClient) -> None:
    response, events = _chat(service, {"message": "Run `echo proxied`"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["x-vercel-ai-ui-message-stream"] == "v1"
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert chunks[0]["type"] == "start"
    assert chunks[-1]["type"] == "finish"
    tools = [c for c in chunks if c["type"] == "tool-output-available"]
    assert tools[0]["output"]["stdout"] == "proxied\n"
    text = "".join(c["delta"] for c in chunks if c["type"] == "text-delta")
    assert text.endswith("proxied")

    # The ids in the headers continue the same conversation.
    sandbox_id = response.headers["x-sandbox-id"]
    thread_id = response.headers["x-thread-id"]
    again, events = _chat(
        service, {"message": "Run `echo again`", "sandboxId": sandbox_id, "threadId": thread_id}
    )
    assert again.headers["x-thread-id"] == thread_id
    assert events[-1] == "[DONE]"
    thread = sdk.threads.get(sandbox_id, thread_id)
    assert thread.status == "completed"
    assert thread.messages is not None and len(thread.messages) == 4


def test_async_service_refuses_bad_requests(service: str) -> None:
    with httpx.Client(base_url=service, timeout=30) as http:
        assert http.post("/chat", content=b"{oops").status_code == 400
        assert http.post("/chat", json={"message": ""}).status_code == 400
        no_sandbox = http.post("/chat", json={"message": "hi", "threadId": "t"})
        assert no_sandbox.status_code == 400
        assert "sandbox_id" in no_sandbox.json()["error"]
        unknown = http.post(
            "/chat",
            json={"message": "hi", "sandboxId": "00000000-0000-4000-8000-000000000000",
                  "threadId": "00000000-0000-4000-8000-000000000000"},
        )  # fmt: skip
        assert unknown.status_code == 404
        assert http.get("/chat").status_code == 405


def test_async_service_mints_browser_tokens_for_its_agent(service: str, relay: LocalRelay) -> None:
    response = httpx.post(f"{service}/api/token", json={"userId": "user-1"}, timeout=30)
    assert response.status_code == 200, response.text
    token = response.json()["token"]
    with AgentClient(api_key=token, base_url=relay.url) as browser:
        with browser.threads.run("demo-agent", "Run `echo from the browser`") as run:
            assert run.final_message().parts[0].type_ == "tool-Bash"
        with pytest.raises(PermissionDeniedError):
            browser.threads.run("echo-agent", "hi", sandbox_id=run.sandbox_id)
    other = httpx.post(f"{service}/api/token", json={"agent": "echo-agent"}, timeout=30)
    assert other.status_code == 403
