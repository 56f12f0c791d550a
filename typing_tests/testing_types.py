"""The testing kit's types: checked by mypy, never executed.

Strategies are ``SearchStrategy`` of what they draw, so a host's ``@given`` arguments
and ``data.draw(...)`` results are typed. See ``pathway_types.py`` for how the checks
work.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, assert_type

from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import services, testing
from pathway_fsm.testing import (
    Attempt,
    PathwayContract,
    PathwayMachine,
    Run,
    actors,
    assert_refused,
    assert_replays,
    assert_round_trip,
    attempts,
    dates,
    needs,
    pathways,
    payloads,
    process_definitions,
    service_maps,
    tampered,
)


def strategies(definition: pf.ProcessDefinition[Any, Any], data: st.DataObject) -> None:
    """Each strategy draws the type it names."""
    assert_type(dates(), st.SearchStrategy[date])
    assert_type(actors([pf.Role.KELA]), st.SearchStrategy[pf.Actor])
    assert_type(needs(), st.SearchStrategy[list[dict[str, Any]]])
    assert_type(payloads(definition, "admit"), st.SearchStrategy[Mapping[str, Any]])
    assert_type(process_definitions(), st.SearchStrategy[pf.ProcessDefinition[Any, Any]])
    assert_type(testing.services(), st.SearchStrategy[services.Service])
    assert_type(service_maps(), st.SearchStrategy[services.ServiceMap])
    assert_type(tampered({}), st.SearchStrategy[Any])

    run = data.draw(pathways(definition, max_attempts=5))
    assert_type(run, Run)
    assert_type(run.pathway, pf.Pathway[Any, Any])
    attempt = data.draw(attempts(definition, state=run.pathway.state))
    assert_type(attempt, Attempt)
    assert_type(attempt.fire(run.pathway), pf.Event)


def contract(pathway: pf.Pathway[Any, Any], office: pf.Actor, day: date) -> None:
    """The contract checks return nothing, except the refusal for further checks."""
    assert_type(assert_round_trip(pathway), None)
    assert_type(assert_replays(pathway), None)
    refusal = assert_refused(pathway, "admit", code="typ.x", at=day, by=office)
    assert_type(refusal, pf.TransitionRefused)
    contract = PathwayContract()
    assert_type(contract.holds(pathway, definition=pathway.definition), None)
    assert_type(
        contract.refused(pathway, "admit", code="typ.x", at=day, by=office), pf.TransitionRefused
    )

    assert_refused(pathway, "admit", "typ.x", at=day, by=office)  # type: ignore[call-arg]
    assert_refused(pathway, "admit", at=day, by=office)  # type: ignore[call-arg]


class HostRules(PathwayMachine):
    """A host's machine sees typed attributes."""

    definition = pf.typ.definition()

    def check(self) -> None:
        assert_type(self.pathway, pf.Pathway[Any, Any])
        assert_type(self.today, date)
        assert_type(self.accepted_events, list[pf.Event])
        assert_type(self.attempt_strategy(), st.SearchStrategy[Attempt])


def registry() -> None:
    """A registry entry is typed by its policy; start data is keyword data."""
    entry = pf.Process("host_typ", "1", pf.typ.TypPolicy, pf.typ.definition_for)
    assert_type(entry, pf.Process[pf.typ.TypPolicy])
    assert_type(entry.definition(), pf.ProcessDefinition[Any, pf.typ.TypPolicy])
    assert_type(pf.register(entry), None)
    assert_type(
        testing.start_data(entry.definition(), pf.Role.KELA), st.SearchStrategy[Mapping[str, Any]]
    )
    pf.Process("x", "1", pf.typ.TypPolicy, pf.phases.definition_for)  # type: ignore[arg-type]
