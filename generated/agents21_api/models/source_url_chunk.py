from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.provider_metadata import ProviderMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, ProviderMetadata
    from ..models.provider_metadata import ProviderMetadata

    _models_loaded = True


T = TypeVar("T", bound="SourceUrlChunk")


@_attrs_define(repr=False)
class SourceUrlChunk:
    """`source-url`: a web page the answer cites; adds a `source-url` part."""

    type_: Literal["source-url"]
    source_id: str
    url: str
    title: str | None = None
    provider_metadata: ProviderMetadata | None = None
    """ What the model's provider adds, by provider name: `{"anthropic": {...}}`. """
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

        source_id = self.source_id

        url = self.url

        title = self.title

        provider_metadata: dict[str, Any] | None = None
        if self.provider_metadata is not None:
            provider_metadata = self.provider_metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sourceId": source_id,
                "url": url,
            }
        )
        if title is not None or "title" in self._wire_nulls:
            field_dict["title"] = title
        if provider_metadata is not None or "providerMetadata" in self._wire_nulls:
            field_dict["providerMetadata"] = provider_metadata

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
        if src_dict.get("type", "source-url") != "source-url":
            raise ValueError(
                f"type must match const 'source-url', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "title",
                "providerMetadata",
            ),
        )
        type_ = d.pop("type")

        source_id = d.pop("sourceId")

        url = d.pop("url")

        title = d.pop("title", None)

        _provider_metadata = d.pop("providerMetadata", None)
        provider_metadata: ProviderMetadata | None
        if _provider_metadata is None:
            provider_metadata = None
        else:
            provider_metadata = ProviderMetadata.from_dict(_provider_metadata)

        source_url_chunk = cls(
            type_=type_,
            source_id=source_id,
            url=url,
            title=title,
            provider_metadata=provider_metadata,
        )
        if wire_nulls:
            source_url_chunk._wire_nulls = wire_nulls

        source_url_chunk.additional_properties = d
        return source_url_chunk

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
            "`source-url`: a web page the answer cites; adds a `source-url` part.",
            {
                "type": {},
                "sourceId": {"type": "string"},
                "url": {"type": "string"},
                "title": {"type": "string"},
                "providerMetadata": {
                    "description": 'What the model\u0027s provider adds, by provider name: `{"anthropic": {...}}`.',
                    "type": "object",
                },
            },
            (
                "type",
                "sourceId",
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
