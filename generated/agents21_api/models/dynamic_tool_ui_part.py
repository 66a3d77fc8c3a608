from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.provider_metadata import ProviderMetadata

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, ProviderMetadata
    from ..models.provider_metadata import ProviderMetadata

    _models_loaded = True


T = TypeVar("T", bound="DynamicToolUIPart")


@_attrs_define(repr=False)
class DynamicToolUIPart:
    """A call of a tool not known ahead of time (an MCP tool, say): its chunks carry `dynamic: true`."""

    type_: Literal["dynamic-tool"]
    tool_name: str
    tool_call_id: str
    state: str
    """ `input-streaming`, `input-available`, `output-available` or `output-error`. """
    input_: Any | None = None
    """ The tool's input. """
    output: Any | None = None
    """ The tool's output. """
    error_text: str | None = None
    preliminary: bool | None = None
    call_provider_metadata: ProviderMetadata | None = None
    """ What the model's provider adds, by provider name: `{"anthropic": {...}}`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        type_ = self.type_

        tool_name = self.tool_name

        tool_call_id = self.tool_call_id

        state = self.state

        input_ = self.input_

        output = self.output

        error_text = self.error_text

        preliminary = self.preliminary

        call_provider_metadata: dict[str, Any] | None = None
        if self.call_provider_metadata is not None:
            call_provider_metadata = self.call_provider_metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolName": tool_name,
                "toolCallId": tool_call_id,
                "state": state,
            }
        )
        if input_ is not None or "input" in self._wire_nulls:
            field_dict["input"] = input_
        if output is not None or "output" in self._wire_nulls:
            field_dict["output"] = output
        if error_text is not None or "errorText" in self._wire_nulls:
            field_dict["errorText"] = error_text
        if preliminary is not None or "preliminary" in self._wire_nulls:
            field_dict["preliminary"] = preliminary
        if (
            call_provider_metadata is not None
            or "callProviderMetadata" in self._wire_nulls
        ):
            field_dict["callProviderMetadata"] = call_provider_metadata

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        if not _models_loaded:
            _load_models()
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "dynamic-tool") != "dynamic-tool":
            raise ValueError(
                f"type must match const 'dynamic-tool', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "input",
                "output",
                "errorText",
                "preliminary",
                "callProviderMetadata",
            ),
        )
        type_ = d.pop("type")

        tool_name = d.pop("toolName")

        tool_call_id = d.pop("toolCallId")

        state = d.pop("state")

        input_ = d.pop("input", None)

        output = d.pop("output", None)

        error_text = d.pop("errorText", None)

        preliminary = d.pop("preliminary", None)

        _call_provider_metadata = d.pop("callProviderMetadata", None)
        call_provider_metadata: ProviderMetadata | None
        if _call_provider_metadata is None:
            call_provider_metadata = None
        else:
            call_provider_metadata = ProviderMetadata.from_dict(_call_provider_metadata)

        dynamic_tool_ui_part = cls(
            type_=type_,
            tool_name=tool_name,
            tool_call_id=tool_call_id,
            state=state,
            input_=input_,
            output=output,
            error_text=error_text,
            preliminary=preliminary,
            call_provider_metadata=call_provider_metadata,
        )
        if wire_nulls:
            dynamic_tool_ui_part._wire_nulls = wire_nulls

        dynamic_tool_ui_part.additional_properties = d
        return dynamic_tool_ui_part

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
            "A call of a tool not known ahead of time (an MCP tool, say): its chunks carry `dynamic: true`.",
            {
                "type": {},
                "toolName": {"type": "string"},
                "toolCallId": {"type": "string"},
                "state": {
                    "description": "`input-streaming`, `input-available`, `output-available` or `output-error`.",
                    "type": "string",
                },
                "input": {"description": "The tool\u0027s input."},
                "output": {"description": "The tool\u0027s output."},
                "errorText": {"type": "string"},
                "preliminary": {"type": "boolean"},
                "callProviderMetadata": {
                    "description": 'What the model\u0027s provider adds, by provider name: `{"anthropic": {...}}`.',
                    "type": "object",
                },
            },
            (
                "type",
                "toolName",
                "toolCallId",
                "state",
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
