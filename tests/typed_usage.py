"""Type-checked with `mypy --strict` (make typecheck): the public surface is typed, not `Any`.

Never run; every assignment below states the type a user gets back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agents21 import (
    AgentClient,
    APIStatusError,
    AsyncAgentClient,
    AsyncBackgroundRun,
    AsyncRun,
    BackgroundRun,
    HydratedThread,
    Run,
    RunFailedError,
)
from agents21.stream import (
    Chunk,
    DataChunk,
    TextDeltaChunk,
    ToolInputAvailableChunk,
    ToolOutputAvailableChunk,
    UnknownChunk,
)
from agents21.types import (
    CancelResult,
    DynamicToolUIPart,
    ExecResult,
    FileEntryInfo,
    MessageMetadata,
    ReadFileResult,
    Sandbox,
    SandboxCreated,
    TextUIPart,
    Thread,
    ThreadCreated,
    ThreadListItem,
    ThreadUsage,
    TokenResponse,
    ToolUIPart,
    UIMessage,
    WriteFilesResult,
    WrittenBlob,
)


def blocking(client: AgentClient) -> None:
    created: SandboxCreated = client.sandboxes.create("demo-agent", files={"a.txt": "hi"})
    when: dt.datetime = created.created_at
    sandbox: Sandbox = client.sandboxes.get(created.id)
    result: ExecResult = client.sandboxes.exec(sandbox.id, "ls", timeout_ms=1000)
    code: int = result.exit_code
    written: WriteFilesResult = client.sandboxes.files.write(sandbox.id, {"b.txt": "b"})
    read: ReadFileResult = client.sandboxes.files.read(sandbox.id, "b.txt")
    entries: list[FileEntryInfo] = client.sandboxes.files.list(sandbox.id, "/home/user", depth=1)
    exists: bool = client.sandboxes.files.exists(sandbox.id, "b.txt")
    mixed: WriteFilesResult = client.sandboxes.files.write(sandbox.id, {"c.bin": b"\x00", "d": "d"})
    raw: bytes = client.sandboxes.files.read_bytes(sandbox.id, "c.bin")
    uploaded: list[WrittenBlob] = client.sandboxes.files.upload(sandbox.id, Path("."), "/tmp/x")
    downloaded: Path = client.sandboxes.files.download(sandbox.id, "/tmp/x", "copy")
    thread: ThreadCreated = client.threads.create(sandbox.id, name="t")
    threads: list[ThreadListItem] = client.threads.list(sandbox.id)
    with client.threads.run("demo-agent", "Run `ls`", sandbox_id=sandbox.id) as run:
        typed: Run = run
        for chunk in run:
            item: Chunk = chunk
            if isinstance(chunk, TextDeltaChunk):
                delta: str = chunk.delta
        message: UIMessage = run.final_message()
        usage: ThreadUsage = run.usage
    background: BackgroundRun = client.threads.run("demo-agent", "hi", mode="background")
    finished: Thread = background.wait(timeout=30)
    hydrated: HydratedThread = client.threads.hydrate(sandbox.id, thread.id)
    cancelled: CancelResult = client.threads.cancel("demo-agent", sandbox.id)
    resumed: Run | None = client.threads.resume("demo-agent", sandbox.id)
    token: TokenResponse = client.tokens.create(agent="demo-agent", expires_in="10m")
    try:
        client.sandboxes.delete(sandbox.id)
    except APIStatusError as error:
        status: int = error.status_code
        code_name: str | None = error.code
    except RunFailedError as failure:
        partial: UIMessage | None = failure.message
    del when, code, written, read, entries, exists, threads, typed, item, delta, message, usage
    del mixed, raw, uploaded, downloaded
    del finished, hydrated, cancelled, resumed, token, status, code_name, partial


async def non_blocking(client: AsyncAgentClient) -> None:
    created: SandboxCreated = await client.sandboxes.create("demo-agent")
    result: ExecResult = await client.sandboxes.exec(created.id, "ls")
    async with await client.threads.run("demo-agent", "hi", sandbox_id=created.id) as run:
        typed: AsyncRun = run
        async for text in run.text_stream:
            piece: str = text
        message: UIMessage = await run.final_message()
    background: AsyncBackgroundRun = await client.threads.run("echo-agent", "hi", mode="background")
    finished: Thread = await background.wait(poll_interval=0.2)
    del result, typed, piece, message, finished


def chunk_kinds(chunk: Chunk) -> str:
    """The idiom that narrows: class patterns (or isinstance), not `chunk.type == ...`, since a
    data chunk's and an unknown chunk's `type` can be any string."""
    match chunk:
        case TextDeltaChunk(delta=delta):
            return delta
        case ToolInputAvailableChunk(tool_name=name):
            return name
        case ToolOutputAvailableChunk(tool_call_id=call_id):
            return call_id
        case DataChunk() | UnknownChunk():
            kind: str = chunk.type
            return kind
        case _:
            return chunk.type


def part_kinds(message: UIMessage) -> list[str]:
    out: list[str] = []
    for part in message.parts:
        match part:
            case TextUIPart(text=text):
                out.append(text)
            case (
                ToolUIPart(type_=kind, tool_call_id=call_id)
                | DynamicToolUIPart(type_=kind, tool_call_id=call_id)
            ):
                out.append(f"{kind} {call_id}")
    return out


def optional_fields(entry: FileEntryInfo, message: UIMessage, created: SandboxCreated) -> str:
    """An absent optional value is None, typed `X | None`: narrowing is an `is not None` away."""
    size: int | None = entry.size
    grown: int = size + 1 if size is not None else 0
    when: dt.datetime | None = entry.modified_time
    owner: str = entry.owner.upper() if entry.owner else ""
    message_id: str = message.id.upper() if message.id is not None else ""
    cost: float | None = None
    if isinstance(message.metadata, MessageMetadata):
        cost = message.metadata.total_cost_usd
    text: str = message.text
    provider_id: str = created.provider_sandbox_id
    wire: dict[str, object] = entry.to_dict()
    as_json: str = message.to_json()
    del grown, when, cost, wire, provider_id
    return owner + message_id + text + as_json


def hydrated_json(hydrated: HydratedThread, usage: ThreadUsage) -> dict[str, object]:
    tokens: int | None = usage.total_tokens
    body: dict[str, object] = hydrated.to_dict()
    body["json"] = hydrated.to_json()
    body["usage"] = usage.to_json()
    del tokens
    return body
