"""The phase path's and the Kemi referral's concrete types: checked by mypy, never executed.

See ``pathway_types.py`` for how the checks work.
"""

from datetime import date
from typing import assert_type

import pathway_fsm as pf
from pathway_fsm import phases, referral, services


def phase_path(office: pf.Actor, day: date) -> None:
    """The phase path's definition, pathway and context are typed by its own classes."""
    definition = phases.definition()
    assert_type(definition, pf.ProcessDefinition[phases.PhaseContext, phases.PhasePolicy])
    assert_type(
        phases.definition_for(phases.PhasePolicy()),
        pf.ProcessDefinition[phases.PhaseContext, phases.PhasePolicy],
    )
    pathway = definition.start("client-1", at=day, by=office)
    assert_type(pathway.context, phases.PhaseContext)
    assert_type(pathway.context.phase, phases.Phase | None)
    assert_type(definition.policy.service_map, services.ServiceMap)
    pathway.context.phase = None  # type: ignore[misc]


def kemi(office: pf.Actor, day: date) -> None:
    """The referral's definition, pathway and context are typed by its own classes."""
    definition = referral.definition()
    assert_type(definition, pf.ProcessDefinition[referral.KemiContext, referral.KemiPolicy])
    assert_type(
        referral.definition_for(referral.KemiPolicy()),
        pf.ProcessDefinition[referral.KemiContext, referral.KemiPolicy],
    )
    pathway = definition.start("client-1", referral.Referral(), at=day, by=office)
    assert_type(pathway.context.admitted_on, date | None)
    assert_type(definition.policy.benefit_days, int)
