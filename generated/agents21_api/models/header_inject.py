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

T = TypeVar("T", bound="HeaderInject")


@_attrs_define(repr=False)
class HeaderInject:
    """An `inject` of kind `header`: the credential proxy sends the secret in the header `header`,
    after `prefix`.
    """

    kind: Literal["header"]
    header: str
    prefix: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        kind = self.kind

        header = self.header

        prefix = self.prefix

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "header": header,
            }
        )
        if prefix is not None or "prefix" in self._wire_nulls:
            field_dict["prefix"] = prefix

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("kind", "header") != "header":
            raise ValueError(
                f"kind must match const 'header', got '{src_dict['kind']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(d, ("prefix",))
        kind = d.pop("kind")

        header = d.pop("header")

        prefix = d.pop("prefix", None)

        header_inject = cls(
            kind=kind,
            header=header,
            prefix=prefix,
        )
        if wire_nulls:
            header_inject._wire_nulls = wire_nulls

        header_inject.additional_properties = d
        return header_inject

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
            "An `inject` of kind `header`: the credential proxy sends the secret in the header `header`, after `prefix`.",
            {
                "kind": {},
                "header": {"type": "string"},
                "prefix": {"type": "string"},
            },
            (
                "kind",
                "header",
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
