from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.agent_ref import AgentRef
    from ..models.sandbox_thread import SandboxThread

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, AgentRef, SandboxThread
    from ..models.agent_ref import AgentRef
    from ..models.sandbox_thread import SandboxThread

    _models_loaded = True


T = TypeVar("T", bound="Sandbox")


@_attrs_define(repr=False)
class Sandbox:
    """The answer of `GET /v1/sandboxes/{sandboxId}`: the sandbox, its agent and its threads, newest
    first.
    """

    id: str
    provider_sandbox_id: str
    """ The provider's own id; methods take `id`. """
    provider: str
    status: str
    """ `active` or `error`; clients must accept unknown values. """
    error: None | str
    """ `<code>: <message>` when status is `error`. """
    agent: AgentRef
    """ The agent a sandbox belongs to, by slug and name (`agent` in `GET
    /v1/sandboxes/{sandboxId}`). """
    threads: list[SandboxThread]
    """ Newest first. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        id = self.id

        sandbox_id = self.provider_sandbox_id

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

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        if not _models_loaded:
            _load_models()
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
            provider_sandbox_id=sandbox_id,
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
            "The answer of `GET /v1/sandboxes/{sandboxId}`: the sandbox, its agent and its threads, newest first.",
            {
                "id": {"type": "string"},
                "sandboxId": {
                    "description": "The provider\u0027s own id; methods take `id`.",
                    "type": "string",
                },
                "provider": {"type": "string"},
                "status": {
                    "description": "`active` or `error`; clients must accept unknown values.",
                    "type": "string",
                },
                "error": {
                    "description": "`\u003ccode\u003e: \u003cmessage\u003e` when status is `error`."
                },
                "agent": {
                    "description": "The agent a sandbox belongs to, by slug and name (`agent` in `GET /v1/sandboxes/{sandboxId}`).",
                    "type": "object",
                },
                "threads": {"description": "Newest first.", "type": "array"},
                "createdAt": {"type": "string"},
                "updatedAt": {"type": "string"},
            },
            (
                "id",
                "sandboxId",
                "provider",
                "status",
                "error",
                "agent",
                "threads",
                "createdAt",
                "updatedAt",
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
