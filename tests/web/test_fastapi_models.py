"""SDK models as FastAPI return types: annotated and as `response_model`, from both clients, against
a real local relay. FastAPI serialises them as their wire JSON and describes them in /openapi.json."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from agents21 import AgentClient, AsyncAgentClient, HydratedThread
from agents21.local import LocalRelay
from agents21.types import ExecResult, FileEntryInfo, Sandbox, SandboxCreated, ThreadUsage

fastapi = pytest.importorskip("fastapi")
with warnings.catch_warnings():
    # Starlette's test client warns on import that it prefers httpx2; over the httpx this
    # project pins it works the same, so the notice would only clutter every test run.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as relay:
        yield relay


def build_app(relay: LocalRelay) -> Any:
    app = fastapi.FastAPI()
    blocking = AgentClient(api_key=relay.api_key, base_url=relay.url)
    service = AsyncAgentClient(api_key=relay.api_key, base_url=relay.url)

    @app.post("/sandboxes")
    async def create() -> SandboxCreated:
        return await service.sandboxes.create("demo-agent", files={"a.txt": "hi"})

    @app.get("/sandboxes/{sandbox_id}")
    async def get(sandbox_id: str) -> Sandbox:
        return await service.sandboxes.get(sandbox_id)

    @app.post("/sandboxes/{sandbox_id}/exec", response_model=ExecResult)
    def run(sandbox_id: str) -> Any:  # a sync route: FastAPI runs it in a worker thread
        return blocking.sandboxes.exec(sandbox_id, "cat a.txt")

    @app.get("/sandboxes/{sandbox_id}/files")
    async def files(sandbox_id: str) -> list[FileEntryInfo]:
        return await service.sandboxes.files.list(sandbox_id, "/home/user")

    @app.post("/sandboxes/{sandbox_id}/chat")
    async def chat(sandbox_id: str) -> HydratedThread:
        thread = await service.threads.create(sandbox_id, name="support")
        return await service.threads.hydrate(sandbox_id, thread.id)

    @app.get("/usage", response_model=ThreadUsage)
    def usage() -> Any:
        return ThreadUsage(
            input_tokens=3, output_tokens=4, total_tokens=7, total_cost_usd=0.5, duration_ms=9
        )

    return app


def test_fastapi_serves_sdk_models_and_describes_them(relay: LocalRelay) -> None:
    app = build_app(relay)
    with TestClient(app) as web:
        created = web.post("/sandboxes")
        assert created.status_code == 200, created.text
        body = created.json()
        sandbox_id = body["id"]
        assert set(body) >= {"id", "sandboxId", "status", "createdAt"}  # the wire's names

        got = web.get(f"/sandboxes/{sandbox_id}").json()
        assert got["id"] == sandbox_id and got["agent"]["slug"] == "demo-agent"
        assert Sandbox.from_dict(got).to_dict() == got  # what FastAPI sent is the model's wire

        ran = web.post(f"/sandboxes/{sandbox_id}/exec").json()
        assert ran["stdout"] == "hi" and ran["exitCode"] == 0

        listed = web.get(f"/sandboxes/{sandbox_id}/files").json()
        assert "a.txt" in [entry["name"] for entry in listed]

        assert web.get("/usage").json()["totalCostUsd"] == 0.5

        hydrated = web.post(f"/sandboxes/{sandbox_id}/chat").json()
        assert hydrated["initialMessages"] == [] and hydrated["resumeStreamOnMount"] is False
        assert hydrated["thread"]["name"] == "support"
        assert HydratedThread.from_dict(hydrated).to_dict() == hydrated

        schema = web.get("/openapi.json")
        assert schema.status_code == 200
        text = schema.text
        names = ("SandboxCreated", "Sandbox", "ExecResult", "FileEntryInfo", "ThreadUsage")
        for name in (*names, "HydratedThread"):
            assert f'"{name}"' in text


def test_fastapi_refuses_a_wrong_return_value_with_a_clear_error() -> None:
    app = fastapi.FastAPI()

    @app.get("/wrong", response_model=ExecResult)
    def wrong() -> Any:
        return 42

    with (
        TestClient(app, raise_server_exceptions=True) as web,
        pytest.raises(Exception, match="ExecResult"),
    ):
        web.get("/wrong")
