from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="OAuthAuthSummary")


@_attrs_define(repr=False)
class OAuthAuthSummary:
    """The `auth` of an OAuth credential in `VaultCredential`: which secrets are set, never their
    values, and the token's other details.
    """

    type_: Literal["oauth"]
    has_access_token: bool
    has_refresh_token: bool
    has_client_id: bool
    has_client_secret: bool
    has_token_endpoint: bool
    token_endpoint_auth: None | str
    token_type: None | str
    expires_at: None | str
    scope: None | str
    resource: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        has_access_token = self.has_access_token

        has_refresh_token = self.has_refresh_token

        has_client_id = self.has_client_id

        has_client_secret = self.has_client_secret

        has_token_endpoint = self.has_token_endpoint

        token_endpoint_auth: None | str
        token_endpoint_auth = self.token_endpoint_auth

        token_type: None | str
        token_type = self.token_type

        expires_at: None | str
        expires_at = self.expires_at

        scope: None | str
        scope = self.scope

        resource: None | str
        resource = self.resource

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "hasAccessToken": has_access_token,
                "hasRefreshToken": has_refresh_token,
                "hasClientId": has_client_id,
                "hasClientSecret": has_client_secret,
                "hasTokenEndpoint": has_token_endpoint,
                "tokenEndpointAuth": token_endpoint_auth,
                "tokenType": token_type,
                "expiresAt": expires_at,
                "scope": scope,
                "resource": resource,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "oauth") != "oauth":
            raise ValueError(f"type must match const 'oauth', got '{src_dict['type']}'")
        d = dict(src_dict)
        type_ = d.pop("type")

        has_access_token = d.pop("hasAccessToken")

        has_refresh_token = d.pop("hasRefreshToken")

        has_client_id = d.pop("hasClientId")

        has_client_secret = d.pop("hasClientSecret")

        has_token_endpoint = d.pop("hasTokenEndpoint")

        def _parse_token_endpoint_auth(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        token_endpoint_auth = _parse_token_endpoint_auth(d.pop("tokenEndpointAuth"))

        def _parse_token_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        token_type = _parse_token_type(d.pop("tokenType"))

        def _parse_expires_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expires_at = _parse_expires_at(d.pop("expiresAt"))

        def _parse_scope(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        scope = _parse_scope(d.pop("scope"))

        def _parse_resource(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resource = _parse_resource(d.pop("resource"))

        o_auth_auth_summary = cls(
            type_=type_,
            has_access_token=has_access_token,
            has_refresh_token=has_refresh_token,
            has_client_id=has_client_id,
            has_client_secret=has_client_secret,
            has_token_endpoint=has_token_endpoint,
            token_endpoint_auth=token_endpoint_auth,
            token_type=token_type,
            expires_at=expires_at,
            scope=scope,
            resource=resource,
        )

        o_auth_auth_summary.additional_properties = d
        return o_auth_auth_summary

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
            "The `auth` of an OAuth credential in `VaultCredential`: which secrets are set, never their values, and the token\u0027s other details.",
            {
                "type": {},
                "hasAccessToken": {"type": "boolean"},
                "hasRefreshToken": {"type": "boolean"},
                "hasClientId": {"type": "boolean"},
                "hasClientSecret": {"type": "boolean"},
                "hasTokenEndpoint": {"type": "boolean"},
                "tokenEndpointAuth": {},
                "tokenType": {},
                "expiresAt": {},
                "scope": {},
                "resource": {},
            },
            (
                "type",
                "hasAccessToken",
                "hasRefreshToken",
                "hasClientId",
                "hasClientSecret",
                "hasTokenEndpoint",
                "tokenEndpointAuth",
                "tokenType",
                "expiresAt",
                "scope",
                "resource",
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
