"""The testing kit: its strategies give valid inputs, and its state machine base runs
the project's own processes with a host's invariants on top."""

from __future__ import annotations

import sys
import types
from datetime import date
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, run_state_machine_as_test

import pathway_fsm as pf
from pathway_fsm import phases, services, testing, typ
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
    from pathway_fsm.testing._documents import document_names

    names = document_names({}, typ.definition())
    assert {"tunnista", "admit", "kela"} <= set(names)
    assert "kela" in document_names({"definition": "x"}, None)


# --------------------------------------------------------------------------- the registry


def test_every_shipped_process_names_a_strategies_module_for_each_payload() -> None:
    """Each shipped entry's strategies module draws every payload class of its definition."""
    from pathway_fsm._registry import processes
    from pathway_fsm.testing._kit import strategies_of

    missing = []
    for name, process in processes().items():
        module = strategies_of(process)
        assert module is not None
        definition = process.definition()
        drawn = module.payload_strategies(definition)
        kinds = {s.payload for s in definition.transition_specs if s.payload is not None}
        missing += [(name, k.__name__) for k in kinds if k not in drawn]
    assert [] == missing


@settings(max_examples=20)
@given(data=st.data())
def test_a_start_that_takes_data_gets_it_from_its_strategies_module(data: st.DataObject) -> None:
    """start_data of a journey, a handover and a Kemi referral is valid for the role."""
    definition = pf.definitions()[data.draw(st.sampled_from(["journey", "handover", "kemi"]))]
    role = data.draw(st.sampled_from(sorted(definition.start_spec.roles)))
    given_data = data.draw(testing.start_data(definition, role))
    by = pf.Actor("a1", role)
    assert definition.start("c-1", at=date(2025, 1, 8), by=by, **given_data).state


def _host_definition(
    name: str, strategies: str | None
) -> tuple[pf.Process[Any], pf.ProcessDefinition[Any, Any]]:
    """A host's copy of TYP under its own name, and its registry entry."""
    shipped = typ.definition()
    definition = pf.ProcessDefinition(
        name=name,
        version="1",
        label=shipped.label,
        policy=shipped.policy,
        states=tuple(shipped.state(s) for s in shipped.states),
        transitions=shipped.transition_specs,
        context_factory=typ.TypContext,
    )
    return pf.Process(name, "1", typ.TypPolicy, lambda p: definition, strategies), definition


@pytest.mark.parametrize(
    ("strategies", "problem"),
    [
        ("no_such_module_anywhere", "cannot import"),
        ("pathway_fsm.errors", "defines no payload_strategies"),
    ],
)
def test_a_strategies_module_that_is_missing_or_incomplete_is_named(
    strategies: str, problem: str
) -> None:
    """A registered entry whose strategies module cannot serve is a DefinitionError."""
    process, definition = _host_definition("host_typ", strategies)
    pf.register(process)
    try:
        with pytest.raises(pf.DefinitionError, match=problem) as caught:
            testing.payloads(definition, "admit")
        assert "host_typ" == caught.value.name
    finally:
        pf.unregister("host_typ")


def test_payload_strategies_returning_no_mapping_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A payload_strategies that returns something else than a mapping is a DefinitionError."""
    module = types.ModuleType("host_broken_strategies")
    module.payload_strategies = lambda definition: [1, 2]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    process, definition = _host_definition("host_typ", module.__name__)
    pf.register(process)
    try:
        with pytest.raises(pf.DefinitionError, match="not a mapping"):
            testing.payloads(definition, "admit")
    finally:
        pf.unregister("host_typ")


def test_an_unregistered_definition_reuses_the_shipped_payload_strategies() -> None:
    """A host's definition that nobody registered still draws TYP data for TYP payloads."""
    _, definition = _host_definition("host_typ", None)
    assert testing.payloads(typ.definition(), "admit") is testing.payloads(definition, "admit")


def test_payloads_refuses_what_is_not_a_definition() -> None:
    """payloads() and start_data() of something else name the argument."""
    with pytest.raises(pf.PathwayDataError, match="definition"):
        testing.payloads("typ", "admit")  # type: ignore[arg-type]
    with pytest.raises(pf.PathwayDataError, match="definition"):
        testing.start_data("typ", pf.Role.KELA)  # type: ignore[arg-type]
