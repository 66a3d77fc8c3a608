"""The generated models as Python users meet them: None for absent, exact wire, repr, JSON, pydantic."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from agents21_api import models

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
MODEL_CLASSES = [
    getattr(models, name) for name in models.__all__ if hasattr(getattr(models, name), "from_dict")
]
# Every example of every schema that has a model of the same name: real bodies of the contract.
EXAMPLES = [
    pytest.param(getattr(models, name), example, id=f"{name}-{i}")
    for name, schema in SCHEMAS.items()
    if hasattr(models, name) and hasattr(getattr(models, name), "from_dict")
    for i, example in enumerate(schema.get("examples", []))
    if isinstance(example, dict)
]


def test_the_examples_cover_most_models() -> None:
    assert len({p.values[0] for p in EXAMPLES}) >= 80


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_no_model_mentions_unset_in_its_fields_or_signature(cls: type[Any]) -> None:
    annotations = inspect.get_annotations(cls)
    assert not [name for name, text in annotations.items() if "Unset" in str(text)]
    signature = inspect.signature(cls)
    for parameter in signature.parameters.values():
        assert "Unset" not in str(parameter.annotation)
        assert (
            parameter.default is inspect.Parameter.empty
            or parameter.default is None
            or (isinstance(parameter.default, str | int | float | bool))
        )
    assert cls.__doc__ and "Unset" not in cls.__doc__


@pytest.mark.parametrize(("cls", "example"), EXAMPLES)
def test_every_example_round_trips_exactly_and_through_json(
    cls: type[Any], example: dict[str, Any]
) -> None:
    model = cls.from_dict(example)
    wire = model.to_dict()
    assert json.loads(json.dumps(wire)) == wire
    assert json.loads(model.to_json()) == wire
    assert cls.from_dict(json.loads(model.to_json())) == model
    text = repr(model)
    assert "Unset" not in text and "object at 0x" not in text
    assert text.startswith(f"{cls.__name__}(")


def test_an_absent_key_stays_absent_and_a_null_stays_null() -> None:
    absent = models.CreateVaultRequest.from_dict({"name": "v"})
    null = models.CreateVaultRequest.from_dict({"name": "v", "description": None})
    assert absent.description is None and null.description is None
    assert absent.to_dict() == {"name": "v"}
    assert null.to_dict() == {"name": "v", "description": None}
    assert null.to_json() == '{"name":"v","description":null}'
    # what a program builds says only what it set
    assert models.CreateVaultRequest(name="v").to_dict() == {"name": "v"}
    assert models.CreateVaultRequest(name="v", description="d").to_dict() == {
        "name": "v",
        "description": "d",
    }


def test_optional_fields_default_to_none_and_type_as_optional() -> None:
    entry = models.FileEntryInfo.from_dict({"name": "a", "path": "/a"})
    assert entry.size is None and entry.modified_time is None
    assert inspect.get_annotations(models.FileEntryInfo)["size"] == "int | None"


def test_a_repr_leaves_out_absent_fields_and_shows_extra_keys() -> None:
    entry = models.FileEntryInfo.from_dict({"name": "a", "path": "/a", "size": 3, "x-new": 1})
    assert repr(entry) == (
        "FileEntryInfo(name='a', path='/a', size=3, additional_properties={'x-new': 1})"
    )


@pytest.mark.parametrize(
    ("model", "secret"),
    [
        (models.BearerAuthInput(type_="bearer", token="tok-123"), "tok-123"),
        (models.GitCloneRequest(url="https://x/y.git", token="ghp_abc"), "ghp_abc"),
        (
            models.OAuthAuthInput.from_dict(
                {
                    "type": "oauth",
                    "accessToken": "at-1",
                    "refreshToken": "rt-1",
                    "clientSecret": "cs-1",
                    "clientId": "public-id",
                }
            ),
            "at-1",
        ),
        (
            models.TokenResponse.from_dict(
                {"token": "jwt.a.b", "expiresAt": "2026-01-01T00:00:00Z"}
            ),
            "jwt.a.b",
        ),
    ],
    ids=lambda v: type(v).__name__,
)
def test_a_repr_never_shows_a_credential(model: Any, secret: str) -> None:
    text = repr(model)
    assert secret not in text and "rt-1" not in text and "cs-1" not in text
    assert "**********" in text
    assert secret in model.to_json()  # the wire still carries it


def test_pydantic_validates_serialises_and_describes_a_model() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Envelope(pydantic.BaseModel):
        entry: models.FileEntryInfo
        entries: list[models.FileEntryInfo] = []

    entry = models.FileEntryInfo.from_dict({"name": "a", "path": "/a", "size": None})
    held = Envelope(entry=entry, entries=[{"name": "b", "path": "/b"}])  # type: ignore[list-item]
    assert held.entry is entry
    assert held.entries == [models.FileEntryInfo(name="b", path="/b")]
    assert json.loads(held.model_dump_json()) == {
        "entry": {"name": "a", "path": "/a", "size": None},
        "entries": [{"name": "b", "path": "/b"}],
    }
    with pytest.raises(pydantic.ValidationError, match="FileEntryInfo"):
        Envelope(entry=3)  # type: ignore[arg-type]
    schema = Envelope.model_json_schema()
    described = schema["$defs"]["FileEntryInfo"] if "$defs" in schema else schema
    assert json.dumps(schema)  # builds
    assert "FileEntryInfo" in json.dumps(described)


def test_a_message_gives_its_text() -> None:
    message = models.UIMessage.from_dict(
        {
            "id": "m1",
            "role": "assistant",
            "parts": [
                {"type": "text", "text": "Hello, ", "state": "done"},
                {"type": "reasoning", "text": "not shown", "state": "done"},
                {"type": "step-start"},
                {"type": "text", "text": "world", "state": "done"},
            ],
        }
    )
    assert message.text == "Hello, world"
    assert models.UIMessage(role="user", parts=[]).text == ""


def test_the_id_methods_take_is_the_obvious_one() -> None:
    wire = {
        "id": "pub-1",
        "sandboxId": "prov-1",
        "status": "active",
        "createdAt": "2026-01-01T00:00:00Z",
    }
    created = models.SandboxCreated.from_dict(wire)
    assert created.id == "pub-1" and created.provider_sandbox_id == "prov-1"
    assert not hasattr(created, "sandbox_id")  # no attribute that looks like what methods take
    assert created.to_dict()["sandboxId"] == "prov-1"


def test_a_repr_leaves_out_an_absent_field_whatever_its_default() -> None:
    clone = models.GitCloneRequest.from_dict({"url": "https://x/y.git"})
    assert repr(clone) == "GitCloneRequest(url='https://x/y.git')"


def test_a_model_with_a_credential_shows_only_the_names_of_its_extra_keys() -> None:
    auth = models.BearerAuthInput.from_dict({"type": "bearer", "token": "t", "clientSecret": "CS"})
    assert "CS" not in repr(auth) and "clientSecret" in repr(auth)


def test_pydantic_reports_a_bad_nested_model_as_a_validation_error() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Holder(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(hide_input_in_errors=True)
        auth: models.BearerAuthInput

    with pytest.raises(pydantic.ValidationError) as error:
        Holder(auth={"type": "bearer"})  # type: ignore[arg-type]
    assert "BearerAuthInput" in str(error.value) and "token" in str(error.value)
    with pytest.raises(pydantic.ValidationError) as hidden:
        Holder(auth={"type": "oauth", "token": "ghp_SECRET"})  # type: ignore[arg-type]
    assert "ghp_SECRET" not in str(hidden.value)
