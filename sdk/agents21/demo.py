"""`agents21 demo` (make demo): a tour of the SDK against a local relay, no account needed."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from ._async.client import AsyncAgentClient
from ._errors import RunCancelledError
from ._render import RunPrinter, describe_usage
from ._sync.client import AgentClient

# The demo's own agents: the built-in runtimes, paced so that streaming shows.
DEMO_CONFIG = """
[[agents]]
slug = "demo-agent"
name = "Demo agent"
runtime = "tools"
delay_ms = 15

[[agents]]
slug = "echo-agent"
name = "Echo agent"
runtime = "echo"
delay_ms = 20

[[agents]]
slug = "slow-agent"
name = "Slow agent"
runtime = "echo"
delay_ms = 150
"""

BOLD, DIM, RESET = ("\033[1m", "\033[2m", "\033[0m") if sys.stdout.isatty() else ("", "", "")


def step(number: int, title: str, what: str) -> None:
    print(f"\n{BOLD}{number}. {title}{RESET}")
    print(textwrap.fill(what, 88, initial_indent="   ", subsequent_indent="   "))


def show(code: str) -> None:
    print(f"{DIM}   >>> {code}{RESET}")


def result(text: str) -> None:
    print(textwrap.indent(text.rstrip("\n"), "   "))


def blocking_tour(client: AgentClient) -> None:
    step(1, "Create a sandbox", "A sandbox is a machine the agent works in. Give it files and "
         "setup commands; they run before create returns.")  # fmt: skip
    show('client.sandboxes.create("demo-agent", files={...}, setup=[...])')
    sandbox = client.sandboxes.create(
        "demo-agent",
        files={"hello.py": 'print("hello from the sandbox")\n', "data/numbers.txt": "3\n1\n2\n"},
        envs={"GREETING": "hi"},
        setup=["python3 --version > setup.log 2>&1 || echo no python > setup.log"],
    )
    result(f"sandbox {sandbox.id} is {sandbox.status}")

    step(2, "Run commands", "exec runs a shell command in the sandbox; a failing command is a "
         "result with its exit code, not an exception.")  # fmt: skip
    show('client.sandboxes.exec(sandbox.id, "python3 hello.py && sort data/numbers.txt")')
    done = client.sandboxes.exec(sandbox.id, "python3 hello.py && sort data/numbers.txt")
    result(f"exit {done.exit_code}, stdout:\n{done.stdout}")
    failed = client.sandboxes.exec(sandbox.id, "echo $GREETING from stderr >&2; exit 3")
    result(f"exit {failed.exit_code}, stderr: {failed.stderr.strip()}")

    step(3, "Move files", "Write, read and list files; paths are sandbox paths, relative ones "
         "start at /home/user.")  # fmt: skip
    show('client.sandboxes.files.write(sandbox.id, {"notes/plan.md": "..."})')
    client.sandboxes.files.write(sandbox.id, {"notes/plan.md": "# Plan\n- list files\n"})
    show('client.sandboxes.files.read(sandbox.id, "notes/plan.md").content')
    result(client.sandboxes.files.read(sandbox.id, "notes/plan.md").content)
    show('client.sandboxes.files.list(sandbox.id, "/home/user", depth=2)')
    for entry in client.sandboxes.files.list(sandbox.id, "/home/user", depth=2):
        result(f"{'dir ' if entry.type_ == 'dir' else 'file'}  {entry.path}")

    step(4, "Stream a run", "threads.run starts the agent on a thread and streams typed chunks: "
         "text as it is written, tool calls and their output.")  # fmt: skip
    show('with client.threads.run("demo-agent", "...", sandbox_id=sandbox.id) as run: ...')
    printer = RunPrinter(sys.stdout)
    with client.threads.run(
        "demo-agent",
        "Count the files with `ls -R | wc -l`, then run `python3 hello.py`.",
        sandbox_id=sandbox.id,
        name="first run",
    ) as run:
        for chunk in run:
            printer.chunk(chunk)
        message = run.final_message()
    result(f"assembled message {message.id}: {len(message.parts)} parts")

    step(5, "Read the stored thread", "The relay keeps the conversation and its usage; the next "
         "turn on the same thread continues it.")  # fmt: skip
    show("client.threads.get(run.sandbox_id, run.thread_id)")
    thread = client.threads.get(run.sandbox_id, run.thread_id)
    result(f"thread {thread.name!r}: {thread.status}, {len(thread.messages or [])} messages")
    result(f"usage: {describe_usage(thread.usage)}")

    step(6, "Resume a stream", "A run outlives its connection. Start one in the background (in a "
         "sandbox of its own: sandbox ids are per agent), then join it from anywhere with "
         "threads.resume; the local relay replays it from the start.")  # fmt: skip
    show('client.threads.run("slow-agent", "...", mode="background")')
    background = client.threads.run(
        "slow-agent", "I keep going while nobody listens.", mode="background"
    )
    time.sleep(0.5)
    show('client.threads.resume("slow-agent", background.sandbox_id)')
    resumed = client.threads.resume("slow-agent", background.sandbox_id)
    if resumed is not None:
        with resumed:
            for text in resumed.text_stream:
                print(text, end="", flush=True)
        print()
    result(f"thread {background.thread_id} is {background.wait().status}")

    step(7, "Cancel a run", "run.cancel() (or threads.cancel from any process) stops the run; "
         "nothing of the cancelled turn is stored.")  # fmt: skip
    with client.threads.run("slow-agent", "this run is far too long " * 20) as long_run:
        for deltas, text in enumerate(long_run.text_stream, start=1):
            print(text, end="", flush=True)
            if deltas == 8:
                print()
                show("long_run.cancel()")
                long_run.cancel()
        try:
            long_run.until_done()
        except RunCancelledError:
            result("RunCancelledError: the run was cancelled")
    status = client.threads.get(long_run.sandbox_id, long_run.thread_id).status
    result(f"thread status: {status}")

    step(8, "Mint a browser token", "Browsers never see the secret key: a server mints a "
         "short-lived token limited to one agent.")  # fmt: skip
    show('client.tokens.create(agent="demo-agent", expires_in="10m")')
    token = client.tokens.create(agent="demo-agent", user_id="user-42", expires_in="10m")
    result(f"{token.token[:24]}… expires at {token.expires_at:%H:%M:%S} UTC")
    client.sandboxes.delete(sandbox.id)


async def async_tour(url: str, api_key: str) -> None:
    step(9, "The same with AsyncAgentClient", "Every method has the same name and arguments; "
         "await it. Three runs stream concurrently on one event loop.")  # fmt: skip
    show("async with AsyncAgentClient() as client: await asyncio.gather(...)")
    async with AsyncAgentClient(api_key=api_key, base_url=url) as client:

        async def one(prompt: str) -> tuple[str, float]:
            started = time.perf_counter()
            async with client.threads.run("echo-agent", prompt) as run:
                text = "".join([t async for t in run.text_stream])
            return text, time.perf_counter() - started

        _, alone = await one("one run on its own says hello")
        result(f"one run alone: {alone:.2f} s")
        prompts = [f"concurrent run number {n} says hello" for n in range(1, 4)]
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(one(p) for p in prompts))
        for text, seconds in outcomes:
            result(f"{seconds:.2f} s  {text}")
        result(f"all three together: {time.perf_counter() - started:.2f} s")


def main() -> int:
    from .local import LocalRelay

    print(f"{BOLD}agents21 demo{RESET}: the SDK against a local relay on this machine.")
    with tempfile.TemporaryDirectory(prefix="agents21-demo-") as tmp:
        config = Path(tmp) / "agents.toml"
        config.write_text(DEMO_CONFIG)
        with LocalRelay(config=config, data_dir=Path(tmp) / "data") as relay:
            result(f"local relay on {relay.url}")
            with AgentClient(api_key=relay.api_key, base_url=relay.url) as client:
                blocking_tour(client)
            asyncio.run(async_tour(relay.url, relay.api_key))
    print(f"\n{BOLD}Done.{RESET} The same code runs against the production relay:")
    result("export API_KEY_21ST=21st_sk_…        # your secret key")
    result("export BASE_URL_21ST=https://relay.an.dev  # or leave unset")
    result(
        "python -c \"from agents21 import AgentClient; print(AgentClient().sandboxes.create('your-agent'))\""
    )
    if os.environ.get("API_KEY_21ST") is None:
        result("(AgentClient() reads both variables; nothing else to configure.)")
    return 0
