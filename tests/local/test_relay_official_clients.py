"""The official clients, unchanged, pointed at the local relay."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import twentyfirst_sdk
from relay_helpers import user

from agents21.local import LocalRelay

NODE_SDK = "@21st-sdk/node@0.1.1"


def test_python_sdk_0_0_5(relay: LocalRelay) -> None:
    client = twentyfirst_sdk.AgentClient(api_key=relay.api_key, base_url=relay.url)
    with client:
        sb = client.sandboxes.create(
            "demo-agent", files={"a.txt": "hi"}, envs={"MODE": "py"}, setup=["echo ready > s.txt"]
        )
        assert sb.status == "active"
        out = client.sandboxes.exec(sb.id, "cat a.txt s.txt; echo $MODE", timeout_ms=5000)
        assert out.stdout == "hiready\npy\n" and out.exitCode == 0
        written = client.sandboxes.files.write(sb.id, {"notes/n.md": "# n"})
        assert written.files[0].path == "notes/n.md"  # as sent, like production
        assert client.sandboxes.files.read(sb.id, "notes/n.md").content == "# n"
        thread = client.threads.create(sb.id, name="py")
        assert thread.status == "idle"
        assert [t.id for t in client.threads.list(sb.id)] == [thread.id]
        result = client.threads.run(
            "demo-agent",
            user("Run `cat a.txt`"),
            sandbox_id=sb.id,
            thread_id=thread.id,
            options={"maxTurns": 1},
        )
        assert result.resumeUrl == f"{relay.url}/v1/chat/demo-agent/{sb.id}/stream"
        lines = [line for line in result.response.iter_lines(decode_unicode=True) if line]
        assert lines[-1] == "data: [DONE]"
        chunks = [json.loads(line[6:]) for line in lines if line.startswith("data: {")]
        assert chunks[0]["type"] == "start" and chunks[-1]["type"] == "finish"
        got = client.threads.get(sb.id, thread.id)
        assert got.status == "completed" and len(got.messages) == 2
        # Without a sandbox the SDK makes one, then a thread, then runs.
        auto = client.threads.run("echo-agent", user("auto"))
        text = auto.response.text
        assert text.endswith("data: [DONE]\n\n") and '"delta":"auto"' in text
        token = client.tokens.create(agent="echo-agent", expires_in="10m")
        assert token.token.startswith("an_t_") and token.expiresAt.endswith("Z")
        with pytest.raises(twentyfirst_sdk.AgentClientError, match="not found"):
            client.sandboxes.get("missing")
        assert client.threads.delete(sb.id, thread.id) is None
        assert client.sandboxes.delete(sb.id) is None


def _node_sdk_dir(config: pytest.Config, tmp: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed to test @21st-sdk/node")
    # The pytest cache keeps the install between runs; without it, a temporary dir.
    cache = getattr(config, "cache", None)
    root = cache.mkdir("node-sdk-0.1.1") if cache else tmp.mktemp("node-sdk")
    if not (root / "node_modules" / "@21st-sdk" / "node" / "package.json").exists():
        (root / "package.json").write_text('{"name": "relay-node-test", "private": true}')
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", NODE_SDK],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"could not install {NODE_SDK} from npm: {done.stderr.strip()[-300:]}")
    return root


NODE_SCRIPT = textwrap.dedent(
    """
    const { AgentClient } = require("@21st-sdk/node");
    const assert = require("node:assert/strict");

    (async () => {
      const client = new AgentClient({ apiKey: process.env.KEY, baseUrl: process.env.URL });
      const sb = await client.sandboxes.create({ agent: "demo-agent", files: { "a.txt": "hi" } });
      assert.equal(sb.status, "active");
      const out = await client.sandboxes.exec({ sandboxId: sb.id, command: "cat a.txt" });
      assert.equal(out.stdout, "hi");
      assert.equal(out.exitCode, 0);
      await client.sandboxes.files.write({ sandboxId: sb.id, files: { "b.txt": "bee" } });
      const read = await client.sandboxes.files.read({ sandboxId: sb.id, path: "b.txt" });
      assert.equal(read.content, "bee");
      const thread = await client.threads.create({ sandboxId: sb.id, name: "node" });
      assert.equal(thread.status, "idle");
      const threads = await client.threads.list({ sandboxId: sb.id });
      assert.equal(threads[0].id, thread.id);
      const run = await client.threads.run({
        agent: "demo-agent",
        sandboxId: sb.id,
        threadId: thread.id,
        messages: [{ role: "user", parts: [{ type: "text", text: "Run `ls`" }] }],
      });
      const text = await run.response.text();
      assert.ok(text.endsWith("data: [DONE]\\n\\n"), text.slice(-40));
      assert.ok(text.includes('"type":"tool-output-available"'));
      const got = await client.threads.get({ sandboxId: sb.id, threadId: thread.id });
      assert.equal(got.status, "completed");
      assert.equal(got.messages.length, 2);
      const token = await client.tokens.create({ agent: "demo-agent", expiresIn: "5m" });
      assert.ok(token.token.startsWith("an_t_"));
      let failed = null;
      try { await client.sandboxes.get("missing"); } catch (e) { failed = e; }
      assert.ok(failed && /not found/.test(failed.message), String(failed));
      await client.threads.delete({ sandboxId: sb.id, threadId: thread.id });
      await client.sandboxes.delete(sb.id);
      console.log("node ok");
    })().catch((e) => { console.error(e); process.exit(1); });
    """
)


def test_node_sdk_0_1_1(
    relay: LocalRelay, pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = _node_sdk_dir(pytestconfig, tmp_path_factory)
    script = root / "smoke.js"
    script.write_text(NODE_SCRIPT)
    done = subprocess.run(
        ["node", str(script)],
        cwd=root,
        env={**os.environ, "KEY": relay.api_key, "URL": relay.url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "node ok" in done.stdout
