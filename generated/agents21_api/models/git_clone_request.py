from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GitCloneRequest")


@_attrs_define
class GitCloneRequest:
    url: str
    path: str | Unset = "/home/user/repo"
    token: str | Unset = UNSET
    """ A token for private repositories over HTTPS. """
    depth: int | Unset = UNSET
    branch: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        if path is not UNSET:
            field_dict["path"] = path
        if token is not UNSET:
            field_dict["token"] = token
        if depth is not UNSET:
            field_dict["depth"] = depth
        if branch is not UNSET:
            field_dict["branch"] = branch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        path = d.pop("path", UNSET)

        token = d.pop("token", UNSET)

        depth = d.pop("depth", UNSET)

        branch = d.pop("branch", UNSET)

        git_clone_request = cls(
            url=url,
            path=path,
            token=token,
            depth=depth,
            branch=branch,
        )

        git_clone_request.additional_properties = d
        return git_clone_request

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
