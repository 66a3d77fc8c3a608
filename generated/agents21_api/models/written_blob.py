from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="WrittenBlob")


@_attrs_define(repr=False)
class WrittenBlob:
    """A binary write: `size` in bytes; a `stream` write reports its request's `Content-Length`, and
    leaves `size` out without one.
    """

    path: str
    """ The path as it was sent. """
    size: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        path = self.path

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
            }
        )
        if size is not None or "size" in self._wire_nulls:
            field_dict["size"] = size

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)
        wire_nulls = types.nulls_among(d, ("size",))
        path = d.pop("path")

        size = d.pop("size", None)

        written_blob = cls(
            path=path,
            size=size,
        )
        if wire_nulls:
            written_blob._wire_nulls = wire_nulls

        written_blob.additional_properties = d
        return written_blob

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
            "A binary write: `size` in bytes; a `stream` write reports its request\u0027s `Content-Length`, and leaves `size` out without one.",
            {
                "path": {"description": "The path as it was sent.", "type": "string"},
                "size": {"type": "integer"},
            },
            ("path",),
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
