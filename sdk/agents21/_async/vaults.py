"""`client.vaults`: named sets of MCP server credentials that a run's sandbox may use.

Vault routes take a secret key (a token gets `PermissionDeniedError`). The server replaces
what a change leaves out (a vault's metadata; a credential's name, injection rule and
metadata), so `update` reads the current values first and sends them back, and omitted
arguments keep what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agents21_api.models import (
    BasicInject,
    BearerAuthInput,
    CreateVaultRequest,
    HeaderInject,
    OAuthAuthInput,
    QueryInject,
    UpdateVaultRequest,
    Vault,
    VaultCredential,
    VaultCredentialInput,
    VaultList,
)

from .. import _endpoints as endpoints
from .._args import optional_str, require_str, str_map
from .._config import TimeoutTypes
from .._sentinel import NOT_GIVEN, NotGiven
from .resources import AsyncResource

if TYPE_CHECKING:
    from .client import AsyncAgentClient

CredentialAuth = str | BearerAuthInput | OAuthAuthInput | Mapping[str, Any]
"""A bearer token as a string, `BearerAuthInput`, `OAuthAuthInput`, or the wire dict."""
CredentialInject = HeaderInject | QueryInject | BasicInject | Mapping[str, Any]
_UNKNOWN_SERVER = "https://credential.invalid/"


def _auth(auth: CredentialAuth) -> dict[str, Any]:
    if isinstance(auth, str):
        return {"type": "bearer", "token": require_str("auth", auth)}
    if isinstance(auth, BearerAuthInput | OAuthAuthInput):
        return auth.to_dict()
    if isinstance(auth, Mapping):
        return dict(auth)
    raise TypeError(
        "auth must be a bearer token (str), BearerAuthInput, OAuthAuthInput or a dict, "
        f"not {type(auth).__name__}."
    )


def _inject(inject: CredentialInject) -> dict[str, Any]:
    if isinstance(inject, HeaderInject | QueryInject | BasicInject):
        return inject.to_dict()
    if isinstance(inject, Mapping):
        return dict(inject)
    raise TypeError(
        f"inject must be HeaderInject, QueryInject, BasicInject or a dict, not "
        f"{type(inject).__name__}."
    )


def _credential_input(fields: dict[str, Any]) -> VaultCredentialInput:
    try:
        return VaultCredentialInput.from_dict({k: v for k, v in fields.items() if v is not None})
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(
            'auth must be {"type": "bearer", "token": …} or {"type": "oauth", …}, and inject'
            ' {"kind": "header" | "query" | "basic", …}: ' + str(exc)
        ) from None


def _force(force: bool) -> bool | None:
    if not isinstance(force, bool):
        raise TypeError(f"force must be a bool, not {type(force).__name__}.")
    return True if force else None


class AsyncVaultCredentials(AsyncResource):
    """`client.vaults.credentials`: the MCP server credentials of a vault."""

    async def create(
        self,
        vault_id: str,
        *,
        server_url: str,
        auth: CredentialAuth,
        name: str | None = None,
        inject: CredentialInject | None = None,
        metadata: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> VaultCredential:
        """Add a credential for the MCP server at `server_url`; `auth` is a bearer token or
        an OAuth block. The answer says which secrets are set, never their values."""
        body = _credential_input(
            {
                "serverUrl": require_str("server_url", server_url),
                "auth": _auth(auth),
                "name": optional_str("name", name),
                "inject": _inject(inject) if inject is not None else None,
                "metadata": str_map("metadata", metadata) or {},
            }
        )
        answer = await self._client._call(
            endpoints.CREATE_VAULT_CREDENTIAL(require_str("vault_id", vault_id), body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return answer.credential

    async def update(
        self,
        vault_id: str,
        credential_id: str,
        *,
        auth: CredentialAuth,
        name: str | NotGiven | None = NOT_GIVEN,
        inject: CredentialInject | NotGiven = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> VaultCredential:
        """Replace the credential's secret (`auth`, required: it is never read back); `name`,
        `inject` and `metadata` keep their stored values unless given. Its server URL cannot
        change: archive it and create another."""
        require_str("vault_id", vault_id)
        require_str("credential_id", credential_id)
        vault = await self._client.vaults.get(vault_id, timeout=timeout)
        current = next((c for c in vault.credentials if c.id == credential_id), None)
        # Not in this vault: any valid body gets the server's own 404 for it.
        stored: dict[str, Any] = (
            current.to_dict() if current is not None else {"serverUrl": _UNKNOWN_SERVER}
        )
        body = _credential_input(
            {
                "serverUrl": stored["serverUrl"],
                "auth": _auth(auth),
                "name": stored.get("name") if isinstance(name, NotGiven) else name,
                "inject": stored.get("inject") if isinstance(inject, NotGiven) else _inject(inject),
                "metadata": (
                    stored.get("metadata", {})
                    if isinstance(metadata, NotGiven)
                    else str_map("metadata", metadata)
                ),
            }
        )
        answer = await self._client._call(
            endpoints.UPDATE_VAULT_CREDENTIAL(vault_id, credential_id, body=body),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return answer.credential

    async def delete(
        self,
        vault_id: str,
        credential_id: str,
        *,
        force: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Archive the credential (its secret is purged), or with `force=True` delete an
        archived one for good."""
        await self._client._call(
            endpoints.DELETE_VAULT_CREDENTIAL(
                require_str("vault_id", vault_id),
                require_str("credential_id", credential_id),
                force=_force(force),
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )


class AsyncVaults(AsyncResource):
    """`client.vaults`: create and manage vaults; pass their ids to `threads.run(vault_ids=)`."""

    credentials: AsyncVaultCredentials

    def __init__(self, client: AsyncAgentClient) -> None:
        super().__init__(client)
        self.credentials = AsyncVaultCredentials(client)

    async def list(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> VaultList:
        """Every vault (archived ones too), the default first; `.suggestions` lists
        well-known MCP servers."""
        return await self._client._call(
            endpoints.LIST_VAULTS(),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def create(
        self,
        name: str,
        *,
        description: str | None = None,
        metadata: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> Vault:
        """A new, empty vault. `metadata` `{"external_user_id": …}` gives it to that end user's
        runs."""
        fields: dict[str, Any] = {
            "name": require_str("name", name),
            "metadata": str_map("metadata", metadata) or {},
        }
        if description is not None:
            fields["description"] = optional_str("description", description)
        answer = await self._client._call(
            endpoints.CREATE_VAULT(body=CreateVaultRequest.from_dict(fields)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return answer.vault

    async def get(
        self,
        vault_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> Vault:
        """The vault (archived too) with its credentials, redacted."""
        detail = await self._client._call(
            endpoints.GET_VAULT(require_str("vault_id", vault_id)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return detail.vault

    async def update(
        self,
        vault_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> Vault:
        """Change what is given; `description=None` clears it. Without `metadata` the stored
        metadata is read and sent back, since the server would reset it."""
        require_str("vault_id", vault_id)
        fields: dict[str, Any] = {}
        if not isinstance(name, NotGiven):
            fields["name"] = require_str("name", name)
        if not isinstance(description, NotGiven):
            fields["description"] = optional_str("description", description)
        if isinstance(metadata, NotGiven):
            current = await self.get(vault_id, timeout=timeout)
            fields["metadata"] = current.metadata.to_dict()
        else:
            fields["metadata"] = str_map("metadata", metadata) or {}
        answer = await self._client._call(
            endpoints.UPDATE_VAULT(vault_id, body=UpdateVaultRequest.from_dict(fields)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return answer.vault

    async def delete(
        self,
        vault_id: str,
        *,
        force: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Archive the vault (no longer the default; its credentials archived, their secrets
        purged), or with `force=True` delete it for good, which needs it archived or without
        active credentials (`ConflictError` otherwise)."""
        await self._client._call(
            endpoints.DELETE_VAULT(require_str("vault_id", vault_id), force=_force(force)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )

    async def set_default(
        self,
        vault_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> None:
        """Make it the team's default vault: runs with no other source of vaults get it."""
        await self._client._call(
            endpoints.SET_DEFAULT_VAULT(require_str("vault_id", vault_id)),
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
