"""A small service of the kind users write: it asks an agent about a project's files.

It builds its own client from the environment (API_KEY_21ST, BASE_URL_21ST), as a deployed
service does; its tests point that environment at a local relay.
"""

from __future__ import annotations

from agents21 import AgentClient


def review(files: dict[str, str], question: str, *, agent: str = "reviewer") -> str:
    """The agent's answer about `files`, put in a sandbox of their own."""
    with AgentClient(max_retries=3) as client:
        sandbox = client.sandboxes.create(agent, files=files)
        try:
            with client.threads.run(agent, question, sandbox_id=sandbox.id) as run:
                return run.final_text()
        finally:
            client.sandboxes.delete(sandbox.id)
