"""The `agents21` command, run as a user runs it: a subprocess against a real local relay."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from agents21.local import LocalRelay


@pytest.fixture(scope="module")
def relay() -> Any:
    with LocalRelay() as running:
        yield running


def cli(relay: LocalRelay, *args: str, key: str | None = None, stdin: str = "") -> Any:
    env = {**os.environ, "API_KEY_21ST": key or relay.api_key, "BASE_URL_21ST": relay.url}
    return subprocess.run(
        [sys.executable, "-m", "agents21", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_sandbox_files_and_exec(relay: LocalRelay) -> None:
    created = cli(relay, "--json", "sandboxes", "create", "demo-agent", "--file", "a.txt=hello",
                  "--env", "NAME=cli", "--setup", "echo set > up.txt")  # fmt: skip
    assert created.returncode == 0, created.stderr
    sandbox = json.loads(created.stdout)
    sid = sandbox["id"]
    assert sandbox["status"] == "active"

    ran = cli(relay, "sandboxes", "exec", sid, "cat a.txt up.txt; echo $NAME; exit 4")
    assert (ran.returncode, ran.stdout) == (4, "helloset\ncli\n")

    wrote = cli(relay, "files", "write", sid, "notes/n.md", stdin="# from stdin\n")
    assert wrote.returncode == 0 and "notes/n.md" in wrote.stdout
    assert cli(relay, "files", "read", sid, "notes/n.md").stdout == "# from stdin\n"
    listed = cli(relay, "files", "list", sid, "--depth", "2")
    assert "/home/user/notes/n.md" in listed.stdout
    assert cli(relay, "files", "rm", sid, "notes").returncode == 0
    gone = cli(relay, "files", "read", sid, "notes/n.md")
    assert gone.returncode == 1
    assert gone.stderr.startswith("error: 404 file_not_found")

    shown = json.loads(cli(relay, "sandboxes", "get", sid, "--json").stdout)
    assert shown["agent"]["slug"] == "demo-agent"
    human = cli(relay, "sandboxes", "get", sid).stdout
    assert human.startswith(f"sandbox {sid}  active  (agent demo-agent)")
    assert cli(relay, "sandboxes", "delete", sid).returncode == 0


def test_run_streams_text_and_tools_then_threads_show_it(relay: LocalRelay) -> None:
    ran = cli(relay, "run", "demo-agent", "Please run `echo from-the-tool`", "--name", "cli run")
    assert ran.returncode == 0, ran.stderr
    assert "▶ Bash: echo from-the-tool" in ran.stdout
    assert "│ from-the-tool" in ran.stdout
    assert "tokens in" in ran.stdout
    ids = ran.stderr.strip().split()
    sandbox_id, thread_id = ids[ids.index("sandbox") + 1], ids[ids.index("thread") + 1]

    listed = cli(relay, "threads", "list", sandbox_id)
    assert thread_id in listed.stdout and "completed" in listed.stdout
    thread = json.loads(cli(relay, "threads", "get", sandbox_id, thread_id, "--json").stdout)
    assert thread["name"] == "cli run"
    assert [m["role"] for m in thread["messages"]] == ["user", "assistant"]
    human = cli(relay, "threads", "get", sandbox_id, thread_id).stdout.splitlines()
    assert human[0] == f"thread {thread_id}  completed  cli run"
    assert human[1] == "user: Please run `echo from-the-tool`"
    assert human[2].startswith("assistant: ") and human[2].endswith("[tool-Bash]")
    again = cli(
        relay, "run", "demo-agent", "next turn", "--sandbox", sandbox_id, "--thread", thread_id
    )
    assert "I found no command to run" in again.stdout
    assert cli(relay, "threads", "delete", sandbox_id, thread_id).returncode == 0
    assert cli(relay, "threads", "cancel", "demo-agent", sandbox_id).stdout.strip() == "idle"


def test_run_json_prints_one_chunk_per_line(relay: LocalRelay) -> None:
    ran = cli(relay, "run", "echo-agent", "one two three", "--json")
    assert ran.returncode == 0, ran.stderr
    chunks = [json.loads(line) for line in ran.stdout.splitlines()]
    assert chunks[0]["type"] == "start"
    assert chunks[-1] == {"type": "finish"}
    assert "".join(c["delta"] for c in chunks if c["type"] == "text-delta") == "one two three"


def test_token_create(relay: LocalRelay) -> None:
    made = cli(relay, "token", "create", "--agent", "echo-agent", "--expires-in", "5m", "--json")
    token = json.loads(made.stdout)
    plain = cli(relay, "token", "create", "--agent", "echo-agent")
    assert plain.stdout.startswith("an_t_") and plain.stderr.startswith("expires ")
    assert token["token"].startswith("an_t_")
    refused = cli(relay, "token", "create", key=token["token"])
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: 403")


def test_a_wrong_api_key_is_one_clear_line(relay: LocalRelay) -> None:
    ran = cli(relay, "sandboxes", "get", "x", key="21st_sk_" + "f" * 64)
    assert ran.returncode == 1
    assert ran.stderr == "error: 401: Invalid API key\n"


def test_bad_arguments(relay: LocalRelay) -> None:
    usage = cli(relay, "sandboxes", "exec")
    assert usage.returncode == 2
    assert "the following arguments are required" in usage.stderr
    pairs = cli(relay, "sandboxes", "create", "demo-agent", "--env", "NOEQUALS")
    assert (pairs.returncode, pairs.stderr) == (1, "error: --env takes KEY=VALUE, got 'NOEQUALS'\n")
    orphan = cli(relay, "run", "echo-agent", "hi", "--thread", "t1")
    assert orphan.returncode == 1
    assert "thread_id requires sandbox_id" in orphan.stderr


def test_help_everywhere(relay: LocalRelay) -> None:
    for args in (["--help"], ["run", "--help"], ["files", "write", "--help"], ["serve", "--help"]):
        shown = cli(relay, *args)
        assert shown.returncode == 0, args
        assert "usage:" in shown.stdout


def test_missing_key_names_the_variable(relay: LocalRelay) -> None:
    env = {k: v for k, v in os.environ.items() if k != "API_KEY_21ST"}
    ran = subprocess.run(
        [sys.executable, "-m", "agents21", "sandboxes", "get", "x"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert ran.returncode == 1
    assert ran.stderr == "error: no API key: pass --api-key or set API_KEY_21ST\n"


def test_credentials_go_before_or_after_the_command(relay: LocalRelay) -> None:
    for args in (
        ["--api-key", relay.api_key, "--base-url", relay.url, "sandboxes", "get", "x"],
        ["sandboxes", "get", "x", "--api-key", relay.api_key, "--base-url", relay.url],
        # given twice, the later one wins
        ["--base-url", "http://127.0.0.1:9", "sandboxes", "get", "x", "--base-url", relay.url,
         "--api-key", relay.api_key],
    ):  # fmt: skip
        ran = cli(relay, *args, key="21st_sk_" + "e" * 64)  # the options win over the variable
        assert (ran.returncode, ran.stderr) == (
            1,
            'error: 404 sandbox_not_found: Sandbox "x" not found\n',
        ), args


def test_an_unreachable_relay_is_named(relay: LocalRelay) -> None:
    ran = cli(relay, "--base-url", "http://127.0.0.1:9", "sandboxes", "get", "x")
    assert ran.returncode == 1
    assert ran.stderr.startswith("error: http://127.0.0.1:9/v1/sandboxes/x: ")
    assert ran.stderr.count("\n") == 1


def test_ctrl_c_during_run_stops_cleanly_and_says_how_to_resume(relay: LocalRelay) -> None:
    env = {**os.environ, "API_KEY_21ST": relay.api_key, "BASE_URL_21ST": relay.url}
    process = subprocess.Popen(
        [sys.executable, "-m", "agents21", "run", "slow-agent", "word " * 100],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.read(10)  # the run is streaming
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "agents21 threads resume slow-agent" in stderr
    assert "agents21 threads cancel slow-agent" in stderr
    assert "Traceback" not in stderr
    sandbox_id = stderr.split("threads cancel slow-agent ")[1].split()[0]
    cancelled = cli(relay, "threads", "cancel", "slow-agent", sandbox_id)
    assert cancelled.stdout.strip() == "cancelled"


def test_the_demo_runs_to_the_end() -> None:
    """`make demo`, the README's first command: every step against a fresh local relay."""
    done = subprocess.run(
        [sys.executable, "-m", "agents21", "demo"],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.endswith("_21ST")},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Done. The same code runs against the production relay" in done.stdout


def test_run_takes_the_options_the_prompt_from_stdin_and_runs_in_the_background(
    relay: LocalRelay, tmp_path: Path
) -> None:
    piped = cli(relay, "run", "echo-agent", "--max-turns", "2", "--model", "m", stdin="piped in\n")
    assert piped.returncode == 0, piped.stderr
    assert "piped in" in piped.stdout
    started = cli(relay, "--json", "run", "slow-agent", "later", "--background")
    assert started.returncode == 0, started.stderr
    ids = json.loads(started.stdout)
    assert ids["status"] == "running" and ids["sandboxId"] and ids["threadId"]
    human = cli(relay, "run", "echo-agent", "bg", "--background")
    assert human.stdout.startswith("started: sandbox ")
    assert "agents21 threads resume echo-agent" in human.stdout
    empty = cli(relay, "run", "echo-agent", stdin="")
    assert (empty.returncode, empty.stderr) == (
        1,
        "error: the prompt is empty: pass it, or pipe it in\n",
    )


def test_create_uploads_binary_files_and_directories(relay: LocalRelay, tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\xff\x00\xfe")
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "x.txt").write_text("deep")
    made = cli(relay, "--json", "sandboxes", "create", "demo-agent",
               "--upload", f"{tmp_path / 'blob.bin'}", "--upload", f"{tmp_path / 'tree'}=t")  # fmt: skip
    assert made.returncode == 0, made.stderr
    sid = json.loads(made.stdout)["id"]
    listed = cli(relay, "files", "list", sid, "--depth", "4").stdout
    assert "/home/user/blob.bin" in listed and "/home/user/t/sub/x.txt" in listed
    missing = cli(relay, "sandboxes", "create", "demo-agent", "--upload", "nope.bin")
    assert missing.stderr == "error: --upload: no such file or directory 'nope.bin'\n"


def test_a_typo_gets_a_suggestion(relay: LocalRelay) -> None:
    for args, hint in [
        (["sandboxs", "list"], "did you mean 'sandboxes'?"),
        (["sandboxes", "craete", "x"], "did you mean 'create'?"),
        (["run", "echo-agent", "hi", "--mdoel", "m"], "did you mean '--model'?"),
    ]:
        ran = cli(relay, *args)
        assert ran.returncode == 2, args
        assert ran.stderr.rstrip().endswith(hint), ran.stderr


def test_vaults_and_their_credentials(relay: LocalRelay) -> None:
    made = cli(relay, "vaults", "create", "GitHub", "--metadata", "team=core", "--default")
    assert made.returncode == 0, made.stderr
    vault_id = made.stdout.split()[0]
    assert "default GitHub  (0 credentials)" in made.stdout
    # The token comes from stdin, not the command line.
    added = cli(relay, "vaults", "credentials", "add", vault_id,
                "https://api.githubcopilot.com/mcp/", "--name", "gh", stdin="ghp_cli_secret\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "https://api.githubcopilot.com/mcp" in added.stdout
    credential_id = added.stdout.split()[1]
    shown = cli(relay, "vaults", "get", vault_id)
    assert f"credential {credential_id}  active   bearer" in shown.stdout
    vault = json.loads(cli(relay, "vaults", "get", vault_id, "--json").stdout)
    assert vault["credentials"][0]["auth"] == {"type": "bearer", "hasToken": True}
    assert "ghp_cli_secret" not in shown.stdout + json.dumps(vault)
    listed = cli(relay, "vaults", "list")
    assert listed.stdout.startswith(f"{vault_id}  active   default GitHub  (1 credentials)")
    # A run takes the default vault unless told otherwise.
    ran = cli(relay, "run", "echo-agent", "hi", "--no-vaults")
    assert ran.returncode == 0, ran.stderr
    refused = cli(
        relay, "run", "echo-agent", "hi", "--vault", "a1b2c3d4-5678-90ab-cdef-1234567890ab"
    )
    assert refused.returncode == 1
    assert "is not a valid vault id" in refused.stderr
    empty = cli(relay, "vaults", "credentials", "add", vault_id, "https://x.com/", stdin="")
    assert empty.returncode == 1 and "no token" in empty.stderr
    removed = cli(relay, "vaults", "credentials", "rm", vault_id, credential_id)
    assert removed.stdout.strip() == f"archived credential {credential_id}"
    assert cli(relay, "vaults", "delete", vault_id).stdout.strip() == f"archived vault {vault_id}"
    forced = cli(relay, "vaults", "delete", vault_id, "--force")
    assert forced.stdout.strip() == f"deleted vault {vault_id}"
    gone = cli(relay, "vaults", "get", vault_id)
    assert gone.returncode == 1 and "Vault not found" in gone.stderr
    missing = cli(relay, "vaults", "credentials")
    assert missing.returncode == 2


# ---------------------------------------------------------------- output shapes

OPENAPI = Path(__file__).resolve().parents[2] / "openapi.yaml"


def shaped(text: str, schema: str, *, many: bool = False) -> Any:
    """The command's JSON, checked against the API's schema of that name (`many`: an array)."""
    import jsonschema
    import yaml

    spec = yaml.safe_load(OPENAPI.read_text())
    ref: dict[str, Any] = {"$ref": f"#/components/schemas/{schema}"}
    document = {
        "components": spec["components"],
        **({"type": "array", "items": ref} if many else ref),
    }
    value = json.loads(text)
    jsonschema.Draft202012Validator(document).validate(value)
    return value


def test_every_command_prints_the_apis_json(relay: LocalRelay, tmp_path: Path) -> None:
    def ok(*args: str, stdin: str = "") -> str:
        ran = cli(relay, "--json", *args, stdin=stdin)
        assert ran.returncode == 0, (args, ran.stderr)
        return str(ran.stdout)

    sid = shaped(ok("sandboxes", "create", "demo-agent", "--file", "a.txt=hi"), "SandboxCreated")[
        "id"
    ]
    shaped(ok("sandboxes", "get", sid), "Sandbox")
    shaped(ok("files", "write", sid, "b.txt", "bee"), "WriteFilesResult")
    (tmp_path / "c.txt").write_text("sea")
    shaped(ok("files", "write", sid, "c.txt", f"@{tmp_path / 'c.txt'}"), "WrittenBlob", many=True)
    shaped(ok("files", "read", sid, "a.txt"), "ReadFileResult")
    shaped(ok("files", "list", sid), "FileEntryInfo", many=True)
    ran = ok("run", "demo-agent", "hi", "--sandbox", sid)
    chunks = [shaped(line, "UIMessageChunk") for line in ran.splitlines()]
    assert chunks[0]["type"] == "start"
    threads = shaped(ok("threads", "list", sid), "ThreadListItem", many=True)
    shaped(ok("threads", "get", sid, threads[0]["id"]), "Thread")
    shaped(ok("threads", "cancel", "demo-agent", sid), "CancelResult")
    shaped(ok("run", "echo-agent", "bg", "--background"), "BackgroundRunStarted")
    shaped(ok("token", "create"), "TokenResponse")
    vault = shaped(ok("vaults", "create", "Shapes"), "Vault")
    credential = ok("vaults", "credentials", "add", vault["id"], "https://x.com/mcp", stdin="t")
    shaped(credential, "VaultCredential")
    shaped(ok("vaults", "get", vault["id"]), "Vault")
    shaped(ok("vaults", "list"), "VaultList")


def test_files_move_bytes_and_directories(relay: LocalRelay, tmp_path: Path) -> None:
    sid = json.loads(cli(relay, "--json", "sandboxes", "create", "demo-agent").stdout)["id"]
    env = {**os.environ, "API_KEY_21ST": relay.api_key, "BASE_URL_21ST": relay.url}
    blob = bytes(range(256)) * 4

    def raw(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "agents21", *args],
            input=stdin, capture_output=True, env=env, timeout=60,
        )  # fmt: skip

    written = raw("files", "write", sid, "blob.bin", stdin=blob)
    assert written.returncode == 0, written.stderr
    assert raw("files", "read", sid, "blob.bin").stdout == blob  # piped: the bytes as they are
    saved = raw("files", "read", sid, "blob.bin", "--output", str(tmp_path / "out.bin"))
    assert saved.returncode == 0 and (tmp_path / "out.bin").read_bytes() == blob
    assert b"saved blob.bin to" in saved.stderr
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "deep.bin").write_bytes(b"\x00\xff")
    up = raw("files", "write", sid, "copied", f"@{tree}")
    assert up.returncode == 0 and b"copied/sub/deep.bin" in up.stdout
    down = raw("files", "read", sid, "copied", "-o", str(tmp_path / "back"))
    assert down.returncode == 0, down.stderr
    assert (tmp_path / "back" / "sub" / "deep.bin").read_bytes() == b"\x00\xff"
    missing = raw("files", "write", sid, "x", "@nope")
    assert (
        missing.stderr
        == b"error: no such file or directory 'nope' (CONTENT starting with @ names one)\n"
    )


def test_quiet_leaves_only_the_output(relay: LocalRelay) -> None:
    ran = cli(relay, "run", "echo-agent", "shh", "--quiet")
    assert ran.returncode == 0 and ran.stderr == ""
    assert "shh" in ran.stdout


def test_shell_completion(relay: LocalRelay, tmp_path: Path) -> None:
    bash = cli(relay, "completion", "bash")
    assert bash.returncode == 0, bash.stderr
    script = tmp_path / "agents21.bash"
    script.write_text(bash.stdout)

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        done = subprocess.run(
            ["bash", "-c", f"source {script}; COMP_WORDS=(agents21 {line}); "
             f"COMP_CWORD={len(words)}; _agents21; printf '%s\\n' \"${{COMPREPLY[@]}}\""],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("sa") == ["sandboxes"]
    assert complete("--json", "vaults", "credentials", "") == ["add", "rm", "--help"]
    assert "--max-turns" in complete("run", "demo-agent", "--max")
    assert complete("files", "read", "--ou") == ["--output"]
    zsh = cli(relay, "completion", "zsh").stdout
    assert zsh.startswith("autoload -U +X bashcompinit") and "_agents21()" in zsh
    fish = cli(relay, "completion", "fish").stdout
    assert "complete -c agents21 -n 'test (__agents21_path) = vaults' -a" in fish
    for shell, text in (("zsh", zsh), ("fish", fish)):
        if shutil.which(shell):
            checked = subprocess.run([shell, "-n"], input=text, capture_output=True, text=True)
            assert checked.returncode == 0, checked.stderr


# ---------------------------------------------------------------- a real terminal

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="tmux is not installed (CI installs it)",
)


def terminal_session(
    relay: LocalRelay, tmp_path: Path, name: str, env: dict[str, str]
) -> list[str]:
    """Every screen of a tmux pane (escape sequences kept) while a sandbox with a slow setup is
    made and a run prints a tool call, until both are done."""
    variables = {"API_KEY_21ST": relay.api_key, "BASE_URL_21ST": relay.url, **env}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in variables.items())
    agents21 = f"{shlex.quote(sys.executable)} -m agents21"
    script = (
        f"export {exports}; {agents21} sandboxes create demo-agent --setup 'sleep 2'; "
        f"{agents21} run demo-agent 'Run `echo tmux-ok`'; echo ALL-DONE; sleep 60"
    )
    socket = f"agents21-{name}-{os.getpid()}"
    tmux = ["tmux", "-L", socket]
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", "160", "-y", "40", "sh", "-c", script],
                   check=True, timeout=30)  # fmt: skip
    screens: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            shown = subprocess.run([*tmux, "capture-pane", "-p", "-e", "-t", name],
                                   capture_output=True, text=True, timeout=30).stdout  # fmt: skip
            screens.append(shown)
            if "ALL-DONE" in shown:
                return screens
            time.sleep(0.05)
        raise AssertionError("the session did not finish:\n" + screens[-1])
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=30)


@needs_tmux
def test_a_terminal_shows_colour_and_progress_and_no_color_turns_them_off(
    relay: LocalRelay, tmp_path: Path
) -> None:
    screens = terminal_session(relay, tmp_path, "colour", {"TERM": "xterm-256color"})
    final = screens[-1]
    assert "tmux-ok" in final and "▶ Bash:" in final.replace("\x1b[0m", "")
    assert "\x1b[" in final  # the tool call and the usage line are styled
    assert any("creating the sandbox and running its setup" in s for s in screens)
    plain = terminal_session(relay, tmp_path, "plain", {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "tmux-ok" in plain[-1] and "▶ Bash: echo tmux-ok" in plain[-1]
    assert not any("\x1b[" in s for s in plain)
    assert not any("creating the sandbox" in s for s in plain)
