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

T = TypeVar("T", bound="FileUIPart")


@_attrs_define(repr=False)
class FileUIPart:
    """A `file` part of a UIMessage: a file, by URL or data URL, with its media type; sent by the user,
    or from a `file` chunk.
    """

    type_: Literal["file"]
    media_type: str
    url: str
    filename: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        media_type = self.media_type

        url = self.url

        filename = self.filename

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "mediaType": media_type,
                "url": url,
            }
        )
        if filename is not None or "filename" in self._wire_nulls:
            field_dict["filename"] = filename

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "file") != "file":
            raise ValueError(f"type must match const 'file', got '{src_dict['type']}'")
        d = dict(src_dict)
        wire_nulls = types.nulls_among(d, ("filename",))
        type_ = d.pop("type")

        media_type = d.pop("mediaType")

        url = d.pop("url")

        filename = d.pop("filename", None)

        file_ui_part = cls(
            type_=type_,
            media_type=media_type,
            url=url,
            filename=filename,
        )
        if wire_nulls:
            file_ui_part._wire_nulls = wire_nulls

        file_ui_part.additional_properties = d
        return file_ui_part

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
            "A `file` part of a UIMessage: a file, by URL or data URL, with its media type; sent by the user, or from a `file` chunk.",
            {
                "type": {},
                "mediaType": {"type": "string"},
                "url": {"type": "string"},
                "filename": {"type": "string"},
            },
            (
                "type",
                "mediaType",
                "url",
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
