"""Runs the Vercel AI SDK (npm `ai@5.0.35`) in Node on SSE bodies, and installs it first."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

AI_SDK = Path(__file__).parent / "ai_sdk"
VERSION = "5.0.35"
_INSTALL_TIMEOUT_S = 300
_RUN_TIMEOUT_S = 120


def installed() -> bool:
    manifest = AI_SDK / "node_modules" / "ai" / "package.json"
    return manifest.is_file() and json.loads(manifest.read_text())["version"] == VERSION


def unavailable(reason: str) -> None:
    """Skip, or fail in CI, where every tool a test needs is installed."""
    if os.environ.get("CI"):
        pytest.fail(f"cannot run in CI: {reason}")
    pytest.skip(reason)


def npm_ci(directory: Path, ready: Callable[[], bool], needed_for: str) -> str:
    """Node.js, with `directory`'s packages installed from its lock file unless `ready()`;
    skips (fails in CI) without Node.js and npm or when the install fails."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        unavailable(f"Node.js and npm are needed {needed_for}")
    assert node is not None and npm is not None
    if not ready():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=directory,
            capture_output=True,
            timeout=_INSTALL_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0 or not ready():
            unavailable(f"npm ci failed: {done.stderr.decode(errors='replace')[-500:]}")
    return node


class AiSdk:
    """Assembles SSE response bodies with the AI SDK, as a browser's `useChat` does."""

    def __init__(self, node: str) -> None:
        self.node = node

    def assemble(self, bodies: list[bytes]) -> list[dict[str, Any]]:
        """Per body, `{"message": <UIMessage or None>, "failures": [<error text>...]}`."""
        encoded = json.dumps([base64.b64encode(b).decode() for b in bodies])
        done = subprocess.run(
            [self.node, str(AI_SDK / "assemble.mjs")],
            input=encoded.encode(),
            capture_output=True,
            timeout=_RUN_TIMEOUT_S,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return results

    def chat(self, api: str, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Chats with a web app through `DefaultChatTransport` (see `chat_app.mjs`)."""
        done = subprocess.run(
            [self.node, str(AI_SDK / "chat_app.mjs")],
            input=json.dumps({"api": api, "steps": steps}).encode(),
            capture_output=True,
            timeout=_RUN_TIMEOUT_S,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return results


def install() -> AiSdk:
    """The AI SDK, installed from its lock file when it is not yet; skips (fails in CI)
    without Node.js and npm."""
    return AiSdk(npm_ci(AI_SDK, installed, "to run the AI SDK"))
