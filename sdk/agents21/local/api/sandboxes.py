"""Sandbox routes: create, read, delete, run a command, and the deprecated git clone."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import git
from ..errors import ApiError
from ..paths import HOME
from ..relay import Relay
from ..sandboxes import DEFAULT_EXEC_TIMEOUT_MS, MAX_EXEC_TIMEOUT_MS
from ..store import SandboxRow
from ..validate import no_nul, opt_env_map, opt_int, opt_str, opt_str_list, opt_str_map, req_str
from ..wire import JSONResponse
from .deps import read_object, relay_of, sandbox_of
from .endpoint import Endpoint


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


class Sandboxes(Endpoint):
    async def post(self, request: Request) -> Response:
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
        created = {
            "id": row.id,
            "sandboxId": row.provider_id,
            "status": row.status,
            "createdAt": row.created_at,
        }
        return JSONResponse(created, status_code=201)


class Sandbox(Endpoint):
    async def get(self, request: Request) -> Response:
        return JSONResponse(sandbox_json(relay_of(request), sandbox_of(request, touch=False)))

    async def delete(self, request: Request) -> Response:
        await relay_of(request).delete_sandbox(sandbox_of(request))
        return Response(status_code=204)


class Exec(Endpoint):
    async def post(self, request: Request) -> Response:
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


class GitClone(Endpoint):
    async def post(self, request: Request) -> Response:
        """Production marks every answer of this route deprecated, its errors too."""
        try:
            response = await self._clone(request)
        except ApiError as exc:
            response = exc.response()
        response.headers.update(GIT_DEPRECATED)
        return response

    async def _clone(self, request: Request) -> Response:
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
        dest = await git.clone(
            relay.sandboxes, row, url, path, token=token, depth=depth, branch=branch
        )
        return JSONResponse({"path": dest, "branch": branch or "default"})
