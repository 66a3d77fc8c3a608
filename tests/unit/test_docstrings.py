"""Every public method, property and model class says what it is (editors show it on hover)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import agents21
from agents21 import types
from agents21._async import resources as async_resources
from agents21._async import vaults as async_vaults
from agents21._sync import resources, vaults

PUBLIC_CLASSES = [
    cls
    for module in (resources, vaults, async_resources, async_vaults)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if cls.__module__ == module.__name__ and not cls.__name__.startswith("_")
] + [
    agents21.AgentClient,
    agents21.AsyncAgentClient,
    agents21.Run,
    agents21.AsyncRun,
    agents21.BackgroundRun,
    agents21.AsyncBackgroundRun,
    agents21.HydratedThread,
]


def undocumented(cls: type[Any]) -> list[str]:
    missing = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        target = member.fget if isinstance(member, property) else member
        if callable(target) and not inspect.getdoc(target):
            missing.append(name)
    return missing


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_public_member_has_a_docstring(cls: type[Any]) -> None:
    assert inspect.getdoc(cls)
    assert undocumented(cls) == []


@pytest.mark.parametrize("name", types.__all__)
def test_every_model_class_has_a_docstring_from_the_contract(name: str) -> None:
    doc = inspect.getdoc(getattr(types, name)) or ""
    assert doc and "object of the relay API" not in doc  # the template's fallback
