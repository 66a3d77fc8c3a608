from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateTokenRequest")


@_attrs_define
class CreateTokenRequest:
    agents: list[str] | Unset = UNSET
    """ Agent slugs the token may run; absent means all. """
    user_id: str | Unset = UNSET
    end_user_id: str | Unset = UNSET
    max_messages: int | Unset = UNSET
    """ Stored in the token """
    expires_in: str | Unset = "1h"
    """ Lifetime, capped at 24h; any other format silently becomes 1h. """
    metadata: Any | Unset = UNSET
    """ Any JSON """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents: list[str] | Unset = UNSET
        if not isinstance(self.agents, Unset):
            agents = self.agents

        user_id = self.user_id

        end_user_id = self.end_user_id

        max_messages = self.max_messages

        expires_in = self.expires_in

        metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agents is not UNSET:
            field_dict["agents"] = agents
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if end_user_id is not UNSET:
            field_dict["endUserId"] = end_user_id
        if max_messages is not UNSET:
            field_dict["maxMessages"] = max_messages
        if expires_in is not UNSET:
            field_dict["expiresIn"] = expires_in
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agents = cast(list[str], d.pop("agents", UNSET))

        user_id = d.pop("userId", UNSET)

        end_user_id = d.pop("endUserId", UNSET)

        max_messages = d.pop("maxMessages", UNSET)

        expires_in = d.pop("expiresIn", UNSET)

        metadata = d.pop("metadata", UNSET)

        create_token_request = cls(
            agents=agents,
            user_id=user_id,
            end_user_id=end_user_id,
            max_messages=max_messages,
            expires_in=expires_in,
            metadata=metadata,
        )

        create_token_request.additional_properties = d
        return create_token_request

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
