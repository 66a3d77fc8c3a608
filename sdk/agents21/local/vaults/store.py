"""Vaults and credentials in the relay's database, with the rules that need a transaction:
one active credential per normalized server URL, 20 active per vault, one default vault,
archive before a hard delete. Refusals are the vault routes' flat-code `ApiError`s."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ApiError
from ..store import Store, now_iso
from .inputs import CredentialInput, VaultInput, archived_auth
from .secretbox import SecretBox

MAX_ACTIVE_CREDENTIALS = 20


def vault_error(status: int, code: str, message: str) -> ApiError:
    return ApiError(status, code, message, shape="code")


VAULT_NOT_FOUND = vault_error(404, "not_found", "Vault not found")
CREDENTIAL_NOT_FOUND = vault_error(404, "not_found", "Credential not found")
DUPLICATE_SERVER = vault_error(
    409, "conflict", "A credential for this MCP server already exists in the vault"
)


@dataclass(frozen=True)
class VaultRow:
    id: str
    name: str
    description: str | None
    metadata: dict[str, str]
    is_default: bool
    status: str
    created_at: str
    updated_at: str
    archived_at: str | None


@dataclass(frozen=True)
class CredentialRow:
    id: str
    vault_id: str
    name: str | None
    server_url: str
    server_url_normalized: str
    host_pattern: str | None
    inject: dict[str, str]
    auth_type: str
    auth_summary: dict[str, Any]
    metadata: dict[str, str]
    status: str
    last_error: str | None
    last_resolved_at: str | None
    created_at: str
    updated_at: str
    archived_at: str | None


def _vault(r: sqlite3.Row) -> VaultRow:
    return VaultRow(
        id=r["id"],
        name=r["name"],
        description=r["description"],
        metadata=json.loads(r["metadata"]),
        is_default=bool(r["is_default"]),
        status=r["status"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        archived_at=r["archived_at"],
    )


def _credential(r: sqlite3.Row) -> CredentialRow:
    return CredentialRow(
        id=r["id"],
        vault_id=r["vault_id"],
        name=r["name"],
        server_url=r["server_url"],
        server_url_normalized=r["server_url_normalized"],
        host_pattern=r["host_pattern"],
        inject=json.loads(r["inject"]),
        auth_type=r["auth_type"],
        auth_summary=json.loads(r["auth_summary"]),
        metadata=json.loads(r["metadata"]),
        status=r["status"],
        last_error=r["last_error"],
        last_resolved_at=r["last_resolved_at"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        archived_at=r["archived_at"],
    )


def _touch() -> int:
    """The order of a change: later changes sort first in lists."""
    return time.time_ns()


_ACTIVE = "status = 'active' AND archived_at IS NULL"


class VaultStore:
    def __init__(self, store: Store, box: SecretBox) -> None:
        self._store = store
        self._box = box

    # reads

    def vaults(self) -> list[VaultRow]:
        """Every vault, archived too: the default first, then the most recently changed."""
        rows = self._store.fetch_all(
            "SELECT * FROM vaults ORDER BY is_default DESC, touched DESC", ()
        )
        return [_vault(r) for r in rows]

    def vault(self, vault_id: str, *, active: bool = False) -> VaultRow | None:
        where = f" AND {_ACTIVE}" if active else ""
        r = self._store.fetch_one(f"SELECT * FROM vaults WHERE id = ?{where}", (vault_id,))
        return _vault(r) if r else None

    def active_vault(self, vault_id: str) -> VaultRow:
        found = self.vault(vault_id, active=True)
        if found is None:
            raise VAULT_NOT_FOUND
        return found

    def credentials(self, vault_ids: list[str]) -> dict[str, list[CredentialRow]]:
        """Each vault's credentials, archived too, the most recently changed first."""
        out: dict[str, list[CredentialRow]] = {v: [] for v in vault_ids}
        if not vault_ids:
            return out
        marks = ",".join("?" * len(vault_ids))
        rows = self._store.fetch_all(
            f"SELECT * FROM vault_credentials WHERE vault_id IN ({marks}) ORDER BY touched DESC",
            tuple(vault_ids),
        )
        for r in rows:
            out[r["vault_id"]].append(_credential(r))
        return out

    def active_ids(self, vault_ids: list[str]) -> set[str]:
        """Which of `vault_ids` are active vaults."""
        if not vault_ids:
            return set()
        marks = ",".join("?" * len(vault_ids))
        rows = self._store.fetch_all(
            f"SELECT id FROM vaults WHERE id IN ({marks}) AND {_ACTIVE}", tuple(vault_ids)
        )
        return {r["id"] for r in rows}

    def tagged(self, key: str, value: str) -> list[str]:
        """The active vaults whose metadata has `key` = `value`, oldest first."""
        rows = self._store.fetch_all(
            f"SELECT id FROM vaults WHERE {_ACTIVE} AND json_extract(metadata, ?) = ?"
            " ORDER BY created_at, rowid",
            (f'$."{key}"', value),
        )
        return [r["id"] for r in rows]

    def default_vault(self) -> str | None:
        r = self._store.fetch_one(f"SELECT id FROM vaults WHERE is_default = 1 AND {_ACTIVE}", ())
        return r["id"] if r else None

    def covered_urls(self, vault_ids: list[str]) -> dict[str, set[str]]:
        """normalized server URL → the states ("active", "archived") of its credentials in
        `vault_ids`."""
        if not vault_ids:
            return {}
        marks = ",".join("?" * len(vault_ids))
        rows = self._store.fetch_all(
            "SELECT server_url_normalized AS url, status, archived_at FROM vault_credentials"
            f" WHERE vault_id IN ({marks})",
            tuple(vault_ids),
        )
        found: dict[str, set[str]] = {}
        for r in rows:
            state = "active" if r["status"] == "active" and r["archived_at"] is None else "archived"
            found.setdefault(r["url"], set()).add(state)
        return found

    def sealed_secret(self, credential_id: str) -> bytes | None:
        r = self._store.fetch_one(
            "SELECT secret FROM vault_credentials WHERE id = ?", (credential_id,)
        )
        return bytes(r["secret"]) if r and r["secret"] is not None else None

    # vault changes

    def create_vault(self, given: VaultInput) -> VaultRow:
        assert given.name is not None
        vault_id, ts = str(uuid.uuid4()), now_iso()
        with self._store.tx() as db:
            db.execute(
                "INSERT INTO vaults (id, name, description, metadata, status, created_at,"
                " updated_at, touched) VALUES (?,?,?,?,'active',?,?,?)",
                (
                    vault_id,
                    given.name,
                    given.description,
                    json.dumps(given.metadata),
                    ts,
                    ts,
                    _touch(),
                ),
            )
        return self.active_vault(vault_id)

    def update_vault(self, vault_id: str, given: VaultInput) -> VaultRow:
        with self._store.tx() as db:
            r = db.execute(
                f"SELECT * FROM vaults WHERE id = ? AND {_ACTIVE}", (vault_id,)
            ).fetchone()
            if r is None:
                raise VAULT_NOT_FOUND
            db.execute(
                "UPDATE vaults SET name = ?, description = ?, metadata = ?, updated_at = ?,"
                " touched = ? WHERE id = ?",
                (
                    given.name if given.name is not None else r["name"],
                    given.description if given.description_given else r["description"],
                    json.dumps(given.metadata),
                    now_iso(),
                    _touch(),
                    vault_id,
                ),
            )
        return self.active_vault(vault_id)

    def archive_vault(self, vault_id: str) -> None:
        """Archive it and its credentials, purging their secrets; no longer the default."""
        ts = now_iso()
        with self._store.tx() as db:
            cur = db.execute(
                "UPDATE vaults SET status = 'archived', is_default = 0, archived_at = ?,"
                f" updated_at = ?, touched = ? WHERE id = ? AND {_ACTIVE}",
                (ts, ts, _touch(), vault_id),
            )
            if cur.rowcount == 0:
                raise VAULT_NOT_FOUND
            self._archive_credentials(db, "vault_id = ? AND archived_at IS NULL", (vault_id,), ts)

    def delete_vault(self, vault_id: str) -> None:
        """Delete it for good, with its credentials: it must be archived, or hold no active
        credential."""
        with self._store.tx() as db:
            r = db.execute(
                "SELECT status, archived_at FROM vaults WHERE id = ?", (vault_id,)
            ).fetchone()
            if r is None:
                raise VAULT_NOT_FOUND
            archived = r["archived_at"] is not None or r["status"] == "archived"
            (active,) = db.execute(
                f"SELECT count(*) FROM vault_credentials WHERE vault_id = ? AND {_ACTIVE}",
                (vault_id,),
            ).fetchone()
            if not archived and active > 0:
                raise vault_error(
                    409,
                    "conflict",
                    "Vault must be archived or have zero active credentials before hard delete",
                )
            db.execute("DELETE FROM vaults WHERE id = ?", (vault_id,))

    def set_default(self, vault_id: str) -> None:
        ts = now_iso()
        with self._store.tx() as db:
            self._require_active_vault(db, vault_id)
            db.execute(
                "UPDATE vaults SET is_default = 0, updated_at = ?, touched = ?"
                " WHERE is_default = 1 AND id != ?",
                (ts, _touch(), vault_id),
            )
            db.execute(
                "UPDATE vaults SET is_default = 1, updated_at = ?, touched = ? WHERE id = ?",
                (ts, _touch(), vault_id),
            )

    # credential changes

    def create_credential(self, vault_id: str, given: CredentialInput) -> CredentialRow:
        credential_id, ts = str(uuid.uuid4()), now_iso()
        with self._store.tx() as db:
            self._require_active_vault(db, vault_id)
            if self._same_server(db, vault_id, given.server_url_normalized) is not None:
                raise DUPLICATE_SERVER
            (active,) = db.execute(
                f"SELECT count(*) FROM vault_credentials WHERE vault_id = ? AND {_ACTIVE}",
                (vault_id,),
            ).fetchone()
            if active >= MAX_ACTIVE_CREDENTIALS:
                raise vault_error(
                    422,
                    "credential_cap_exceeded",
                    f"Vault already has {MAX_ACTIVE_CREDENTIALS} active credentials",
                )
            db.execute(
                "INSERT INTO vault_credentials (id, vault_id, name, server_url,"
                " server_url_normalized, host_pattern, inject, auth_type, auth_summary, secret,"
                " metadata, status, created_at, updated_at, touched)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,'active',?,?,?)",
                (
                    credential_id,
                    vault_id,
                    *self._fields(credential_id, given),
                    ts,
                    ts,
                    _touch(),
                ),
            )
        return self._get_credential(credential_id)

    def update_credential(
        self, vault_id: str, credential_id: str, given: CredentialInput
    ) -> CredentialRow:
        """Replace the credential whole; its normalized server URL cannot change."""
        with self._store.tx() as db:
            self._require_active_vault(db, vault_id)
            r = db.execute(
                f"SELECT server_url_normalized FROM vault_credentials WHERE id = ?"
                f" AND vault_id = ? AND {_ACTIVE}",
                (credential_id, vault_id),
            ).fetchone()
            if r is None:
                raise CREDENTIAL_NOT_FOUND
            same = self._same_server(db, vault_id, given.server_url_normalized)
            if same is not None and same != credential_id:
                raise DUPLICATE_SERVER
            if r["server_url_normalized"] != given.server_url_normalized:
                raise vault_error(
                    400,
                    "validation_error",
                    "MCP server URL is immutable; archive this credential and create a new one",
                )
            db.execute(
                "UPDATE vault_credentials SET name = ?, server_url = ?, server_url_normalized = ?,"
                " host_pattern = ?, inject = ?, auth_type = ?, auth_summary = ?, secret = ?,"
                " metadata = ?, status = 'active', last_error = NULL, updated_at = ?,"
                " touched = ? WHERE id = ?",
                (*self._fields(credential_id, given), now_iso(), _touch(), credential_id),
            )
        return self._get_credential(credential_id)

    def remove_credential(
        self, vault_id: str, credential_id: str, how: Literal["archive", "delete"]
    ) -> None:
        """Archive it (purging its secret), or delete an archived one for good."""
        with self._store.tx() as db:
            if how == "archive":
                found = self._archive_credentials(
                    db,
                    "id = ? AND vault_id = ? AND archived_at IS NULL",
                    (credential_id, vault_id),
                    now_iso(),
                )
                if not found:
                    raise CREDENTIAL_NOT_FOUND
                return
            r = db.execute(
                "SELECT status, archived_at FROM vault_credentials WHERE id = ? AND vault_id = ?",
                (credential_id, vault_id),
            ).fetchone()
            if r is None:
                raise CREDENTIAL_NOT_FOUND
            if r["archived_at"] is None and r["status"] != "archived":
                raise vault_error(409, "conflict", "Credential must be archived before hard delete")
            db.execute("DELETE FROM vault_credentials WHERE id = ?", (credential_id,))

    # helpers

    def _fields(self, credential_id: str, given: CredentialInput) -> tuple[Any, ...]:
        return (
            given.name,
            given.server_url,
            given.server_url_normalized,
            given.host_pattern,
            json.dumps(given.inject),
            given.auth_type,
            json.dumps(given.auth_summary),
            self._box.seal(given.secret, credential_id),
            json.dumps(given.metadata),
        )

    @staticmethod
    def _require_active_vault(db: sqlite3.Connection, vault_id: str) -> None:
        if db.execute(f"SELECT 1 FROM vaults WHERE id = ? AND {_ACTIVE}", (vault_id,)).fetchone():
            return
        raise VAULT_NOT_FOUND

    @staticmethod
    def _same_server(db: sqlite3.Connection, vault_id: str, normalized: str) -> str | None:
        r = db.execute(
            f"SELECT id FROM vault_credentials WHERE vault_id = ? AND server_url_normalized = ?"
            f" AND {_ACTIVE}",
            (vault_id, normalized),
        ).fetchone()
        return r["id"] if r else None

    @staticmethod
    def _archive_credentials(
        db: sqlite3.Connection, where: str, args: tuple[Any, ...], ts: str
    ) -> int:
        rows = db.execute(f"SELECT id, auth_type FROM vault_credentials WHERE {where}", args)
        found = rows.fetchall()
        for r in found:
            db.execute(
                "UPDATE vault_credentials SET status = 'archived', archived_at = ?, secret = NULL,"
                " auth_summary = ?, updated_at = ?, touched = ? WHERE id = ?",
                (ts, json.dumps(archived_auth(r["auth_type"])), ts, _touch(), r["id"]),
            )
        return len(found)

    def _get_credential(self, credential_id: str) -> CredentialRow:
        r = self._store.fetch_one("SELECT * FROM vault_credentials WHERE id = ?", (credential_id,))
        assert r is not None
        return _credential(r)
