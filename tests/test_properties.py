"""The core properties, for every shipped definition and every TYP profile.

Refusals change nothing; replay equals the live pathway; the stored form round-trips;
history walks only declared edges; deadlines never precede their start; tampered
documents give PathwayDataError or an equal pathway, never another exception.
"""

from __future__ import annotations

import enum
import itertools
import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import snapshot
from pathway_fsm import journey, services, testing, typ

DEFINITIONS = [
    *pf.definitions().values(),
    typ.definition(profile="381/2023"),
    typ.definition(profile="1369/2014", review_interval_months=6, roll_forward=True),
    journey.definition(max_gap_days=2, roll_forward=True),
]


def policy_id(definition: pf.ProcessDefinition) -> str:
    """A short, stable test id: the name and the policy values, a service map by its
    municipality (its sets would print in a different order in each worker)."""
    values = attrs.astuple(definition.policy, recurse=False)
    shown = (v.municipality if isinstance(v, services.ServiceMap) else str(v) for v in values)
    return "-".join((definition.name, *shown))


IDS = [policy_id(d) for d in DEFINITIONS]
_each = pytest.mark.parametrize("definition", DEFINITIONS, ids=IDS)
# Each property runs once per definition (a dozen and growing), so each run gets half the
# profile's examples: 30 under the CI profile, 1000 under `make fuzz`.
_budget = settings(max_examples=max(10, settings.default.max_examples // 2))


def every_definition(test):  # type: ignore[no-untyped-def]
    """Parametrise *test* over every definition, with the per-definition example budget."""
    return _each(_budget(test))


@every_definition
@given(data=st.data())
def test_refused_trigger_changes_nothing(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """A refused attempt, or one with malformed data, leaves the pathway exactly as it was."""
    run = data.draw(testing.pathways(definition, max_attempts=10))
    pathway = run.pathway
    for attempt in data.draw(st.lists(testing.attempts(definition), max_size=10)):
        before = snapshot(pathway)
        try:
            attempt.fire(pathway)
        except (pf.TransitionRefused, pf.PathwayDataError):
            assert before == snapshot(pathway)


@every_definition
@given(data=st.data())
def test_replay_equals_live_pathway(definition: pf.ProcessDefinition, data: st.DataObject) -> None:
    """Replaying a pathway's history rebuilds an equal pathway."""
    pathway = data.draw(testing.pathways(definition)).pathway
    assert pathway == pf.replay(definition, pathway.history, client_id=pathway.client_id)


@every_definition
@given(data=st.data())
def test_dict_round_trip_is_identity(definition: pf.ProcessDefinition, data: st.DataObject) -> None:
    """from_dict(to_dict(p)) == p, also through JSON text."""
    pathway = data.draw(testing.pathways(definition)).pathway
    stored = pf.to_dict(pathway)
    assert pathway == pf.from_dict(stored)
    assert pathway == pf.from_dict(json.loads(json.dumps(stored)))
    assert stored == pf.to_dict(pf.from_dict(stored))


@every_definition
@given(data=st.data())
def test_history_walks_only_declared_edges(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """Every event is a declared (trigger, source, dest) edge and follows the previous one."""
    run = data.draw(testing.pathways(definition))
    history = run.pathway.history
    assert [e.seq for e in history] == list(range(1, len(history) + 1))
    previous = None
    for event in history:
        assert (event.trigger, event.source, event.dest) in definition.edges
        assert previous == event.source
        previous = event.dest
    assert sum(ok for _, ok in run.attempts) == len(history) - 1
    assert all(a.at <= b.at for a, b in itertools.pairwise(history))


@every_definition
@given(data=st.data(), later=st.integers(0, 2000))
def test_no_deadline_precedes_its_start(
    definition: pf.ProcessDefinition, data: st.DataObject, later: int
) -> None:
    """Deadlines start no later than they are due, and overdue means past due (C3 aside)."""
    pathway = data.draw(testing.pathways(definition)).pathway
    at = pathway.history[-1].at + timedelta(days=later)
    for deadline in pathway.deadlines(at=at):
        assert deadline.start <= deadline.due <= deadline.due_working_day
        roll_forward = getattr(definition.policy, "roll_forward", False)
        limit = deadline.due_working_day if roll_forward else deadline.due
        assert deadline.overdue == (at > limit)


@every_definition
@given(data=st.data())
def test_tampered_document_is_refused_or_equal(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """A stored pathway with one part changed gives PathwayDataError or an equal pathway."""
    pathway = data.draw(testing.pathways(definition, max_attempts=12)).pathway
    document = data.draw(testing.tampered(pf.to_dict(pathway)))
    try:
        restored = pf.from_dict(document)
    except pf.PathwayDataError as exc:
        errors = exc.errors
        assert errors
        assert all(path.startswith("$") for path, _ in errors)
    else:
        assert pf.to_dict(restored) == document or restored == pathway


@every_definition
@given(data=st.data())
def test_restore_accepts_only_what_the_live_api_accepts(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """D9: a mutated document that from_dict accepts is rebuilt event by event by start
    and fire with its stored data, to an equal pathway; anything else is a data error."""
    pathway = data.draw(testing.pathways(definition, max_attempts=15)).pathway
    document = data.draw(testing.mutations(pf.to_dict(pathway)))
    testing.assert_restore_matches_live(document)


@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=5)
        ),
        max_leaves=20,
    )
)
def test_random_document_is_a_data_error(document: object) -> None:
    """Arbitrary JSON-like values are refused with PathwayDataError, never another error."""
    with pytest.raises(pf.PathwayDataError):
        pf.from_dict(document)


@given(testing.dates())
def test_dates_strategy_stays_in_range(day: date) -> None:
    """The shipped dates strategy respects its bounds."""
    assert date(2000, 1, 1) <= day <= date(2040, 12, 31)


def _leaves(value: object) -> set[object]:
    """The strings, enum members and dates in *value*, through attrs values and collections,
    each with its type: members of two enums with the same value are different facts."""
    if isinstance(value, (str, date)):  # enum members of StrEnum are strings too
        kind = type(value) if isinstance(value, enum.Enum) else str
        return {(kind, value)}
    if attrs.has(type(value)):
        return {leaf for f in attrs.fields(type(value)) for leaf in _leaves(getattr(value, f.name))}
    if isinstance(value, (tuple, list, set, frozenset)):
        return {leaf for item in value for leaf in _leaves(item)}
    if isinstance(value, dict):
        return {leaf for item in value.values() for leaf in _leaves(item)}
    return set()


def _private(value: object) -> set[object]:
    """The leaves of every field that *value*'s class keeps out of its repr, at any depth."""
    if attrs.has(type(value)):
        found: set[object] = set()
        for f in attrs.fields(type(value)):
            item = getattr(value, f.name)
            found |= _leaves(item) if not f.repr else _private(item)
        return found
    if isinstance(value, (tuple, list, set, frozenset)):
        return {leaf for item in value for leaf in _private(item)}
    return set()


@every_definition
@given(data=st.data())
def test_reasons_never_render_a_personal_fact(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """A reason or note never carries a value that its payload keeps out of its repr."""
    from pathway_fsm._engine.pathway import payload_of

    pathway = data.draw(testing.pathways(definition, max_attempts=8)).pathway
    for attempt in data.draw(
        st.lists(testing.attempts(definition, state=pathway.state), max_size=6)
    ):
        at = pathway.history[-1].at + timedelta(days=max(attempt.days, 0))
        spec = definition.transition(attempt.trigger)
        try:
            payload = payload_of(spec, attempt.data, at, "$.data", typed=False)
        except pf.PathwayDataError:
            continue
        # Roles name the parties, which are never personal, wherever they are held.
        private = {
            (kind, leaf) for kind, leaf in _private(payload) if leaf != "" and kind is not pf.Role
        }
        verdict = pathway.check(attempt.trigger, at=at, by=attempt.actor, **attempt.data)
        for reason in (*verdict.reasons, *verdict.notes):
            shown = _leaves(dict(reason.params))
            assert set() == shown & private, reason.code
