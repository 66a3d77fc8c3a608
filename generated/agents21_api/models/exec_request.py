from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.exec_request_envs import ExecRequestEnvs

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, ExecRequestEnvs
    from ..models.exec_request_envs import ExecRequestEnvs

    _models_loaded = True


T = TypeVar("T", bound="ExecRequest")


@_attrs_define(repr=False)
class ExecRequest:
    """The body of `POST /v1/sandboxes/{sandboxId}/exec`: a shell command, with its working directory,
    environment and timeout.
    """

    command: str
    """ Run by a shell. """
    cwd: str | None = None
    """ Working directory; default `/home/user`. """
    envs: ExecRequestEnvs | None = None
    timeout_ms: int | None = 60000
    """ Larger values are capped at 600000. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        command = self.command

        cwd = self.cwd

        envs: dict[str, Any] | None = None
        if self.envs is not None:
            envs = self.envs.to_dict()

        timeout_ms = self.timeout_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
            }
        )
        if cwd is not None or "cwd" in self._wire_nulls:
            field_dict["cwd"] = cwd
        if envs is not None or "envs" in self._wire_nulls:
            field_dict["envs"] = envs
        if timeout_ms is not None or "timeoutMs" in self._wire_nulls:
            field_dict["timeoutMs"] = timeout_ms

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
                "cwd",
                "envs",
                "timeoutMs",
            ),
        )
        command = d.pop("command")

        cwd = d.pop("cwd", None)

        _envs = d.pop("envs", None)
        envs: ExecRequestEnvs | None
        if _envs is None:
            envs = None
        else:
            envs = ExecRequestEnvs.from_dict(_envs)

        timeout_ms = d.pop("timeoutMs", None)

        exec_request = cls(
            command=command,
            cwd=cwd,
            envs=envs,
            timeout_ms=timeout_ms,
        )
        if wire_nulls:
            exec_request._wire_nulls = wire_nulls

        exec_request.additional_properties = d
        return exec_request

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
            "The body of `POST /v1/sandboxes/{sandboxId}/exec`: a shell command, with its working directory, environment and timeout.",
            {
                "command": {"description": "Run by a shell.", "type": "string"},
                "cwd": {
                    "description": "Working directory; default `/home/user`.",
                    "type": "string",
                },
                "envs": {"type": "object"},
                "timeoutMs": {
                    "description": "Larger values are capped at 600000.",
                    "type": "integer",
                },
            },
            ("command",),
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
