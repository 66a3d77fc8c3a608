"""The built-in agent runtimes: echo, tools (Bash calls in the sandbox), command (the
operator's program) and python (a handler of the operator's, in `python_agents.py`)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import subprocess
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .._ui_stream import loads
from .config import AgentConfig
from .errors import ApiError
from .paths import HOME
from .process import kill_group
from .python_agents import run_python
from .runs import Run, RunFailed
from .sandboxes import Sandboxes
from .store import SandboxRow, Store

log = logging.getLogger("agents21.local")

_PIECES = re.compile(r"^\s*\S+\s*|\S+\s*")
_BACKTICKED = re.compile(r"`([^`\n]+)`")
TOOL_TIMEOUT_MS = 60_000


def pieces(text: str) -> list[str]:
    """Split text into words, each carrying the whitespace that follows it."""
    return _PIECES.findall(text)


@dataclass
class RunContext:
    run: Run
    agent: AgentConfig
    sandbox: SandboxRow
    sandboxes: Sandboxes
    store: Store
    prompt: str
    user_message: dict[str, Any]
    messages: list[Any]
    options: dict[str, Any]
    # How the command runtime's program reaches the relay: BASE_URL_21ST and API_KEY_21ST.
    relay_access: dict[str, str] = field(default_factory=dict)
    # The vaults the run resolved to, in order (the local relay has no credential proxy).
    vault_ids: list[str] = field(default_factory=list)
    _paces: int = 0

    async def pause(self) -> None:
        if self.agent.delay_ms:
            await asyncio.sleep(self.agent.delay_ms / 1000)
            return
        # Undelayed runs still yield now and then, so readers and other requests interleave;
        # not after every chunk, which would cost a loop round trip per word.
        self._paces += 1
        if self._paces % 16 == 0:
            await asyncio.sleep(0)

    async def say(self, text: str) -> None:
        text_id = "text_" + uuid.uuid4().hex[:16]
        self.run.emit({"type": "text-start", "id": text_id})
        for piece in pieces(text):
            await self.pause()
            self.run.emit({"type": "text-delta", "id": text_id, "delta": piece})
        self.run.emit({"type": "text-end", "id": text_id})


async def run_echo(ctx: RunContext) -> None:
    await ctx.say(ctx.prompt)


async def run_tools(ctx: RunContext) -> None:
    commands = _BACKTICKED.findall(ctx.prompt)
    if not commands:
        await ctx.say(
            "I found no command to run. Put a shell command in backticks, like `ls`,"
            " and I will run it with the Bash tool."
        )
        return
    if "Bash" in ctx.options.get("disallowedTools", []):
        listed = ", ".join(f"`{c}`" for c in commands)
        await ctx.say(
            f"The Bash tool is disallowed for this run (options.disallowedTools), so I did not"
            f" run {listed}."
        )
        return
    max_turns = ctx.options.get("maxTurns")
    to_run = commands if max_turns is None else commands[:max_turns]
    lines: list[str] = []
    for command in to_run:
        result = await _bash_call(ctx, command)
        line = f"`{command}` exited with code {result['exitCode']}."
        stdout = str(result["stdout"]).strip()
        if stdout:
            line += "\n" + stdout[:2000]
        lines.append(line)
    skipped = commands[len(to_run) :]
    if skipped:
        listed = ", ".join(f"`{c}`" for c in skipped)
        lines.append(f"Stopped after {len(to_run)} tool call(s) (maxTurns); not run: {listed}.")
    await ctx.say("\n\n".join(lines))


async def _bash_call(ctx: RunContext, command: str) -> dict[str, Any]:
    run = ctx.run
    call_id = "toolu_" + uuid.uuid4().hex[:24]
    tool_input = {"command": command}
    run.emit({"type": "tool-input-start", "toolCallId": call_id, "toolName": "Bash"})
    for piece in pieces(json.dumps(tool_input)):
        await ctx.pause()
        run.emit({"type": "tool-input-delta", "toolCallId": call_id, "inputTextDelta": piece})
    run.emit(
        {
            "type": "tool-input-available",
            "toolCallId": call_id,
            "toolName": "Bash",
            "input": tool_input,
        }
    )
    try:
        result = await ctx.sandboxes.exec(ctx.sandbox, command, timeout_ms=TOOL_TIMEOUT_MS)
        output = result.as_json()
        if result.timed_out:
            output = {
                "stdout": "",
                "stderr": f"Command timed out after {TOOL_TIMEOUT_MS} ms",
                "exitCode": 124,
            }
    except ApiError as exc:
        output = {"stdout": "", "stderr": exc.message, "exitCode": 127}
    run.emit({"type": "tool-output-available", "toolCallId": call_id, "output": output})
    return output


async def run_command(ctx: RunContext) -> None:
    """Run the agent's program: request JSON on stdin, UI chunks as JSON lines on stdout.

    The program is the operator's, not the sandbox's: it runs on the host in its config's
    directory with the operator's environment plus the documented request variables, never
    with the sandbox's variables or in the sandbox's directory. It reaches the sandbox the
    way production agents do, through the relay (exec and files), with a token for its agent.
    """
    run, agent, sandbox = ctx.run, ctx.agent, ctx.sandbox
    request = {
        "agent": agent.slug,
        "sandboxId": sandbox.id,
        "threadId": run.thread_id,
        "messageId": run.message_id,
        "prompt": ctx.prompt,
        "messages": ctx.messages,
        "options": ctx.options,
        "vaultIds": ctx.vault_ids,
        "home": HOME,
    }
    env = {
        **os.environ,
        **ctx.relay_access,
        "AGENT": agent.slug,
        "SANDBOX_ID": sandbox.id,
        "THREAD_ID": run.thread_id,
    }
    try:
        proc = await asyncio.create_subprocess_exec(
            *agent.command,
            cwd=str(agent.workdir or os.getcwd()),
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            limit=16 * 1024 * 1024,
        )
    except OSError as exc:
        raise RunFailed("command_failed", f"cannot start {agent.command[0]}: {exc}") from None
    stderr_tail: list[str] = []

    async def feed() -> None:
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            await proc.stdin.drain()
        proc.stdin.close()

    async def drain_stderr() -> None:
        assert proc.stderr is not None
        async for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            log.info("[%s] %s", agent.slug, line)
            stderr_tail[:] = [*stderr_tail[-4:], line]

    async def read_chunks() -> None:
        assert proc.stdout is not None
        async for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                chunk = loads(line)  # as JSON.parse reads it: no NaN, nothing too deep
            except ValueError:
                log.warning(
                    "[%s] skipping a stdout line that is not JSON: %.200s", agent.slug, line
                )
                continue
            if not isinstance(chunk, dict) or not isinstance(chunk.get("type"), str):
                log.warning("[%s] skipping a stdout line that is not a chunk", agent.slug)
                continue
            take_chunk(run, chunk)

    try:
        async with asyncio.timeout(agent.timeout_ms / 1000):
            await asyncio.gather(feed(), drain_stderr(), read_chunks())
            code = await proc.wait()
    except TimeoutError:
        kill_group(proc)
        raise RunFailed(
            "command_timeout", f"agent command ran longer than {agent.timeout_ms} ms"
        ) from None
    except BaseException:
        kill_group(proc)
        raise
    if code != 0:
        detail = f": {stderr_tail[-1]}" if stderr_tail else ""
        raise RunFailed("command_failed", f"agent command exited with code {code}{detail}")


def take_chunk(run: Run, chunk: dict[str, Any]) -> None:
    """One chunk an agent program gave: the relay frames runs itself, an `error` fails the
    run, `message-metadata` reports usage; any other goes out as it is."""
    kind = chunk["type"]
    if kind in ("start", "finish"):
        return  # the driver frames every run itself
    if kind == "error":
        raise RunFailed("agent_error", str(chunk.get("errorText") or "agent error"))
    if kind == "message-metadata":
        meta = chunk.get("messageMetadata")
        if isinstance(meta, dict):
            # A program that knows its real usage reports it; it replaces the word count.
            for key, attr in (("inputTokens", "input_tokens"), ("outputTokens", "output_tokens")):
                value = meta.get(key)
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    setattr(run, attr, value)
            run.extra_metadata.update(meta)
            run.check_budget()
        return
    run.emit(chunk)


RUNTIMES: dict[str, Callable[[RunContext], Awaitable[None]]] = {
    "echo": run_echo,
    "tools": run_tools,
    "command": run_command,
    "python": run_python,
}
