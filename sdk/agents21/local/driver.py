"""One owner per run: it starts the run's task, frames the stream around the runtime, records
the run's end in its thread exactly once, and closes the run's log.

The end is recorded in one place, the task's done-callback, because only there is every way a
run can end visible: the runtime finishing or failing, a cancel, the relay stopping, and a
cancel that lands before the task took its first step (its coroutine then never runs, so no
`finally` in it would). The log closes after the record, so a reader that sees `[DONE]` finds
the thread already settled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

from .runs import BudgetExceeded, Run, RunFailed, RunRegistry
from .runtimes import RUNTIMES, RunContext

log = logging.getLogger("agents21.local")

INTERRUPTED = "interrupted: the relay stopped while this run was in flight"
CANCELLED = "cancelled: cancelled by user"


@dataclass(frozen=True)
class Outcome:
    """How a run ended, as its thread records it."""

    status: str  # completed | error | cancelled
    error: str | None = None
    metadata: dict[str, Any] | None = None  # the final message metadata of a completed run


class RunDriver:
    def __init__(self, ctx: RunContext, registry: RunRegistry) -> None:
        self.ctx = ctx
        self.run = ctx.run
        self.registry = registry

    def start(self) -> Run:
        self.registry.add(self.run)
        self.ctx.store.start_run(self.run.thread_id, self.run.id)
        task = asyncio.create_task(self._frame())
        task.add_done_callback(self._ended)
        self.run.task = task
        return self.run

    async def _frame(self) -> Outcome:
        """start … message-metadata, finish around the runtime; how the run went."""
        run, ctx = self.run, self.ctx
        error: tuple[str, str] | None = None
        subtype = "success"
        try:
            run.emit({"type": "start", "messageId": run.message_id})
            run.check_budget()
            await RUNTIMES[ctx.agent.runtime](ctx)
        except BudgetExceeded as exc:
            error, subtype = ("budget_exceeded", str(exc)), "error_max_budget_usd"
        except RunFailed as exc:
            error, subtype = (exc.code, exc.message), exc.subtype
        except Exception as exc:
            log.exception("run %s failed", run.id)
            error, subtype = (
                ("internal_error", f"{type(exc).__name__}: {exc}"),
                "error_during_execution",
            )
        run.fail_after = None  # a run fault counts the runtime's chunks, not the frame's
        if error is not None:
            run.emit({"type": "error", "errorText": f"{error[0]}: {error[1]}"})
        metadata = _metadata(ctx, subtype)
        run.emit({"type": "message-metadata", "messageMetadata": metadata})
        run.emit({"type": "finish"})
        if error is not None:
            return Outcome("error", f"{error[0]}: {error[1]}")
        return Outcome("completed", metadata=metadata)

    def _ended(self, task: asyncio.Task[Outcome]) -> None:
        self.registry.remove(self.run)
        try:
            self._record(self._outcome(task))
        finally:
            self.run.close()

    def _outcome(self, task: asyncio.Task[Outcome]) -> Outcome:
        if task.cancelled():
            # By the user (a DELETE …/stream, a thread or sandbox delete), or the relay stopping.
            return (
                Outcome("cancelled", CANCELLED)
                if self.run.cancelled
                else Outcome("error", INTERRUPTED)
            )
        exc = task.exception()
        if exc is not None:
            log.error("run %s ended unexpectedly", self.run.id, exc_info=exc)
            return Outcome("error", "internal_error: the run ended unexpectedly")
        return task.result()

    def _record(self, outcome: Outcome) -> None:
        try:
            self._record_outcome(outcome)
        except Exception:  # the thread must not stay streaming: record the failure instead
            log.exception("could not record the end of run %s", self.run.id)
            with contextlib.suppress(Exception):
                self._record_outcome(
                    Outcome("error", "internal_error: the run's end could not be recorded")
                )

    def _record_outcome(self, outcome: Outcome) -> None:
        run = self.run
        new_messages = usage = None
        if outcome.status == "completed" and outcome.metadata is not None:
            new_messages = [self.ctx.user_message, run.accumulator.message.to_dict()]
            meta = outcome.metadata
            usage = {
                "inputTokens": meta.get("inputTokens"),
                "outputTokens": meta.get("outputTokens"),
                "totalTokens": meta.get("totalTokens"),
                # Production reports a cost of 0 as null.
                "totalCostUsd": meta.get("totalCostUsd") or None,
                "durationMs": meta.get("durationMs"),
            }
        self.ctx.store.finish_run(
            run.thread_id,
            run.id,
            sandbox_key=run.sandbox_key,
            status=outcome.status,
            error=outcome.error,
            new_messages=new_messages,
            usage=usage,
        )


def _metadata(ctx: RunContext, subtype: str) -> dict[str, Any]:
    run = ctx.run
    meta: dict[str, Any] = {k: v for k, v in run.extra_metadata.items() if v is not None}
    meta.update(
        {
            "sessionId": run.thread_id,
            "inputTokens": run.input_tokens,
            "outputTokens": run.output_tokens,
            "totalTokens": run.input_tokens + run.output_tokens,
            "totalCostUsd": round(run.cost(), 10),
            "durationMs": run.duration_ms(),
            "resultSubtype": subtype,
        }
    )
    if run.last_text_id is not None:
        meta["finalTextId"] = run.last_text_id
    if "model" in ctx.options:
        meta["model"] = ctx.options["model"]
    if "systemPrompt" in ctx.options:
        meta["systemPrompt"] = ctx.options["systemPrompt"]
    return meta
