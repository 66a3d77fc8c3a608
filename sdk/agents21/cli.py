"""The `agents21` command: the SDK's resources from a shell, plus `serve` and `demo`.

Reads `API_KEY_21ST` and `BASE_URL_21ST` like the clients (or `--api-key`, `--base-url`).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ._cli_style import Progress, Style, wants_style
from ._version import __version__

if TYPE_CHECKING:
    from ._sync.client import AgentClient


class CLIError(Exception):
    """A mistake in the command line that argparse cannot see."""


def _pairs(values: Sequence[str] | None, option: str) -> dict[str, str] | None:
    if not values:
        return None
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, item = value.partition("=")
        if not sep or not key:
            raise CLIError(f"{option} takes KEY=VALUE, got {value!r}")
        pairs[key] = item
    return pairs


def _print_json(value: Any) -> None:
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    elif isinstance(value, list):
        value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _client(args: argparse.Namespace) -> AgentClient:
    from ._config import API_KEY_ENV
    from ._sync.client import AgentClient

    if not (args.api_key or os.environ.get(API_KEY_ENV)):
        raise CLIError(f"no API key: pass --api-key or set {API_KEY_ENV}")
    return AgentClient(api_key=args.api_key, base_url=args.base_url)


def _progress(args: argparse.Namespace, message: str) -> Progress:
    """A spinner on stderr while a person waits (a terminal only; not with --quiet)."""
    enabled = not args.quiet and wants_style(sys.stderr, no_color=args.no_color)
    return Progress(sys.stderr, message, enabled=enabled)


def _note(args: argparse.Namespace, text: str) -> None:
    """A line for the person at the terminal, on stderr; --quiet drops it."""
    if not args.quiet:
        print(text, file=sys.stderr)


# ---------------------------------------------------------------- commands


def _sandboxes_create(args: argparse.Namespace) -> int:
    files = _pairs(args.file, "--file")
    uploads = []  # copied in after creation: binary files and directories too
    for spec in args.upload or []:
        local, sep, remote = spec.partition("=")
        path = Path(local)
        if not path.exists():
            raise CLIError(f"--upload: no such file or directory {local!r}")
        uploads.append((path, remote if sep else path.name))
    waiting = "creating the sandbox" + (" and running its setup" if args.setup else "")
    with _client(args) as client, _progress(args, waiting) as progress:
        sandbox = client.sandboxes.create(
            args.agent,
            files=files,
            envs=_pairs(args.env, "--env"),
            setup=args.setup,
            timeout_ms=args.timeout_ms,
        )
        for i, (local, remote) in enumerate(uploads, 1):
            progress.update(f"uploading {local} ({i}/{len(uploads)})")
            client.sandboxes.files.upload(sandbox.id, local, remote)
    if args.json:
        _print_json(sandbox)
    else:
        print(f"sandbox {sandbox.id}  {sandbox.status}  (agent {args.agent})")
    return 0


def _sandboxes_get(args: argparse.Namespace) -> int:
    with _client(args) as client:
        sandbox = client.sandboxes.get(args.sandbox_id)
    if args.json:
        _print_json(sandbox)
        return 0
    print(f"sandbox {sandbox.id}  {sandbox.status}  (agent {sandbox.agent.slug})")
    if isinstance(sandbox.error, str):
        print(f"error: {sandbox.error}")
    for thread in sandbox.threads:
        print(f"  thread {thread.id}  {thread.status:<10} {thread.name or ''}")
    return 0


def _sandboxes_delete(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.sandboxes.delete(args.sandbox_id)
    print(f"deleted sandbox {args.sandbox_id}")
    return 0


def _sandboxes_exec(args: argparse.Namespace) -> int:
    with _client(args) as client:
        result = client.sandboxes.exec(
            args.sandbox_id,
            args.command,
            cwd=args.cwd,
            envs=_pairs(args.env, "--env"),
            timeout_ms=args.timeout_ms,
        )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.exit_code


def _files_read(args: argparse.Namespace) -> int:
    if args.output is not None and args.output != "-":
        with _client(args) as client, _progress(args, f"downloading {args.path}"):
            saved = client.sandboxes.files.download(args.sandbox_id, args.path, args.output)
        _note(args, f"saved {args.path} to {saved}")
        return 0
    if args.json:
        with _client(args) as client:
            _print_json(client.sandboxes.files.read(args.sandbox_id, args.path))
        return 0
    with _client(args) as client:
        data = client.sandboxes.files.read_bytes(args.sandbox_id, args.path)
    if args.output is None and sys.stdout.isatty():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise CLIError(
                f"{args.path} is binary: pass --output FILE (or --output - to pipe its bytes)"
            ) from None
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def _files_write(args: argparse.Namespace) -> int:
    if args.content is not None and args.content.startswith("@"):
        return _files_upload(args, Path(args.content[1:]))
    if args.content is None:
        raw = sys.stdin.buffer.read()
        try:
            content: str | bytes = raw.decode("utf-8")
        except UnicodeDecodeError:
            content = raw  # binary: written as bytes
    else:
        content = args.content
    with _client(args) as client:
        result = client.sandboxes.files.write(args.sandbox_id, {args.path: content})
    if args.json:
        _print_json(result)
        return 0
    for written in result.files:
        print(f"wrote {written.path} ({written.size} bytes)")
    return 0


def _files_upload(args: argparse.Namespace, source: Path) -> int:
    """`files write SANDBOX PATH @LOCAL`: a local file (binary too) or directory, streamed."""
    if not source.exists():
        raise CLIError(
            f"no such file or directory {str(source)!r} (CONTENT starting with @ names one)"
        )
    with _client(args) as client, _progress(args, f"uploading {source}"):
        written = client.sandboxes.files.upload(args.sandbox_id, source, args.path)
    if args.json:
        _print_json(written)
        return 0
    for blob in written:
        size = f" ({blob.size} bytes)" if isinstance(blob.size, int) else ""
        print(f"wrote {blob.path}{size}")
    return 0


def _files_list(args: argparse.Namespace) -> int:
    with _client(args) as client:
        entries = client.sandboxes.files.list(args.sandbox_id, args.path, depth=args.depth)
    if args.json:
        _print_json(entries)
        return 0
    for entry in entries:
        kind = "d" if entry.type_ == "dir" else "-"
        size = entry.size if isinstance(entry.size, int) else ""
        print(f"{kind} {size!s:>10}  {entry.path}")
    return 0


def _files_rm(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.sandboxes.files.remove(args.sandbox_id, args.path)
    print(f"removed {args.path}")
    return 0


def _threads_list(args: argparse.Namespace) -> int:
    with _client(args) as client:
        threads = client.threads.list(args.sandbox_id)
    if args.json:
        _print_json(threads)
        return 0
    for thread in threads:
        print(
            f"{thread.id}  {thread.status:<10} {thread.created_at:%Y-%m-%d %H:%M}  {thread.name or ''}"
        )
    return 0


def _threads_get(args: argparse.Namespace) -> int:
    with _client(args) as client:
        thread = client.threads.get(args.sandbox_id, args.thread_id)
    if args.json:
        _print_json(thread)
        return 0
    print(f"thread {thread.id}  {thread.status}  {thread.name or ''}".rstrip())
    if isinstance(thread.error, str):
        print(f"error: {thread.error}")
    for message in thread.messages or []:
        text = " ".join(str(getattr(p, "text", "")) for p in message.parts if hasattr(p, "text"))
        tools = [p.type_ for p in message.parts if str(getattr(p, "type_", "")).startswith("tool-")]
        line = text.strip().replace("\n", " ")
        line = line[:200] + ("…" if len(line) > 200 else "")
        print(f"{message.role}: {line}" + (f"  [{', '.join(tools)}]" if tools else ""))
    usage = thread.usage
    if isinstance(usage.total_tokens, int):
        print(f"usage: {usage.total_tokens} tokens")
    return 0


def _threads_delete(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.threads.delete(args.sandbox_id, args.thread_id)
    print(f"deleted thread {args.thread_id}")
    return 0


def _threads_cancel(args: argparse.Namespace) -> int:
    with _client(args) as client:
        result = client.threads.cancel(args.agent, args.sandbox_id)
    if args.json:
        _print_json(result)
    else:
        print(result.status)
    return 0


def _stream(run: Any, args: argparse.Namespace) -> int:
    """Print a run as it streams; Ctrl-C stops reading (the run goes on server-side)."""
    from ._errors import RunCancelledError, RunFailedError
    from ._render import RunPrinter

    printer = RunPrinter(sys.stdout, Style(wants_style(sys.stdout, no_color=args.no_color)))
    try:
        with run, _progress(args, "waiting for the agent") as waiting:
            for chunk in run:
                waiting.stop()
                if args.json:
                    print(json.dumps(chunk.to_dict(), ensure_ascii=False), flush=True)
                else:
                    printer.chunk(chunk)
            if not args.json:
                printer.usage(run.usage)
            run.until_done()
    except KeyboardInterrupt:
        print(
            "\ninterrupted: the run goes on on the server.\n"
            f"  follow it:  agents21 threads resume {run.agent} {run.sandbox_id}\n"
            f"  cancel it:  agents21 threads cancel {run.agent} {run.sandbox_id}",
            file=sys.stderr,
        )
        return 130
    except RunCancelledError:
        print("cancelled", file=sys.stderr)
        return 1
    except RunFailedError as error:
        print(f"error: the run failed: {error.error_text}", file=sys.stderr)
        return 1
    finally:
        _note(args, f"sandbox {run.sandbox_id}  thread {run.thread_id}")
    return 0


def _run(args: argparse.Namespace) -> int:
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    if not prompt.strip():
        raise CLIError("the prompt is empty: pass it, or pipe it in")
    given = {
        "model": args.model,
        "system_prompt": args.system_prompt,
        "max_turns": args.max_turns,
        "max_budget_usd": args.max_budget_usd,
        "max_sandbox_budget_usd": args.max_sandbox_budget_usd,
        "permission_mode": args.permission_mode,
        "disallowed_tools": args.disallowed_tools,
    }
    options = {k: v for k, v in given.items() if v is not None} or None
    if args.no_vaults and args.vaults:
        raise CLIError("--vault and --no-vaults go one at a time")
    vault_ids = [] if args.no_vaults else args.vaults
    with _client(args) as client:
        common = {
            "sandbox_id": args.sandbox,
            "thread_id": args.thread,
            "name": args.name,
            "vault_ids": vault_ids,
            "external_user_id": args.external_user_id,
        }
        if args.background:
            job = client.threads.run(
                args.agent, prompt, options=options, mode="background", **common
            )
            ids = {"sandboxId": job.sandbox_id, "threadId": job.thread_id, "status": job.status}
            if args.json:
                _print_json(ids)
            else:
                print(f"started: sandbox {job.sandbox_id}  thread {job.thread_id}")
                print(f"  follow it:  agents21 threads resume {args.agent} {job.sandbox_id}")
                print(f"  see it:     agents21 threads get {job.sandbox_id} {job.thread_id}")
            return 0
        run = client.threads.run(args.agent, prompt, options=options, **common)
        return _stream(run, args)


def _threads_resume(args: argparse.Namespace) -> int:
    with _client(args) as client:
        run = client.threads.resume(args.agent, args.sandbox_id)
        if run is None:
            print("nothing is streaming on this sandbox", file=sys.stderr)
            return 0
        return _stream(run, args)


def _token_create(args: argparse.Namespace) -> int:
    with _client(args) as client:
        token = client.tokens.create(
            agent=args.agent, user_id=args.user_id, expires_in=args.expires_in
        )
    if args.json:
        _print_json(token)
    else:
        print(token.token)
        _note(args, f"expires {token.expires_at}")
    return 0


def _serve(argv: list[str]) -> int:
    try:
        from .local.cli import main as serve
    except ImportError as error:
        print(
            f"error: the local relay needs the `local` extra: pip install 'agents21[local]' "
            f"({error})",
            file=sys.stderr,
        )
        return 1
    return serve(argv)


def _completion(args: argparse.Namespace) -> int:
    from ._cli_completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .demo import main as demo

    return demo()


# ---------------------------------------------------------------- parser


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)'")
_UNRECOGNIZED = re.compile(r"unrecognized arguments: (\S+)")


class _Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" for a mistyped command or option."""

    def error(self, message: str) -> NoReturn:
        choice = _INVALID_CHOICE.search(message)
        unknown = _UNRECOGNIZED.search(message)
        if choice:
            names = [n for a in self._actions if a.choices for n in a.choices]
            close = difflib.get_close_matches(choice.group(1), names, n=1)
        elif unknown:
            close = difflib.get_close_matches(unknown.group(1), sorted(_options(self)), n=1)
        else:
            close = []
        if close:
            message += f"; did you mean {close[0]!r}?"
        super().error(message)


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of a parser and of the commands below it."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(o for o in action.option_strings if o.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


def build_parser() -> argparse.ArgumentParser:
    from agents21_api.models.run_options_permission_mode import (
        RUN_OPTIONS_PERMISSION_MODE_VALUES,
    )

    parser = _Parser(
        prog="agents21",
        description="Drive 21st Agents from a shell: sandboxes, files, threads, runs, vaults, "
        "tokens.",
        epilog="Credentials: API_KEY_21ST and BASE_URL_21ST, or --api-key and --base-url. "
        "Exit codes: 0 done, 1 an API error or a failed run, 2 a usage error, 130 interrupted "
        "(`sandboxes exec` exits with the command's own code).",
    )
    parser.add_argument("--version", action="version", version=f"agents21 {__version__}")
    # The credentials go anywhere on the line: before the command, or after it. Only the main
    # parser sets their defaults, so a command's parser leaves a value given earlier alone.
    common = argparse.ArgumentParser(add_help=False)
    for root, default in ((parser, None), (common, argparse.SUPPRESS)):
        root.add_argument("--api-key", default=default, help="secret key (default: $API_KEY_21ST)")
        root.add_argument("--base-url", default=default, help="relay URL (default: $BASE_URL_21ST)")
        flag = False if default is None else default
        root.add_argument(
            "--json",
            action="store_true",
            default=flag,
            help="print the API's JSON (a run: one chunk per line)",
        )
        root.add_argument(
            "--quiet", "-q", action="store_true", default=flag, help="no progress or notes"
        )
        root.add_argument(
            "--no-color", action="store_true", default=flag, help="no colour (also: NO_COLOR=1)"
        )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        group: Any, name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(
            name, help=text, description=text, parents=[common]
        )
        sub.set_defaults(handler=handler)
        return sub

    # `serve` is parsed by the relay's own command line (see `main`); listed here for --help.
    commands.add_parser(
        "serve", help="run the local relay (--host, --port, --data-dir, --config)", add_help=False
    )
    demo = commands.add_parser("demo", help="walk through the SDK against a local relay")
    demo.set_defaults(handler=_demo)

    sandboxes = commands.add_parser("sandboxes", help="create, inspect and use sandboxes")
    group = sandboxes.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub = command(group, "create", _sandboxes_create, "create a sandbox for an agent")
    sub.add_argument("agent")
    sub.add_argument("--file", action="append", metavar="PATH=CONTENT", help="a file to write")
    sub.add_argument("--upload", action="append", metavar="LOCAL[=PATH]", help="copy a file in")
    sub.add_argument("--env", action="append", metavar="KEY=VALUE")
    sub.add_argument("--setup", action="append", metavar="COMMAND", help="run at creation")
    sub.add_argument("--timeout-ms", type=int, help="idle lifetime")
    sub = command(group, "get", _sandboxes_get, "show a sandbox and its threads")
    sub.add_argument("sandbox_id")
    sub = command(group, "delete", _sandboxes_delete, "delete a sandbox and its threads")
    sub.add_argument("sandbox_id")
    sub = command(group, "exec", _sandboxes_exec, "run a shell command; exits with its code")
    sub.add_argument("sandbox_id")
    sub.add_argument("command")
    sub.add_argument("--cwd")
    sub.add_argument("--env", action="append", metavar="KEY=VALUE")
    sub.add_argument("--timeout-ms", type=int)

    files = commands.add_parser("files", help="read and write a sandbox's files")
    group = files.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub = command(group, "read", _files_read, "print a file, or save it (a directory too)")
    sub.add_argument("sandbox_id")
    sub.add_argument("path")
    sub.add_argument(
        "--output", "-o", metavar="LOCAL", help="save it there (a directory too; -: stdout)"
    )
    sub = command(
        group, "write", _files_write, "write a file (CONTENT, @LOCAL file or directory, or stdin)"
    )
    sub.add_argument("sandbox_id")
    sub.add_argument("path")
    sub.add_argument("content", nargs="?")
    sub = command(group, "list", _files_list, "list a directory")
    sub.add_argument("sandbox_id")
    sub.add_argument("path", nargs="?", default="/home/user")
    sub.add_argument("--depth", type=int)
    sub = command(group, "rm", _files_rm, "remove a file or directory")
    sub.add_argument("sandbox_id")
    sub.add_argument("path")

    threads = commands.add_parser("threads", help="inspect, follow and cancel threads")
    group = threads.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub = command(group, "list", _threads_list, "list a sandbox's threads, newest first")
    sub.add_argument("sandbox_id")
    sub = command(group, "get", _threads_get, "show a thread with its messages and usage")
    sub.add_argument("sandbox_id")
    sub.add_argument("thread_id")
    sub = command(group, "delete", _threads_delete, "delete a thread")
    sub.add_argument("sandbox_id")
    sub.add_argument("thread_id")
    sub = command(group, "resume", _threads_resume, "follow the sandbox's streaming run")
    sub.add_argument("agent")
    sub.add_argument("sandbox_id")
    sub = command(group, "cancel", _threads_cancel, "cancel the sandbox's streaming run")
    sub.add_argument("agent")
    sub.add_argument("sandbox_id")

    sub = command(commands, "run", _run, "run an agent and stream its answer")
    sub.add_argument("agent")
    sub.add_argument("prompt", nargs="?", default="-", help="the prompt (default, or -: stdin)")
    sub.add_argument("--sandbox", help="an existing sandbox (default: a new one)")
    sub.add_argument("--thread", help="an existing thread (needs --sandbox)")
    sub.add_argument("--name", help="name of a new thread")
    sub.add_argument("--model")
    sub.add_argument("--system-prompt")
    sub.add_argument("--max-turns", type=int)
    sub.add_argument("--max-budget-usd", type=float)
    sub.add_argument("--max-sandbox-budget-usd", type=float, help="needs an an_sk_ key")
    sub.add_argument("--permission-mode", choices=sorted(RUN_OPTIONS_PERMISSION_MODE_VALUES))
    sub.add_argument("--disallowed-tool", action="append", dest="disallowed_tools", metavar="TOOL")
    sub.add_argument("--external-user-id", help="the end user the run is for (picks vaults)")
    sub.add_argument(
        "--background", action="store_true", help="start it and print its ids; do not wait"
    )

    sub.add_argument(
        "--vault",
        action="append",
        dest="vaults",
        metavar="VAULT_ID",
        help="a vault the run may use (repeat for more; default: the relay chooses)",
    )
    sub.add_argument(
        "--no-vaults", action="store_true", help="no vaults for this run, not even the default"
    )

    from ._cli_vaults import add_vault_commands  # it uses this module's helpers

    add_vault_commands(commands, command)

    from ._cli_completion import SHELLS

    sub = command(commands, "completion", _completion, "print a shell completion script")
    sub.add_argument("shell", choices=SHELLS)
    sub.epilog = (
        'bash: eval "$(agents21 completion bash)"  zsh: eval "$(agents21 completion zsh)"  '
        "fish: agents21 completion fish | source"
    )

    token = commands.add_parser("token", help="mint short-lived tokens for browsers")
    group = token.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub = command(group, "create", _token_create, "mint a token (needs a secret key)")
    sub.add_argument("--agent", help="the only agent it may run (default: all)")
    sub.add_argument("--user-id")
    sub.add_argument("--expires-in", default="1h", help="like 30m, 1h, 7d (at most 24h)")
    return parser


def _error(args: argparse.Namespace, text: str) -> None:
    style = Style(wants_style(sys.stderr, no_color=args.no_color))
    print(f"{style.paint('error:', 'red', 'bold')} {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from ._errors import Agents21Error, APIConnectionError

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        return _serve(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except APIConnectionError as error:  # name the URL that could not be reached
        where = f"{error.request.url}: " if error.request is not None else ""
        _error(args, f"{where}{error}")
        return 1
    except (Agents21Error, CLIError, ValueError, TypeError) as error:
        _error(args, str(error))
        return 1
    except KeyboardInterrupt:
        return 130
