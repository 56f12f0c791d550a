"""Hypothesis strategies for testing code built on pathway_fsm.

Needs the ``testing`` extra (``pip install pathway-fsm[testing]``), which brings
``hypothesis``; the library itself does not depend on it. The project's own property
tests use exactly these strategies.

* :func:`dates` — days with month ends and 29 February well represented;
* :func:`actors` — an :class:`~pathway_fsm.Actor` of any (or the given) roles;
* :func:`needs` — a client's assessed needs on the Kohti työtä phases;
* :func:`attempts` — one trigger attempt (trigger, days later, actor, data) for a definition;
* :func:`pathways` — a pathway driven through random attempts, with the attempts made;
* :func:`tampered` — a stored pathway document with one part broken;
* :func:`mutations` — a stored pathway document with one to three meaningful mutations
  (dates shifted, numbers and names changed, events swapped), for
  :func:`assert_restore_matches_live`;
* :func:`paths` — model-based paths through a definition (shortest, every edge, simple),
  each a :class:`Path` whose :meth:`Path.strategy` draws data its guards accept;
* :func:`process_definitions` — any shipped definition;
* :func:`services` and :func:`service_maps` — valid services and municipal service maps;
* :class:`PathwayMachine` — a ``RuleBasedStateMachine`` that drives one pathway of a
  definition with drawn attempts; a host subclasses it and adds ``@invariant()`` methods.

It also re-exports the plain contract assertions of :mod:`pathway_fsm.contract`, which
need no hypothesis and which the ``pathway_contract`` pytest fixture hands out:
:func:`assert_round_trip`, :func:`assert_replays`, :func:`assert_refused`,
:func:`assert_restore_matches_live` and :class:`PathwayContract`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, ClassVar

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
    from hypothesis.strategies import SearchStrategy
except ImportError as missing:  # pragma: no cover - tested in another interpreter
    _msg = (
        "pathway_fsm.testing needs hypothesis: install the testing extra, "
        "pip install 'pathway-fsm[testing]' (the contract checks in pathway_fsm.contract "
        "need no hypothesis)"
    )
    raise ImportError(_msg, name=missing.name) from missing

from . import handover, ips, journey, phases, referral, social_welfare, typ
from . import services as _services
from ._engine.definition import ProcessDefinition
from ._engine.model import Actor, Event, Role
from ._engine.pathway import REF_MAX, Pathway
from ._paths import Path, PathKind, Step, StepData, find_paths
from ._registry import definitions as _definitions
from .contract import (
    PathwayContract,
    _snapshot,
    assert_refused,
    assert_replays,
    assert_restore_matches_live,
    assert_round_trip,
)
from .errors import PathwayDataError, TransitionRefused, require

__all__ = [
    "Attempt",
    "Path",
    "PathwayContract",
    "PathwayMachine",
    "Run",
    "Step",
    "StepData",
    "actors",
    "assert_refused",
    "assert_replays",
    "assert_restore_matches_live",
    "assert_round_trip",
    "attempts",
    "dates",
    "mutations",
    "needs",
    "paths",
    "pathways",
    "payloads",
    "process_definitions",
    "refs",
    "service_maps",
    "services",
    "tampered",
]

_EPOCH = date(2020, 1, 1)

_Payloads = SearchStrategy[Mapping[str, Any]]
"""Keyword data for one trigger."""


def dates(
    min_value: date = date(2000, 1, 1), max_value: date = date(2040, 12, 31)
) -> SearchStrategy[date]:
    """Days between *min_value* and *max_value*, month ends and leap days drawn often."""
    month_ends = st.builds(
        lambda d: (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
        st.dates(min_value, max_value),
    ).filter(lambda d: min_value <= d <= max_value)
    leap_days = st.sampled_from(
        [date(y, 2, 29) for y in range(min_value.year, max_value.year + 1) if y % 4 == 0]
        or [min_value]
    ).filter(lambda d: min_value <= d <= max_value)
    return st.one_of(st.dates(min_value, max_value), month_ends, leap_days)


def actors(roles: Iterable[Role] | None = None) -> SearchStrategy[Actor]:
    """Actors with a short opaque id and one of *roles* (default: every role)."""
    pool = sorted(roles) if roles is not None else list(Role)
    return st.builds(Actor, st.sampled_from(["a1", "a2", "a3"]), st.sampled_from(pool))


_AUTHORITIES = sorted(typ.AUTHORITIES)
_ROLES = frozenset(Role)
_SOME_ROLES = st.frozensets(st.sampled_from(list(Role)))


@cache
def _typ_payloads() -> dict[type[Any], _Payloads]:
    """Data for each TYP payload: a fully valid one or a random one, about evenly."""
    maybe = st.one_of(st.none(), st.booleans())
    entry_valid = st.fixed_dictionaries(
        {
            "multidisciplinary_need": st.just(True),
            "benefits_from_service": st.just(True),
            "labour_market_subsidy_days": st.integers(300, 700),
            "work_capacity_limitations": st.just(True),
            "solvable_by_consultation": st.just(False),
        },
        optional={"consent_to_data": maybe},
    )
    entry_random = st.fixed_dictionaries(
        {},
        optional={
            "multidisciplinary_need": maybe,
            "benefits_from_service": maybe,
            "labour_market_subsidy_days": st.integers(0, 700),
            "birth_date": dates(date(1960, 1, 1), date(2005, 12, 31)),
            "unemployed_since": dates(date(2015, 1, 1), date(2020, 1, 1)),
            "work_capacity_limitations": maybe,
            "life_management_problems": maybe,
            "solvable_by_consultation": maybe,
            "consent_to_data": maybe,
        },
    )
    service = st.fixed_dictionaries(
        {
            "name": st.sampled_from(["kuntoutus", "työkokeilu", "palkkatuki"]),
            "provider": st.sampled_from(_AUTHORITIES),
            "kind": st.sampled_from(list(typ.ServiceKind)),
        }
    )
    plan_valid = st.fixed_dictionaries(
        {
            "services": st.lists(service, min_size=1, max_size=3),
            "follow_up": st.just("monthly meeting"),
            "job_search": st.sampled_from(list(typ.JobSearch)),
            "made_with": st.just(_ROLES),
            "assessed": st.just(frozenset(typ.AssessmentArea)),
        },
        optional={"report_due": dates(date(2031, 1, 1), date(2035, 12, 31))},
    )
    plan_random = st.fixed_dictionaries(
        {
            "services": st.lists(service, max_size=3),
            "follow_up": st.sampled_from(["", "monthly meeting"]),
            "job_search": st.sampled_from([None, *typ.JobSearch]),
            "made_with": _SOME_ROLES,
            "assessed": st.frozensets(st.sampled_from(list(typ.AssessmentArea))),
        },
        optional={"report_due": dates(date(2021, 1, 1), date(2035, 12, 31))},
    )
    parties = st.fixed_dictionaries({"participants": st.one_of(st.just(_ROLES), _SOME_ROLES)})
    ending = st.one_of(
        st.fixed_dictionaries(
            {"decided_by": st.just(_ROLES)},
            optional={"next_party": st.sampled_from(list(Role))},
        ).map(lambda d: d if "next_party" in d else {**d, "no_further_service": True}),
        st.fixed_dictionaries(
            {"decided_by": _SOME_ROLES},
            optional={
                "next_party": st.sampled_from(list(Role)),
                "no_further_service": st.booleans(),
            },
        ),
    )
    return {
        typ.EntryFacts: st.one_of(entry_valid, entry_random),
        typ.Plan: st.one_of(plan_valid, plan_random),
        typ.Review: parties,
        typ.ReviewDecline: st.fixed_dictionaries(
            {"justification": st.sampled_from(["", "reviewed last week"])}
        ),
        typ.FinalAssessment: parties,
        typ.Ending: ending,
        typ.Closing: st.fixed_dictionaries({"closure": st.sampled_from(list(typ.Closure))}),
    }


def needs(*, max_size: int = 4) -> SearchStrategy[list[dict[str, Any]]]:
    """Lists of :class:`~pathway_fsm.phases.Need` data with distinct ids, on any phase."""
    need = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["care", "substance", "capacity", "skills", "job", "money"]),
            "phase": st.sampled_from(list(phases.Phase)),
        },
        optional={"met": st.booleans()},
    )
    return st.lists(need, max_size=max_size, unique_by=lambda n: n["id"])


@cache
def _phase_payloads() -> dict[type[Any], _Payloads]:
    """Data for each phase-path payload: mostly valid, with a few broken values.

    Services are drawn from the typical map, the default definition's; :func:`payloads`
    draws them from the map of the definition at hand (:func:`_service_payloads`).
    """
    assessment = st.fixed_dictionaries(
        {"assessed_on": dates(date(2019, 1, 1), date(2021, 1, 1)), "needs": needs()}
    )
    reason = st.sampled_from([None, "relapse", ""])
    return {
        phases.PhaseMove: st.fixed_dictionaries(
            {"assessment": assessment}, optional={"reason": reason}
        ),
        phases.NeedAssessment: assessment,
        **_service_payloads(_services.typical_map()),
        phases.PhaseClosing: st.fixed_dictionaries(
            {"closure": st.sampled_from(list(phases.PhaseClosure))}
        ),
    }


_NOT_ON_THE_MAP = "not_on_the_map"


@lru_cache(maxsize=16)
def _service_payloads(service_map: _services.ServiceMap) -> dict[type[Any], _Payloads]:
    """``start_service`` and ``end_service`` data for a phase path built with *service_map*.

    Ids come from the map: mostly one service of each phase, the one the most parties
    may refer to, so that a start is often allowed and a service started is often ended
    again; then any of its services, and now and then an id the map does not have (P3).
    """
    ids = [s.id for s in service_map.services]
    widest: list[str] = []
    for phase in phases.Phase:
        on_phase = service_map.on_phase(phase)
        if on_phase:
            best = max(on_phase, key=lambda s: len(s.referrers)).id
            widest.extend([] if best in widest else [best])
    service_id = st.one_of(
        st.sampled_from(widest or [_NOT_ON_THE_MAP]),
        st.sampled_from([*ids, _NOT_ON_THE_MAP]),
    )
    override = st.sampled_from([None, "client's informed choice", ""])
    return {
        phases.ServiceStart: st.fixed_dictionaries(
            {"service_id": service_id},
            optional={"primary": st.booleans(), "override": override},
        ),
        phases.ServiceEnd: st.fixed_dictionaries({"service_id": service_id}),
    }


_SERVICES = ["typ", "ktt", "ips", "kemi"]
_HANDOVER_IDS = ["h1", "h2", "h3"]
_RESPONSIBLE = sorted(handover.RESPONSIBLE_ROLES)


def _proposal(from_party: Any, *, valid: bool) -> Any:
    """Handover proposals; *valid* ones name a receiver and another service."""
    receiver = st.sampled_from(_RESPONSIBLE)
    if valid:
        return st.fixed_dictionaries(
            {
                "handover_id": st.sampled_from(_HANDOVER_IDS),
                "from_party": from_party,
                "from_service": st.sampled_from(_SERVICES[:2]),
                "to_party": receiver,
                "to_service": st.sampled_from(_SERVICES[2:]),
            },
            optional={"respond_by": dates(date(2031, 1, 1), date(2035, 12, 31))},
        )
    return st.fixed_dictionaries(
        {
            "handover_id": st.sampled_from(["", *_HANDOVER_IDS]),
            "from_party": from_party,
            "from_service": st.sampled_from(_SERVICES),
        },
        optional={
            "to_party": st.one_of(st.none(), receiver),
            "to_service": st.sampled_from([None, "", *_SERVICES]),
            "respond_by": st.one_of(st.none(), dates(date(2020, 1, 1), date(2035, 12, 31))),
        },
    )


@cache
def _handover_payloads() -> dict[type[Any], _Payloads]:
    """Data for the handover and journey payloads: valid or random, about evenly."""
    party = st.sampled_from(_RESPONSIBLE)
    ref = st.fixed_dictionaries({"handover_id": st.sampled_from(_HANDOVER_IDS)})
    return {
        journey.ServiceEntry: st.fixed_dictionaries(
            {"party": party, "service": st.sampled_from(["", *_SERVICES])}
        ),
        handover.HandoverProposal: st.one_of(
            _proposal(party, valid=True), _proposal(party, valid=False)
        ),
        handover.Acceptance: st.fixed_dictionaries(
            {"handover_id": st.sampled_from(_HANDOVER_IDS)},
            optional={"starts_on": dates(date(2020, 1, 1), date(2035, 12, 31))},
        ),
        handover.HandoverRef: ref,
        journey.ServiceClosure: st.fixed_dictionaries(
            {"service": st.sampled_from(_SERVICES)},
            optional={"closure": st.one_of(st.none(), st.sampled_from(list(journey.Closure)))},
        ),
        journey.JourneyClosure: st.fixed_dictionaries(
            {"closure": st.sampled_from(list(journey.Closure))}
        ),
    }


_REFERRAL_VALID = st.one_of(
    st.just({"employment_authority_client": False}),
    st.just({"employment_authority_client": True, "plan_reference": "plan-1"}),
)


@cache
def _referral_payloads() -> dict[type[Any], _Payloads]:
    """Data for the Kemi payloads: valid or random, about evenly."""
    maybe = st.one_of(st.none(), st.booleans())
    facts_valid = st.fixed_dictionaries(
        {"benefit_days": st.integers(500, 900)},
        optional={
            "needs_employment_services": maybe,
            "needs_municipal_services": maybe,
            "registered_job_seeker": maybe,
        },
    )
    facts_random = st.fixed_dictionaries(
        {},
        optional={
            "benefit_days": st.integers(-1, 900),
            "unemployed_since": dates(date(2015, 1, 1), date(2035, 12, 31)),
            "risk_of_exclusion": maybe,
            "needs_employment_services": maybe,
            "needs_municipal_services": maybe,
        },
    )
    return {
        referral.Referral: st.one_of(
            _REFERRAL_VALID,
            st.fixed_dictionaries(
                {"employment_authority_client": st.booleans()},
                optional={"plan_reference": st.sampled_from([None, "", "plan-1"])},
            ),
        ),
        referral.TargetFacts: st.one_of(facts_valid, facts_random),
        referral.Refusal: st.fixed_dictionaries(
            {"reason": st.sampled_from(list(referral.DeclineReason))}
        ),
        referral.Leaving: st.fixed_dictionaries(
            {"closure": st.sampled_from(list(journey.Closure))}
        ),
    }


@cache
def _ips_payloads() -> dict[type[Any], _Payloads]:
    """Data for each supported-employment payload: a valid one or a random one, about evenly."""
    coach = st.sampled_from(["coach-1", "coach-2"])
    factors = st.frozensets(st.sampled_from(list(ips.ExclusionFactor)), max_size=3)
    words = st.lists(st.sampled_from(["kitchen", "driving", "care", "punctual"]), max_size=2)
    employer = st.sampled_from(["emp-1", "emp-2", "emp-3"])
    competitive = {
        "employment_contract": True,
        "going_wage": True,
        "open_to_anyone": True,
        "sheltered": False,
        "reserved_for_disabled": False,
        "work_activity": False,
        "work_trial": False,
    }
    maybe = st.one_of(st.none(), st.booleans())
    placement_random = st.fixed_dictionaries(
        {"employer_id": employer}, optional=dict.fromkeys(competitive, maybe)
    )
    placement_valid = st.fixed_dictionaries(
        {"employer_id": employer, **{key: st.just(value) for key, value in competitive.items()}}
    )
    return {
        ips.Entry: st.fixed_dictionaries(
            {"coach_id": coach, "wants_work": st.one_of(st.just(True), maybe)},
            optional={"noted": factors},
        ),
        ips.VocationalProfile: st.one_of(
            st.fixed_dictionaries(
                {"wishes": st.just(["warehouse work"]), "skills": st.just(["forklift"])},
                optional={"strengths": words},
            ),
            st.fixed_dictionaries(
                {}, optional={"wishes": words, "skills": words, "strengths": words}
            ),
        ),
        ips.EmployerContact: st.fixed_dictionaries(
            {"employer_id": employer},
            optional={"face_to_face": st.booleans(), "competitive_job": st.booleans()},
        ),
        ips.Placement: st.one_of(placement_valid, placement_random),
        ips.EmployerAgreement: st.fixed_dictionaries(
            {"support": st.sampled_from(["weekly check-in", ""])}
        ),
        ips.SupportContact: st.fixed_dictionaries({}, optional={"in_person": st.booleans()}),
        ips.BenefitsCounselling: st.fixed_dictionaries(
            {}, optional={"personalised": st.booleans()}
        ),
        ips.DisclosureDiscussion: st.fixed_dictionaries({"client_discloses": st.booleans()}),
        ips.CoachAssignment: st.fixed_dictionaries({"coach_id": coach}),
        ips.JobEnd: st.fixed_dictionaries({"reason": st.sampled_from(list(ips.JobEndReason))}),
        ips.IpsClosing: st.fixed_dictionaries(
            {"closure": st.sampled_from(list(ips.IpsClosure))},
            optional={"client_agreed": st.booleans()},
        ),
    }


@cache
def _welfare_payloads() -> dict[type[Any], _Payloads]:
    """Data for each social-welfare path payload: valid or random, about evenly."""
    sw = social_welfare
    flag = st.booleans()
    eligible = st.fixed_dictionaries(
        {
            "benefit": st.just("labour_market_subsidy"),
            "birth_date": st.just(date(1980, 5, 17)),
            "employment_plan": st.just(True),
            "subsidy_days": st.integers(500, 900),
        }
    )
    facts = st.fixed_dictionaries(
        {"benefit": st.sampled_from(list(sw.Benefit))},
        optional={
            "birth_date": dates(date(1960, 1, 1), date(2005, 12, 31)),
            "employment_plan": flag,
            "subsidy_days_last_12_months": st.integers(0, 400),
            "social_assistance_months": st.integers(0, 30),
            "subsidy_days": st.integers(0, 900),
            "unemployment_allowance_exhausted": flag,
            "requested": flag,
            "heard": flag,
            "interviewed": flag,
            "work_hours_per_week": st.integers(0, 20),
        },
    )
    far = dates(date(2041, 1, 1), date(2045, 12, 31))
    plan_valid = st.fixed_dictionaries(
        {
            "route": st.sampled_from(["thresholds", "multidisciplinary_plan"]),
            "eligibility": eligible,
            "goal": st.just("routine"),
            "description": st.just("woodwork"),
            "place": st.just("workshop"),
            "support": st.just("instructor"),
            "days_per_week": st.integers(1, 4),
            "minutes_per_day": st.integers(240, 480),
            "start_date": dates(date(2021, 1, 1), date(2040, 12, 31)),
            "period_months": st.integers(3, 24),
            "other_services": st.just(()),
            "evaluate_by": far,
            "work_and_services_examined": st.just(True),
            "benefits_explained": st.just(True),
            "signed_by": st.just(
                frozenset({Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.CLIENT})
            ),
        }
    )
    plan_random = st.fixed_dictionaries(
        {"route": st.sampled_from(list(sw.Route)), "eligibility": facts},
        optional={
            "goal": st.sampled_from(["", "routine"]),
            "description": st.sampled_from(["", " ", "woodwork"]),
            "days_per_week": st.integers(0, 6),
            "minutes_per_day": st.integers(0, 600),
            "period_months": st.integers(0, 30),
            "evaluate_by": far,
            "within_commuting_area": flag,
            "work_and_services_examined": flag,
            "benefits_explained": flag,
            "signed_by": _SOME_ROLES,
        },
    )
    day_minutes = st.integers(180, 540)
    # Pathways start in 2020 (_EPOCH): facts dated before December 2019 are always a
    # month old, so the valid draws pass A16 and A17 whenever the exit is offered.
    before = dates(date(2015, 1, 1), date(2019, 11, 30))
    anytime = dates(date(2015, 1, 1), date(2040, 12, 31))
    return {
        sw.ActivationPlan: st.one_of(plan_valid, plan_valid, plan_valid, plan_random),
        sw.PeriodStart: st.fixed_dictionaries({}, optional={"employment_contract": flag}),
        sw.Attendance: st.fixed_dictionaries({"minutes": day_minutes}),
        sw.Interruption: st.one_of(
            st.fixed_dictionaries({"started_on": before, "heard": st.just(True)}),
            st.fixed_dictionaries({"started_on": anytime}, optional={"heard": flag}),
        ),
        sw.EmploymentCondition: st.one_of(
            st.fixed_dictionaries({"met_on": before}),
            st.fixed_dictionaries({}, optional={"met_on": st.one_of(st.none(), anytime)}),
        ),
        sw.Payment: st.fixed_dictionaries(
            {"kind": st.sampled_from(list(sw.PaymentKind)), "amount_cents": st.integers(0, 900)}
        ),
        sw.Competence: st.fixed_dictionaries(
            {
                "competence_id": st.sampled_from(["c1", "c2", "c3"]),
                "description": st.just("cooking"),
                "recognised_by": st.just("paikko"),
            }
        ),
        sw.WorkActivityDecision: st.one_of(
            st.just(
                {
                    "basis": sw.WorkActivityBasis.SWA_710_1982,
                    "capacity_below_27d": True,
                    "income_mainly_benefits": True,
                }
            ),
            st.fixed_dictionaries(
                {"basis": st.sampled_from(list(sw.WorkActivityBasis))},
                optional={
                    "capacity_below_27d": flag,
                    "income_mainly_benefits": flag,
                    "section_27_insufficient": flag,
                },
            ),
        ),
        sw.WorkActivityTerms: st.fixed_dictionaries(
            {"setting": st.sampled_from(list(sw.Setting))},
            optional={"employment_contract": st.sampled_from([False, False, True])},
        ),
        sw.RehabilitationNeed: st.one_of(
            st.just({"functioning_assessed": True, "rehabilitation_need": True}),
            st.fixed_dictionaries(
                {}, optional={"functioning_assessed": flag, "rehabilitation_need": flag}
            ),
        ),
        sw.Measure: st.fixed_dictionaries(
            {"kind": st.sampled_from(list(sw.MeasureKind))}, optional={"young_person": flag}
        ),
        sw.SupportNeed: st.one_of(
            st.just({"long_term_difficulty": True, "needs_social_welfare_support": True}),
            st.fixed_dictionaries(
                {},
                optional={"long_term_difficulty": flag, "needs_social_welfare_support": flag},
            ),
        ),
        sw.Employment: st.one_of(
            st.just(
                {"employment_contract": True, "collective_agreement_pay": True, "job_coach": "c"}
            ),
            st.fixed_dictionaries(
                {},
                optional={
                    "employment_contract": flag,
                    "collective_agreement_pay": flag,
                    "job_coach": st.sampled_from([None, "", "coach-1"]),
                },
            ),
        ),
    }


def _start_data(definition: ProcessDefinition[Any, Any], role: Role) -> Any:
    """Valid data for the start trigger of a shipped definition, fired by *role*."""
    kind = definition.start_spec.payload
    if kind is journey.ServiceEntry:
        return st.fixed_dictionaries(
            {"party": st.just(role), "service": st.sampled_from(_SERVICES[:2])}
        )
    if kind is handover.HandoverProposal:
        return _proposal(st.just(role), valid=True)
    if kind is referral.Referral:
        return _REFERRAL_VALID
    return st.just({})


def payloads(definition: ProcessDefinition[Any, Any], trigger: str) -> _Payloads:
    """Keyword data for *trigger* of *definition*: valid about half the time.

    A phase path's ``start_service`` and ``end_service`` name services of its own
    service map, and now and then one that is not on it.

    Payload types without a registered strategy fall back to ``st.builds`` of the type,
    unstructured to plain data.
    """
    require(definition, ProcessDefinition, "definition")
    kind = definition.transition(trigger).payload
    if kind is None:
        return st.just({})
    known = {
        **_typ_payloads(),
        **_phase_payloads(),
        **_handover_payloads(),
        **_referral_payloads(),
        **_ips_payloads(),
        **_welfare_payloads(),
    }
    policy = definition.policy
    if kind in (phases.ServiceStart, phases.ServiceEnd) and isinstance(policy, phases.PhasePolicy):
        return _service_payloads(policy.service_map)[kind]
    if kind in known:
        return known[kind]
    return st.builds(kind).map(attrs.asdict)  # pragma: no cover - for host definitions


@attrs.frozen
class Attempt:
    """One try at a trigger: *days* after the previous event, by *actor*, with *data*,
    and the event's audit metadata (*recorded_by*, *ref*) when drawn."""

    trigger: str
    days: int
    actor: Actor
    data: Mapping[str, Any]
    recorded_by: Actor | None = None
    ref: str | None = None

    def fire(self, pathway: Pathway[Any, Any]) -> Event:
        """Fire this attempt on *pathway*; the date is relative to its latest event."""
        at = pathway.history[-1].at + timedelta(days=self.days)
        return pathway.fire(
            self.trigger,
            at=at,
            by=self.actor,
            recorded_by=self.recorded_by,
            ref=self.ref,
            **self.data,
        )


def refs() -> SearchStrategy[str]:
    """Host references as ``fire(..., ref=...)`` takes them: short ids, and the longest."""
    return st.one_of(
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9:/._-]{0,23}", fullmatch=True),
        st.just("r" * REF_MAX),
    )


_recorders = st.one_of(st.none(), st.none(), actors())
_refs = st.one_of(st.none(), st.none(), refs())


def attempts(
    definition: ProcessDefinition[Any, Any], *, state: str | None = None, backdating: bool = True
) -> SearchStrategy[Attempt]:
    """Attempts at the non-start triggers of *definition*, mostly by an allowed role.

    Given the current *state*, most attempts are at triggers that leave it, and those
    that end the pathway are drawn less often, so runs get deep into the process. With
    *backdating*, a few attempts are dated before the previous event.
    """
    require(definition, ProcessDefinition, "definition")
    specs = [s for s in definition.transition_specs if s.sources]
    finals = set(definition.finals)
    leaving = [
        spec
        for spec in specs
        if state in spec.sources
        for _ in range(1 if spec.dest in finals else 4)
    ]
    choice = st.sampled_from(leaving) if leaving else st.nothing()
    trigger = st.one_of(choice, choice, choice, st.sampled_from(specs))
    days = st.integers(-3 if backdating else 0, 120)

    @st.composite
    def attempt(draw: Callable[[Any], Any]) -> Attempt:
        spec = draw(trigger)
        roles = draw(st.sampled_from([sorted(spec.roles), list(Role)]))
        return Attempt(
            spec.trigger,
            draw(days),
            draw(actors(roles)),
            draw(payloads(definition, spec.trigger)),
            draw(_recorders),
            draw(_refs),
        )

    return attempt()


@attrs.frozen
class Run:
    """A pathway and the attempts made on it, each with whether it was accepted."""

    pathway: Pathway[Any, Any]
    attempts: tuple[tuple[Attempt, bool], ...]


def pathways(
    definition: ProcessDefinition[Any, Any], *, max_attempts: int = 25, start: date | None = None
) -> SearchStrategy[Run]:
    """:class:`Run`\\s: a pathway started on a drawn day and driven by drawn attempts.

    The start trigger gets valid data for the drawn actor's role when the definition is
    shipped (a journey's first service, a handover proposal, a Kemi referral).

    Refused attempts (and attempts with malformed data) are kept in the run but leave
    the pathway as it was.
    """

    @st.composite
    def run(draw: Callable[[Any], Any]) -> Run:
        first = start or draw(dates(date(2021, 1, 1), date(2030, 12, 31)))
        spec = definition.start_spec
        actor = draw(actors(sorted(spec.roles)))
        data = draw(_start_data(definition, actor.role))
        pathway = definition.start("client-x", at=first, by=actor, **data)
        made: list[tuple[Attempt, bool]] = []
        for _ in range(draw(st.integers(0, max_attempts))):
            attempt = draw(attempts(definition, state=pathway.state))
            try:
                attempt.fire(pathway)
            except (TransitionRefused, PathwayDataError):
                made.append((attempt, False))
            else:
                made.append((attempt, True))
        return Run(pathway, tuple(made))

    return run()


def _json_leaf() -> Any:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 1000),
        st.text(max_size=12),
        st.sampled_from(["2025-02-29", "2024-02-29", "tunnista", "admit", "kela", "1"]),
    )


def tampered(document: Mapping[str, Any]) -> SearchStrategy[Any]:
    """Copies of a stored pathway *document* with one value replaced, removed or added."""

    def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        found = [prefix]
        if isinstance(value, Mapping):
            for key, item in value.items():
                found.extend(paths(item, (*prefix, key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found.extend(paths(item, (*prefix, index)))
        return found

    def copy(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: copy(v) for k, v in value.items()}
        if isinstance(value, list):
            return [copy(v) for v in value]
        return value

    def change(where: tuple[Any, ...], how: str, leaf: Any) -> Any:
        doc = copy(document)
        if not where:
            return leaf
        parent = doc
        for key in where[:-1]:
            parent = parent[key]
        last = where[-1]
        if how == "drop":
            del parent[last]
        elif how == "add" and isinstance(parent, dict):
            parent["unexpected"] = leaf
        elif how == "add":
            parent.append(leaf)
        else:
            parent[last] = leaf
        return doc

    leaf = st.recursive(
        _json_leaf(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=5,
    )
    return st.builds(
        change,
        st.sampled_from(paths(document)),
        st.sampled_from(["replace", "drop", "add"]),
        leaf,
    )


def _json_copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_copy(v) for v in value]
    return value


def _walk(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in a JSON document, the root first."""
    found = [(prefix, value)]
    if isinstance(value, Mapping):
        for key, item in value.items():
            found.extend(_walk(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_walk(item, (*prefix, index)))
    return found


def _iso_day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


_STRINGS = ["", " ", "x", "2025-W02-1", "20250106", "9899-12-31", "1900-01-01", "kela"]
_INTS = [0, -1, 1, 2, 7, 24, 179, 300, 10**9, -(10**9)]
_DAY_SHIFTS = [-400, -31, -1, 1, 28, 31, 365, 366]


def _mutate(document: Mapping[str, Any], names: list[str], draw: Callable[[Any], Any]) -> Any:
    """One mutation of a stored document, chosen by *draw*; see :func:`mutations`."""
    doc = _json_copy(document)
    history = doc.get("history") if isinstance(doc, dict) else None
    ops = ["value", "drop", "add", "date", "number", "string", "flag", "name", "list"]
    if isinstance(history, list) and len(history) > 1:
        ops += ["swap", "duplicate", "remove", "copy_data"]
    dated = _dated_data(history)
    if dated:
        ops += ["near_event", "near_event"]
    op = draw(st.sampled_from(ops))
    if op == "near_event":
        # A date in an event's data moved next to the event's own day: where data checks
        # such as "not after the event" or "not before the event" have their boundary.
        event, data, key = draw(st.sampled_from(dated))
        day = _iso_day(event.get("at"))
        if day is not None:
            data[key] = (day + timedelta(days=draw(st.sampled_from([-1, 0, 1])))).isoformat()
        return doc
    if op in ("swap", "duplicate", "remove", "copy_data"):
        assert isinstance(history, list)
        i = draw(st.integers(0, len(history) - 1))
        j = draw(st.integers(0, len(history) - 1))
        if op == "swap":
            history[i], history[j] = history[j], history[i]
        elif op == "duplicate":
            history.insert(j, _json_copy(history[i]))
        elif op == "remove":
            del history[i]
        elif isinstance(history[i], dict) and isinstance(history[j], dict):
            history[j]["data"] = _json_copy(history[i].get("data"))
        return doc
    wanted: dict[str, Callable[[Any], bool]] = {
        "value": lambda v: True,
        "drop": lambda v: True,
        "add": lambda v: isinstance(v, (dict, list)),
        "date": lambda v: _iso_day(v) is not None,
        "number": lambda v: type(v) is int,
        "string": lambda v: isinstance(v, str),
        "flag": lambda v: type(v) is bool,
        "name": lambda v: isinstance(v, str),
        "list": lambda v: isinstance(v, list) and bool(v),
    }
    found = [(path, value) for path, value in _walk(doc) if wanted[op](value)]
    if not found:
        return doc
    # Three times in four the value is taken from the history, so a large stored policy
    # (a municipality's service map, say) does not draw most mutations away from events.
    in_history = [(path, value) for path, value in found if path[:1] == ("history",)]
    if in_history and draw(st.integers(0, 3)):
        found = in_history
    path, value = draw(st.sampled_from(found))
    if op == "drop" and not path:
        return None
    replacement: Any
    if op == "value":
        replacement = draw(_json_leaf())
    elif op == "date":
        day = _iso_day(value)
        assert day is not None
        replacement = (day + timedelta(days=draw(st.sampled_from(_DAY_SHIFTS)))).isoformat()
    elif op == "number":
        replacement = draw(
            st.one_of(
                st.sampled_from(_INTS),
                st.just(value + 1),
                st.just(value - 1),
                st.just(str(value)),
                st.just(bool(value)),
                st.just(float(value)),
            )
        )
    elif op == "string":
        replacement = draw(st.sampled_from([*_STRINGS, value.strip(), value + " ", value.upper()]))
    elif op == "flag":
        replacement = draw(st.sampled_from([not value, None, 0, 1, str(value).lower()]))
    elif op == "name":
        replacement = draw(st.sampled_from(names or ["x"]))
    elif op == "list":
        how = draw(st.sampled_from(["empty", "duplicate", "drop", "reverse"]))
        replacement = {
            "empty": [],
            "duplicate": [*value, value[0]],
            "drop": value[1:],
            "reverse": value[::-1],
        }[how]
    elif op == "add":
        leaf = draw(_json_leaf())
        if isinstance(value, dict):
            value["unexpected"] = leaf
        else:
            value.append(leaf)
        return doc
    if op == "drop":
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
        return doc
    if not path:
        return replacement
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = replacement
    return doc


def _dated_data(history: Any) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Each (event, mapping, key) where a mapping in an event's data holds a date."""
    found: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    if not isinstance(history, list):
        return found
    for event in history:
        if not isinstance(event, dict):
            continue
        for _, value in _walk(event.get("data")):
            if isinstance(value, dict):
                found.extend(
                    (event, value, key) for key, item in value.items() if _iso_day(item) is not None
                )
    return found


def _document_names(doc: Any, definition: ProcessDefinition[Any, Any] | None) -> list[str]:
    """The state, trigger and role names of the document's definition, for swapping in."""
    names = [role.value for role in Role]
    if definition is None:
        stored = doc.get("definition") if isinstance(doc, Mapping) else None
        name = stored.get("name") if isinstance(stored, Mapping) else None
        definition = _definitions().get(name) if isinstance(name, str) else None
    if definition is not None:
        names += [*definition.states, *definition.triggers]
    return names


def mutations(
    document: Mapping[str, Any],
    *,
    definition: ProcessDefinition[Any, Any] | None = None,
    max_mutations: int = 3,
) -> SearchStrategy[Any]:
    """Copies of a stored pathway *document* with one to *max_mutations* mutations.

    Each mutation is one of: replace any value with another JSON value; drop or add a
    key or item; shift a date by a day, a month or a year (month ends and leap days
    included); change a number (to 0, negative, huge, ±1, or another type); change a
    string (blank, padded, a week date) or a boolean; move a date in an event's data to
    the day before, of or after the event; swap in another state, trigger or
    role name of the same definition; empty, shorten, reverse or duplicate a list; and
    swap, duplicate or remove events, or copy one event's data onto another. Use it
    with :func:`~pathway_fsm.contract.assert_restore_matches_live`: whatever
    ``from_dict`` accepts must be what the live API would have built. The state,
    trigger and role names come from *definition* (by default, the shipped definition
    the document names).
    """
    names = _document_names(document, definition)

    @st.composite
    def mutated(draw: Callable[[Any], Any]) -> Any:
        doc: Any = document
        for _ in range(draw(st.integers(1, max_mutations))):
            if not isinstance(doc, dict):
                break
            doc = _mutate(doc, names, draw)
        return doc

    # A mutation may happen to give back an equal document (a swap of equal events, the
    # same value drawn again); those are no test of anything.
    return mutated().filter(lambda doc: doc != document)


# --------------------------------------------------------------------------- paths


def paths(
    definition: ProcessDefinition[Any, Any],
    *,
    kind: PathKind = "shortest",
    max_length: int | None = None,
) -> Iterator[Path]:
    """Model-based paths through *definition*'s declared edges, each from its start trigger.

    ``"shortest"``: the shortest path to every state. ``"edges"``: a path for every
    edge (the shortest path to its source, then the edge), leaving out paths that
    another one continues. ``"simple"``: every path that visits no state twice. Paths
    longer than *max_length* steps (the start included) are left out. Draw data for a
    path with :meth:`Path.strategy` and run it with :meth:`Path.play`.

    Raises:
        PathwayDataError: *definition*, *kind* or *max_length* is not valid.
    """
    return find_paths(definition, kind=kind, max_length=max_length)


# --------------------------------------------------------------------------- definitions


def process_definitions() -> SearchStrategy[ProcessDefinition[Any, Any]]:
    """Any shipped definition under its default policy, shrinking towards the first by name."""
    shipped = _definitions()
    return st.sampled_from([shipped[name] for name in sorted(shipped)])


# --------------------------------------------------------------------------- service maps

_MUNICIPALITIES = ["Kemi", "Tampere", "Oulu", "Vantaa"]


def services(*, edited: bool = True) -> SearchStrategy[_services.Service]:
    """Valid :class:`~pathway_fsm.services.Service`\\s based on :func:`typical_services`.

    With *edited*, a drawn service may span other phases, have another provider or other
    referrers than its typical placement, as a municipality might decide; every value
    stays valid (a non-empty id, every name filled in, at least one phase and referrer).
    """
    typical = st.sampled_from(_services.typical_services())
    if not edited:
        return typical
    some_phases = st.frozensets(st.sampled_from(list(phases.Phase)), min_size=1)
    some_roles = st.frozensets(st.sampled_from(list(Role)), min_size=1)

    @st.composite
    def service(draw: Callable[[Any], Any]) -> _services.Service:
        base: _services.Service = draw(typical)
        if not draw(st.booleans()):
            return base
        return attrs.evolve(
            base,
            phases=draw(st.one_of(st.just(base.phases), some_phases)),
            provider=draw(st.one_of(st.just(base.provider), st.sampled_from(list(Role)))),
            referrers=draw(st.one_of(st.just(base.referrers), some_roles)),
        )

    return service()


def service_maps(
    *, min_size: int = 1, max_size: int | None = None, edited: bool = True
) -> SearchStrategy[_services.ServiceMap]:
    """Valid :class:`~pathway_fsm.services.ServiceMap`\\s: a subset of the typical services
    in any order, each possibly *edited* (see :func:`services`), ids unique.

    Maps may leave phases empty or services with gaps: :func:`~pathway_fsm.services.check_map`
    reports those; they are still maps a municipality can store.
    """
    return st.builds(
        _services.ServiceMap,
        municipality=st.sampled_from(_MUNICIPALITIES),
        services=st.lists(
            services(edited=edited), min_size=min_size, max_size=max_size, unique_by=_service_id
        ).map(tuple),
    )


def _service_id(service: _services.Service) -> str:
    return service.id


# --------------------------------------------------------------------------- stateful base


class PathwayMachine(RuleBasedStateMachine):
    """A hypothesis state machine over one pathway of :attr:`definition`.

    It starts a pathway (with valid start data), then fires drawn :func:`attempts` at it,
    refused ones included, while the host's clock (:attr:`today`) moves on. After every
    step it checks that a refused attempt changed nothing and that replaying the history
    rebuilds the live pathway. A host subclasses it, names its definition and adds
    ``@invariant()`` methods over :attr:`pathway`; pytest runs the machine's ``TestCase``:

        from hypothesis import settings
        from hypothesis.stateful import invariant

        from pathway_fsm import typ
        from pathway_fsm.testing import PathwayMachine

        @settings(stateful_step_count=20)
        class OurTypRules(PathwayMachine):
            definition = typ.definition()

            @invariant()
            def ended_pathways_keep_their_closure(self) -> None:
                if self.pathway.state == "ended":
                    assert self.pathway.context.closure is not None

        TestOurTypRules = OurTypRules.TestCase

    Override :meth:`start` (e.g. to attach the host's hooks), :meth:`attempt_strategy`
    (e.g. no backdating), and :meth:`accepted` / :meth:`refused` to record the host's
    own bookkeeping; call ``super()`` where the base does work.

    Attributes:
        definition: the process to drive; set it on the subclass.
        pathway: the live pathway (set by the first step).
        accepted_events: the events of accepted attempts, in order.
        refusals: each refused attempt with the error it raised.
    """

    definition: ClassVar[ProcessDefinition[Any, Any] | None] = None
    client_id: ClassVar[str] = "client-x"

    def __init__(self) -> None:
        super().__init__()
        self.pathway: Pathway[Any, Any]
        self.accepted_events: list[Event] = []
        self.refusals: list[tuple[Attempt, Exception]] = []
        self._clock: date | None = None
        self._unchanged_by_refusal = True

    # ------------------------------------------------------------------ for hosts

    def get_definition(self) -> ProcessDefinition[Any, Any]:
        """The definition to drive: :attr:`definition` unless overridden."""
        definition = type(self).definition
        if definition is None:
            msg = f"{type(self).__name__} must set `definition` or override get_definition()"
            raise TypeError(msg)
        return definition

    def start(self, data: st.DataObject) -> Pathway[Any, Any]:
        """Start the pathway: a drawn day, an allowed actor and valid start data."""
        drawn: Run = data.draw(pathways(self.get_definition(), max_attempts=0), label="start")
        return drawn.pathway

    def attempt_strategy(self) -> SearchStrategy[Attempt]:
        """Attempts for the current state: :func:`attempts` unless overridden."""
        return attempts(self.get_definition(), state=self.pathway.state)

    def accepted(self, attempt: Attempt, event: Event) -> None:
        """Called after an attempt was accepted and recorded as *event*."""

    def refused(self, attempt: Attempt, error: Exception) -> None:
        """Called after an attempt was refused (or its data was malformed)."""

    @property
    def today(self) -> date:
        """The host's clock: never before the pathway's latest event."""
        latest = self.pathway.history[-1].at
        return latest if self._clock is None or self._clock < latest else self._clock

    # ------------------------------------------------------------------ steps

    @initialize(data=st.data())
    def start_pathway(self, data: st.DataObject) -> None:
        """Start the one pathway the machine drives."""
        self.pathway = self.start(data)

    @rule(data=st.data())
    def fire_attempt(self, data: st.DataObject) -> None:
        """Fire a drawn attempt; a refusal must leave the pathway as it was."""
        attempt: Attempt = data.draw(self.attempt_strategy(), label="attempt")
        before = _snapshot(self.pathway)
        try:
            event = attempt.fire(self.pathway)
        except (TransitionRefused, PathwayDataError) as error:
            self._unchanged_by_refusal = before == _snapshot(self.pathway)
            self.refusals.append((attempt, error))
            self.refused(attempt, error)
        else:
            self.accepted_events.append(event)
            self.accepted(attempt, event)

    @rule(days=st.integers(0, 120))
    def time_passes(self, days: int) -> None:
        """The host's clock moves on by *days*."""
        self._clock = self.today + timedelta(days=days)

    # ------------------------------------------------------------------ invariants

    @invariant()
    def refusal_changed_nothing(self) -> None:
        """A refused attempt left state, context, history and stored form as they were."""
        assert self._unchanged_by_refusal, "a refused attempt changed the pathway"

    @invariant()
    def replay_equals_live_pathway(self) -> None:
        """Replaying the history rebuilds a pathway equal to the live one."""
        assert_replays(self.pathway)
