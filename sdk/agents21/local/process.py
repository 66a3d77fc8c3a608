"""Runs one command in a sandbox: its isolation, its environment, its limits, its process tree.

Two rules hold for every process the relay starts for a sandbox (setup, exec, tool calls, git):

- The process the relay itself starts (bubblewrap, or the supervisor of a plain command) is an
  absolute program path with a fixed, minimal host environment. The sandbox's variables exist
  only inside: bubblewrap gets `--clearenv --setenv …`, the supervisor gets them as data. So a
  sandbox that sets `PATH` or `LD_PRELOAD` changes nothing the host runs, and the relay's own
  environment (its keys, its `PATH`) never reaches a command.
- No process outlives its command's deadline, its sandbox or the relay. Under bubblewrap each
  command has its own PID namespace: it ends when the command's shell does, or when the relay
  kills bubblewrap or dies itself (`--die-with-parent`). A plain command runs below a
  supervisor (`_supervisor.py`), a child subreaper that kills the whole tree at the deadline,
  on request and when the relay dies, and that registers itself in the run directory so that a
  relay starting after a crash ends what is left.

A plain command also runs without capabilities and, where the kernel has it, under Landlock
(`_confine.py`): it then cannot read the relay's data directory or config, write outside its
sandbox, or signal the relay.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _confine
from ._supervisor import TIMED_OUT, kill_tree, start_time
from .config import ConfigError
from .errors import invalid
from .paths import HOME
from .store import SandboxRow

log = logging.getLogger("agents21.local")

HOST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# The whole environment of every process the relay starts for a sandbox.
HOST_ENV = {"PATH": HOST_PATH, "LANG": "C.UTF-8"}
OUTPUT_CAP = 8 * 1024 * 1024
# Once a plain command's shell has exited, its output is read for this long at most:
# background children it started may hold the pipes open until its deadline.
PIPE_GRACE_S = 0.2
# How long a supervisor or bubblewrap gets to end its tree before it is killed outright.
END_GRACE_S = 5.0
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")
SUPERVISOR = Path(__file__).with_name("_supervisor.py")


def host_program(name: str) -> str | None:
    """The absolute path of a system program, found on the fixed host PATH."""
    return shutil.which(name, path=HOST_PATH)


SHELL = host_program("bash") or "/bin/sh"


@dataclass
class ExecResult:
    stdout: str
    stderr: str
    exit_code: int
    timed_out: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"stdout": self.stdout, "stderr": self.stderr, "exitCode": self.exit_code}


def find_bwrap(setting: bool | str | None) -> str | None:
    """The absolute path of a working bubblewrap, or None for plain processes.

    `setting`: None uses bubblewrap when one on the operator's PATH works; False never; True
    requires it; a string is the program to use.
    """
    if setting is False:
        return None
    exe = setting if isinstance(setting, str) else shutil.which("bwrap")
    exe = os.path.abspath(exe) if exe else None
    if exe is not None and _bwrap_works(exe):
        return exe
    if setting is None:
        return None
    raise ConfigError(f"bubblewrap was required but {exe or 'bwrap'} cannot make namespaces here")


def _bwrap_works(exe: str) -> bool:
    try:
        done = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--unshare-all", "--clearenv", "--", "true"],
            env=HOST_ENV,
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def bwrap_usable() -> bool:
    """bubblewrap must be installed and allowed to make namespaces here."""
    return find_bwrap(None) is not None


def sandbox_env(row: SandboxRow, extra: dict[str, str] | None, *, isolated: bool) -> dict[str, str]:
    """What a command sees: a standard base, then the sandbox's variables, then the call's."""
    home = HOME if isolated else str(row.root / HOME.lstrip("/"))
    env = {
        "PATH": HOST_PATH,
        "HOME": home,
        "USER": "user",
        "LANG": "C.UTF-8",
        "TMPDIR": "/tmp" if isolated else str(row.root / "tmp"),
        "SANDBOX_ID": row.id,
    }
    env.update(row.envs)
    env.update(extra or {})
    # The OS refuses NUL bytes in argv and the environment; say so as a 400.
    if any("\x00" in k or "\x00" in v or "=" in k or not k for k, v in env.items()):
        raise invalid("environment variables must not contain NUL bytes or '=' in names")
    return env


def system_mounts(root: Path) -> list[str]:
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


class _Output:
    """One output stream of a command: its first `OUTPUT_CAP` bytes until `taken`, after
    which it is read and thrown away, so that background children never block on a full
    pipe and the pipe's end is seen when the last of them exits."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.taken = False

    async def read(self, stream: asyncio.StreamReader | None) -> None:
        if stream is None:
            return
        while chunk := await stream.read(65536):
            room = OUTPUT_CAP - len(self.data)
            if room > 0 and not self.taken:
                self.data.extend(chunk[:room])

    def take(self) -> str:
        self.taken = True
        return self.data.decode("utf-8", "replace")


async def exit_code(proc: asyncio.subprocess.Process) -> int:
    """The exit code once the process has exited, even while others hold its pipes open
    (`wait()` may also wait for the pipes to close)."""
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


def kill_group(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


async def _read_status(fd: int) -> int | None:
    """The exit code a supervisor writes on its status pipe; None if it wrote none.

    Raises TimeoutError when the supervisor's own deadline ended the command first."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0)
    )
    try:
        line = await reader.readline()
    finally:
        transport.close()
    if line.strip() == TIMED_OUT.encode():
        raise TimeoutError
    try:
        return int(line)
    except ValueError:
        return None


async def run_on_host(
    argv: list[str], extra_env: dict[str, str], cwd: str, timeout_ms: int
) -> tuple[int | None, str]:
    """Run one of the relay's own programs (git) on the host, from the fixed environment;
    its exit code (None on timeout) and stderr."""
    program = host_program(argv[0])
    if program is None:
        return 127, f"{argv[0]} is not installed on the relay's machine"
    try:
        proc = await asyncio.create_subprocess_exec(
            program,
            *argv[1:],
            cwd=cwd,
            env={**HOST_ENV, **extra_env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        return 127, f"cannot start {argv[0]}: {exc}"
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout_ms / 1000)
    except TimeoutError:
        kill_group(proc)
        await exit_code(proc)
        return None, ""
    except BaseException:
        kill_group(proc)
        raise
    return proc.returncode, err.decode("utf-8", "replace")


def landlock_usable(setting: bool | None) -> bool:
    """Whether plain commands run under Landlock: None = when the kernel has it."""
    if setting is False:
        return False
    usable = _confine.abi() >= 1
    if setting and not usable:
        raise ConfigError("Landlock was required but this kernel does not offer it")
    return usable


class Commands:
    """Starts sandbox commands and keeps track of every process they leave, per sandbox."""

    def __init__(
        self,
        data_dir: Path,
        bwrap: str | None,
        *,
        landlock: bool = False,
        hidden: list[Path] | None = None,
    ) -> None:
        self.bwrap = bwrap
        # Plain commands only: under bubblewrap the data directory is not even there.
        self.landlock = landlock and bwrap is None
        self.data_dir = data_dir.resolve()
        # What Landlock keeps from plain commands: the data directory, the config file.
        self.hidden = [self.data_dir, *(p.resolve() for p in hidden or [])]
        self.run_dir = self.data_dir / "run"
        self.run_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # What is still running per sandbox key: bubblewrap or supervisor processes.
        self._live: dict[str, set[asyncio.subprocess.Process]] = {}
        self._background: set[asyncio.Future[Any]] = set()

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    def reap_leftovers(self) -> int:
        """End the supervised trees a relay that died left behind; how many there were."""
        ended = 0
        for entry in self.run_dir.iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            with contextlib.suppress(OSError):
                recorded = entry.read_text().strip()
                if recorded and start_time(pid) == recorded:
                    kill_tree(pid, reap=False)
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, signal.SIGKILL)
                    ended += 1
                entry.unlink()
        return ended

    async def run(
        self,
        row: SandboxRow,
        argv: list[str],
        *,
        cwd: str,
        envs: dict[str, str] | None,
        timeout_ms: int,
        stdin: bytes | None,
        network: bool | None,
    ) -> ExecResult:
        """Run argv in the sandbox at sandbox path `cwd`; on its deadline, or when the caller
        is cancelled, every process it started dies."""
        env = sandbox_env(row, envs, isolated=self.isolated)
        if any("\x00" in a for a in argv):
            raise invalid("commands must not contain NUL bytes")
        if network is None:
            network = bool(row.network_allow)
        if self.bwrap is not None:
            return await self._run_isolated(row, argv, cwd, env, timeout_ms, stdin, network)
        return await self._run_plain(row, argv, cwd, env, timeout_ms, stdin)

    async def _run_isolated(
        self,
        row: SandboxRow,
        argv: list[str],
        cwd: str,
        env: dict[str, str],
        timeout_ms: int,
        stdin: bytes | None,
        network: bool,
    ) -> ExecResult:
        assert self.bwrap is not None
        cmd = [self.bwrap, "--die-with-parent", "--unshare-all"]
        if network:
            cmd.append("--share-net")
        cmd += ["--bind", str(row.root), "/"]
        for sys_dir in system_mounts(row.root):
            cmd += ["--ro-bind", sys_dir, sys_dir]
        cmd += ["--proc", "/proc", "--dev", "/dev", "--clearenv"]
        for key, value in env.items():
            cmd += ["--setenv", key, value]
        cmd += ["--chdir", cwd, "--", *argv]
        proc = await self._start(row, cmd, str(row.root), stdin)
        if isinstance(proc, ExecResult):
            return proc
        try:
            async with asyncio.timeout(timeout_ms / 1000):
                return await self._collect(proc, stdin, self._track(exit_code(proc)))
        except TimeoutError:
            kill_group(proc)
            await exit_code(proc)
            return ExecResult("", "", -1, timed_out=True)
        except BaseException:
            kill_group(proc)
            raise

    async def _run_plain(
        self,
        row: SandboxRow,
        argv: list[str],
        cwd: str,
        env: dict[str, str],
        timeout_ms: int,
        stdin: bytes | None,
    ) -> ExecResult:
        program = argv[0] if os.path.isabs(argv[0]) else host_program(argv[0]) or argv[0]
        status_read, status_write = os.pipe()
        spec = {
            "argv": [program, *argv[1:]],
            "env": env,
            "timeout_ms": timeout_ms,
            "status_fd": status_write,
            "parent": os.getpid(),
            "run_dir": str(self.run_dir),
        }
        spec["confine"] = {
            "root": str(row.root),
            "hidden": [str(p) for p in self.hidden],
            "landlock": self.landlock,
        }
        host_env = {**HOST_ENV, "AGENTS21_SUPERVISE": json.dumps(spec)}
        cmd = [sys.executable, "-I", "-S", str(SUPERVISOR)]
        host_cwd = str(row.root / cwd.lstrip("/"))
        try:
            proc = await self._start(row, cmd, host_cwd, stdin, host_env, (status_write,))
        finally:
            os.close(status_write)
        if isinstance(proc, ExecResult):
            os.close(status_read)
            return proc
        status = asyncio.ensure_future(_read_status(status_read))
        try:
            async with asyncio.timeout(timeout_ms / 1000):
                result = await self._collect(proc, stdin, status)
        except TimeoutError:
            await self._end(proc)
            return ExecResult("", "", -1, timed_out=True)
        except BaseException:
            self._signal_end(proc)
            raise
        finally:
            status.cancel()
        return result

    async def _start(
        self,
        row: SandboxRow,
        cmd: list[str],
        host_cwd: str,
        stdin: bytes | None,
        env: dict[str, str] = HOST_ENV,
        pass_fds: Iterable[int] = (),
    ) -> asyncio.subprocess.Process | ExecResult:
        try:
            proc = await asyncio.create_subprocess_exec(
                *cmd,
                cwd=host_cwd,
                env=env,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
                pass_fds=tuple(pass_fds),
            )
        except OSError as exc:
            return ExecResult("", f"failed to start: {exc}\n", 127)
        key = row.key
        live = self._live.setdefault(key, set())
        live.add(proc)

        def forget(_: object) -> None:
            live.discard(proc)
            if not live and self._live.get(key) is live:
                del self._live[key]

        self._track(proc.wait()).add_done_callback(forget)
        return proc

    def _track(self, work: Awaitable[Any]) -> asyncio.Future[Any]:
        """Keep a background task referenced until it is done."""
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def _collect(
        self, proc: asyncio.subprocess.Process, stdin: bytes | None, code: Awaitable[int | None]
    ) -> ExecResult:
        """Output and exit code. The command is over when its shell exits: background
        children it left may hold the pipes, so the result is taken shortly after that exit
        instead of when the pipes close; what they write later is read and dropped."""
        out, err = _Output(), _Output()
        readers = [self._track(out.read(proc.stdout)), self._track(err.read(proc.stderr))]
        if stdin is not None and proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                proc.stdin.write(stdin)
                await proc.stdin.drain()
            proc.stdin.close()
        status = await code
        await asyncio.wait(readers, timeout=PIPE_GRACE_S)
        if status is None:
            return ExecResult(out.take(), "the command's supervisor died\n", 1)
        return ExecResult(out.take(), err.take(), status)

    def _signal_end(self, proc: asyncio.subprocess.Process) -> None:
        """Ask for one command's processes to end, without waiting."""
        if self.bwrap is not None:
            kill_group(proc)
        elif proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)  # the supervisor kills its tree

    async def _end(self, proc: asyncio.subprocess.Process) -> None:
        """End one command's processes and wait until they are gone."""
        self._signal_end(proc)
        try:
            await asyncio.wait_for(exit_code(proc), END_GRACE_S)
        except TimeoutError:
            if proc.returncode is None:
                # The supervisor did not end its tree (it was stopped, say): end it from here.
                await asyncio.to_thread(kill_tree, proc.pid, reap=False)
                kill_group(proc)
                await exit_code(proc)

    async def end(self, key: str) -> None:
        """End every process of one sandbox (its key is the row's provider id)."""
        procs = list(self._live.pop(key, ()))
        if procs:
            await asyncio.gather(*(self._end(p) for p in procs))

    async def end_all(self) -> None:
        """End every sandbox's processes, and wait until their pipes are read to the end."""
        keys = list(self._live)
        await asyncio.gather(*(self.end(k) for k in keys))
        if self._background:
            await asyncio.wait(self._background, timeout=END_GRACE_S)
