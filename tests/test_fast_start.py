"""A start's shortcuts give what the reference path gives.

Differential properties: :func:`start_problems` against :func:`client_problems` plus
:func:`call_problems` over well-formed and malformed calls; a live pathway started from
the shared initial context against its replay, which makes the context afresh.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import SHIPPED, budget, each_shipped
from pathway_fsm import testing
from pathway_fsm._calendar import FIRST_DAY, LAST_DAY
from pathway_fsm._engine.checks import call_problems, client_problems, start_problems
from pathway_fsm._engine.pathway import immutable, initial_context, shareable

_budget = budget()

client_ids = st.one_of(st.text(max_size=4), st.sampled_from(["c-1", " ", ""]), st.integers())
dates = st.one_of(
    st.dates(),
    st.sampled_from([FIRST_DAY, LAST_DAY, date(1899, 12, 31), date(9900, 1, 1)]),
    st.datetimes(),
    st.just("2026-01-01"),
)
actors = st.one_of(testing.actors(), st.none(), st.just("kela"))
metadata = st.one_of(st.none(), testing.actors(), st.sampled_from(["r-1", " ", 3]))
hook_values = st.sampled_from([None, pf.Hooks(), "hooks"])


@given(client_ids, hook_values, dates, actors, metadata, metadata)
def test_start_problems_match_reference(
    client_id: object, hooks: object, at: object, by: object, recorded_by: object, ref: object
) -> None:
    """The one-test shortcut finds exactly the problems of the two reference checks."""
    expected = client_problems(client_id, hooks)
    expected.extend(call_problems(at, by, None, recorded_by, ref))
    assert expected == start_problems(client_id, hooks, at, by, recorded_by, ref)


def test_start_problems_datetime_is_not_a_date() -> None:
    """A datetime takes the reference path and is named as the wrong type."""
    by = pf.Actor("a-1", pf.Role.EMPLOYMENT_AUTHORITY)
    problems = start_problems("c-1", None, datetime(2026, 1, 1), by)
    assert ["$.at"] == [path for path, _ in problems]


@pytest.mark.parametrize("definition", SHIPPED, ids=[d.name for d in SHIPPED])
def test_initial_context_is_shared_and_equal(definition: pf.ProcessDefinition[Any, Any]) -> None:
    """Every shipped context class qualifies: one shared value, equal to a fresh one."""
    shared = initial_context(definition)
    assert (True, definition.context_factory()) == (shared is initial_context(definition), shared)


@each_shipped
@_budget
@given(data=st.data())
def test_live_start_matches_replay_from_fresh_context(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """A pathway started live has the context its replay rebuilds from a fresh context."""
    run = data.draw(testing.pathways(definition, max_attempts=8))
    state, context, history = run.pathway.snapshot()
    again = pf.replay(definition, history, client_id=run.pathway.client_id)
    assert (state, context, list(history)) == (again.state, again.context, list(again.history))


class Colour(enum.Enum):
    RED = "red"


@attrs.frozen
class Frozen:
    items: object = ()


@attrs.define
class Slotted:
    items: object = ()


@attrs.define(slots=False)
class Loose:
    items: object = ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (Colour.RED, True),
        ((1, "a", frozenset({date(2026, 1, 1)})), True),
        (Frozen((Frozen(),)), True),
        (Frozen([]), False),
        ((1, []), False),
        (Slotted(), False),
        (Loose(), False),
        ([], False),
        (object(), False),
    ],
)
def test_immutable_only_for_values_that_cannot_change(value: object, expected: bool) -> None:
    """Plain values, enum members, tuples and frozen attrs values of such are immutable."""
    assert expected == immutable(value)


class Counted:
    """A host-like factory whose values differ each time."""

    made = 0

    def __init__(self) -> None:
        Counted.made += 1
        self.n = Counted.made


@attrs.frozen(eq=False)
class Distinct:
    """Frozen but equal only to itself, so two made values differ."""


@attrs.frozen
class Mutable:
    items: list[int] = attrs.field(factory=list)


class NotAttrs:
    pass


@pytest.mark.parametrize("kind", [Distinct, Mutable, NotAttrs, Counted])
def test_shareable_refuses_unequal_mutable_or_plain(kind: type[Any]) -> None:
    """A class of the library's own that is not a frozen, equal, immutable value is not shared."""
    kind.__module__ = "pathway_fsm.fake"
    assert shareable(kind) is None


def test_shareable_refuses_host_classes_and_callables() -> None:
    """A host's class, even a frozen one, and any callable are made afresh each start."""
    assert (None, None) == (shareable(Frozen), shareable(lambda: Frozen()))


class Unhashable:
    __hash__ = None  # type: ignore[assignment]

    def __call__(self) -> Frozen:
        return Frozen([])


def test_initial_context_of_unhashable_factory_is_fresh() -> None:
    """An unhashable factory is called each time."""
    definition: Any = SimpleNamespace(context_factory=Unhashable())
    assert initial_context(definition) is not initial_context(definition)


def test_initial_context_of_host_factory_is_fresh() -> None:
    """A host's factory is called each time."""
    definition: Any = SimpleNamespace(context_factory=lambda: Frozen([]))
    assert initial_context(definition) is not initial_context(definition)
