"""A background run: start it, let it work server-side, then wait for the stored result.

    API_KEY_21ST=21st_sk_… python examples/background_run.py

Background mode suits jobs, queues and webhooks: nothing is streamed; the run goes on on the
server and `wait()` polls its thread until it ends. `AGENT_21ST` names the agent (default
`demo-agent`, which runs commands in backticks).
"""

from __future__ import annotations

import os

from agents21 import AgentClient, RunFailedError
from agents21.types import TextUIPart

AGENT = os.environ.get("AGENT_21ST", "demo-agent")


def main() -> None:
    with AgentClient() as client:
        job = client.threads.run(
            AGENT, "Run `sleep 0.5` then `echo report ready`", mode="background"
        )
        print(f"started: sandbox {job.sandbox_id}, thread {job.thread_id}, status {job.status}")
        try:
            # Other work could happen here; wait() polls the thread until the run ends.
            thread = job.wait(timeout=300, poll_interval=0.25)
        except RunFailedError as error:
            raise SystemExit(f"the run failed: {error}") from None
        finally:
            client.sandboxes.delete(job.sandbox_id)
        reply = (thread.messages or [])[-1]
        text = "".join(part.text for part in reply.parts if isinstance(part, TextUIPart))
        print(f"finished: {thread.status}")
        print("reply:", text.strip().replace("\n", " / "))
        usage = thread.usage
        print(f"usage: {usage.total_tokens} tokens, {usage.duration_ms} ms")


if __name__ == "__main__":
    main()
