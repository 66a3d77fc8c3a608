"""Quick start with the blocking client: a sandbox, commands, files, and a streamed agent run.

    API_KEY_21ST=21st_sk_… python examples/quickstart.py

`API_KEY_21ST` and `BASE_URL_21ST` (default: the production relay) configure the client; point
them at `agents21 serve` to try it locally. `AGENT_21ST` names the agent (default `demo-agent`,
the local relay's agent that runs each command in backticks with its Bash tool).
"""

from __future__ import annotations

import os

from agents21 import AgentClient
from agents21.stream import (
    ErrorChunk,
    TextDeltaChunk,
    ToolInputAvailableChunk,
    ToolOutputAvailableChunk,
)

AGENT = os.environ.get("AGENT_21ST", "demo-agent")


def main() -> None:
    with AgentClient() as client:
        # A sandbox is the agent's machine: files and setup commands go in when it is made.
        sandbox = client.sandboxes.create(
            AGENT, files={"hello.txt": "Hello from Python!\n"}, setup=["mkdir -p notes"]
        )
        print(f"sandbox: {sandbox.id}")
        try:
            result = client.sandboxes.exec(sandbox.id, "cat hello.txt")
            print(f"exec: exit {result.exit_code}, stdout {result.stdout!r}")

            # Relative paths land in the agent's home, /home/user.
            client.sandboxes.files.write(sandbox.id, {"notes/todo.md": "- try the SDK\n"})
            todo = client.sandboxes.files.read(sandbox.id, "/home/user/notes/todo.md")
            print(f"read: {todo.content!r}")
            entries = client.sandboxes.files.list(sandbox.id, "/home/user")
            print("list:", ", ".join(f"{e.name} ({e.type_})" for e in entries))

            prompt = "Run `cat hello.txt` and then `ls notes`"
            print(f"\nrun {AGENT}: {prompt}")
            with client.threads.run(AGENT, prompt, sandbox_id=sandbox.id) as run:
                for chunk in run:
                    if isinstance(chunk, TextDeltaChunk):
                        print(chunk.delta, end="", flush=True)
                    elif isinstance(chunk, ToolInputAvailableChunk):
                        print(f"[tool call] {chunk.tool_name} {chunk.input_}")
                    elif isinstance(chunk, ToolOutputAvailableChunk):
                        print(f"[tool result] {chunk.output}")
                    elif isinstance(chunk, ErrorChunk):
                        print(f"[error] {chunk.error_text}")
                message = run.final_message()  # raises RunFailedError if the run failed
            print()

            kinds = [part.type_ for part in message.parts]
            print(f"final message {message.id}: {len(kinds)} parts ({', '.join(kinds)})")
            usage = run.usage
            print(
                f"usage: {usage.input_tokens} in + {usage.output_tokens} out tokens, "
                f"${usage.total_cost_usd}, {usage.duration_ms} ms"
            )
            thread = client.threads.get(run.sandbox_id, run.thread_id)
            print(f"thread {thread.id}: {thread.status}, {len(thread.messages or [])} messages")
        finally:
            client.sandboxes.delete(sandbox.id)
            print("sandbox deleted")


if __name__ == "__main__":
    main()
