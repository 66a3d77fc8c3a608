"""The relay's config file: which agents it serves, and clear errors for bad settings."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from agents21.local import ConfigError, LocalRelay
from agents21.local.config import load_settings

KEY = "21st_sk_" + "d4" * 32


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "relay.toml"
    path.write_text(f'api_keys = ["{KEY}"]\n' + text)
    return path


EXTRA = """
[[agents]]
slug = "extra-agent"
name = "Extra"
runtime = "echo"
"""


def statuses(path: Path, tmp_path: Path, agents: list[str]) -> list[int]:
    with (
        LocalRelay(config=path, api_key=KEY, data_dir=tmp_path / "data") as relay,
        httpx.Client(base_url=relay.url, headers={"Authorization": f"Bearer {KEY}"}) as http,
    ):
        return [http.post("/v1/sandboxes", json={"agent": a}).status_code for a in agents]


def test_a_config_adds_agents_to_the_built_in_ones(tmp_path: Path) -> None:
    path = config(tmp_path, EXTRA)
    assert statuses(path, tmp_path, ["extra-agent", "demo-agent", "echo-agent"]) == [201] * 3


def test_a_config_can_turn_the_built_in_agents_off(tmp_path: Path) -> None:
    path = config(tmp_path, "builtin_agents = false\n" + EXTRA)
    assert statuses(path, tmp_path, ["extra-agent", "demo-agent"]) == [201, 404]


def test_a_config_agent_replaces_the_built_in_one_of_its_slug(tmp_path: Path) -> None:
    path = config(tmp_path, '[[agents]]\nslug = "demo-agent"\nname = "Mine"\nruntime = "echo"\n')
    demo = load_settings(path, tmp_path / "data").agents["demo-agent"]
    assert (demo.name, demo.runtime) == ("Mine", "echo")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("builtin_agents = 0\n", "builtin_agents must be true or false"),
        (EXTRA + EXTRA, "agents[1].slug 'extra-agent' is already agents[0]'s"),
        (EXTRA + "builtin_agents = false\n", "agents[0] has an unknown key 'builtin_agents'"),
    ],
)
def test_bad_settings_name_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(config(tmp_path, text), tmp_path / "data")


def test_agents21_serve_with_one_extra_agent_still_serves_demo_agent(tmp_path: Path) -> None:
    path = config(tmp_path, EXTRA)
    proc = subprocess.Popen(
        [sys.executable, "-m", "agents21", "serve", "--config", str(path), "--port", "0",
         "--data-dir", str(tmp_path / "data"), "--quiet", "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:  # the banner names the URL before the server starts
            found = re.search(r"http://127\.0\.0\.1:\d+", line)
            if found:
                url = found.group()
                break
        assert url is not None
        headers = {"Authorization": f"Bearer {KEY}"}
        with httpx.Client(base_url=url, headers=headers, timeout=10) as http:
            for _ in range(200):
                try:
                    http.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            for agent in ("demo-agent", "extra-agent"):
                assert http.post("/v1/sandboxes", json={"agent": agent}).status_code == 201
    finally:
        proc.terminate()
        proc.wait(15)
