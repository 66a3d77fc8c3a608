"""Runs: an in-memory chunk log per run, shared by the POST reader, resume readers and
background mode; usage counting and budget; assembly of the assistant message."""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from .config import Pricing

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


class MessageBuilder:
    """Folds UI message chunks into the assistant UIMessage, as a client would."""

    def __init__(self) -> None:
        self.id: str | None = None
        self.parts: list[dict[str, Any]] = []
        self.metadata: dict[str, Any] = {}
        self._text: dict[str, dict[str, Any]] = {}
        self._tools: dict[str, dict[str, Any]] = {}
        self.last_text_id: str | None = None

    def add(self, chunk: dict[str, Any]) -> None:
        kind = chunk.get("type")
        if kind == "start":
            self.id = chunk.get("messageId") or self.id
        elif kind in ("text-start", "text-delta"):
            tid = str(chunk.get("id"))
            part = self._text.get(tid)
            if part is None:
                part = {"type": "text", "text": "", "state": "streaming"}
                self._text[tid] = part
                self.parts.append(part)
            if kind == "text-delta":
                part["text"] += str(chunk.get("delta", ""))
            self.last_text_id = tid
        elif kind == "text-end":
            text_part = self._text.get(str(chunk.get("id")))
            if text_part is not None:
                text_part["state"] = "done"
        elif kind in ("tool-input-start", "tool-input-available"):
            cid = str(chunk.get("toolCallId"))
            tool = self._tools.get(cid)
            if tool is None:
                tool = {
                    "type": f"tool-{chunk.get('toolName', 'unknown')}",
                    "toolCallId": cid,
                    "state": "input-streaming",
                    "input": None,
                }
                self._tools[cid] = tool
                self.parts.append(tool)
            if kind == "tool-input-available":
                tool["state"] = "input-available"
                tool["input"] = chunk.get("input")
        elif kind == "tool-output-available":
            out_part = self._tools.get(str(chunk.get("toolCallId")))
            if out_part is not None:
                out_part["state"] = "output-available"
                out_part["output"] = chunk.get("output")
        elif kind == "tool-output-error":
            err_part = self._tools.get(str(chunk.get("toolCallId")))
            if err_part is not None:
                err_part["state"] = "output-error"
                err_part["errorText"] = chunk.get("errorText")
        elif kind == "message-metadata":
            meta = chunk.get("messageMetadata")
            if isinstance(meta, dict):
                self.metadata.update(meta)

    def message(self) -> dict[str, Any]:
        for part in self.parts:
            if part.get("type") == "text":
                part["state"] = "done"
        return {
            "id": self.id or str(uuid.uuid4()),
            "role": "assistant",
            "parts": self.parts,
            "metadata": self.metadata,
        }


@dataclass
class Run:
    id: str
    agent: str
    sandbox_id: str
    thread_id: str
    pricing: Pricing
    input_tokens: int
    budget_usd: float | None
    message_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    chunks: list[str] = field(default_factory=list)
    done: bool = False
    cancelled: bool = False
    output_tokens: int = 0
    started: float = field(default_factory=time.monotonic)
    builder: MessageBuilder = field(default_factory=MessageBuilder)
    extra_metadata: dict[str, Any] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def cost(self) -> float:
        return self.pricing.cost(self.input_tokens, self.output_tokens)

    def emit(self, chunk: dict[str, Any]) -> None:
        """Append a chunk (kept as its compact JSON) and wake every reader."""
        if self.done:
            return
        self.builder.add(chunk)
        self.chunks.append(json.dumps(chunk, separators=(",", ":"), ensure_ascii=False))
        self._wake()
        kind = chunk.get("type")
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
    """Live runs by sandbox, newest last."""

    def __init__(self) -> None:
        self._by_sandbox: dict[str, list[Run]] = {}

    def add(self, run: Run) -> None:
        self._by_sandbox.setdefault(run.sandbox_id, []).append(run)

    def remove(self, run: Run) -> None:
        runs = self._by_sandbox.get(run.sandbox_id, [])
        if run in runs:
            runs.remove(run)
        if not runs:
            self._by_sandbox.pop(run.sandbox_id, None)

    def active(self, sandbox_id: str) -> Run | None:
        runs = [r for r in self._by_sandbox.get(sandbox_id, []) if not r.done]
        return runs[-1] if runs else None

    def for_sandbox(self, sandbox_id: str) -> list[Run]:
        return list(self._by_sandbox.get(sandbox_id, []))

    def all(self) -> list[Run]:
        return [r for runs in self._by_sandbox.values() for r in runs]
