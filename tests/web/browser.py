"""A headless Chromium driven over the DevTools protocol, for the web chat's browser tests.

Chromium speaks the protocol on two pipes (`--remote-debugging-pipe`: it reads commands on fd 3
and writes answers and events on fd 4, each message JSON ending in a NUL byte), so no
WebSocket library and no browser download are needed: the distribution's `chromium` does.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_COMMAND_TIMEOUT_S = 30.0


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _high(fd: int) -> int:
    """`fd` moved above 3 and 4, so that the shell's redirections to them overwrite neither."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)
    os.close(fd)
    return high


class BrowserError(Exception):
    pass


class Browser:
    """One headless Chromium with one page. `evaluate` runs JavaScript in the page."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="agents21-chromium-")
        read_end, self._to_browser = os.pipe()
        self._from_browser, write_end = os.pipe()
        to_browser_read, from_browser_write = _high(read_end), _high(write_end)
        # The protocol's pipes go to fds 3 and 4 of the browser, by the shell that starts it
        # (bash: dash takes only one-digit fds).
        redirect = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'
        self._process = subprocess.Popen(
            [
                "bash",
                "-c",
                redirect,
                executable,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root, where Chromium's own sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                f"--user-data-dir={self._profile}",
                "--window-size=1100,900",
                "about:blank",
            ],
            pass_fds=(to_browser_read, from_browser_write),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._ids = itertools.count(1)
        self._answers: dict[int, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._session = ""
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._session = attached["sessionId"]
            self.send("Page.enable", session=True)
            self.send("Runtime.enable", session=True)
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                piece = os.read(self._from_browser, 1 << 16)
            except OSError:
                piece = b""
            if not piece:
                with self._changed:
                    self._answers[-1] = {"error": {"message": "the browser closed"}}
                    self._changed.notify_all()
                return
            buffer += piece
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._changed:
                        self._answers[message["id"]] = message
                        self._changed.notify_all()

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False
    ) -> dict[str, Any]:
        command_id = next(self._ids)
        message: dict[str, Any] = {"id": command_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + _COMMAND_TIMEOUT_S
        with self._changed:
            while command_id not in self._answers:
                if -1 in self._answers:
                    raise BrowserError(f"{method}: the browser closed")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"{method}: no answer in {_COMMAND_TIMEOUT_S} s")
                self._changed.wait(left)
            answer = self._answers.pop(command_id)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def open(self, url: str) -> None:
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for("document.readyState === 'complete'")

    def reload(self) -> None:
        # A mark on the old document: the new one is loaded when it is gone.
        self.evaluate("window.__beforeReload = true")
        self.send("Page.reload", {"ignoreCache": True}, session=True)
        self.wait_for("!window.__beforeReload && document.readyState === 'complete'")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"{expression}: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Polls until the expression is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while time.monotonic() < deadline:
            with contextlib.suppress(BrowserError):  # a page in the middle of loading
                last = self.evaluate(expression)
                if last:
                    return last
            time.sleep(0.05)
        raise BrowserError(f"not true after {timeout} s: {expression} (last: {last!r})")

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)


@contextlib.contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    browser = Browser(executable)
    try:
        yield browser
    finally:
        browser.close()
