from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_sandbox_request_envs import CreateSandboxRequestEnvs
    from ..models.create_sandbox_request_files import CreateSandboxRequestFiles


T = TypeVar("T", bound="CreateSandboxRequest")


@_attrs_define
class CreateSandboxRequest:
    agent: str
    """ The agent's slug. """
    files: CreateSandboxRequestFiles | Unset = UNSET
    """ Path to text content, written before setup. """
    envs: CreateSandboxRequestEnvs | Unset = UNSET
    """ Environment variables for every command in the sandbox. """
    setup: list[str] | Unset = UNSET
    """ Shell commands run in order after the agent's own setup. """
    timeout_ms: int | Unset = UNSET
    """ Idle lifetime before the sandbox is reaped. """
    network_allow_out: list[str] | Unset = UNSET
    network_deny_out: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent = self.agent

        files: dict[str, Any] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files.to_dict()

        envs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.envs, Unset):
            envs = self.envs.to_dict()

        setup: list[str] | Unset = UNSET
        if not isinstance(self.setup, Unset):
            setup = self.setup

        timeout_ms = self.timeout_ms

        network_allow_out: list[str] | Unset = UNSET
        if not isinstance(self.network_allow_out, Unset):
            network_allow_out = self.network_allow_out

        network_deny_out: list[str] | Unset = UNSET
        if not isinstance(self.network_deny_out, Unset):
            network_deny_out = self.network_deny_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent": agent,
            }
        )
        if files is not UNSET:
            field_dict["files"] = files
        if envs is not UNSET:
            field_dict["envs"] = envs
        if setup is not UNSET:
            field_dict["setup"] = setup
        if timeout_ms is not UNSET:
            field_dict["timeoutMs"] = timeout_ms
        if network_allow_out is not UNSET:
            field_dict["networkAllowOut"] = network_allow_out
        if network_deny_out is not UNSET:
            field_dict["networkDenyOut"] = network_deny_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_sandbox_request_envs import CreateSandboxRequestEnvs
        from ..models.create_sandbox_request_files import CreateSandboxRequestFiles

        d = dict(src_dict)
        agent = d.pop("agent")

        _files = d.pop("files", UNSET)
        files: CreateSandboxRequestFiles | Unset
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = CreateSandboxRequestFiles.from_dict(_files)

        _envs = d.pop("envs", UNSET)
        envs: CreateSandboxRequestEnvs | Unset
        if isinstance(_envs, Unset):
            envs = UNSET
        else:
            envs = CreateSandboxRequestEnvs.from_dict(_envs)

        setup = cast(list[str], d.pop("setup", UNSET))

        timeout_ms = d.pop("timeoutMs", UNSET)

        network_allow_out = cast(list[str], d.pop("networkAllowOut", UNSET))

        network_deny_out = cast(list[str], d.pop("networkDenyOut", UNSET))

        create_sandbox_request = cls(
            agent=agent,
            files=files,
            envs=envs,
            setup=setup,
            timeout_ms=timeout_ms,
            network_allow_out=network_allow_out,
            network_deny_out=network_deny_out,
        )

        create_sandbox_request.additional_properties = d
        return create_sandbox_request

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
