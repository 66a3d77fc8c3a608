"""Sessions: store ids, continue a thread, open another thread in the same sandbox, hydrate a
thread for a chat UI, and resume a run that is still streaming.

    API_KEY_21ST=21st_sk_… python examples/session_patterns.py

A sandbox is the agent's machine (its files persist); a thread is one conversation in it (the
server keeps its history). Store both ids with your user to come back to either.
`AGENT_21ST` names the agent (default `demo-agent`, which runs commands in backticks).
"""

from __future__ import annotations

import json
import os

from agents21 import AgentClient

AGENT = os.environ.get("AGENT_21ST", "demo-agent")


def main() -> None:
    with AgentClient() as client:
        # 1. A first run creates the sandbox and the thread; keep their ids.
        with client.threads.run(AGENT, "Run `echo 42 > answer.txt`", name="first") as run:
            run.until_done()
        saved = {"sandbox_id": run.sandbox_id, "thread_id": run.thread_id}
        print("stored:", json.dumps(saved))
        sandbox_id = saved["sandbox_id"]

        try:
            # 2. Continue the same conversation: the server appends to its history.
            with client.threads.run(
                AGENT, "Run `cat answer.txt`", sandbox_id=sandbox_id, thread_id=saved["thread_id"]
            ) as run:
                print("continued:", "".join(run.text_stream).strip().replace("\n", " / "))
            first = client.threads.get(sandbox_id, saved["thread_id"])
            print(f"thread 'first' holds {len(first.messages or [])} messages")

            # 3. A new thread in the same sandbox: a fresh conversation, the same files.
            second = client.threads.create(sandbox_id, name="second")
            with client.threads.run(
                AGENT, "Run `cat answer.txt`", sandbox_id=sandbox_id, thread_id=second.id
            ) as run:
                print("new thread:", "".join(run.text_stream).strip().replace("\n", " / "))
            names = [t.name for t in client.threads.list(sandbox_id)]
            print(f"threads in the sandbox (newest first): {names}")

            # 4. Hydrate and resume: a page reloads while a run is streaming.
            with client.threads.run(
                AGENT,
                "Run `sleep 1` then `echo still here`",
                sandbox_id=sandbox_id,
                thread_id=second.id,
            ) as live:
                next(live)  # the run has started...
            # ...and the connection is gone; the run goes on server-side.
            view = client.threads.hydrate(sandbox_id, second.id)
            print(
                f"hydrated: {len(view.initial_messages)} stored messages, "
                f"resume_stream_on_mount={view.resume_stream_on_mount}"
            )
            if view.resume_stream_on_mount:
                resumed = client.threads.resume(AGENT, sandbox_id)
                if resumed is not None:  # None: the run ended in the meantime
                    with resumed:
                        # The local relay replays the run from its start; production joins live.
                        text = "".join(resumed.text_stream)
                    print("resumed:", text.strip().replace("\n", " / "))
            after = client.threads.hydrate(sandbox_id, second.id)
            print(
                f"after the run: {after.thread.status}, {len(after.initial_messages)} messages, "
                f"resume_stream_on_mount={after.resume_stream_on_mount}"
            )
        finally:
            client.sandboxes.delete(sandbox_id)


if __name__ == "__main__":
    main()
