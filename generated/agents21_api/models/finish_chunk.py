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


T = TypeVar("T", bound="FinishChunk")


@_attrs_define(repr=False)
class FinishChunk:
    """`finish`: the assistant message is complete; the last chunk before `[DONE]`."""

    type_: Literal["finish"]
    finish_reason: str | None = None
    message_metadata: Any | MessageMetadata | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        type_ = self.type_

        finish_reason = self.finish_reason

        message_metadata: Any | dict[str, Any] | None
        if self.message_metadata is None:
            message_metadata = None
        elif isinstance(self.message_metadata, MessageMetadata):
            message_metadata = self.message_metadata.to_dict()

        else:
            message_metadata = self.message_metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if finish_reason is not None or "finishReason" in self._wire_nulls:
            field_dict["finishReason"] = finish_reason
        if message_metadata is not None or "messageMetadata" in self._wire_nulls:
            field_dict["messageMetadata"] = message_metadata

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
        if src_dict.get("type", "finish") != "finish":
            raise ValueError(
                f"type must match const 'finish', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "finishReason",
                "messageMetadata",
            ),
        )
        type_ = d.pop("type")

        finish_reason = d.pop("finishReason", None)

        def _parse_message_metadata(data: object) -> Any | MessageMetadata | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                message_metadata_type_0 = MessageMetadata.from_dict(data)

                return message_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Any | MessageMetadata | None, data)

        message_metadata = _parse_message_metadata(d.pop("messageMetadata", None))

        finish_chunk = cls(
            type_=type_,
            finish_reason=finish_reason,
            message_metadata=message_metadata,
        )
        if wire_nulls:
            finish_chunk._wire_nulls = wire_nulls

        finish_chunk.additional_properties = d
        return finish_chunk

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
            "`finish`: the assistant message is complete; the last chunk before `[DONE]`.",
            {
                "type": {},
                "finishReason": {"type": "string"},
                "messageMetadata": {},
            },
            ("type",),
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
