"""Routes of the relay API, as a Starlette app."""

from __future__ import annotations

import errno
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import files as files_api
from .auth import Principal
from .config import Settings
from .errors import INVALID_JSON, ApiError, invalid
from .paths import HOME
from .relay import Relay
from .runs import Run
from .sandboxes import DEFAULT_EXEC_TIMEOUT_MS, MAX_EXEC_TIMEOUT_MS
from .store import EMPTY_USAGE, SandboxRow, now_iso
from .validate import (
    no_nul,
    opt_env_map,
    opt_int,
    opt_str,
    opt_str_list,
    opt_str_map,
    query_int,
    req_str,
    require_object,
)

log = logging.getLogger("agents21.local")

SSE_HEADERS = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",
}
PERMISSION_MODES = ("default", "acceptEdits", "bypassPermissions", "plan", "dontAsk")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

CLIENT_ERRNOS = {
    errno.ENAMETOOLONG,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EEXIST,
    errno.ENOTEMPTY,
    errno.EINVAL,
    errno.ELOOP,
    errno.ENOENT,
    errno.EXDEV,
}

Handler = Callable[[Request, Principal], Awaitable[Response]]


def relay_of(request: Request) -> Relay:
    relay: Relay = request.app.state.relay
    return relay


async def read_json(request: Request) -> Any:
    """The body as JSON: empty means {}, over the limit is 413, malformed the flat 400."""
    limit = relay_of(request).settings.max_body_bytes
    too_large = ApiError(
        413, "payload_too_large", "Request body exceeds the 10 MB limit", shape="code"
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
    if not body.strip():
        return {}
    try:
        return json.loads(bytes(body), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise INVALID_JSON from None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


async def read_object(request: Request) -> dict[str, Any]:
    return require_object(await read_json(request))


def endpoint(handler: Handler, *, auth: bool = True) -> Callable[[Request], Awaitable[Response]]:
    """Authenticate, run, and turn every failure into an API error body: never a traceback."""

    async def wrapped(request: Request) -> Response:
        try:
            if auth:
                principal = relay_of(request).auth.authenticate(
                    request.headers.get("authorization")
                )
            else:
                principal = Principal(kind="anonymous")
            return await handler(request, principal)
        except ApiError as exc:
            return exc.response()
        except OSError as exc:
            # Filesystem refusals caused by the request (a name too long, a file where a
            # directory is needed…) are the caller's to fix, not server faults.
            if exc.errno in CLIENT_ERRNOS:
                return invalid(f"{exc.strerror or exc}").response()
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            return ApiError(500, "internal_error", "Internal server error").response()
        except Exception:
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            return ApiError(500, "internal_error", "Internal server error").response()

    return wrapped


def sandbox_of(request: Request, *, touch: bool = True) -> SandboxRow:
    # Reading a sandbox's or a thread's state is not activity: only work in it keeps it alive.
    return relay_of(request).sandboxes.get(request.path_params["sandbox_id"], touch=touch)


def query_path(request: Request) -> str:
    path = request.query_params.get("path")
    if not path:
        raise invalid("path query parameter is required")
    return path


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
            for t in relay.store.list_threads(row.id)
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
    body = await read_json(request)
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
    max_messages = body.get("maxMessages")
    if max_messages is not None and (
        isinstance(max_messages, bool) or not isinstance(max_messages, int)
    ):
        raise ApiError(400, "invalid_request", "maxMessages must be an integer", shape="code")
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
    timeout_ms = opt_int(body, "timeoutMs", minimum=1) or DEFAULT_EXEC_TIMEOUT_MS
    timeout_ms = min(timeout_ms, MAX_EXEC_TIMEOUT_MS)
    result = await relay.sandboxes.exec(row, command, cwd=cwd, envs=envs, timeout_ms=timeout_ms)
    if result.timed_out:
        raise ApiError(408, "command_timeout", f"Command timed out after {timeout_ms} ms")
    return JSONResponse(result.as_json())


async def git_clone(request: Request, _: Principal) -> Response:
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
    dest = await relay.sandboxes.git_clone(row, url, path, token=token, depth=depth, branch=branch)
    return JSONResponse(
        {"path": dest, "branch": branch or "default"},
        headers={"X-Deprecated": "true; use exec with git clone instead"},
    )


# files


async def write_files(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    raw = body.get("files")
    if raw is None and "path" in body:
        path = req_str(body, "path")
        content = body.get("content")
        if not isinstance(content, str):
            raise invalid("content must be a string")
        written, size = relay.sandboxes.write_file(row, path, content)
        return JSONResponse({"path": written, "size": size})
    entries: list[tuple[str, Any, str]] = []
    if isinstance(raw, dict):
        entries = [(p, c, f"files.{p}") for p, c in raw.items()]
    elif isinstance(raw, list):
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                raise invalid(f"files[{i}].path must be a string")
            entries.append((item["path"], item.get("content"), f"files[{i}].content"))
    else:
        raise invalid("files is required: an object of path to content")
    for path, content, where in entries:
        if not path:
            raise invalid("file paths must not be empty")
        if not isinstance(content, str):
            raise invalid(f"{where} must be a string")
    out = []
    for path, content, _where in entries:
        written, size = relay.sandboxes.write_file(row, path, content)
        out.append({"path": written, "size": size})
    return JSONResponse({"files": out})


async def read_file(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    path = query_path(request)
    fmt = request.query_params.get("format", "text")
    if fmt != "text":
        raise invalid('format must be "text"')
    return JSONResponse(files_api.read_text(row.root, path))


async def remove_file(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    files_api.remove(row.root, query_path(request))
    return Response(status_code=204)


async def list_files(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    path = query_path(request)
    depth = query_int(request.query_params.get("depth"), "depth", minimum=0)
    return JSONResponse(files_api.list_dir(row.root, path, max(depth or 1, 1)))


async def file_info(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    return JSONResponse(files_api.get_info(row.root, query_path(request)))


async def file_exists(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    return JSONResponse(files_api.exists(row.root, query_path(request)))


async def make_dir(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    body = await read_object(request)
    return JSONResponse(files_api.make_dir(row.root, req_str(body, "path")))


async def rename_file(request: Request, _: Principal) -> Response:
    row = sandbox_of(request)
    body = await read_object(request)
    old = req_str(body, "oldPath")
    new = req_str(body, "newPath")
    return JSONResponse(files_api.rename(row.root, old, new))


# threads


def thread_json(row: Any) -> dict[str, Any]:
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
    return JSONResponse([t.summary() for t in relay.store.list_threads(row.id)])


async def create_thread(request: Request, _: Principal) -> Response:
    relay = relay_of(request)
    row = sandbox_of(request)
    body = await read_object(request)
    name = opt_str(body, "name")
    thread = relay.store.insert_thread(str(uuid.uuid4()), row.id, name)
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
    await relay.cancel_sandbox_runs(row.id, thread.id)
    relay.store.delete_thread(row.id, thread.id)
    return Response(status_code=204)


# chat


def validate_options(raw: Any) -> dict[str, Any]:
    """Strict options: production drops an invalid object silently; we say what is wrong."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise invalid("options must be an object")
    known = {
        "model",
        "systemPrompt",
        "maxTurns",
        "maxBudgetUsd",
        "maxSandboxBudgetUsd",
        "permissionMode",
        "disallowedTools",
    }
    for key in raw:
        if key not in known:
            raise invalid(f"options.{key} is not a known option ({', '.join(sorted(known))})")

    def number(key: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise invalid(f"options.{key} must be a number")
        return float(value)

    model = raw.get("model")
    if model is not None and (not isinstance(model, str) or not model):
        raise invalid("options.model must be a non-empty string")
    system = raw.get("systemPrompt")
    if system is not None and not isinstance(system, str):
        ok = (
            isinstance(system, dict)
            and system.get("type") == "preset"
            and system.get("preset") == "claude_code"
            and isinstance(system.get("append", ""), str)
        )
        if not ok:
            raise invalid(
                'options.systemPrompt must be a string or {"type":"preset","preset":"claude_code"}'
            )
    turns = raw.get("maxTurns")
    if turns is not None and (isinstance(turns, bool) or not isinstance(turns, int) or turns <= 0):
        raise invalid("options.maxTurns must be an integer > 0")
    budget = number("maxBudgetUsd")
    if budget is not None and budget <= 0:
        raise invalid("options.maxBudgetUsd must be > 0")
    sandbox_budget = number("maxSandboxBudgetUsd")
    if sandbox_budget is not None and sandbox_budget < 0:
        raise invalid("options.maxSandboxBudgetUsd must be >= 0")
    mode = raw.get("permissionMode")
    if mode is not None and mode not in PERMISSION_MODES:
        raise invalid(f"options.permissionMode must be one of {', '.join(PERMISSION_MODES)}")
    tools = raw.get("disallowedTools")
    if tools is not None and (
        not isinstance(tools, list) or not tools or not all(isinstance(t, str) for t in tools)
    ):
        raise invalid("options.disallowedTools must be a non-empty array of strings")
    return {k: v for k, v in raw.items() if v is not None}


def user_prompt(messages: list[Any]) -> tuple[dict[str, Any], str]:
    """The last user message and its text: the only part of the history the server uses."""
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise invalid(f"messages[{i}] must be an object")
        if not isinstance(message.get("role"), str):
            raise invalid(f"messages[{i}].role must be a string")
        parts = message.get("parts")
        if parts is not None and not isinstance(parts, list):
            raise invalid(f"messages[{i}].parts must be an array")
    users = [m for m in messages if m.get("role") == "user"]
    if not users:
        raise invalid("messages must contain a user message")
    last = users[-1]
    texts = [
        p["text"]
        for p in last.get("parts") or []
        if isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str)
    ]
    if not texts and isinstance(last.get("content"), str):
        texts = [last["content"]]
    prompt = "\n".join(texts)
    if not prompt.strip():
        raise invalid("The last user message has no text")
    stored = dict(last)
    stored.setdefault("id", "msg_" + uuid.uuid4().hex[:16])
    return stored, prompt


async def chat(request: Request, principal: Principal) -> Response:
    relay = relay_of(request)
    slug = request.path_params["agent"]
    body = await read_object(request)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise invalid("messages must be a non-empty array")
    sandbox_id = req_str(body, "sandboxId")
    user_message, prompt = user_prompt(messages)
    thread_id = opt_str(body, "threadId")
    name = opt_str(body, "name")
    mode = opt_str(body, "mode")
    opt_str(body, "externalUserId")
    opt_str(body, "vaultId")
    vault_ids = opt_str_list(body, "vaultIds")
    for i, vault in enumerate(vault_ids):
        if not _UUID.match(vault):
            raise invalid(f"vaultIds[{i}] must be a UUID")
    options = validate_options(body.get("options"))
    if not principal.may_use_agent(slug):
        raise ApiError(403, "invalid_request", f'Token is not authorized for agent "{slug}"')
    agent = relay.agent(slug)
    sandbox = await relay.sandbox_for_chat(sandbox_id, agent)
    budget = relay.run_budget(sandbox, options)
    thread = relay.thread_for_chat(sandbox, thread_id, name, prompt)
    run = relay.start_run(
        agent=agent,
        sandbox=sandbox,
        thread=thread,
        prompt=prompt,
        user_message=user_message,
        messages=messages,
        options=options,
        budget_usd=budget,
    )
    if mode == "background":
        return JSONResponse(
            {"threadId": thread.id, "sandboxId": sandbox.id, "status": "running"}, status_code=202
        )
    return StreamingResponse(sse(run, 0), headers=SSE_HEADERS)


async def sse(run: Run, start: int) -> AsyncIterator[str]:
    async for batch in run.follow(start):
        yield "".join(f"id: {index}\ndata: {data}\n\n" for index, data in batch)
    yield "data: [DONE]\n\n"


def _stream_target(request: Request, principal: Principal) -> tuple[Relay, SandboxRow]:
    relay = relay_of(request)
    slug = request.path_params["agent"]
    if not principal.may_use_agent(slug):
        raise ApiError(403, "invalid_request", f'Token is not authorized for agent "{slug}"')
    relay.agent(slug)
    return relay, sandbox_of(request)


async def resume_stream(request: Request, principal: Principal) -> Response:
    relay, sandbox = _stream_target(request, principal)
    run = relay.runs.active(sandbox.id)
    if run is None:
        return Response(status_code=204)
    start = 0
    last = request.headers.get("last-event-id", "").strip()
    if last.isdigit():
        start = int(last) + 1
    return StreamingResponse(sse(run, start), headers=SSE_HEADERS)


async def cancel_stream(request: Request, principal: Principal) -> Response:
    relay, sandbox = _stream_target(request, principal)
    run = relay.runs.active(sandbox.id)
    if run is None:
        return JSONResponse({"ok": True, "status": "idle"})
    await relay.cancel(run)
    return JSONResponse({"ok": True, "status": "cancelled", "streamId": run.id})


# plumbing


class Cors:
    """Origin reflected with credentials; preflights answered before auth."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if scope["method"] == "OPTIONS":
            allow_headers = headers.get(
                "access-control-request-headers",
                "Authorization, Content-Type, Last-Event-ID",
            )
            preflight = {
                "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
                "Access-Control-Allow-Headers": allow_headers,
                "Access-Control-Max-Age": "86400",
                **_cors_headers(origin),
            }
            await Response(status_code=204, headers=preflight)(scope, receive, send)
            return
        if not origin:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for key, value in _cors_headers(origin).items():
                    out[key] = value
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _cors_headers(origin: str | None) -> dict[str, str]:
    if not origin:
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "X-Deprecated, Content-Type",
        "Vary": "Origin",
    }


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return ApiError(404, "not_found", f"Route {request.url.path} not found").response()
    if status == 405:
        resp = ApiError(405, "method_not_allowed", f"Method {request.method} not allowed")
        out = resp.response()
        # RFC 9110: a 405 lists the methods the resource supports.
        allow = getattr(exc, "headers", None) or {}
        if "Allow" in allow:
            out.headers["Allow"] = allow["Allow"]
        return out
    return ApiError(status, "error", str(getattr(exc, "detail", "error"))).response()


def create_app(settings: Settings) -> Starlette:
    """The relay as an ASGI app. Its state lives for the app's lifespan."""

    def route(path: str, methods: Mapping[str, Handler], *, auth: bool = True) -> list[Route]:
        # One Route per path, so that a 405 names every method the path supports.
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
        *route(sb + "/files", {"POST": write_files, "GET": read_file, "DELETE": remove_file}),
        *route(sb + "/files/list", {"GET": list_files}),
        *route(sb + "/files/info", {"GET": file_info}),
        *route(sb + "/files/exists", {"GET": file_exists}),
        *route(sb + "/files/mkdir", {"POST": make_dir}),
        *route(sb + "/files/rename", {"POST": rename_file}),
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
