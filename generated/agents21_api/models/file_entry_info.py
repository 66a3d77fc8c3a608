from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileEntryInfo")


@_attrs_define
class FileEntryInfo:
    """A file or directory; keys are left out when unknown."""

    name: str
    path: str
    type_: str | Unset = UNSET
    """ `file` or `dir` (clients must accept unknown values). """
    size: int | Unset = UNSET
    mode: int | Unset = UNSET
    permissions: str | Unset = UNSET
    owner: str | Unset = UNSET
    group: str | Unset = UNSET
    modified_time: datetime.datetime | Unset = UNSET
    symlink_target: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        type_ = self.type_

        size = self.size

        mode = self.mode

        permissions = self.permissions

        owner = self.owner

        group = self.group

        modified_time: str | Unset = UNSET
        if not isinstance(self.modified_time, Unset):
            modified_time = self.modified_time.isoformat()

        symlink_target = self.symlink_target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "path": path,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if size is not UNSET:
            field_dict["size"] = size
        if mode is not UNSET:
            field_dict["mode"] = mode
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if owner is not UNSET:
            field_dict["owner"] = owner
        if group is not UNSET:
            field_dict["group"] = group
        if modified_time is not UNSET:
            field_dict["modifiedTime"] = modified_time
        if symlink_target is not UNSET:
            field_dict["symlinkTarget"] = symlink_target

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        path = d.pop("path")

        type_ = d.pop("type", UNSET)

        size = d.pop("size", UNSET)

        mode = d.pop("mode", UNSET)

        permissions = d.pop("permissions", UNSET)

        owner = d.pop("owner", UNSET)

        group = d.pop("group", UNSET)

        _modified_time = d.pop("modifiedTime", UNSET)
        modified_time: datetime.datetime | Unset
        if isinstance(_modified_time, Unset):
            modified_time = UNSET
        else:
            modified_time = datetime.datetime.fromisoformat(_modified_time)

        symlink_target = d.pop("symlinkTarget", UNSET)

        file_entry_info = cls(
            name=name,
            path=path,
            type_=type_,
            size=size,
            mode=mode,
            permissions=permissions,
            owner=owner,
            group=group,
            modified_time=modified_time,
            symlink_target=symlink_target,
        )

        file_entry_info.additional_properties = d
        return file_entry_info

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
