"""Every text a user can see exists in Finnish, Swedish and English (issue 6).

Checks every shipped definition's states, triggers and declared reasons, the engine's
own reasons, every ``ReasonKind`` a module defines, and every labelled enum. The three
templates of a reason must use the same ``{fields}``, so that a message renders in any
language from the same parameters.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import string
from collections.abc import Iterator

import pytest

import pathway_fsm as pf
from pathway_fsm._engine.pathway import engine_reasons

LANGS: tuple[pf.Lang, ...] = ("fi", "sv", "en")


def _modules() -> list[object]:
    names = [m.name for m in pkgutil.walk_packages(pf.__path__, "pathway_fsm.")]
    return [importlib.import_module(n) for n in sorted(names)]


def _module_reason_kinds() -> Iterator[tuple[str, pf.ReasonKind]]:
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, pf.ReasonKind):
                yield f"{module.__name__}.{name}", value  # type: ignore[attr-defined]
            elif isinstance(value, tuple) and all(isinstance(v, pf.ReasonKind) for v in value):
                for kind in value:
                    yield f"{module.__name__}.{name}", kind  # type: ignore[attr-defined]


def _all_reason_kinds() -> dict[str, pf.ReasonKind]:
    kinds: dict[str, pf.ReasonKind] = {k.code: k for k in engine_reasons}
    for definition in pf.definitions().values():
        for spec in definition.transition_specs:
            kinds.update({k.code: k for k in spec.reasons})
    kinds.update({k.code: k for _, k in _module_reason_kinds()})
    return kinds


REASONS = _all_reason_kinds()


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("code", sorted(REASONS))
def test_reason_has_three_languages_with_the_same_fields(code: str) -> None:
    """A reason's fi, sv and en templates are all present and share their fields."""
    text = REASONS[code].text
    assert () == text.missing()
    assert _fields(text.fi) == _fields(text.sv) == _fields(text.en)


DEFINITIONS = list(pf.definitions().values())


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.name for d in DEFINITIONS])
def test_states_triggers_and_the_process_have_three_languages(
    definition: pf.ProcessDefinition,
) -> None:
    """Every state and trigger label, and the definition's own label, is complete."""
    assert () == definition.label.missing()
    for state in definition.state_specs:
        assert () == state.label.missing(), state.name
    for spec in definition.transition_specs:
        assert () == spec.label.missing(), spec.trigger


def _labelled_enums() -> Iterator[type[enum.Enum]]:
    for module in _modules():
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and isinstance(getattr(value, "label", None), property)
            ):
                yield value


ENUMS = sorted(set(_labelled_enums()), key=lambda e: f"{e.__module__}.{e.__qualname__}")


@pytest.mark.parametrize("kind", ENUMS, ids=[e.__qualname__ for e in ENUMS])
def test_labelled_enum_members_have_three_languages(kind: type[enum.Enum]) -> None:
    """Every member of an enum with a ``label`` has fi, sv and en text."""
    for member in kind:
        label = member.label  # type: ignore[attr-defined]
        assert isinstance(label, pf.Text)
        assert () == label.missing(), member


def test_the_checks_find_what_they_should() -> None:
    """The scans see the engine's reasons, many process reasons and the Role enum."""
    assert {k.code for k in engine_reasons} <= set(REASONS)
    assert len(REASONS) > 100
    assert pf.Role in ENUMS


def test_a_broken_definition_is_refused_for_a_missing_language() -> None:
    """validate() names a missing translation, so no definition ships without one."""
    with pytest.raises(pf.DefinitionError, match="no sv label"):
        pf.ProcessDefinition(
            name="toy",
            version="1",
            label=pf.Text("Lelu", "Leksak", "Toy"),
            policy=pf.typ.TypPolicy(),
            states=(
                pf.State("a", pf.Text("A", "", "A")),
                pf.State("b", pf.Text("B", "B", "B"), final=True),
            ),
            transitions=(
                pf.TransitionSpec(
                    "go", (), "a", frozenset({pf.Role.CLIENT}), pf.Text("x", "x", "x")
                ),
                pf.TransitionSpec(
                    "end", ("a",), "b", frozenset({pf.Role.CLIENT}), pf.Text("y", "y", "y")
                ),
            ),
            context_factory=dict,
        )
