"""The distribution as users get it: a wheel installed into a fresh virtual environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from agents21.local import LocalRelay

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    import agents21, agents21_api
    from agents21 import AgentClient, AsyncAgentClient

    assert "site-packages" in agents21.__file__, agents21.__file__
    url, key = sys.argv[1], sys.argv[2]
    with AgentClient(api_key=key, base_url=url) as client:
        sandbox = client.sandboxes.create("echo-agent", files={"a.txt": "from the wheel"})
        print(client.sandboxes.exec(sandbox.id, "cat a.txt").stdout)

    async def main():
        async with AsyncAgentClient(api_key=key, base_url=url) as client:
            async with await client.threads.run("echo-agent", "async too") as run:
                print((await run.final_message()).parts[0].text)

    asyncio.run(main())
    """
)


@pytest.mark.timeout(600)
def test_a_built_wheel_installs_and_talks_to_a_local_relay(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (wheel,) = dist.glob("agents21-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "agents21/py.typed",
        "agents21_api/py.typed",
        "agents21/_sync/client.py",
        "agents21/local/openapi.yaml",
    } <= names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[local]", "pytest"], check=True
    )
    with LocalRelay() as relay:
        ran = subprocess.run(
            [str(python), "-c", SCRIPT, relay.url, relay.api_key],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["from the wheel", "async too"]

    # The example test suite, from a directory of its own: the fixtures come from the plugin
    # the wheel registers, with nothing of this project on the path.
    suite = tmp_path / "suite"
    shutil.copytree(ROOT / "examples" / "testing", suite)
    tested = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=suite,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "API_KEY_21ST")},
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "3 passed" in tested.stdout
