from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="SandboxCreated")


@_attrs_define(repr=False)
class SandboxCreated:
    """The answer of `POST /v1/sandboxes`: the new sandbox's public and provider ids, its status and
    when it was created.
    """

    id: str
    """ The public id. """
    provider_sandbox_id: str
    """ The provider's own id; methods take `id`. """
    status: str
    """ `active` (clients must accept unknown values). """
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        id = self.id

        sandbox_id = self.provider_sandbox_id

        status = self.status

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "sandboxId": sandbox_id,
                "status": status,
                "createdAt": created_at,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)
        id = d.pop("id")

        sandbox_id = d.pop("sandboxId")

        status = d.pop("status")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        sandbox_created = cls(
            id=id,
            provider_sandbox_id=sandbox_id,
            status=status,
            created_at=created_at,
        )

        sandbox_created.additional_properties = d
        return sandbox_created

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
            "The answer of `POST /v1/sandboxes`: the new sandbox\u0027s public and provider ids, its status and when it was created.",
            {
                "id": {"description": "The public id.", "type": "string"},
                "sandboxId": {
                    "description": "The provider\u0027s own id; methods take `id`.",
                    "type": "string",
                },
                "status": {
                    "description": "`active` (clients must accept unknown values).",
                    "type": "string",
                },
                "createdAt": {"type": "string"},
            },
            (
                "id",
                "sandboxId",
                "status",
                "createdAt",
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
