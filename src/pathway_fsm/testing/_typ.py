"""Data for the TYP payloads (:mod:`pathway_fsm.typ`), valid about half the time.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from .. import typ
from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from ._basics import ALL_ROLES, SOME_ROLES, Payloads, dates

__all__ = ["payload_strategies"]

_AUTHORITIES = sorted(typ.AUTHORITIES)


@cache
def _payloads() -> dict[type[Any], Payloads]:
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
            "made_with": st.just(ALL_ROLES),
            "assessed": st.just(frozenset(typ.AssessmentArea)),
        },
        optional={"report_due": dates(date(2031, 1, 1), date(2035, 12, 31))},
    )
    plan_random = st.fixed_dictionaries(
        {
            "services": st.lists(service, max_size=3),
            "follow_up": st.sampled_from(["", "monthly meeting"]),
            "job_search": st.sampled_from([None, *typ.JobSearch]),
            "made_with": SOME_ROLES,
            "assessed": st.frozensets(st.sampled_from(list(typ.AssessmentArea))),
        },
        optional={"report_due": dates(date(2021, 1, 1), date(2035, 12, 31))},
    )
    parties = st.fixed_dictionaries({"participants": st.one_of(st.just(ALL_ROLES), SOME_ROLES)})
    ending = st.one_of(
        st.fixed_dictionaries(
            {"decided_by": st.just(ALL_ROLES)},
            optional={"next_party": st.sampled_from(list(Role))},
        ).map(lambda d: d if "next_party" in d else {**d, "no_further_service": True}),
        st.fixed_dictionaries(
            {"decided_by": SOME_ROLES},
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


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each TYP payload class."""
    return _payloads()
