from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="CreateTokenRequest")


@_attrs_define(repr=False)
class CreateTokenRequest:
    """The body of `POST /v1/tokens`: which agents a short-lived `an_t_` token may run, for which user,
    and for how long.
    """

    agents: list[str] | None = None
    """ Agent slugs the token may run; absent means all. """
    user_id: str | None = None
    end_user_id: str | None = None
    max_messages: int | None = None
    """ Stored in the token """
    expires_in: str | None = "1h"
    """ Lifetime, capped at 24h; any other format silently becomes 1h. """
    metadata: Any | None = None
    """ Any JSON """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        agents: list[str] | None = None
        if self.agents is not None:
            agents = self.agents

        user_id = self.user_id

        end_user_id = self.end_user_id

        max_messages = self.max_messages

        expires_in = self.expires_in

        metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if agents is not None or "agents" in self._wire_nulls:
            field_dict["agents"] = agents
        if user_id is not None or "userId" in self._wire_nulls:
            field_dict["userId"] = user_id
        if end_user_id is not None or "endUserId" in self._wire_nulls:
            field_dict["endUserId"] = end_user_id
        if max_messages is not None or "maxMessages" in self._wire_nulls:
            field_dict["maxMessages"] = max_messages
        if expires_in is not None or "expiresIn" in self._wire_nulls:
            field_dict["expiresIn"] = expires_in
        if metadata is not None or "metadata" in self._wire_nulls:
            field_dict["metadata"] = metadata

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
                "agents",
                "userId",
                "endUserId",
                "maxMessages",
                "expiresIn",
                "metadata",
            ),
        )
        agents = cast(list[str] | None, d.pop("agents", None))

        user_id = d.pop("userId", None)

        end_user_id = d.pop("endUserId", None)

        max_messages = d.pop("maxMessages", None)

        expires_in = d.pop("expiresIn", None)

        metadata = d.pop("metadata", None)

        create_token_request = cls(
            agents=agents,
            user_id=user_id,
            end_user_id=end_user_id,
            max_messages=max_messages,
            expires_in=expires_in,
            metadata=metadata,
        )
        if wire_nulls:
            create_token_request._wire_nulls = wire_nulls

        create_token_request.additional_properties = d
        return create_token_request

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
            "The body of `POST /v1/tokens`: which agents a short-lived `an_t_` token may run, for which user, and for how long.",
            {
                "agents": {
                    "description": "Agent slugs the token may run; absent means all.",
                    "type": "array",
                },
                "userId": {"type": "string"},
                "endUserId": {"type": "string"},
                "maxMessages": {
                    "description": "Stored in the token",
                    "type": "integer",
                },
                "expiresIn": {
                    "description": "Lifetime, capped at 24h; any other format silently becomes 1h.",
                    "type": "string",
                },
                "metadata": {"description": "Any JSON"},
            },
            (),
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
