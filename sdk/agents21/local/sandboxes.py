"""Sandboxes as directories; commands through a real shell, inside bubblewrap when present."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import shutil
import signal
import stat
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import files
from .config import AgentConfig
from .errors import ApiError, invalid, sandbox_not_found
from .paths import HOME, normalize, open_dir, remove_path, resolve
from .store import SandboxRow, Store, now_iso

log = logging.getLogger("agents21.local")

DEFAULT_EXEC_TIMEOUT_MS = 60_000
MAX_EXEC_TIMEOUT_MS = 600_000
SETUP_TIMEOUT_MS = 300_000
OUTPUT_CAP = 8 * 1024 * 1024
# Once a command's shell has exited, its output is read for this long at most: background
# children it started may hold the pipes open for as long as they live.
PIPE_GRACE_S = 0.2
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


async def _read_capped(stream: asyncio.StreamReader | None, buf: bytearray, cap: int) -> None:
    """Read a stream to its end into `buf`, keeping the first `cap` bytes."""
    if stream is None:
        return
    while True:
        chunk = await stream.read(65536)
        if not chunk:
            return
        if len(buf) < cap:
            buf.extend(chunk[: cap - len(buf)])


async def _exit_code(proc: asyncio.subprocess.Process) -> int:
    """The exit code once the process has exited, even while others hold its pipes open
    (`wait()` also waits for the pipes to close)."""
    waiter = asyncio.ensure_future(proc.wait())
    try:
        while True:
            done, _ = await asyncio.wait([waiter], timeout=0.05)
            if done:
                return waiter.result()
            if proc.returncode is not None:
                return proc.returncode
    finally:
        waiter.cancel()


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


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class _Creating:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Sandboxes:
    def __init__(self, store: Store, data_dir: Path, use_bwrap: bool) -> None:
        self.store = store
        self.base = (data_dir / "sandboxes").resolve()
        self.base.mkdir(parents=True, exist_ok=True)
        self.use_bwrap = use_bwrap
        self._creating: dict[str, _Creating] = {}
        # Commands in flight per sandbox (the reaper leaves busy sandboxes alone), and the
        # process groups commands started, killed when their sandbox is deleted.
        self._busy: dict[str, int] = {}
        self._groups: dict[str, set[int]] = {}

    def get(self, sandbox_id: str, *, touch: bool = True) -> SandboxRow:
        """A sandbox by id; `touch` counts the call as activity for the idle TTL."""
        row = self.store.get_sandbox(sandbox_id)
        if row is None:
            raise sandbox_not_found(sandbox_id)
        if touch:
            self.store.touch_sandbox(row)
        return row

    @contextlib.asynccontextmanager
    async def creating(self, sandbox_id: str) -> AsyncIterator[None]:
        """Serialise lazy creation of one sandbox id; the lock goes when nobody holds it."""
        entry = self._creating.setdefault(sandbox_id, _Creating())
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._creating[sandbox_id]

    def busy(self, sandbox_id: str) -> bool:
        return self._busy.get(sandbox_id, 0) > 0

    @contextlib.contextmanager
    def working(self, row: SandboxRow) -> Iterator[None]:
        """Count a command or clone as activity for the idle TTL for as long as it runs."""
        self._busy[row.id] = self._busy.get(row.id, 0) + 1
        try:
            yield
        finally:
            left = self._busy[row.id] - 1
            if left:
                self._busy[row.id] = left
            else:
                del self._busy[row.id]
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
            to_write = {**agent.files, **(files or {})}
            for path in to_write:
                normalize(path)
            for path, content in to_write.items():
                await asyncio.to_thread(self.write_file, row, path, content)
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
            self.kill_processes(sid)
            await asyncio.to_thread(remove_dir, directory)
            raise
        return row

    def write_file(self, row: SandboxRow, path: str, content: str) -> tuple[str, int]:
        """Write a file in the sandbox (blocking: call it from a worker thread)."""
        return files.write_text(row.root, path, content)

    def kill_processes(self, sandbox_id: str) -> None:
        for pgid in self._groups.pop(sandbox_id, set()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)

    async def delete(self, row: SandboxRow) -> None:
        self.store.delete_sandbox(row.id)
        self.kill_processes(row.id)
        await asyncio.to_thread(remove_dir, row.dir)

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

    def _argv(
        self, row: SandboxRow, cwd: str, argv: list[str], network: bool | None
    ) -> tuple[list[str], str]:
        if not self.use_bwrap:
            return argv, str(row.root / cwd.lstrip("/"))
        cmd = ["bwrap", "--die-with-parent", "--unshare-all"]
        if network if network is not None else bool(row.network_allow):
            cmd.append("--share-net")
        cmd += ["--bind", str(row.root), "/"]
        for sys_dir in _system_mounts(row.root):
            cmd += ["--ro-bind", sys_dir, sys_dir]
        cmd += ["--proc", "/proc", "--dev", "/dev", "--chdir", cwd, "--", *argv]
        return cmd, str(row.root)

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
        """Run argv in the sandbox; on timeout or cancel the whole process group dies.

        A command counts as activity for the sandbox's idle TTL for as long as it runs.
        `network` overrides the sandbox's own setting (bubblewrap only).
        """
        env = self._env(row, envs)
        # The OS refuses NUL bytes in argv and the environment; say so as a 400.
        if any("\x00" in a for a in argv) or any(
            "\x00" in k or "\x00" in v or "=" in k or not k for k, v in env.items()
        ):
            raise invalid("commands and environment variables must not contain NUL bytes")
        where = await asyncio.to_thread(self._cwd, row, cwd)
        full, host_cwd = self._argv(row, where, argv, network)
        with self.working(row):
            return await self._run(row, full, host_cwd, env, timeout_ms, stdin)

    async def _run(
        self,
        row: SandboxRow,
        full: list[str],
        host_cwd: str,
        env: dict[str, str],
        timeout_ms: int,
        stdin: bytes | None,
    ) -> ExecResult:
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
        groups = self._groups.setdefault(row.id, set())
        for pgid in [g for g in groups if not _group_alive(g)]:
            groups.discard(pgid)
        groups.add(proc.pid)
        try:
            return await asyncio.wait_for(self._collect(proc, stdin), timeout_ms / 1000)
        except TimeoutError:
            kill_group(proc)
            await _exit_code(proc)
            return ExecResult("", "", -1, timed_out=True)
        except BaseException:
            kill_group(proc)
            raise
        finally:
            # Forget a group as soon as it is empty, so that its id, free for reuse, is
            # never killed on delete; one that outlives the command stays until then.
            if not _group_alive(proc.pid):
                groups.discard(proc.pid)

    @staticmethod
    async def _collect(proc: asyncio.subprocess.Process, stdin: bytes | None) -> ExecResult:
        """Output and exit code. The command is over when its shell exits: background
        children it left (which keep running) may hold the pipes, so reading stops shortly
        after that exit instead of waiting for the pipes to close."""
        out, err = bytearray(), bytearray()
        readers = [
            asyncio.ensure_future(_read_capped(proc.stdout, out, OUTPUT_CAP)),
            asyncio.ensure_future(_read_capped(proc.stderr, err, OUTPUT_CAP)),
        ]
        try:
            if stdin is not None and proc.stdin is not None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    proc.stdin.write(stdin)
                    await proc.stdin.drain()
                proc.stdin.close()
            code = await _exit_code(proc)
            _, pending = await asyncio.wait(readers, timeout=PIPE_GRACE_S)
            if pending:
                transport = getattr(proc, "_transport", None)
                if transport is not None:
                    transport.close()  # let go of our ends of the pipes
        finally:
            for reader in readers:
                reader.cancel()
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
        """Clone with real git; the destination's sandbox path.

        A local path or file:// URL names a repository inside the sandbox, never one on the
        host. Under bubblewrap such a clone runs inside the sandbox, so git reads the source
        (alternates, `.git` files) with the sandbox's view. Other clones run on the host (its
        network, DNS and proxies) into a directory of the relay's next to the sandbox root,
        out of reach of sandbox processes, and are then moved into place relative to the
        destination's directory descriptor; without bubblewrap a local source is mapped
        through the sandbox root.
        """

        def failed(message: str) -> ApiError:
            if token:
                message = message.replace(token, "***")
            return ApiError(400, "git_clone_failed", message[:1000])

        try:
            local = _local_source(url)
            dest = await asyncio.to_thread(self._clone_dest, row, path)
            source = url if local is None else normalize(local, "url")
        except ApiError as exc:
            raise failed(exc.message) from None
        if local is None and token and url.startswith("https://"):
            source = "https://x-access-token:" + token + "@" + url[len("https://") :]
        options = ["--quiet"]
        if depth:
            options += ["--depth", str(depth)]
        if branch:
            options += ["--branch", branch]
        envs = {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "true",
            "GIT_ALLOW_PROTOCOL": "file" if local is not None else "http:https:git:ssh",
        }
        if local is not None and self.use_bwrap:
            argv = ["git", "clone", *options, "--", source, dest]
            result = await self.run(
                row, argv, envs=envs, timeout_ms=SETUP_TIMEOUT_MS, network=False
            )
            if result.timed_out:
                raise failed("git clone timed out")
            if result.exit_code != 0:
                raise failed(f"git clone failed: {result.stderr.strip()}")
            return dest
        if local is not None:
            source = str(row.root / source.lstrip("/"))
        with self.working(row):
            staging = row.dir / ("clone-" + uuid.uuid4().hex)
            staging.mkdir()
            try:
                argv = ["git", "clone", *options, "--", source, str(staging / "repo")]
                code, err = await _host_command(argv, {**os.environ, **envs}, str(staging))
                if code is None:
                    raise failed("git clone timed out")
                if code != 0:
                    raise failed(f"git clone failed: {err.strip()}")
                try:
                    await asyncio.to_thread(_move_into, row.root, staging, dest)
                except ApiError as exc:
                    raise failed(exc.message) from None
            finally:
                await asyncio.to_thread(remove_dir, staging)
        return dest

    @staticmethod
    def _clone_dest(row: SandboxRow, path: str) -> str:
        """The destination's sandbox path, links on the way followed inside the sandbox."""
        try:
            with resolve(row.root, path, create_dirs=True) as target:
                dest = target.path
        except NotADirectoryError:
            raise invalid(f'a parent of "{path}" is not a directory') from None
        if dest == "/":
            raise invalid("Cannot clone into the sandbox root")
        return dest


async def _host_command(argv: list[str], env: dict[str, str], cwd: str) -> tuple[int | None, str]:
    """Run a command on the host; its exit code (None on timeout) and stderr."""
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        return 127, f"cannot start {argv[0]}: {exc}"
    try:
        _, err = await asyncio.wait_for(proc.communicate(), SETUP_TIMEOUT_MS / 1000)
    except TimeoutError:
        kill_group(proc)
        await _exit_code(proc)
        return None, ""
    except BaseException:
        kill_group(proc)
        raise
    return proc.returncode, err.decode("utf-8", "replace")


def _move_into(root: Path, staging: Path, dest: str) -> None:
    """Move staging/repo to a sandbox path, never following a link."""
    src_fd = open_dir(str(staging))
    try:
        with resolve(root, dest, follow_last=False, create_dirs=True) as target:
            if target.path == "/":
                raise invalid("Cannot clone into the sandbox root")
            try:
                os.rename("repo", target.name, src_dir_fd=src_fd, dst_dir_fd=target.dir_fd)
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                    raise invalid(
                        f"git clone failed: destination path '{dest}' already exists"
                        " and is not an empty directory"
                    ) from None
                raise
    finally:
        os.close(src_fd)


def _local_source(url: str) -> str | None:
    """The path a clone URL names on this machine, or None for a remote URL.

    Git reads `scheme://…` as a URL, `host:path` (a colon before any slash) as scp-like ssh,
    and anything else as a local path.
    """
    if url.startswith("file://"):
        rest = url[len("file://") :]
        if not rest.startswith("/"):
            host, _, rest = rest.partition("/")
            if host not in ("", "localhost"):
                raise invalid(f"file:// URL names another host: {host}")
            rest = "/" + rest
        return rest
    if "://" in url or ":" in url.split("/", 1)[0]:
        return None
    return url


def remove_dir(path: Path) -> None:
    """Remove a sandbox directory, whatever its processes left in it; failures are logged."""
    try:
        remove_path(path)
    except OSError as exc:
        log.warning("could not remove %s: %s", path, exc)
