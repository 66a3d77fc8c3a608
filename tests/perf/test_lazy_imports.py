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


def test_a_client_loads_an_endpoint_module_only_when_a_call_needs_it() -> None:
    def endpoint_modules(code: str) -> set[str]:
        return {m for m in loaded_after(code) if m.startswith("agents21_api.api.")}

    assert endpoint_modules("from agents21 import AgentClient, AsyncAgentClient") == set()
    used = endpoint_modules("from agents21 import _endpoints\n_endpoints.GET_SANDBOX('sb-1')")
    assert used == {"agents21_api.api.sandboxes", "agents21_api.api.sandboxes.get_sandbox"}


def test_only_the_seam_imports_the_generated_endpoints() -> None:
    from pathlib import Path

    sdk = Path(__file__).resolve().parents[2] / "sdk" / "agents21"
    users = sorted(
        str(path.relative_to(sdk))
        for path in sdk.rglob("*.py")
        if "agents21_api.api" in path.read_text() or "_get_kwargs" in path.read_text()
    )
    assert users == ["_endpoints.py"]


def test_a_client_builds_no_model_and_loads_no_stream_machinery_until_used() -> None:
    loaded = loaded_after("from agents21 import AgentClient, AsyncAgentClient")
    assert {m for m in loaded if m.startswith("agents21_api.models.")} == set()
    assert not {"agents21._chunks", "agents21._accumulator", "agents21._sync.run", "attrs"} & loaded
    assert not {"agents21_api.client", "asyncio"} & loaded_after("from agents21 import AgentClient")
