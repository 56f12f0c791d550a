"""A trigger without guards or notes is judged without a proposal, to the same verdict.

Differential property: :func:`judge_call` against :func:`judge` of the full proposal, for
every unguarded trigger of every shipped definition, on drawn pathways, actors, dates
and expected sequence numbers.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import budget, each_shipped
from pathway_fsm import testing
from pathway_fsm._engine.checks import OBSERVERS, judge, judge_call
from pathway_fsm._engine.spec import Proposal

_budget = budget()


@each_shipped
@_budget
@given(data=st.data())
def test_unguarded_trigger_verdict_matches_full_judgement(
    definition: pf.ProcessDefinition[Any, Any], data: st.DataObject
) -> None:
    """Wrong state, role, date order and stale sequence come out as judge says."""
    run = data.draw(testing.pathways(definition, max_attempts=8))
    state, context, history = run.pathway.snapshot()
    unguarded = [s for s in definition.transition_specs if not (s.guards or s.notes)]
    if not unguarded:
        return
    spec = data.draw(st.sampled_from(unguarded))
    actor = data.draw(testing.actors())
    at = history[-1].at + timedelta(days=data.draw(st.integers(-3, 3)))
    expected_seq = data.draw(st.sampled_from([None, len(history), len(history) - 1]))
    source = data.draw(st.sampled_from([None, state]))
    past = () if source is None else history
    proposal = Proposal(
        spec.trigger, source, context, None, at, actor, past, policy=definition.policy
    )
    expected = judge(definition, spec, proposal, expected_seq)
    proposed = (source, context, None, at, actor, past)
    assert expected == judge_call(definition, spec, expected_seq, proposed)


def test_unguarded_start_is_told_to_observers() -> None:
    """An observer hears the verdict on a trigger judged without a proposal."""
    heard: list[pf.Verdict] = []

    class Listener:
        def judged(self, definition: Any, verdict: pf.Verdict) -> None:
            heard.append(verdict)

        def recorded(self, definition: Any, event: Any) -> None:
            pass

    definition = pf.definitions()["typ"]
    OBSERVERS.append(Listener())
    try:
        definition.start(
            "client-1", at=date(2025, 1, 8), by=pf.Actor("ea-1", "employment_authority")
        )
    finally:
        OBSERVERS.pop()
    assert [pf.Verdict()] == heard
