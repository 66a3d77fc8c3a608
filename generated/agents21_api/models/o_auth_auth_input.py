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

from ..models.o_auth_auth_input_token_endpoint_auth import (
    OAuthAuthInputTokenEndpointAuth,
    check_o_auth_auth_input_token_endpoint_auth,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthAuthInput")


@_attrs_define
class OAuthAuthInput:
    """Needs one of `accessToken`, `refreshToken`, `clientId`, `clientSecret`. Refreshing (`refreshToken`, `tokenEndpoint`
    or `tokenEndpointAuth`) needs all of `refreshToken`, `tokenEndpoint` and `clientId`, and a `tokenEndpointAuth` other
    than `none` needs `clientSecret`.

    """

    type_: Literal["oauth"]
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    token_endpoint: str | Unset = UNSET
    token_endpoint_auth: OAuthAuthInputTokenEndpointAuth | Unset = UNSET
    token_type: str | Unset = UNSET
    expires_at: str | Unset = UNSET
    scope: str | Unset = UNSET
    resource: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_token = self.access_token

        refresh_token = self.refresh_token

        client_id = self.client_id

        client_secret = self.client_secret

        token_endpoint = self.token_endpoint

        token_endpoint_auth: str | Unset = UNSET
        if not isinstance(self.token_endpoint_auth, Unset):
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
        if access_token is not UNSET:
            field_dict["accessToken"] = access_token
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token
        if client_id is not UNSET:
            field_dict["clientId"] = client_id
        if client_secret is not UNSET:
            field_dict["clientSecret"] = client_secret
        if token_endpoint is not UNSET:
            field_dict["tokenEndpoint"] = token_endpoint
        if token_endpoint_auth is not UNSET:
            field_dict["tokenEndpointAuth"] = token_endpoint_auth
        if token_type is not UNSET:
            field_dict["tokenType"] = token_type
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at
        if scope is not UNSET:
            field_dict["scope"] = scope
        if resource is not UNSET:
            field_dict["resource"] = resource

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["oauth"], d.pop("type"))
        if type_ != "oauth":
            raise ValueError(f"type must match const 'oauth', got '{type_}'")

        access_token = d.pop("accessToken", UNSET)

        refresh_token = d.pop("refreshToken", UNSET)

        client_id = d.pop("clientId", UNSET)

        client_secret = d.pop("clientSecret", UNSET)

        token_endpoint = d.pop("tokenEndpoint", UNSET)

        _token_endpoint_auth = d.pop("tokenEndpointAuth", UNSET)
        token_endpoint_auth: OAuthAuthInputTokenEndpointAuth | Unset
        if isinstance(_token_endpoint_auth, Unset):
            token_endpoint_auth = UNSET
        else:
            token_endpoint_auth = check_o_auth_auth_input_token_endpoint_auth(
                _token_endpoint_auth
            )

        token_type = d.pop("tokenType", UNSET)

        expires_at = d.pop("expiresAt", UNSET)

        scope = d.pop("scope", UNSET)

        resource = d.pop("resource", UNSET)

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

        o_auth_auth_input.additional_properties = d
        return o_auth_auth_input

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
