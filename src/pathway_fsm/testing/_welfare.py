"""Data for the four social-welfare paths' payloads (:mod:`pathway_fsm.social_welfare`),
valid about half the time.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from .. import social_welfare
from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from ._basics import SOME_ROLES, Payloads, dates

__all__ = ["payload_strategies"]


def _all_or_any(*flags: str) -> st.SearchStrategy[dict[str, Any]]:
    """Every one of *flags* set (the valid data) or any of them, about evenly."""
    return st.one_of(
        st.just(dict.fromkeys(flags, True)),
        st.fixed_dictionaries({}, optional=dict.fromkeys(flags, st.booleans())),
    )


@cache
def _payloads() -> dict[type[Any], Payloads]:
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
            "signed_by": SOME_ROLES,
        },
    )
    day_minutes = st.integers(180, 540)
    # Pathways start in 2020 or later: facts dated before December 2019 are always a
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
        sw.RehabilitationNeed: _all_or_any("functioning_assessed", "rehabilitation_need"),
        sw.Measure: st.fixed_dictionaries(
            {"kind": st.sampled_from(list(sw.MeasureKind))}, optional={"young_person": flag}
        ),
        sw.SupportNeed: _all_or_any("long_term_difficulty", "needs_social_welfare_support"),
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


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each payload class of the four paths."""
    return _payloads()
