"""The engine's compiled ``evolve`` gives what ``attrs.evolve`` gives, errors included.

Differential properties over every attrs class the package ships, reached from drawn
pathways of every shipped definition: the same value, or the same error type and text.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import budget, each_shipped
from pathway_fsm import testing
from pathway_fsm._engine.model import Actor, Reason, Role, Text
from pathway_fsm._engine.replace import _COMPILED, compile_replace, evolve


def _shipped_classes() -> list[type[Any]]:
    """Every attrs class defined in a module of the package."""
    found: dict[str, type[Any]] = {}
    for info in pkgutil.walk_packages(pf.__path__, "pathway_fsm."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


CLASSES = _shipped_classes()


def _reachable(value: object, into: list[object], depth: int = 0) -> None:
    """*value* and every attrs value, tuple item and mapping value inside it."""
    if depth > 6 or len(into) > 400:
        return
    if attrs.has(type(value)):
        into.append(value)
        for field in attrs.fields(type(value)):
            _reachable(getattr(value, field.name), into, depth + 1)
    elif isinstance(value, (tuple, list, frozenset)):
        for item in value:
            _reachable(item, into, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _reachable(item, into, depth + 1)


def _outcome(call: Any) -> tuple[str, object]:
    try:
        made = call()
    except Exception as exc:  # the comparison is of whatever either raises
        return "error", (type(exc), str(exc))
    fields = attrs.fields(type(made))
    return "value", (type(made), tuple((f.name, getattr(made, f.name)) for f in fields))


LEAVES = st.one_of(
    st.none(),
    st.integers(-3, 400),
    st.text(max_size=3),
    st.sampled_from([date(2025, 1, 1), True, (), frozenset(), Role.KELA, "kela", "fi"]),
)


def _changes(instance: object, pool: list[object]) -> st.SearchStrategy[dict[str, Any]]:
    names = [f.alias for f in attrs.fields(type(instance)) if f.init]
    value = st.one_of(LEAVES, st.sampled_from(pool)) if pool else LEAVES
    known = st.dictionaries(st.sampled_from(names), value, max_size=4) if names else st.just({})
    unknown = st.dictionaries(st.sampled_from(["nope", "_x"]), value, min_size=1, max_size=1)
    return st.one_of(known, known, known, st.builds(lambda a, b: {**a, **b}, known, unknown))


_budget = budget()


@each_shipped
@_budget
@given(data=st.data())
def test_evolve_matches_attrs_evolve_on_shipped_values(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """Every attrs value of a drawn pathway evolves as attrs.evolve evolves it."""
    run = data.draw(testing.pathways(definition, max_attempts=12))
    pool: list[object] = [definition.context_factory(), definition.policy]
    for event in run.pathway.history:
        _reachable(event, pool)
    _reachable(run.pathway.context, pool)
    instance = data.draw(st.sampled_from(pool))
    changes = data.draw(_changes(instance, pool))
    expected = _outcome(lambda: attrs.evolve(instance, **changes))
    assert expected == _outcome(lambda: evolve(instance, **changes))


@pytest.mark.parametrize("kind", CLASSES, ids=[c.__qualname__ for c in CLASSES])
def test_evolve_compiles_every_shipped_class(kind: type[Any]) -> None:
    """Every shipped attrs class gets a replace function taking its init names."""
    _, names = compile_replace(kind)
    assert {f.alias for f in attrs.fields(kind) if f.init} == names


def test_evolve_validators_still_raise() -> None:
    """A validator or converter of a class runs on a change, as in attrs.evolve."""
    actor = Actor("ea-1", Role.KELA)
    text = Text("a", "b", "c")
    for instance, changes in [
        (actor, {"role": "nobody"}),
        (actor, {"actor_id": " "}),
        (text, {"sv": 5}),
        (Reason("a.b"), {"code": ""}),
    ]:
        expected = _outcome(lambda i=instance, c=changes: attrs.evolve(i, **c))
        assert "error" == expected[0]
        assert expected == _outcome(lambda i=instance, c=changes: evolve(i, **c))
    assert Actor("ea-1", Role.CLIENT) == evolve(actor, role="client")


def test_evolve_refuses_what_attrs_evolve_refuses() -> None:
    """An unknown field or a value that is not an attrs instance raises attrs' own error."""
    for instance, changes in [(Actor("ea-1", Role.KELA), {"nope": 1}), (5, {}), ("x", {"a": 1})]:
        expected = _outcome(lambda i=instance, c=changes: attrs.evolve(i, **c))
        assert expected == _outcome(lambda i=instance, c=changes: evolve(i, **c))


@attrs.frozen
class _Plain:
    a: int
    b: str = "x"


@attrs.frozen(cache_hash=True, hash=True)
class _Cached:
    a: int


@attrs.define
class _Hooked:
    a: int
    b: list[int] = attrs.field(init=False, factory=list)

    def __attrs_post_init__(self) -> None:
        self.b.append(self.a)


class _Sub(_Plain):
    """A plain subclass: attrs fields, no slots of its own."""


@attrs.define(slots=False)
class _Dict:
    a: int


@pytest.mark.parametrize("instance", [_Plain(1), _Cached(1), _Hooked(1), _Sub(1), _Dict(1)])
def test_evolve_matches_attrs_evolve_on_every_kind_of_class(instance: Any) -> None:
    """Slotted, hash-caching, post-init, subclassed and dict classes evolve alike."""
    for changes in ({}, {"a": 2}, {"a": 3, "nope": 1}):
        expected = _outcome(lambda c=changes: attrs.evolve(instance, **c))
        assert expected == _outcome(lambda c=changes: evolve(instance, **c))
    assert type(instance) in _COMPILED
    if isinstance(instance, _Cached):
        assert hash(attrs.evolve(instance, a=2)) == hash(evolve(instance, a=2))
