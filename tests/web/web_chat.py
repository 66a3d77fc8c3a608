"""The reference web app (`examples/web_chat/`) for tests: its page built from npm, the app
served by uvicorn on a free port against a local relay."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from agents21.local import LocalRelay

from ..reference.ai_sdk_runner import npm_ci

APP_DIR = Path(__file__).resolve().parents[2] / "examples" / "web_chat"
PAGE_DIR = APP_DIR / "page"


def build_page() -> None:
    """The page's bundle in `page/dist/`, from its lock file (npm ci) and esbuild."""
    node = npm_ci(PAGE_DIR, (PAGE_DIR / "node_modules" / "esbuild").is_dir, "to build the page")
    done = subprocess.run([node, "build.mjs"], cwd=PAGE_DIR, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")


def serve_app(relay: LocalRelay, agent: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`uvicorn app:app` for `agent`, as a user starts it, on a socket bound here (no port
    race); its output goes to `log`. Returns the process and its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    env = {**os.environ, "API_KEY_21ST": relay.api_key, "BASE_URL_21ST": relay.url,
           "WEB_CHAT_AGENT": agent}  # fmt: skip
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:app", "--app-dir", str(APP_DIR),
             "--fd", str(sock.fileno()), "--log-level", "warning"],
            env=env, stdout=sink, stderr=subprocess.STDOUT, pass_fds=(sock.fileno(),),
        )  # fmt: skip
    sock.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/api/chat/none/stream", timeout=1)
            return process, url
        except httpx.TransportError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"the app did not start:\n{log.read_text()}")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
