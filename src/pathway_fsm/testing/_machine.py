"""A hypothesis state machine over one pathway: :class:`PathwayMachine`."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from hypothesis.strategies import SearchStrategy

from .._engine.definition import ProcessDefinition
from .._engine.model import Event
from .._engine.pathway import Pathway
from .._serialization import to_dict
from ..contract import assert_replays
from ..errors import PathwayDataError, TransitionRefused
from ._kit import Attempt, Run, attempts, pathways

__all__ = ["PathwayMachine"]


def _observable(pathway: Pathway[Any, Any]) -> tuple[object, ...]:
    """State, context, history and stored form of *pathway*, deep-copied."""
    state, context, history = pathway.snapshot()
    return (state, copy.deepcopy(context), history, copy.deepcopy(to_dict(pathway)))


class PathwayMachine(RuleBasedStateMachine):
    """A hypothesis state machine over one pathway of :attr:`definition`.

    It starts a pathway (with valid start data), then fires drawn :func:`attempts` at it,
    refused ones included, while the host's clock (:attr:`today`) moves on. After every
    step it checks that a refused attempt changed nothing and that replaying the history
    rebuilds the live pathway. A host subclasses it, names its definition and adds
    ``@invariant()`` methods over :attr:`pathway`; pytest runs the machine's ``TestCase``:

        from hypothesis import settings
        from hypothesis.stateful import invariant

        from pathway_fsm import typ
        from pathway_fsm.testing import PathwayMachine

        @settings(stateful_step_count=20)
        class OurTypRules(PathwayMachine):
            definition = typ.definition()

            @invariant()
            def ended_pathways_keep_their_closure(self) -> None:
                if self.pathway.state == "ended":
                    assert self.pathway.context.closure is not None

        TestOurTypRules = OurTypRules.TestCase

    Override :meth:`start` (e.g. to attach the host's hooks), :meth:`attempt_strategy`
    (e.g. no backdating), and :meth:`accepted` / :meth:`refused` to record the host's
    own bookkeeping; call ``super()`` where the base does work.

    Attributes:
        definition: the process to drive; set it on the subclass.
        pathway: the live pathway (set by the first step).
        accepted_events: the events of accepted attempts, in order.
        refusals: each refused attempt with the error it raised.
    """

    definition: ClassVar[ProcessDefinition[Any, Any] | None] = None
    client_id: ClassVar[str] = "client-x"

    def __init__(self) -> None:
        super().__init__()
        self.pathway: Pathway[Any, Any]
        self.accepted_events: list[Event] = []
        self.refusals: list[tuple[Attempt, Exception]] = []
        self._clock: date | None = None
        self._unchanged_by_refusal = True

    # ------------------------------------------------------------------ for hosts

    def get_definition(self) -> ProcessDefinition[Any, Any]:
        """The definition to drive: :attr:`definition` unless overridden."""
        definition = type(self).definition
        if definition is None:
            msg = f"{type(self).__name__} must set `definition` or override get_definition()"
            raise TypeError(msg)
        return definition

    def start(self, data: st.DataObject) -> Pathway[Any, Any]:
        """Start the pathway: a drawn day, an allowed actor and valid start data."""
        drawn: Run = data.draw(pathways(self.get_definition(), max_attempts=0), label="start")
        return drawn.pathway

    def attempt_strategy(self) -> SearchStrategy[Attempt]:
        """Attempts for the current state: :func:`attempts` unless overridden."""
        return attempts(self.get_definition(), state=self.pathway.state)

    def accepted(self, attempt: Attempt, event: Event) -> None:
        """Called after an attempt was accepted and recorded as *event*."""

    def refused(self, attempt: Attempt, error: Exception) -> None:
        """Called after an attempt was refused (or its data was malformed)."""

    @property
    def today(self) -> date:
        """The host's clock: never before the pathway's latest event."""
        latest = self.pathway.history[-1].at
        return latest if self._clock is None or self._clock < latest else self._clock

    # ------------------------------------------------------------------ steps

    @initialize(data=st.data())
    def start_pathway(self, data: st.DataObject) -> None:
        """Start the one pathway the machine drives."""
        self.pathway = self.start(data)

    @rule(data=st.data())
    def fire_attempt(self, data: st.DataObject) -> None:
        """Fire a drawn attempt; a refusal must leave the pathway as it was."""
        attempt: Attempt = data.draw(self.attempt_strategy(), label="attempt")
        before = _observable(self.pathway)
        try:
            event = attempt.fire(self.pathway)
        except (TransitionRefused, PathwayDataError) as error:
            self._unchanged_by_refusal = before == _observable(self.pathway)
            self.refusals.append((attempt, error))
            self.refused(attempt, error)
        else:
            self.accepted_events.append(event)
            self.accepted(attempt, event)

    @rule(days=st.integers(0, 120))
    def time_passes(self, days: int) -> None:
        """The host's clock moves on by *days*."""
        self._clock = self.today + timedelta(days=days)

    # ------------------------------------------------------------------ invariants

    @invariant()
    def refusal_changed_nothing(self) -> None:
        """A refused attempt left state, context, history and stored form as they were."""
        assert self._unchanged_by_refusal, "a refused attempt changed the pathway"

    @invariant()
    def replay_equals_live_pathway(self) -> None:
        """Replaying the history rebuilds a pathway equal to the live one."""
        assert_replays(self.pathway)
