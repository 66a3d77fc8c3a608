from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="DataChunk")


@_attrs_define(repr=False)
class DataChunk:
    """A custom data chunk; `type` is `data-<name>`."""

    type_: str
    data: Any
    """ Any JSON. """
    id: str | None = None
    transient: bool | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        data = self.data

        id = self.id

        transient = self.transient

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )
        if id is not None or "id" in self._wire_nulls:
            field_dict["id"] = id
        if transient is not None or "transient" in self._wire_nulls:
            field_dict["transient"] = transient

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "id",
                "transient",
            ),
        )
        type_ = d.pop("type")

        data = d.pop("data")

        id = d.pop("id", None)

        transient = d.pop("transient", None)

        data_chunk = cls(
            type_=type_,
            data=data,
            id=id,
            transient=transient,
        )
        if wire_nulls:
            data_chunk._wire_nulls = wire_nulls

        data_chunk.additional_properties = d
        return data_chunk

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
            "A custom data chunk; `type` is `data-\u003cname\u003e`.",
            {
                "type": {"type": "string"},
                "data": {"description": "Any JSON."},
                "id": {"type": "string"},
                "transient": {"type": "boolean"},
            },
            (
                "type",
                "data",
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
