"""A program for the relay's `command` runtime: request JSON on stdin, UI chunks on stdout."""

import json
import sys

request = json.loads(sys.stdin.readline())
prompt = request["prompt"]
print(f"fake agent got: {prompt}", file=sys.stderr, flush=True)


def emit(chunk: dict) -> None:
    print(json.dumps(chunk), flush=True)


if "crash" in prompt:
    print("something broke", file=sys.stderr, flush=True)
    sys.exit(3)
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
