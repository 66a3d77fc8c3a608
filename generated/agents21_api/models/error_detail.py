from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="ErrorDetail")


@_attrs_define(repr=False)
class ErrorDetail:
    """The inner object of the envelope error shape."""

    code: str
    """ Machine-readable: `invalid_request`, `sandbox_not_found`, `thread_not_found`,
    `agent_not_found`, `file_not_found`, `file_too_large`, `payload_too_large`,
    `unsupported_media_type`, `command_timeout`, `git_clone_failed`, `budget_exceeded`,
    `billing_not_ready`, `vault_resolution_failed`, `vault_coverage_missing`,
    `vault_unsupported_for_provider`, `not_found`, `internal_error`; new codes may come. """
    message: str
    setup_url: str | None = None
    """ Billing setup page (`billing_not_ready`). """
    scope: str | None = None
    """ Budget scope (`budget_exceeded`). """
    sandbox_id: str | None = None
    spent_usd: float | None = None
    limit_usd: float | None = None
    missing: list[str] | None = None
    """ The MCP servers the vaults do not cover (`vault_coverage_missing`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        code = self.code

        message = self.message

        setup_url = self.setup_url

        scope = self.scope

        sandbox_id = self.sandbox_id

        spent_usd = self.spent_usd

        limit_usd = self.limit_usd

        missing: list[str] | None = None
        if self.missing is not None:
            missing = self.missing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if setup_url is not None or "setup_url" in self._wire_nulls:
            field_dict["setup_url"] = setup_url
        if scope is not None or "scope" in self._wire_nulls:
            field_dict["scope"] = scope
        if sandbox_id is not None or "sandboxId" in self._wire_nulls:
            field_dict["sandboxId"] = sandbox_id
        if spent_usd is not None or "spentUsd" in self._wire_nulls:
            field_dict["spentUsd"] = spent_usd
        if limit_usd is not None or "limitUsd" in self._wire_nulls:
            field_dict["limitUsd"] = limit_usd
        if missing is not None or "missing" in self._wire_nulls:
            field_dict["missing"] = missing

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "setup_url",
                "scope",
                "sandboxId",
                "spentUsd",
                "limitUsd",
                "missing",
            ),
        )
        code = d.pop("code")

        message = d.pop("message")

        setup_url = d.pop("setup_url", None)

        scope = d.pop("scope", None)

        sandbox_id = d.pop("sandboxId", None)

        spent_usd = d.pop("spentUsd", None)

        limit_usd = d.pop("limitUsd", None)

        missing = cast(list[str] | None, d.pop("missing", None))

        error_detail = cls(
            code=code,
            message=message,
            setup_url=setup_url,
            scope=scope,
            sandbox_id=sandbox_id,
            spent_usd=spent_usd,
            limit_usd=limit_usd,
            missing=missing,
        )
        if wire_nulls:
            error_detail._wire_nulls = wire_nulls

        error_detail.additional_properties = d
        return error_detail

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
            "The inner object of the envelope error shape.",
            {
                "code": {
                    "description": "Machine-readable: `invalid_request`, `sandbox_not_found`, `thread_not_found`, `agent_not_found`, `file_not_found`, `file_too_large`, `payload_too_large`, `unsupported_media_type`, `command_timeout`, `git_clone_failed`, `budget_exceeded`, `billing_not_ready`, `vault_resolution_failed`, `vault_coverage_missing`, `vault_unsupported_for_provider`, `not_found`, `internal_error`; new codes may come.",
                    "type": "string",
                },
                "message": {"type": "string"},
                "setup_url": {
                    "description": "Billing setup page (`billing_not_ready`).",
                    "type": "string",
                },
                "scope": {
                    "description": "Budget scope (`budget_exceeded`).",
                    "type": "string",
                },
                "sandboxId": {"type": "string"},
                "spentUsd": {"type": "number"},
                "limitUsd": {"type": "number"},
                "missing": {
                    "description": "The MCP servers the vaults do not cover (`vault_coverage_missing`).",
                    "type": "array",
                },
            },
            (
                "code",
                "message",
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
