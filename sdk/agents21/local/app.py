"""The relay API as a Starlette app: sandbox, file, thread and token routes, and the factory."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import files, git
from .auth import Principal
from .chat import cancel_stream, chat, resume_stream
from .config import Settings
from .errors import ApiError
from .handlers import (
    Cors,
    Handler,
    endpoint,
    http_error,
    read_json,
    read_object,
    relay_of,
    sandbox_of,
)
from .paths import HOME
from .relay import Relay
from .sandboxes import DEFAULT_EXEC_TIMEOUT_MS, MAX_EXEC_TIMEOUT_MS
from .store import EMPTY_USAGE, SandboxRow, ThreadRow, now_iso
from .validate import (
    MAX_SAFE_INTEGER,
    no_nul,
    opt_env_map,
    opt_int,
    opt_str,
    opt_str_list,
    opt_str_map,
    req_str,
)
from .wire import JSONResponse


def sandbox_json(relay: Relay, row: SandboxRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "sandboxId": row.provider_id,
        "provider": "local",
        "status": row.status,
        "error": row.error,
        "agent": relay.agent_summary(row.agent),
        "threads": [
            {"id": t.id, "name": t.name, "status": t.status, "createdAt": t.created_at}
            for t in relay.store.list_threads(row.key)
        ],
        "createdAt": row.created_at,
        "updatedAt": row.updated_at,
    }


# health, contract


async def health(request: Request, _: Principal) -> Response:
    return JSONResponse({"status": "ok", "timestamp": now_iso()})


def find_openapi(settings: Settings) -> Path | None:
    here = Path(__file__).resolve()
    candidates = [
        settings.openapi_path,
        here.parents[3] / "openapi.yaml",
        here.parent / "openapi.yaml",
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    return None


async def openapi(request: Request, _: Principal) -> Response:
    path = find_openapi(relay_of(request).settings)
    if path is None:
        raise ApiError(404, "not_found", "openapi.yaml is not available in this installation")
    return Response(path.read_bytes(), media_type="application/yaml")


# tokens


async def create_token(request: Request, principal: Principal) -> Response:
    if principal.kind != "key":
        raise ApiError(
            403,
            "forbidden",
            "Tokens cannot create other tokens. Use an API key (21st_sk_).",
            shape="message",
        )
    body = await read_json(request, shape="code")
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_request", "Request body must be a JSON object", shape="code")
    agents = body.get("agents")
    if agents is not None and (
        not isinstance(agents, list) or not all(isinstance(a, str) for a in agents)
    ):
        raise ApiError(400, "invalid_request", "agents must be an array of strings", shape="code")
    for key in ("userId", "endUserId"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise ApiError(400, "invalid_request", f"{key} must be a string", shape="code")
    expires_in = body.get("expiresIn")
    if expires_in and not isinstance(expires_in, str):  # production fails with a 500
        raise ApiError(400, "invalid_request", 'expiresIn must be a string like "1h"', shape="code")
    max_messages = body.get("maxMessages")
    if max_messages is not None and (
        isinstance(max_messages, bool)
        or not isinstance(max_messages, int)
        or abs(max_messages) > MAX_SAFE_INTEGER
    ):
        raise ApiError(
            400,
            "invalid_request",
            f"maxMessages must be an integer of at most {MAX_SAFE_INTEGER}",
            shape="code",
        )
    token, expires_at = relay_of(request).auth.mint(body)
    return JSONResponse({"token": token, "expiresAt": expires_at}, status_code=201)


# sandboxes


async def create_sandbox(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    body = await read_object(request)
    slug = req_str(body, "agent")
    files = opt_str_map(body, "files")
    envs = opt_env_map(body, "envs")
    setup = [no_nul(c, f"setup[{i}]") for i, c in enumerate(opt_str_list(body, "setup"))]
    timeout_ms = opt_int(body, "timeoutMs", minimum=1)
    allow = opt_str_list(body, "networkAllowOut")
    deny = opt_str_list(body, "networkDenyOut")
    agent = relay.agent(slug)
    row = await relay.sandboxes.create(
        agent,
        files=files,
        envs=envs,
        setup=setup,
        timeout_ms=timeout_ms,
        network_allow=allow,
        network_deny=deny,
    )
    return JSONResponse(
        {
            "id": row.id,
            "sandboxId": row.provider_id,
            "status": row.status,
            "createdAt": row.created_at,
        },
        status_code=201,
    )


async def get_sandbox(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    return JSONResponse(sandbox_json(relay, sandbox_of(request, touch=False)))


async def delete_sandbox(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    await relay.delete_sandbox(sandbox_of(request))
    return Response(status_code=204)


async def exec_command(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    command = no_nul(req_str(body, "command"), "command")
    cwd = opt_str(body, "cwd")
    envs = opt_env_map(body, "envs")
    # 0 (or none) is the provider's default; more than the cap is the cap.
    timeout_ms = opt_int(body, "timeoutMs", minimum=0) or DEFAULT_EXEC_TIMEOUT_MS
    timeout_ms = min(timeout_ms, MAX_EXEC_TIMEOUT_MS)
    result = await relay.sandboxes.exec(row, command, cwd=cwd, envs=envs, timeout_ms=timeout_ms)
    if result.timed_out:
        raise ApiError(408, "command_timeout", "Command execution timed out")
    return JSONResponse(result.as_json())


GIT_DEPRECATED = {
    "X-Deprecated": "Use POST /v1/sandboxes/:id/exec with a git clone command instead"
}


async def git_clone(request: Request, _: Principal) -> Response:
    """Production marks every answer of this route deprecated, its errors too."""
    try:
        response = await _git_clone(request)
    except ApiError as exc:
        response = exc.response()
    response.headers.update(GIT_DEPRECATED)
    return response


async def _git_clone(request: Request) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    url = no_nul(req_str(body, "url"), "url")
    path = opt_str(body, "path") or HOME + "/repo"
    token = opt_str(body, "token")
    depth = opt_int(body, "depth", minimum=1)
    branch = opt_str(body, "branch")
    for field, value in (("token", token), ("branch", branch)):
        if value is not None:
            no_nul(value, field)
    dest = await git.clone(relay.sandboxes, row, url, path, token=token, depth=depth, branch=branch)
    return JSONResponse({"path": dest, "branch": branch or "default"})


# threads


def thread_json(row: ThreadRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "messages": row.messages,
        "usage": row.usage or dict(EMPTY_USAGE),
        "error": row.error,
        "createdAt": row.created_at,
        "updatedAt": row.updated_at,
        "completedAt": row.completed_at,
    }


async def list_threads(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request, touch=False)
    return JSONResponse([t.summary() for t in relay.store.list_threads(row.key)])


async def create_thread(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    name = opt_str(body, "name")
    thread = relay.store.insert_thread(str(uuid.uuid4()), row.key, name)
    return JSONResponse(
        {
            "id": thread.id,
            "name": thread.name,
            "status": thread.status,
            "createdAt": thread.created_at,
        },
        status_code=201,
    )


async def get_thread(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request, touch=False)
    return JSONResponse(thread_json(relay.thread(row, request.path_params["thread_id"])))


async def delete_thread(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    thread = relay.thread(row, request.path_params["thread_id"])
    await relay.cancel_sandbox_runs(row.key, thread.id)
    relay.store.delete_thread(row.key, thread.id)
    return Response(status_code=204)


def create_app(settings: Settings) -> Starlette:
    """The relay as an ASGI app. Its state lives for the app's lifespan."""

    def route(path: str, methods: Mapping[str, Handler], *, auth: bool = True) -> list[Route]:
        # One Route per path, every method of it in one place (HEAD follows GET).
        handlers = {m: endpoint(h, auth=auth) for m, h in methods.items()}
        if "GET" in handlers:
            handlers["HEAD"] = handlers["GET"]

        async def dispatch(request: Request) -> Response:
            return await handlers[request.method](request)

        return [Route(path, dispatch, methods=list(handlers))]

    sb = "/v1/sandboxes/{sandbox_id}"
    routes = [
        *route("/health", {"GET": health}, auth=False),
        *route("/openapi.yaml", {"GET": openapi}, auth=False),
        *route("/v1/tokens", {"POST": create_token}),
        *route("/v1/sandboxes", {"POST": create_sandbox}),
        *route(sb, {"GET": get_sandbox, "DELETE": delete_sandbox}),
        *route(sb + "/exec", {"POST": exec_command}),
        *route(sb + "/git/clone", {"POST": git_clone}),
        *route(sb + "/files", {"POST": files.write, "GET": files.read, "DELETE": files.remove}),
        *route(sb + "/files/list", {"GET": files.list_entries}),
        *route(sb + "/files/info", {"GET": files.info}),
        *route(sb + "/files/exists", {"GET": files.exists}),
        *route(sb + "/files/mkdir", {"POST": files.make_dir}),
        *route(sb + "/files/rename", {"POST": files.rename}),
        *route(sb + "/threads", {"GET": list_threads, "POST": create_thread}),
        *route(sb + "/threads/{thread_id}", {"GET": get_thread, "DELETE": delete_thread}),
        *route("/v1/chat/{agent}", {"POST": chat}),
        *route(
            "/v1/chat/{agent}/{sandbox_id}/stream", {"GET": resume_stream, "DELETE": cancel_stream}
        ),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        relay = Relay(settings)
        app.state.relay = relay
        await relay.start()
        try:
            yield
        finally:
            await relay.stop()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error},
    )
    app.add_middleware(Cors)
    return app
