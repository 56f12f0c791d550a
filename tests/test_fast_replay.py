"""The replay path that skips the shared machine gives what the machine's path gives.

Restoring runs no hook, so ``from_dict`` and ``replay`` enter events without the
``transitions`` dispatch. These properties compare that path with the reference, the
machine's, on valid and on mutated documents of every shipped definition: equal pathways,
or equal errors naming the same fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import budget
from pathway_fsm import journey, services, testing, typ
from pathway_fsm._engine.machine import Carrier, CompiledMachine
from pathway_fsm._engine.pathway import Pathway
from pathway_fsm._serialization import read_document

DEFINITIONS = [
    *pf.definitions().values(),
    typ.definition(profile="381/2023"),
    journey.definition(max_gap_days=2, roll_forward=True),
]


def _id(definition: pf.ProcessDefinition[Any, Any]) -> str:
    values = attrs.astuple(definition.policy, recurse=False)
    shown = (v.municipality if isinstance(v, services.ServiceMap) else str(v) for v in values)
    return "-".join((definition.name, *shown))


_each = pytest.mark.parametrize("definition", DEFINITIONS, ids=[_id(d) for d in DEFINITIONS])
_budget = budget()


def _outcome(call: Callable[[], Pathway[Any, Any]]) -> tuple[str, object]:
    """A replay's result as a comparable value: its stored form, or its error's fields."""
    try:
        pathway = call()
    except pf.PathwayDataError as exc:
        return "error", exc.errors
    except pf.DefinitionError as exc:
        return "definition error", exc.problems
    return "pathway", (pf.to_dict(pathway), pathway.context)


def _both(document: Any, definition: pf.ProcessDefinition[Any, Any]) -> None:
    """Replay *document* both ways and require the same outcome."""
    try:
        resolved, client_id, events = read_document(document, definition)
    except pf.PathwayDataError:
        return  # refused before any event is entered: both paths share this step
    fast = _outcome(lambda: Pathway._replay(resolved, events, client_id, None, typed=True))
    reference = _outcome(
        lambda: Pathway._replay(resolved, events, client_id, None, typed=True, through_machine=True)
    )
    assert reference == fast


@_each
@_budget
@given(data=st.data())
def test_fast_replay_equals_the_machine_on_valid_documents(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """Every pathway the live API builds replays to the same pathway both ways."""
    run = data.draw(testing.pathways(definition))
    _both(pf.to_dict(run.pathway), definition)


@_each
@_budget
@given(data=st.data())
def test_fast_replay_equals_the_machine_on_mutated_documents(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """A mutated document is refused with the same fields both ways, or accepted by both."""
    run = data.draw(testing.pathways(definition))
    document = pf.to_dict(run.pathway)
    mutated = data.draw(testing.mutations(document, definition=definition))
    _both(mutated, definition)


def test_fast_replay_refuses_what_a_guard_refuses() -> None:
    """A stored event its rules refuse is named the same way by both paths."""
    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    definition = typ.definition()
    pathway = definition.start("client-1", at=pf.add_days(pf.FIRST_DAY, 40_000), by=office)
    document = pf.to_dict(pathway)
    document["history"].append(
        {**document["history"][0], "seq": 2, "trigger": "begin_trial", "source": "tunnista"}
    )
    _both(document, definition)
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(document)
    assert ["$.history[1]"] == [path for path, _ in info.value.errors][:1]


def test_fast_replay_runs_no_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Restoring does not call the shared machine; a live fire still does."""
    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    day = pf.add_days(pf.FIRST_DAY, 40_000)
    pathway = typ.definition().start("client-1", at=day, by=office)
    pathway.fire("admit", at=day, by=office, **ENTRY)
    calls: list[str] = []
    original = CompiledMachine.fire

    def counting(self: CompiledMachine, trigger: str, carrier: Carrier) -> bool:
        calls.append(trigger)
        return original(self, trigger, carrier)

    monkeypatch.setattr(CompiledMachine, "fire", counting)
    restored = pf.from_dict(pf.to_dict(pathway))
    assert [] == calls
    restored.fire("make_plan", at=day, by=office, **PLAN)
    assert ["make_plan"] == calls


ENTRY = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
PLAN = {
    "services": [{"name": "arviointi", "provider": "wellbeing_county", "kind": "social"}],
    "follow_up": "kuukausittain",
    "job_search": "included",
    "made_with": ["employment_authority", "wellbeing_county", "kela", "client"],
    "assessed": ["competence", "social_situation", "health", "work_capacity"],
}
