from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="GitCloneRequest")


@_attrs_define(repr=False)
class GitCloneRequest:
    """The body of the deprecated `POST /v1/sandboxes/{sandboxId}/git/clone`: the repository to clone,
    where to, and how.
    """

    url: str
    path: str | None = "/home/user/repo"
    token: str | None = _attrs_field(default=None, repr=False)
    """ A token for private repositories over HTTPS. """
    depth: int | None = None
    branch: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        url = self.url

        path = self.path

        token = self.token

        depth = self.depth

        branch = self.branch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if path is not None or "path" in self._wire_nulls:
            field_dict["path"] = path
        if token is not None or "token" in self._wire_nulls:
            field_dict["token"] = token
        if depth is not None or "depth" in self._wire_nulls:
            field_dict["depth"] = depth
        if branch is not None or "branch" in self._wire_nulls:
            field_dict["branch"] = branch

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
                "path",
                "token",
                "depth",
                "branch",
            ),
        )
        url = d.pop("url")

        path = d.pop("path", None)

        token = d.pop("token", None)

        depth = d.pop("depth", None)

        branch = d.pop("branch", None)

        git_clone_request = cls(
            url=url,
            path=path,
            token=token,
            depth=depth,
            branch=branch,
        )
        if wire_nulls:
            git_clone_request._wire_nulls = wire_nulls

        git_clone_request.additional_properties = d
        return git_clone_request

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
            "The body of the deprecated `POST /v1/sandboxes/{sandboxId}/git/clone`: the repository to clone, where to, and how.",
            {
                "url": {"type": "string"},
                "path": {"type": "string"},
                "token": {
                    "description": "A token for private repositories over HTTPS.",
                    "type": "string",
                },
                "depth": {"type": "integer"},
                "branch": {"type": "string"},
            },
            ("url",),
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
