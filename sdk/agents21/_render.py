"""Printing a run for people: text as it streams, tool calls marked, usage at the end."""

from __future__ import annotations

import json
from typing import Any, TextIO

from agents21_api.models import ThreadUsage

from ._cli_style import Style
from .stream import (
    Chunk,
    ErrorChunk,
    TextDeltaChunk,
    TextEndChunk,
    ToolInputAvailableChunk,
    ToolOutputAvailableChunk,
    ToolOutputErrorChunk,
)

_OUTPUT_LINES = 8


def _command(tool_input: Any) -> str:
    command = tool_input.get("command") if isinstance(tool_input, dict) else None
    return command if isinstance(command, str) else json.dumps(tool_input)


def _output(output: Any, style: Style) -> str:
    if isinstance(output, dict) and "stdout" in output:
        text = str(output.get("stdout") or "") + str(output.get("stderr") or "")
        code = output.get("exitCode")
        lines = text.rstrip("\n").split("\n") if text.strip() else []
        if len(lines) > _OUTPUT_LINES:
            lines = [*lines[:_OUTPUT_LINES], f"… {len(lines) - _OUTPUT_LINES} more lines"]
        shown = "".join(f"  {style.paint('│', 'dim')} {line}\n" for line in lines)
        status = style.paint(f"exit {code}", "green" if code == 0 else "red")
        return f"{shown}  {style.paint('└', 'dim')} {status}\n"
    return f"  {style.paint('└', 'dim')} {json.dumps(output)}\n"


class RunPrinter:
    """Writes chunks to a terminal as they arrive, styled by `style` (plain by default)."""

    def __init__(self, out: TextIO, style: Style | None = None) -> None:
        self.out = out
        self.style = style or Style(enabled=False)
        self._at_line_start = True

    def _write(self, text: str) -> None:
        if text:
            self.out.write(text)
            self._at_line_start = text.endswith("\n")
            self.out.flush()

    def _newline(self) -> None:
        if not self._at_line_start:
            self._write("\n")

    def chunk(self, chunk: Chunk) -> None:
        if isinstance(chunk, TextDeltaChunk):
            self._write(chunk.delta)
        elif isinstance(chunk, TextEndChunk):
            self._newline()
        elif isinstance(chunk, ToolInputAvailableChunk):
            self._newline()
            tool = self.style.paint(f"▶ {chunk.tool_name}:", "cyan", "bold")
            self._write(f"{tool} {_command(chunk.input_)}\n")
        elif isinstance(chunk, ToolOutputAvailableChunk):
            self._write(_output(chunk.output, self.style))
        elif isinstance(chunk, ToolOutputErrorChunk):
            failed = self.style.paint(f"failed: {chunk.error_text}", "red")
            self._write(f"  {self.style.paint('└', 'dim')} {failed}\n")
        elif isinstance(chunk, ErrorChunk):
            self._newline()
            self._write(self.style.paint(f"✖ {chunk.error_text}", "red", "bold") + "\n")

    def usage(self, usage: ThreadUsage) -> None:
        self._newline()
        self._write(self.style.paint(f"· {describe_usage(usage)}", "dim") + "\n")


def describe_usage(usage: ThreadUsage) -> str:
    parts = [
        f"tokens in {usage.input_tokens}, out {usage.output_tokens}, total {usage.total_tokens}"
    ]
    if usage.total_cost_usd is not None:
        parts.append(f"cost ${usage.total_cost_usd:.6f}")
    if usage.duration_ms is not None:
        parts.append(f"{usage.duration_ms / 1000:.2f} s")
    return " · ".join(parts)
