"""Types a host sees for escorted handovers and journeys: checked by mypy, never executed."""

from datetime import date
from typing import assert_type

import pathway_fsm as pf
from pathway_fsm import handover, journey, social_welfare, typ


def handovers(office: pf.Actor, day: date) -> None:
    """A handover's definition and pathway carry its context and policy types."""
    definition = handover.definition_for(handover.HandoverPolicy())
    assert_type(definition, pf.ProcessDefinition[handover.HandoverContext, handover.HandoverPolicy])
    same = handover.definition(max_gap_days=2)
    assert_type(same, pf.ProcessDefinition[handover.HandoverContext, handover.HandoverPolicy])
    pathway = definition.start("client-1", at=day, by=office, handover_id="h-1")
    assert_type(pathway.context, handover.HandoverContext)
    assert_type(pathway.definition.policy.max_gap_days, int)


def journeys(office: pf.Actor, day: date) -> None:
    """A journey's context is a JourneyContext; a service may be named by its definition."""
    definition = journey.definition(roll_forward=True)
    assert_type(definition, pf.ProcessDefinition[journey.JourneyContext, handover.HandoverPolicy])
    pathway = definition.start("client-1", at=day, by=office, party=office.role, service="typ")
    assert_type(pathway.context.responsible_on(day), tuple[journey.Responsibility, ...])
    assert_type(journey.ServiceEntry(party=office.role, service=typ.definition()).service, str)
    bound = social_welfare.ktt_definition().with_hooks(pf.Hooks())
    assert_type(journey.ServiceClosure(service=bound).service, str)
    journey.ServiceEntry(party=office.role, service=5)  # type: ignore[arg-type]
