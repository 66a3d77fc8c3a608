"""Shared types for the models and endpoints, and the behaviour every model delegates here."""

import json
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, TypeVar

# The types that `httpx.Client(files=)` can accept.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


# Dataclasses, not attrs: a client that has parsed no model yet has not loaded attrs.
@dataclass
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@dataclass
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# ---------------------------------------------------------------------------- model behaviour
# An optional field is None when its key is absent and when it is null; a model remembers the
# keys that were null so that to_dict() gives back exactly what from_dict() was given.
NO_NULLS: frozenset[str] = frozenset()


def nulls_among(d: Mapping[str, Any], keys: Iterable[str]) -> frozenset[str]:
    """The keys among `keys` that `d` holds as an explicit null."""
    if None not in d.values():
        return NO_NULLS
    return frozenset(key for key in keys if key in d and d[key] is None)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_HIDDEN = "'**********'"


def model_repr(model: Any) -> str:
    """`Name(field=value, ...)`: absent optional fields left out, credentials hidden. A model
    that holds a credential shows only the names of its extra keys: one may hold another."""
    import attrs

    shown: list[str] = []
    secretive = False
    for field in attrs.fields(type(model)):
        if not field.init:
            continue
        secretive = secretive or not field.repr
        value = getattr(model, field.name)
        if value is None and field.default is not attrs.NOTHING:
            continue  # an optional field that is absent (or null)
        shown.append(
            f"{field.name}={value!r}" if field.repr else f"{field.name}={_HIDDEN}"
        )
    extra = getattr(model, "additional_properties", None)
    if extra:
        shown.append(f"additional_properties={sorted(extra) if secretive else extra!r}")
    return f"{type(model).__name__}({', '.join(shown)})"


# pydantic (optional: imported only when pydantic asks) validates a model from its instance or
# its wire dict and serialises it as to_dict(), so models work as FastAPI return types.
def pydantic_core_schema(cls: type[Any]) -> Any:
    from pydantic_core import core_schema

    def validate(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise ValueError(
                f"expected {cls.__name__} or a dict of its wire fields, got {type(value).__name__}"
            )
        try:
            return cls.from_dict(value)
        except (KeyError, TypeError, AttributeError) as error:
            # A ValueError is what pydantic reports as a validation error (a 422 in FastAPI).
            raise ValueError(
                f"not a {cls.__name__}: {type(error).__name__} {error}"
            ) from None

    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(
            lambda model: model.to_dict()
        ),
        ref=f"{cls.__module__}.{cls.__qualname__}",  # a named component in an OpenAPI document
    )


def pydantic_json_schema(
    cls: type[Any],
    description: str,
    properties: dict[str, Any],
    required: Iterable[str],
) -> dict[str, Any]:
    """The model's JSON Schema in wire names, as FastAPI puts it in its OpenAPI document."""
    schema: dict[str, Any] = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
    }
    if description:
        schema["description"] = description
    required = list(required)
    if required:
        schema["required"] = required
    return schema


__all__ = ["File", "FileTypes", "RequestFiles", "Response"]
