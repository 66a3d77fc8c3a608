from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetail")


@_attrs_define
class ErrorDetail:
    """The inner object of the envelope error shape."""

    code: str
    """ Machine-readable: `invalid_request`, `sandbox_not_found`, `thread_not_found`, `agent_not_found`,
    `file_not_found`, `file_too_large`, `payload_too_large`, `unsupported_media_type`, `command_timeout`,
    `git_clone_failed`, `budget_exceeded`, `billing_not_ready`, `vault_resolution_failed`, `vault_coverage_missing`,
    `vault_unsupported_for_provider`, `not_found`, `internal_error`; new codes may come. """
    message: str
    setup_url: str | Unset = UNSET
    """ Billing setup page (`billing_not_ready`). """
    scope: str | Unset = UNSET
    """ Budget scope (`budget_exceeded`). """
    sandbox_id: str | Unset = UNSET
    spent_usd: float | Unset = UNSET
    limit_usd: float | Unset = UNSET
    missing: list[str] | Unset = UNSET
    """ The MCP servers the vaults do not cover (`vault_coverage_missing`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        setup_url = self.setup_url

        scope = self.scope

        sandbox_id = self.sandbox_id

        spent_usd = self.spent_usd

        limit_usd = self.limit_usd

        missing: list[str] | Unset = UNSET
        if not isinstance(self.missing, Unset):
            missing = self.missing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if setup_url is not UNSET:
            field_dict["setup_url"] = setup_url
        if scope is not UNSET:
            field_dict["scope"] = scope
        if sandbox_id is not UNSET:
            field_dict["sandboxId"] = sandbox_id
        if spent_usd is not UNSET:
            field_dict["spentUsd"] = spent_usd
        if limit_usd is not UNSET:
            field_dict["limitUsd"] = limit_usd
        if missing is not UNSET:
            field_dict["missing"] = missing

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        setup_url = d.pop("setup_url", UNSET)

        scope = d.pop("scope", UNSET)

        sandbox_id = d.pop("sandboxId", UNSET)

        spent_usd = d.pop("spentUsd", UNSET)

        limit_usd = d.pop("limitUsd", UNSET)

        missing = cast(list[str], d.pop("missing", UNSET))

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

        error_detail.additional_properties = d
        return error_detail

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
