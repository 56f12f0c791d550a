"""The shortcut for keyword data gives what the strict converter gives, errors included.

Differential properties over the payload class of every trigger of every shipped
definition, on drawn keyword data and on data with a field changed, dropped or added:
the same value, or a :class:`PathwayDataError` naming the same fields alike.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import budget
from pathway_fsm import testing, typ
from pathway_fsm._convert import (
    JSON_INT,
    _fast_check,
    converter,
    fast_structurer,
    structure,
    structure_data,
)
from pathway_fsm._engine.model import Role

TRIGGERS = sorted(
    {
        (definition.name, spec.trigger): (definition, spec.trigger)
        for definition in pf.definitions().values()
        for spec in definition.transition_specs
        if spec.payload is not None
    }.items()
)

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 1_000),
    st.sampled_from([JSON_INT, JSON_INT + 1, -JSON_INT - 1, 1.5, 0.0]),
    st.text(max_size=4),
    st.sampled_from(
        [
            date(2025, 3, 1),
            date(1899, 12, 31),
            date(9900, 1, 1),
            datetime(2025, 3, 1, 12, 0),
            "2025-03-01",
            "kela",
            Role.KELA,
            [],
            ["kela"],
            {},
        ]
    ),
)


def _outcome(value: Any, kind: type[Any], how: Any) -> tuple[str, object]:
    try:
        made = how(value, kind, "$.data")
    except pf.PathwayDataError as exc:
        return "error", exc.errors
    fields = attrs.fields(type(made))
    return "value", (type(made), tuple((f.name, getattr(made, f.name)) for f in fields))


def _mutated(data: dict[str, Any], draw: Any) -> dict[str, Any]:
    changed = dict(data)
    how = draw(st.sampled_from(["keep", "change", "change", "drop", "add"]))
    if how == "change" and changed:
        changed[draw(st.sampled_from(sorted(changed)))] = draw(LEAVES)
    elif how == "drop" and changed:
        del changed[draw(st.sampled_from(sorted(changed)))]
    elif how == "add":
        changed[draw(st.sampled_from(["nope", "_x", "data"]))] = draw(LEAVES)
    return changed


_budget = budget(4)


@pytest.mark.parametrize(
    "case", [c for _, c in TRIGGERS], ids=[f"{n}-{t}" for (n, t), _ in TRIGGERS]
)
@_budget
@given(data=st.data())
def test_d9_keyword_data_shortcut_matches_strict_converter(
    case: tuple[pf.ProcessDefinition[Any, Any], str], data: st.DataObject
) -> None:
    """Drawn and mutated keyword data convert alike by the shortcut and by the converter."""
    definition, trigger = case
    kind = definition.transition(trigger).payload
    assert kind is not None
    drawn = data.draw(testing.payloads(definition, trigger))
    value = _mutated(dict(drawn), data.draw)
    expected = _outcome(value, kind, structure)
    assert expected == _outcome(value, kind, structure_data)


def test_d9_keyword_data_shortcut_is_taken_for_flat_payloads() -> None:
    """A flat payload of plain fields is built by the shortcut; nothing else is."""
    entry = typ.definition().transition("admit").payload
    assert entry is not None
    fast = fast_structurer(entry)
    assert fast is not None
    made = fast[0]({"multidisciplinary_need": True, "labour_market_subsidy_days": 400})
    assert entry(multidisciplinary_need=True, labour_market_subsidy_days=400) == made
    for refused in ({"labour_market_subsidy_days": True}, {"nope": 1}, [("a", 1)]):
        assert fast[0](refused) is None
    assert fast_structurer(int) is None


@attrs.frozen
class _Checked:
    a: int = attrs.field(validator=attrs.validators.gt(0))
    b: str = "x"
    since: date | None = None
    role: Role | None = None


@attrs.frozen
class _Nested:
    inner: _Checked


@attrs.frozen
class _Private:
    _a: int


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1},
        {"a": 0},
        {"b": "y"},
        {"a": 2, "since": date(2025, 1, 1), "role": Role.KELA},
        {"a": 2, "role": "kela"},
        {"a": 2, "since": datetime(2025, 1, 1)},
        {"a": 2, "since": "2025-01-01"},
    ],
)
def test_d9_keyword_data_shortcut_leaves_doubt_to_the_converter(value: dict[str, Any]) -> None:
    """A validator, a missing field or a value to convert gives the strict answer."""
    assert _outcome(value, _Checked, structure) == _outcome(value, _Checked, structure_data)


def test_d9_keyword_data_shortcut_skips_classes_it_cannot_check() -> None:
    """Nested, renamed and privately named fields take the strict converter."""
    assert fast_structurer(_Nested) is None
    assert fast_structurer(_Private) is None
    value = {"inner": {"a": 1}}
    assert _outcome(value, _Nested, structure) == _outcome(value, _Nested, structure_data)


@attrs.frozen
class _Made:
    a: int
    b: str = attrs.field(factory=lambda: "made")


@pytest.mark.parametrize("value", [{"a": 1}, {"a": 1, "b": "y"}, {"b": "y"}, {"a": "1"}])
def test_d9_keyword_data_shortcut_calls_a_class_with_factories(value: dict[str, Any]) -> None:
    """A field made by a factory gets it, as the strict converter's call gives it."""
    assert fast_structurer(_Made) is not None
    assert _outcome(value, _Made, structure) == _outcome(value, _Made, structure_data)


class _Tag(enum.Enum):
    A = "a"


@attrs.frozen
class _Hooked:
    tag: _Tag | None = None


def test_d9_keyword_data_shortcut_skips_unions_and_own_hooks() -> None:
    """A union of several types, or an optional type with a hook of its own, is not checked."""
    assert _fast_check(int | str | None, "v", "e0", {}) is None
    converter.register_structure_hook(_Tag | None, lambda value, _: _Tag.A)
    assert fast_structurer(_Hooked) is None
    assert _Hooked(_Tag.A) == structure_data({"tag": "anything"}, _Hooked)


def test_d9_empty_mapping_is_no_data_for_a_trigger_without_payload() -> None:
    """An empty mapping of any kind is no data, as an empty dict is."""
    definition = typ.definition()
    pathway = definition.start(
        "client-1",
        MappingProxyType({}),
        at=date(2025, 1, 8),
        by=pf.Actor("ea-1", Role.EMPLOYMENT_AUTHORITY),
    )
    assert pathway.history[0].data is None
