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

T = TypeVar("T", bound="BasicInject")


@_attrs_define(repr=False)
class BasicInject:
    """An `inject` of kind `basic`: the credential proxy sends HTTP Basic auth, `username` with the
    secret as the password.
    """

    kind: Literal["basic"]
    username: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        kind = self.kind

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if username is not None or "username" in self._wire_nulls:
            field_dict["username"] = username

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("kind", "basic") != "basic":
            raise ValueError(f"kind must match const 'basic', got '{src_dict['kind']}'")
        d = dict(src_dict)
        wire_nulls = types.nulls_among(d, ("username",))
        kind = d.pop("kind")

        username = d.pop("username", None)

        basic_inject = cls(
            kind=kind,
            username=username,
        )
        if wire_nulls:
            basic_inject._wire_nulls = wire_nulls

        basic_inject.additional_properties = d
        return basic_inject

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
            "An `inject` of kind `basic`: the credential proxy sends HTTP Basic auth, `username` with the secret as the password.",
            {
                "kind": {},
                "username": {"type": "string"},
            },
            ("kind",),
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
