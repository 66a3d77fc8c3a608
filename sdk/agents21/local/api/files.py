"""Files routes: text files as JSON, one binary file as raw bytes (`format=blob|stream`).

Binary bodies go to and from the disk piece by piece, so the relay's memory does not grow with
the file: a write streams into a new file renamed over the old one at the end (`fs.Upload`),
a read streams from the open file.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from .. import fs
from ..errors import ApiError, invalid
from ..paths import normalize
from ..validate import parse_uint, query_int, req_str
from ..wire import JSONResponse
from .deps import BODY_TIMEOUT_S, is_json, query_path, read_object, relay_of, sandbox_of
from .endpoint import Endpoint

BINARY_FORMATS = ("blob", "stream")
# A blob write is read whole by production (at most 10 MB); a stream write has no limit.
MAX_BLOB_BYTES = 10 * 1024 * 1024
READ_CHUNK = 256 * 1024


def _format(request: Request) -> str:
    """`blob`, `stream`, or `text` for anything else, as production reads it."""
    value = request.query_params.get("format")
    return value if value in BINARY_FORMATS else "text"


class Files(Endpoint):
    async def post(self, request: Request) -> Response:
        fmt = _format(request)
        if fmt != "text":
            return await _write_binary(request, fmt)
        return await _write_text(request)

    async def get(self, request: Request) -> Response:
        row = sandbox_of(request)
        path = query_path(request)
        fmt = _format(request)
        if fmt == "text":
            return JSONResponse(await asyncio.to_thread(fs.read_text, row.root, path))
        fd, size, _found = await asyncio.to_thread(fs.open_file, row.root, path)
        headers = {"content-type": "application/octet-stream"}
        if fmt == "blob":
            headers["content-length"] = str(size)
        return StreamingResponse(_chunks(fd, size if fmt == "blob" else None), headers=headers)

    async def delete(self, request: Request) -> Response:
        row = sandbox_of(request)
        await asyncio.to_thread(fs.remove, row.root, query_path(request))
        return Response(status_code=204)


class FileList(Endpoint):
    async def get(self, request: Request) -> Response:
        row = sandbox_of(request)
        path = query_path(request)
        depth = query_int(request.query_params.get("depth"), "depth", minimum=1)
        listed = await asyncio.to_thread(fs.list_dir, row.root, path, depth or 1)
        return JSONResponse(listed)


class FileInfo(Endpoint):
    async def get(self, request: Request) -> Response:
        row = sandbox_of(request)
        path = query_path(request)
        return JSONResponse(await asyncio.to_thread(fs.get_info, row.root, path))


class FileExists(Endpoint):
    async def get(self, request: Request) -> Response:
        row = sandbox_of(request)
        path = query_path(request)
        return JSONResponse(await asyncio.to_thread(fs.exists, row.root, path))


class MakeDir(Endpoint):
    async def post(self, request: Request) -> Response:
        row = sandbox_of(request)
        body = await read_object(request)
        path = req_str(body, "path")
        return JSONResponse(await asyncio.to_thread(fs.make_dir, row.root, path))


class Rename(Endpoint):
    async def post(self, request: Request) -> Response:
        row = sandbox_of(request)
        body = await read_object(request)
        old = req_str(body, "oldPath")
        new = req_str(body, "newPath")
        return JSONResponse(await asyncio.to_thread(fs.rename, row.root, old, new))


async def _write_text(request: Request) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    raw = body.get("files")
    if raw is None and "path" in body:
        path = req_str(body, "path")
        content = body.get("content")
        if not isinstance(content, str):
            raise invalid("content must be a string")
        await asyncio.to_thread(relay.sandboxes.write_file, row, path, content)
        return JSONResponse({"path": path, "size": js_length(content)})
    entries: list[tuple[str, Any, str]] = []
    if isinstance(raw, dict):
        entries = [(p, c, f"files.{p}") for p, c in raw.items()]
    elif isinstance(raw, list):
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                raise invalid(f"files[{i}].path must be a string")
            entries.append((item["path"], item.get("content"), f"files[{i}].content"))
    if not entries:
        raise invalid("Provide either {path, content} or {files}")
    for path, content, where in entries:
        if not path:
            raise invalid("file paths must not be empty")
        if not isinstance(content, str):
            raise invalid(f"{where} must be a string")
        normalize(path)  # refuse a bad path before anything is written
    out = []
    for path, content, _where in entries:
        await asyncio.to_thread(relay.sandboxes.write_file, row, path, content)
        out.append({"path": path, "size": js_length(content)})
    return JSONResponse({"files": out})


def js_length(text: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units), which production
    reports as a written file's size."""
    return len(text.encode("utf-16-le")) // 2


async def _write_binary(request: Request, fmt: str) -> Response:
    """One file from the raw body. The answer's `size` is the bytes written for `blob`, and
    the request's Content-Length for `stream` (left out without one), as production."""
    row = sandbox_of(request)
    path = request.query_params.get("path")
    if not path:
        raise invalid(f"path query parameter is required for {fmt} writes")
    if is_json(request):
        raise invalid(f"{fmt} writes require a binary request body")
    declared = parse_uint(request.headers.get("content-length", "").strip())
    limit = MAX_BLOB_BYTES if fmt == "blob" else None
    if limit is not None and declared is not None and declared > limit:
        raise _blob_too_large()
    upload = await asyncio.to_thread(fs.Upload, row.root, path)
    try:
        chunks = request.stream().__aiter__()
        while True:
            # Each piece must come within the body timeout: a stalled upload is dropped.
            try:
                async with asyncio.timeout(BODY_TIMEOUT_S):
                    chunk = await chunks.__anext__()
            except StopAsyncIteration:
                break
            if not chunk:
                continue
            if limit is not None and upload.size + len(chunk) > limit:
                raise _blob_too_large()
            await asyncio.to_thread(upload.write, chunk)
        await asyncio.to_thread(upload.commit)
    except TimeoutError:
        await asyncio.to_thread(upload.abort)
        raise ApiError(
            408, "request_timeout", f"The upload stalled for {BODY_TIMEOUT_S:g} s"
        ) from None
    except BaseException:
        await asyncio.to_thread(upload.abort)
        raise
    if fmt == "blob":
        return JSONResponse({"path": path, "size": upload.size})
    return JSONResponse({"path": path} if declared is None else {"path": path, "size": declared})


def _blob_too_large() -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        f"A blob write takes at most {MAX_BLOB_BYTES // (1024 * 1024)} MB; use format=stream",
    )


async def _chunks(fd: int, size: int | None) -> AsyncIterator[bytes]:
    """The file's bytes from an open descriptor (closed at the end); with `size`, exactly
    that many, the Content-Length already sent (a file that shrank since ends short)."""
    left = size
    try:
        while left is None or left > 0:
            want = READ_CHUNK if left is None else min(READ_CHUNK, left)
            chunk = await asyncio.to_thread(os.read, fd, want)
            if not chunk:
                return
            if left is not None:
                left -= len(chunk)
            yield chunk
    finally:
        os.close(fd)
