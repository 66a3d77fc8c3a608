from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.message_metadata import MessageMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, MessageMetadata
    from ..models.message_metadata import MessageMetadata

    _models_loaded = True


T = TypeVar("T", bound="MessageMetadataChunk")


@_attrs_define(repr=False)
class MessageMetadataChunk:
    """`message-metadata`: metadata of the run (usage, cost, duration), merged into the assistant
    message's `metadata`.
    """

    type_: Literal["message-metadata"]
    message_metadata: Any | MessageMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        type_ = self.type_

        message_metadata: Any | dict[str, Any]
        if isinstance(self.message_metadata, MessageMetadata):
            message_metadata = self.message_metadata.to_dict()

        else:
            message_metadata = self.message_metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "messageMetadata": message_metadata,
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
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "message-metadata") != "message-metadata":
            raise ValueError(
                f"type must match const 'message-metadata', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        type_ = d.pop("type")

        def _parse_message_metadata(data: object) -> Any | MessageMetadata:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                message_metadata_type_0 = MessageMetadata.from_dict(data)

                return message_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Any | MessageMetadata, data)

        message_metadata = _parse_message_metadata(d.pop("messageMetadata"))

        message_metadata_chunk = cls(
            type_=type_,
            message_metadata=message_metadata,
        )

        message_metadata_chunk.additional_properties = d
        return message_metadata_chunk

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
            "`message-metadata`: metadata of the run (usage, cost, duration), merged into the assistant message\u0027s `metadata`.",
            {
                "type": {},
                "messageMetadata": {},
            },
            (
                "type",
                "messageMetadata",
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
