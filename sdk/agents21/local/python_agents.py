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
import importlib.util
import inspect
import threading
import uuid
from collections.abc import Callable
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
    vault_ids: list[str] = field(default_factory=list)
    """The vaults the run resolved to, in order (the relay's credential proxy would use them)."""

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
    """The callable `module:attribute` names: `module.py` next to the config, else an installed
    module. Any error in the module is raised as it is."""
    module_name, colon, attribute = spec.partition(":")
    if not colon or not module_name or not attribute:
        raise ValueError(f"handler must be 'module:function', got {spec!r}")
    beside = base / (module_name.replace(".", "/") + ".py")
    if beside.is_file():
        # The file itself, under a name of its own: another config's module of the same name,
        # or one already imported, is not this one.
        spec_ = importlib.util.spec_from_file_location(
            f"agents21_handler_{uuid.uuid4().hex}", beside
        )
        assert spec_ is not None and spec_.loader is not None
        module = importlib.util.module_from_spec(spec_)
        spec_.loader.exec_module(module)
    else:
        module = importlib.import_module(module_name)  # an installed module
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


def _is_async(handler: AgentHandler) -> bool:
    """Whether calling `handler` gives a coroutine or an async generator: an async function,
    one behind decorators (`functools.wraps`), or an object whose `__call__` is one."""
    for target in (inspect.unwrap(handler), inspect.getattr_static(handler, "__call__", None)):
        if inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target):
            return True
    return False


async def _run_async(handler: AgentHandler, request: AgentRequest, writer: _Writer) -> None:
    result = handler(request)
    if inspect.isasyncgen(result):
        async for item in result:
            writer.write(item)
            await writer.ctx.pause()
    else:
        writer.write(await result)


async def _run_blocking(handler: AgentHandler, request: AgentRequest, writer: _Writer) -> None:
    """A plain function or generator may block: it runs on a thread of its own (not the
    relay's executor, which its calls to the relay need), items coming back one by one. A
    daemon thread: one stuck in the handler never holds the process at exit."""
    loop = asyncio.get_running_loop()
    items: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    stop = threading.Event()  # the run ended: a generator stops at its next item

    def put(kind: str, value: Any) -> None:
        loop.call_soon_threadsafe(items.put_nowait, (kind, value))

    def work() -> None:
        try:
            result = handler(request)
            if inspect.isgenerator(result):
                try:
                    for item in result:
                        if stop.is_set():
                            break
                        put("item", item)
                finally:
                    result.close()  # in this thread: its `finally` runs here, not in the loop
            else:
                put("item", result)
            put("end", None)
        except BaseException as exc:  # the run fails with it, in the loop
            put("error", exc)

    threading.Thread(target=work, name=f"agent-{request.agent}", daemon=True).start()
    try:
        while True:
            kind, value = await items.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            writer.write(value)
    finally:
        stop.set()


async def run_python(ctx: RunContext) -> None:
    from .runs import RunFailed  # runs needs config, which needs this module

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
        vault_ids=list(ctx.vault_ids),
    )
    writer = _Writer(ctx)
    seconds = ctx.agent.timeout_ms / 1000
    try:
        async with asyncio.timeout(seconds):
            if _is_async(handler):
                await _run_async(handler, request, writer)
            else:
                await _run_blocking(handler, request, writer)
    except TimeoutError:
        raise RunFailed(
            "handler_timeout", f"the agent's handler ran longer than {ctx.agent.timeout_ms} ms"
        ) from None
    writer.close()
