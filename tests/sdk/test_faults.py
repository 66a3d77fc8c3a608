"""Retries, timeouts and error mapping under faults a real server will not produce on demand."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal

from agents21 import (
    AgentClient,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncAgentClient,
    ClientUsageError,
    ConflictError,
    InternalServerError,
    PaymentRequiredError,
    RateLimitError,
    UnprocessableEntityError,
    VaultCoverageMissingError,
)

from ..samples import SANDBOX
from .conftest import responses


def test_503_then_200_retries_once_honouring_retry_after(faulty: Any) -> None:
    client, seen = faulty(
        responses(
            httpx.Response(503, headers={"Retry-After": "2"}, json={"error": "busy"}),
            httpx.Response(200, json=SANDBOX),
        )
    )
    sandbox = client.sandboxes.get("sb1")
    assert sandbox.id == "sb1"
    assert len(seen.requests) == 2
    assert seen.delays == [2.0]


def test_retry_after_ms_and_backoff_without_a_hint(faulty: Any) -> None:
    client, seen = faulty(
        responses(
            httpx.Response(429, headers={"retry-after-ms": "250"}),
            httpx.Response(502),
            httpx.Response(200, json=SANDBOX),
        )
    )
    client.sandboxes.get("sb1")
    assert seen.delays[0] == 0.25
    assert 0.375 <= seen.delays[1] <= 1.0  # 1 s backoff for the second retry, less jitter


def test_a_post_that_got_a_500_is_not_retried(faulty: Any) -> None:
    client, seen = faulty(
        responses(httpx.Response(500, json={"error": {"code": "x", "message": "m"}}))
    )
    with pytest.raises(InternalServerError) as caught:
        client.sandboxes.exec("sb1", "ls")
    assert len(seen.requests) == 1
    assert caught.value.code == "x"


def test_a_post_that_got_a_429_or_503_is_retried(faulty: Any) -> None:
    ok = httpx.Response(200, json={"stdout": "", "stderr": "", "exitCode": 0})
    client, seen = faulty(responses(httpx.Response(429), httpx.Response(503), ok))
    assert client.sandboxes.exec("sb1", "ls").exit_code == 0
    assert len(seen.requests) == 3


def test_a_get_409_is_retried_and_a_post_409_is_not(faulty: Any) -> None:
    conflict = httpx.Response(409, json={"error": {"code": "session_expired", "message": "m"}})
    client, seen = faulty(responses(conflict))
    with pytest.raises(ConflictError):
        client.sandboxes.get("sb1")
    assert len(seen.requests) == 3  # the first try and max_retries=2
    with pytest.raises(ConflictError):
        client.sandboxes.exec("sb1", "ls")
    assert len(seen.requests) == 4


def test_connection_refused_becomes_api_connection_error_after_retries(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.ConnectError("refused")), max_retries=3)
    with pytest.raises(APIConnectionError) as caught:
        client.sandboxes.create("demo-agent")  # a POST: not sent, so safe to retry
    assert not isinstance(caught.value, APITimeoutError)
    assert len(seen.requests) == 4
    assert len(seen.delays) == 3


def test_a_read_timeout_becomes_api_timeout_error(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.ReadTimeout("slow")))
    with pytest.raises(APITimeoutError):
        client.sandboxes.get("sb1")
    assert len(seen.requests) == 3
    with pytest.raises(APITimeoutError):
        client.sandboxes.exec("sb1", "ls")  # a POST that may have run: not retried
    assert len(seen.requests) == 4


def test_max_retries_zero_disables_retries(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.Response(503)), max_retries=0)
    with pytest.raises(InternalServerError):
        client.sandboxes.get("sb1")
    assert len(seen.requests) == 1


def test_the_real_connection_refused(portal: BlockingPortal) -> None:
    with (
        AgentClient(api_key="k", base_url="http://127.0.0.1:9", max_retries=1) as client,
        pytest.raises(APIConnectionError),
    ):
        client.sandboxes.get("x")


@pytest.mark.parametrize(
    ("status", "body", "cls", "code", "message"),
    [
        (499, "", APIStatusError, None, "Request failed: 499"),
        (520, "<html>origin down</html>", InternalServerError, None, "<html>origin down</html>"),
        (402, {"error": {"code": "billing_not_ready", "message": "Set up billing", "setup_url": "u"}},
         PaymentRequiredError, "billing_not_ready", "Set up billing"),
        (400, {"error": "invalid_json", "message": "Request body must be valid JSON", "status": 400},
         APIStatusError, "invalid_json", "Request body must be valid JSON"),
        (422, {"error": {"code": "vault_coverage_missing", "message": "m", "missing": ["GH"]}},
         VaultCoverageMissingError, "vault_coverage_missing", "m"),
        (422, {"error": {"code": "other", "message": "m"}}, UnprocessableEntityError, "other", "m"),
        (429, {"error": "slow down"}, RateLimitError, None, "slow down"),
    ],
)  # fmt: skip
def test_every_error_shape_maps_to_one_exception(
    faulty: Any, status: int, body: Any, cls: type[Exception], code: str | None, message: str
) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    client, _ = faulty(responses(httpx.Response(status, content=content)), max_retries=0)
    with pytest.raises(cls) as caught:
        client.sandboxes.get("sb1")
    error = caught.value
    assert isinstance(error, APIStatusError)
    assert (error.status_code, error.code, error.message) == (status, code, message)
    assert error.body == (body or None)
    assert error.response.status_code == status
    if isinstance(error, VaultCoverageMissingError):
        assert error.missing == ["GH"]


def test_requests_carry_auth_user_agent_and_extra_headers(faulty: Any) -> None:
    client, seen = faulty(
        responses(httpx.Response(200, json=SANDBOX)), default_headers={"X-Team": "a"}
    )
    client.sandboxes.get("sb1", extra_headers={"X-Trace": "t"})
    headers = seen.requests[0].headers
    assert headers["authorization"] == "Bearer 21st_sk_test"
    assert headers["user-agent"].startswith("agents21-python/")
    assert headers["content-type"] == "application/json"
    assert (headers["x-team"], headers["x-trace"]) == ("a", "t")


def test_per_call_timeout_reaches_the_transport(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.Response(200, json=SANDBOX)))
    client.sandboxes.get("sb1", timeout=1.5)
    client.sandboxes.get("sb1")
    assert seen.requests[0].extensions["timeout"]["read"] == 1.5
    assert seen.requests[1].extensions["timeout"] == {
        "connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0
    }  # fmt: skip


def test_agents21_log_debug_prints_each_request() -> None:
    script = (
        "import httpx, agents21\n"
        "transport = httpx.MockTransport(lambda r: httpx.Response(204))\n"
        "client = agents21.AgentClient('k', 'http://relay.test',"
        " http_client=httpx.Client(transport=transport))\n"
        "client.sandboxes.delete('sb1')\n"
    )
    env = {**os.environ, "AGENTS21_LOG": "debug"}
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert ran.returncode == 0, ran.stderr
    assert "agents21 DEBUG DELETE http://relay.test/v1/sandboxes/sb1 -> 204" in ran.stderr


def test_async_misuse_gets_errors_that_say_what_to_do() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(204))
    client = AsyncAgentClient(
        "21st_sk_test", "http://relay.test", http_client=httpx.AsyncClient(transport=transport)
    )
    asyncio.run(client.sandboxes.delete("sb1"))
    with pytest.raises(ClientUsageError, match="one client per event loop"):
        asyncio.run(client.sandboxes.delete("sb1"))  # a second asyncio.run: another loop

    async def closed_then_used() -> None:
        other = AsyncAgentClient("21st_sk_test", "http://relay.test")
        await other.aclose()
        await other.sandboxes.delete("sb1")

    with pytest.raises(ClientUsageError, match="is closed"):
        asyncio.run(closed_then_used())
