"""Runs: an in-memory chunk log per run, shared by the POST reader, resume readers and
background mode; usage counting and budget. The assistant message is assembled by the SDK's own
`MessageAccumulator`, so what the relay stores is exactly what a client assembles."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from ..stream import MessageAccumulator, parse_chunk
from .config import Pricing
from .wire import dumps

_WORDS = re.compile(r"\S+")


def count_tokens(text: str) -> int:
    """Deterministic stand-in for a tokenizer: whitespace-separated words."""
    return len(_WORDS.findall(text))


class BudgetExceeded(Exception):
    pass


class RunFailed(Exception):
    """A runtime failure; `code` and the message end up in the thread's `error`."""

    def __init__(self, code: str, message: str, subtype: str = "error_during_execution") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.subtype = subtype


@dataclass
class Run:
    id: str
    agent: str
    sandbox_id: str
    sandbox_key: str  # the sandbox's own key (ids are per agent)
    thread_id: str
    pricing: Pricing
    input_tokens: int
    budget_usd: float | None
    message_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    chunks: list[str] = field(default_factory=list)
    done: bool = False
    cancelled: bool = False
    # A newer run on its thread was cancelled: this one goes on, but no longer streams for the
    # sandbox (resume and cancel pass it by), and its result is dropped.
    dropped: bool = False
    output_tokens: int = 0
    started: float = field(default_factory=time.monotonic)
    accumulator: MessageAccumulator = field(default_factory=MessageAccumulator)
    last_text_id: str | None = None
    extra_metadata: dict[str, Any] = field(default_factory=dict)
    # A fault on demand: the run fails with this error after so many chunks of its runtime.
    fail_after: int | None = None
    fail_error: str = ""
    task: asyncio.Task[Any] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def cost(self) -> float:
        return self.pricing.cost(self.input_tokens, self.output_tokens)

    def emit(self, chunk: dict[str, Any]) -> None:
        """Append a chunk (kept as its compact JSON) and wake every reader."""
        if self.done:
            return
        if self.fail_after is not None and len(self.chunks) > self.fail_after:  # after `start`
            self.fail_after = None  # once: the error and the end still go out
            raise RunFailed("fault_injected", self.fail_error)
        self.accumulator.add(parse_chunk(chunk))
        self.chunks.append(dumps(chunk))
        self._wake()
        kind = chunk.get("type")
        if kind in ("text-start", "text-delta"):
            self.last_text_id = str(chunk.get("id"))
        if kind == "text-delta":
            self.output_tokens += count_tokens(str(chunk.get("delta", "")))
        elif kind == "tool-input-delta":
            self.output_tokens += count_tokens(str(chunk.get("inputTextDelta", "")))
        else:
            return
        self.check_budget()

    def check_budget(self) -> None:
        if self.budget_usd is not None and self.cost() > self.budget_usd:
            raise BudgetExceeded(
                f"Run stopped: cost ${self.cost():.6f} passed maxBudgetUsd ${self.budget_usd:g}"
            )

    def close(self) -> None:
        self.done = True
        self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def follow(self, start: int = 0) -> AsyncIterator[list[tuple[int, str]]]:
        """Chunks from index `start`, then live ones, until the run ends.

        Yields whatever is available at once as one batch, so a reader that fell behind
        catches up in a few writes instead of one per chunk.
        """
        i = max(start, 0)
        while True:
            end = len(self.chunks)
            if i < end:
                yield [(j, self.chunks[j]) for j in range(i, end)]
                i = end
                continue
            if self.done:
                return
            await self._changed.wait()

    def duration_ms(self) -> int:
        return int((time.monotonic() - self.started) * 1000)


class RunRegistry:
    """Live runs by sandbox key, newest last."""

    def __init__(self) -> None:
        self._by_sandbox: dict[str, list[Run]] = {}

    def add(self, run: Run) -> None:
        self._by_sandbox.setdefault(run.sandbox_key, []).append(run)

    def remove(self, run: Run) -> None:
        runs = self._by_sandbox.get(run.sandbox_key, [])
        if run in runs:
            runs.remove(run)
        if not runs:
            self._by_sandbox.pop(run.sandbox_key, None)

    def active(self, sandbox_key: str) -> Run | None:
        runs = [r for r in self._by_sandbox.get(sandbox_key, []) if not r.done and not r.dropped]
        return runs[-1] if runs else None

    def for_sandbox(self, sandbox_key: str) -> list[Run]:
        return list(self._by_sandbox.get(sandbox_key, []))

    def all(self) -> list[Run]:
        return [r for runs in self._by_sandbox.values() for r in runs]
