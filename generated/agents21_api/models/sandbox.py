from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_ref import AgentRef
    from ..models.sandbox_thread import SandboxThread


T = TypeVar("T", bound="Sandbox")


@_attrs_define
class Sandbox:
    id: str
    sandbox_id: str
    provider: str
    status: str
    """ `active` or `error`; clients must accept unknown values. """
    error: None | str
    """ `<code>: <message>` when status is `error`. """
    agent: AgentRef
    threads: list[SandboxThread]
    """ Newest first. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        sandbox_id = self.sandbox_id

        provider = self.provider

        status = self.status

        error: None | str
        error = self.error

        agent = self.agent.to_dict()

        threads = []
        for threads_item_data in self.threads:
            threads_item = threads_item_data.to_dict()
            threads.append(threads_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "sandboxId": sandbox_id,
                "provider": provider,
                "status": status,
                "error": error,
                "agent": agent,
                "threads": threads,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_ref import AgentRef
        from ..models.sandbox_thread import SandboxThread

        d = dict(src_dict)
        id = d.pop("id")

        sandbox_id = d.pop("sandboxId")

        provider = d.pop("provider")

        status = d.pop("status")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        agent = AgentRef.from_dict(d.pop("agent"))

        threads = []
        _threads = d.pop("threads")
        for threads_item_data in _threads:
            threads_item = SandboxThread.from_dict(threads_item_data)

            threads.append(threads_item)

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        sandbox = cls(
            id=id,
            sandbox_id=sandbox_id,
            provider=provider,
            status=status,
            error=error,
            agent=agent,
            threads=threads,
            created_at=created_at,
            updated_at=updated_at,
        )

        sandbox.additional_properties = d
        return sandbox

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
