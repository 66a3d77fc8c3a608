from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_request_mode import ChatRequestMode, check_chat_request_mode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_options import RunOptions
    from ..models.ui_message import UIMessage


T = TypeVar("T", bound="ChatRequest")


@_attrs_define
class ChatRequest:
    messages: list[UIMessage]
    """ Only the last `role:"user"` message is used. """
    sandbox_id: str
    """ An unknown id makes the server create that sandbox. """
    thread_id: str | Unset = UNSET
    """ Must belong to the sandbox; absent means the newest thread """
    name: str | Unset = UNSET
    """ Name of a thread created for this run. """
    mode: ChatRequestMode | Unset = UNSET
    """ `background` answers 202 at once and runs server-side. """
    options: RunOptions | Unset = UNSET
    """ Strict; the local relay rejects an unknown key or invalid value with 400. """
    vault_ids: list[str] | Unset = UNSET
    """ The run's vaults, in order (duplicates dropped); `[]` means none. Absent: the end user's tagged vaults, else
    the agent's pinned ones, else the team's default. Each must be a v4 UUID (400 `vault_resolution_failed`) of an
    active vault of the team (403). """
    external_user_id: str | Unset = UNSET
    id: str | Unset = UNSET
    """ Sent by browser clients (the chat id); ignored. """
    trigger: str | Unset = UNSET
    """ Sent by browser clients; ignored. """
    message_id: str | Unset = UNSET
    """ Sent by browser clients; ignored. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        sandbox_id = self.sandbox_id

        thread_id = self.thread_id

        name = self.name

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        vault_ids: list[str] | Unset = UNSET
        if not isinstance(self.vault_ids, Unset):
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
        if thread_id is not UNSET:
            field_dict["threadId"] = thread_id
        if name is not UNSET:
            field_dict["name"] = name
        if mode is not UNSET:
            field_dict["mode"] = mode
        if options is not UNSET:
            field_dict["options"] = options
        if vault_ids is not UNSET:
            field_dict["vaultIds"] = vault_ids
        if external_user_id is not UNSET:
            field_dict["externalUserId"] = external_user_id
        if id is not UNSET:
            field_dict["id"] = id
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if message_id is not UNSET:
            field_dict["messageId"] = message_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.run_options import RunOptions
        from ..models.ui_message import UIMessage

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = UIMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        sandbox_id = d.pop("sandboxId")

        thread_id = d.pop("threadId", UNSET)

        name = d.pop("name", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: ChatRequestMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_chat_request_mode(_mode)

        _options = d.pop("options", UNSET)
        options: RunOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RunOptions.from_dict(_options)

        vault_ids = cast(list[str], d.pop("vaultIds", UNSET))

        external_user_id = d.pop("externalUserId", UNSET)

        id = d.pop("id", UNSET)

        trigger = d.pop("trigger", UNSET)

        message_id = d.pop("messageId", UNSET)

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

        chat_request.additional_properties = d
        return chat_request

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
