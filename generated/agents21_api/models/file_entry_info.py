from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="FileEntryInfo")


@_attrs_define(repr=False)
class FileEntryInfo:
    """A file or directory; keys are left out when unknown."""

    name: str
    path: str
    type_: str | None = None
    """ `file` or `dir` (clients must accept unknown values). """
    size: int | None = None
    mode: int | None = None
    permissions: str | None = None
    owner: str | None = None
    group: str | None = None
    modified_time: datetime.datetime | None = None
    symlink_target: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        name = self.name

        path = self.path

        type_ = self.type_

        size = self.size

        mode = self.mode

        permissions = self.permissions

        owner = self.owner

        group = self.group

        modified_time: str | None = None
        if self.modified_time is not None:
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
        if type_ is not None or "type" in self._wire_nulls:
            field_dict["type"] = type_
        if size is not None or "size" in self._wire_nulls:
            field_dict["size"] = size
        if mode is not None or "mode" in self._wire_nulls:
            field_dict["mode"] = mode
        if permissions is not None or "permissions" in self._wire_nulls:
            field_dict["permissions"] = permissions
        if owner is not None or "owner" in self._wire_nulls:
            field_dict["owner"] = owner
        if group is not None or "group" in self._wire_nulls:
            field_dict["group"] = group
        if modified_time is not None or "modifiedTime" in self._wire_nulls:
            field_dict["modifiedTime"] = modified_time
        if symlink_target is not None or "symlinkTarget" in self._wire_nulls:
            field_dict["symlinkTarget"] = symlink_target

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
                "type",
                "size",
                "mode",
                "permissions",
                "owner",
                "group",
                "modifiedTime",
                "symlinkTarget",
            ),
        )
        name = d.pop("name")

        path = d.pop("path")

        type_ = d.pop("type", None)

        size = d.pop("size", None)

        mode = d.pop("mode", None)

        permissions = d.pop("permissions", None)

        owner = d.pop("owner", None)

        group = d.pop("group", None)

        _modified_time = d.pop("modifiedTime", None)
        modified_time: datetime.datetime | None
        if _modified_time is None:
            modified_time = None
        else:
            modified_time = datetime.datetime.fromisoformat(_modified_time)

        symlink_target = d.pop("symlinkTarget", None)

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
        if wire_nulls:
            file_entry_info._wire_nulls = wire_nulls

        file_entry_info.additional_properties = d
        return file_entry_info

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
            "A file or directory; keys are left out when unknown.",
            {
                "name": {"type": "string"},
                "path": {"type": "string"},
                "type": {
                    "description": "`file` or `dir` (clients must accept unknown values).",
                    "type": "string",
                },
                "size": {"type": "integer"},
                "mode": {"type": "integer"},
                "permissions": {"type": "string"},
                "owner": {"type": "string"},
                "group": {"type": "string"},
                "modifiedTime": {"type": "string"},
                "symlinkTarget": {"type": "string"},
            },
            (
                "name",
                "path",
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
