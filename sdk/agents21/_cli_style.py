"""How the command line looks on a terminal: colour, and progress while a person waits.

Both appear only on a terminal: not when the output is piped or redirected, not with
`NO_COLOR` set (https://no-color.org), `TERM=dumb` or `--no-color`, and progress not with
`--quiet`. Without them the output is plain text, the same as before any styling.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from types import TracebackType
from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_FRAME_S = 0.1


def wants_style(stream: TextIO, *, no_color: bool = False) -> bool:
    """Whether `stream` is a terminal that may get escape sequences."""
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    """Paints text for one stream, or leaves it as it is."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def paint(self, text: str, *styles: str) -> str:
        if not self.enabled or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


class Progress:
    """A spinner and a message on `stream` while something runs, cleared when it is done;
    nothing at all when `enabled` is false. Safe to `update` from the working thread."""

    def __init__(self, stream: TextIO, message: str, *, enabled: bool) -> None:
        self.stream = stream
        self.message = message
        self.enabled = enabled
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = time.monotonic()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        return self

    def update(self, message: str) -> None:
        self.message = message

    def stop(self) -> None:
        """Clear the line; later calls do nothing."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def _spin(self) -> None:
        style = Style(enabled=True)
        for frame in itertools.cycle(_FRAMES):
            seconds = style.paint(f"{time.monotonic() - self._started:.0f}s", "dim")
            line = f"\r{style.paint(frame, 'cyan')} {self.message} {seconds}\x1b[K"
            self.stream.write(line)
            self.stream.flush()
            if self._stop.wait(_FRAME_S):
                return
