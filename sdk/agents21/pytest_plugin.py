"""pytest fixtures for testing code that uses agents21, against a local relay.

Installed with the package (the `pytest11` entry point), so a project with `agents21[local]` and
pytest has them at once; nothing starts until a test asks for one.

- `agents21_relay`: one `LocalRelay` for the session, its state in the session's temp dir.
- `agents21_env`: `API_KEY_21ST` and `BASE_URL_21ST` set to it, for code that builds its own
  `AgentClient()`; the relay.
- `agents21_client`: an `AgentClient` of it. `agents21_async_client`: a new `AsyncAgentClient`
  of it, to use with `async with` inside the test (so that it closes on the test's loop).
- `agents21_agents`: the agents the relay adds to the built-in ones; override it in a
  `conftest.py` (session scope) with `{slug: handler}` for agents written in Python.

Settings in the pytest ini file: `agents21_config` (a relay config file, relative to the ini
file) and `agents21_resume` (`join`, production's resume, or `replay`). The fixtures need the
`local` extra (`pip install 'agents21[local]'`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

# Nothing of the SDK is imported until a fixture runs: every pytest session of a project with
# agents21 installed loads this module.
if TYPE_CHECKING:
    from ._async.client import AsyncAgentClient
    from ._sync.client import AgentClient
    from .local import AgentConfig, LocalRelay


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("agents21_config", "a config file for the agents21_relay fixture", default="")
    parser.addini("agents21_resume", "how agents21_relay resumes: join or replay", default="join")


@pytest.fixture(scope="session")
def agents21_agents() -> Mapping[str, Any] | Iterable[AgentConfig]:
    """The agents `agents21_relay` adds: none; override it to add your own."""
    return {}


@pytest.fixture(scope="session")
def agents21_relay(
    pytestconfig: pytest.Config,
    tmp_path_factory: pytest.TempPathFactory,
    agents21_agents: Mapping[str, Any] | Iterable[AgentConfig],
) -> Iterator[LocalRelay]:
    """A local relay for the whole session."""
    from .local import LocalRelay

    config = str(pytestconfig.getini("agents21_config"))
    resume = str(pytestconfig.getini("agents21_resume"))
    base = pytestconfig.inipath.parent if pytestconfig.inipath else pytestconfig.rootpath
    with LocalRelay(
        config=base / config if config else None,
        data_dir=tmp_path_factory.mktemp("agents21-relay"),
        resume=resume,
        agents=agents21_agents,
    ) as relay:
        yield relay


@pytest.fixture
def agents21_env(
    agents21_relay: LocalRelay, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LocalRelay]:
    """The relay, with the variables set that `AgentClient()` reads; the faults a test adds
    to it are removed when the test ends."""
    from ._config import API_KEY_ENV, BASE_URL_ENV

    monkeypatch.setenv(API_KEY_ENV, agents21_relay.api_key)
    monkeypatch.setenv(BASE_URL_ENV, agents21_relay.url)
    yield agents21_relay
    agents21_relay.faults.clear()


@pytest.fixture
def agents21_client(agents21_env: LocalRelay) -> Iterator[AgentClient]:
    """A blocking client of the relay."""
    from ._sync.client import AgentClient

    with AgentClient(api_key=agents21_env.api_key, base_url=agents21_env.url) as client:
        yield client


@pytest.fixture
def agents21_async_client(agents21_env: LocalRelay) -> AsyncAgentClient:
    """A new async client of the relay: `async with agents21_async_client as client:`."""
    from ._async.client import AsyncAgentClient

    return AsyncAgentClient(api_key=agents21_env.api_key, base_url=agents21_env.url)
