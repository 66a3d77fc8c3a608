"""Fixtures that drive the blocking and the async client through one test body.

`client` is parametrised: `AgentClient` itself, or `AsyncAgentClient` behind `Synced`, which runs
every coroutine on a background event loop and turns async iterators and context managers into
sync ones. A test is written once and proves both surfaces.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

from agents21 import AgentClient, AsyncAgentClient
from agents21.local import LocalRelay


class Synced:
    """A blocking view of an async SDK object (client, resource, run)."""

    def __init__(self, target: Any, portal: BlockingPortal) -> None:
        self._target = target
        self._portal = portal

    def _wrap(self, value: Any) -> Any:
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


@pytest.fixture(scope="session")
def relay() -> Iterator[LocalRelay]:
    with LocalRelay() as running:
        yield running


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


async def _async_client(kwargs: dict[str, Any]) -> AsyncAgentClient:
    return AsyncAgentClient(**kwargs)


@pytest.fixture
def client(make_client: MakeClient) -> Any:
    return make_client()


@pytest.fixture
def is_async(request: pytest.FixtureRequest) -> bool:
    return "async" in request.node.callspec.id
