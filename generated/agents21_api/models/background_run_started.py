from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="BackgroundRunStarted")


@_attrs_define(repr=False)
class BackgroundRunStarted:
    """The 202 answer of `POST /v1/chat/{agent}` in background mode: the thread and sandbox of the run,
    which goes on server-side.
    """

    thread_id: str
    sandbox_id: str
    status: str
    """ `running`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        thread_id = self.thread_id

        sandbox_id = self.sandbox_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "threadId": thread_id,
                "sandboxId": sandbox_id,
                "status": status,
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
        thread_id = d.pop("threadId")

        sandbox_id = d.pop("sandboxId")

        status = d.pop("status")

        background_run_started = cls(
            thread_id=thread_id,
            sandbox_id=sandbox_id,
            status=status,
        )

        background_run_started.additional_properties = d
        return background_run_started

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
            "The 202 answer of `POST /v1/chat/{agent}` in background mode: the thread and sandbox of the run, which goes on server-side.",
            {
                "threadId": {"type": "string"},
                "sandboxId": {"type": "string"},
                "status": {"description": "`running`.", "type": "string"},
            },
            (
                "threadId",
                "sandboxId",
                "status",
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
