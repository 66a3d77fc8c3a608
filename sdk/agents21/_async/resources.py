"""The resources of `AsyncAgentClient`: sandboxes (with files and git), threads, tokens."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast, overload

import httpx

from agents21_api import models
from agents21_api.types import File

from .. import _endpoints as endpoints
from .._args import (
    check_expires_in,
    file_contents,
    optional_str,
    positive_int,
    require_str,
    str_list,
    str_map,
    vault_id_list,
)
from .._concurrency import aoffload
from .._config import TimeoutTypes, stream_timeout, to_timeout
from .._errors import APIConnectionError, APITimeoutError
from .._hydrate import HydratedThread
from .._local_files import (
    CHUNK_SIZE,
    AsyncFileChunks,
    LocalFile,
    local_tree,
    tree_base,
    tree_target,
)
from .._messages import MessagesInput, normalize_messages
from .._opening import AsyncRunRequest, run_request
from .._run_options import normalize_options
from .._sentinel import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from agents21_api.models import (
        CancelResult,
        ChatRequest,
        CreateTokenRequest,
        ExecResult,
        FileEntryInfo,
        GitCloneResult,
        ReadFileResult,
        RunOptions,
        Sandbox,
        SandboxCreated,
        Thread,
        ThreadCreated,
        ThreadListItem,
        TokenResponse,
        UIMessage,
        WriteFilesResult,
        WrittenBlob,
        WrittenFile,
    )
    from agents21_api.models.write_files_format import WriteFilesFormat

    from .client import AsyncAgentClient
    from .run import AsyncBackgroundRun, AsyncRun

# A blob write takes at most 10 MB; larger bytes go as a stream write.
MAX_BLOB_BYTES = 10 * 1024 * 1024
# How deep a directory download lists: deeper trees are cut there.
_TREE_DEPTH = 64

# Slack on top of an exec's own timeout, so the server's 408 arrives before ours fires.
_EXEC_TIMEOUT_MARGIN = 15.0


class AsyncResource:
    """A group of the client's methods (`client.sandboxes`, ...): they share its connection pool."""

    def __init__(self, client: AsyncAgentClient) -> None:
        self._client = client


class AsyncFiles(AsyncResource):
    """`client.sandboxes.files`: the files of a sandbox (paths are sandbox paths)."""

    async def write(
        self,
        sandbox_id: str,
        files: Mapping[str, str | bytes],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> WriteFilesResult:
        """Write files, `{path: content}`: text (`str`) or bytes; parents are created.

        Text files go in one request, and each bytes file in one of its own (raw, not JSON).
        A text file's `size` is its length in UTF-16 code units, as production counts it; a
        bytes file's is its length in bytes.
        """
        require_str("sandbox_id", sandbox_id)
        contents = file_contents(files)
        texts = {p: c for p, c in contents.items() if isinstance(c, str)}
        written: dict[str, WrittenFile] = {}
        if texts:
            body = models.WriteFilesMap(files=models.WriteFilesMapFiles.from_dict(texts))
            result = await self._client._call(
                endpoints.WRITE_FILES(sandbox_id, body=body),
                timeout=timeout,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            )
            written.update((f.path, f) for f in result.files)
        for path, content in contents.items():
            if isinstance(content, bytes):
                fmt: WriteFilesFormat = "blob" if len(content) <= MAX_BLOB_BYTES else "stream"
                blob = await self._write_binary(
                    sandbox_id,
                    path,
                    content,
                    len(content),
                    fmt,
                    timeout,
                    extra_headers,
                    extra_query,
                )
                size = blob.size if isinstance(blob.size, int) else len(content)
                written[path] = models.WrittenFile(path=blob.path, size=size)
        return models.WriteFilesResult(files=[written[p] for p in contents if p in written])

    async def _write_binary(
        self,
        sandbox_id: str,
        path: str,
        content: bytes | AsyncFileChunks,
        size: int,
        fmt: WriteFilesFormat,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
    ) -> WrittenBlob:
        """One file from raw bytes, or from a local file read chunk by chunk."""
        call = endpoints.WRITE_FILE_RAW(
            sandbox_id, body=File(payload=cast(BinaryIO, content)), path=path, format_=fmt
        )
        call.request["headers"]["Content-Length"] = str(size)  # a chunked body has no length
        return await self._client._call(
            call,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,  # a raw body: extra_body has nothing to join
        )

    async def read(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> ReadFileResult:
        """Read a text file: `.content`."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        return await self._client._call(
            endpoints.READ_FILE(sandbox_id, path=path),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def read_bytes(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> bytes:
        """Read a file's bytes, whole. For a large file, `download` it instead."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        response = await self._client._send(
            endpoints.READ_FILE_RAW(sandbox_id, path=path, format_="blob"),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return response.content

    async def download(
        self,
        sandbox_id: str,
        path: str,
        local_path: str | os.PathLike[str],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
    ) -> Path:
        """Copy a sandbox file, or a directory and everything in it, to `local_path`.

        Bytes are streamed to disk as they arrive, and each file appears whole or not at all
        (an existing one is replaced). Returns `local_path`.
        """
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        local = Path(local_path)
        # extra_query goes with every request it makes (they send no JSON bodies)
        headers, query = extra_headers, extra_query
        entry = await self.get_info(
            sandbox_id, path, timeout=timeout, extra_headers=headers, extra_query=query
        )
        if entry.type_ != "dir":
            await self._download_file(sandbox_id, entry.path, local, timeout, headers, query)
            return local
        entries = await self.list(
            sandbox_id,
            entry.path,
            depth=_TREE_DEPTH,
            timeout=timeout,
            extra_headers=headers,
            extra_query=query,
        )
        base = tree_base([item.path for item in entries], entry.path)
        targets = [tree_target(local, base, item.path) for item in entries]  # all checked first
        await aoffload(partial(local.mkdir, parents=True, exist_ok=True))
        for item, target in zip(entries, targets, strict=True):
            if item.type_ == "dir":
                await aoffload(partial(target.mkdir, parents=True, exist_ok=True))
            elif item.type_ == "file":
                await self._download_file(sandbox_id, item.path, target, timeout, headers, query)
        return local

    async def _download_file(
        self,
        sandbox_id: str,
        path: str,
        local: Path,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
    ) -> None:
        response = await self._client._send(
            endpoints.READ_FILE_RAW(sandbox_id, path=path, format_="stream"),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            stream=True,
        )
        try:
            out = await aoffload(LocalFile, local)
            try:
                async for chunk in response.aiter_bytes(CHUNK_SIZE):
                    await aoffload(out.write, chunk)
                await aoffload(out.commit)
            except BaseException:
                await aoffload(out.abort)
                raise
        except httpx.TimeoutException as error:
            raise APITimeoutError(request=response.request) from error
        except httpx.TransportError as error:
            raise APIConnectionError(
                f"The download of {path} broke off: {error!r}", request=response.request
            ) from error
        finally:
            await response.aclose()

    async def upload(
        self,
        sandbox_id: str,
        local_path: str | os.PathLike[str],
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
    ) -> list[WrittenBlob]:
        """Copy a local file, or a directory and everything in it, to the sandbox `path`.

        Each file is streamed from disk (never read whole) and replaces what was there;
        directories without files are made too. Returns what was written, file by file.
        """
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        local = Path(local_path)
        if not await aoffload(local.is_dir):
            size = (await aoffload(local.stat)).st_size  # FileNotFoundError names the file
            blob = await self._write_binary(
                sandbox_id,
                path,
                AsyncFileChunks(local, size),
                size,
                "stream",
                timeout,
                extra_headers,
                extra_query,
            )
            return [blob]
        files, empty = await aoffload(local_tree, local, path)
        written = []
        for source, target in files:
            size = (await aoffload(source.stat)).st_size
            chunks = AsyncFileChunks(source, size)
            blob = await self._write_binary(
                sandbox_id, target, chunks, size, "stream", timeout, extra_headers, extra_query
            )
            written.append(blob)
        for directory in empty:
            await self.make_dir(
                sandbox_id,
                directory,
                timeout=timeout,
                extra_headers=extra_headers,
                extra_query=extra_query,
            )
        return written

    async def list(
        self,
        sandbox_id: str,
        path: str,
        *,
        depth: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[FileEntryInfo]:
        """The entries of a directory, `depth` levels down (1 = direct entries)."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        levels = positive_int("depth", depth, allow_zero=True)
        return await self._client._call(
            endpoints.LIST_FILES(sandbox_id, path=path, depth=levels),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def get_info(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> FileEntryInfo:
        """What is at `path`: type, size, mode, owner, modified time…"""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        return await self._client._call(
            endpoints.FILE_INFO(sandbox_id, path=path),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def exists(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> bool:
        """Whether `path` exists in the sandbox (a file, a directory, or a link)."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        return await self._client._call(
            endpoints.FILE_EXISTS(sandbox_id, path=path),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def make_dir(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> bool:
        """Create a directory and its parents; True when it did not exist before."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        return await self._client._call(
            endpoints.MAKE_DIR(sandbox_id, body=models.MakeDirRequest(path=path)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def rename(
        self,
        sandbox_id: str,
        old_path: str,
        new_path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> FileEntryInfo:
        """Rename or move; returns the entry at its new path."""
        require_str("sandbox_id", sandbox_id)
        body = models.RenameFileRequest(
            old_path=require_str("old_path", old_path), new_path=require_str("new_path", new_path)
        )
        return await self._client._call(
            endpoints.RENAME_FILE(sandbox_id, body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def remove(
        self,
        sandbox_id: str,
        path: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Remove a file or a directory with everything in it."""
        require_str("sandbox_id", sandbox_id)
        require_str("path", path)
        await self._client._send(
            endpoints.REMOVE_FILE(sandbox_id, path=path),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


class AsyncGit(AsyncResource):
    """`client.sandboxes.git` (deprecated: run `git clone` with `sandboxes.exec`)."""

    async def clone(
        self,
        sandbox_id: str,
        url: str,
        *,
        path: str | None = None,
        token: str | None = None,
        depth: int | None = None,
        branch: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> GitCloneResult:
        """Clone a repository into the sandbox (default path `/home/user/repo`)."""
        warnings.warn(
            "sandboxes.git.clone is deprecated; run `git clone` with sandboxes.exec instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        require_str("sandbox_id", sandbox_id)
        body = models.GitCloneRequest.from_dict(
            _without_none(
                {
                    "url": require_str("url", url),
                    "path": optional_str("path", path),
                    "token": optional_str("token", token),
                    "depth": positive_int("depth", depth),
                    "branch": optional_str("branch", branch),
                }
            )
        )
        return await self._client._call(
            endpoints.GIT_CLONE(sandbox_id, body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


class AsyncSandboxes(AsyncResource):
    """`client.sandboxes`: create, inspect, run commands in and delete sandboxes."""

    files: AsyncFiles
    git: AsyncGit

    def __init__(self, client: AsyncAgentClient) -> None:
        super().__init__(client)
        self.files = AsyncFiles(client)
        self.git = AsyncGit(client)

    async def create(
        self,
        agent: str,
        *,
        files: Mapping[str, str] | None = None,
        envs: Mapping[str, str] | None = None,
        setup: Iterable[str] | None = None,
        timeout_ms: int | None = None,
        network_allow_out: Iterable[str] | None = None,
        network_deny_out: Iterable[str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> SandboxCreated:
        """Create a sandbox for `agent`, write `files`, then run its `setup` commands in order."""
        body = models.CreateSandboxRequest.from_dict(
            _without_none(
                {
                    "agent": require_str("agent", agent),
                    "files": str_map("files", files),
                    "envs": str_map("envs", envs),
                    "setup": str_list("setup", setup),
                    "timeoutMs": positive_int("timeout_ms", timeout_ms),
                    "networkAllowOut": str_list("network_allow_out", network_allow_out),
                    "networkDenyOut": str_list("network_deny_out", network_deny_out),
                }
            )
        )
        return await self._client._call(
            endpoints.CREATE_SANDBOX(body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def get(
        self,
        sandbox_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> Sandbox:
        """The sandbox with its agent and threads (newest first)."""
        return await self._client._call(
            endpoints.GET_SANDBOX(require_str("sandbox_id", sandbox_id)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def delete(
        self,
        sandbox_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Delete the sandbox, its files and its threads."""
        await self._client._send(
            endpoints.DELETE_SANDBOX(require_str("sandbox_id", sandbox_id)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def exec(
        self,
        sandbox_id: str,
        command: str,
        *,
        cwd: str | None = None,
        envs: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> ExecResult:
        """Run a shell command; a non-zero exit code is a result, not an error.

        `timeout_ms` is the command's own limit (server default 60 s, at most 600 s); the HTTP
        timeout grows to cover it unless `timeout=` is given.
        """
        require_str("sandbox_id", sandbox_id)
        limit_ms = positive_int("timeout_ms", timeout_ms)
        body = models.ExecRequest.from_dict(
            _without_none(
                {
                    "command": require_str("command", command),
                    "cwd": optional_str("cwd", cwd),
                    "envs": str_map("envs", envs),
                    "timeoutMs": limit_ms,
                }
            )
        )
        if isinstance(timeout, NotGiven):
            timeout = _cover(self._client.timeout, (limit_ms or 60_000) / 1000)
        return await self._client._call(
            endpoints.EXEC(sandbox_id, body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


class AsyncThreads(AsyncResource):
    """`client.threads`: conversations in a sandbox, and the runs that feed them."""

    async def list(
        self,
        sandbox_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[ThreadListItem]:
        """Every thread of the sandbox, newest first."""
        return await self._client._call(
            endpoints.LIST_THREADS(require_str("sandbox_id", sandbox_id)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def create(
        self,
        sandbox_id: str,
        *,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> ThreadCreated:
        """A new, empty thread in the sandbox (`status` is `idle`); `name` names it."""
        require_str("sandbox_id", sandbox_id)
        body = models.CreateThreadRequest.from_dict(
            _without_none({"name": optional_str("name", name)})
        )
        return await self._client._call(
            endpoints.CREATE_THREAD(sandbox_id, body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def get(
        self,
        sandbox_id: str,
        thread_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> Thread:
        """The thread with its stored messages (None until a run completes) and usage."""
        return await self._client._call(
            endpoints.GET_THREAD(
                require_str("sandbox_id", sandbox_id), require_str("thread_id", thread_id)
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def hydrate(
        self,
        sandbox_id: str,
        thread_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> HydratedThread:
        """What a chat UI needs to show a stored session and whether to resume its stream."""
        thread = await self.get(
            sandbox_id,
            thread_id,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return HydratedThread.of(thread)

    async def delete(
        self,
        sandbox_id: str,
        thread_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Delete a thread and its messages (`NotFoundError` when there is none)."""
        await self._client._send(
            endpoints.DELETE_THREAD(
                require_str("sandbox_id", sandbox_id), require_str("thread_id", thread_id)
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    @overload
    def run(
        self,
        agent: str,
        messages: MessagesInput,
        *,
        sandbox_id: str | None = None,
        thread_id: str | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | RunOptions | None = None,
        mode: None = None,
        vault_ids: Sequence[str] | None = None,
        external_user_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> AsyncRunRequest[AsyncRun]: ...

    @overload
    def run(
        self,
        agent: str,
        messages: MessagesInput,
        *,
        sandbox_id: str | None = None,
        thread_id: str | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | RunOptions | None = None,
        mode: Literal["background"],
        vault_ids: Sequence[str] | None = None,
        external_user_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> AsyncRunRequest[AsyncBackgroundRun]: ...

    def run(
        self,
        agent: str,
        messages: MessagesInput,
        *,
        sandbox_id: str | None = None,
        thread_id: str | None = None,
        name: str | None = None,
        options: Mapping[str, Any] | RunOptions | None = None,
        mode: Literal["background"] | None = None,
        vault_ids: Sequence[str] | None = None,
        external_user_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> AsyncRunRequest[AsyncRun | AsyncBackgroundRun]:
        """Run `agent` on a thread and stream the result.

        Without `sandbox_id` a sandbox is created; without `thread_id` a thread (named `name`).
        `messages` is a string (one user message), message dicts, or UIMessage objects; only the
        last user message is sent on, the server keeps the history. Returns a run to iterate, or
        with `mode="background"` a handle to `wait()` on. Use it as `async with
        client.threads.run(...) as run:` (the request opens as the block is entered), or
        `run = await client.threads.run(...)`. `vault_ids` picks the run's vaults (`[]`: none);
        without it the server chooses (see `client.vaults`).
        """
        require_str("agent", agent)
        if thread_id is not None and sandbox_id is None:
            raise ValueError("thread_id requires sandbox_id: a thread lives in one sandbox.")
        if mode not in (None, "background"):
            raise ValueError(f'mode must be "background" or None, got {mode!r}.')
        body = _chat_body(
            messages,
            name=optional_str("name", name),
            options=normalize_options(options),
            mode=mode,
            vault_ids=str_list("vault_ids", vault_ids),
            external_user_id=optional_str("external_user_id", external_user_id),
        )
        optional_str("sandbox_id", sandbox_id)
        optional_str("thread_id", thread_id)
        return run_request(
            self._start(
                agent,
                body,
                sandbox_id=sandbox_id,
                thread_id=thread_id,
                name=name,
                mode=mode,
                timeout=timeout,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            )
        )

    async def _start(
        self,
        agent: str,
        body: ChatRequest,
        *,
        sandbox_id: str | None,
        thread_id: str | None,
        name: str | None,
        mode: Literal["background"] | None,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
        extra_body: Mapping[str, object] | None,
    ) -> AsyncRun | AsyncBackgroundRun:
        """Make the sandbox and thread a run needs, and open it (`extra_query` and `extra_body`
        go with the chat request alone)."""
        if sandbox_id is None:
            sandbox = await self._client.sandboxes.create(
                agent, timeout=timeout, extra_headers=extra_headers
            )
            sandbox_id = sandbox.id
        if thread_id is None:
            thread = await self.create(
                sandbox_id, name=name, timeout=timeout, extra_headers=extra_headers
            )
            thread_id = thread.id
        body.sandbox_id = sandbox_id
        body.thread_id = thread_id
        read_timeout = self._stream_timeout(timeout)
        call = endpoints.CHAT(agent, body=body)
        parse = call.parse
        request = self._client._build_request(
            call,
            timeout=read_timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        # The body is bytes now: its models go before the wait for an answer, which in a burst
        # of runs is when the most objects are alive for the garbage collector to scan.
        del body, call
        response = await self._client._send_request(request, stream=True)
        from .run import AsyncBackgroundRun, AsyncRun  # the stream machinery loads with a run

        if mode == "background":
            status = "running"
            if response.status_code == 202:
                await response.aread()
                with contextlib.suppress(ValueError, TypeError, KeyError):
                    status = parse(response.json()).status
            # Any other success also means the run started (the official SDK agrees).
            await response.aclose()
            return AsyncBackgroundRun(
                self._client, agent=agent, sandbox_id=sandbox_id, thread_id=thread_id, status=status
            )
        return AsyncRun(
            self._client,
            agent=agent,
            sandbox_id=sandbox_id,
            thread_id=thread_id,
            response=response,
            timeout=read_timeout,
        )

    def _stream_timeout(self, timeout: TimeoutTypes | NotGiven) -> httpx.Timeout:
        """A run's timeout: the caller's, or the client's with room for silent tool calls."""
        if isinstance(timeout, NotGiven):
            return stream_timeout(self._client.timeout)
        return to_timeout(timeout)

    def resume(
        self,
        agent: str,
        sandbox_id: str,
        *,
        thread_id: str | None = None,
        last_event_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> AsyncRunRequest[AsyncRun | None]:
        """Join the sandbox's streaming run, or None when nothing is streaming. With
        `thread_id`, only that thread's run: None when the sandbox's live run is another
        thread's (the relay streams one run per sandbox, its newest).

        `async with client.threads.resume(...) as run:` or `run = await ...`, as `run`.
        """
        require_str("agent", agent)
        require_str("sandbox_id", sandbox_id)
        optional_str("thread_id", thread_id)
        optional_str("last_event_id", last_event_id)
        return run_request(
            self._resume(
                agent,
                sandbox_id,
                thread_id,
                last_event_id,
                timeout,
                extra_headers,
                extra_query,
                extra_body,
            )
        )

    async def _resume(
        self,
        agent: str,
        sandbox_id: str,
        thread_id: str | None,
        last_event_id: str | None,
        timeout: TimeoutTypes | NotGiven,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
        extra_body: Mapping[str, object] | None,
    ) -> AsyncRun | None:
        # The stream does not name its thread: it is the streaming one (threads are newest
        # first). Asked before the stream opens, so a resume never holds a pooled connection
        # while it waits for another: many resumes on one client cannot starve each other.
        threads = await self.list(sandbox_id, timeout=timeout, extra_headers=extra_headers)
        streaming = [t.id for t in threads if t.status == "streaming"]
        if not streaming or thread_id not in (None, streaming[0]):
            return None
        read_timeout = self._stream_timeout(timeout)
        response = await self._client._send(
            endpoints.RESUME_STREAM(agent, sandbox_id, last_event_id=last_event_id),
            timeout=read_timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            stream=True,
        )
        if response.status_code == 204:
            await response.aclose()
            return None
        from .run import AsyncRun

        return AsyncRun(
            self._client,
            agent=agent,
            sandbox_id=sandbox_id,
            thread_id=streaming[0],
            response=response,
            timeout=read_timeout,
            last_event_id=last_event_id,
            resumed=True,
        )

    async def cancel(
        self,
        agent: str,
        sandbox_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> CancelResult:
        """Cancel the sandbox's newest streaming run (`status` is `idle` when nothing ran)."""
        return await self._client._call(
            endpoints.CANCEL_STREAM(
                require_str("agent", agent), require_str("sandbox_id", sandbox_id)
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


class AsyncTokens(AsyncResource):
    """`client.tokens`: short-lived `an_t_` tokens for browsers (needs a secret key)."""

    async def create(
        self,
        *,
        agent: str | None = None,
        user_id: str | None = None,
        expires_in: str = "1h",
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> TokenResponse:
        """A token limited to `agent` (all agents when None), valid for `expires_in` (≤ 24h)."""
        return await self._client._call(
            endpoints.CREATE_TOKEN(body=token_request(agent, user_id, expires_in)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


def token_request(agent: str | None, user_id: str | None, expires_in: str) -> CreateTokenRequest:
    """The body `@21st-sdk/node` sends: `{expiresIn, agents?: [agent], userId?}`."""
    return models.CreateTokenRequest.from_dict(
        _without_none(
            {
                "expiresIn": check_expires_in(expires_in),
                "agents": [require_str("agent", agent)] if agent is not None else None,
                "userId": optional_str("user_id", user_id),
            }
        )
    )


def _chat_body(
    messages: MessagesInput,
    *,
    name: str | None,
    options: RunOptions | None,
    mode: str | None,
    vault_ids: list[str] | None,
    external_user_id: str | None,
) -> ChatRequest:
    wire: list[UIMessage] = normalize_messages(messages)
    body = models.ChatRequest(messages=wire, sandbox_id="")
    if name is not None:
        body.name = name
    if options is not None:
        body.options = options
    if mode is not None:
        body.mode = "background"
    if vault_ids is not None:
        body.vault_ids = vault_id_list("vault_ids", vault_ids)
    if external_user_id is not None:
        body.external_user_id = external_user_id
    return body


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _cover(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """`timeout` with a read limit long enough for a command that may take `seconds`."""
    read = seconds + _EXEC_TIMEOUT_MARGIN
    if timeout.read is None or timeout.read >= read:
        return timeout
    return httpx.Timeout(connect=timeout.connect, read=read, write=timeout.write, pool=timeout.pool)
