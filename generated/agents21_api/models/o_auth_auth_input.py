from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.o_auth_auth_input_token_endpoint_auth import (
    OAuthAuthInputTokenEndpointAuth,
    check_o_auth_auth_input_token_endpoint_auth,
)

T = TypeVar("T", bound="OAuthAuthInput")


@_attrs_define(repr=False)
class OAuthAuthInput:
    """Needs one of `accessToken`, `refreshToken`, `clientId`, `clientSecret`. Refreshing
    (`refreshToken`, `tokenEndpoint` or `tokenEndpointAuth`) needs all of `refreshToken`,
    `tokenEndpoint` and `clientId`, and a `tokenEndpointAuth` other than `none` needs
    `clientSecret`.
    """

    type_: Literal["oauth"]
    access_token: str | None = _attrs_field(default=None, repr=False)
    refresh_token: str | None = _attrs_field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = _attrs_field(default=None, repr=False)
    token_endpoint: str | None = None
    token_endpoint_auth: OAuthAuthInputTokenEndpointAuth | None = None
    token_type: str | None = None
    expires_at: str | None = None
    scope: str | None = None
    resource: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        access_token = self.access_token

        refresh_token = self.refresh_token

        client_id = self.client_id

        client_secret = self.client_secret

        token_endpoint = self.token_endpoint

        token_endpoint_auth: str | None = None
        if self.token_endpoint_auth is not None:
            token_endpoint_auth = self.token_endpoint_auth

        token_type = self.token_type

        expires_at = self.expires_at

        scope = self.scope

        resource = self.resource

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if access_token is not None or "accessToken" in self._wire_nulls:
            field_dict["accessToken"] = access_token
        if refresh_token is not None or "refreshToken" in self._wire_nulls:
            field_dict["refreshToken"] = refresh_token
        if client_id is not None or "clientId" in self._wire_nulls:
            field_dict["clientId"] = client_id
        if client_secret is not None or "clientSecret" in self._wire_nulls:
            field_dict["clientSecret"] = client_secret
        if token_endpoint is not None or "tokenEndpoint" in self._wire_nulls:
            field_dict["tokenEndpoint"] = token_endpoint
        if token_endpoint_auth is not None or "tokenEndpointAuth" in self._wire_nulls:
            field_dict["tokenEndpointAuth"] = token_endpoint_auth
        if token_type is not None or "tokenType" in self._wire_nulls:
            field_dict["tokenType"] = token_type
        if expires_at is not None or "expiresAt" in self._wire_nulls:
            field_dict["expiresAt"] = expires_at
        if scope is not None or "scope" in self._wire_nulls:
            field_dict["scope"] = scope
        if resource is not None or "resource" in self._wire_nulls:
            field_dict["resource"] = resource

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
        wire_nulls = types.nulls_among(
            d,
            (
                "accessToken",
                "refreshToken",
                "clientId",
                "clientSecret",
                "tokenEndpoint",
                "tokenEndpointAuth",
                "tokenType",
                "expiresAt",
                "scope",
                "resource",
            ),
        )
        type_ = d.pop("type")

        access_token = d.pop("accessToken", None)

        refresh_token = d.pop("refreshToken", None)

        client_id = d.pop("clientId", None)

        client_secret = d.pop("clientSecret", None)

        token_endpoint = d.pop("tokenEndpoint", None)

        _token_endpoint_auth = d.pop("tokenEndpointAuth", None)
        token_endpoint_auth: OAuthAuthInputTokenEndpointAuth | None
        if _token_endpoint_auth is None:
            token_endpoint_auth = None
        else:
            token_endpoint_auth = check_o_auth_auth_input_token_endpoint_auth(
                _token_endpoint_auth
            )

        token_type = d.pop("tokenType", None)

        expires_at = d.pop("expiresAt", None)

        scope = d.pop("scope", None)

        resource = d.pop("resource", None)

        o_auth_auth_input = cls(
            type_=type_,
            access_token=access_token,
            refresh_token=refresh_token,
            client_id=client_id,
            client_secret=client_secret,
            token_endpoint=token_endpoint,
            token_endpoint_auth=token_endpoint_auth,
            token_type=token_type,
            expires_at=expires_at,
            scope=scope,
            resource=resource,
        )
        if wire_nulls:
            o_auth_auth_input._wire_nulls = wire_nulls

        o_auth_auth_input.additional_properties = d
        return o_auth_auth_input

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
            "Needs one of `accessToken`, `refreshToken`, `clientId`, `clientSecret`. Refreshing (`refreshToken`, `tokenEndpoint` or `tokenEndpointAuth`) needs all of `refreshToken`, `tokenEndpoint` and `clientId`, and a `tokenEndpointAuth` other than `none` needs `clientSecret`.",
            {
                "type": {},
                "accessToken": {"type": "string"},
                "refreshToken": {"type": "string"},
                "clientId": {"type": "string"},
                "clientSecret": {"type": "string"},
                "tokenEndpoint": {"type": "string"},
                "tokenEndpointAuth": {"type": "string"},
                "tokenType": {"type": "string"},
                "expiresAt": {"type": "string"},
                "scope": {"type": "string"},
                "resource": {"type": "string"},
            },
            ("type",),
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
