"""The testing kit: its strategies give valid inputs, and its state machine base runs
the project's own processes with a host's invariants on top."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, run_state_machine_as_test

import pathway_fsm as pf
from pathway_fsm import phases, services, typ
from pathway_fsm.testing import (
    Attempt,
    PathwayMachine,
    pathways,
    process_definitions,
    service_maps,
)

REACHED: dict[str, set[str]] = {"typ": set(), "phases": set()}
"""States each machine below reached over the whole run, to see that it gets deep."""

_steps = settings(stateful_step_count=20)


@_steps
class TypMachine(PathwayMachine):
    """TYP under its default policy, with two rules a host might hold."""

    definition = typ.definition()

    def accepted(self, attempt: Attempt, event: pf.Event) -> None:
        REACHED["typ"].add(event.dest)

    @invariant()
    def ended_exactly_when_an_end_day_is_recorded(self) -> None:
        """The pathway is ended exactly when its context has an end day."""
        assert (self.pathway.state == "ended") == (self.pathway.context.ended_on is not None)

    @invariant()
    def planning_has_a_plan_deadline(self) -> None:
        """While planning, the plan is due, and overdue only after its due day."""
        if self.pathway.state != "suunnittele":
            return
        (due,) = [d for d in self.pathway.deadlines(at=self.today) if d.code == "typ.plan_due"]
        assert due.overdue == (self.today > due.due)


@_steps
class PhaseMachine(PathwayMachine):
    """The Kohti työtä phase path: a client on a phase knows since when."""

    definition = phases.definition()

    def accepted(self, attempt: Attempt, event: pf.Event) -> None:
        REACHED["phases"].add(event.dest)

    @invariant()
    def a_phase_has_a_start_day(self) -> None:
        """A client placed on a phase has the day they entered it, not after today."""
        context = self.pathway.context
        if context.phase is not None:
            assert context.phase_since is not None
            assert context.phase_since <= self.today


TestTypMachine = TypMachine.TestCase
TestPhaseMachine = PhaseMachine.TestCase


@pytest.mark.parametrize(
    ("machine", "name", "least"),
    [
        (TypMachine, "typ", {"suunnittele", "valmenna", "ended"}),
        (PhaseMachine, "phases", {"phase_1"}),
    ],
)
def test_machines_got_past_the_start(
    machine: type[PathwayMachine], name: str, least: set[str]
) -> None:
    """Under the derandomized CI profile, each machine above accepts steps deep in.

    It runs the machine here, so the check does not depend on which worker ran the
    machine's own test case.
    """
    if not settings.default.derandomize:  # a random profile may stay shallow
        return
    REACHED[name] = set()
    run_state_machine_as_test(machine)
    assert least <= REACHED[name], REACHED


def test_a_broken_host_rule_is_caught() -> None:
    """A host invariant that does not hold fails the run (not shrunk here, to stay quick)."""

    class NeverEnds(PathwayMachine):
        definition = typ.definition()

        @invariant()
        def never_leaves_tunnista(self) -> None:
            assert self.pathway.state == "tunnista"

    with pytest.raises(AssertionError):
        run_state_machine_as_test(
            NeverEnds,
            settings=settings(
                max_examples=50,
                stateful_step_count=20,
                database=None,
                phases=[Phase.generate],
                report_multiple_bugs=False,
            ),
        )


def test_machine_without_a_definition_says_so() -> None:
    """Forgetting the definition is a clear TypeError, not an AttributeError deep inside."""

    class Forgot(PathwayMachine):
        pass

    with pytest.raises(TypeError, match="definition"):
        Forgot().get_definition()


@given(service_maps())
def test_service_maps_are_valid_and_round_trip(service_map: services.ServiceMap) -> None:
    """Drawn maps have unique ids, survive storage, and can be checked and recommended from."""
    ids = [s.id for s in service_map.services]
    assert len(ids) == len(set(ids)) >= 1
    assert service_map == services.ServiceMap.from_dict(service_map.to_dict())
    services.check_map(service_map)
    need = phases.Need(id="job", phase=phases.Phase.TRANSITION)
    services.recommend(service_map, [need])


@given(process_definitions(), st.data())
def test_process_definitions_start_and_take_attempts(
    definition: pf.ProcessDefinition, data: st.DataObject
) -> None:
    """Every drawn definition is shipped, and drawn pathways of it stay in its states."""
    assert definition in pf.definitions().values()
    run = data.draw(pathways(definition, max_attempts=5))
    assert run.pathway.state in definition.states
    assert date(2021, 1, 1) <= run.pathway.history[0].at


@settings(max_examples=40)
@given(data=st.data())
def test_mutations_change_the_document_and_never_the_original(data: st.DataObject) -> None:
    """A mutated document differs from the stored one, which stays as it was."""
    from pathway_fsm.testing import mutations

    pathway = data.draw(pathways(typ.definition(), max_attempts=6)).pathway
    document = pf.to_dict(pathway)
    kept = pf.to_dict(pathway)
    mutated = data.draw(mutations(document, max_mutations=1))
    assert kept == document
    assert mutated != document


def test_mutations_take_names_from_a_given_definition() -> None:
    """With definition=, swapped-in names are that definition's states and triggers."""
    from pathway_fsm.testing import _document_names

    names = _document_names({}, typ.definition())
    assert {"tunnista", "admit", "kela"} <= set(names)
    assert "kela" in _document_names({"definition": "x"}, None)
