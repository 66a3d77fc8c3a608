"""Sandboxes as directories; commands through a real shell, inside bubblewrap when present."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import AgentConfig
from .errors import ApiError, invalid, sandbox_not_found
from .paths import HOME, Resolved, normalize, resolve
from .store import SandboxRow, Store, now_iso

log = logging.getLogger("agents21.local")

DEFAULT_EXEC_TIMEOUT_MS = 60_000
MAX_EXEC_TIMEOUT_MS = 600_000
SETUP_TIMEOUT_MS = 300_000
OUTPUT_CAP = 8 * 1024 * 1024
SHELL = shutil.which("bash") or "/bin/sh"


@dataclass
class ExecResult:
    stdout: str
    stderr: str
    exit_code: int
    timed_out: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"stdout": self.stdout, "stderr": self.stderr, "exitCode": self.exit_code}


def bwrap_usable() -> bool:
    """bubblewrap must be installed and allowed to make namespaces here."""
    exe = shutil.which("bwrap")
    if exe is None:
        return False
    try:
        done = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--unshare-all", "true"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


async def _read_capped(stream: asyncio.StreamReader | None, cap: int) -> bytes:
    if stream is None:
        return b""
    buf = bytearray()
    while True:
        chunk = await stream.read(65536)
        if not chunk:
            return bytes(buf)
        if len(buf) < cap:
            buf.extend(chunk[: cap - len(buf)])


SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")


def _system_mounts(root: Path) -> list[str]:
    """Make the sandbox root look like the host's system layout and return the directories
    to bind read-only over it.

    bubblewrap binds onto the sandbox root itself, so mount points and the host's `/bin ->
    usr/bin` style links must exist there; they are made once, as a real machine has them.
    """
    mounts: list[str] = []
    for sys_dir in SYSTEM_DIRS:
        host = Path(sys_dir)
        inside = root / sys_dir.lstrip("/")
        if host.is_symlink():
            if not os.path.lexists(inside):
                inside.symlink_to(os.readlink(host))
        elif host.is_dir():
            if not os.path.lexists(inside):
                inside.mkdir()
            if inside.is_dir() and not inside.is_symlink():
                mounts.append(sys_dir)
    for mount_point in ("proc", "dev"):
        (root / mount_point).mkdir(exist_ok=True)
    return mounts


def kill_group(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


class Sandboxes:
    def __init__(self, store: Store, data_dir: Path, use_bwrap: bool) -> None:
        self.store = store
        self.base = (data_dir / "sandboxes").resolve()
        self.base.mkdir(parents=True, exist_ok=True)
        self.use_bwrap = use_bwrap
        self._creating: dict[str, asyncio.Lock] = {}

    def get(self, sandbox_id: str, *, touch: bool = True) -> SandboxRow:
        """A sandbox by id; `touch` counts the call as activity for the idle TTL."""
        row = self.store.get_sandbox(sandbox_id)
        if row is None:
            raise sandbox_not_found(sandbox_id)
        if touch:
            self.store.touch_sandbox(row)
        return row

    def lock_for(self, sandbox_id: str) -> asyncio.Lock:
        return self._creating.setdefault(sandbox_id, asyncio.Lock())

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
        setup_error: tuple[int, str] = (400, "setup_failed"),
    ) -> SandboxRow:
        """Make the directory, write files, run setup; on any failure leave nothing behind."""
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
            for path, content in {**agent.files, **(files or {})}.items():
                self.write_file(row, path, content)
            for command in [*agent.setup, *(setup or [])]:
                result = await self.exec(row, command, timeout_ms=SETUP_TIMEOUT_MS)
                if result.exit_code != 0:
                    detail = (result.stderr or result.stdout).strip()[-500:]
                    status, code = setup_error
                    raise ApiError(
                        status,
                        code,
                        f'Setup command "{command}" failed with exit code {result.exit_code}'
                        + (f": {detail}" if detail else ""),
                    )
            self.store.insert_sandbox(row)
        except BaseException:
            await asyncio.to_thread(shutil.rmtree, directory, True)
            raise
        return row

    def write_file(self, row: SandboxRow, path: str, content: str) -> tuple[str, int]:
        target = resolve(row.root, path)
        if target.host == row.root or target.host.is_dir():
            raise invalid(f'path "{path}" is a directory')
        target.host.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8")
        target.host.write_bytes(data)
        return target.path, len(data)

    async def delete(self, row: SandboxRow) -> None:
        self.store.delete_sandbox(row.id)
        await asyncio.to_thread(shutil.rmtree, row.dir, True)

    def _env(self, row: SandboxRow, extra: dict[str, str] | None) -> dict[str, str]:
        home = HOME if self.use_bwrap else str(row.root / HOME.lstrip("/"))
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": home,
            "USER": "user",
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "TMPDIR": "/tmp" if self.use_bwrap else str(row.root / "tmp"),
            "SANDBOX_ID": row.id,
        }
        env.update(row.envs)
        env.update(extra or {})
        return env

    def _argv(self, row: SandboxRow, cwd: Resolved, argv: list[str]) -> tuple[list[str], str]:
        if not self.use_bwrap:
            return argv, str(cwd.host)
        cmd = ["bwrap", "--die-with-parent", "--unshare-all"]
        if row.network_allow:
            cmd.append("--share-net")
        cmd += ["--bind", str(row.root), "/"]
        for sys_dir in _system_mounts(row.root):
            cmd += ["--ro-bind", sys_dir, sys_dir]
        cmd += ["--proc", "/proc", "--dev", "/dev", "--chdir", cwd.path, "--", *argv]
        return cmd, str(row.root)

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
    ) -> ExecResult:
        """Run argv in the sandbox; on timeout or cancel the whole process group dies."""
        env = self._env(row, envs)
        # The OS refuses NUL bytes in argv and the environment; say so as a 400.
        if any("\x00" in a for a in argv) or any(
            "\x00" in k or "\x00" in v or "=" in k or not k for k, v in env.items()
        ):
            raise invalid("commands and environment variables must not contain NUL bytes")
        where = resolve(row.root, normalize(cwd or HOME, "cwd"), field="cwd")
        if not where.host.is_dir():
            raise invalid(f'cwd "{cwd}" is not a directory in the sandbox')
        full, host_cwd = self._argv(row, where, argv)
        try:
            proc = await asyncio.create_subprocess_exec(
                *full,
                cwd=host_cwd,
                env=env,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            return ExecResult("", f"failed to start: {exc}\n", 127)
        try:
            return await asyncio.wait_for(self._collect(proc, stdin), timeout_ms / 1000)
        except TimeoutError:
            kill_group(proc)
            await proc.wait()
            return ExecResult("", "", -1, timed_out=True)
        except BaseException:
            kill_group(proc)
            raise

    @staticmethod
    async def _collect(proc: asyncio.subprocess.Process, stdin: bytes | None) -> ExecResult:
        if stdin is not None and proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                proc.stdin.write(stdin)
                await proc.stdin.drain()
            proc.stdin.close()
        out, err, code = await asyncio.gather(
            _read_capped(proc.stdout, OUTPUT_CAP),
            _read_capped(proc.stderr, OUTPUT_CAP),
            proc.wait(),
        )
        return ExecResult(out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), code)

    async def git_clone(
        self,
        row: SandboxRow,
        url: str,
        path: str,
        *,
        token: str | None,
        depth: int | None,
        branch: str | None,
    ) -> str:
        dest = resolve(row.root, path)
        if dest.host == row.root:
            raise ApiError(400, "git_clone_failed", "Cannot clone into the sandbox root")
        source = url
        if token and url.startswith("https://"):
            source = "https://x-access-token:" + token + "@" + url[len("https://") :]
        argv = ["git", "clone", "--quiet"]
        if depth:
            argv += ["--depth", str(depth)]
        if branch:
            argv += ["--branch", branch]
        argv += ["--", source, str(dest.host)]
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
        try:
            dest.host.parent.mkdir(parents=True, exist_ok=True)
            proc = await asyncio.create_subprocess_exec(
                *argv,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise ApiError(400, "git_clone_failed", f"git clone failed: {exc}") from None
        try:
            _, err = await asyncio.wait_for(proc.communicate(), SETUP_TIMEOUT_MS / 1000)
        except TimeoutError:
            kill_group(proc)
            await proc.wait()
            raise ApiError(400, "git_clone_failed", "git clone timed out") from None
        if proc.returncode != 0:
            detail = err.decode("utf-8", "replace").strip()
            if token:
                detail = detail.replace(token, "***")
            raise ApiError(400, "git_clone_failed", f"git clone failed: {detail}"[:1000])
        return dest.path
