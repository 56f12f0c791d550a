"""Data for the Kemi referral payloads (:mod:`pathway_fsm.referral`), valid about half
the time.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies` and :func:`start_data`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from .. import journey, referral
from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from ._basics import Payloads, dates

__all__ = ["payload_strategies", "start_data"]

_REFERRAL_VALID = st.one_of(
    st.just({"employment_authority_client": False}),
    st.just({"employment_authority_client": True, "plan_reference": "plan-1"}),
)


@cache
def _payloads() -> dict[type[Any], Payloads]:
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


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each Kemi payload class."""
    return _payloads()


def start_data(definition: ProcessDefinition[Any, Any], role: Role) -> Payloads:
    """A valid referral, whoever makes it."""
    return _REFERRAL_VALID
