"""`import agents21` stays cheap: nothing heavy loads until a name is used (bench/imports.py)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("httpx", "httpcore", "anyio", "attrs", "agents21_api", "agents21._sync", "agents21._async")


def loaded_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def test_import_agents21_loads_nothing_heavy() -> None:
    assert heavy(loaded_after("import agents21")) == set()


def test_the_version_and_dir_stay_lazy() -> None:
    modules = loaded_after("import agents21\nagents21.__version__\ndir(agents21)")
    assert heavy(modules) == set()


def test_the_sync_client_does_not_load_the_async_one_and_back() -> None:
    sync = loaded_after("from agents21 import AgentClient")
    assert "agents21._sync.client" in sync and "agents21._async.client" not in sync
    asynchronous = loaded_after("from agents21 import AsyncAgentClient")
    assert "agents21._async.client" in asynchronous and "agents21._sync.client" not in asynchronous
