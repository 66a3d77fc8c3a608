"""Fixtures for end-to-end tests of the local relay over real HTTP."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

# The test modules import relay_helpers; make that work under any pytest import mode.
sys.path.insert(0, str(Path(__file__).parent))

from relay_helpers import KEY, LEGACY_KEY, write_config

from agents21.local import LocalRelay


@pytest.fixture(scope="session")
def config_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_config(tmp_path_factory.mktemp("config"))


@pytest.fixture(scope="session")
def relay(config_path: Path) -> Iterator[LocalRelay]:
    with LocalRelay(config=config_path, api_key=KEY) as r:
        yield r


def keyed(relay: LocalRelay, key: str) -> httpx.Client:
    """A plain HTTP client of `relay` that sends `key`."""
    return httpx.Client(base_url=relay.url, headers={"Authorization": f"Bearer {key}"}, timeout=30)


@pytest.fixture(scope="session")
def client(relay: LocalRelay) -> Iterator[httpx.Client]:
    with keyed(relay, relay.api_key) as c:
        yield c


@pytest.fixture(scope="session")
def plain_relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRelay]:
    """A second relay that runs sandbox commands without bubblewrap."""
    directory = tmp_path_factory.mktemp("plain")
    config = write_config(directory)
    config.write_text(config.read_text() + "\n[sandbox]\nbubblewrap = false\n")
    with LocalRelay(config=config, api_key=KEY, data_dir=directory / "data") as r:
        yield r


@pytest.fixture(scope="session")
def plain(plain_relay: LocalRelay) -> Iterator[httpx.Client]:
    """A client of the relay without bubblewrap."""
    with keyed(plain_relay, KEY) as c:
        yield c


@pytest.fixture(scope="session")
def replaying(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of a relay whose resume stream replays the run from its start, with event ids."""
    directory = tmp_path_factory.mktemp("replay")
    config = write_config(directory)
    relay = LocalRelay(config=config, api_key=KEY, data_dir=directory / "data", resume="replay")
    with relay, keyed(relay, KEY) as c:
        yield c


@pytest.fixture(scope="session")
def legacy(relay: LocalRelay) -> Iterator[httpx.Client]:
    """A client with a legacy `an_sk_` key, the only one that may set maxSandboxBudgetUsd."""
    with keyed(relay, LEGACY_KEY) as c:
        yield c


@pytest.fixture(scope="session")
def anon(relay: LocalRelay) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=relay.url, timeout=30) as c:
        yield c


@pytest.fixture
def new_sandbox(client: httpx.Client) -> Iterator[Callable[[str], str]]:
    """Make a sandbox of the given agent (sandbox ids are per agent); deleted afterwards."""
    made: list[str] = []

    def make(agent: str) -> str:
        resp = client.post("/v1/sandboxes", json={"agent": agent})
        assert resp.status_code == 201, resp.text
        made.append(resp.json()["id"])
        return made[-1]

    yield make
    for sid in made:
        client.delete(f"/v1/sandboxes/{sid}")


@pytest.fixture
def sandbox(client: httpx.Client) -> Iterator[str]:
    resp = client.post("/v1/sandboxes", json={"agent": "demo-agent", "files": {"a.txt": "hi"}})
    assert resp.status_code == 201, resp.text
    sid: str = resp.json()["id"]
    yield sid
    client.delete(f"/v1/sandboxes/{sid}")
