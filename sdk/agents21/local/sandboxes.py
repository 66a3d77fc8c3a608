"""Sandboxes as directories: create (files, setup), look up, keep alive, delete; commands
run through `process.Commands`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import stat
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import fs
from .config import AgentConfig
from .errors import invalid, sandbox_not_found
from .paths import HOME, normalize, remove_path, resolve
from .process import SHELL, Commands, ExecResult
from .store import SandboxRow, Store, now_iso

log = logging.getLogger("agents21.local")

DEFAULT_EXEC_TIMEOUT_MS = 60_000
MAX_EXEC_TIMEOUT_MS = 600_000
SETUP_TIMEOUT_MS = 120_000  # each setup command, as in production


@dataclass
class _Creating:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Sandboxes:
    def __init__(self, store: Store, data_dir: Path, commands: Commands) -> None:
        self.store = store
        self.base = (data_dir / "sandboxes").resolve()
        self.base.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.commands = commands
        self._creating: dict[tuple[str, str], _Creating] = {}
        # Commands in flight per sandbox: the reaper leaves busy sandboxes alone.
        self._busy: dict[str, int] = {}

    def get(self, sandbox_id: str, *, agent: str | None = None, touch: bool = True) -> SandboxRow:
        """A sandbox by id (the given agent's, else the oldest of that id); `touch` counts the
        call as activity for the idle TTL."""
        row = self.store.get_sandbox(sandbox_id, agent)
        if row is None:
            raise sandbox_not_found(sandbox_id)
        if touch:
            self.store.touch_sandbox(row)
        return row

    @contextlib.asynccontextmanager
    async def creating(self, agent: str, sandbox_id: str) -> AsyncIterator[None]:
        """Serialise lazy creation of one agent's sandbox id; the lock goes when nobody
        holds it."""
        key = (agent, sandbox_id)
        entry = self._creating.setdefault(key, _Creating())
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._creating[key]

    def busy(self, sandbox_key: str) -> bool:
        return self._busy.get(sandbox_key, 0) > 0

    @contextlib.contextmanager
    def working(self, row: SandboxRow) -> Iterator[None]:
        """Count a command or clone as activity for the idle TTL for as long as it runs."""
        self._busy[row.key] = self._busy.get(row.key, 0) + 1
        try:
            yield
        finally:
            left = self._busy[row.key] - 1
            if left:
                self._busy[row.key] = left
            else:
                del self._busy[row.key]
            self.store.touch_sandbox(row)

    async def create(
        self,
        agent: AgentConfig,
        *,
        sandbox_id: str | None = None,
        files: dict[str, str] | None = None,
        envs: dict[str, str] | None = None,
        setup: list[str] | None = None,
        timeout_ms: int | None = None,
        network_allow: list[str] | None = None,
        network_deny: list[str] | None = None,
    ) -> SandboxRow:
        """Make the directory, write files, run setup; on any failure leave nothing behind.

        As in production, a setup command's exit code is ignored (it is logged)."""
        sid = sandbox_id or str(uuid.uuid4())
        directory = self.base / uuid.uuid4().hex
        ts = now_iso()
        row = SandboxRow(
            id=sid,
            provider_id="local-" + directory.name,
            agent=agent.slug,
            dir=directory,
            status="active",
            error=None,
            envs={**agent.envs, **(envs or {})},
            network_allow=list(network_allow or []),
            network_deny=list(network_deny or []),
            timeout_ms=timeout_ms,
            expires_at=time.time() + timeout_ms / 1000 if timeout_ms else None,
            created_at=ts,
            updated_at=ts,
        )
        try:
            home = row.root / HOME.lstrip("/")
            home.mkdir(parents=True)
            (row.root / "tmp").mkdir()
            to_write = {**agent.files, **(files or {})}
            for path in to_write:
                normalize(path)
            for path, content in to_write.items():
                await asyncio.to_thread(self.write_file, row, path, content)
            for command in [*agent.setup, *(setup or [])]:
                result = await self.exec(row, command, timeout_ms=SETUP_TIMEOUT_MS)
                if result.exit_code != 0:
                    detail = (result.stderr or result.stdout).strip()[-500:]
                    log.info(
                        "sandbox %s: setup command %r exited with %s%s",
                        sid,
                        command,
                        "a timeout" if result.timed_out else f"code {result.exit_code}",
                        f": {detail}" if detail else "",
                    )
            self.store.insert_sandbox(row)
        except BaseException:
            await asyncio.shield(self._discard(row))
            raise
        return row

    async def _discard(self, row: SandboxRow) -> None:
        """Undo a create that failed: its processes and its directory go."""
        await self.commands.end(row.key)
        await asyncio.to_thread(remove_dir, row.dir)

    def write_file(self, row: SandboxRow, path: str, content: str) -> tuple[str, int]:
        """Write a file in the sandbox (blocking: call it from a worker thread)."""
        return fs.write_text(row.root, path, content)

    async def delete(self, row: SandboxRow) -> None:
        self.store.delete_sandbox(row.key)
        await self.commands.end(row.key)
        await asyncio.to_thread(remove_dir, row.dir)

    def _cwd(self, row: SandboxRow, cwd: str | None) -> str:
        """The sandbox path of an existing working directory (links followed inside)."""
        try:
            with resolve(row.root, normalize(cwd or HOME, "cwd"), field="cwd") as where:
                is_dir = stat.S_ISDIR(where.lstat().st_mode)
                path = where.path
        except (FileNotFoundError, NotADirectoryError):
            is_dir, path = False, ""
        if not is_dir:
            raise invalid(f'cwd "{cwd}" is not a directory in the sandbox')
        return path

    async def exec(
        self,
        row: SandboxRow,
        command: str,
        *,
        cwd: str | None = None,
        envs: dict[str, str] | None = None,
        timeout_ms: int = DEFAULT_EXEC_TIMEOUT_MS,
        stdin: bytes | None = None,
    ) -> ExecResult:
        return await self.run(
            row, [SHELL, "-c", command], cwd=cwd, envs=envs, timeout_ms=timeout_ms, stdin=stdin
        )

    async def run(
        self,
        row: SandboxRow,
        argv: list[str],
        *,
        cwd: str | None = None,
        envs: dict[str, str] | None = None,
        timeout_ms: int = DEFAULT_EXEC_TIMEOUT_MS,
        stdin: bytes | None = None,
        network: bool | None = None,
    ) -> ExecResult:
        """Run argv in the sandbox (see `process.Commands.run`).

        A command counts as activity for the sandbox's idle TTL for as long as it runs.
        `network` overrides the sandbox's own setting (bubblewrap only).
        """
        where = await asyncio.to_thread(self._cwd, row, cwd)
        with self.working(row):
            return await self.commands.run(
                row,
                argv,
                cwd=where,
                envs=envs,
                timeout_ms=timeout_ms,
                stdin=stdin,
                network=network,
            )


def remove_dir(path: Path) -> None:
    """Remove a sandbox directory, whatever its processes left in it; failures are logged."""
    try:
        remove_path(path)
    except OSError as exc:
        log.warning("could not remove %s: %s", path, exc)
