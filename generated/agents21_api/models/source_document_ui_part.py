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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provider_metadata import ProviderMetadata


T = TypeVar("T", bound="SourceDocumentUIPart")


@_attrs_define
class SourceDocumentUIPart:
    type_: Literal["source-document"]
    source_id: str
    media_type: str
    title: str
    filename: str | Unset = UNSET
    provider_metadata: ProviderMetadata | Unset = UNSET
    """ What the model's provider adds, by provider name: `{"anthropic": {...}}`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        source_id = self.source_id

        media_type = self.media_type

        title = self.title

        filename = self.filename

        provider_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provider_metadata, Unset):
            provider_metadata = self.provider_metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "sourceId": source_id,
                "mediaType": media_type,
                "title": title,
            }
        )
        if filename is not UNSET:
            field_dict["filename"] = filename
        if provider_metadata is not UNSET:
            field_dict["providerMetadata"] = provider_metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.provider_metadata import ProviderMetadata

        d = dict(src_dict)
        type_ = cast(Literal["source-document"], d.pop("type"))
        if type_ != "source-document":
            raise ValueError(f"type must match const 'source-document', got '{type_}'")

        source_id = d.pop("sourceId")

        media_type = d.pop("mediaType")

        title = d.pop("title")

        filename = d.pop("filename", UNSET)

        _provider_metadata = d.pop("providerMetadata", UNSET)
        provider_metadata: ProviderMetadata | Unset
        if isinstance(_provider_metadata, Unset):
            provider_metadata = UNSET
        else:
            provider_metadata = ProviderMetadata.from_dict(_provider_metadata)

        source_document_ui_part = cls(
            type_=type_,
            source_id=source_id,
            media_type=media_type,
            title=title,
            filename=filename,
            provider_metadata=provider_metadata,
        )

        source_document_ui_part.additional_properties = d
        return source_document_ui_part

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
