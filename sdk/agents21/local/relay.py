"""The relay's state and behaviour behind the routes: sandboxes, threads, runs, the reaper."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
import uuid
from collections.abc import Sequence
from typing import Any

from . import datadir
from .auth import Authenticator, load_jwt_secret
from .config import AgentConfig, Settings
from .driver import INTERRUPTED, RunDriver
from .errors import ApiError, agent_not_found, invalid, thread_not_found
from .faults import Faults
from .process import Commands, find_bwrap, landlock_usable
from .runs import Run, RunRegistry, count_tokens
from .runtimes import RunContext
from .sandboxes import Sandboxes, remove_dir
from .store import SandboxRow, Store, ThreadRow
from .validate import is_uuid
from .vaults import SecretBox, VaultStore, check_coverage, resolve_vaults

log = logging.getLogger("agents21.local")


def thread_name(prompt: str) -> str:
    """The name a chat gives the thread it makes: the prompt's words on one line, cut to 79
    characters and an ellipsis when longer than 80, as production names it."""
    name = " ".join(prompt.split())
    return name if len(name) <= 80 else name[:79] + "…"


class Relay:
    def __init__(self, settings: Settings, faults: Faults | None = None) -> None:
        self.settings = settings
        self.faults = faults
        datadir.prepare(settings.data_dir)
        self.store = Store(settings.data_dir / "relay.db")
        marked = self.store.interrupt_streaming(INTERRUPTED)
        if marked:
            log.warning("marked %d run(s) left in flight by a previous relay as error", marked)
        bwrap = find_bwrap(settings.use_bwrap)
        if bwrap is not None:
            log.info("sandbox commands run inside bubblewrap (%s)", bwrap)
        else:
            log.warning(
                "bubblewrap (bwrap) is not available: sandbox commands run as plain"
                " processes in the sandbox directory, without filesystem or network isolation"
            )
        landlock = bwrap is None and landlock_usable(settings.use_landlock)
        if landlock:
            log.info("plain sandbox commands run under Landlock")
        hidden = [settings.config_path] if settings.config_path is not None else []
        commands = Commands(settings.data_dir, bwrap, landlock=landlock, hidden=hidden)
        ended = commands.reap_leftovers()
        if ended:
            log.warning("ended %d sandbox command(s) left running by a previous relay", ended)
        self.sandboxes = Sandboxes(self.store, settings.data_dir, commands)
        self._remove_orphans()
        self.auth = Authenticator(
            settings.keys, load_jwt_secret(settings.data_dir), settings.team_id
        )
        self.vaults = VaultStore(self.store, SecretBox.in_dir(settings.data_dir))
        # Vault requests per secret key (by digest), counted against its limit.
        self.key_requests: collections.Counter[str] = collections.Counter()
        self.runs = RunRegistry()
        self._reaper: asyncio.Task[None] | None = None

    def _remove_orphans(self) -> None:
        """Directories without a row are left by a relay stopped mid-create: remove them."""
        known = {row.dir.name for row in self.store.all_sandboxes()}
        for entry in self.sandboxes.base.iterdir():
            if entry.is_dir() and entry.name not in known:
                log.info("removing sandbox directory %s left by an unfinished create", entry)
                remove_dir(entry)

    # lifecycle

    async def start(self) -> None:
        self._reaper = asyncio.create_task(self._reap_forever())

    async def stop(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
            self._reaper = None
        await self.abort_runs()
        await self.sandboxes.commands.end_all()
        self.store.close()

    async def abort_runs(self) -> None:
        """End every live run (readers get [DONE]); their threads are marked error."""
        runs = [r for r in self.runs.all() if r.task is not None and not r.done]
        for run in runs:
            assert run.task is not None
            run.task.cancel()
        if runs:
            await asyncio.wait([r.task for r in runs if r.task is not None], timeout=5)
        self.store.interrupt_streaming(INTERRUPTED)

    async def _reap_forever(self) -> None:
        while True:
            await asyncio.sleep(self.settings.reap_interval_s)
            try:
                await self.reap()
            except Exception:
                log.exception("sandbox reaper failed")

    async def reap(self) -> None:
        for row in self.store.expired_sandboxes(time.time()):
            if self.runs.active(row.key) is not None or self.sandboxes.busy(row.key):
                self.store.touch_sandbox(row)  # busy sandboxes are not idle
                continue
            log.info("sandbox %s expired after %s ms idle; removing it", row.id, row.timeout_ms)
            await self.sandboxes.delete(row)

    # lookups

    def agent(self, slug: str) -> AgentConfig:
        agent = self.settings.agents.get(slug)
        if agent is None:
            raise agent_not_found(slug)
        return agent

    def agent_summary(self, slug: str) -> dict[str, str]:
        agent = self.settings.agents.get(slug)
        return {"slug": slug, "name": agent.name if agent else slug}

    def thread(self, sandbox: SandboxRow, thread_id: str) -> ThreadRow:
        row = self.store.get_thread(sandbox.key, _thread_id(thread_id))
        if row is None:
            raise thread_not_found(thread_id)
        return row

    def thread_with_messages(
        self, sandbox: SandboxRow, thread_id: str
    ) -> tuple[ThreadRow, list[Any] | None]:
        """A thread and its messages, read together."""
        found = self.store.thread_with_messages(sandbox.key, _thread_id(thread_id))
        if found is None:
            raise thread_not_found(thread_id)
        return found

    # cancellation

    async def cancel(self, run: Run) -> None:
        if run.task is None or run.done:
            return
        run.cancelled = True
        run.task.cancel()
        await asyncio.wait([run.task], timeout=10)

    async def cancel_newest(self, run: Run) -> None:
        """A cancel of the sandbox's stream: its newest run ends; an older run on the same
        thread goes on unseen, and its result is dropped, as production does."""
        for other in self.runs.for_sandbox(run.sandbox_key):
            if other is not run and other.thread_id == run.thread_id:
                other.dropped = True
        await self.cancel(run)

    async def cancel_sandbox_runs(self, sandbox_key: str, thread_id: str | None = None) -> None:
        for run in self.runs.for_sandbox(sandbox_key):
            if thread_id is None or run.thread_id == thread_id:
                await self.cancel(run)

    async def delete_sandbox(self, row: SandboxRow) -> None:
        await self.cancel_sandbox_runs(row.key)
        await self.sandboxes.delete(row)

    # chat

    async def sandbox_for_chat(self, sandbox_id: str, agent: AgentConfig) -> SandboxRow:
        """The agent's sandbox of a chat; an id the agent has no sandbox for makes one with
        that id, as production does (even when another agent has a sandbox of that id)."""
        row = self.store.get_sandbox(sandbox_id, agent.slug)
        if row is None:
            async with self.sandboxes.creating(agent.slug, sandbox_id):
                row = self.store.get_sandbox(sandbox_id, agent.slug)
                if row is None:
                    row = await self.sandboxes.create(agent, sandbox_id=sandbox_id)
        self.store.touch_sandbox(row)
        return row

    def run_budget(
        self, sandbox_id: str, agent: AgentConfig, options: dict[str, Any]
    ) -> float | None:
        """The run's cap (maxBudgetUsd). maxSandboxBudgetUsd is checked before the run only,
        as production does, so a run may overshoot it; 0 means no cap. A sandbox the chat is
        about to make has spent nothing."""
        budget: float | None = options.get("maxBudgetUsd")
        limit = options.get("maxSandboxBudgetUsd")
        if not limit:
            return budget
        sandbox = self.store.get_sandbox(sandbox_id, agent.slug)
        spent = self.store.sandbox_spent_usd(sandbox.key) if sandbox is not None else 0.0
        if spent >= limit:
            raise ApiError(
                402,
                "budget_exceeded",
                "Sandbox budget exceeded",
                extra={
                    "scope": "sandbox",
                    "sandboxId": sandbox_id,
                    "spentUsd": round(spent, 10),
                    "limitUsd": limit,
                },
            )
        return budget

    def run_vaults(
        self, agent: AgentConfig, requested: list[str] | None, end_user: str | None
    ) -> list[str]:
        """The run's vaults (PROTOCOL.md section 9), checked against the agent's MCP servers."""
        chosen = resolve_vaults(
            self.vaults, requested=requested, end_user=end_user, pinned=agent.vault_ids
        )
        check_coverage(self.vaults, chosen, agent.mcp_servers, self.settings.vault_coverage)
        return chosen

    def thread_for_chat(
        self, sandbox: SandboxRow, thread_id: str | None, name: str | None, prompt: str
    ) -> ThreadRow:
        if thread_id is not None:
            return self.thread(sandbox, thread_id)
        existing = self.store.list_threads(sandbox.key)
        if existing:
            return existing[0]
        return self.store.insert_thread(str(uuid.uuid4()), sandbox.key, name or thread_name(prompt))

    def start_run(
        self,
        *,
        agent: AgentConfig,
        sandbox: SandboxRow,
        thread: ThreadRow,
        prompt: str,
        user_message: dict[str, Any],
        messages: list[Any],
        options: dict[str, Any],
        budget_usd: float | None,
        relay_url: str,
        vault_ids: Sequence[str] = (),
    ) -> Run:
        system = options.get("systemPrompt")
        input_tokens = count_tokens(prompt) + (
            count_tokens(system) if isinstance(system, str) else 0
        )
        run = Run(
            id=str(uuid.uuid4()),
            agent=agent.slug,
            sandbox_id=sandbox.id,
            sandbox_key=sandbox.key,
            thread_id=thread.id,
            pricing=agent.pricing,
            input_tokens=input_tokens,
            budget_usd=budget_usd,
        )
        fault = self.faults.take_run(agent.slug) if self.faults is not None else None
        if fault is not None:
            run.fail_after, run.fail_error = fault.after_chunks, fault.error
        ctx = RunContext(
            run=run,
            agent=agent,
            sandbox=sandbox,
            sandboxes=self.sandboxes,
            store=self.store,
            prompt=prompt,
            user_message=user_message,
            messages=messages,
            options=options,
            relay_access=self._agent_access(agent, relay_url),
            vault_ids=list(vault_ids),
        )
        return RunDriver(ctx, self.runs).start()

    def _agent_access(self, agent: AgentConfig, relay_url: str) -> dict[str, str]:
        """The relay URL and a token for the agent, lasting as long as its run may, for an
        agent program that works in its sandbox through the relay."""
        if agent.runtime not in ("command", "python"):
            return {}
        seconds = agent.timeout_ms // 1000 + 60
        token, _ = self.auth.mint({"agents": [agent.slug], "expiresIn": f"{seconds}s"})
        return {"BASE_URL_21ST": relay_url, "API_KEY_21ST": token}


def _thread_id(thread_id: str) -> str:
    if not is_uuid(thread_id):  # production fails on it with a 500
        raise invalid(f'Thread id "{thread_id}" is not a UUID')
    return thread_id
