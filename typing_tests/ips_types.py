"""Supported employment's concrete types: checked by mypy, never executed.

See ``pathway_types.py`` for how the checks work.
"""

from datetime import date
from typing import assert_type

import pathway_fsm as pf
from pathway_fsm import ips


def concrete(office: pf.Actor, day: date) -> None:
    """The definition and its pathways carry the IPS context and policy types."""
    definition = ips.definition()
    assert_type(definition, pf.ProcessDefinition[ips.IpsContext, ips.IpsPolicy])
    assert_type(
        ips.definition_for(ips.IpsPolicy()), pf.ProcessDefinition[ips.IpsContext, ips.IpsPolicy]
    )
    pathway = definition.start("client-1", at=day, by=office)
    assert_type(pathway, pf.Pathway[ips.IpsContext, ips.IpsPolicy])
    assert_type(pathway.context, ips.IpsContext)
    assert_type(pathway.context.entered_on, date | None)
    assert_type(definition.policy.first_contact_days, int)
    missing: object = pathway.context.no_such_fact  # type: ignore[attr-defined]
    assert_type(missing, object)
    ips.definition_for(pf.typ.TypPolicy())  # type: ignore[arg-type]
    # The policy's keywords are IpsPolicy's fields, with their types.
    ips.definition(first_contact_days=14, roll_forward=True)
    ips.definition(first_contact_day=14)  # type: ignore[call-arg]
    ips.definition(roll_forward="yes")  # type: ignore[arg-type]


def reports(pathway: pf.Pathway[ips.IpsContext, ips.IpsPolicy], day: date) -> None:
    """The reports take an IPS pathway and return their own types."""
    assert_type(ips.fidelity_report(pathway), ips.FidelityReport)
    assert_type(ips.caseload_report([pathway], as_of=day), ips.CaseloadReport)
    assert_type(ips.fidelity_report(pathway).item(9).status, ips.Status)
