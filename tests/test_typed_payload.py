"""TYP as one typed declaration: payload values as trigger data, and one policy-free table."""

from __future__ import annotations

import threading
import typing
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathway_fsm import (
    Actor,
    PathwayDataError,
    Role,
    TransitionRefused,
    replay,
    testing,
    to_dict,
    typ,
)
from pathway_fsm._engine.spec import declared_reasons
from pathway_fsm.typ._facts import PolicyKeywords

EA = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
D0, D1 = date(2025, 1, 8), date(2025, 1, 15)
FACTS: dict[str, Any] = {
    "multidisciplinary_need": True,
    "labour_market_subsidy_days": 300,
    "benefits_from_service": True,
    "birth_date": date(1990, 5, 1),
}


def referred(**policy: Any) -> Any:
    """A TYP pathway in tunnista."""
    return typ.definition(**policy).start("client-1", at=D0, by=EA)


def test_t4_admit_with_entry_facts_equals_admit_with_keywords() -> None:
    """fire("admit", EntryFacts(...)) records the same event and stored form as keywords."""
    by_keywords, by_payload = referred(), referred()
    keyword_event = by_keywords.fire("admit", at=D1, by=EA, **FACTS)
    payload_event = by_payload.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA)
    assert keyword_event == payload_event
    assert to_dict(by_keywords) == to_dict(by_payload)
    assert by_keywords == by_payload


def test_t2_check_with_entry_facts_equals_check_with_keywords() -> None:
    """check() gives the same verdict for a payload value as for the same keywords."""
    facts = FACTS | {"labour_market_subsidy_days": 299, "birth_date": None}
    pathway = referred()
    by_keywords = pathway.check("admit", at=D1, by=EA, **facts)
    by_payload = pathway.check("admit", typ.EntryFacts(**facts), at=D1, by=EA)
    assert ("typ.entry.unemployment_facts_missing",) == by_payload.codes
    assert by_keywords == by_payload


def test_t2c_screening_notes_are_the_same_for_a_payload() -> None:
    """Under 381/2023 the screening notes of a payload value match those of keywords."""
    facts = {
        "multidisciplinary_need": True,
        "work_capacity_limitations": True,
        "life_management_problems": False,
        "solvable_by_consultation": False,
        "labour_market_subsidy_days": 300,
    }
    pathway = referred(profile="381/2023")
    by_payload = pathway.check("admit", typ.EntryFacts(**facts), at=D1, by=EA)
    assert ("typ.screening.criterion_met",) == tuple(n.code for n in by_payload.notes)
    assert pathway.check("admit", at=D1, by=EA, **facts) == by_payload


def test_payload_and_keywords_together_are_refused_naming_data() -> None:
    """Giving a payload value and keywords is a PathwayDataError at $.data; nothing changes."""
    pathway = referred()
    before = to_dict(pathway)
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA, benefits_from_service=True)
    assert ["$.data"] == [path for path, _ in raised.value.errors]
    assert "benefits_from_service" in str(raised.value)
    verdict = pathway.check("admit", typ.EntryFacts(), at=D1, by=EA, multidisciplinary_need=True)
    assert ("pathway.invalid_data",) == verdict.codes
    assert {"field": "$.data"}.items() <= dict(verdict.reasons[0].params).items()
    assert before == to_dict(pathway)


@pytest.mark.parametrize(
    ("trigger", "payload"),
    [
        ("admit", typ.Plan()),
        ("admit", typ.Review()),
        ("admit", typ.Closing(closure=typ.Closure.MOVED_AWAY)),
        ("close", typ.EntryFacts(**FACTS)),
    ],
    ids=["admit-Plan", "admit-Review", "admit-Closing", "close-EntryFacts"],
)
def test_payload_of_another_trigger_is_refused_naming_its_class(trigger: str, payload: Any) -> None:
    """A payload of another trigger's class is a PathwayDataError naming that class."""
    pathway = referred()
    before = to_dict(pathway)
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire(trigger, payload, at=D1, by=EA)
    assert ["$.data"] == [path for path, _ in raised.value.errors]
    expected = typ.EntryFacts if trigger == "admit" else typ.Closing
    assert f"expected a {expected.__name__}, got {type(payload).__name__}" in str(raised.value)
    assert before == to_dict(pathway)


def test_payload_holding_a_wrong_type_is_checked_field_by_field() -> None:
    """A payload value built past mypy with a wrong field type is refused at its field."""
    bad: Any = "yes"
    pathway = referred()
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("admit", typ.EntryFacts(multidisciplinary_need=bad), at=D1, by=EA)
    assert ["$.data.multidisciplinary_need"] == [path for path, _ in raised.value.errors]
    assert "tunnista" == pathway.state


@pytest.mark.parametrize("bad", [19900501, datetime(1990, 5, 1), "1990-5-1"])
def test_payload_holding_a_wrong_date_is_refused_at_its_field(bad: Any) -> None:
    """A payload value whose date field holds no date is refused at that field."""
    pathway = referred()
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("admit", typ.EntryFacts(**FACTS | {"birth_date": bad}), at=D1, by=EA)
    assert ["$.data.birth_date"] == [path for path, _ in raised.value.errors]
    assert 1 == pathway.seq


def test_payload_holding_an_iso_date_text_is_read_as_keywords_are() -> None:
    """An ISO date text in a date field is converted, exactly as the same keyword is."""
    by_value, by_keywords = referred(), referred()
    facts = FACTS | {"birth_date": "1990-05-01"}
    made = by_value.fire("admit", typ.EntryFacts(**facts), at=D1, by=EA)
    assert by_keywords.fire("admit", at=D1, by=EA, **facts) == made


def test_payload_subclass_with_extra_field_is_refused() -> None:
    """A subclass of a payload class with a field of its own is not the trigger's payload."""

    @attrs.frozen(kw_only=True)
    class Annotated(typ.EntryFacts):
        note: str = "x"

    pathway = referred()
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("admit", Annotated(**FACTS), at=D1, by=EA)
    assert ["$.data.note"] == [path for path, _ in raised.value.errors]
    assert 1 == pathway.seq


@pytest.mark.parametrize("bad", [typ.Review(), "work trial", 3], ids=["Review", "str", "int"])
def test_t8_nested_value_of_another_class_is_refused_at_its_field(bad: Any) -> None:
    """A plan whose service is no service (another value, a text) is refused at that item."""
    pathway = referred()
    pathway.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA)
    before = to_dict(pathway)
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("make_plan", typ.Plan(services=(bad,)), at=D1, by=EA)
    got = type(bad).__name__
    expected = ("$.data.services[0]", f"expected a mapping or PlannedService, got {got}")
    assert (expected,) == raised.value.errors
    assert before == to_dict(pathway)


def test_t3_start_takes_no_payload() -> None:
    """The referral takes no data, so a payload value given to start is refused."""
    with pytest.raises(PathwayDataError, match="takes no data"):
        typ.definition().start("client-1", typ.EntryFacts(), at=D0, by=EA)


def test_t9_payload_data_checks_still_run() -> None:
    """A payload value passes the same data checks as keywords: a nameless service is refused."""
    pathway = referred()
    pathway.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA)
    service = typ.PlannedService(
        name=" ", provider=Role.EMPLOYMENT_AUTHORITY, kind=typ.ServiceKind.EMPLOYMENT
    )
    plan = typ.Plan(services=(service,), follow_up="monthly", job_search=typ.JobSearch.INCLUDED)
    with pytest.raises(PathwayDataError) as raised:
        pathway.fire("make_plan", plan, at=D1, by=EA)
    assert ["$.data.services[0].name"] == [path for path, _ in raised.value.errors]


def test_threads_firing_payload_values_lose_no_event() -> None:
    """Threads firing the same payload value on one pathway each get their own event."""
    pathway = referred()
    pathway.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA)
    pathway.fire("begin_resolution", at=D1, by=EA)
    final = typ.FinalAssessment(participants=frozenset({Role.CLIENT, *typ.AUTHORITIES}))
    workers = [
        threading.Thread(
            target=pathway.fire,
            args=("record_final_assessment", final),
            kwargs={"at": D1, "by": EA},
        )
        for _ in range(8)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert list(range(1, 12)) == [e.seq for e in pathway.history]
    assert replay(pathway.definition, pathway.history, client_id="client-1") == pathway


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(typ.PROFILES), st.data())
def test_d1_replaying_each_event_as_its_payload_rebuilds_the_pathway(
    profile: typ.Profile, data: st.DataObject
) -> None:
    """Firing every recorded event again with its payload value rebuilds the same pathway."""
    definition = typ.definition(profile=profile)
    run = data.draw(testing.pathways(definition, max_attempts=15))
    first, *rest = run.pathway.history
    again = definition.start(
        run.pathway.client_id,
        at=first.at,
        by=first.actor,
        recorded_by=first.recorded_by,
        ref=first.ref,
    )
    for e in rest:
        again.fire(e.trigger, e.data, at=e.at, by=e.actor, recorded_by=e.recorded_by, ref=e.ref)
    assert to_dict(run.pathway) == to_dict(again)


def test_d1_policy_keywords_are_the_policy_fields() -> None:
    """definition()'s keywords are exactly TypPolicy's fields, with the same types."""
    fields = {f.name: f.type for f in attrs.fields(typ.TypPolicy)}
    hints = typing.get_type_hints(PolicyKeywords)
    assert list(fields) == list(hints)
    namespace = vars(typ._facts) | {"date": date}
    assert typing.get_type_hints(typ.TypPolicy, namespace) == hints


def test_d1_definition_builds_the_policy_from_its_keywords() -> None:
    """definition(**kw) is definition_for(TypPolicy(**kw)); no keyword keeps every default."""
    assert typ.definition() is typ.definition_for(typ.TypPolicy())
    chosen = {"profile": "381/2023", "review_interval_months": 6, "roll_forward": True}
    assert typ.definition(**chosen) is typ.definition_for(typ.TypPolicy(**chosen))
    with pytest.raises(PathwayDataError) as raised:
        typ.definition(plan_due_months=0)
    assert ["$.plan_due_months"] == [path for path, _ in raised.value.errors]
    with pytest.raises(TypeError, match="plan_due_month"):
        typ.definition(plan_due_month=3)  # type: ignore[call-arg]


def test_d1_the_transition_table_is_the_same_under_every_policy() -> None:
    """The rows do not depend on the policy: every profile's definition shares them."""
    tables = {typ.definition(profile=p).transition_specs for p in typ.PROFILES}
    assert 1 == len({id(t) for t in tables})


def test_every_guard_is_a_module_function_that_declares_its_reasons() -> None:
    """Each guard and note is a plain module-level function declaring every code it yields."""
    for spec in typ.definition().transition_specs:
        checks = (*spec.guards, *spec.notes)
        for check in checks:
            assert check.__qualname__ == check.__name__, check
            assert declared_reasons(check) is not None, check
        declared = {k.code for c in checks for k in declared_reasons(c) or ()}
        assert (spec.trigger, declared) == (spec.trigger, {k.code for k in spec.reasons})


def test_t14_refusal_from_a_payload_names_the_same_reasons() -> None:
    """An Ending payload missing a party is refused with the same reasons as keywords."""
    pathway = referred()
    pathway.fire("admit", typ.EntryFacts(**FACTS), at=D1, by=EA)
    pathway.fire("begin_resolution", at=D1, by=EA)
    ending = typ.Ending(decided_by=frozenset({Role.EMPLOYMENT_AUTHORITY}), no_further_service=True)
    with pytest.raises(TransitionRefused) as by_payload:
        pathway.fire("end", ending, at=D1, by=EA)
    with pytest.raises(TransitionRefused) as by_keywords:
        pathway.fire("end", at=D1, by=EA, decided_by=[EA.role], no_further_service=True)
    assert by_keywords.value.reasons == by_payload.value.reasons
    assert "typ.end.no_final_assessment" == by_payload.value.reasons[0].code
