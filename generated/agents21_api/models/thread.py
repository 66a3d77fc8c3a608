from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.thread_usage import ThreadUsage
    from ..models.ui_message import UIMessage

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, ThreadUsage, UIMessage
    from ..models.thread_usage import ThreadUsage
    from ..models.ui_message import UIMessage

    _models_loaded = True


T = TypeVar("T", bound="Thread")


@_attrs_define(repr=False)
class Thread:
    """The answer of `GET /v1/sandboxes/{sandboxId}/threads/{threadId}`: the thread with its stored
    messages, last turn's usage and error.
    """

    id: str
    name: None | str
    status: str
    """ `idle`, `streaming`, `completed`, `error` or `cancelled` (clients must accept unknown
    values). """
    messages: list[UIMessage] | None
    """ The stored conversation; null until a run completes. """
    usage: ThreadUsage
    """ The last completed turn's figures, not a sum over turns: each completed turn replaces what
    it reports; a failed or cancelled turn leaves them. """
    error: None | str
    """ `<code>: <message>` when status is `error` or `cancelled`. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    completed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        id = self.id

        name: None | str
        name = self.name

        status = self.status

        messages: list[dict[str, Any]] | None
        if isinstance(self.messages, list):
            messages = []
            for messages_type_0_item_data in self.messages:
                messages_type_0_item = messages_type_0_item_data.to_dict()

                messages.append(messages_type_0_item)

        else:
            messages = self.messages

        usage = self.usage.to_dict()

        error: None | str
        error = self.error

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()

        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "messages": messages,
                "usage": usage,
                "error": error,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "completedAt": completed_at,
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

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        status = d.pop("status")

        def _parse_messages(data: object) -> list[UIMessage] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                messages_type_0 = []
                _messages_type_0 = data
                for messages_type_0_item_data in _messages_type_0:
                    messages_type_0_item = UIMessage.from_dict(
                        messages_type_0_item_data
                    )

                    messages_type_0.append(messages_type_0_item)

                return messages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UIMessage] | None, data)

        messages = _parse_messages(d.pop("messages"))

        usage = ThreadUsage.from_dict(d.pop("usage"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completedAt"))

        thread = cls(
            id=id,
            name=name,
            status=status,
            messages=messages,
            usage=usage,
            error=error,
            created_at=created_at,
            updated_at=updated_at,
            completed_at=completed_at,
        )

        thread.additional_properties = d
        return thread

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
            "The answer of `GET /v1/sandboxes/{sandboxId}/threads/{threadId}`: the thread with its stored messages, last turn\u0027s usage and error.",
            {
                "id": {"type": "string"},
                "name": {},
                "status": {
                    "description": "`idle`, `streaming`, `completed`, `error` or `cancelled` (clients must accept unknown values).",
                    "type": "string",
                },
                "messages": {
                    "description": "The stored conversation; null until a run completes.",
                    "type": "array",
                },
                "usage": {
                    "description": "The last completed turn\u0027s figures, not a sum over turns: each completed turn replaces what it reports; a failed or cancelled turn leaves them.",
                    "type": "object",
                },
                "error": {
                    "description": "`\u003ccode\u003e: \u003cmessage\u003e` when status is `error` or `cancelled`."
                },
                "createdAt": {"type": "string"},
                "updatedAt": {"type": "string"},
                "completedAt": {},
            },
            (
                "id",
                "name",
                "status",
                "messages",
                "usage",
                "error",
                "createdAt",
                "updatedAt",
                "completedAt",
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
