"""The reference web app in a real headless Chromium: the page (the AI SDK's chat client,
built from npm) against the app, against a real local relay. Each test is what a person does
in the page; the relay's stored threads are the judge."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agents21 import AgentClient
from agents21.local import LocalRelay

from ..reference.ai_sdk_runner import unavailable
from .browser import Browser, chromium, find_chromium
from .web_chat import build_page, serve_app, stop_app

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", Path(__file__).resolve().parents[2] / "build"))
SCREENSHOT = ARTIFACTS / "web_chat.png"

# The page's state, read from its DOM and its chat (window.chat, the AI SDK's Chat).
STATUS = "document.getElementById('status').textContent"
MESSAGES = """Array.from(document.querySelectorAll('.message')).map(m => ({
  role: m.dataset.role,
  text: Array.from(m.querySelectorAll('.text')).map(t => t.textContent).join(''),
  tools: Array.from(m.querySelectorAll('.tool')).map(t => t.textContent),
}))"""


@pytest.fixture(scope="module")
def executable() -> str:
    found = find_chromium()
    if found is None:
        unavailable("Chromium is not installed (CI installs the distribution's package)")
    assert found is not None
    build_page()
    return found


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


@pytest.fixture(scope="module")
def app(
    relay: LocalRelay, executable: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    process, url = serve_app(relay, "demo-agent", tmp_path_factory.mktemp("app") / "app.log")
    yield url
    stop_app(process)


@pytest.fixture
def page(executable: str, app: str) -> Iterator[Browser]:
    with chromium(executable) as browser:
        browser.open(app + "/")
        browser.wait_for(f"{STATUS} === 'ready'")
        yield browser


def send(page: Browser, text: str) -> None:
    page.evaluate(f"document.getElementById('prompt').value = {text!r}")
    page.evaluate("document.getElementById('send').click()")


def settled(page: Browser, count: int) -> list[dict[str, Any]]:
    """The messages once the page holds `count` of them and its chat is ready again."""
    page.wait_for(f"window.chat && {MESSAGES}.length === {count} && {STATUS} === 'ready'")
    messages: list[dict[str, Any]] = page.evaluate(MESSAGES)
    return messages


def ids(page: Browser) -> tuple[str, str]:
    shown: str = page.evaluate("document.getElementById('ids').textContent")
    parts = shown.split()
    return parts[1], parts[4]  # "sandbox <id> · thread <id>"


def stored(relay: LocalRelay, sandbox_id: str, thread_id: str) -> Any:
    with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
        return client.threads.get(sandbox_id, thread_id)


def test_a_conversation_streams_continues_and_keeps_its_sandbox(
    page: Browser, relay: LocalRelay
) -> None:
    send(page, "Run `echo 42 > answer.txt` then `cat answer.txt`")
    first = settled(page, 2)
    assert first[0] == {"role": "user", "text": "Run `echo 42 > answer.txt` then `cat answer.txt`",
                        "tools": []}  # fmt: skip
    assert any("▶ Bash: cat answer.txt" in t and "42" in t for t in first[1]["tools"])
    send(page, "Run `ls`")
    second = settled(page, 4)
    assert any("answer.txt" in t for t in second[3]["tools"])
    sandbox_id, thread_id = ids(page)
    thread = stored(relay, sandbox_id, thread_id)
    assert [m.role for m in thread.messages or []] == ["user", "assistant"] * 2
    page.screenshot(SCREENSHOT)  # the finished conversation, for people to look at
    assert SCREENSHOT.stat().st_size > 10_000
    # A new thread: an empty conversation, in the same sandbox with its files.
    page.evaluate("document.getElementById('new-thread').click()")
    page.wait_for(f"document.getElementById('ids').textContent.includes({sandbox_id!r})"
                  f" && !document.getElementById('ids').textContent.includes({thread_id!r})")  # fmt: skip
    page.wait_for(f"{STATUS} === 'ready'")
    assert page.evaluate(MESSAGES) == []
    send(page, "Run `cat answer.txt`")
    fresh = settled(page, 2)
    assert any("42" in t for t in fresh[1]["tools"])


def test_a_reload_mid_run_hydrates_and_resumes_to_the_stored_message(
    page: Browser, relay: LocalRelay
) -> None:
    send(page, "Run `sleep 4` then `echo after the nap`")
    page.wait_for(f"{STATUS} === 'streaming'")
    page.reload()  # the POST is gone; the run goes on on the relay
    # Hydrated mid-run: the question shown, the run resumed (the answer comes at its end).
    page.wait_for(f"window.chat && chat.status !== 'ready' && {MESSAGES}.length >= 1")
    sandbox_id, thread_id = ids(page)
    assert stored(relay, sandbox_id, thread_id).status == "streaming"
    messages = settled(page, 2)
    thread = stored(relay, sandbox_id, thread_id)
    assert thread.status == "completed"
    final = (thread.messages or [])[-1]
    tools = [p for p in final.parts if str(p.type_).startswith("tool-")]
    assert len(messages[1]["tools"]) == len(tools) == 2
    assert "after the nap" in messages[1]["tools"][1]
    text = "".join(str(getattr(p, "text", "")) for p in final.parts if p.type_ == "text")
    assert messages[1]["text"] == text
    # Loaded again after the end: the stored conversation, nothing to resume.
    page.reload()
    assert settled(page, 2) == messages


def test_stop_cancels_the_run(page: Browser, relay: LocalRelay) -> None:
    send(page, "Run `sleep 30`")
    page.wait_for(f"{STATUS} === 'streaming'")
    page.evaluate("document.getElementById('stop').click()")
    page.wait_for(f"{STATUS} === 'ready'")
    sandbox_id, thread_id = ids(page)
    thread = stored(relay, sandbox_id, thread_id)
    assert thread.status == "cancelled"


def test_the_page_gets_a_browser_token(page: Browser) -> None:
    page.evaluate("document.getElementById('token').click()")
    shown = page.wait_for("document.getElementById('token-status').textContent")
    assert shown.startswith("token until 20"), shown
