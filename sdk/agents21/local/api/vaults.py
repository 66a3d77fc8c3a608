"""Vault routes (`/v1/mcp/vaults`): vaults of MCP credentials, for secret keys only.

Errors here are flat-code (`{error, message, status}`). Every request that reaches these routes
with a secret key counts against the key's request limit, valid or not, as in production.
"""

from __future__ import annotations

from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response

from ..validate import is_uuid
from ..vaults.inputs import credential_body, validation_error, vault_input
from ..vaults.store import VAULT_NOT_FOUND, CredentialRow, VaultRow
from ..wire import JSONResponse
from .deps import read_json, relay_of
from .endpoint import Endpoint
from .vault_access import vault_gate

# Production's list of well-known MCP servers, in its order.
SUGGESTIONS = [
    {"name": "Canva", "url": "https://mcp.canva.com/mcp"},
    {"name": "Figma", "url": "https://mcp.figma.com/mcp"},
    {"name": "Notion", "url": "https://mcp.notion.com/mcp"},
    {"name": "Atlassian Rovo", "url": "https://mcp.atlassian.com/v1/mcp"},
    {"name": "Slack", "url": "https://mcp.slack.com/mcp"},
    {"name": "HubSpot", "url": "https://mcp.hubspot.com/anthropic"},
    {"name": "Linear", "url": "https://mcp.linear.app/mcp"},
    {"name": "Monday.com", "url": "https://mcp.monday.com/mcp"},
    {"name": "Microsoft 365", "url": "https://microsoft365.mcp.claude.com/mcp"},
]
SUCCESS = {"success": True}


class VaultEndpoint(Endpoint):
    shape = "code"

    def authorize(self, request: Request) -> None:
        vault_gate(request)


def _id(request: Request, name: str, what: str) -> str:
    value: str = request.path_params[name]
    if not is_uuid(value):  # production fails on it with a 500
        raise validation_error(f'{what} id "{value}" is not a UUID')
    return value.lower()  # as a UUID column compares


def credential_json(row: CredentialRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "serverUrl": row.server_url,
        "serverUrlNormalized": row.server_url_normalized,
        "hostPattern": row.host_pattern,
        "inject": row.inject,
        "authType": row.auth_type,
        "auth": row.auth_summary,
        "metadata": row.metadata,
        "status": row.status,
        "lastError": row.last_error,
        "lastResolvedAt": row.last_resolved_at,
        "createdAt": row.created_at,
        "updatedAt": row.updated_at,
        "archivedAt": row.archived_at,
    }


def vault_json(row: VaultRow, credentials: list[CredentialRow], team_id: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "teamId": team_id,
        "name": row.name,
        "description": row.description,
        "metadata": row.metadata,
        "isDefault": row.is_default,
        "status": row.status,
        "createdAt": row.created_at,
        "updatedAt": row.updated_at,
        "archivedAt": row.archived_at,
        "credentials": [credential_json(c) for c in credentials],
    }


def _vault_answer(request: Request, row: VaultRow) -> dict[str, Any]:
    relay = relay_of(request)
    credentials = relay.vaults.credentials([row.id])[row.id]
    return vault_json(row, credentials, relay.settings.team_id)


def _removal(request: Request) -> Literal["archive", "delete"]:
    # Only the exact value deletes for good, as in production.
    return "delete" if request.query_params.get("force") == "true" else "archive"


class Vaults(VaultEndpoint):
    async def get(self, request: Request) -> Response:
        relay = relay_of(request)
        rows = relay.vaults.vaults()
        credentials = relay.vaults.credentials([r.id for r in rows])
        team = relay.settings.team_id
        vaults = [vault_json(r, credentials[r.id], team) for r in rows]
        return JSONResponse({"vaults": vaults, "suggestions": SUGGESTIONS})

    async def post(self, request: Request) -> Response:
        given = vault_input(await read_json(request, shape="code"), create=True)
        row = relay_of(request).vaults.create_vault(given)
        return JSONResponse({"vault": _vault_answer(request, row)}, status_code=201)


class Vault(VaultEndpoint):
    async def get(self, request: Request) -> Response:
        vault_id = _id(request, "vault_id", "Vault")
        row = relay_of(request).vaults.vault(vault_id)
        if row is None:
            raise VAULT_NOT_FOUND
        answer = {"vault": _vault_answer(request, row), "agents": [], "suggestions": SUGGESTIONS}
        return JSONResponse(answer)

    async def patch(self, request: Request) -> Response:
        given = vault_input(await read_json(request, shape="code"), create=False)
        row = relay_of(request).vaults.update_vault(_id(request, "vault_id", "Vault"), given)
        return JSONResponse({"vault": _vault_answer(request, row)})

    async def delete(self, request: Request) -> Response:
        vaults = relay_of(request).vaults
        vault_id = _id(request, "vault_id", "Vault")
        if _removal(request) == "delete":
            vaults.delete_vault(vault_id)
        else:
            vaults.archive_vault(vault_id)
        return JSONResponse(SUCCESS)


class SetDefault(VaultEndpoint):
    async def post(self, request: Request) -> Response:
        relay_of(request).vaults.set_default(_id(request, "vault_id", "Vault"))
        return JSONResponse(SUCCESS)


class Credentials(VaultEndpoint):
    async def post(self, request: Request) -> Response:
        body = credential_body(await read_json(request, shape="code"))
        vaults = relay_of(request).vaults
        vault_id = _id(request, "vault_id", "Vault")
        vaults.active_vault(vault_id)  # a missing vault answers before a bad URL, as production
        row = vaults.create_credential(vault_id, body.credential())
        return JSONResponse({"credential": credential_json(row)}, status_code=201)


class Credential(VaultEndpoint):
    async def patch(self, request: Request) -> Response:
        body = credential_body(await read_json(request, shape="code"))
        vaults = relay_of(request).vaults
        vault_id = _id(request, "vault_id", "Vault")
        vaults.active_vault(vault_id)
        credential_id = _id(request, "credential_id", "Credential")
        row = vaults.update_credential(vault_id, credential_id, body.credential())
        return JSONResponse({"credential": credential_json(row)})

    async def delete(self, request: Request) -> Response:
        vault_id = _id(request, "vault_id", "Vault")
        credential_id = _id(request, "credential_id", "Credential")
        relay_of(request).vaults.remove_credential(vault_id, credential_id, _removal(request))
        return JSONResponse(SUCCESS)
