"""Data for the supported-employment payloads (:mod:`pathway_fsm.ips`), valid about half
the time.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from .. import ips
from .._engine.definition import ProcessDefinition
from ._basics import Payloads

__all__ = ["payload_strategies"]


@cache
def _payloads() -> dict[type[Any], Payloads]:
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


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each supported-employment payload class."""
    return _payloads()
