"""The exact-form readers give what the strict read gives, or leave the value to it.

Restoring reads each event's data with a reader generated for its payload class, which
accepts only the form ``to_dict`` writes. These properties compare it with the strict
path (structure, then unstructure and compare) on the stored forms of every shipped
payload class and on mutated forms, and ``from_dict`` as a whole with its reference
(every event read field by field and replayed through the machine).
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import COUNTY, OFFICE, budget
from pathway_fsm import _readers, journey, testing, typ
from pathway_fsm._convert import JSON_INT, OMIT_DEFAULT, structure, unstructure
from pathway_fsm._engine.pathway import Pathway
from pathway_fsm._readers import DEFER, reader
from pathway_fsm._serialization import _data_of, _Problems, _Shared, restored

DEFINITIONS = [
    *pf.definitions().values(),
    typ.definition(profile="381/2023"),
    journey.definition(max_gap_days=2, roll_forward=True),
]


def _payload_triggers() -> list[tuple[pf.ProcessDefinition[Any, Any], str]]:
    """One (definition, trigger) for each payload class of the shipped definitions."""
    found: dict[type[Any], tuple[pf.ProcessDefinition[Any, Any], str]] = {}
    for definition in DEFINITIONS:
        for spec in definition.transition_specs:
            if spec.payload is not None:
                found.setdefault(spec.payload, (definition, spec.trigger))
    return list(found.values())


PAYLOADS = _payload_triggers()
_each_payload = pytest.mark.parametrize(
    ("definition", "trigger"),
    PAYLOADS,
    ids=[f"{d.name}-{d.transition(t).payload.__name__}" for d, t in PAYLOADS],  # type: ignore[union-attr]
)
_each_definition = pytest.mark.parametrize(
    "definition", DEFINITIONS, ids=[f"{d.name}-{i}" for i, d in enumerate(DEFINITIONS)]
)
_budget = budget()


def _shape(value: Any) -> Any:
    """*value* with every part's exact type, so a list for a tuple or a set for a
    frozenset is told apart where ``==`` would not."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), tuple(_shape(getattr(value, f.name)) for f in fields))
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_shape(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return (type(value), tuple(sorted((_shape(v) for v in value), key=repr)))
    return (type(value), value)


def _strict(raw: Any, kind: type[Any]) -> tuple[list[Any], Any]:
    """The strict read of *raw* as event data of *kind*: its problems and its value."""
    problems = _Problems()
    value = _data_of(raw, kind, "$.data", problems, exact=False)
    return problems.items, value


def _agree(raw: Any, kind: type[Any]) -> Any:
    """Read *raw* both ways: the fast reader defers, or the strict read accepts the same."""
    fast = reader(kind)(raw)
    if fast is not DEFER:
        problems, value = _strict(raw, kind)
        assert ([], _shape(value)) == (problems, _shape(fast))
    return fast


def _stored(definition: pf.ProcessDefinition[Any, Any], trigger: str) -> st.SearchStrategy[Any]:
    """Stored forms of the trigger's data: valid values unstructured, or the raw data
    when it does not structure (then it is a mutated form of its own)."""
    kind = definition.transition(trigger).payload
    assert kind is not None

    def stored(data: Any) -> Any:
        try:
            return unstructure(structure(dict(data), kind))
        except pf.PathwayDataError:
            return dict(data)

    return testing.payloads(definition, trigger).map(stored)


@_each_payload
@_budget
@given(data=st.data())
def test_fast_read_of_stored_forms_equals_the_strict_read(
    definition: pf.ProcessDefinition[Any, Any], trigger: str, data: st.DataObject
) -> None:
    """The stored form of every valid payload is read fast, to the strict read's value."""
    kind = definition.transition(trigger).payload
    assert kind is not None
    raw = data.draw(_stored(definition, trigger))
    problems, value = _strict(raw, kind)
    fast = _agree(raw, kind)
    if not problems:
        assert _shape(value) == _shape(fast)  # never deferred: the form is to_dict's


_EXOTIC: list[Any] = [
    True,
    False,
    0,
    1,
    1.0,
    -0.0,
    JSON_INT + 1,
    -JSON_INT - 1,
    JSON_INT,
    "",
    "2025-1-05",
    "2025-01-5 ",
    "2025-02-29",
    "1899-12-31",
    "9900-01-01",
    "٢٠٢٥-٠١-٠٥",
    date(2025, 1, 6),
    pf.Role.KELA,
    pf.Role.KELA.value,
    (),
    ("kela",),
    {},
    [],
    [None],
    None,
]


class _Text(str):
    """A string subclass: equal to its text, yet not the exact type a reader takes."""


def _exotic(value: Any, draw: Callable[[Any], Any]) -> Any:
    """A value of another type or form for *value*: tuples for lists, subclasses, dates."""
    choices = [*_EXOTIC]
    if isinstance(value, list):
        choices += [tuple(value), [*value, *value], sorted(value, key=repr, reverse=True)]
    if isinstance(value, str):
        choices += [_Text(value), value + "x"]
    if isinstance(value, dict) and value:
        choices += [{**value, "extra": None}, dict(list(value.items())[1:])]
    return draw(st.sampled_from(choices))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@st.composite
def _exotic_forms(draw: Callable[[Any], Any], raw: Any) -> Any:
    """*raw* with one value anywhere in it replaced by an exotic one."""
    path = draw(st.sampled_from(_paths(raw)))
    copy = _copy(raw)
    if not path:
        return _exotic(copy, draw)
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = _exotic(parent[path[-1]], draw)
    return copy


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@_each_payload
@_budget
@given(data=st.data())
def test_fast_read_of_mutated_forms_defers_or_equals_the_strict_read(
    definition: pf.ProcessDefinition[Any, Any], trigger: str, data: st.DataObject
) -> None:
    """A mutated stored form (wrong types, bool for int, missing or extra keys, other
    date forms, nested changes) is deferred, or read as the strict read reads it."""
    kind = definition.transition(trigger).payload
    assert kind is not None
    raw = data.draw(_stored(definition, trigger))
    if isinstance(raw, dict) and raw:
        raw = data.draw(testing.mutations(raw, definition=definition))
    _agree(raw, kind)
    _agree(data.draw(_exotic_forms(raw)), kind)


def _outcome(call: Callable[[], Pathway[Any, Any]]) -> tuple[str, object]:
    """A restore's result as a comparable value: its stored form, or its error's fields."""
    try:
        pathway = call()
    except pf.PathwayDataError as exc:
        return "error", exc.errors
    except pf.DefinitionError as exc:
        return "definition error", exc.problems
    return "pathway", (pf.to_dict(pathway), _shape(pathway.context), tuple(pathway.history))


def _both(document: Any, definition: pf.ProcessDefinition[Any, Any] | None) -> tuple[str, object]:
    """Restore *document* the fast way and the reference way; require the same outcome."""
    fast = _outcome(lambda: restored(document, definition, None))
    reference = _outcome(lambda: restored(document, definition, None, reference=True))
    assert reference == fast
    return fast


@_each_definition
@_budget
@given(data=st.data())
def test_fast_from_dict_equals_the_reference_on_valid_documents(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """Every pathway the live API builds is restored the same way both ways."""
    run = data.draw(testing.pathways(definition))
    document = pf.to_dict(run.pathway)
    assert "pathway" == _both(document, definition)[0]
    _both(document, None)


@_each_definition
@_budget
@given(data=st.data())
def test_fast_from_dict_equals_the_reference_on_mutated_documents(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """A mutated document gives the same pathway, or the same errors, both ways."""
    run = data.draw(testing.pathways(definition))
    document = pf.to_dict(run.pathway)
    _both(data.draw(testing.mutations(document, definition=definition)), definition)
    _both(data.draw(_exotic_forms(document)), definition)


class _Colour(enum.Enum):
    RED = 1


class _Tone(enum.StrEnum):
    LOW = "low"
    HIGH = "high"


@attrs.frozen
class _Derived:
    """A value with a field its class computes: not data, so not read fast."""

    given: int
    derived: int = attrs.field(init=False, default=0)


@attrs.frozen
class _Private:
    _hidden: int


@attrs.frozen
class _Unresolved:
    value: NoSuchName  # type: ignore[name-defined]  # noqa: F821


@attrs.frozen
class _Mapping:
    value: dict[str, int]


@attrs.frozen
class _IntEnum:
    colour: _Colour


@attrs.frozen
class _Numbers:
    numbers: frozenset[int]


@attrs.frozen
class _Pair:
    pair: tuple[int, int]


@attrs.frozen
class _Gaps:
    values: tuple[int | None, ...]


@attrs.frozen
class _Tones:
    tones: frozenset[_Tone] = frozenset()


def _trimmed(value: str) -> str:
    return value.strip()


def _positive(instance: object, attribute: object, value: int) -> None:
    if value <= 0:
        raise pf.PathwayDataError([("$.value", "expected a positive number")])


@attrs.frozen
class _Checked:
    name: str = attrs.field(converter=_trimmed)
    value: int = attrs.field(default=1, validator=_positive)
    note: str = attrs.field(default="", converter=_trimmed, metadata={OMIT_DEFAULT: True})


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (_Derived, {"given": 1}),
        (_Private, {"_hidden": 1}),
        (_Unresolved, {"value": 1}),
        (_Mapping, {"value": {"a": 1}}),
        (_IntEnum, {"colour": 1}),
        (_Numbers, {"numbers": [1, 2]}),
        (_Pair, {"pair": [1, 2]}),
    ],
)
def test_fast_read_leaves_classes_it_cannot_read_to_the_strict_read(
    kind: type[Any], raw: Any
) -> None:
    """A class with a computed, private, unresolvable or unsupported field always defers."""
    assert DEFER is reader(kind)(raw)
    assert "DEFER" == repr(DEFER)


def test_fast_read_of_optional_items_and_member_sets() -> None:
    """Optional list items and sets of members are read exactly, or deferred."""
    assert _Gaps((1, None)) == _agree({"values": [1, None]}, _Gaps)
    assert DEFER is _agree({"values": [1, True]}, _Gaps)
    assert _Tones(frozenset(_Tone)) == _agree({"tones": ["high", "low"]}, _Tones)
    assert _Tones(frozenset(_Tone)) == _agree({"tones": ["high", "low"]}, _Tones)  # kept
    assert DEFER is _agree({"tones": ["low", "high"]}, _Tones)  # not in stored order
    assert DEFER is _agree({"tones": ["low", "low"]}, _Tones)
    assert DEFER is _agree({"tones": ["loud"]}, _Tones)
    assert DEFER is _agree({"tones": [1]}, _Tones)
    assert DEFER is _agree({"tones": ("low",)}, _Tones)
    assert DEFER is _agree({}, _Tones)


def test_fast_read_defers_what_a_converter_changes_or_a_validator_refuses() -> None:
    """A value the class's converter would change, or its validator refuses, is deferred."""
    assert _Checked("A", 2, "B") == _agree({"name": "A", "value": 2, "note": "B"}, _Checked)
    assert _Checked("A", 2) == _agree({"name": "A", "value": 2}, _Checked)
    assert DEFER is _agree({"name": "A ", "value": 2}, _Checked)
    assert DEFER is _agree({"name": "A", "value": 2, "note": " B"}, _Checked)
    assert DEFER is _agree({"name": "A", "value": 0}, _Checked)
    assert DEFER is _agree({"name": "A"}, _Checked)
    assert DEFER is _agree({"name": "A", "value": 2, "other": 1}, _Checked)


def test_fast_read_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """With its caches full, a reader still reads: it only stops keeping what it read."""
    monkeypatch.setattr(_readers, "_CACHE_MOST", 0)
    monkeypatch.setattr(_readers, "_DAYS", {})
    monkeypatch.setattr(_readers, "_READERS", {})  # generating marks the class as in progress
    kind = typ.Plan
    assert date(2031, 5, 7) == _readers._day("2031-05-07")
    assert {} == _readers._DAYS
    assert None is _readers._day("2031-02-30")
    stored = unstructure(typ.Plan(made_with=frozenset(pf.Role)))
    fresh = _readers._generate(kind)
    assert typ.Plan(made_with=frozenset(pf.Role)) == fresh(stored)


@_each_payload
@_budget
@given(data=st.data())
def test_fast_read_of_a_repeated_payload_equals_a_fresh_read(
    definition: pf.ProcessDefinition[Any, Any], trigger: str, data: st.DataObject
) -> None:
    """A document's payload read after another of its kind is read as on its own: the
    same stored form gives the earlier value itself, any other form what a fresh read gives."""
    kind = definition.transition(trigger).payload
    assert kind is not None
    raw = data.draw(_stored(definition, trigger))
    shared = _Shared()
    first = shared.payload(kind, raw)
    if first is not DEFER:
        assert first is shared.payload(kind, _copy(raw))
    other = data.draw(_exotic_forms(raw))
    fresh = reader(kind)(other)
    again = shared.payload(kind, other)
    assert (fresh is DEFER, _shape(fresh)) == (again is DEFER, _shape(again))


@attrs.frozen
class _Flag:
    flag: bool
    name: str


class _Odd:
    """A value whose comparison fails."""

    def __eq__(self, other: object) -> bool:
        why = "no comparison"
        raise RuntimeError(why)

    __hash__ = object.__hash__


def test_fast_read_shares_a_payload_only_when_stored_with_the_same_types() -> None:
    """Equal to the last payload is not enough: ``1`` for ``True``, a string subclass or
    a value that cannot be compared is read afresh (and deferred)."""
    shared = _Shared()
    first = shared.payload(_Flag, {"flag": True, "name": "a"})
    assert _Flag(True, "a") == first
    assert first is shared.payload(_Flag, {"flag": True, "name": "a"})
    assert DEFER is shared.payload(_Flag, {"flag": 1, "name": "a"})
    assert DEFER is shared.payload(_Flag, {"flag": True, "name": _Text("a")})
    assert DEFER is shared.payload(_Flag, {"flag": True, "name": _Odd()})
    assert DEFER is shared.payload(_Flag, _Text("a"))
    assert first is shared.payload(_Flag, {"flag": True, "name": "a"})


@attrs.define
class _Mutable:
    name: str


@attrs.frozen(eq=False)
class _ByIdentity:
    names: list[str]


@attrs.frozen
class _Listed:
    names: list[str]


@pytest.mark.parametrize("kind", [_Mutable, _ByIdentity, _Listed])
def test_fast_read_never_shares_a_payload_that_can_change(kind: type[Any]) -> None:
    """A mutable value, or one with a list inside, is read afresh for each event."""
    shared = _Shared()
    raw = {"name": "a"} if kind is _Mutable else {"names": ["a"]}
    first = shared.payload(kind, raw)
    assert DEFER is not first
    second = shared.payload(kind, _copy(raw))
    assert (first == second, first is second) == (kind is not _ByIdentity, False)


def test_fast_read_keeps_each_text_as_read() -> None:
    """Equal texts of two documents stay two strings: no table outlives a client's text."""
    one, two = "".join(["yhteis", "tapaaminen"]), "".join(["yhteista", "paaminen"])
    read = reader(typ.Plan)
    stored = unstructure(typ.Plan(follow_up="x"))
    first, second = read({**stored, "follow_up": one}), read({**stored, "follow_up": two})
    assert (one, two) == (first.follow_up, second.follow_up)
    assert first.follow_up is one
    assert second.follow_up is two


def _plan_document(plan: dict[str, Any]) -> dict[str, Any]:
    """A stored TYP pathway whose plan is made and then revised to the same *plan*."""
    pathway = typ.definition().start("client-7", at=date(2025, 1, 8), by=OFFICE)
    pathway.fire("admit", at=date(2025, 1, 15), by=OFFICE, multidisciplinary_need=True,
                 benefits_from_service=True, labour_market_subsidy_days=400)  # fmt: skip
    pathway.fire("make_plan", at=date(2025, 3, 20), by=OFFICE, **plan)
    pathway.fire("begin_trial", at=date(2025, 4, 2), by=OFFICE)
    pathway.fire("revise_plan", at=date(2025, 5, 15), by=COUNTY, **plan)
    return pf.to_dict(pathway)


_PLAN = {
    "services": [{"name": "arviointi", "provider": "wellbeing_county", "kind": "social"}],
    "follow_up": "kuukausittain",
    "job_search": "included",
    "made_with": ["client", "employment_authority", "wellbeing_county"],
    "assessed": ["competence", "health", "social_situation", "work_capacity"],
}


def test_fast_from_dict_shares_what_a_document_repeats() -> None:
    """A restored document keeps one actor per stored actor and one value per repeated
    payload, and its history holds no spare room."""
    document = _plan_document(_PLAN)
    restored_ = pf.from_dict(json.loads(json.dumps(document)))
    made, revised = restored_.history[2], restored_.history[4]
    assert made.data is revised.data
    assert restored_.history[0].actor is restored_.history[3].actor
    log = restored_._log
    assert sys.getsizeof(log[:]) == sys.getsizeof(log)


@_budget
@given(data=st.data())
def test_fast_from_dict_of_a_mutated_repeated_payload_equals_the_reference(
    data: st.DataObject,
) -> None:
    """A repeated payload in another form is restored, or refused, as the reference does."""
    document = json.loads(json.dumps(_plan_document(_PLAN)))
    document["history"][4]["data"] = data.draw(_exotic_forms(document["history"][4]["data"]))
    _both(document, None)


@attrs.frozen
class _Nested:
    inner: _Nested | None


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (typ.Plan, True),
        (_Flag, True),
        (_Pair, True),
        (_Gaps, True),
        (_Numbers, True),
        (_Checked, True),
        (_Mapping, False),
        (_Unresolved, False),
        (_Nested, False),
        (_Mutable, False),
        (_ByIdentity, False),
        (_Listed, False),
    ],
)
def test_fast_read_shares_only_values_that_cannot_change(kind: type[Any], expected: bool) -> None:
    """Only a frozen class compared by its fields, with nothing mutable inside, is shared."""
    assert expected == _readers.shareable(kind)
