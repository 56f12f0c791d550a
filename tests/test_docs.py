"""The README, the docs' code blocks and the examples run, and exports are complete."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

import pathway_fsm

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", DOCS, ids=[p.name for p in DOCS])
def test_python_blocks_run(page: Path) -> None:
    """Every ```python block of a page runs, in order, in one namespace."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for block in FENCE.findall(page.read_text(encoding="utf-8")):
        exec(compile(block, str(page), "exec"), namespace)


def test_readme_quick_start_is_short_and_has_both_commands() -> None:
    """The README's quick start names make demo and make test and stays about 20 lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text
    assert "make test" in text
    (block,) = FENCE.findall(text)
    assert len(block.strip().splitlines()) <= 25


EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_run(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each example runs as a script and prints something."""
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out


def test_all_is_complete() -> None:
    """__all__ lists exactly the public names of the package (ruff RUF022 keeps it sorted)."""
    public = {n for n in dir(pathway_fsm) if not n.startswith("_")} - {"errors", "testing"}
    assert public == set(pathway_fsm.__all__)
    assert len(set(pathway_fsm.__all__)) == len(pathway_fsm.__all__)


def test_every_public_name_documented() -> None:
    """Every public name has an entry in docs/api.md."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [n for n in pathway_fsm.__all__ if f"`{n}" not in text]
    assert [] == missing


def test_testing_exports_exist_and_are_documented() -> None:
    """Every name in pathway_fsm.testing.__all__ exists and is named in docs/api.md."""
    from pathway_fsm import testing

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert [] == [n for n in testing.__all__ if not hasattr(testing, n)]
    assert [] == [n for n in testing.__all__ if f"`{n}" not in text]
