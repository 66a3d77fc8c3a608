"""Shell completion for `agents21`: bash, zsh and fish scripts made from the parser itself,
so they offer exactly the commands and options there are.

    eval "$(agents21 completion bash)"            # ~/.bashrc
    eval "$(agents21 completion zsh)"             # ~/.zshrc
    agents21 completion fish | source             # ~/.config/fish/config.fish
"""

from __future__ import annotations

import argparse
import shlex

SHELLS = ("bash", "zsh", "fish")
Tree = dict[str, tuple[list[str], list[str]]]


def command_tree(parser: argparse.ArgumentParser, path: str = "") -> Tree:
    """Each command path ("" for the top, "vaults credentials", …): its sub-commands and its
    long options."""
    commands: list[str] = []
    options: list[str] = []
    tree: Tree = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands.append(name)
                tree.update(command_tree(sub, f"{path} {name}".strip()))
        else:
            options.extend(o for o in action.option_strings if o.startswith("--"))
    tree[path] = (commands, options)
    return tree


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    tree = command_tree(parser)
    if shell == "fish":
        return _fish(tree)
    bash = _bash(tree)
    if shell == "zsh":
        return "autoload -U +X bashcompinit && bashcompinit\n" + bash
    return bash


def _bash(tree: Tree) -> str:
    paths = " | ".join(shlex.quote(p) for p in sorted(tree) if p)
    cases = "".join(
        f"    {shlex.quote(path)}) words={shlex.quote(' '.join(commands + options))} ;;\n"
        for path, (commands, options) in sorted(tree.items())
    )
    return f"""# agents21 completion for bash (and zsh through bashcompinit)
_agents21() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" next words i
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ "${{COMP_WORDS[i]}}" == -* ]] && continue
    next="${{path:+$path }}${{COMP_WORDS[i]}}"
    case "$next" in
      {paths}) path="$next" ;;
    esac
  done
  case "$path" in
{cases}    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _agents21 agents21
"""


def _fish(tree: Tree) -> str:
    known = " ".join(shlex.quote(p) for p in sorted(tree) if p)
    lines = [
        "# agents21 completion for fish",
        f"set -g __agents21_paths {known}",
        "function __agents21_path",
        "    set -l path",
        "    for word in (commandline -opc)[2..-1]",
        "        string match -q -- '-*' $word; and continue",
        "        set -l next (string join ' ' $path $word)",
        "        contains -- $next $__agents21_paths; and set path $path $word",
        "    end",
        "    string join ' ' $path",
        "end",
        "complete -c agents21 -f",
    ]
    for path, (commands, options) in sorted(tree.items()):
        at = shlex.quote(path) if path else "''"
        when = f"test (__agents21_path) = {at}"
        if commands:
            words = shlex.quote(" ".join(commands))
            lines.append(f"complete -c agents21 -n {shlex.quote(when)} -a {words}")
        for option in options:
            lines.append(f"complete -c agents21 -n {shlex.quote(when)} -l {option[2:]}")
    return "\n".join(lines) + "\n"
