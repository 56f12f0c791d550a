"""The ``pathway-fsm`` command line: check and migrate stored pathways, print schemas, diagrams.

This module is the library's one host of its own, and so the one module in ``src`` that
reads files and writes to the terminal; everything it calls stays free of I/O. Each
command is a function taking the parsed arguments and returning the exit status, listed
in :data:`COMMANDS` with the function that declares its arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import diagrams
from ._calendar import day_problem, parse_day
from ._convert import unstructure
from ._migration import migrate
from ._registry import definitions
from ._schema import json_schema
from ._serialization import definition_of, from_dict
from .errors import DefinitionError, PathwayDataError

__all__ = ["COMMANDS", "main"]

Run = Callable[[argparse.Namespace], int]
"""A command: the parsed arguments in, the exit status out."""

Declare = Callable[[argparse.ArgumentParser], None]
"""Adds a command's own arguments to its parser."""


def _documents(name: str) -> Iterator[tuple[str, Any, str | None]]:
    """``(location, document, problem)`` for each document of a JSON, array or JSON lines file.

    A whole file that is one JSON array gives ``file[index]``; one JSON object gives
    ``file``; anything else is read as JSON lines, located ``file:line``. A file whose
    JSON Python cannot hold (an integer too long, nesting too deep) is one problem at
    ``file``, unless its first line is a JSON value of its own: then it is JSON lines.
    """
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield name, None, f"cannot read: {exc.__class__.__name__}"
        return
    whole, problem = _loaded(text)
    if problem is None:
        if isinstance(whole, list):
            for index, document in enumerate(whole):
                yield f"{name}[{index}]", document, None
        else:
            yield name, whole, None
        return
    first = next((line for line in text.splitlines() if line.strip()), "")
    first_problem = _loaded(first)[1] or ""
    if not problem.startswith("syntax:") and first_problem.startswith("syntax:"):
        yield name, None, f"not JSON ({problem})"  # one document, not JSON lines
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        document, problem = _loaded(line)
        if problem is None:
            yield f"{name}:{number}", document, None
        else:
            yield f"{name}:{number}", None, f"not JSON ({problem.removeprefix('syntax:')})"


def _loaded(text: str) -> tuple[Any, str | None]:
    """*text* read as JSON, or why not: ``syntax:`` and the parser's message when it is not
    JSON at all, else why Python cannot hold it."""
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "nested too deep"
    except json.JSONDecodeError as exc:
        return None, f"syntax:{exc.msg}"
    except ValueError as exc:  # an integer too long to convert
        return None, str(exc)


def _problems(error: PathwayDataError) -> str:
    return "; ".join(f"{path}: {why}" for path, why in error.errors)


def _validate(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.files:
        for where, document, problem in _documents(name):
            if problem is None:
                try:
                    from_dict(document)
                except PathwayDataError as exc:
                    problem = _problems(exc)
            if problem is not None:
                bad += 1
                print(f"{where}: {problem}")
    return 1 if bad else 0


def _declare_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="JSON, JSON array or JSON lines")


def _named(name: str) -> Any:
    shipped = definitions()
    if name not in shipped:
        known = ", ".join(shipped)
        print(f"pathway-fsm: unknown definition {name!r}; known: {known}", file=sys.stderr)
        return None
    return shipped[name]


def _schema(args: argparse.Namespace) -> int:
    definition = _named(args.name)
    if definition is None:
        return 2
    print(json.dumps(json_schema(definition), indent=2, ensure_ascii=False))
    return 0


def _declare_name(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="a definition's name (see: list)")


def _diagram(args: argparse.Namespace) -> int:
    definition = _named(args.name)
    if definition is None:
        return 2
    if args.format == "dot":
        if args.group is not None:
            print(
                "pathway-fsm: error: --group and --no-group are for --format mermaid",
                file=sys.stderr,
            )
            return 2
        drawn = diagrams.dot(definition, lang=args.lang)
    else:
        drawn = diagrams.mermaid(definition, lang=args.lang, group_any=args.group)
    print(drawn.rstrip("\n"))
    return 0


def _declare_diagram(parser: argparse.ArgumentParser) -> None:
    _declare_name(parser)
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    parser.add_argument("--lang", choices=("fi", "sv", "en"), default="en")
    grouping = parser.add_mutually_exclusive_group()
    for flag, value, why in (
        ("--group", True, "draw the states that share most edges inside one composite state"),
        ("--no-group", False, "draw every edge on its own, however many there are"),
    ):
        grouping.add_argument(flag, dest="group", action="store_const", const=value, help=why)
    parser.set_defaults(group=None)


def _day(text: str) -> date:
    day = parse_day(text)
    if day is None or day_problem(day) is not None:
        msg = f"expected a date YYYY-MM-DD from 1900 to 9899, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return day


class _Progress:
    """A count on stderr, rewritten in place, only when stderr is a terminal."""

    EVERY = 500

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = stream.isatty()
        self.count = 0

    def step(self) -> None:
        self.count += 1
        if self.shown and self.count % self.EVERY == 0:
            self.stream.write(f"\r{self.count} pathways read")
            self.stream.flush()

    def done(self) -> None:
        if self.shown and self.count >= self.EVERY:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _deadlines(args: argparse.Namespace) -> int:
    rows: list[tuple[bool, date, str, str, str]] = []
    bad = 0
    progress = _Progress(sys.stderr)
    for where, document, problem in _documents(args.file):
        progress.step()
        if problem is None:
            try:
                pathway = from_dict(document)
            except PathwayDataError as exc:
                problem = _problems(exc)
            else:
                for open_ in pathway.deadlines(at=args.at):
                    rows.append((open_.overdue, open_.due, open_.code, pathway.client_id, where))
        if problem is not None:
            bad += 1
            print(f"{where}: {problem}", file=sys.stderr)
    progress.done()
    rows.sort(key=lambda r: (not r[0], r[1], r[2], r[4]))
    for overdue, due, code, client_id, where in rows:
        status = "overdue" if overdue else "open"
        print(f"{due.isoformat()}  {status:<7}  {code}  {client_id}  ({where})")
    return 1 if bad else 0


def _declare_deadlines(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="JSON, JSON array or JSON lines")
    parser.add_argument("--at", type=_day, required=True, metavar="DATE", help="YYYY-MM-DD")


def _target(text: str, settings: Sequence[str]) -> Any:
    """The definition ``NAME[@VERSION]`` names under its default policy changed by
    *settings* (``KEY=VALUE``, the value read as JSON when it parses), or ``None``."""
    name, _, version = text.partition("@")
    default = _named(name)
    if default is None:
        return None
    if version and version != default.version:
        why = f"no version {version!r} of {name!r}; this library has {default.version!r}"
        print(f"pathway-fsm: {why}", file=sys.stderr)
        return None
    policy = unstructure(default.policy)
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or key not in policy:
            known = ", ".join(policy)
            print(f"pathway-fsm: --policy {setting!r}: expected KEY=VALUE, KEY one of {known}",
                  file=sys.stderr)  # fmt: skip
            return None
        try:
            policy[key] = json.loads(value)
        except json.JSONDecodeError:
            policy[key] = value
    document = {"name": name, "version": default.version, "policy": policy}
    try:
        return definition_of(document)
    except PathwayDataError as exc:
        print(f"pathway-fsm: --policy: {_problems(exc)}", file=sys.stderr)
        return None


def _migrate(args: argparse.Namespace) -> int:
    definition = _target(args.to, args.policy)
    if definition is None:
        return 2
    bad = 0
    for where, document, problem in _documents(args.file):
        if problem is None:
            try:
                report = migrate(document, to=definition)
            except PathwayDataError as exc:
                problem = _problems(exc)
            except DefinitionError as exc:
                problem = f"{exc.name}: {'; '.join(exc.problems)}"
            else:
                # Only a document the new rules admit is written; a refused one stays
                # as stored, and each refused event is reported instead.
                if report.ok:
                    print(json.dumps(report.document, ensure_ascii=False))
                for refusal in report.refused:
                    bad += 1
                    codes = ", ".join(dict.fromkeys(refusal.codes))
                    line = f"$.history[{refusal.index}] {refusal.trigger}: {codes}"
                    print(f"{where}: refused {line}", file=sys.stderr)
        if problem is not None:
            bad += 1
            print(f"{where}: {problem}", file=sys.stderr)
    return 1 if bad else 0


def _declare_migrate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="JSON, JSON array or JSON lines")
    parser.add_argument(
        "--to", required=True, metavar="NAME[@VERSION]", help="the definition to move to"
    )
    parser.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a policy value of the target, e.g. profile=381/2023 (repeatable)",
    )


def _list(args: argparse.Namespace) -> int:
    for name, definition in definitions().items():
        print(f"{name}  {definition.version}  {definition.label.en}")
    return 0


def _declare_nothing(parser: argparse.ArgumentParser) -> None:
    """A command without arguments of its own."""


COMMANDS: dict[str, tuple[str, Declare, Run]] = {
    "validate": ("check stored pathway documents", _declare_validate, _validate),
    "schema": ("print a definition's JSON Schema", _declare_name, _schema),
    "diagram": ("print a definition's state diagram", _declare_diagram, _diagram),
    "deadlines": ("list stored pathways' open deadlines", _declare_deadlines, _deadlines),
    "migrate": ("move stored pathways to a definition", _declare_migrate, _migrate),
    "list": ("list the shipped definitions", _declare_nothing, _list),
}
"""Every command by name: its help line, its arguments and what it runs."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathway-fsm", description="Stored pathways, schemas and diagrams."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, declare, run) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        declare(sub)
        sub.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on *argv* (default: the process's) and return the exit status."""
    args = _parser().parse_args(argv)
    run: Run = args.run
    return run(args)
