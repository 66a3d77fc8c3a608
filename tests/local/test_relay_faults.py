"""Faults on demand: the relay misbehaves on purpose, and the SDK's handling shows it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from agents21 import (
    AgentClient,
    APIStatusError,
    APITimeoutError,
    AsyncAgentClient,
    RunFailedError,
)
from agents21.local import ConfigError, LocalRelay
from agents21.local.config import load_settings


@pytest.fixture
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


def client_of(relay: LocalRelay, **kwargs: object) -> AgentClient:
    return AgentClient(api_key=relay.api_key, base_url=relay.url, **kwargs)  # type: ignore[arg-type]


def test_an_error_status_makes_the_sdk_retry_then_succeed(relay: LocalRelay) -> None:
    relay.faults.fail("POST /v1/sandboxes", 503, times=2, retry_after=0)
    with client_of(relay, max_retries=2) as client:
        assert client.sandboxes.create("echo-agent").status == "active"
        relay.faults.fail("POST /v1/sandboxes", 503, times=3, retry_after=0)
        with pytest.raises(APIStatusError) as failed:
            client.sandboxes.create("echo-agent")
    assert (failed.value.status_code, failed.value.code) == (503, "fault_injected")


def test_a_delay_runs_into_the_clients_timeout(relay: LocalRelay) -> None:
    with client_of(relay, max_retries=0) as client:
        sandbox = client.sandboxes.create("echo-agent")
        relay.faults.delay(f"GET /v1/sandboxes/{sandbox.id}", 2.0)
        with pytest.raises(APITimeoutError):
            client.sandboxes.get(sandbox.id, timeout=0.2)
        assert client.sandboxes.get(sandbox.id).id == sandbox.id  # used up
    with client_of(relay, max_retries=1) as client:  # a retry after the timeout gets through
        relay.faults.delay(f"GET /v1/sandboxes/{sandbox.id}", 2.0)
        assert client.sandboxes.get(sandbox.id, timeout=0.2).id == sandbox.id


def test_a_dropped_stream_is_resumed_and_the_message_is_exact(relay: LocalRelay) -> None:
    prompt = " ".join(f"word{n}" for n in range(30))
    relay.faults.drop_stream("POST /v1/chat/*", after_events=6)
    with client_of(relay) as client:
        sandbox = client.sandboxes.create("slow-agent")
        with client.threads.run("slow-agent", prompt, sandbox_id=sandbox.id) as run:
            message = run.final_message()
        stored = client.threads.get(sandbox.id, run.thread_id).messages
    assert stored is not None and message.to_dict() == stored[-1].to_dict()
    assert run.final_text() == prompt
    assert relay.faults.take("POST", "/v1/chat/slow-agent") is None  # it fired

    async def through_async() -> str:
        relay.faults.drop_stream("POST /v1/chat/**", after_bytes=300)
        async with (
            AsyncAgentClient(api_key=relay.api_key, base_url=relay.url) as aclient,
            aclient.threads.run("slow-agent", prompt) as arun,
        ):
            return await arun.final_text()

    assert asyncio.run(through_async()) == prompt
    assert relay.faults.take("POST", "/v1/chat/slow-agent") is None


def test_faults_match_by_method_and_path_and_are_used_up(relay: LocalRelay) -> None:
    faults = relay.faults
    faults.fail("GET /v1/sandboxes/*", 500)
    assert faults.take("POST", "/v1/sandboxes/x") is None
    assert faults.take("GET", "/v1/sandboxes/x/files") is None  # `*` stays in its segment
    assert faults.take("GET", "/v1/sandboxes/x") is not None
    assert faults.take("GET", "/v1/sandboxes/x") is None  # used up
    always = faults.fail("GET /v1/**", 500, times=None)
    assert faults.take("GET", "/v1/sandboxes/x/files") is always
    assert faults.take("GET", "/v1/sandboxes/x/files") is always
    faults.clear()
    assert faults.take("GET", "/v1/sandboxes") is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda f: f.fail("/v1/sandboxes", 503), 'a route is "METHOD /path"'),
        (lambda f: f.fail("GET /x", 200), "status must be a 4xx or 5xx code"),
        (lambda f: f.fail("GET /x", 503, times=0), "times must be >= 1"),
        (lambda f: f.drop_stream(), "give one of after_events and after_bytes"),
        (lambda f: f.delay("GET /x", -1), "seconds must be >= 0"),
        (lambda f: f.stall_stream(after_events=-1, seconds=1), "must be >= 0"),
        (lambda f: f.fail_run(after_chunks=-1), "after_chunks must be >= 0"),
    ],
)
def test_bad_faults_say_what_is_wrong(relay: LocalRelay, call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(relay.faults)  # type: ignore[operator]


def test_a_stalled_stream_times_out_and_is_resumed(relay: LocalRelay) -> None:
    prompt = " ".join(f"word{n}" for n in range(40))  # 4 s of words: it outlasts the stall
    relay.faults.stall_stream("POST /v1/chat/*", after_events=4, seconds=3.0)
    probe = "GET /v1/chat/*/*/stream"  # a fault that does nothing: it shows a resume came
    relay.faults.delay(probe, 0)
    with client_of(relay) as client:
        sandbox = client.sandboxes.create("slow-agent")
        with client.threads.run("slow-agent", prompt, sandbox_id=sandbox.id, timeout=1.0) as run:
            assert run.final_text() == prompt  # read past the silence by a resume
        stored = client.threads.get(sandbox.id, run.thread_id).messages
    assert stored is not None and run.final_message().to_dict() == stored[-1].to_dict()
    assert relay.faults.take("GET", "/v1/chat/slow-agent/x/stream") is None  # the probe fired


def test_a_run_fault_ends_the_run_with_its_error(relay: LocalRelay) -> None:
    relay.faults.fail_run("echo-agent", after_chunks=3, error="the model went away")
    with client_of(relay) as client:
        sandbox = client.sandboxes.create("echo-agent")
        with (
            pytest.raises(RunFailedError) as failed,
            client.threads.run("echo-agent", "one two three four", sandbox_id=sandbox.id) as run,
        ):
            run.until_done()
        assert "fault_injected: the model went away" in (failed.value.error_text or "")
        thread = client.threads.get(sandbox.id, run.thread_id)
        assert thread.status == "error"
        with client.threads.run("echo-agent", "again", sandbox_id=sandbox.id) as run:
            assert run.final_text() == "again"  # used up


def test_faults_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "relay.toml"
    config.write_text(
        '[[faults]]\nroute = "POST /v1/sandboxes"\nstatus = 429\nretry_after = 0\n'
        '[[faults]]\nrun = "echo-agent"\nerror = "configured to fail"\n'
    )
    with LocalRelay(config=config) as relay, client_of(relay, max_retries=0) as client:
        with pytest.raises(APIStatusError) as refused:
            client.sandboxes.create("echo-agent")
        assert refused.value.status_code == 429
        sandbox = client.sandboxes.create("echo-agent")
        with (
            pytest.raises(RunFailedError, match="configured to fail"),
            client.threads.run("echo-agent", "hi", sandbox_id=sandbox.id) as run,
        ):
            run.until_done()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('route = "GET /x"\nstatus = 503\ncolour = "red"', "faults\\[0\\]: unknown key 'colour'"),
        ("status = 503", "route .* or run .* is required"),
        ('route = "GET /x"', "say what the fault does"),
        ('route = "GET /x"\nstatus = 200', "status must be a 4xx or 5xx code"),
        ('route = "GET /x"\nstatus = 503\nretry_after = "soon"', "retry_after must be a number"),
        ('route = "GET /x"\ndrop_after_events = "3"', "drop_after_events must be an integer"),
    ],
)
def test_bad_config_faults_are_config_errors(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "relay.toml"
    config.write_text(f"[[faults]]\n{table}\n")
    with pytest.raises(ConfigError, match=message):
        load_settings(config, tmp_path / "data")


def test_an_injected_error_carries_cors_headers_for_a_browser(relay: LocalRelay) -> None:
    relay.faults.fail("GET /v1/sandboxes/*", 503, retry_after=1.5)
    origin = "http://localhost:3000"
    headers = {"Authorization": f"Bearer {relay.api_key}", "Origin": origin}
    answer = httpx.get(f"{relay.url}/v1/sandboxes/x", headers=headers, timeout=10)
    assert answer.status_code == 503 and answer.headers["retry-after"] == "2"
    assert answer.headers["access-control-allow-origin"] == origin


def test_a_run_fault_counts_the_agents_chunks_only(relay: LocalRelay) -> None:
    # "hi" makes 3 chunks (text start, delta, end): a fault after 3 never fires, and the
    # run's own end (metadata, finish) is never what trips it
    relay.faults.fail_run("echo-agent", after_chunks=3)
    with client_of(relay) as client, client.threads.run("echo-agent", "hi") as run:
        assert run.final_text() == "hi"
    relay.faults.fail_run("echo-agent", after_chunks=2)
    with (
        client_of(relay) as client,
        pytest.raises(RunFailedError, match="fault_injected"),
        client.threads.run("echo-agent", "hi") as run,
    ):
        run.until_done()
