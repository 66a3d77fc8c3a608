from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.vault_credential_auth_type import (
    VaultCredentialAuthType,
    check_vault_credential_auth_type,
)
from ..models.vault_credential_status import (
    VaultCredentialStatus,
    check_vault_credential_status,
)

if TYPE_CHECKING:
    from ..models.archived_auth_summary import ArchivedAuthSummary
    from ..models.basic_inject import BasicInject
    from ..models.bearer_auth_summary import BearerAuthSummary
    from ..models.header_inject import HeaderInject
    from ..models.o_auth_auth_summary import OAuthAuthSummary
    from ..models.query_inject import QueryInject
    from ..models.vault_metadata import VaultMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global \
        _models_loaded, \
        ArchivedAuthSummary, \
        BasicInject, \
        BearerAuthSummary, \
        HeaderInject, \
        OAuthAuthSummary, \
        QueryInject, \
        VaultMetadata
    from ..models.archived_auth_summary import ArchivedAuthSummary
    from ..models.basic_inject import BasicInject
    from ..models.bearer_auth_summary import BearerAuthSummary
    from ..models.header_inject import HeaderInject
    from ..models.o_auth_auth_summary import OAuthAuthSummary
    from ..models.query_inject import QueryInject
    from ..models.vault_metadata import VaultMetadata

    _models_loaded = True


T = TypeVar("T", bound="VaultCredential")


@_attrs_define(repr=False)
class VaultCredential:
    """A credential, redacted: its secrets are never returned."""

    id: str
    """ A UUID. """
    name: None | str
    server_url: str
    """ As given (trimmed). """
    server_url_normalized: str
    """ Scheme and host lower-cased; default port, fragment and trailing slashes dropped; query
    sorted. """
    host_pattern: None | str
    """ The lower-cased host. """
    inject: BasicInject | HeaderInject | QueryInject
    """ How the credential proxy adds the secret to a request (default an `Authorization` header
    with prefix `Bearer `). """
    auth_type: VaultCredentialAuthType
    auth: ArchivedAuthSummary | BearerAuthSummary | OAuthAuthSummary
    """ What the credential's secret holds, never the secret itself. """
    metadata: VaultMetadata
    """ String pairs, in clear text: at most 16, keys ≤ 64 and values ≤ 512 characters. """
    status: VaultCredentialStatus
    last_error: None | str
    last_resolved_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        id = self.id

        name: None | str
        name = self.name

        server_url = self.server_url

        server_url_normalized = self.server_url_normalized

        host_pattern: None | str
        host_pattern = self.host_pattern

        inject: dict[str, Any]
        if isinstance(self.inject, HeaderInject) or isinstance(
            self.inject, QueryInject
        ):
            inject = self.inject.to_dict()

        else:
            inject = self.inject.to_dict()

        auth_type = self.auth_type

        auth: dict[str, Any]
        if isinstance(self.auth, ArchivedAuthSummary) or isinstance(
            self.auth, BearerAuthSummary
        ):
            auth = self.auth.to_dict()

        else:
            auth = self.auth.to_dict()

        metadata = self.metadata.to_dict()

        status = self.status

        last_error: None | str
        last_error = self.last_error

        last_resolved_at: None | str
        if isinstance(self.last_resolved_at, datetime.datetime):
            last_resolved_at = self.last_resolved_at.isoformat()

        else:
            last_resolved_at = self.last_resolved_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()

        else:
            archived_at = self.archived_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "serverUrl": server_url,
                "serverUrlNormalized": server_url_normalized,
                "hostPattern": host_pattern,
                "inject": inject,
                "authType": auth_type,
                "auth": auth,
                "metadata": metadata,
                "status": status,
                "lastError": last_error,
                "lastResolvedAt": last_resolved_at,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "archivedAt": archived_at,
            }
        )

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
        id = d.pop("id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        server_url = d.pop("serverUrl")

        server_url_normalized = d.pop("serverUrlNormalized")

        def _parse_host_pattern(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        host_pattern = _parse_host_pattern(d.pop("hostPattern"))

        def _parse_inject(data: object) -> BasicInject | HeaderInject | QueryInject:
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

        inject = _parse_inject(d.pop("inject"))

        auth_type = check_vault_credential_auth_type(d.pop("authType"))

        def _parse_auth(
            data: object,
        ) -> ArchivedAuthSummary | BearerAuthSummary | OAuthAuthSummary:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credential_auth_summary_type_0 = (
                    ArchivedAuthSummary.from_dict(data)
                )

                return componentsschemas_credential_auth_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credential_auth_summary_type_1 = (
                    BearerAuthSummary.from_dict(data)
                )

                return componentsschemas_credential_auth_summary_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_credential_auth_summary_type_2 = (
                OAuthAuthSummary.from_dict(data)
            )

            return componentsschemas_credential_auth_summary_type_2

        auth = _parse_auth(d.pop("auth"))

        metadata = VaultMetadata.from_dict(d.pop("metadata"))

        status = check_vault_credential_status(d.pop("status"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("lastError"))

        def _parse_last_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_resolved_at = _parse_last_resolved_at(d.pop("lastResolvedAt"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archivedAt"))

        vault_credential = cls(
            id=id,
            name=name,
            server_url=server_url,
            server_url_normalized=server_url_normalized,
            host_pattern=host_pattern,
            inject=inject,
            auth_type=auth_type,
            auth=auth,
            metadata=metadata,
            status=status,
            last_error=last_error,
            last_resolved_at=last_resolved_at,
            created_at=created_at,
            updated_at=updated_at,
            archived_at=archived_at,
        )

        vault_credential.additional_properties = d
        return vault_credential

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
            "A credential, redacted: its secrets are never returned.",
            {
                "id": {"description": "A UUID.", "type": "string"},
                "name": {},
                "serverUrl": {"description": "As given (trimmed).", "type": "string"},
                "serverUrlNormalized": {
                    "description": "Scheme and host lower-cased; default port, fragment and trailing slashes dropped; query sorted.",
                    "type": "string",
                },
                "hostPattern": {"description": "The lower-cased host."},
                "inject": {
                    "description": "How the credential proxy adds the secret to a request (default an `Authorization` header with prefix `Bearer `).",
                    "type": "object",
                },
                "authType": {"type": "string"},
                "auth": {
                    "description": "What the credential\u0027s secret holds, never the secret itself.",
                    "type": "object",
                },
                "metadata": {
                    "description": "String pairs, in clear text: at most 16, keys \u2264 64 and values \u2264 512 characters.",
                    "type": "object",
                },
                "status": {"type": "string"},
                "lastError": {},
                "lastResolvedAt": {},
                "createdAt": {"type": "string"},
                "updatedAt": {"type": "string"},
                "archivedAt": {},
            },
            (
                "id",
                "name",
                "serverUrl",
                "serverUrlNormalized",
                "hostPattern",
                "inject",
                "authType",
                "auth",
                "metadata",
                "status",
                "lastError",
                "lastResolvedAt",
                "createdAt",
                "updatedAt",
                "archivedAt",
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
