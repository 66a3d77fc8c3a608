from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.vault import Vault
    from ..models.vault_suggestion import VaultSuggestion

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, Vault, VaultSuggestion
    from ..models.vault import Vault
    from ..models.vault_suggestion import VaultSuggestion

    _models_loaded = True


T = TypeVar("T", bound="VaultList")


@_attrs_define(repr=False)
class VaultList:
    """The answer of `GET /v1/mcp/vaults`: every vault of the team, archived too, and the suggested MCP
    servers.
    """

    vaults: list[Vault]
    suggestions: list[VaultSuggestion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        vaults = []
        for vaults_item_data in self.vaults:
            vaults_item = vaults_item_data.to_dict()

            vaults.append(vaults_item)

        suggestions = []
        for suggestions_item_data in self.suggestions:
            suggestions_item = suggestions_item_data.to_dict()

            suggestions.append(suggestions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vaults": vaults,
                "suggestions": suggestions,
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
        vaults = []
        _vaults = d.pop("vaults")
        for vaults_item_data in _vaults:
            vaults_item = Vault.from_dict(vaults_item_data)

            vaults.append(vaults_item)

        suggestions = []
        _suggestions = d.pop("suggestions")
        for suggestions_item_data in _suggestions:
            suggestions_item = VaultSuggestion.from_dict(suggestions_item_data)

            suggestions.append(suggestions_item)

        vault_list = cls(
            vaults=vaults,
            suggestions=suggestions,
        )

        vault_list.additional_properties = d
        return vault_list

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
            "The answer of `GET /v1/mcp/vaults`: every vault of the team, archived too, and the suggested MCP servers.",
            {
                "vaults": {"type": "array"},
                "suggestions": {"type": "array"},
            },
            (
                "vaults",
                "suggestions",
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
