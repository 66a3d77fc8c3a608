"""Agents written in Python: the `python` runtime, for tests that script exactly what an agent does.

A handler is any callable that takes an :class:`AgentRequest`: a plain or async function that
returns text (or nothing), or a plain or async generator that yields text and UI message chunks
(dicts). Text becomes a text part, one per run of consecutive strings; a chunk goes out as it
is (`start` and `finish` are the relay's own, an `error` chunk fails the run, `message-metadata`
reports usage, as for the `command` runtime). The handler reaches its sandbox as a production
agent does, through the relay: `request.client()` / `request.async_client()`.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._ui_stream import loads

if TYPE_CHECKING:
    from .._async.client import AsyncAgentClient
    from .._sync.client import AgentClient
    from .runtimes import RunContext

__all__ = ["AgentHandler", "AgentRequest", "load_handler", "replay", "tool_call"]

AgentHandler = Callable[["AgentRequest"], Any]
"""What the `python` runtime runs: see the module's docstring."""


@dataclass(frozen=True)
class AgentRequest:
    """One run, as the agent gets it."""

    agent: str
    sandbox_id: str
    thread_id: str
    message_id: str
    prompt: str
    """The text of the last user message."""
    messages: list[Any]
    """The messages the caller sent, as dicts."""
    options: dict[str, Any]
    base_url: str
    """The relay, and a token for this agent that lasts as long as the run may."""
    api_key: str = field(repr=False)

    def client(self) -> AgentClient:
        """A blocking client of the relay, as this agent (close it, or use `with`)."""
        from .._sync.client import AgentClient

        return AgentClient(api_key=self.api_key, base_url=self.base_url)

    def async_client(self) -> AsyncAgentClient:
        """An async client of the relay, as this agent (close it, or use `async with`)."""
        from .._async.client import AsyncAgentClient

        return AsyncAgentClient(api_key=self.api_key, base_url=self.base_url)


def tool_call(
    name: str, input_: Any, output: Any = None, *, error: str | None = None
) -> list[dict[str, Any]]:
    """The chunks of one finished tool call: its input, then its output (or `error`)."""
    call_id = "call_" + uuid.uuid4().hex[:16]
    chunks: list[dict[str, Any]] = [
        {"type": "tool-input-available", "toolCallId": call_id, "toolName": name, "input": input_}
    ]
    if error is not None:
        chunks.append({"type": "tool-output-error", "toolCallId": call_id, "errorText": error})
    else:
        chunks.append({"type": "tool-output-available", "toolCallId": call_id, "output": output})
    return chunks


def replay(recording: str | Path) -> AgentHandler:
    """A handler that sends back a recorded run: a file of chunks, one JSON object a line, as
    `agents21 run --json` prints them (the relay frames the run itself, so its `start` and
    `finish` are left out). The file is read when the run starts, so it can change between
    runs; a line that is not a JSON object is an error that names it."""
    path = Path(recording)

    def send(request: AgentRequest) -> list[dict[str, Any]]:
        chunks = []
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip():
                continue
            try:
                chunk = loads(line)
            except ValueError:
                chunk = None
            if not isinstance(chunk, dict):
                raise ValueError(f"{path}:{number} is not a JSON object")
            if chunk.get("type") not in ("start", "finish"):
                chunks.append(chunk)
        return chunks

    return send


def load_handler(spec: str, base: Path) -> AgentHandler:
    """The callable `module:attribute` names, its module found next to the config first."""
    module_name, colon, attribute = spec.partition(":")
    if not colon or not module_name or not attribute:
        raise ValueError(f"handler must be 'module:function', got {spec!r}")
    sys.path.insert(0, str(base))
    try:
        module = importlib.import_module(module_name)
    finally:
        sys.path.remove(str(base))
    handler = getattr(module, attribute, None)
    if not callable(handler):
        raise ValueError(f"{spec!r} is not a callable")
    return handler  # type: ignore[no-any-return]


class _Writer:
    """Turns what a handler gives into chunks of the run: strings into text parts."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.text_id: str | None = None

    def write(self, item: Any) -> None:
        from .runtimes import take_chunk

        if item is None:
            return
        if isinstance(item, str):
            if self.text_id is None:
                self.text_id = "text_" + uuid.uuid4().hex[:16]
                self.ctx.run.emit({"type": "text-start", "id": self.text_id})
            if item:
                self.ctx.run.emit({"type": "text-delta", "id": self.text_id, "delta": item})
            return
        self.close()
        if isinstance(item, list | tuple):
            for chunk in item:
                self.write(chunk)
            return
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise TypeError(f"an agent handler gave {type(item).__name__}: give text or chunks")
        take_chunk(self.ctx.run, item)

    def close(self) -> None:
        if self.text_id is not None:
            self.ctx.run.emit({"type": "text-end", "id": self.text_id})
            self.text_id = None


_END = object()


async def run_python(ctx: RunContext) -> None:
    handler = ctx.agent.handler
    assert handler is not None
    run = ctx.run
    request = AgentRequest(
        agent=ctx.agent.slug,
        sandbox_id=ctx.sandbox.id,
        thread_id=run.thread_id,
        message_id=run.message_id,
        prompt=ctx.prompt,
        messages=ctx.messages,
        options=ctx.options,
        base_url=ctx.relay_access["BASE_URL_21ST"],
        api_key=ctx.relay_access["API_KEY_21ST"],
    )
    writer = _Writer(ctx)
    if inspect.isasyncgenfunction(handler):
        async for item in handler(request):
            writer.write(item)
            await ctx.pause()
    elif inspect.iscoroutinefunction(handler):
        writer.write(await handler(request))
    else:
        # A plain function or generator may block: it runs on a worker thread.
        result = await asyncio.to_thread(handler, request)
        if inspect.isgenerator(result):
            items: Iterator[Any] = result
            while (item := await asyncio.to_thread(next, items, _END)) is not _END:
                writer.write(item)
        else:
            writer.write(result)
    writer.close()
