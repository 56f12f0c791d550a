"""The social-welfare paths: exits that lead somewhere (W7, H1) and the KTT rules (A1–A21).

Every test name starts with the id of the rule it checks. Refusals are checked to leave
the pathway unchanged and to agree with ``check``.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import COACH, COUNTY, OFFICE, refused_codes, snapshot
from pathway_fsm import Actor, Pathway, PathwayDataError, Role, Text, TransitionRefused, testing
from pathway_fsm import social_welfare as sw
from pathway_fsm.social_welfare import Closure, ExitTo

EA, WC, CLIENT = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.CLIENT
D0 = date(2025, 3, 3)  # a Monday
T = Text("x", "x", "x")


# --------------------------------------------------------------------------- helpers


def refused(p: Pathway, trigger: str, at: date, by: Actor = COUNTY, **data: Any) -> tuple[str, ...]:
    """The codes of a refusal that changes nothing (``helpers.refused``), by the county
    unless *by* says otherwise."""
    return refused_codes(p, trigger, at, by, **data)


def eligibility(**overrides: Any) -> dict[str, Any]:
    """A 40-year-old on labour market subsidy with 500 days and an employment plan (A3)."""
    facts: dict[str, Any] = {
        "benefit": "labour_market_subsidy",
        "birth_date": date(1985, 1, 1),
        "employment_plan": True,
        "subsidy_days": 500,
    }
    return facts | overrides


def plan(**overrides: Any) -> dict[str, Any]:
    """A complete activation plan with KTT entries (A8, A9, A11–A13, A19)."""
    data: dict[str, Any] = {
        "route": "thresholds",
        "eligibility": eligibility(),
        "goal": "daily routine",
        "description": "woodwork and cleaning in a small group",
        "place": "the county's workshop",
        "support": "an instructor every day",
        "days_per_week": 3,
        "minutes_per_day": 360,
        "start_date": D0 + timedelta(days=7),
        "period_months": 6,
        "other_services": [],
        "evaluate_by": date(2025, 9, 1),
        "work_and_services_examined": True,
        "benefits_explained": True,
        "signed_by": [EA, WC, CLIENT],
    }
    return data | overrides


def drafting(**policy: Any) -> Pathway:
    """A KTT pathway opened on D0."""
    return sw.ktt_definition(**policy).start("client-1", at=D0, by=OFFICE)


def planned(at: date = D0, **policy: Any) -> Pathway:
    """A KTT pathway with a plan made on *at*."""
    p = drafting(**policy)
    p.fire("make_plan", at=at, by=OFFICE, **plan())
    assert "planned" == p.state
    return p


def running(start: date = D0, *, months: int = 6, **policy: Any) -> Pathway:
    """A KTT pathway whose period of *months* started on *start*."""
    p = drafting(**policy)
    p.fire(
        "make_plan", at=D0, by=OFFICE, **plan(period_months=months, evaluate_by=date(2030, 1, 1))
    )
    p.fire("notify_shop_steward", at=D0, by=COUNTY)
    p.fire("start_period", at=start, by=COUNTY)
    assert "in_period" == p.state
    return p


def period_from(start: date, months: int = 24, **policy: Any) -> Pathway:
    """A KTT pathway opened, planned and in a period of *months*, all on *start*."""
    p = sw.ktt_definition(**policy).start("c", at=start, by=OFFICE)
    p.fire(
        "make_plan", at=start, by=OFFICE, **plan(period_months=months, evaluate_by=date(2030, 1, 1))
    )
    p.fire("notify_shop_steward", at=start, by=COUNTY)
    p.fire("start_period", at=start, by=COUNTY)
    return p


def attend(p: Pathway, day: date, minutes: int = 360) -> None:
    """Record a day of participation on *day*."""
    p.fire("record_attendance", at=day, by=COUNTY, minutes=minutes)


def due(p: Pathway, code: str, at: date) -> pf.Deadline:
    """The deadline *code* as of *at*."""
    (found,) = [d for d in p.deadlines(at=at) if d.code == code]
    return found


# --------------------------------------------------------------------------- exits (W7, H1)

SHIPPED = [
    sw.ktt_definition(),
    sw.ktt_definition(scope="HE 109/2025"),
    sw.work_activity_definition(),
    sw.employment_support_definition(),
    sw.social_rehabilitation_definition(),
]
OUTSIDE = {"employment_services", "health_care", "day_activity"}  # services not shipped here


def toy_path(*extra: pf.TransitionSpec, states: tuple[pf.State, ...] = ()) -> pf.ProcessDefinition:
    """A sound two-step path declared with engine rows, plus *extra* rows and *states*."""
    people = frozenset({WC})
    return pf.ProcessDefinition(
        name="toy",
        version="1",
        label=T,
        policy=sw.WorkActivityPolicy(),
        states=(pf.State("a", T), pf.State("b", T), *states, pf.State("done", T, final=True)),
        transitions=(
            pf.TransitionSpec(
                trigger="open", sources=(), dest="a", roles=people, label=T, apply=sw.opened
            ),
            pf.TransitionSpec(
                trigger="go", sources=("a",), dest="b", roles=people, label=T, apply=sw.entering()
            ),
            pf.TransitionSpec(
                trigger="leave",
                sources=("b",),
                dest="done",
                roles=people,
                label=T,
                apply=ExitTo(next_service="typ"),
            ),
            *extra,
            sw.competence_transition(("a", "b"), people),
        ),
        context_factory=sw.PathContext,
    )


def test_w7_a_path_declared_with_engine_rows_records_its_exit() -> None:
    """A path of plain rows, with the competence row added (W6), records where it led."""
    definition = toy_path()
    assert {"open", "go", "leave", "recognise_competence"} == set(definition.triggers)
    p = definition.start("c", at=D0, by=COUNTY)
    p.fire("go", at=D0 + timedelta(days=1), by=COUNTY)
    p.fire("leave", at=D0 + timedelta(days=2), by=COUNTY)
    assert ("leave", "typ", None, D0 + timedelta(days=2)) == (
        p.context.exit,
        p.context.next_service,
        p.context.closure,
        p.context.exited_on,
    )


@pytest.mark.parametrize("definition", SHIPPED, ids=lambda d: f"{d.name}-{d.policy!r}")
def test_w7_every_shipped_exit_names_a_next_service_or_a_closure(
    definition: pf.ProcessDefinition,
) -> None:
    """Every trigger into a final step is an exit naming where the client goes, no other
    trigger is, and every next service named is a known one (H1)."""
    finals = set(definition.finals)
    for spec in definition.transition_specs:
        assert (spec.dest in finals) == isinstance(spec.apply, ExitTo), spec.trigger
        if isinstance(spec.apply, ExitTo):
            assert (spec.apply.next_service is None) != (spec.apply.closure is None)
            assert spec.apply.next_service in {None, *pf.definitions(), *OUTSIDE}


@pytest.mark.parametrize(
    "where",
    [
        {},
        {"next_service": " "},
        {"next_service": 5},
        {"closure": "studies"},
        {"next_service": "typ", "closure": Closure.EMPLOYED},
    ],
)
def test_w7_an_exit_that_leads_nowhere_is_refused(where: dict[str, Any]) -> None:
    """An exit with neither a next service nor a closure, a blank or odd one, or both, is a
    DefinitionError when it is declared (H1)."""
    with pytest.raises(pf.DefinitionError) as caught:
        ExitTo(**where)
    assert caught.value.problems


def builder_path(*rows: pf.TransitionSpec) -> pf.ProcessDefinition:
    """A host path of one open step declared with the row builders, plus *rows*."""
    people = frozenset({WC})
    states = sw.steps(pf.State("group", T))
    return pf.ProcessDefinition(
        name="group",
        version="1",
        label=T,
        policy=sw.SocialRehabilitationPolicy(),
        states=states,
        transitions=sw.path_rows(
            states,
            sw.opening("group", people),
            sw.hand_over("to_ktt", sw.KTT, ("group",), people),
            sw.closing("end", Closure.NO_FURTHER_SERVICE, ("group",), people),
            *rows,
        ),
        context_factory=sw.PathContext,
    )


def test_w7_a_host_path_built_with_the_row_builders_records_its_exits() -> None:
    """The builders make the start row and exits with the shared labels and steps (H1)."""
    definition = builder_path()
    assert ("group", "handed_over", "closed") == definition.states
    p = definition.start("c", at=D0, by=COUNTY)
    p.fire("to_ktt", at=D0 + timedelta(days=3), by=COUNTY)
    assert ("handed_over", "to_ktt", "ktt", D0, D0 + timedelta(days=3)) == (
        p.state,
        p.context.exit,
        p.context.next_service,
        p.context.opened_on,
        p.context.exited_on,
    )
    labels = {s.trigger: s.label.en for s in definition.transition_specs}
    assert {
        "open": "Open the path",
        "to_ktt": "Hand over to rehabilitative work activity",
        "end": "End",
    } == labels


def test_w7_a_host_row_into_a_final_step_without_an_exit_is_refused() -> None:
    """A host's row into a final step that does not record its exit with ExitTo is a
    DefinitionError naming the trigger, when the rows are put together."""
    leave = pf.TransitionSpec(
        trigger="leave", sources=("group",), dest="closed", roles=frozenset({WC}), label=T
    )
    with pytest.raises(pf.DefinitionError) as caught:
        builder_path(leave)
    assert "leave" == caught.value.name
    assert [
        "trigger 'leave' leads to 'closed': a row into a final step, and only such a row, "
        "records its exit with ExitTo (W7)"
    ] == list(caught.value.problems)


def test_w7_an_exit_into_a_step_that_is_not_final_is_refused() -> None:
    """An ExitTo on a row that stays in or leads to an open step is refused too, by name."""
    stay = pf.TransitionSpec(
        trigger="stay",
        sources=("group",),
        dest=None,
        roles=frozenset({WC}),
        label=T,
        apply=ExitTo(closure=Closure.STUDIES),
    )
    with pytest.raises(pf.DefinitionError) as caught:
        builder_path(stay)
    assert ("stay", 1) == (caught.value.name, len(caught.value.problems))
    assert "trigger 'stay' leads to None" in caught.value.problems[0]


def test_w7_an_exit_no_path_shares_needs_its_own_label() -> None:
    """An exit builder names the trigger that has no shared label, and takes one given."""
    people = frozenset({WC})
    with pytest.raises(pf.DefinitionError) as caught:
        sw.closing("moves_away", Closure.NO_FURTHER_SERVICE, ("group",), people)
    assert "moves_away" == caught.value.name
    row = sw.hand_over("to_school", "school", ("group",), people, label=T, payload=sw.Measure)
    assert ("handed_over", T, sw.Measure) == (row.dest, row.label, row.payload)
    assert ExitTo(next_service="school") == row.apply


def test_h1_the_step_day_changes_only_when_the_step_does() -> None:
    """A row that records an event within a step leaves the day the client entered it."""
    note = pf.TransitionSpec(
        trigger="note",
        sources=("b",),
        dest=None,
        roles=frozenset({WC}),
        label=T,
        apply=sw.entering(),
    )
    p = toy_path(note).start("c", at=D0, by=COUNTY)
    p.fire("go", at=D0 + timedelta(days=1), by=COUNTY)
    p.fire("note", at=D0 + timedelta(days=5), by=COUNTY)
    assert (D0, D0 + timedelta(days=1)) == (p.context.opened_on, p.context.step_since)


def test_w7_the_engine_reports_unreachable_and_trap_steps() -> None:
    """A step no move leads to, and one with no way out, are refused when the path is built."""
    island = pf.State("island", T)
    off = pf.TransitionSpec(
        trigger="off",
        sources=("island",),
        dest="done",
        roles=frozenset({WC}),
        label=T,
        apply=ExitTo(closure=Closure.STUDIES),
    )
    with pytest.raises(pf.DefinitionError) as caught:
        toy_path(off, states=(island,))
    assert ["state 'island' is unreachable from the start"] == list(caught.value.problems)
    stuck = pf.TransitionSpec(
        trigger="stuck", sources=("a",), dest="c", roles=frozenset({WC}), label=T
    )
    with pytest.raises(pf.DefinitionError) as caught:
        toy_path(stuck, states=(pf.State("c", T),))
    assert ["state 'c' is a trap: no final state can be reached from it"] == list(
        caught.value.problems
    )


def test_h1_exit_records_where_the_client_went() -> None:
    """An exit records its trigger and the next service, or its closure, in the context."""
    p = drafting()
    p.fire("to_typ", at=D0, by=OFFICE)
    assert ("handed_over", "to_typ", "typ", None) == (
        p.state,
        p.context.exit,
        p.context.next_service,
        p.context.closure,
    )
    q = drafting()
    q.fire("not_eligible", at=D0, by=OFFICE)
    assert (Closure.NOT_ELIGIBLE, None, D0) == (
        q.context.closure,
        q.context.next_service,
        q.context.exited_on,
    )


# --------------------------------------------------------------------------- policy (D2)


def test_d2_ktt_defaults_are_the_law_in_force() -> None:
    """Defaults: 3–24 months, 1–4 days, 4–8 h, 40 h/week, 178 days in 12 months, 3-month review."""
    policy = sw.ktt_definition().policy
    assert (3, 24, 1, 4, 240, 480, 2400, 178, 12, 3) == (
        policy.min_period_months,
        policy.max_period_months,
        policy.min_days_per_week,
        policy.max_days_per_week,
        policy.min_minutes_per_day,
        policy.max_minutes_per_day,
        policy.max_minutes_per_week,
        policy.max_days_in_window,
        policy.window_months,
        policy.review_interval_months,
    )
    assert ("189/2001", "feb28") == (policy.scope, policy.leap_birthday)
    assert sw.ktt_definition() is sw.ktt_definition()


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        ({"max_days_per_week": 0}, "$.max_days_per_week"),
        ({"window_months": -1}, "$.window_months"),
        ({"renewal_days": -1}, "$.renewal_days"),
        ({"roll_forward": 1}, "$.roll_forward"),
        ({"scope": "2030"}, "$.scope"),
        ({"leap_birthday": "mar2"}, "$.leap_birthday"),
        ({"max_minutes_per_day": 1441}, "$.max_minutes_per_day"),
        ({"max_minutes_per_week": 0}, "$.max_minutes_per_week"),
        ({"min_minutes_per_day": 481}, "$.min_minutes_per_day"),
        ({"min_days_per_week": 5}, "$.min_days_per_week"),
        ({"min_period_months": 30}, "$.min_period_months"),
        ({"speed": 3}, "$.speed"),
    ],
)
def test_d2_bad_policy_is_a_data_error(policy: dict[str, Any], field: str) -> None:
    """A policy value out of range, inconsistent or unknown names its field."""
    with pytest.raises(PathwayDataError) as caught:
        sw.ktt_definition(**policy)
    assert field in [path for path, _ in caught.value.errors]


def test_d2_stored_pathway_keeps_its_policy() -> None:
    """A pathway under a non-default policy round-trips through the stored form."""
    p = running(max_days_per_week=5, roll_forward=True)
    stored = pf.to_dict(p)
    assert 5 == stored["definition"]["policy"]["max_days_per_week"]
    assert p == pf.from_dict(stored)


# --------------------------------------------------------------------------- A3–A5 scope (D6)


NO_PLAN = {"employment_plan": False}


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"subsidy_days": 500}, None),
        ({"subsidy_days": 499}, "ktt.scope.no_threshold_met"),
        ({"subsidy_days": 501, **NO_PLAN}, "ktt.scope.no_employment_plan"),
        ({"subsidy_days": None, "subsidy_days_after_earnings_related": 180}, None),
        (
            {"subsidy_days": None, "subsidy_days_after_earnings_related": 179},
            "ktt.scope.no_threshold_met",
        ),
        (
            {"subsidy_days": None, "subsidy_days_after_earnings_related": 181, **NO_PLAN},
            "ktt.scope.no_employment_plan",
        ),
        ({"subsidy_days": None, "social_assistance_months": 12}, None),
        ({"subsidy_days": None, "social_assistance_months": 11}, "ktt.scope.no_threshold_met"),
        (
            {"subsidy_days": None, "social_assistance_months": 13, **NO_PLAN},
            "ktt.scope.no_employment_plan",
        ),
        (
            {"subsidy_days": None, "interviewed": True, "social_assistance_months": 4},
            "ktt.scope.no_threshold_met",
        ),
    ],
)
def test_a3_thresholds_at_25_or_over(facts: dict[str, Any], code: str | None) -> None:
    """25 or over: 500 subsidy days, 180 after the earnings-related period, or 12 months on
    social assistance, each with an employment plan; the under-25 point (3) does not count."""
    p = drafting()
    data = plan(eligibility=eligibility(**facts))
    if code is None:
        p.fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(p, "make_plan", D0, OFFICE, **data)


YOUNG = date(2001, 3, 4)  # turns 24 on 4 March 2025, 25 on 4 March 2026
TALK = {"interviewed": True, "benefit": "social_assistance"}


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"subsidy_days_last_12_months": 180}, None),
        ({"subsidy_days_last_12_months": 179}, "ktt.scope.no_threshold_met"),
        ({"subsidy_days_last_12_months": 181, **NO_PLAN}, "ktt.scope.no_employment_plan"),
        ({"unemployment_allowance_exhausted": True}, None),
        ({"unemployment_allowance_exhausted": True, **NO_PLAN}, "ktt.scope.no_employment_plan"),
        ({**TALK, "social_assistance_months": 4}, None),
        ({**TALK, "social_assistance_months": 4, **NO_PLAN}, None),
        ({**TALK, "social_assistance_months": 5, **NO_PLAN}, None),
        ({**TALK, "social_assistance_months": 3, **NO_PLAN}, "ktt.scope.no_threshold_met"),
        (
            {**TALK, "interviewed": False, "social_assistance_months": 4},
            "ktt.scope.no_threshold_met",
        ),
    ],
)
def test_a3_thresholds_under_25(facts: dict[str, Any], code: str | None) -> None:
    """Under 25: 180 subsidy days or the full unemployment allowance period, each with an
    employment plan, or the job-search conversation and 4 months on social assistance."""
    p = drafting()
    data = plan(eligibility=eligibility(birth_date=YOUNG, subsidy_days=None, **facts))
    if code is None:
        p.fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(p, "make_plan", D0, OFFICE, **data)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2025, 3, 1), None),
        (date(2025, 3, 2), None),
        (date(2025, 3, 3), "ktt.scope.no_threshold_met"),
    ],
)
def test_a3_point_3_without_an_employment_plan_ends_on_the_25th_birthday(
    day: date, code: str | None
) -> None:
    """The conversation and 4 months on social assistance suffice, with no plan, until 25."""
    facts = eligibility(
        birth_date=date(2000, 3, 3), subsidy_days=None, social_assistance_months=4, **TALK
    )
    p = sw.ktt_definition().start("c", at=day, by=OFFICE)
    data = plan(eligibility=facts | NO_PLAN)
    if code is None:
        p.fire("make_plan", at=day, by=OFFICE, **data)
    else:
        assert (code,) == refused(p, "make_plan", day, OFFICE, **data)


def test_a3_age_is_taken_on_the_plan_day() -> None:
    """On the 25th birthday the 25-or-over thresholds apply; the day before, the younger ones."""
    facts = eligibility(birth_date=date(2000, 3, 3), subsidy_days=500)
    p = drafting()
    before = date(2025, 3, 2)
    q = sw.ktt_definition().start("c", at=before, by=OFFICE)
    assert ("ktt.scope.no_threshold_met",) == refused(
        q, "make_plan", before, OFFICE, **plan(eligibility=facts, evaluate_by=date(2026, 1, 1))
    )
    p.fire("make_plan", at=D0, by=OFFICE, **plan(eligibility=facts))


@pytest.mark.parametrize(
    ("leap_birthday", "day", "ok"),
    [
        ("feb28", date(2025, 2, 27), False),
        ("feb28", date(2025, 2, 28), True),
        ("feb28", date(2025, 3, 1), True),
        ("mar1", date(2025, 2, 27), False),
        ("mar1", date(2025, 2, 28), False),
        ("mar1", date(2025, 3, 1), True),
    ],
)
def test_a3_c4_born_on_29_february_turns_25_in_a_common_year(
    leap_birthday: str, day: date, ok: bool
) -> None:
    """Born 29 Feb 2000: 25 on 28 Feb 2025 by default, on 1 Mar 2025 under "mar1" (D3)."""
    p = sw.ktt_definition(leap_birthday=leap_birthday).start("c", at=day, by=OFFICE)
    data = plan(eligibility=eligibility(birth_date=date(2000, 2, 29), subsidy_days=500))
    if ok:
        p.fire("make_plan", at=day, by=OFFICE, **data)
    else:
        assert ("ktt.scope.no_threshold_met",) == refused(p, "make_plan", day, OFFICE, **data)
        reason = p.check("make_plan", at=day, by=OFFICE, **data).reasons[0]
        assert "under 25" in reason.message("en")


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"birth_date": None}, "ktt.scope.fact_missing"),
        ({"employment_plan": False}, "ktt.scope.no_employment_plan"),
        ({"benefit": "unemployment_allowance"}, "ktt.scope.benefit_not_covered"),
        ({"benefit": "other"}, "ktt.scope.benefit_not_covered"),
    ],
)
def test_a3_scope_needs_the_facts_a_plan_and_a_covered_benefit(
    facts: dict[str, Any], code: str
) -> None:
    """The law covers subsidy and social-assistance recipients with an employment plan."""
    assert (code,) == refused(
        drafting(), "make_plan", D0, OFFICE, **plan(eligibility=eligibility(**facts))
    )


def test_a4_on_request_needs_the_client_heard() -> None:
    """On request, before any threshold, after hearing the client; allowance recipients too."""
    facts = eligibility(benefit="unemployment_allowance", subsidy_days=0, employment_plan=False)
    data = plan(route="on_request", eligibility=facts)
    assert ("ktt.scope.not_heard",) == refused(drafting(), "make_plan", D0, OFFICE, **data)
    p = drafting()
    p.fire(
        "make_plan",
        at=D0,
        by=OFFICE,
        **plan(route="on_request", eligibility={**facts, "heard": True}),
    )
    other = plan(route="on_request", eligibility={**facts, "benefit": "other", "heard": True})
    assert ("ktt.scope.benefit_not_covered",) == refused(
        drafting(), "make_plan", D0, OFFICE, **other
    )


TYP_PLAN = "multidisciplinary_plan"
NOT_COVERED = "ktt.scope.multidisciplinary_plan_not_covered"


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"subsidy_days": 500}, None),
        ({"subsidy_days": 499}, NOT_COVERED),
        ({"subsidy_days": None, "social_assistance_months": 12}, None),
        ({"subsidy_days": None, "social_assistance_months": 11}, NOT_COVERED),
        ({"birth_date": YOUNG, "subsidy_days": None, "subsidy_days_last_12_months": 180}, None),
        (
            {"birth_date": YOUNG, "subsidy_days": None, "subsidy_days_last_12_months": 179},
            NOT_COVERED,
        ),
        (
            {"birth_date": YOUNG, "subsidy_days": None, "unemployment_allowance_exhausted": True},
            None,
        ),
        ({"benefit": "unemployment_allowance"}, NOT_COVERED),
        ({"benefit": "other"}, NOT_COVERED),
        ({"birth_date": None}, "ktt.scope.fact_missing"),
    ],
)
def test_a5_multidisciplinary_plan_only_for_a_client_the_thresholds_cover(
    facts: dict[str, Any], code: str | None
) -> None:
    """The TYP plan stands in for the employment plan, but an A3 threshold must be met."""
    data = plan(route=TYP_PLAN, eligibility=eligibility(**facts) | NO_PLAN)
    if code is None:
        drafting().fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(drafting(), "make_plan", D0, OFFICE, **data)


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"requested": True, "heard": True}, None),
        ({"requested": True, "heard": True, "benefit": "social_assistance"}, None),
        ({"requested": True, "heard": True, "benefit": "unemployment_allowance"}, None),
        ({"requested": True, "heard": True, "birth_date": None}, None),
        ({"requested": True, "heard": False}, "ktt.scope.not_heard"),
        ({"requested": False, "heard": True}, NOT_COVERED),
        ({"requested": True, "heard": True, "benefit": "other"}, NOT_COVERED),
    ],
)
def test_a5_multidisciplinary_plan_for_ktt_on_request(
    facts: dict[str, Any], code: str | None
) -> None:
    """Before any threshold, the TYP plan serves KTT the client asked for, after hearing them."""
    before = eligibility(benefit="labour_market_subsidy", subsidy_days=10) | NO_PLAN
    data = plan(route=TYP_PLAN, eligibility=before | facts)
    if code is None:
        drafting().fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(drafting(), "make_plan", D0, OFFICE, **data)


def test_a5_multidisciplinary_plan_still_needs_the_ktt_entries() -> None:
    """The TYP plan route checks the KTT entries like any plan (A8)."""
    bare = plan(route=TYP_PLAN, goal="")
    assert ("ktt.plan.entry_missing",) == refused(drafting(), "make_plan", D0, OFFICE, **bare)


def test_a23_reform_profile_sends_benefit_recipients_through_the_multidisciplinary_plan() -> None:
    """D6: under "HE 109/2025" only social-assistance clients get an activation plan."""
    reform = {"scope": "HE 109/2025"}
    assert ("ktt.scope.multidisciplinary_plan_required",) == refused(
        drafting(**reform), "make_plan", D0, OFFICE, **plan()
    )
    young = eligibility(benefit="labour_market_subsidy", birth_date=YOUNG, subsidy_days=None)
    assert ("ktt.scope.multidisciplinary_plan_required",) == refused(
        drafting(**reform), "make_plan", D0, OFFICE, **plan(eligibility=young)
    )
    assistance = eligibility(
        benefit="social_assistance", subsidy_days=None, social_assistance_months=12
    )
    drafting(**reform).fire("make_plan", at=D0, by=OFFICE, **plan(eligibility=assistance))
    under = eligibility(
        benefit="social_assistance",
        birth_date=YOUNG,
        subsidy_days=None,
        subsidy_days_last_12_months=300,
        social_assistance_months=2,
    )
    assert ("ktt.scope.no_threshold_met",) == refused(
        drafting(**reform), "make_plan", D0, OFFICE, **plan(eligibility=under)
    )
    route = plan(route="multidisciplinary_plan")
    drafting(**reform).fire("make_plan", at=D0, by=OFFICE, **route)


def test_a23_reform_profile_takes_the_multidisciplinary_plan_as_the_route_itself() -> None:
    """Under "HE 109/2025" the TYP plan reaches KTT with no A3 threshold; by default not."""
    facts = {"benefit": "unemployment_allowance", "birth_date": YOUNG}
    data = plan(route="multidisciplinary_plan", eligibility=facts)
    drafting(scope="HE 109/2025").fire("make_plan", at=D0, by=OFFICE, **data)
    assert (NOT_COVERED,) == refused(drafting(), "make_plan", D0, OFFICE, **data)


# --------------------------------------------------------------------------- A8, A9 plan


@pytest.mark.parametrize(
    "entry",
    [
        "goal",
        "description",
        "place",
        "support",
        "days_per_week",
        "minutes_per_day",
        "start_date",
        "period_months",
        "other_services",
        "evaluate_by",
    ],
)
def test_a8_ktt_start_is_refused_while_an_entry_is_missing(entry: str) -> None:
    """Each KTT entry of the plan is required; an empty text or a left-out value is missing."""
    data = plan()
    if isinstance(data[entry], str):
        data[entry] = "  "
    else:
        del data[entry]
    codes = refused(drafting(), "make_plan", D0, OFFICE, **data)
    assert ("ktt.plan.entry_missing",) == codes
    reason = drafting().check("make_plan", at=D0, by=OFFICE, **data).reasons[0]
    assert (entry,) == reason.params["entries"]


@pytest.mark.parametrize("examined", [False, None])
def test_a7_plan_records_that_work_and_services_came_first(examined: bool | None) -> None:
    """A plan that does not record work and employment services examined first is refused."""
    data = plan(work_and_services_examined=examined)
    if examined is None:
        del data["work_and_services_examined"]
    assert ("ktt.plan.work_and_services_not_examined",) == refused(
        drafting(), "make_plan", D0, OFFICE, **data
    )
    drafting().fire("make_plan", at=D0, by=OFFICE, **plan(work_and_services_examined=True))


def test_a7_renewal_records_it_again() -> None:
    """Renewing the plan asks the same again (A15)."""
    p = running(months=3)
    p.fire("end_period", at=date(2025, 6, 2), by=COUNTY)
    renewal = plan(work_and_services_examined=False, evaluate_by=date(2026, 1, 1))
    assert ("ktt.plan.work_and_services_not_examined",) == refused(
        p, "renew_plan", date(2025, 6, 2), OFFICE, **renewal
    )


def test_a9_benefits_explained_and_three_signatures() -> None:
    """The client is told of the benefits; the plan is signed by EA, wellbeing county and client."""
    assert ("ktt.plan.benefits_not_explained",) == refused(
        drafting(), "make_plan", D0, OFFICE, **plan(benefits_explained=False)
    )
    for party in (EA, WC, CLIENT):
        signed = [r for r in (EA, WC, CLIENT) if r != party]
        p = drafting()
        assert ("ktt.plan.signature_missing",) == refused(
            p, "make_plan", D0, OFFICE, **plan(signed_by=signed)
        )
        reason = p.check("make_plan", at=D0, by=OFFICE, **plan(signed_by=signed)).reasons[0]
        assert party.label.fi in reason.message("fi")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"days_per_week": -1}, "$.data.days_per_week"),
        ({"minutes_per_day": 1441}, "$.data.minutes_per_day"),
        ({"minutes_per_day": 3.5}, "$.data.minutes_per_day"),
        ({"evaluate_by": D0 - timedelta(days=1)}, "$.data.evaluate_by"),
        ({"start_date": date(2025, 9, 2)}, "$.data.evaluate_by"),
        (
            {"eligibility": eligibility(birth_date=D0 + timedelta(days=1))},
            "$.data.eligibility.birth_date",
        ),
        ({"eligibility": eligibility(subsidy_days=-5)}, "$.data.eligibility.subsidy_days"),
        ({"days_per_week": "3"}, "$.data.days_per_week"),
    ],
)
def test_a8_malformed_plan_is_a_data_error(data: dict[str, Any], field: str) -> None:
    """Negative counts, dates out of order and wrong types name the field; nothing changes."""
    p = drafting()
    before = snapshot(p)
    with pytest.raises(PathwayDataError) as caught:
        p.fire("make_plan", at=D0, by=OFFICE, **plan(**data))
    assert field in [path for path, _ in caught.value.errors]
    assert before == snapshot(p)


# --------------------------------------------------------------------------- A11–A13 in the plan


@pytest.mark.parametrize(
    ("months", "code"),
    [(2, "ktt.period_too_short"), (3, None), (24, None), (25, "ktt.period_too_long")],
)
def test_a11_period_is_3_to_24_months(months: int, code: str | None) -> None:
    """A period of 3 or 24 months passes; 2 and 25 do not."""
    data = plan(period_months=months)
    if code is None:
        drafting().fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(drafting(), "make_plan", D0, OFFICE, **data)


@pytest.mark.parametrize(
    ("days", "code"),
    [
        (0, "ktt.days_per_week_below_minimum"),
        (1, None),
        (4, None),
        (5, "ktt.days_per_week_exceeded"),
    ],
)
def test_a12_plan_has_1_to_4_days_a_week(days: int, code: str | None) -> None:
    """1 and 4 days a week pass; 0 and 5 (the 2001 limit) do not."""
    data = plan(days_per_week=days)
    if code is None:
        drafting().fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(drafting(), "make_plan", D0, OFFICE, **data)


def test_a12_old_five_day_limit_is_a_policy_choice() -> None:
    """max_days_per_week=5 restores the 2001 limit."""
    drafting(max_days_per_week=5).fire("make_plan", at=D0, by=OFFICE, **plan(days_per_week=5))


DAY_LIMITS = [
    (210, "ktt.hours_per_day_below_minimum"),
    (239, "ktt.hours_per_day_below_minimum"),
    (240, None),
    (241, None),
    (479, None),
    (480, None),
    (481, "ktt.hours_per_day_exceeded"),
]


@pytest.mark.parametrize(("minutes", "code"), DAY_LIMITS)
def test_a13_plan_has_4_to_8_hours_a_day_in_minutes(minutes: int, code: str | None) -> None:
    """240 to 480 minutes a day pass; 3.5 hours (210), 239 and 481 minutes do not."""
    data = plan(minutes_per_day=minutes)
    if code is None:
        drafting().fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert (code,) == refused(drafting(), "make_plan", D0, OFFICE, **data)
        reason = drafting().check("make_plan", at=D0, by=OFFICE, **data).reasons[0]
        assert {"minutes": minutes, "limit": 240 if minutes < 240 else 480} == dict(reason.params)


@pytest.mark.parametrize(("limit", "ok"), [(1919, False), (1920, True), (1921, True)])
def test_a13_weekly_minutes_limit(limit: int, ok: bool) -> None:
    """Days a week times minutes a day may not pass the weekly limit: 4 × 480 is 1920."""
    data = plan(days_per_week=4, minutes_per_day=480)
    p = drafting(max_minutes_per_week=limit)
    if ok:
        p.fire("make_plan", at=D0, by=OFFICE, **data)
    else:
        assert ("ktt.hours_per_week_exceeded",) == refused(p, "make_plan", D0, OFFICE, **data)


def test_a13_forty_hours_is_five_days_of_eight() -> None:
    """With five days allowed, 5 × 480 minutes is exactly the default 40 hours."""
    drafting(max_days_per_week=5).fire(
        "make_plan", at=D0, by=OFFICE, **plan(days_per_week=5, minutes_per_day=480)
    )


def test_a19_place_outside_the_commuting_area_needs_consent() -> None:
    """Outside the commuting area only with the client's consent."""
    outside = plan(within_commuting_area=False)
    assert ("ktt.place_outside_commuting_area",) == refused(
        drafting(), "make_plan", D0, OFFICE, **outside
    )
    drafting().fire("make_plan", at=D0, by=OFFICE, **outside | {"consent_outside_area": True})


@pytest.mark.parametrize(
    ("facts", "notes"),
    [
        ({"work_hours_per_week": 8}, 0),
        ({"work_hours_per_week": 9}, 1),
        ({"full_time_student": True}, 1),
        ({"full_time_entrepreneur": True, "in_employment_service": True}, 2),
    ],
)
def test_a18_no_duty_to_arrange_is_reported_not_refused(facts: dict[str, Any], notes: int) -> None:
    """More than 8 h of work a week, full-time business or study, or another service: a note."""
    data = plan(eligibility=eligibility(**facts))
    verdict = drafting().check("make_plan", at=D0, by=OFFICE, **data)
    assert verdict.allowed
    assert ["ktt.no_duty_to_arrange"] * notes == [n.code for n in verdict.notes]


# --------------------------------------------------------------------------- A21, A1 at the start


def test_a21_shop_steward_is_notified_before_the_start() -> None:
    """The period cannot start before the shop steward is notified after the plan is made."""
    p = planned()
    assert ("ktt.shop_steward_not_notified",) == refused(p, "start_period", D0)
    p.fire("notify_shop_steward", at=D0, by=COUNTY)
    p.fire("start_period", at=D0 + timedelta(days=7), by=COUNTY)
    assert (D0 + timedelta(days=7), date(2025, 9, 9)) == (
        p.context.period_start,
        p.context.period_end,
    )


def test_a21_renewed_plan_needs_a_new_notification() -> None:
    """After a renewal the earlier notification no longer counts."""
    p = running()
    p.fire("end_period", at=date(2025, 4, 1), by=COUNTY)
    p.fire("renew_plan", at=date(2025, 4, 1), by=OFFICE, **plan(evaluate_by=date(2026, 1, 1)))
    assert ("ktt.shop_steward_not_notified",) == refused(p, "start_period", date(2025, 4, 2))


def test_a21_a_notice_on_the_day_of_the_renewal_does_not_carry_over() -> None:
    """A notice given earlier on the day the plan is renewed was for the old plan; a
    notice after the renewal, on the same day, counts."""
    p = running(D0)
    p.fire("end_period", at=D0, by=COUNTY)
    p.fire("renew_plan", at=D0, by=OFFICE, **plan(evaluate_by=date(2026, 1, 1)))
    assert ("ktt.shop_steward_not_notified",) == refused(p, "start_period", D0)
    p.fire("notify_shop_steward", at=D0, by=COUNTY)
    p.fire("start_period", at=D0, by=COUNTY)
    assert "in_period" == p.state


def test_a1_ktt_is_never_recorded_as_employment() -> None:
    """No employment contract at the start and no wage as a payment; expense allowance is fine."""
    p = planned()
    p.fire("notify_shop_steward", at=D0, by=COUNTY)
    assert ("ktt.not_employment",) == refused(p, "start_period", D0, employment_contract=True)
    p.fire("start_period", at=D0, by=COUNTY)
    assert ("ktt.not_employment",) == refused(
        p, "record_payment", D0, kind="wage", amount_cents=900
    )
    p.fire("record_payment", at=D0, by=COUNTY, kind="expense_allowance", amount_cents=900)
    assert (sw.PaymentKind.EXPENSE_ALLOWANCE, D0) == (
        p.context.payments[0].kind,
        p.context.payments[0].paid_on,
    )
    with pytest.raises(PathwayDataError):
        p.fire("record_payment", at=D0, by=COUNTY, kind="expense_allowance", amount_cents=-1)


def test_a1_a_payment_keeps_its_own_date_and_none_in_the_future() -> None:
    """A payment's own date is kept; one after the event is malformed and changes nothing."""
    p = running()
    p.fire(
        "record_payment",
        at=D0,
        by=COUNTY,
        kind="expense_allowance",
        amount_cents=1,
        paid_on=D0 - timedelta(days=2),
    )
    assert D0 - timedelta(days=2) == p.context.payments[0].paid_on
    before = snapshot(p)
    with pytest.raises(PathwayDataError) as caught:
        p.fire(
            "record_payment",
            at=D0,
            by=COUNTY,
            kind="expense_allowance",
            amount_cents=1,
            paid_on=D0 + timedelta(days=1),
        )
    assert ["$.data.paid_on"] == [path for path, _ in caught.value.errors]
    assert before == snapshot(p)


@given(st.data())
def test_a1_no_ktt_run_records_a_wage_or_contract(data: st.DataObject) -> None:
    """Property: whatever is attempted, no KTT history holds a wage or an employment contract."""
    from pathway_fsm import testing

    run = data.draw(testing.pathways(sw.ktt_definition(), max_attempts=30))
    for event in run.pathway.history:
        assert not getattr(event.data, "employment_contract", False)
        assert getattr(event.data, "kind", None) is not sw.PaymentKind.WAGE


# --------------------------------------------------------------------------- attendance (D4)


@pytest.mark.parametrize(
    ("start", "months", "last"),
    [
        (date(2025, 3, 10), 3, date(2025, 6, 9)),
        (date(2025, 1, 31), 1, date(2025, 2, 27)),
        (date(2024, 1, 31), 1, date(2024, 2, 28)),
        (date(2025, 3, 31), 3, date(2025, 6, 29)),
        (date(2023, 11, 30), 3, date(2024, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 27)),
        (date(2024, 2, 29), 12, date(2025, 2, 27)),
        (date(2024, 3, 1), 12, date(2025, 2, 28)),
    ],
)
def test_a11_d7_period_ends_the_day_before_the_same_day_number(
    start: date, months: int, last: date
) -> None:
    """An n-month period from S runs to the day before S + n months (C1), month ends too."""
    p = sw.ktt_definition(min_period_months=1).start("c", at=start, by=OFFICE)
    p.fire(
        "make_plan",
        at=start,
        by=OFFICE,
        **plan(period_months=months, evaluate_by=date(2030, 1, 1)),
    )
    p.fire("notify_shop_steward", at=start, by=COUNTY)
    p.fire("start_period", at=start, by=COUNTY)
    assert (last, last) == (p.context.period_end, due(p, "ktt.period_ends", start).due)
    assert not due(p, "ktt.period_ends", last).overdue
    assert due(p, "ktt.period_ends", last + timedelta(days=1)).overdue
    attend(p, last - timedelta(days=1))
    attend(p, last)
    assert ("ktt.attendance.outside_period",) == refused(
        p, "record_attendance", last + timedelta(days=1), minutes=360
    )


def test_a11_attendance_before_the_period_is_refused() -> None:
    """A day before the period started is outside it."""
    p = running(start=date(2025, 3, 10))
    assert ("ktt.attendance.outside_period",) == refused(
        p, "record_attendance", date(2025, 3, 12), minutes=360, day=date(2025, 3, 9)
    )


def test_a12_attendance_4_days_in_a_calendar_week() -> None:
    """Four days Monday–Thursday pass, the fifth is refused; the next Monday is a new week."""
    p = running()
    for offset in range(4):
        attend(p, D0 + timedelta(days=offset))
    assert ("ktt.days_per_week_exceeded",) == refused(
        p, "record_attendance", D0 + timedelta(days=6), minutes=360
    )
    attend(p, D0 + timedelta(days=7))  # Monday of the next week
    assert 5 == len(p.context.attendance)


def test_a12_calendar_week_across_a_year_end() -> None:
    """ISO weeks: Mon 29 Dec 2025 to Sun 4 Jan 2026 is one calendar week."""
    start = date(2025, 12, 29)
    p = sw.ktt_definition().start("c", at=start, by=OFFICE)
    p.fire("make_plan", at=start, by=OFFICE, **plan(evaluate_by=date(2030, 1, 1)))
    p.fire("notify_shop_steward", at=start, by=COUNTY)
    p.fire("start_period", at=start, by=COUNTY)
    for day in (date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 2)):
        attend(p, day)
    assert ("ktt.days_per_week_exceeded",) == refused(
        p, "record_attendance", date(2026, 1, 4), minutes=360
    )
    attend(p, date(2026, 1, 5))


@pytest.mark.parametrize(("minutes", "code"), DAY_LIMITS)
def test_a13_attendance_4_to_8_hours_in_minutes(minutes: int, code: str | None) -> None:
    """A recorded day of 240 to 480 minutes passes; 210, 239 or 481 minutes is refused."""
    p = running()
    if code is None:
        attend(p, D0, minutes)
        assert [(D0, minutes)] == list(p.context.attendance)
    else:
        assert (code,) == refused(p, "record_attendance", D0, minutes=minutes)


@pytest.mark.parametrize(("third", "ok"), [(239, True), (240, True), (241, False)])
def test_a13_attendance_weekly_minutes(third: int, ok: bool) -> None:
    """The week's recorded minutes may not pass the weekly limit (here 1200)."""
    p = running(max_minutes_per_week=1200, min_minutes_per_day=200)
    attend(p, D0, 480)
    attend(p, D0 + timedelta(days=1), 480)
    day = D0 + timedelta(days=2)
    if ok:
        attend(p, day, third)
    else:
        assert ("ktt.hours_per_week_exceeded",) == refused(
            p, "record_attendance", day, minutes=third
        )


def test_a13_attendance_data_errors() -> None:
    """Negative minutes, more than a day's, or a day after the event's date are malformed."""
    p = running()
    for data, field in (
        ({"minutes": -1}, "$.data.minutes"),
        ({"minutes": 1441}, "$.data.minutes"),
        ({"minutes": 360, "day": D0 + timedelta(days=1)}, "$.data.day"),
    ):
        before = snapshot(p)
        with pytest.raises(PathwayDataError) as caught:
            p.fire("record_attendance", at=D0, by=COUNTY, **data)
        assert [field] == [path for path, _ in caught.value.errors]
        assert before == snapshot(p)


def test_a13_a_day_is_recorded_once() -> None:
    """The same day twice is refused."""
    p = running()
    attend(p, D0)
    assert ("ktt.attendance.day_already_recorded",) == refused(
        p, "record_attendance", D0, minutes=300
    )


def weeks_of_attendance(p: Pathway, first: date, days: int) -> date:
    """Record *days* days, Monday to Thursday each week from *first* (a Monday); the last day."""
    day = first
    for n in range(days):
        day = first + timedelta(days=7 * (n // 4) + n % 4)
        attend(p, day)
    return day


def test_a14_178_days_within_12_months() -> None:
    """The 178th day within 12 months passes, the 179th is refused."""
    p = running(months=24)
    last = weeks_of_attendance(p, D0, 178)
    assert ("ktt.days_in_window_exceeded",) == refused(
        p, "record_attendance", last + timedelta(days=4), minutes=360
    )


def test_a14_window_rolls_by_c1() -> None:
    """A day leaves the 12-month window on the day 12 months after it (C1)."""
    p = running(months=24, max_days_in_window=2)
    attend(p, D0)
    attend(p, D0 + timedelta(days=1))
    a_year = pf.add_months(D0, 12)
    assert ("ktt.days_in_window_exceeded",) == refused(
        p, "record_attendance", a_year - timedelta(days=1), minutes=360
    )
    attend(p, a_year)


@pytest.mark.parametrize(
    ("later", "ok"),
    [(date(2025, 2, 27), False), (date(2025, 2, 28), True), (date(2025, 3, 1), True)],
)
def test_a14_d7_window_from_a_leap_day(later: date, ok: bool) -> None:
    """A window is a span of activity (D7): the 12 months from 29 Feb 2024 end on
    27 Feb 2025, and no window holds both 29 Feb 2024 and 28 Feb 2025."""
    start = date(2024, 2, 29)
    p = period_from(start, max_days_in_window=1)
    attend(p, start)
    if ok:
        attend(p, later)
    else:
        assert ("ktt.days_in_window_exceeded",) == refused(
            p, "record_attendance", later, minutes=360
        )


@pytest.mark.parametrize(
    ("first", "later", "ok"),
    [
        (date(2025, 1, 31), date(2025, 2, 27), False),  # the month from 31 Jan ends 27 Feb
        (date(2025, 1, 31), date(2025, 2, 28), True),
        (date(2025, 1, 28), date(2025, 2, 27), False),
        (date(2025, 1, 28), date(2025, 2, 28), True),  # 28 Jan + 1 month is 28 Feb
        (date(2025, 3, 31), date(2025, 4, 29), False),  # 31 Mar + 1 month clamps to 30 Apr
        (date(2025, 3, 31), date(2025, 4, 30), True),
    ],
)
def test_a14_d7_one_month_window_at_month_ends(first: date, later: date, ok: bool) -> None:
    """With ``window_months=1`` the window from a day S ends the day before S + 1 month
    (C1, D7), the clamped month ends included; a day recorded late is judged alike."""
    for late in (False, True):
        p = period_from(date(2025, 1, 27), window_months=1, max_days_in_window=1)
        if late:  # *later* is on record first, then *first* is recorded late
            attend(p, later)
            data = {"day": first}
            at = later
        else:
            attend(p, first)
            data, at = {}, later
        if ok:
            p.fire("record_attendance", at=at, by=COUNTY, minutes=360, **data)
        else:
            assert ("ktt.days_in_window_exceeded",) == refused(
                p, "record_attendance", at, minutes=360, **data
            )


@pytest.mark.parametrize(("recorded", "ok"), [(176, True), (177, True), (178, False)])
def test_a14_a_day_recorded_late_counts_in_every_later_window(recorded: int, ok: bool) -> None:
    """A late day may bring a later window to 178 days, never to 179."""
    p = running(months=24)
    last = weeks_of_attendance(p, date(2025, 3, 10), recorded)
    if ok:
        p.fire("record_attendance", at=last, by=COUNTY, minutes=360, day=D0)
        assert (D0, 360) == p.context.attendance[0]
    else:
        assert ("ktt.days_in_window_exceeded",) == refused(
            p, "record_attendance", last, minutes=360, day=D0
        )
        verdict = p.check("record_attendance", at=last, by=COUNTY, minutes=360, day=D0)
        assert 179 == verdict.reasons[0].params["days"]


def test_a14_the_example_of_13_january() -> None:
    """178 days from 10 Mar 2025 to 13 Jan 2026 leave no room for 3 Mar 2025 recorded late."""
    p = running(months=24)
    last = weeks_of_attendance(p, date(2025, 3, 10), 178)
    assert date(2026, 1, 13) == last
    assert ("ktt.days_in_window_exceeded",) == refused(
        p, "record_attendance", last, minutes=360, day=date(2025, 3, 3)
    )
    attend(p, date(2026, 3, 10))  # the window of 10 Mar 2026 opens after 10 Mar 2025


@pytest.mark.parametrize(
    ("later", "late", "ok"),
    [
        (date(2026, 3, 10), date(2025, 3, 9), True),
        (date(2026, 3, 10), date(2025, 3, 10), True),
        (date(2026, 3, 10), date(2025, 3, 11), False),
        (date(2025, 3, 31), date(2024, 3, 31), True),
        (date(2025, 3, 31), date(2024, 4, 1), False),
        (date(2025, 2, 28), date(2024, 2, 27), True),
        (date(2025, 2, 28), date(2024, 2, 28), True),
        (date(2025, 2, 28), date(2024, 2, 29), True),  # from 29 Feb 2024: to 27 Feb 2025
        (date(2025, 2, 28), date(2024, 3, 1), False),
        (date(2025, 2, 27), date(2024, 2, 29), False),
        (date(2024, 2, 29), date(2023, 2, 28), True),
        (date(2024, 2, 29), date(2023, 3, 1), False),
    ],
)
def test_a14_late_day_at_the_edge_of_a_later_window(later: date, late: date, ok: bool) -> None:
    """A late day S shares a window with a later day L when L is before add_months(S, 12):
    the window from S ends the day before (C1, D7)."""
    p = period_from(late - timedelta(days=7), max_days_in_window=1)
    attend(p, later)
    if ok:
        p.fire("record_attendance", at=later, by=COUNTY, minutes=360, day=late)
        assert [late, later] == [d for d, _ in p.context.attendance]
    else:
        assert ("ktt.days_in_window_exceeded",) == refused(
            p, "record_attendance", later, minutes=360, day=late
        )


def fullest(days: list[date], months: int) -> int:
    """The most of *days* any window of *months* holds, trying the window from every
    calendar day: from S it holds S up to the day before add_months(S, months) (D7)."""
    if not days:
        return 0
    starts = (min(days) + timedelta(days=n) for n in range((max(days) - min(days)).days + 1))
    return max(sum(1 for d in days if s <= d < pf.add_months(s, months)) for s in starts)


@given(st.lists(st.tuples(st.integers(0, 75), st.integers(240, 480)), max_size=40))
def test_a14_days_offered_out_of_order_never_overfill_a_window(
    offers: list[tuple[int, int]],
) -> None:
    """Property: in any order, a day is refused for the cap exactly when a window would
    hold too many, and no window of the accepted history ever does."""
    p = running(months=3, window_months=1, max_days_in_window=5)
    at = date(2025, 12, 31)
    for offset, minutes in offers:
        day = D0 + timedelta(days=offset)
        taken = [d for d, _ in p.context.attendance]
        verdict = p.check("record_attendance", at=at, by=COUNTY, minutes=minutes, day=day)
        if day not in taken:
            over = fullest([*taken, day], 1) > 5
            assert over == ("ktt.days_in_window_exceeded" in verdict.codes)
        if verdict.allowed:
            p.fire("record_attendance", at=at, by=COUNTY, minutes=minutes, day=day)
    days = [d for d, _ in p.context.attendance]
    assert sorted(days) == days
    assert fullest(days, 1) <= 5


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(120, 600)), max_size=40))
def test_a12_a14_recorded_attendance_never_breaks_the_limits(steps: list[tuple[int, int]]) -> None:
    """Property: whatever days are offered, the accepted ones keep every A12–A14 limit."""
    p = running(months=12, max_days_in_window=30)
    day = D0
    for gap, minutes in steps:
        day += timedelta(days=gap)
        with contextlib.suppress(TransitionRefused):
            attend(p, day, minutes)
    days = p.context.attendance
    weeks: dict[tuple[int, int], list[int]] = {}
    for d, m in days:
        weeks.setdefault(d.isocalendar()[:2], []).append(m)
        assert 240 <= m <= 480
    assert all(len(ms) <= 4 and sum(ms) <= 2400 for ms in weeks.values())
    assert len(days) <= 30
    assert len({d for d, _ in days}) == len(days)


# --------------------------------------------------------------------------- A10, A15 deadlines


def test_a10_review_due_every_3_months() -> None:
    """Due 3 months after the plan (C1); overdue the day after; a review restarts it."""
    p = planned()
    review = due(p, "ktt.review_due", date(2025, 6, 3))
    assert (D0, date(2025, 6, 3), False) == (review.start, review.due, review.overdue)
    assert due(p, "ktt.review_due", date(2025, 6, 4)).overdue
    p.fire("review_plan", at=date(2025, 5, 31), by=OFFICE)
    assert date(2025, 8, 31) == due(p, "ktt.review_due", date(2025, 6, 4)).due


def test_a10_review_due_from_30_november_in_a_leap_year() -> None:
    """A plan made on 30 Nov 2023 is reviewed by 29 Feb 2024 (C1)."""
    start = date(2023, 11, 30)
    p = sw.ktt_definition().start("c", at=start, by=OFFICE)
    p.fire(
        "make_plan",
        at=start,
        by=OFFICE,
        **plan(start_date=date(2023, 12, 4), evaluate_by=date(2024, 6, 1)),
    )
    assert date(2024, 2, 29) == due(p, "ktt.review_due", start).due


def test_a10_review_interval_is_policy_and_roll_forward_c3() -> None:
    """review_interval_months changes the interval; roll_forward moves overdue past a weekend."""
    p = planned(review_interval_months=6, roll_forward=True)
    review = due(p, "ktt.review_due", date(2025, 9, 3))
    assert date(2025, 9, 3) == review.due
    saturday = sw.ktt_definition(roll_forward=True).start("c", at=date(2025, 2, 1), by=OFFICE)
    saturday.fire("make_plan", at=date(2025, 2, 1), by=OFFICE, **plan(start_date=date(2025, 3, 10)))
    deadline = due(saturday, "ktt.review_due", date(2025, 5, 2))  # 1 May is a holiday, then Fri 2
    assert (date(2025, 5, 1), date(2025, 5, 2), False) == (
        deadline.due,
        deadline.due_working_day,
        deadline.overdue,
    )


def test_a8_evaluation_date_is_a_deadline() -> None:
    """The plan's evaluate_by is reported as a deadline."""
    p = planned()
    assert date(2025, 9, 1) == due(p, "ktt.evaluation_due", D0).due


@pytest.mark.parametrize(
    ("trigger", "word"),
    [("renew_plan", "met"), ("to_employment_services", "met"), ("withdraw", "lapsed")],
)
def test_a8_d8_deciding_further_action_meets_the_evaluation_date(trigger: str, word: str) -> None:
    """A8: by the evaluation date the effects are evaluated and further action decided;
    renewing the plan or handing the client on decides it, a withdrawal does not."""
    p = running(months=3)
    p.fire("end_period", at=date(2025, 6, 3), by=COUNTY)
    data = plan(evaluate_by=date(2026, 1, 1)) if trigger == "renew_plan" else {}
    p.fire(trigger, at=date(2025, 6, 4), by=OFFICE, **data)
    client_journey = pf.journey.definition().start(
        p.client_id, at=D0, by=COUNTY, party=Role.WELLBEING_COUNTY, service="ktt"
    )
    chart = pf.diagrams.timeline(client_journey, at=date(2025, 10, 1), services={"ktt": p})
    (line,) = [x for x in chart.splitlines() if "2030-01-01, 0d" in x]
    assert line.lstrip().startswith(f"Evaluate the effects at the latest ({word})")


def test_a15_period_end_is_a_renewal_deadline_and_a_handover_point() -> None:
    """In the period its end is due; after it the plan must be renewed; then hand over or renew."""
    p = running(months=3)
    assert date(2025, 6, 2) == due(p, "ktt.period_ends", D0).due
    p.fire("end_period", at=date(2025, 6, 3), by=COUNTY)
    renewal = due(p, "ktt.plan_renewal_due", date(2025, 6, 3))
    assert (date(2025, 6, 3), False) == (renewal.due, renewal.overdue)
    assert due(p, "ktt.plan_renewal_due", date(2025, 6, 4)).overdue
    assert {"renew_plan", "to_employment_services", "to_typ", "to_social_rehabilitation"} <= set(
        p.available(at=date(2025, 6, 4), by=OFFICE)
    )
    p.fire("renew_plan", at=date(2025, 6, 4), by=OFFICE, **plan(evaluate_by=date(2026, 1, 1)))
    assert "planned" == p.state
    grace = running(months=3, renewal_days=14)
    grace.fire("end_period", at=date(2025, 6, 3), by=COUNTY)
    assert date(2025, 6, 17) == due(grace, "ktt.plan_renewal_due", date(2025, 6, 3)).due


def test_a15_plan_renewal_checks_the_same_rules() -> None:
    """Renewing the plan applies A8–A13 again."""
    p = running(months=3)
    p.fire("end_period", at=date(2025, 6, 3), by=COUNTY)
    assert ("ktt.days_per_week_exceeded",) == refused(
        p,
        "renew_plan",
        date(2025, 6, 3),
        OFFICE,
        **plan(days_per_week=5, evaluate_by=date(2026, 1, 1)),
    )


@pytest.mark.parametrize(
    ("started_on", "at", "ok"),
    [
        (date(2025, 3, 10), date(2025, 4, 9), False),
        (date(2025, 3, 10), date(2025, 4, 10), True),
        (date(2025, 3, 10), date(2025, 4, 11), True),
        (date(2025, 1, 31), date(2025, 2, 27), False),
        (date(2025, 1, 31), date(2025, 2, 28), True),
        (date(2024, 1, 31), date(2024, 2, 28), False),
        (date(2024, 1, 31), date(2024, 2, 29), True),
        (date(2024, 12, 31), date(2025, 1, 30), False),
        (date(2024, 12, 31), date(2025, 1, 31), True),
    ],
)
@pytest.mark.parametrize(
    ("trigger", "closure"), [("employed", Closure.EMPLOYED), ("starts_studies", Closure.STUDIES)]
)
def test_a17_plan_deemed_interrupted_one_month_after_the_start(
    started_on: date, at: date, ok: bool, trigger: str, closure: Closure
) -> None:
    """Work, business or studies close KTT from the day a month after they began (C1)."""
    p = period_from(started_on - timedelta(days=7))
    data = {"started_on": started_on, "heard": True}
    if ok:
        p.fire(trigger, at=at, by=COUNTY, **data)
        assert ("closed", closure, at) == (p.state, p.context.closure, p.context.exited_on)
    else:
        assert ("ktt.interruption.too_early",) == refused(p, trigger, at, **data)


def test_a17_the_client_is_heard_first() -> None:
    """Without the hearing the plan is not deemed interrupted, early or not."""
    p = running(months=12)
    late = date(2025, 6, 2)
    assert ("ktt.interruption.not_heard",) == refused(p, "employed", late, started_on=D0)
    assert ("ktt.interruption.too_early", "ktt.interruption.not_heard") == refused(
        p, "starts_studies", late, started_on=date(2025, 5, 5), heard=False
    )
    p.fire("end_period", at=late, by=COUNTY)
    p.fire("starts_studies", at=late, by=OFFICE, started_on=D0, heard=True)
    assert Closure.STUDIES == p.context.closure


def test_a17_only_the_authorities_deem_the_plan_interrupted() -> None:
    """The service provider cannot close KTT for work or studies."""
    p = running(months=12)
    provider = Actor("sp", Role.SERVICE_PROVIDER)
    assert ("pathway.role_not_allowed",) == refused(
        p, "employed", date(2025, 6, 2), provider, started_on=D0, heard=True
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"heard": True}, "$.data.started_on"),
        ({"started_on": date(2025, 6, 3), "heard": True}, "$.data.started_on"),
        ({"started_on": "soon", "heard": True}, "$.data.started_on"),
    ],
)
def test_a17_malformed_start_is_a_data_error(data: dict[str, Any], field: str) -> None:
    """A missing start, one after the event's date or not a date names the field."""
    p = running(months=12)
    before = snapshot(p)
    with pytest.raises(PathwayDataError) as caught:
        p.fire("employed", at=date(2025, 6, 2), by=COUNTY, **data)
    assert [field] == [path for path, _ in caught.value.errors]
    assert before == snapshot(p)


@pytest.mark.parametrize(
    ("met_on", "code"),
    [
        (None, "ktt.employment_condition_not_met"),
        (date(2025, 6, 1), None),
        (date(2025, 6, 2), None),
    ],
)
def test_a16_renewal_ends_when_the_employment_condition_is_met(
    met_on: date | None, code: str | None
) -> None:
    """After a period the plan is renewed unless the host records the condition met."""
    p = running(months=3)
    ended = date(2025, 6, 2)
    p.fire("end_period", at=ended, by=COUNTY)
    data = {} if met_on is None else {"met_on": met_on}
    if code is None:
        p.fire("employment_condition_met", at=ended, by=OFFICE, **data)
        assert ("closed", Closure.EMPLOYMENT_CONDITION_MET) == (p.state, p.context.closure)
    else:
        assert (code,) == refused(p, "employment_condition_met", ended, OFFICE, **data)
        assert "renew_plan" in p.available(at=ended, by=OFFICE)


def test_a16_condition_is_not_met_in_the_future_nor_during_a_period() -> None:
    """A date after the event is malformed; the exit is taken when a period has ended."""
    p = running(months=3)
    assert ("pathway.wrong_state",) == refused(p, "employment_condition_met", D0, OFFICE, met_on=D0)
    p.fire("end_period", at=date(2025, 6, 2), by=COUNTY)
    with pytest.raises(PathwayDataError) as caught:
        p.fire("employment_condition_met", at=date(2025, 6, 2), by=OFFICE, met_on=date(2025, 6, 3))
    assert ["$.data.met_on"] == [path for path, _ in caught.value.errors]


def test_a10_no_review_before_the_plan() -> None:
    """Only a made plan is reviewed: before make_plan the review is refused by the state."""
    p = drafting()
    assert ("pathway.wrong_state",) == refused(p, "review_plan", D0, OFFICE)
    assert all(
        source in ("planned", "in_period", "period_ended")
        for source in p.definition.transition("review_plan").sources
    )


def test_a10_only_the_parties_review() -> None:
    """The employment authority or the wellbeing county reviews the plan, not the provider."""
    p = planned()
    assert ("pathway.role_not_allowed",) == refused(
        p, "review_plan", D0, Actor("sp", Role.SERVICE_PROVIDER)
    )


# --------------------------------------------------------------------------- W2 employment support

JOB = {"employment_contract": True, "collective_agreement_pay": True, "job_coach": "coach-1"}
NEED = {"long_term_difficulty": True, "needs_social_welfare_support": True}


def support(**policy: Any) -> Pathway:
    """An employment-support pathway opened on D0."""
    return sw.employment_support_definition(**policy).start("c", at=D0, by=COUNTY)


@pytest.mark.parametrize("missing", ["long_term_difficulty", "needs_social_welfare_support"])
def test_w2_target_group(missing: str) -> None:
    """§27 d is for long-term special difficulty and a need for social-welfare support."""
    p = support()
    assert ("employment_support.not_in_target_group",) == refused(
        p, "admit", D0, **NEED | {missing: False}
    )
    p.fire("admit", at=D0, by=COUNTY, **NEED)
    assert "job_search" == p.state


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"employment_contract": False}, "employment_support.no_employment_contract"),
        ({"collective_agreement_pay": False}, "employment_support.pay_below_agreement"),
        ({"job_coach": None}, "employment_support.no_job_coach"),
        ({"job_coach": " "}, "employment_support.no_job_coach"),
    ],
)
def test_w2_paid_work_under_contract_with_a_job_coach(change: dict[str, Any], code: str) -> None:
    """A job needs a contract, collective-agreement pay and a job coach."""
    p = support()
    p.fire("admit", at=D0, by=COUNTY, **NEED)
    assert (code,) == refused(p, "hire", D0, COACH, **JOB | change)
    p.fire("hire", at=D0, by=COACH, **JOB)
    assert ("employed", 1, D0) == (p.state, p.context.jobs, p.context.employed_since)


def test_w2_job_ends_and_search_resumes() -> None:
    """After a job ends the client is back in coached job search; the coach may be optional."""
    p = support(job_coach_required=False)
    p.fire("admit", at=D0, by=COUNTY, **NEED)
    p.fire("hire", at=D0, by=COACH, **JOB | {"job_coach": None})
    p.fire("job_ends", at=D0 + timedelta(days=30), by=COACH)
    assert ("job_search", None) == (p.state, p.context.employment)
    p.fire("to_work_activity", at=D0 + timedelta(days=31), by=COUNTY)
    assert ("handed_over", sw.WORK_ACTIVITY) == (p.state, p.context.next_service)


# ------------------------------------------------------------------------ W1, W3, W4 work activity

DECISION = {"basis": "710/1982 27 e", "capacity_below_27d": True, "income_mainly_benefits": True}


def activity(**policy: Any) -> Pathway:
    """A work-activity pathway opened on D0."""
    return sw.work_activity_definition(**policy).start("c", at=D0, by=COUNTY)


def test_w1_basis_is_the_old_social_welfare_act() -> None:
    """§27 d and §27 e are sections of 710/1982, not of 1301/2014."""
    assert "710/1982 27 e" == sw.WorkActivityBasis.SWA_710_1982.value
    assert "710/1982" in sw.work_activity_definition().transition("decide").reasons[0].text.en


@pytest.mark.parametrize("missing", ["capacity_below_27d", "income_mainly_benefits"])
def test_w3_target_group(missing: str) -> None:
    """§27 e: capacity too reduced for §27 d work and income mainly from benefits."""
    p = activity()
    assert ("work_activity.not_in_target_group",) == refused(
        p, "decide", D0, **DECISION | {missing: False}
    )
    p.fire("decide", at=D0, by=COUNTY, **DECISION)


def test_w3_work_activity_never_records_a_wage_or_a_contract() -> None:
    """No employment contract at the start; only the work allowance is paid."""
    p = activity()
    p.fire("decide", at=D0, by=COUNTY, **DECISION)
    assert ("work_activity.no_employment_relationship",) == refused(
        p, "begin", D0, setting="open_workplace", employment_contract=True
    )
    p.fire("begin", at=D0, by=COUNTY, setting="open_workplace")
    for kind in ("wage", "expense_allowance"):
        assert ("work_activity.work_allowance_only",) == refused(
            p, "record_payment", D0, kind=kind, amount_cents=1000
        )
    p.fire("record_payment", at=D0, by=COUNTY, kind="work_allowance", amount_cents=1000)
    assert sw.Setting.OPEN_WORKPLACE == p.context.setting
    assert 1 == len(p.context.payments)


@given(st.data())
def test_w3_no_work_activity_run_records_a_wage_or_a_contract(data: st.DataObject) -> None:
    """Property: no work-activity history holds a wage or an employment contract."""
    from pathway_fsm import testing

    run = data.draw(testing.pathways(sw.work_activity_definition(), max_attempts=30))
    for event in run.pathway.history:
        assert not getattr(event.data, "employment_contract", False)
        assert getattr(event.data, "kind", sw.PaymentKind.WORK_ALLOWANCE) is (
            sw.PaymentKind.WORK_ALLOWANCE
        )


def test_w4_disability_services_act_only_secondarily() -> None:
    """Under 675/2023 the §27 d/e services must be found insufficient first (a policy switch)."""
    basis = {"basis": "675/2023"}
    assert ("work_activity.disability_act_secondary",) == refused(activity(), "decide", D0, **basis)
    activity().fire("decide", at=D0, by=COUNTY, **basis | {"section_27_insufficient": True})
    activity(disability_act_secondary=False).fire("decide", at=D0, by=COUNTY, **basis)


# --------------------------------------------------------------------------- W6 competence


COMPETENCE = {
    "competence_id": "paikko:kitchen-hygiene",
    "description": "Works to the kitchen's hygiene standard",
    "recognised_by": "workshop-instructor-7",
}


@pytest.mark.parametrize(
    "definition",
    [
        sw.ktt_definition(),
        sw.work_activity_definition(),
        sw.employment_support_definition(),
        sw.social_rehabilitation_definition(),
    ],
    ids=lambda d: d.name,
)
def test_w6_competence_is_an_event_on_every_path(definition: pf.ProcessDefinition) -> None:
    """Any open step records a recognised competence, dated the event's day when left out."""
    p = definition.start("c", at=D0, by=Actor("x", next(iter(definition.start_spec.roles))))
    p.fire("recognise_competence", at=D0, by=Actor("sp", Role.SERVICE_PROVIDER), **COMPETENCE)
    (recognised,) = p.context.competences
    assert (D0, "paikko:kitchen-hygiene") == (recognised.recognised_on, recognised.competence_id)
    assert "Works" not in repr(recognised)


def test_w6_competence_once_and_not_in_the_future() -> None:
    """The same competence twice is refused; a future date or an empty id is malformed."""
    p = running()
    p.fire("recognise_competence", at=D0, by=COUNTY, **COMPETENCE | {"recognised_on": D0})
    assert ("welfare.competence.already_recognised",) == refused(
        p, "recognise_competence", D0, **COMPETENCE
    )
    for bad, field in (
        ({"recognised_on": D0 + timedelta(days=1)}, "$.data.recognised_on"),
        ({"competence_id": " "}, "$.data.competence_id"),
    ):
        before = snapshot(p)
        with pytest.raises(PathwayDataError) as caught:
            p.fire("recognise_competence", at=D0, by=COUNTY, **COMPETENCE | bad)
        assert field in [path for path, _ in caught.value.errors]
        assert before == snapshot(p)


def test_w6_competence_is_not_recorded_after_an_exit() -> None:
    """A closed path records nothing more."""
    p = drafting()
    p.fire("withdraw", at=D0, by=OFFICE)
    assert ("pathway.wrong_state",) == refused(p, "recognise_competence", D0, **COMPETENCE)


def test_w6_host_recognition_system_through_hooks() -> None:
    """A before-hook may veto an unknown competence; an after-hook hears of the recorded one."""
    known = {"paikko:kitchen-hygiene"}
    sent: list[str] = []
    unknown = pf.ReasonKind("host.unknown_competence", Text("Tuntematon", "Okänd", "Unknown"))

    def check(pathway: Pathway, event: pf.Event) -> pf.Reason | None:
        return None if event.data.competence_id in known else unknown()

    def notify(pathway: Pathway, event: pf.Event) -> None:
        sent.append(event.data.competence_id)

    hooks = (
        pf.Hooks()
        .before(check, trigger="recognise_competence")
        .after(notify, trigger="recognise_competence")
    )
    p = sw.ktt_definition().start("c", at=D0, by=OFFICE, hooks=hooks)
    with pytest.raises(TransitionRefused) as caught:
        p.fire("recognise_competence", at=D0, by=COUNTY, **COMPETENCE | {"competence_id": "x"})
    assert ("host.unknown_competence",) == tuple(r.code for r in caught.value.reasons)
    p.fire("recognise_competence", at=D0, by=COUNTY, **COMPETENCE)
    assert ["paikko:kitchen-hygiene"] == sent


# ---------------------------------------------------------------------- W5 social rehabilitation


def rehabilitation(**policy: Any) -> Pathway:
    """A social-rehabilitation pathway opened on D0."""
    return sw.social_rehabilitation_definition(**policy).start("c", at=D0, by=COUNTY)


def test_w5_rests_on_an_assessment_that_found_the_need() -> None:
    """Social functioning is assessed and a need found before rehabilitation begins."""
    p = rehabilitation()
    assert ("social_rehabilitation.not_assessed",) == refused(p, "begin", D0)
    assert ("social_rehabilitation.no_need",) == refused(p, "begin", D0, functioning_assessed=True)
    p.fire("begin", at=D0, by=COUNTY, functioning_assessed=True, rehabilitation_need=True)
    assert "rehabilitation" == p.state


def test_w5_measures_and_the_youth_measure() -> None:
    """Measures are recorded; the youth measure is for young people unless the policy says so."""
    p = rehabilitation()
    p.fire("begin", at=D0, by=COUNTY, functioning_assessed=True, rehabilitation_need=True)
    p.fire("record_measure", at=D0, by=COUNTY, kind="group_activity")
    assert ("social_rehabilitation.youth_measure_for_young_only",) == refused(
        p, "record_measure", D0, kind="youth_placement_support"
    )
    p.fire("record_measure", at=D0, by=COUNTY, kind="youth_placement_support", young_person=True)
    assert [sw.MeasureKind.GROUP_ACTIVITY, sw.MeasureKind.YOUTH_PLACEMENT_SUPPORT] == [
        kind for _, kind in p.context.measures
    ]
    q = rehabilitation(youth_measure_for_young_only=False)
    q.fire("begin", at=D0, by=COUNTY, functioning_assessed=True, rehabilitation_need=True)
    q.fire("record_measure", at=D0, by=COUNTY, kind="youth_placement_support")
    q.fire("to_ktt", at=D0, by=COUNTY)
    assert ("handed_over", sw.KTT) == (q.state, q.context.next_service)


@pytest.mark.parametrize("definition", SHIPPED[::2] + SHIPPED[3:4], ids=lambda d: d.name)
@given(data=st.data())
def test_w7_context_follows_the_steps_and_the_exit(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """Property: on any run, the step's start day is the last move's day, and an exit's
    day and destination are recorded exactly when the pathway is in a final step."""
    p = data.draw(testing.pathways(definition, max_attempts=12)).pathway
    moved = [e for e in p.history if e.source != e.dest]
    assert moved[-1].at == p.context.step_since
    assert (p.state in definition.finals) == (p.context.exited_on is not None)
    assert (p.state in definition.finals) == (
        (p.context.next_service is None) != (p.context.closure is None)
    )


def test_a2_the_wellbeing_county_organises_the_activity() -> None:
    """A2: the wellbeing services county may act on every trigger while the plan and the
    period run."""
    definition = sw.ktt_definition()
    for spec in definition.transition_specs:
        if {"planned", "in_period"} & set(spec.sources):
            assert Role.WELLBEING_COUNTY in spec.roles, spec.trigger
        if "in_period" in spec.sources:
            assert Role.MUNICIPALITY not in spec.roles, spec.trigger


@pytest.mark.parametrize("support", ["", "  "])
def test_a20_support_and_guidance_are_part_of_every_plan(support: str) -> None:
    """A20: the support and guidance entry is required: a blank one refuses the plan."""
    codes = refused(drafting(), "make_plan", D0, OFFICE, **plan(support=support))
    assert ("ktt.plan.entry_missing",) == codes


def test_d6_who_needs_an_activation_plan_is_a_policy_choice() -> None:
    """D6: the default scope follows Act 189/2001; the reform bill is a second profile."""
    assert "189/2001" == sw.ktt_definition().policy.scope
    reform = sw.ktt_definition(scope="HE 109/2025")
    assert "HE 109/2025" == reform.policy.scope
    assert reform != sw.ktt_definition()
