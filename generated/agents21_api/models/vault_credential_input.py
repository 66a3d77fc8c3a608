from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.basic_inject import BasicInject
    from ..models.bearer_auth_input import BearerAuthInput
    from ..models.header_inject import HeaderInject
    from ..models.o_auth_auth_input import OAuthAuthInput
    from ..models.query_inject import QueryInject
    from ..models.vault_metadata import VaultMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global \
        _models_loaded, \
        BasicInject, \
        BearerAuthInput, \
        HeaderInject, \
        OAuthAuthInput, \
        QueryInject, \
        VaultMetadata
    from ..models.basic_inject import BasicInject
    from ..models.bearer_auth_input import BearerAuthInput
    from ..models.header_inject import HeaderInject
    from ..models.o_auth_auth_input import OAuthAuthInput
    from ..models.query_inject import QueryInject
    from ..models.vault_metadata import VaultMetadata

    _models_loaded = True


T = TypeVar("T", bound="VaultCredentialInput")


@_attrs_define(repr=False)
class VaultCredentialInput:
    """The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and of a credential's `PATCH`: an MCP
    server URL, its secret and how to send it.
    """

    server_url: str
    """ An http(s) URL without user or password. """
    auth: BearerAuthInput | OAuthAuthInput
    """ The secret of a credential in `VaultCredentialInput`, by `type`: a bearer token, or OAuth
    tokens and client details. """
    name: None | str = None
    inject: BasicInject | HeaderInject | QueryInject | None = None
    """ How the credential proxy adds the secret to a request (default an `Authorization` header
    with prefix `Bearer `). """
    metadata: VaultMetadata | None = None
    """ String pairs, in clear text: at most 16, keys ≤ 64 and values ≤ 512 characters. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        server_url = self.server_url

        auth: dict[str, Any]
        if isinstance(self.auth, BearerAuthInput):
            auth = self.auth.to_dict()

        else:
            auth = self.auth.to_dict()

        name: None | str
        if self.name is None:
            name = None
        else:
            name = self.name

        inject: dict[str, Any] | None
        if self.inject is None:
            inject = None
        elif isinstance(self.inject, HeaderInject) or isinstance(
            self.inject, QueryInject
        ):
            inject = self.inject.to_dict()

        else:
            inject = self.inject.to_dict()

        metadata: dict[str, Any] | None = None
        if self.metadata is not None:
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "serverUrl": server_url,
                "auth": auth,
            }
        )
        if name is not None or "name" in self._wire_nulls:
            field_dict["name"] = name
        if inject is not None or "inject" in self._wire_nulls:
            field_dict["inject"] = inject
        if metadata is not None or "metadata" in self._wire_nulls:
            field_dict["metadata"] = metadata

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
                "name",
                "inject",
                "metadata",
            ),
        )
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

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name", None))

        def _parse_inject(
            data: object,
        ) -> BasicInject | HeaderInject | QueryInject | None:
            if data is None:
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

        inject = _parse_inject(d.pop("inject", None))

        _metadata = d.pop("metadata", None)
        metadata: VaultMetadata | None
        if _metadata is None:
            metadata = None
        else:
            metadata = VaultMetadata.from_dict(_metadata)

        vault_credential_input = cls(
            server_url=server_url,
            auth=auth,
            name=name,
            inject=inject,
            metadata=metadata,
        )
        if wire_nulls:
            vault_credential_input._wire_nulls = wire_nulls

        vault_credential_input.additional_properties = d
        return vault_credential_input

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
            "The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and of a credential\u0027s `PATCH`: an MCP server URL, its secret and how to send it.",
            {
                "serverUrl": {
                    "description": "An http(s) URL without user or password.",
                    "type": "string",
                },
                "auth": {
                    "description": "The secret of a credential in `VaultCredentialInput`, by `type`: a bearer token, or OAuth tokens and client details.",
                    "type": "object",
                },
                "name": {},
                "inject": {
                    "description": "How the credential proxy adds the secret to a request (default an `Authorization` header with prefix `Bearer `).",
                    "type": "object",
                },
                "metadata": {
                    "description": "String pairs, in clear text: at most 16, keys \u2264 64 and values \u2264 512 characters.",
                    "type": "object",
                },
            },
            (
                "serverUrl",
                "auth",
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
