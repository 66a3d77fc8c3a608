"""Chat routes: start a run (streamed or in the background), resume it, cancel it."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from ..._run_options import check_run_options
from ..._ui_stream import UI_MESSAGE_STREAM_HEADERS
from ..errors import ApiError, invalid
from ..relay import Relay
from ..runs import Run
from ..serving import url_for
from ..store import SandboxRow
from ..validate import opt_str, opt_str_list, parse_uint, req_str
from ..wire import JSONResponse
from .deps import principal_of, read_object, relay_of
from .endpoint import Endpoint

# As production: the AI SDK's headers, and no compression by a proxy on the way.
SSE_HEADERS = {**UI_MESSAGE_STREAM_HEADERS, "content-encoding": "none"}


def validate_options(raw: Any) -> dict[str, Any]:
    """Strict options: production drops an invalid object silently; we say what is wrong. The
    checks are the SDK's own (`agents21._run_options`), so both refuse the same options."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise invalid("options must be an object")
    try:
        return check_run_options(raw, python_names=False)
    except (TypeError, ValueError) as error:
        raise invalid(str(error)) from None


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
    if last.get("parts") is None:
        # Production fails on it with a 500 (an AI SDK v4 `content` message, say).
        raise invalid("The last user message must have parts: [{type: 'text', text}]")
    texts = [
        p["text"]
        for p in last.get("parts") or []
        if isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str)
    ]
    prompt = "\n".join(texts)
    if not prompt.strip():
        raise invalid("The last user message has no text")
    return dict(last), prompt  # stored exactly as posted


class Chat(Endpoint):
    async def post(self, request: Request) -> Response:
        return await _chat(request)


class Stream(Endpoint):
    """The sandbox's live run: GET resumes it, DELETE cancels it."""

    async def get(self, request: Request) -> Response:
        relay, sandbox = _stream_target(request)
        run = relay.runs.active(sandbox.key)
        if run is None:
            return Response(status_code=204)
        if relay.settings.resume == "join":
            return StreamingResponse(joined_sse(run), headers=SSE_HEADERS)
        # A Last-Event-ID that is not an event index is treated as absent: replay from the start.
        last = parse_uint(request.headers.get("last-event-id", "").strip())
        start = 0 if last is None else last + 1
        return StreamingResponse(sse(run, start, ids=True), headers=SSE_HEADERS)

    async def delete(self, request: Request) -> Response:
        relay, sandbox = _stream_target(request)
        run = relay.runs.active(sandbox.key)
        if run is None:
            return JSONResponse({"ok": True, "status": "idle"})
        await relay.cancel_newest(run)
        return JSONResponse({"ok": True, "status": "cancelled", "streamId": run.id})


async def _chat(request: Request) -> Response:
    relay = relay_of(request)
    principal = principal_of(request)
    slug = request.path_params["agent"]
    body = await read_object(request)
    # Production's order: who may ask first, then what was asked (PROTOCOL.md section 5).
    external_user = opt_str(body, "externalUserId")
    end_user = principal.end_user_id
    if end_user is not None and external_user is not None and external_user.strip() != end_user:
        raise ApiError(
            403, "invalid_request", "externalUserId must match the authenticated token end_user_id"
        )
    if not principal.may_use_agent(slug):
        raise ApiError(403, "invalid_request", f'Token is not authorized for agent "{slug}"')
    raw_options = body.get("options")
    if (
        isinstance(raw_options, dict)
        and raw_options.get("maxSandboxBudgetUsd") is not None
        and not principal.legacy_key
    ):
        raise invalid("maxSandboxBudgetUsd can only be set from an an_sk_ secret key request")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise invalid("messages must be a non-empty array")
    sandbox_id = req_str(body, "sandboxId")
    thread_id = opt_str(body, "threadId")
    name = opt_str(body, "name")
    mode = opt_str(body, "mode")
    # Present, even as [], it is the run's choice; absent (or null), the relay chooses.
    requested = opt_str_list(body, "vaultIds") if body.get("vaultIds") is not None else None
    options = validate_options(raw_options)
    agent = relay.agent(slug)
    budget = relay.run_budget(sandbox_id, agent, options)
    # The run's end user: the token's, else the body's as given (trimmed; blank is none).
    run_user = end_user or (external_user.strip() if external_user else None) or None
    vault_ids = relay.run_vaults(agent, requested, run_user)
    user_message, prompt = user_prompt(messages)
    sandbox = await relay.sandbox_for_chat(sandbox_id, agent)
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
        relay_url=_own_url(request),
        vault_ids=vault_ids,
    )
    if mode == "background":
        return JSONResponse(
            {"threadId": thread.id, "sandboxId": sandbox.id, "status": "running"}, status_code=202
        )
    return StreamingResponse(
        sse(run, 0, ids=relay.settings.resume == "replay"), headers=SSE_HEADERS
    )


def _own_url(request: Request) -> str:
    """The relay's URL from the socket the request came in on (never the Host header, which
    the caller chooses)."""
    host, port = request.scope.get("server") or ("127.0.0.1", 80)
    return url_for(host, port)


async def sse(run: Run, start: int, *, ids: bool) -> AsyncIterator[str]:
    """The run's chunks from index `start` as SSE, each with its index as `id:` when `ids`."""
    async for batch in run.follow(start):
        if ids:
            yield "".join(f"id: {index}\ndata: {data}\n\n" for index, data in batch)
        else:
            yield "".join(f"data: {data}\n\n" for _, data in batch)
    yield "data: [DONE]\n\n"


async def joined_sse(run: Run) -> AsyncIterator[str]:
    """Production's resume: a `start` of its own, then only the chunks published from now on."""
    start = json.dumps({"type": "start", "messageId": str(uuid.uuid4())}, separators=(",", ":"))
    yield f"data: {start}\n\n"
    async for piece in sse(run, len(run.chunks), ids=False):
        yield piece


def _stream_target(request: Request) -> tuple[Relay, SandboxRow]:
    relay = relay_of(request)
    principal = principal_of(request)
    slug = request.path_params["agent"]
    if not principal.may_use_agent(slug):
        raise ApiError(403, "invalid_request", f'Token is not authorized for agent "{slug}"')
    relay.agent(slug)
    # Sandbox ids are per agent: another agent's sandbox of this id is not found here.
    return relay, relay.sandboxes.get(request.path_params["sandbox_id"], agent=slug)
