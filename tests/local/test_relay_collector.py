"""The garbage collector: `agents21 serve` tunes its own process's, `LocalRelay` never its host's."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from agents21 import AgentClient
from agents21.local import LocalRelay
from agents21.local.serving import SERVING_GC_THRESHOLD

# Runs `agents21 serve` up to the point where it would start serving, and prints the state of
# the collector it would serve with.
_SERVE_UNTIL_RUN = """
import gc, json, sys
import uvicorn
from agents21.local import cli

before = gc.get_threshold()

def report(self, sockets=None):
    print(json.dumps({
        "before": before, "threshold": gc.get_threshold(), "frozen": gc.get_freeze_count()
    }))

uvicorn.Server.run = report
sys.exit(cli.main(sys.argv[1:]))
"""


def test_agents21_serve_freezes_what_it_loaded_and_collects_young_objects_less_often(
    tmp_path: Path,
) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SERVE_UNTIL_RUN, "--port", "0", "--data-dir", str(tmp_path),
         "--quiet", "--log-level", "warning"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    state = json.loads(out.strip().splitlines()[-1])
    assert state["threshold"] == [SERVING_GC_THRESHOLD, *state["before"][1:]]
    # The modules, the app and the config are out of the collector's scans.
    assert state["frozen"] > 10_000


def test_a_local_relay_leaves_its_host_processs_collector_alone(tmp_path: Path) -> None:
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    with LocalRelay(data_dir=tmp_path) as relay:
        client = AgentClient(api_key=relay.api_key, base_url=relay.url)
        with client.threads.run("echo-agent", "hi") as run:
            assert run.final_message().text == "hi"
        client.close()
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)
