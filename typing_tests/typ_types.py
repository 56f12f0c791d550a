"""Types a host sees when it runs TYP: checked by mypy, never executed.

TYP's definition knows its context and policy types, so a pathway's ``context`` is a
:class:`~pathway_fsm.typ.TypContext`, and a trigger's payload class is checked like
any other constructor. Each ``# type: ignore[code]`` marks a misuse mypy must reject.
"""

from datetime import date
from typing import assert_type

import pathway_fsm as pf
from pathway_fsm import typ


def declared(office: pf.Actor, day: date) -> None:
    """The definition, its pathways and their contexts are TYP's own types."""
    definition = typ.definition()
    assert_type(definition, pf.ProcessDefinition[typ.TypContext, typ.TypPolicy])
    assert_type(
        typ.definition(profile="381/2023", roll_forward=True),
        pf.ProcessDefinition[typ.TypContext, typ.TypPolicy],
    )
    assert_type(
        typ.definition_for(typ.TypPolicy(profile="1369/2014")),
        pf.ProcessDefinition[typ.TypContext, typ.TypPolicy],
    )
    assert_type(definition.policy, typ.TypPolicy)
    assert_type(definition.policy.profile, typ.Profile)
    pathway = definition.start("c", at=day, by=office)
    assert_type(pathway, pf.Pathway[typ.TypContext, typ.TypPolicy])
    assert_type(definition.start("c", at=day, by=office).context, typ.TypContext)
    assert_type(pathway.context.started_on, date | None)
    assert_type(pathway.context.closure, typ.Closure | None)
    assert_type(typ.retention_until(pathway.context, definition.policy), date | None)
    bound = definition.with_hooks(None)
    assert_type(bound, pf.BoundDefinition[typ.TypContext, typ.TypPolicy])
    assert_type(bound.start("c", at=day, by=office).context, typ.TypContext)


def payloads(pathway: pf.Pathway[typ.TypContext, typ.TypPolicy], office: pf.Actor) -> None:
    """A trigger's data as one payload value, checked where it is made."""
    day = date(2025, 1, 15)
    facts = typ.EntryFacts(multidisciplinary_need=True, labour_market_subsidy_days=300)
    assert_type(pathway.fire("admit", facts, at=day, by=office), pf.Event)
    assert_type(pathway.check("admit", facts, at=day, by=office), pf.Verdict)
    plan = typ.Plan(
        services=(
            typ.PlannedService(
                name="work trial",
                provider=pf.Role.EMPLOYMENT_AUTHORITY,
                kind=typ.ServiceKind.EMPLOYMENT,
            ),
        ),
        follow_up="monthly",
        job_search=typ.JobSearch.INCLUDED,
        made_with=frozenset({pf.Role.EMPLOYMENT_AUTHORITY, pf.Role.CLIENT}),
        assessed=frozenset(typ.AssessmentArea),
    )
    pathway.fire("make_plan", plan, at=day, by=office)
    pathway.fire("close", typ.Closing(closure=typ.Closure.MOVED_AWAY), at=day, by=office)


def misuse(pathway: pf.Pathway[typ.TypContext, typ.TypPolicy], office: pf.Actor, day: date) -> None:
    """Mistakes mypy must catch before the library's own checks would."""
    # The context has TYP's fields only, and it is frozen.
    _ = typ.definition().start("c", at=day, by=office).context.no_such_field  # type: ignore[attr-defined]
    pathway.context.started_on = day  # type: ignore[misc]
    # A misspelt payload field, and a field of the wrong type.
    typ.EntryFacts(no_such=1)  # type: ignore[call-arg]
    typ.EntryFacts(birth_date="1990-05-01")  # type: ignore[arg-type]
    typ.EntryFacts(True)  # type: ignore[call-arg]
    typ.Closing(closure="moved_away")  # type: ignore[arg-type]
    # The policy's keywords are TypPolicy's fields, with their types.
    typ.definition(profile="2030")  # type: ignore[arg-type]
    typ.definition(plan_due_month=3)  # type: ignore[call-arg]
    typ.TypPolicy(profile="2030")  # type: ignore[arg-type]
    # A policy of another process is not TYP's.
    typ.definition_for(pf.ips.IpsPolicy())  # type: ignore[arg-type]
    # retention_until() takes the pathway's context, not the pathway.
    typ.retention_until(pathway, typ.TypPolicy())  # type: ignore[arg-type]
