"""`git/clone`: real git, never reading or writing outside the sandbox it clones into.

A local path or file:// URL names a repository inside the sandbox, never one on the host.
Such a clone runs as a command of the sandbox, so git reads the source (alternates, `.git`
files) with the sandbox's own view: under bubblewrap that is all it can see, and without it the
command's confinement applies (Landlock keeps the relay's data and other sandboxes out of
reach). Without bubblewrap the source is also resolved inside the sandbox first (links
followed as the sandbox sees them), and a repository whose git directory could lead git
elsewhere (a link, a `.git`, `commondir` or `gitdir` file, alternates) is refused.

Remote clones run on the host (its network and DNS) from a fixed environment into a staging
directory of the relay's next to the sandbox root, out of reach of sandbox processes, and are
then moved into place relative to the destination's directory descriptor.
"""

from __future__ import annotations

import asyncio
import errno
import os
import stat
import uuid
from pathlib import Path

from .errors import ApiError, invalid
from .paths import DirStack, normalize, open_dir, resolve
from .process import run_on_host
from .sandboxes import SETUP_TIMEOUT_MS, Sandboxes, remove_dir
from .store import SandboxRow

# The operator's network settings that the host's git needs to reach a remote.
NETWORK_ENV = (
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "GIT_SSL_CAINFO",
)
# A git directory larger than this is not checked entry by entry: it is refused in plain mode.
MAX_GIT_ENTRIES = 200_000


async def clone(
    sandboxes: Sandboxes,
    row: SandboxRow,
    url: str,
    path: str,
    *,
    token: str | None,
    depth: int | None,
    branch: str | None,
) -> str:
    """Clone `url` to sandbox path `path`; the destination's sandbox path."""

    def failed(message: str) -> ApiError:
        if token:
            message = message.replace(token, "***")
        return ApiError(400, "git_clone_failed", message[:1000])

    try:
        local = _local_source(url)
        dest = await asyncio.to_thread(_clone_dest, row, path)
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
    if local is not None:
        target = dest
        if not sandboxes.commands.isolated:
            # A plain command works with host paths: the sandbox's, resolved inside it.
            try:
                source = await asyncio.to_thread(_plain_local_source, row.root, source)
            except ApiError as exc:
                raise failed(exc.message) from None
            target = str(row.root / dest.lstrip("/"))
        argv = ["git", "clone", *options, "--", source, target]
        result = await sandboxes.run(
            row, argv, envs=envs, timeout_ms=SETUP_TIMEOUT_MS, network=False
        )
        if result.timed_out:
            raise failed("git clone timed out")
        if result.exit_code != 0:
            raise failed(f"git clone failed: {result.stderr.strip()}")
        return dest
    with sandboxes.working(row):
        staging = row.dir / ("clone-" + uuid.uuid4().hex)
        staging.mkdir()
        try:
            argv = ["git", "clone", *options, "--", source, str(staging / "repo")]
            host_env = {k: v for k, v in os.environ.items() if k in NETWORK_ENV}
            # Its own HOME: the operator's git config and credential helpers stay out of it.
            host_env.update(envs, HOME=str(staging), GIT_CONFIG_NOSYSTEM="1")
            code, err = await run_on_host(argv, host_env, str(staging), SETUP_TIMEOUT_MS)
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


def _plain_local_source(root: Path, source: str) -> str:
    """The host path of a repository inside the sandbox, for a clone git runs on the host.

    The path is resolved as the sandbox sees it; its git directory must be a plain directory
    with no links, `.git` files or alternates in it, or git could read a repository outside.
    """
    try:
        with resolve(root, source) as target:
            if not stat.S_ISDIR(target.lstat().st_mode):
                raise invalid(f"git clone failed: repository '{source}' does not exist")
            where = target.path
    except (FileNotFoundError, NotADirectoryError):
        raise invalid(f"git clone failed: repository '{source}' does not exist") from None
    host = root / where.lstrip("/")
    git_dir = host / ".git"
    try:
        st = git_dir.lstat()
    except FileNotFoundError:
        git_dir = host  # a bare repository
    else:
        if not stat.S_ISDIR(st.st_mode):
            raise invalid(
                f"'{where}/.git' is a link or a file: without bubblewrap only a repository"
                " whose .git is a plain directory can be cloned"
            )
    _check_git_dir(git_dir, where)
    return str(host)


def _check_git_dir(git_dir: Path, where: str) -> None:
    """Refuse a git directory that holds a link or names alternates (both can point out)."""
    fd = open_dir(str(git_dir))
    stack = DirStack(fd)
    seen = 0
    try:
        pending: list[list[str]] = [sorted(os.listdir(fd))]
        while pending:
            if not pending[-1]:
                pending.pop()
                if stack:
                    stack.pop()
                continue
            name = pending[-1].pop()
            seen += 1
            if seen > MAX_GIT_ENTRIES:
                raise invalid(f"the git directory of '{where}' is too large to check")
            st = os.stat(name, dir_fd=stack.top(), follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                raise invalid(
                    f"the git directory of '{where}' holds a link: without bubblewrap it"
                    " cannot be cloned"
                )
            if name in ("alternates", "commondir", "gitdir") and stat.S_ISREG(st.st_mode):
                raise invalid(
                    f"the git directory of '{where}' has a {name} file, which can name another"
                    " repository: without bubblewrap it cannot be cloned"
                )
            if stat.S_ISDIR(st.st_mode):
                child = stack.push(name)
                pending.append(sorted(os.listdir(child)))
    finally:
        stack.close()
        os.close(fd)


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
