"""The README, the docs' code blocks and the examples run, and exports are complete."""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
import re
import runpy
import types
from collections.abc import Iterator
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
    public = {n for n in dir(pathway_fsm) if not n.startswith("_")} - {"cli", "errors", "testing"}
    assert public == set(pathway_fsm.__all__)
    assert len(set(pathway_fsm.__all__)) == len(pathway_fsm.__all__)


def test_every_public_name_documented() -> None:
    """Every public name has an entry in docs/api.md."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [n for n in pathway_fsm.__all__ if f"`{n}" not in text]
    assert [] == missing


PUBLIC_MODULES = [
    pathway_fsm,
    *(
        importlib.import_module(f"pathway_fsm.{name}")
        for name in (
            "errors",
            "contract",
            "typ",
            "phases",
            "services",
            "handover",
            "journey",
            "referral",
            "ips",
            "social_welfare",
            "diagrams",
            "embedding",
            "testing",
        )
    ),
]


def _module_constants(path: Path) -> dict[str, bool]:
    """The names *path* assigns at module level, each with whether a docstring follows it."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    found: dict[str, bool] = {}
    for node, after in itertools.pairwise([*body, ast.Pass()]):
        documented = (
            isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        )
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        else:
            continue
        for target in targets:
            found[target] = found.get(target, False) or documented
    return found


def _documented_constants() -> dict[tuple[str, str], bool]:
    """Whether each (module, name) assigned at module level has an attribute docstring.

    A name is looked up where it is assigned: a constant re-exported from a private
    module counts as documented when its defining module documents it.
    """
    package = ROOT / "src"
    by_file = {
        ".".join(path.relative_to(package).with_suffix("").parts).removesuffix(".__init__"): (
            _module_constants(path)
        )
        for path in (package / "pathway_fsm").rglob("*.py")
    }
    documented: dict[tuple[str, str], bool] = {}
    for module, names in by_file.items():
        for name, has_doc in names.items():
            documented[module, name] = has_doc
    for module in PUBLIC_MODULES:
        for name in module.__all__:
            if (module.__name__, name) not in documented:
                origins = [has for (m, n), has in documented.items() if n == name]
                documented[module.__name__, name] = bool(origins) and all(origins)
    return documented


def _undocumented(
    module: types.ModuleType, constants: dict[tuple[str, str], bool]
) -> Iterator[str]:
    """The public names of *module* (and the public methods of its classes) with no docstring."""
    if not (module.__doc__ or "").strip():
        yield module.__name__
    for name in module.__all__:
        obj = getattr(module, name)
        where = f"{module.__name__}.{name}"
        if isinstance(obj, types.ModuleType):
            continue
        if inspect.isclass(obj):
            if not (obj.__dict__.get("__doc__") or "").strip():
                yield where
            for member, value in vars(obj).items():
                function = value.fget if isinstance(value, property) else value
                function = getattr(function, "__func__", function)
                if (
                    not member.startswith("_")
                    and inspect.isfunction(function)
                    and not (function.__doc__ or "").strip()
                ):
                    yield f"{where}.{member}"
        elif inspect.isroutine(obj) or hasattr(obj, "__wrapped__"):
            if not (obj.__doc__ or "").strip():
                yield where
        elif not constants.get((module.__name__, name), False):
            yield where


def test_every_public_name_has_a_docstring() -> None:
    """Every public module, class, method, function and constant says what it is.

    The API reference pages are generated from these docstrings.
    """
    constants = _documented_constants()
    missing = [name for module in PUBLIC_MODULES for name in _undocumented(module, constants)]
    assert [] == missing


def test_every_public_module_has_a_reference_page() -> None:
    """Each public module is rendered by a ``::: module`` directive in docs/reference/."""
    directives = {
        line.removeprefix("::: ").strip()
        for page in (ROOT / "docs" / "reference").glob("*.md")
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.startswith("::: ")
    }
    assert {m.__name__ for m in PUBLIC_MODULES} == directives


def test_site_navigation_lists_every_page() -> None:
    """mkdocs.yml's nav names every page under docs/, so none is built but unreachable."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s+(\S+\.md)$", config, flags=re.MULTILINE))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert pages == listed


RULES = ROOT.parent / "shared" / "domain" / "RULES.md"


@pytest.mark.skipif(
    not RULES.exists(), reason="needs ../shared/domain/RULES.md beside the project, as in CI"
)
def test_every_rule_id_is_on_a_docs_page() -> None:
    """Each rule and decision id of RULES.md (T9, A12, D3, …) is named on some docs page."""
    ids = set(re.findall(r"^([A-Z]\d+)[a-z]?\.", RULES.read_text(encoding="utf-8"), re.M))
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    assert set() == {i for i in ids if re.search(rf"\b{i}\b", text) is None}


# The process pages' diagrams, in page order, by the definition each one draws.
DIAGRAMS = {
    "typ.md": ["typ"],
    "phases.md": ["kohti_tyota"],
    "handover.md": ["handover", "journey"],
    "referral.md": ["kemi"],
    "ips.md": ["ips"],
    "social_welfare.md": ["ktt", "work_activity", "employment_support", "social_rehabilitation"],
}
# Drawn on no diagram, as the page says: it is an internal transition on every open step.
UNDRAWN = {"recognise_competence"}
MERMAID = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)
ARROW = re.compile(r"^\s*(\S+)\s*-->\s*(\S+?)\s*(?::\s*(.*))?$")
GROUP = re.compile(r'^\s*state "([^"]+)" as (\S+) \{$')
MEMBER = re.compile(r'^\s*state "[^"]+" as (\S+)$')


def drawn_edges(block: str) -> tuple[set[tuple[str, str | None, str]], set[str]]:
    """The (trigger, source, dest) edges and the final states a state diagram draws.

    A group (a composite state) stands for each of its members: the triggers after the
    colon of its title are a self-loop on each, and each arrow from its ``_exit`` state
    an edge from each.
    """
    members: dict[str, list[str]] = {}
    loops: dict[str, list[str]] = {}
    inside: str | None = None
    drawn: set[tuple[str, str | None, str]] = set()
    ends: set[str] = set()
    for line in block.splitlines():
        if (group := GROUP.match(line)) is not None:
            title, inside = group.groups()
            members[inside] = []
            loops[inside] = [t.strip() for t in title.partition(": ")[2].split("|") if t.strip()]
        elif line.strip() == "}":
            inside = None
        elif inside is not None and (member := MEMBER.match(line)) is not None:
            members[inside].append(member.group(1))
        elif (arrow := ARROW.match(line)) is not None:
            source, dest, triggers = arrow.groups()
            if dest == "[*]":
                ends.add(source)
                continue
            if source in members:
                continue  # the group's one arrow to its exit state
            group_of = source.removesuffix("_exit")
            sources = members[group_of] if source.endswith("_exit") else [source]
            drawn.update(
                (trigger.strip(), None if s == "[*]" else s, dest)
                for trigger in re.split(r"\||<br>", triggers or "")
                for s in sources
            )
    for group, names in members.items():
        drawn.update((trigger, s, s) for trigger in loops[group] for s in names)
    return drawn, ends


@pytest.mark.parametrize(("page", "names"), DIAGRAMS.items(), ids=list(DIAGRAMS))
def test_process_diagrams_show_exactly_the_declared_edges(page: str, names: list[str]) -> None:
    """Each process page's state diagram draws its definition's edges and final states.

    The diagrams are edited for reading, so they are checked against the definition.
    Gantt charts (a journey's timeline) are not state diagrams and are left out.
    """
    blocks = MERMAID.findall((ROOT / "docs" / page).read_text(encoding="utf-8"))
    blocks = [b for b in blocks if "stateDiagram-v2" in b]
    assert len(names) == len(blocks)
    for name, block in zip(names, blocks, strict=True):
        drawn, ends = drawn_edges(block)
        definition = pathway_fsm.definitions()[name]
        declared = {e for e in definition.edges if e[0] not in UNDRAWN}
        assert (name, declared) == (name, drawn)
        assert (name, set(definition.finals)) == (name, ends)


def test_testing_exports_exist_and_are_documented() -> None:
    """Every name in pathway_fsm.testing.__all__ exists and is named in docs/api.md."""
    from pathway_fsm import testing

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert [] == [n for n in testing.__all__ if not hasattr(testing, n)]
    assert [] == [n for n in testing.__all__ if f"`{n}" not in text]


def test_site_hook_shows_sphinx_roles_as_code() -> None:
    """The site's MkDocs hook turns a rendered Sphinx role into the code span it names."""
    hook = runpy.run_path(str(ROOT / "docs" / "_hooks" / "sphinx_roles.py"))
    html = (
        "see :func:<code>to_dict</code> and :class:<code>~pathway_fsm.PathwayDataError</code>,"
        " not :term:<code>x</code>"
    )
    assert (
        "see <code>to_dict</code> and <code>PathwayDataError</code>, not :term:<code>x</code>"
        == hook["on_page_content"](html)
    )


@pytest.mark.skipif(
    not RULES.exists(), reason="needs ../shared/domain/RULES.md beside the project, as in CI"
)
def test_every_rule_id_has_a_status_row() -> None:
    """docs/rules.md gives every rule and decision id a row with its status."""
    ids = set(re.findall(r"^([A-Z]\d+)[a-z]?\.", RULES.read_text(encoding="utf-8"), re.M))
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = set(
        re.findall(
            r"^\| ([A-Z]\d+) \| (?:enforced|recorded|not enforced|documented|data|applied)",
            page,
            re.M,
        )
    )
    assert set() == ids - rows


def test_no_page_names_a_file_outside_the_repository() -> None:
    """Users have only the repository: no doc, example or docstring points past it."""
    outside = re.compile(r"RULES\.md|ARCHITECTURE\.md|STYLE\.md|\.\./shared|seed 00[0-4]")
    files = [
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "examples").rglob("*.py"),
        *(ROOT / "src").rglob("*.py"),
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert [] == found
