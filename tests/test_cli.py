"""The pathway-fsm command line: every command, its exit status and the page showing it."""

from __future__ import annotations

import ast
import io
import json
import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import pathway_fsm as pf
from helpers import OFFICE as EA
from pathway_fsm import cli, typ

ROOT = Path(__file__).resolve().parent.parent
SHOWN = re.compile(r"```console\n\$ pathway-fsm (.*?)\n(.*?)```", re.DOTALL)
D0 = date(2025, 3, 3)


def _doc(client_id: str = "client-1") -> dict[str, Any]:
    return pf.to_dict(typ.definition().start(client_id, at=D0, by=EA))


def _closed(client_id: str, on: date) -> dict[str, Any]:
    pathway = typ.definition().start(client_id, at=on, by=EA)
    pathway.fire("close", at=on, by=EA, closure="not_admitted")
    return pf.to_dict(pathway)


@pytest.mark.parametrize(
    ("command", "shown"), SHOWN.findall((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))
)
def test_cli_page_shows_what_the_commands_print(
    command: str, shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command on the CLI page prints exactly the output shown under it."""
    monkeypatch.chdir(ROOT / "examples")
    cli.main(shlex.split(command))
    printed = capsys.readouterr().out
    if shown.endswith("...\n"):
        assert printed.startswith(shown.removesuffix("...\n"))
    else:
        assert shown == printed


def test_validate_good_file_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of good documents gives exit status 0 and no output."""
    path = tmp_path / "one.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    assert 0 == cli.main(["validate", str(path)])
    assert "" == capsys.readouterr().out


def test_validate_array_locates_by_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a JSON array a bad document is named by its index, with its problem paths."""
    bad = _doc()
    bad["client_id"] = " "
    path = tmp_path / "all.json"
    path.write_text(json.dumps([_doc(), bad]), encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    assert f"{path}[1]: $.client_id: expected a non-empty string\n" == capsys.readouterr().out


def test_validate_single_document_and_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single bad document is named by its file; every file given is read."""
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(_doc()), encoding="utf-8")
    bad.write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    assert 1 == cli.main(["validate", str(good), str(bad)])
    lines = capsys.readouterr().out.splitlines()
    assert 1 == len(lines)
    assert lines[0].startswith(f"{bad}: $.definition: required field missing")


def test_validate_unreadable_and_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file and a file that is not UTF-8 are each one bad line, not a crash."""
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    missing = tmp_path / "missing.json"
    assert 1 == cli.main(["validate", str(missing), str(binary)])
    assert [
        f"{missing}: cannot read: FileNotFoundError",
        f"{binary}: cannot read: UnicodeDecodeError",
    ] == capsys.readouterr().out.splitlines()


def test_validate_json_lines_skip_blank_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blank lines in JSON lines are skipped and line numbers stay the file's."""
    path = tmp_path / "p.jsonl"
    path.write_text(f"{json.dumps(_doc())}\n\n[1, 2\n", encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    assert capsys.readouterr().out.startswith(f"{path}:3: not JSON")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{"schema_version": ' + "1" * 5000 + "}", "not JSON (Exceeds the limit"),
        ("[" * 100_000 + "]" * 100_000, "not JSON (nested too deep)"),
    ],
)
def test_validate_reports_json_python_cannot_read_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    """An integer too long to convert or nesting too deep for the parser is a line of the
    report, and the next file is still checked (a valid one adds no line)."""
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_text(text, encoding="utf-8")
    good.write_text(json.dumps(_doc()), encoding="utf-8")
    assert 1 == cli.main(["validate", str(bad), str(good)])
    lines = capsys.readouterr().out.splitlines()
    assert 1 == len(lines)
    assert lines[0].startswith(f"{bad}:1: {why}")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{\n  "schema_version": ' + "1" * 5000 + ',\n  "state": "x"\n}\n', "Exceeds the limit"),
        ("[\n" + "[" * 100_000 + "]" * 100_000 + "\n]\n", "nested too deep"),
    ],
)
def test_validate_names_a_pretty_printed_file_python_cannot_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    """A document spread over lines that Python cannot hold is one problem at the file,
    with its real cause, not a line-by-line reading of JSON lines it is not."""
    path = tmp_path / "pretty.json"
    path.write_text(text, encoding="utf-8")
    assert 1 == cli.main(["validate", str(path)])
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}: not JSON (")
    assert why in line


@pytest.mark.parametrize("command", ["schema", "diagram"])
def test_unknown_definition_name_is_status_2(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown NAME is reported on stderr with the known names, status 2."""
    assert 2 == cli.main([command, "nope"])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert "unknown definition 'nope'; known: typ, " in captured.err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """schema prints json_schema of the named definition as JSON."""
    assert 0 == cli.main(["schema", "typ"])
    assert pf.json_schema(typ.definition()) == json.loads(capsys.readouterr().out)


def test_diagram_dot_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    """diagram --format dot --lang sv prints what diagrams.dot draws."""
    assert 0 == cli.main(["diagram", "typ", "--format", "dot", "--lang", "sv"])
    expected = pf.diagrams.dot(typ.definition(), lang="sv").rstrip("\n") + "\n"
    assert expected == capsys.readouterr().out


@pytest.mark.parametrize(
    ("flags", "group_any"), [([], None), (["--group"], True), (["--no-group"], False)]
)
def test_diagram_grouping_flags(
    flags: list[str], group_any: bool | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """--group and --no-group choose diagrams.mermaid's group_any; neither leaves its default."""
    assert 0 == cli.main(["diagram", "kohti_tyota", *flags])
    definition = pf.definitions()["kohti_tyota"]
    expected = pf.diagrams.mermaid(definition, group_any=group_any).rstrip("\n") + "\n"
    assert expected == capsys.readouterr().out


def test_diagram_grouping_with_dot_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Grouping is a Mermaid drawing: asking for it with --format dot is a usage error."""
    assert 2 == cli.main(["diagram", "typ", "--format", "dot", "--group"])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert "--group and --no-group are for --format mermaid" in captured.err


def test_diagram_group_and_no_group_exclude_each_other() -> None:
    """Both flags at once is refused by the parser, as any usage error is."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["diagram", "typ", "--group", "--no-group"])
    assert 2 == exited.value.code


def test_deadlines_overdue_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Overdue deadlines come first, then the rest by due date; status 0 when all restore."""
    path = tmp_path / "p.json"
    docs = [_closed("late", date(2020, 1, 1)), _closed("b", date(2023, 6, 1))]
    docs.append(_closed("a", date(2022, 6, 1)))
    path.write_text(json.dumps(docs), encoding="utf-8")
    assert 0 == cli.main(["deadlines", str(path), "--at", "2024-02-01"])
    lines = capsys.readouterr().out.splitlines()
    assert ["late", "a", "b"] == [line.split()[3] for line in lines]
    assert "overdue" == lines[0].split()[1]


@pytest.mark.parametrize("at", ["2024-2-1", "2024-W05-1", "tomorrow", "1899-12-31"])
def test_deadlines_bad_date_is_a_usage_error(at: str, tmp_path: Path) -> None:
    """--at takes only a YYYY-MM-DD day; anything else is argparse's status 2."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["deadlines", str(tmp_path / "x"), "--at", at])
    assert 2 == exited.value.code


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_deadlines_progress_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The running count goes to stderr when it is a terminal, and nowhere otherwise."""
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(_doc(f"c-{i}")) for i in range(4)), encoding="utf-8")
    monkeypatch.setattr(cli._Progress, "EVERY", 2)
    assert 0 == cli.main(["deadlines", str(path), "--at", "2025-04-01"])
    assert "" == capsys.readouterr().err
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert 0 == cli.main(["deadlines", str(path), "--at", "2025-04-01"])
    assert "\r2 pathways read\r4 pathways read\r\033[K" == terminal.getvalue()


def test_list_names_every_definition(capsys: pytest.CaptureFixture[str]) -> None:
    """list prints one line per shipped definition."""
    assert 0 == cli.main(["list"])
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert list(pf.definitions()) == names


def test_no_command_is_a_usage_error() -> None:
    """Without a command the parser exits with status 2."""
    with pytest.raises(SystemExit) as exited:
        cli.main([])
    assert 2 == exited.value.code


def test_python_m_help_runs() -> None:
    """python -m pathway_fsm --help lists every command and exits 0."""
    run = subprocess.run(
        [sys.executable, "-m", "pathway_fsm", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    for command in cli.COMMANDS:
        assert command in run.stdout


IO_CALLS = {"print", "open", "input"}
IO_MODULES = {"subprocess", "socket", "shutil", "pathlib"}
# The library logs to a logger with only a NullHandler: where records go is the host's.
LOG_SINKS = {"basicConfig", "FileHandler", "StreamHandler", "SocketHandler", "SysLogHandler"}
HOSTS = {"cli.py", "__main__.py"}


def _io_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in IO_CALLS:
                found.append(f"{path.name}:{node.lineno}: {node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in LOG_SINKS:
            found.append(f"{path.name}:{node.lineno}: {node.attr}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names.append(getattr(node, "module", None) or "")
            for name in names:
                if name.split(".")[0] in IO_MODULES:
                    found.append(f"{path.name}:{node.lineno}: import {name}")
    return found


def test_only_the_cli_does_io() -> None:
    """Only cli.py and __main__.py print, open files, import I/O or give logs a sink."""
    package = ROOT / "src" / "pathway_fsm"
    found = [
        use
        for path in sorted(package.rglob("*.py"))
        if path.name not in HOSTS
        for use in _io_uses(path)
    ]
    assert [] == found
    assert _io_uses(package / "cli.py")


def test_d1_migrate_writes_what_381_2023_admits_and_reports_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """migrate writes the admitted pathway, which restores, and reports the refused one."""
    old = ROOT / "examples" / "typ_1369_2014.jsonl"
    status = cli.main(["migrate", str(old), "--to", "typ", "--policy", "profile=381/2023"])
    captured = capsys.readouterr()
    written = [json.loads(line) for line in captured.out.splitlines()]
    assert 1 == status
    assert ["client-7"] == [pf.from_dict(d).client_id for d in written]
    assert "381/2023" == written[0]["definition"]["policy"]["profile"]
    assert [f"{old}:2: refused $.history[1] admit: typ.entry.fact_missing"] == (
        captured.err.splitlines()
    )


def test_migrate_to_the_same_rules_is_status_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Documents already under the target come out equal, with status 0."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps([_doc("a"), _doc("b")]), encoding="utf-8")
    assert 0 == cli.main(["migrate", str(path), "--to", "typ@1"])
    assert [_doc("a"), _doc("b")] == [json.loads(x) for x in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--to", "typ@2"], "no version '2' of 'typ'"),
        (["--to", "nope"], "unknown definition 'nope'"),
        (["--to", "typ", "--policy", "colour=red"], "expected KEY=VALUE"),
        (["--to", "typ", "--policy", "profile"], "expected KEY=VALUE"),
        (["--to", "typ", "--policy", "profile=1999"], "$.definition.policy.profile"),
        (["--to", "typ", "--policy", "plan_due_months=0"], "plan_due_months"),
    ],
)
def test_migrate_bad_target_is_status_2(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A target the library does not have is a usage error naming what is wrong."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    assert 2 == cli.main(["migrate", str(path), *argv])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert said in captured.err


def test_migrate_reports_a_bad_document_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document that is not a stored pathway is reported; the others still migrate."""
    path = tmp_path / "p.jsonl"
    bad = _doc("x") | {"state": "nowhere"}
    path.write_text("\n".join(json.dumps(d) for d in (bad, _doc("y"))), encoding="utf-8")
    assert 1 == cli.main(["migrate", str(path), "--to", "typ"])
    captured = capsys.readouterr()
    assert ["y"] == [json.loads(x)["client_id"] for x in captured.out.splitlines()]
    assert captured.err.startswith(f"{path}:1: ")


def test_migrate_another_process_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pathway of another process has no way to the target, and says so."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    assert 1 == cli.main(["migrate", str(path), "--to", "journey"])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert [f"{path}: journey: declares no migration from 'typ' version '1'"] == (
        captured.err.splitlines()
    )
