from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.create_sandbox_request_envs import CreateSandboxRequestEnvs
    from ..models.create_sandbox_request_files import CreateSandboxRequestFiles

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, CreateSandboxRequestEnvs, CreateSandboxRequestFiles
    from ..models.create_sandbox_request_envs import CreateSandboxRequestEnvs
    from ..models.create_sandbox_request_files import CreateSandboxRequestFiles

    _models_loaded = True


T = TypeVar("T", bound="CreateSandboxRequest")


@_attrs_define(repr=False)
class CreateSandboxRequest:
    """The body of `POST /v1/sandboxes`: the agent, and the files, environment variables and setup
    commands of the new sandbox.
    """

    agent: str
    """ The agent's slug. """
    files: CreateSandboxRequestFiles | None = None
    """ Path to text content, written before setup. """
    envs: CreateSandboxRequestEnvs | None = None
    """ Environment variables for every command in the sandbox. """
    setup: list[str] | None = None
    """ Shell commands run in order after the agent's own setup. """
    timeout_ms: int | None = None
    """ Idle lifetime before the sandbox is reaped. """
    network_allow_out: list[str] | None = None
    network_deny_out: list[str] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        agent = self.agent

        files: dict[str, Any] | None = None
        if self.files is not None:
            files = self.files.to_dict()

        envs: dict[str, Any] | None = None
        if self.envs is not None:
            envs = self.envs.to_dict()

        setup: list[str] | None = None
        if self.setup is not None:
            setup = self.setup

        timeout_ms = self.timeout_ms

        network_allow_out: list[str] | None = None
        if self.network_allow_out is not None:
            network_allow_out = self.network_allow_out

        network_deny_out: list[str] | None = None
        if self.network_deny_out is not None:
            network_deny_out = self.network_deny_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent": agent,
            }
        )
        if files is not None or "files" in self._wire_nulls:
            field_dict["files"] = files
        if envs is not None or "envs" in self._wire_nulls:
            field_dict["envs"] = envs
        if setup is not None or "setup" in self._wire_nulls:
            field_dict["setup"] = setup
        if timeout_ms is not None or "timeoutMs" in self._wire_nulls:
            field_dict["timeoutMs"] = timeout_ms
        if network_allow_out is not None or "networkAllowOut" in self._wire_nulls:
            field_dict["networkAllowOut"] = network_allow_out
        if network_deny_out is not None or "networkDenyOut" in self._wire_nulls:
            field_dict["networkDenyOut"] = network_deny_out

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
                "files",
                "envs",
                "setup",
                "timeoutMs",
                "networkAllowOut",
                "networkDenyOut",
            ),
        )
        agent = d.pop("agent")

        _files = d.pop("files", None)
        files: CreateSandboxRequestFiles | None
        if _files is None:
            files = None
        else:
            files = CreateSandboxRequestFiles.from_dict(_files)

        _envs = d.pop("envs", None)
        envs: CreateSandboxRequestEnvs | None
        if _envs is None:
            envs = None
        else:
            envs = CreateSandboxRequestEnvs.from_dict(_envs)

        setup = cast(list[str] | None, d.pop("setup", None))

        timeout_ms = d.pop("timeoutMs", None)

        network_allow_out = cast(list[str] | None, d.pop("networkAllowOut", None))

        network_deny_out = cast(list[str] | None, d.pop("networkDenyOut", None))

        create_sandbox_request = cls(
            agent=agent,
            files=files,
            envs=envs,
            setup=setup,
            timeout_ms=timeout_ms,
            network_allow_out=network_allow_out,
            network_deny_out=network_deny_out,
        )
        if wire_nulls:
            create_sandbox_request._wire_nulls = wire_nulls

        create_sandbox_request.additional_properties = d
        return create_sandbox_request

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
            "The body of `POST /v1/sandboxes`: the agent, and the files, environment variables and setup commands of the new sandbox.",
            {
                "agent": {"description": "The agent\u0027s slug.", "type": "string"},
                "files": {
                    "description": "Path to text content, written before setup.",
                    "type": "object",
                },
                "envs": {
                    "description": "Environment variables for every command in the sandbox.",
                    "type": "object",
                },
                "setup": {
                    "description": "Shell commands run in order after the agent\u0027s own setup.",
                    "type": "array",
                },
                "timeoutMs": {
                    "description": "Idle lifetime before the sandbox is reaped.",
                    "type": "integer",
                },
                "networkAllowOut": {"type": "array"},
                "networkDenyOut": {"type": "array"},
            },
            ("agent",),
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
