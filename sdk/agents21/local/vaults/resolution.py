"""Which vaults a chat run gets, and whether they cover the agent's MCP servers.

Every run resolves afresh; the first source that applies wins: the body's `vaultIds` (present,
even as `[]`), the end user's tagged vaults, the agent's pinned vaults, the team's default.
Failures are chat errors (envelope shape), in production's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ApiError
from .inputs import normalize_server_url
from .store import VaultStore

END_USER_TAG = "external_user_id"
COVERAGE_MODES = ("strict", "warn", "off")
_UUID_V4 = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", re.IGNORECASE
)


@dataclass(frozen=True)
class McpServer:
    """An MCP server an agent declares: a name, and the URL its credential must match."""

    name: str
    url: str

    @property
    def normalized_url(self) -> str:
        return normalize_server_url(self.url)[0]


def _failed(status: int, message: str) -> ApiError:
    return ApiError(status, "vault_resolution_failed", message)


def resolve_vaults(
    vaults: VaultStore,
    *,
    requested: Sequence[str] | None,
    end_user: str | None,
    pinned: Sequence[str],
) -> list[str]:
    """The run's vault ids, in order: `requested` (None when the body has no `vaultIds`), else
    the end user's tagged vaults (oldest first), else `pinned`, else the default vault."""
    if requested is not None:
        chosen = list(requested)
    elif end_user and (tagged := vaults.tagged(END_USER_TAG, end_user)):
        chosen = tagged
    elif pinned:
        chosen = list(pinned)
    else:
        default = vaults.default_vault()
        chosen = [default] if default else []
    # Each once, compared as a UUID column compares them (any case); errors name them as given.
    given: dict[str, str] = {}
    for vault_id in chosen:
        given.setdefault(vault_id.lower(), vault_id)
    for vault_id in given.values():
        if not _UUID_V4.fullmatch(vault_id):
            raise _failed(400, f'Vault "{vault_id}" is not a valid vault id')
    active = vaults.active_ids(list(given))
    for key, vault_id in given.items():
        if key not in active:
            raise _failed(403, f'Vault "{vault_id}" is not available in this workspace')
    return list(given)


def check_coverage(
    vaults: VaultStore, vault_ids: list[str], servers: Sequence[McpServer], mode: str
) -> None:
    """In strict mode, a run with vaults needs an active credential in them for each declared
    MCP server: `422 vault_coverage_missing`, naming the servers in `missing`."""
    if not vault_ids or not servers or mode != "strict":
        return
    covered = vaults.covered_urls(vault_ids)
    missing = [s.name for s in servers if "active" not in covered.get(s.normalized_url, set())]
    if missing:
        raise ApiError(
            422,
            "vault_coverage_missing",
            f"Vault coverage missing for: {', '.join(missing)}",
            extra={"missing": missing},
        )
