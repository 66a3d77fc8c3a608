from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.basic_inject import BasicInject
    from ..models.bearer_auth_input import BearerAuthInput
    from ..models.header_inject import HeaderInject
    from ..models.o_auth_auth_input import OAuthAuthInput
    from ..models.query_inject import QueryInject
    from ..models.vault_metadata import VaultMetadata


T = TypeVar("T", bound="VaultCredentialInput")


@_attrs_define
class VaultCredentialInput:
    server_url: str
    """ An http(s) URL without user or password. """
    auth: BearerAuthInput | OAuthAuthInput
    name: None | str | Unset = UNSET
    inject: BasicInject | HeaderInject | QueryInject | Unset = UNSET
    """ How the credential proxy adds the secret to a request (default an `Authorization` header with prefix `Bearer
    `). """
    metadata: VaultMetadata | Unset = UNSET
    """ String pairs, in clear text: at most 16, keys ≤ 64 and values ≤ 512 characters. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.bearer_auth_input import BearerAuthInput
        from ..models.header_inject import HeaderInject
        from ..models.query_inject import QueryInject

        server_url = self.server_url

        auth: dict[str, Any]
        if isinstance(self.auth, BearerAuthInput):
            auth = self.auth.to_dict()
        else:
            auth = self.auth.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        inject: dict[str, Any] | Unset
        if isinstance(self.inject, Unset):
            inject = UNSET
        elif isinstance(self.inject, HeaderInject) or isinstance(
            self.inject, QueryInject
        ):
            inject = self.inject.to_dict()
        else:
            inject = self.inject.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "serverUrl": server_url,
                "auth": auth,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if inject is not UNSET:
            field_dict["inject"] = inject
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.basic_inject import BasicInject
        from ..models.bearer_auth_input import BearerAuthInput
        from ..models.header_inject import HeaderInject
        from ..models.o_auth_auth_input import OAuthAuthInput
        from ..models.query_inject import QueryInject
        from ..models.vault_metadata import VaultMetadata

        d = dict(src_dict)
        server_url = d.pop("serverUrl")

        def _parse_auth(data: object) -> BearerAuthInput | OAuthAuthInput:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credential_auth_input_type_0 = (
                    BearerAuthInput.from_dict(data)
                )

                return componentsschemas_credential_auth_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_credential_auth_input_type_1 = OAuthAuthInput.from_dict(
                data
            )

            return componentsschemas_credential_auth_input_type_1

        auth = _parse_auth(d.pop("auth"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_inject(
            data: object,
        ) -> BasicInject | HeaderInject | QueryInject | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credential_inject_type_0 = HeaderInject.from_dict(
                    data
                )

                return componentsschemas_credential_inject_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credential_inject_type_1 = QueryInject.from_dict(data)

                return componentsschemas_credential_inject_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_credential_inject_type_2 = BasicInject.from_dict(data)

            return componentsschemas_credential_inject_type_2

        inject = _parse_inject(d.pop("inject", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: VaultMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = VaultMetadata.from_dict(_metadata)

        vault_credential_input = cls(
            server_url=server_url,
            auth=auth,
            name=name,
            inject=inject,
            metadata=metadata,
        )

        vault_credential_input.additional_properties = d
        return vault_credential_input

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
