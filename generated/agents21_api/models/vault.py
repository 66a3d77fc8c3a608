from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.vault_status import VaultStatus, check_vault_status

if TYPE_CHECKING:
    from ..models.vault_credential import VaultCredential
    from ..models.vault_metadata import VaultMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, VaultCredential, VaultMetadata
    from ..models.vault_credential import VaultCredential
    from ..models.vault_metadata import VaultMetadata

    _models_loaded = True


T = TypeVar("T", bound="Vault")


@_attrs_define(repr=False)
class Vault:
    """A vault: a named set of the team's MCP server credentials, redacted. It appears in `VaultList`,
    `VaultDetail` and `VaultResponse`.
    """

    id: str
    """ A UUID. """
    team_id: str
    name: str
    description: None | str
    metadata: VaultMetadata
    """ String pairs, in clear text: at most 16, keys ≤ 64 and values ≤ 512 characters. """
    is_default: bool
    status: VaultStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None
    credentials: list[VaultCredential]
    """ Archived ones too, most recently updated first. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        id = self.id

        team_id = self.team_id

        name = self.name

        description: None | str
        description = self.description

        metadata = self.metadata.to_dict()

        is_default = self.is_default

        status = self.status

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()

        else:
            archived_at = self.archived_at

        credentials = []
        for credentials_item_data in self.credentials:
            credentials_item = credentials_item_data.to_dict()

            credentials.append(credentials_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "teamId": team_id,
                "name": name,
                "description": description,
                "metadata": metadata,
                "isDefault": is_default,
                "status": status,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "archivedAt": archived_at,
                "credentials": credentials,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        if not _models_loaded:
            _load_models()
        d = dict(src_dict)
        id = d.pop("id")

        team_id = d.pop("teamId")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        metadata = VaultMetadata.from_dict(d.pop("metadata"))

        is_default = d.pop("isDefault")

        status = check_vault_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archivedAt"))

        credentials = []
        _credentials = d.pop("credentials")
        for credentials_item_data in _credentials:
            credentials_item = VaultCredential.from_dict(credentials_item_data)

            credentials.append(credentials_item)

        vault = cls(
            id=id,
            team_id=team_id,
            name=name,
            description=description,
            metadata=metadata,
            is_default=is_default,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            archived_at=archived_at,
            credentials=credentials,
        )

        vault.additional_properties = d
        return vault

    def __repr__(self) -> str:
        return types.model_repr(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return types.pydantic_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: Any, handler: Any
    ) -> dict[str, Any]:
        return types.pydantic_json_schema(
            cls,
            "A vault: a named set of the team\u0027s MCP server credentials, redacted. It appears in `VaultList`, `VaultDetail` and `VaultResponse`.",
            {
                "id": {"description": "A UUID.", "type": "string"},
                "teamId": {"type": "string"},
                "name": {"type": "string"},
                "description": {},
                "metadata": {
                    "description": "String pairs, in clear text: at most 16, keys \u2264 64 and values \u2264 512 characters.",
                    "type": "object",
                },
                "isDefault": {"type": "boolean"},
                "status": {"type": "string"},
                "createdAt": {"type": "string"},
                "updatedAt": {"type": "string"},
                "archivedAt": {},
                "credentials": {
                    "description": "Archived ones too, most recently updated first.",
                    "type": "array",
                },
            },
            (
                "id",
                "teamId",
                "name",
                "description",
                "metadata",
                "isDefault",
                "status",
                "createdAt",
                "updatedAt",
                "archivedAt",
                "credentials",
            ),
        )

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
