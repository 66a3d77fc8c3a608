from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="BearerAuthSummary")


@_attrs_define(repr=False)
class BearerAuthSummary:
    """The `auth` of a bearer credential in `VaultCredential`: whether a token is set, never the token."""

    type_: Literal["bearer"]
    has_token: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        has_token = self.has_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "hasToken": has_token,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "bearer") != "bearer":
            raise ValueError(
                f"type must match const 'bearer', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        type_ = d.pop("type")

        has_token = d.pop("hasToken")

        bearer_auth_summary = cls(
            type_=type_,
            has_token=has_token,
        )

        bearer_auth_summary.additional_properties = d
        return bearer_auth_summary

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
            "The `auth` of a bearer credential in `VaultCredential`: whether a token is set, never the token.",
            {
                "type": {},
                "hasToken": {"type": "boolean"},
            },
            (
                "type",
                "hasToken",
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
