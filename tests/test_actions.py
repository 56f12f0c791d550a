"""Pathway.actions: every trigger a UI may offer, with its label, fields and blockers."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import OFFICE
from pathway_fsm import Actor, Role, testing, typ

DEFINITIONS = list(pf.definitions().values())
_each = pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.name for d in DEFINITIONS])
_budget = settings(max_examples=max(10, settings.default.max_examples // 2))

D1 = date(2025, 1, 8)


def _case(definition: pf.ProcessDefinition, data: st.DataObject) -> tuple[pf.Pathway, date, Actor]:
    pathway = data.draw(testing.pathways(definition, max_attempts=12)).pathway
    at = pathway.history[-1].at + timedelta(days=data.draw(st.integers(-3, 30)))
    by = data.draw(testing.actors())
    return pathway, at, by


@_each
@_budget
@given(data=st.data())
def test_actions_without_blockers_are_available(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """The actions with no blockers are exactly available(), in the same order."""
    pathway, at, by = _case(definition, data)
    allowed = tuple(a.trigger for a in pathway.actions(at=at, by=by) if a.allowed)
    assert pathway.available(at=at, by=by) == allowed
    everyone = tuple(a.trigger for a in pathway.actions(at=at, by=by, every_role=True) if a.allowed)
    assert allowed == everyone


@_each
@settings(max_examples=5)
@given(data=st.data())
def test_actions_are_labelled_and_list_the_payload_fields(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """Every action has a label in fi, sv and en, and its required fields are the payload's
    mandatory attrs fields."""
    specs = {s.trigger: s for s in definition.transition_specs}
    pathway, at, by = _case(definition, data)
    actions = pathway.actions(at=at, by=by, every_role=True)
    assert [s.trigger for s in definition.transition_specs if s.sources] == [
        a.trigger for a in actions
    ]
    for action in actions:
        assert () == action.label.missing()
        spec = specs[action.trigger]
        assert spec.payload is action.payload
        if spec.payload is None:
            assert () == action.fields
            continue
        mandatory = tuple(
            f.alias for f in attrs.fields(spec.payload) if f.init and f.default is attrs.NOTHING
        )
        assert mandatory == action.required
        assert [f.alias for f in attrs.fields(spec.payload) if f.init] == [
            f.name for f in action.fields
        ]


@_each
@_budget
@given(data=st.data())
def test_blocked_action_is_refused_with_its_blockers(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """Firing (or checking) a blocked action without data gives at least its blockers'
    codes, and nothing changes."""
    pathway, at, by = _case(definition, data)
    for action in pathway.actions(at=at, by=by, every_role=True):
        if action.allowed:
            continue
        codes = {r.code for r in action.blockers}
        verdict = pathway.check(action.trigger, at=at, by=by)
        assert codes <= set(verdict.codes)
        if action.required:
            continue
        before = copy.deepcopy(pf.to_dict(pathway))
        with pytest.raises(pf.TransitionRefused) as refused:
            pathway.fire(action.trigger, at=at, by=by)
        assert codes <= {r.code for r in refused.value.reasons}
        assert before == pf.to_dict(pathway)


def test_actions_show_the_blockers_of_state_role_and_date() -> None:
    """In tunnista, admit is offered; review_plan is greyed out by the state; an earlier
    day blocks everything by the date order; a client sees only its own triggers."""
    p = typ.definition().start("c-1", at=D1, by=OFFICE)
    actions = {a.trigger: a for a in p.actions(at=D1, by=OFFICE)}
    assert actions["admit"].allowed
    assert typ.definition().transition("admit").label == actions["admit"].label
    assert ("pathway.wrong_state",) == tuple(r.code for r in actions["review_plan"].blockers)
    early = p.actions(at=D1 - timedelta(days=1), by=OFFICE)
    assert all("pathway.date_before_last_event" in [r.code for r in a.blockers] for a in early)
    client = Actor("c-1", Role.CLIENT)
    mine = p.actions(at=D1, by=client)
    assert all(Role.CLIENT in p.definition.transition(a.trigger).roles for a in mine)
    other = {a.trigger: a for a in p.actions(at=D1, by=client, every_role=True)}
    assert "pathway.role_not_allowed" in [r.code for r in other["admit"].blockers]


def test_admit_fields_name_types_and_requiredness() -> None:
    """admit's fields carry their resolved types; optional ones are not required."""
    p = typ.definition().start("c-1", at=D1, by=OFFICE)
    admit = next(a for a in p.actions(at=D1, by=OFFICE) if a.trigger == "admit")
    fields = {f.name: f for f in admit.fields}
    assert bool | None == fields["multidisciplinary_need"].type
    assert not fields["multidisciplinary_need"].required
    assert fields["multidisciplinary_need"].label is None
    close = next(a for a in p.actions(at=D1, by=OFFICE) if a.trigger == "close")
    assert ("closure",) == close.required
    assert typ.Closure is next(f for f in close.fields if f.name == "closure").type


def test_field_label_from_metadata() -> None:
    """A payload field's Text label in attrs metadata is shown on the action field."""
    label = pf.Text("Syy", "Orsak", "Reason")

    @attrs.frozen
    class Note:
        why: str = attrs.field(metadata={"label": label})
        extra: int = 0

    spec = pf.TransitionSpec("note", ("a",), None, frozenset(Role), label, payload=Note)
    from pathway_fsm._engine.actions import fields_of

    assert (
        pf.ActionField("why", str, True, label),
        pf.ActionField("extra", int, False, None),
    ) == fields_of(spec)


@pytest.mark.parametrize(("at", "by"), [("2025-01-08", OFFICE), (D1, "office")])
def test_actions_refuse_a_malformed_call(at: object, by: object) -> None:
    """A malformed date or actor is a PathwayDataError naming the field."""
    p = typ.definition().start("c-1", at=D1, by=OFFICE)
    with pytest.raises(pf.PathwayDataError):
        p.actions(at=at, by=by)  # type: ignore[arg-type]
