"""Data for the handover and journey payloads (:mod:`pathway_fsm.handover`,
:mod:`pathway_fsm.journey`), valid about half the time.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies` and :func:`start_data`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .. import handover, journey
from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from ._basics import Payloads, dates

__all__ = ["payload_strategies", "start_data"]

_SERVICES = ["typ", "ktt", "ips", "kemi"]
_HANDOVER_IDS = ["h1", "h2", "h3"]
_RESPONSIBLE = sorted(handover.RESPONSIBLE_ROLES)


def _proposal(from_party: SearchStrategy[Role], *, valid: bool) -> Payloads:
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
def _payloads() -> dict[type[Any], Payloads]:
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


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each handover and journey payload class."""
    return _payloads()


def start_data(definition: ProcessDefinition[Any, Any], role: Role) -> Payloads:
    """Valid start data fired by *role*: a journey's first service or a handover proposal."""
    if definition.start_spec.payload is journey.ServiceEntry:
        return st.fixed_dictionaries(
            {"party": st.just(role), "service": st.sampled_from(_SERVICES[:2])}
        )
    return _proposal(st.just(role), valid=True)
