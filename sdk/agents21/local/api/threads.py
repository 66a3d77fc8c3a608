"""Thread routes: a sandbox's threads, one thread with its messages, creating and deleting."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..store import EMPTY_USAGE, ThreadRow
from ..validate import opt_str
from ..wire import JSONResponse
from .deps import read_object, relay_of, sandbox_of
from .endpoint import Endpoint


def thread_json(row: ThreadRow, messages: list[Any] | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "messages": messages,
        "usage": row.usage or dict(EMPTY_USAGE),
        "error": row.error,
        "createdAt": row.created_at,
        "updatedAt": row.updated_at,
        "completedAt": row.completed_at,
    }


class Threads(Endpoint):
    async def get(self, request: Request) -> Response:
        relay = relay_of(request)
        row = sandbox_of(request, touch=False)
        return JSONResponse([t.summary() for t in relay.store.list_threads(row.key)])

    async def post(self, request: Request) -> Response:
        relay = relay_of(request)
        row = sandbox_of(request)
        body = await read_object(request)
        thread = relay.store.insert_thread(str(uuid.uuid4()), row.key, opt_str(body, "name"))
        created = {
            "id": thread.id,
            "name": thread.name,
            "status": thread.status,
            "createdAt": thread.created_at,
        }
        return JSONResponse(created, status_code=201)


class Thread(Endpoint):
    async def get(self, request: Request) -> Response:
        relay = relay_of(request)
        row = sandbox_of(request, touch=False)
        found = relay.thread_with_messages(row, request.path_params["thread_id"])
        return JSONResponse(thread_json(*found))

    async def delete(self, request: Request) -> Response:
        relay = relay_of(request)
        row = sandbox_of(request)
        thread = relay.thread(row, request.path_params["thread_id"])
        await relay.cancel_sandbox_runs(row.key, thread.id)
        relay.store.delete_thread(row.key, thread.id)
        return Response(status_code=204)
