from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.chat_request_mode import ChatRequestMode, check_chat_request_mode

if TYPE_CHECKING:
    from ..models.run_options import RunOptions
    from ..models.ui_message import UIMessage

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, RunOptions, UIMessage
    from ..models.run_options import RunOptions
    from ..models.ui_message import UIMessage

    _models_loaded = True


T = TypeVar("T", bound="ChatRequest")


@_attrs_define(repr=False)
class ChatRequest:
    """The body of `POST /v1/chat/{agent}`: the user's message, the sandbox and thread to run in, and
    the run's options and vaults.
    """

    messages: list[UIMessage]
    """ Only the last `role:"user"` message is used. """
    sandbox_id: str
    """ An unknown id makes the server create that sandbox. """
    thread_id: str | None = None
    """ Must belong to the sandbox; absent means the newest thread """
    name: str | None = None
    """ Name of a thread created for this run. """
    mode: ChatRequestMode | None = None
    """ `background` answers 202 at once and runs server-side. """
    options: RunOptions | None = None
    """ Strict; the local relay rejects an unknown key or invalid value with 400. """
    vault_ids: list[str] | None = None
    """ The run's vaults, in order (duplicates dropped); `[]` means none. Absent: the end user's
    tagged vaults, else the agent's pinned ones, else the team's default. Each must be a v4 UUID
    (400 `vault_resolution_failed`) of an active vault of the team (403). """
    external_user_id: str | None = None
    id: str | None = None
    """ Sent by browser clients (the chat id); ignored. """
    trigger: str | None = None
    """ Sent by browser clients; ignored. """
    message_id: str | None = None
    """ Sent by browser clients; ignored. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        sandbox_id = self.sandbox_id

        thread_id = self.thread_id

        name = self.name

        mode: str | None = None
        if self.mode is not None:
            mode = self.mode

        options: dict[str, Any] | None = None
        if self.options is not None:
            options = self.options.to_dict()

        vault_ids: list[str] | None = None
        if self.vault_ids is not None:
            vault_ids = self.vault_ids

        external_user_id = self.external_user_id

        id = self.id

        trigger = self.trigger

        message_id = self.message_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
                "sandboxId": sandbox_id,
            }
        )
        if thread_id is not None or "threadId" in self._wire_nulls:
            field_dict["threadId"] = thread_id
        if name is not None or "name" in self._wire_nulls:
            field_dict["name"] = name
        if mode is not None or "mode" in self._wire_nulls:
            field_dict["mode"] = mode
        if options is not None or "options" in self._wire_nulls:
            field_dict["options"] = options
        if vault_ids is not None or "vaultIds" in self._wire_nulls:
            field_dict["vaultIds"] = vault_ids
        if external_user_id is not None or "externalUserId" in self._wire_nulls:
            field_dict["externalUserId"] = external_user_id
        if id is not None or "id" in self._wire_nulls:
            field_dict["id"] = id
        if trigger is not None or "trigger" in self._wire_nulls:
            field_dict["trigger"] = trigger
        if message_id is not None or "messageId" in self._wire_nulls:
            field_dict["messageId"] = message_id

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
        wire_nulls = types.nulls_among(
            d,
            (
                "threadId",
                "name",
                "mode",
                "options",
                "vaultIds",
                "externalUserId",
                "id",
                "trigger",
                "messageId",
            ),
        )
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = UIMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        sandbox_id = d.pop("sandboxId")

        thread_id = d.pop("threadId", None)

        name = d.pop("name", None)

        _mode = d.pop("mode", None)
        mode: ChatRequestMode | None
        if _mode is None:
            mode = None
        else:
            mode = check_chat_request_mode(_mode)

        _options = d.pop("options", None)
        options: RunOptions | None
        if _options is None:
            options = None
        else:
            options = RunOptions.from_dict(_options)

        vault_ids = cast(list[str] | None, d.pop("vaultIds", None))

        external_user_id = d.pop("externalUserId", None)

        id = d.pop("id", None)

        trigger = d.pop("trigger", None)

        message_id = d.pop("messageId", None)

        chat_request = cls(
            messages=messages,
            sandbox_id=sandbox_id,
            thread_id=thread_id,
            name=name,
            mode=mode,
            options=options,
            vault_ids=vault_ids,
            external_user_id=external_user_id,
            id=id,
            trigger=trigger,
            message_id=message_id,
        )
        if wire_nulls:
            chat_request._wire_nulls = wire_nulls

        chat_request.additional_properties = d
        return chat_request

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
            "The body of `POST /v1/chat/{agent}`: the user\u0027s message, the sandbox and thread to run in, and the run\u0027s options and vaults.",
            {
                "messages": {
                    "description": 'Only the last `role:"user"` message is used.',
                    "type": "array",
                },
                "sandboxId": {
                    "description": "An unknown id makes the server create that sandbox.",
                    "type": "string",
                },
                "threadId": {
                    "description": "Must belong to the sandbox; absent means the newest thread",
                    "type": "string",
                },
                "name": {
                    "description": "Name of a thread created for this run.",
                    "type": "string",
                },
                "mode": {
                    "description": "`background` answers 202 at once and runs server-side.",
                    "type": "string",
                },
                "options": {
                    "description": "Strict; the local relay rejects an unknown key or invalid value with 400.",
                    "type": "object",
                },
                "vaultIds": {
                    "description": "The run\u0027s vaults, in order (duplicates dropped); `[]` means none. Absent: the end user\u0027s tagged vaults, else the agent\u0027s pinned ones, else the team\u0027s default. Each must be a v4 UUID (400 `vault_resolution_failed`) of an active vault of the team (403).",
                    "type": "array",
                },
                "externalUserId": {"type": "string"},
                "id": {
                    "description": "Sent by browser clients (the chat id); ignored.",
                    "type": "string",
                },
                "trigger": {
                    "description": "Sent by browser clients; ignored.",
                    "type": "string",
                },
                "messageId": {
                    "description": "Sent by browser clients; ignored.",
                    "type": "string",
                },
            },
            (
                "messages",
                "sandboxId",
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
