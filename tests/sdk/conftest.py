"""Fixtures that drive the blocking and the async client through one test body.

`client` is parametrised: `AgentClient` itself, or `AsyncAgentClient` behind `Synced`, which runs
every coroutine on a background event loop and turns async iterators and context managers into
sync ones. A test is written once and proves both surfaces.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

import agents21._async.client
import agents21._async.run
import agents21._sync.client
import agents21._sync.run
from agents21 import AgentClient, AsyncAgentClient
from agents21._opening import AsyncRunRequest
from agents21.local import LocalRelay


class Synced:
    """A blocking view of an async SDK object (client, resource, run)."""

    def __init__(self, target: Any, portal: BlockingPortal) -> None:
        self._target = target
        self._portal = portal

    def _wrap(self, value: Any) -> Any:
        if isinstance(value, AsyncRunRequest):  # what the blocking client returns: awaited
            return self._wrap(self._portal.call(_resolve, value))
        if type(value).__module__.startswith("agents21._async"):
            return Synced(value, self._portal)
        if inspect.isasyncgen(value) or hasattr(value, "__anext__"):
            return self._iterate(value)
        return value

    def _iterate(self, iterator: Any) -> Iterator[Any]:
        while True:
            try:
                item = self._portal.call(iterator.__anext__)
            except StopAsyncIteration:
                return
            yield self._wrap(item)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.iscoroutinefunction(value):

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._wrap(self._portal.call(lambda: value(*args, **kwargs)))

            return call
        if callable(value) and not isinstance(value, type):

            def plain(*args: Any, **kwargs: Any) -> Any:
                return self._wrap(value(*args, **kwargs))

            return plain
        return self._wrap(value)

    def __iter__(self) -> Iterator[Any]:
        return self._iterate(self._target)

    def __enter__(self) -> Synced:
        self._portal.call(self._target.__aenter__)
        return self

    def __exit__(self, *exc: object) -> None:
        self._portal.call(self._target.__aexit__, None, None, None)

    def __repr__(self) -> str:
        return f"Synced({self._target!r})"


@pytest.fixture(scope="session", params=["join", "replay"])
def relay(request: pytest.FixtureRequest) -> Iterator[LocalRelay]:
    """A relay in each resume mode: production's live join, and a replay with event ids."""
    with LocalRelay(resume=request.param) as running:
        yield running


@pytest.fixture
def resume_mode(relay: LocalRelay) -> str:
    return relay.resume


@pytest.fixture(scope="session")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


MakeClient = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def make_client(
    request: pytest.FixtureRequest, relay: LocalRelay, portal: BlockingPortal
) -> Iterator[MakeClient]:
    """Builds clients of the parametrised kind; keyword arguments go to the constructor."""
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("api_key", relay.api_key)
        kwargs.setdefault("base_url", relay.url)
        if request.param == "sync":
            client: Any = AgentClient(**kwargs)
        else:
            client = Synced(portal.call(lambda: _async_client(kwargs)), portal)
        made.append(client)
        return client

    yield make
    for client in made:
        if isinstance(client, AgentClient):
            client.close()
        else:
            client.aclose()


async def _resolve(request: Any) -> Any:
    return await request


async def _async_client(kwargs: dict[str, Any]) -> AsyncAgentClient:
    return AsyncAgentClient(**kwargs)


@pytest.fixture
def client(make_client: MakeClient) -> Any:
    return make_client()


@pytest.fixture
def is_async(request: pytest.FixtureRequest) -> bool:
    return "async" in request.node.callspec.id


Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Counts requests and the delays the client chose to sleep (without sleeping)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.delays: list[float] = []


@pytest.fixture(params=["sync", "async"])
def faulty(
    request: pytest.FixtureRequest, portal: BlockingPortal, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., tuple[Any, Recorder]]]:
    recorder = Recorder()

    def fake_sleep(seconds: float) -> None:
        recorder.delays.append(seconds)

    async def fake_asleep(seconds: float) -> None:
        recorder.delays.append(seconds)

    for module in (agents21._sync.client, agents21._sync.run):
        monkeypatch.setattr(module, "sleep", fake_sleep)
    for module in (agents21._async.client, agents21._async.run):
        monkeypatch.setattr(module, "asleep", fake_asleep)

    def make(handler: Handler, **kwargs: Any) -> tuple[Any, Recorder]:
        def record(req: httpx.Request) -> httpx.Response:
            recorder.requests.append(req)
            return handler(req)

        transport = httpx.MockTransport(record)
        options = {"api_key": "21st_sk_test", "base_url": "http://relay.test", **kwargs}
        if request.param == "sync":
            return AgentClient(http_client=httpx.Client(transport=transport), **options), recorder

        async def build() -> AsyncAgentClient:
            return AsyncAgentClient(http_client=httpx.AsyncClient(transport=transport), **options)

        return Synced(portal.call(build), portal), recorder

    yield make


def responses(*responses: httpx.Response | Exception) -> Handler:
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return item

    return handler
