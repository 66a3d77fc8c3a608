"""A program for the relay's `command` runtime: request JSON on stdin, UI chunks on stdout."""

import json
import sys

request = json.loads(sys.stdin.readline())
prompt = request["prompt"]
print(f"fake agent got: {prompt}", file=sys.stderr, flush=True)


def emit(chunk: dict) -> None:
    print(json.dumps(chunk), flush=True)


if "report" in prompt:
    # Where it runs and what it sees, and the sandbox reached through the relay.
    import os

    import httpx

    exec_url = f"{os.environ['BASE_URL_21ST']}/v1/sandboxes/{request['sandboxId']}/exec"
    done = httpx.post(
        exec_url,
        json={"command": "cat note.txt"},
        headers={"Authorization": f"Bearer {os.environ['API_KEY_21ST']}"},
        timeout=30,
    ).json()
    seen = {
        "cwd": os.getcwd(),
        "sandboxVariable": "SANDBOX_MARK" in os.environ,
        "ids": [os.environ["AGENT"], os.environ["SANDBOX_ID"], os.environ["THREAD_ID"]],
        "exec": done["stdout"],
    }
    emit({"type": "data-report", "data": seen})
    sys.exit(0)
if "crash" in prompt:
    print("something broke", file=sys.stderr, flush=True)
    sys.exit(3)
if "split emoji" in prompt:
    # One character in two deltas: each half alone is a lone surrogate.
    emit({"type": "text-start", "id": "e1"})
    emit({"type": "text-delta", "id": "e1", "delta": "smile \ud83d"})
    emit({"type": "text-delta", "id": "e1", "delta": "\ude00 and half \ud83d"})
    emit({"type": "text-end", "id": "e1"})
    sys.exit(0)
emit({"type": "start", "messageId": "ignored"})
emit({"type": "text-start", "id": "t1"})
emit({"type": "text-delta", "id": "t1", "delta": "cwd-ok " if request["home"] else "?"})
emit({"type": "text-delta", "id": "t1", "delta": f"agent={request['agent']} "})
print("not json", flush=True)
emit({"type": "text-delta", "id": "t1", "delta": f"prompt={prompt}"})
emit({"type": "text-end", "id": "t1"})
if "error chunk" in prompt:
    emit({"type": "error", "errorText": "the model refused"})
    sys.exit(0)
emit({"type": "data-custom", "data": {"sandboxId": request["sandboxId"]}})
emit(
    {
        "type": "message-metadata",
        "messageMetadata": {"inputTokens": 7, "outputTokens": 11, "custom": 1},
    }
)
emit({"type": "finish"})
