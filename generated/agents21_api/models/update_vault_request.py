from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.vault_metadata import VaultMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, VaultMetadata
    from ..models.vault_metadata import VaultMetadata

    _models_loaded = True


T = TypeVar("T", bound="UpdateVaultRequest")


@_attrs_define(repr=False)
class UpdateVaultRequest:
    """The body of `PATCH /v1/mcp/vaults/{vaultId}`: the vault's new name, description or metadata
    (send `metadata` every time).
    """

    name: str | None = None
    description: None | str = None
    metadata: VaultMetadata | None = None
    """ String pairs, in clear text: at most 16, keys ≤ 64 and values ≤ 512 characters. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        name = self.name

        description: None | str
        if self.description is None:
            description = None
        else:
            description = self.description

        metadata: dict[str, Any] | None = None
        if self.metadata is not None:
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if name is not None or "name" in self._wire_nulls:
            field_dict["name"] = name
        if description is not None or "description" in self._wire_nulls:
            field_dict["description"] = description
        if metadata is not None or "metadata" in self._wire_nulls:
            field_dict["metadata"] = metadata

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
        wire_nulls = types.nulls_among(
            d,
            (
                "name",
                "description",
                "metadata",
            ),
        )
        name = d.pop("name", None)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description", None))

        _metadata = d.pop("metadata", None)
        metadata: VaultMetadata | None
        if _metadata is None:
            metadata = None
        else:
            metadata = VaultMetadata.from_dict(_metadata)

        update_vault_request = cls(
            name=name,
            description=description,
            metadata=metadata,
        )
        if wire_nulls:
            update_vault_request._wire_nulls = wire_nulls

        update_vault_request.additional_properties = d
        return update_vault_request

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
            "The body of `PATCH /v1/mcp/vaults/{vaultId}`: the vault\u0027s new name, description or metadata (send `metadata` every time).",
            {
                "name": {"type": "string"},
                "description": {},
                "metadata": {
                    "description": "String pairs, in clear text: at most 16, keys \u2264 64 and values \u2264 512 characters.",
                    "type": "object",
                },
            },
            (),
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
