"""Every resource method of both clients against a real local relay."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import agents21
from agents21 import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    RequestTimeoutError,
)
from agents21.local import LocalRelay
from agents21.types import (
    ExecResult,
    FileEntryInfo,
    ReadFileResult,
    Sandbox,
    SandboxCreated,
    Thread,
    ThreadCreated,
    TokenResponse,
)

from .conftest import MakeClient


@pytest.fixture
def sandbox(client: Any) -> SandboxCreated:
    return client.sandboxes.create(
        "demo-agent", files={"a.txt": "hi", "src/b.py": "print(1)\n"}, envs={"MODE": "test"}
    )


def test_create_get_delete_sandbox(client: Any) -> None:
    created = client.sandboxes.create("demo-agent", setup=["echo ready > ready.txt"])
    assert isinstance(created, SandboxCreated)
    assert created.status == "active"
    assert isinstance(created.created_at, dt.datetime)

    sandbox = client.sandboxes.get(created.id)
    assert isinstance(sandbox, Sandbox)
    assert sandbox.id == created.id
    assert sandbox.agent.slug == "demo-agent"
    assert sandbox.threads == []
    assert client.sandboxes.files.read(created.id, "ready.txt").content == "ready\n"

    assert client.sandboxes.delete(created.id) is None
    with pytest.raises(NotFoundError) as caught:
        client.sandboxes.get(created.id)
    assert caught.value.status_code == 404
    assert caught.value.code == "sandbox_not_found"


def test_exec_passes_envs_cwd_and_exit_codes(client: Any, sandbox: SandboxCreated) -> None:
    result = client.sandboxes.exec(sandbox.id, "cat a.txt; echo; echo $MODE $EXTRA")
    assert isinstance(result, ExecResult)
    assert result.stdout == "hi\ntest\n"
    result = client.sandboxes.exec(
        sandbox.id, "echo $MODE $EXTRA; cat b.py", cwd="/home/user/src", envs={"EXTRA": "x"}
    )
    assert result.stdout == "test x\nprint(1)\n"
    failed = client.sandboxes.exec(sandbox.id, "echo oops >&2; exit 3")
    assert (failed.exit_code, failed.stderr) == (3, "oops\n")


def test_exec_timeout_is_a_request_timeout_error(client: Any, sandbox: SandboxCreated) -> None:
    with pytest.raises(RequestTimeoutError) as caught:
        client.sandboxes.exec(sandbox.id, "sleep 5", timeout_ms=300)
    assert caught.value.code == "command_timeout"


def test_files_round_trip(client: Any, sandbox: SandboxCreated) -> None:
    files = client.sandboxes.files
    written = files.write(sandbox.id, {"notes/today.md": "# Today\n", "/home/user/c.txt": "c"})
    assert sorted(f.size for f in written.files) == [1, 8]
    read = files.read(sandbox.id, "notes/today.md")
    assert isinstance(read, ReadFileResult)
    assert read.content == "# Today\n"

    names = {e.name for e in files.list(sandbox.id, "/home/user")}
    assert {"a.txt", "src", "notes", "c.txt"} <= names
    deep = {e.path for e in files.list(sandbox.id, "/home/user", depth=2)}
    assert "/home/user/notes/today.md" in deep

    info = files.get_info(sandbox.id, "a.txt")
    assert isinstance(info, FileEntryInfo)
    assert (info.name, info.type_, info.size) == ("a.txt", "file", 2)

    assert files.exists(sandbox.id, "a.txt") is True
    assert files.exists(sandbox.id, "missing.txt") is False
    assert files.make_dir(sandbox.id, "/home/user/new/dir") is True
    assert files.make_dir(sandbox.id, "/home/user/new/dir") is False

    moved = files.rename(sandbox.id, "a.txt", "/home/user/new/a.txt")
    assert moved.path == "/home/user/new/a.txt"
    assert files.exists(sandbox.id, "a.txt") is False

    assert files.remove(sandbox.id, "/home/user/new") is None
    assert files.exists(sandbox.id, "/home/user/new/a.txt") is False
    with pytest.raises(NotFoundError) as caught:
        files.read(sandbox.id, "/home/user/new/a.txt")
    assert caught.value.code == "file_not_found"


def test_paths_outside_the_sandbox_are_refused(client: Any, sandbox: SandboxCreated) -> None:
    with pytest.raises((BadRequestError, NotFoundError)):
        client.sandboxes.files.read(sandbox.id, "../../../../etc/passwd")


def test_git_clone_is_deprecated_and_works(
    client: Any, sandbox: SandboxCreated, tmp_path: Path
) -> None:
    # A local URL names a repository inside the sandbox: make one there with its own git
    # (the path is relative to /home/user, which works with and without bubblewrap).
    made = client.sandboxes.exec(
        sandbox.id,
        "git init -q -b main repo && cd repo && echo hello > README"
        " && git add README && git commit -qm init",
        envs={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )
    assert made.exit_code == 0, made.stderr

    with pytest.warns(DeprecationWarning, match="exec"):
        result = client.sandboxes.git.clone(
            sandbox.id, "file:///home/user/repo", path="/home/user/r"
        )
    assert (result.path, result.branch) == ("/home/user/r", "default")
    assert client.sandboxes.files.read(sandbox.id, "/home/user/r/README").content == "hello\n"

    with pytest.warns(DeprecationWarning), pytest.raises(BadRequestError) as caught:
        client.sandboxes.git.clone(sandbox.id, f"file://{tmp_path}/nothing-here")
    assert caught.value.code == "git_clone_failed"


def test_threads(client: Any, sandbox: SandboxCreated) -> None:
    first = client.threads.create(sandbox.id, name="first")
    assert isinstance(first, ThreadCreated)
    assert (first.name, first.status) == ("first", "idle")
    second = client.threads.create(sandbox.id)
    assert second.name is None

    listed = client.threads.list(sandbox.id)
    assert [t.id for t in listed] == [second.id, first.id]

    thread = client.threads.get(sandbox.id, first.id)
    assert isinstance(thread, Thread)
    assert thread.messages is None
    assert thread.completed_at is None
    assert thread.usage.total_tokens is None
    hydrated = client.threads.hydrate(sandbox.id, first.id)
    assert hydrated.initial_messages == []
    assert hydrated.resume_stream_on_mount is False
    shown = json.loads(json.dumps(hydrated.to_dict()))  # what a server hands a browser
    assert shown == {
        "thread": thread.to_dict(),
        "initialMessages": [],
        "resumeStreamOnMount": False,
    }

    assert client.threads.delete(sandbox.id, first.id) is None
    with pytest.raises(NotFoundError) as caught:
        client.threads.get(sandbox.id, first.id)
    assert caught.value.code == "thread_not_found"


def test_tokens_are_scoped_to_their_agent(make_client: MakeClient, relay: LocalRelay) -> None:
    client = make_client()
    token = client.tokens.create(agent="echo-agent", user_id="user-1", expires_in="10m")
    assert isinstance(token, TokenResponse)
    assert token.token.startswith("an_t_")
    lifetime = token.expires_at - dt.datetime.now(dt.UTC)
    assert dt.timedelta(minutes=9) < lifetime <= dt.timedelta(minutes=10)

    browser = make_client(api_key=token.token)
    with browser.threads.run("echo-agent", "hello there") as run:
        assert run.final_message().parts[0].text == "hello there"
    with pytest.raises(PermissionDeniedError) as caught:
        browser.threads.run("demo-agent", "hi", sandbox_id=run.sandbox_id)
    assert "not authorized" in caught.value.message
    with pytest.raises(PermissionDeniedError):
        browser.tokens.create()


def test_exchange_token_mirrors_the_nextjs_helper(relay: LocalRelay) -> None:
    token = agents21.exchange_token(
        api_key=relay.api_key, relay_url=relay.url, agent="demo-agent", user_id="u"
    )
    assert token.token.startswith("an_t_")


def test_a_wrong_key_is_an_authentication_error(make_client: MakeClient) -> None:
    client = make_client(api_key="21st_sk_" + "0" * 64, max_retries=0)
    with pytest.raises(AuthenticationError) as caught:
        client.sandboxes.get("whatever")
    assert caught.value.message == "Invalid API key"
    assert caught.value.code is None
    assert caught.value.body == {"error": "Invalid API key"}


def test_the_server_rejects_what_only_it_can_check(client: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.sandboxes.create("no-such-agent")
    assert caught.value.code == "agent_not_found"
    with pytest.raises(APIStatusError) as status:
        client.threads.run("no-such-agent", "hi")
    assert status.value.status_code == 404


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda c: c.sandboxes.create(""), ValueError, "agent"),
        (lambda c: c.sandboxes.create(3), TypeError, "agent"),
        (lambda c: c.sandboxes.exec("sb", ""), ValueError, "command"),
        (lambda c: c.sandboxes.exec("sb", "ls", timeout_ms=0), ValueError, "timeout_ms"),
        (lambda c: c.sandboxes.create("a", files={"a": 1}), TypeError, "files"),
        (lambda c: c.sandboxes.create("a", setup="ls"), TypeError, "setup"),
        (lambda c: c.sandboxes.files.write("sb", {}), ValueError, "files"),
        (lambda c: c.threads.run("a", "hi", thread_id="t"), ValueError, "sandbox_id"),
        (lambda c: c.threads.run("a", ""), ValueError, "messages"),
        (lambda c: c.threads.run("a", []), ValueError, "messages"),
        (lambda c: c.threads.run("a", [{"parts": []}]), ValueError, "role"),
        (lambda c: c.threads.run("a", "hi", options={"maxTurn": 1}), ValueError, "maxTurn"),
        (lambda c: c.threads.run("a", "hi", options={"max_turns": "2"}), TypeError, "maxTurns"),
        (
            lambda c: c.threads.run("a", "hi", options={"permission_mode": "x"}),
            ValueError,
            "permissionMode",
        ),
        (lambda c: c.threads.run("a", "hi", mode="fast"), ValueError, "mode"),
        (lambda c: c.tokens.create(expires_in="1 hour"), ValueError, "expires_in"),
    ],
)
def test_bad_arguments_fail_before_any_request(
    make_client: MakeClient, call: Any, error: type[Exception], words: str
) -> None:
    # Pointed at a closed port: any request would fail with a connection error instead.
    client = make_client(base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(error, match=words):
        call(client)


def test_missing_api_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_KEY_21ST", raising=False)
    with pytest.raises(ValueError, match="API_KEY_21ST"):
        agents21.AgentClient()
    with pytest.raises(ValueError, match="API_KEY_21ST"):
        agents21.AsyncAgentClient()


def test_environment_configures_the_client(
    monkeypatch: pytest.MonkeyPatch, relay: LocalRelay
) -> None:
    monkeypatch.setenv("API_KEY_21ST", relay.api_key)
    monkeypatch.setenv("BASE_URL_21ST", relay.url + "/")
    with agents21.AgentClient() as client:
        assert client.base_url == relay.url
        assert client.sandboxes.create("echo-agent").status == "active"


def test_with_options_shares_the_pool(make_client: MakeClient) -> None:
    client = make_client()
    other = client.with_options(max_retries=0, default_headers={"X-Trace": "1"})
    assert other.max_retries == 0
    assert other.http_client is client.http_client
    assert other.sandboxes.create("echo-agent").status == "active"


def test_extra_query_and_extra_body_reach_the_server(client: Any, sandbox: SandboxCreated) -> None:
    # What they add wins over the SDK's own values, so the server's answers show they arrived.
    files = client.sandboxes.files
    files.write(sandbox.id, {"a.txt": "a", "b.txt": "b"})
    assert files.read(sandbox.id, "a.txt", extra_query={"path": "b.txt"}).content == "b"
    files.write(sandbox.id, {"a.txt": "x"}, extra_body={"files": {"c.txt": "from extra"}})
    assert files.read(sandbox.id, "c.txt").content == "from extra"
    assert files.read(sandbox.id, "a.txt").content == "a"  # the SDK's own body gave way
    done = client.sandboxes.exec(sandbox.id, "echo $MARK", extra_body={"envs": {"MARK": "on"}})
    assert done.stdout == "on\n"
    with client.threads.run(
        "demo-agent",
        "ignored",
        sandbox_id=sandbox.id,
        extra_body={"messages": [{"role": "user", "parts": [{"type": "text", "text": "extra"}]}]},
    ) as run:
        run.until_done()
    stored = client.threads.get(sandbox.id, run.thread_id).messages
    assert stored is not None and stored[0].parts[0].text == "extra"


def test_extra_body_needs_a_json_body() -> None:
    from agents21._args import with_extra_body

    assert with_extra_body({"a": 1, "b": 2}, None, {"b": 3}) == {"a": 1, "b": 3}
    assert with_extra_body(None, None, {"b": 3}) == {"b": 3}
    with pytest.raises(TypeError, match="sends raw bytes"):
        with_extra_body(None, b"raw", {"b": 3})
    with pytest.raises(TypeError, match="JSON object body, and this one is a list"):
        with_extra_body([1], None, {"b": 3})
